#!/usr/bin/env bash
# Netlify's ignore command (netlify.toml): exit 0 skips this site's build, exit 1 builds it.
#
# Each buurt is its own Netlify site built from this one repository, so every push starts a build on every site.
# A site only needs to build when its own folder sites/$BUURT/ or one of the shared inputs changed since the commit
# of its last deploy (CACHED_COMMIT_REF). The shared inputs are the files the build depends on, listed in
# shared-inputs.txt beside this script (generated from the build's import graph by `npm run inputs:shared`; Netlify
# runs this script before npm install, so it reads the list with bash and git only). When in doubt it builds: no
# BUURT, no list, no previous commit (first build, or the cache was cleared: then Netlify sets CACHED_COMMIT_REF to
# COMMIT_REF), a commit missing from the clone, a git error, or a build hook (the nightly rebuild; Netlify never
# cancels those anyway).
set -u

build() { echo "buurtsites: building: $1"; exit 1; }

list="$(dirname "${BASH_SOURCE[0]}")/shared-inputs.txt"
shared_paths=()
if [ -r "$list" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    shared_paths+=("$line")
  done <"$list"
fi

slug="${BUURT:-}"
[ -n "$slug" ] || build "BUURT is not set (the build will explain)"
[ "${#shared_paths[@]}" -gt 0 ] || build "the list of shared inputs $list is missing or empty"
[ -z "${INCOMING_HOOK_URL:-}${INCOMING_HOOK_TITLE:-}" ] || build "started by a build hook"
from="${CACHED_COMMIT_REF:-}"
to="${COMMIT_REF:-HEAD}"
[ -n "$from" ] || build "no previous deploy to compare with"
[ "$from" != "$to" ] || build "no cached build to compare with (CACHED_COMMIT_REF is COMMIT_REF)"
git cat-file -e "${from}^{commit}" 2>/dev/null || build "the previous commit $from is not in this clone"
git cat-file -e "${to}^{commit}" 2>/dev/null || build "the commit $to is not in this clone"

# Test files never reach a build (the same exclusion as isIgnoredSharedFile in scripts/platform/build/shared-inputs.ts).
git diff --quiet "$from" "$to" -- "sites/$slug" "${shared_paths[@]}" ':(exclude,glob)**/*.test.ts'
case $? in
  0) echo "buurtsites: skipping: nothing in sites/$slug/ or the shared inputs changed since $from"; exit 0 ;;
  1) build "sites/$slug/ or the shared inputs changed since $from" ;;
  *) build "git could not compare $from and $to" ;;
esac
