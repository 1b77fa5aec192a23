#!/usr/bin/env bash
# Netlify's ignore command (netlify.toml): exit 0 skips this site's build, exit 1 builds it.
#
# Each buurt is its own Netlify site built from this one repository, so every push starts a build on every site.
# A site only needs to build when its own folder sites/$BUURT/ or the shared code changed since the commit of its
# last deploy (CACHED_COMMIT_REF). When in doubt it builds: no BUURT, no previous commit (first build, or the cache
# was cleared: then Netlify sets CACHED_COMMIT_REF to COMMIT_REF), a commit missing from the clone, a git error,
# or a build hook (the nightly rebuild; Netlify never cancels those anyway).
set -u

# Keep in step with SHARED_INPUTS (src/lib/fingerprint.ts) and NETLIFY_INPUTS (src/lib/netlify.ts); a test checks.
SHARED_PATHS=(src public docs/redactie astro.config.mjs package.json package-lock.json tsconfig.json netlify.toml scripts/netlify)

build() { echo "buurtsites: building: $1"; exit 1; }

slug="${BUURT:-}"
[ -n "$slug" ] || build "BUURT is not set (the build will explain)"
[ -z "${INCOMING_HOOK_URL:-}${INCOMING_HOOK_TITLE:-}" ] || build "started by a build hook"
from="${CACHED_COMMIT_REF:-}"
to="${COMMIT_REF:-HEAD}"
[ -n "$from" ] || build "no previous deploy to compare with"
[ "$from" != "$to" ] || build "no cached build to compare with (CACHED_COMMIT_REF is COMMIT_REF)"
git cat-file -e "${from}^{commit}" 2>/dev/null || build "the previous commit $from is not in this clone"
git cat-file -e "${to}^{commit}" 2>/dev/null || build "the commit $to is not in this clone"

git diff --quiet "$from" "$to" -- "sites/$slug" "${SHARED_PATHS[@]}"
case $? in
  0) echo "buurtsites: skipping: nothing in sites/$slug/ or the shared code changed since $from"; exit 0 ;;
  1) build "sites/$slug/ or the shared code changed since $from" ;;
  *) build "git could not compare $from and $to" ;;
esac
