/**
 * Which buurten a set of git changes touches, for `buurt build --changed <ref>`: a change inside
 * `sites/<slug>/` touches that buurt; a change to a shared input (scripts/netlify/shared-inputs.txt, see
 * shared-inputs.ts) touches every buurt.
 */
import path from 'node:path';
import { git, GitError, resolveCommit, splitNul } from '../../../src/core/git.ts';
import { rootDir, sitesDir as defaultSitesDir } from '../../../src/core/paths.ts';
import { isSharedInput, readSharedInputs } from './shared-inputs.ts';

export interface ChangedBuurten {
  /** Every buurt must be built because shared code changed. */
  all: boolean;
  /** The buurten whose folders changed (all known buurten when `all`). */
  slugs: string[];
  /** The changed shared files, when `all`. */
  sharedFiles: string[];
  /** Every changed file, relative to the repository. */
  files: string[];
}

export interface ChangedOptions {
  /** The repository (default: this one). */
  repoDir?: string;
  /** The sites folder (default: sites/ or BUURT_SITES_DIR). */
  sitesDir?: string;
  /** The buurten that exist now. */
  known: readonly string[];
  /** The shared inputs (default: the committed list of this repository's code, `readSharedInputs()`). */
  sharedInputs?: readonly string[];
}

/** Files changed since `ref`: committed, staged and unstaged changes and untracked files, relative to the repository. */
export async function changedFiles(ref: string, repoDir: string = rootDir): Promise<string[]> {
  if ((await resolveCommit(repoDir, ref)) === undefined) {
    throw new GitError(`"${ref}" is not a commit in ${repoDir}; give a branch, tag or commit (e.g. origin/main or HEAD~3)`, ['rev-parse', ref], '');
  }
  const [diff, untracked] = await Promise.all([
    git(repoDir, ['diff', '--name-only', '--no-renames', '-z', ref, '--']),
    git(repoDir, ['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const names = [...splitNul(diff), ...splitNul(untracked)];
  return [...new Set(names)].sort();
}

/** The buurten touched by `files` (paths relative to the repository). */
export function buurtenTouchedBy(files: readonly string[], options: ChangedOptions): ChangedBuurten {
  const repoDir = options.repoDir ?? rootDir;
  const sitesPrefix = `${path
    .relative(repoDir, options.sitesDir ?? defaultSitesDir())
    .split(path.sep)
    .join('/')}/`;
  const sharedInputs = options.sharedInputs ?? readSharedInputs();
  const sharedFiles = files.filter((file) => isSharedInput(file, sharedInputs));
  if (sharedFiles.length) return { all: true, slugs: [...options.known], sharedFiles, files: [...files] };
  const slugs = new Set<string>();
  for (const file of files) {
    if (!file.startsWith(sitesPrefix)) continue;
    const slug = file.slice(sitesPrefix.length).split('/')[0]!;
    if (options.known.includes(slug)) slugs.add(slug);
  }
  return { all: false, slugs: options.known.filter((s) => slugs.has(s)), sharedFiles: [], files: [...files] };
}

/** The buurten touched since `ref` (see `buurtenTouchedBy`). */
export async function buurtenChangedSince(ref: string, options: ChangedOptions): Promise<ChangedBuurten> {
  return buurtenTouchedBy(await changedFiles(ref, options.repoDir), options);
}
