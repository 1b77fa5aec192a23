/**
 * The CMS's own git worktree for local editing. decap-server in git mode runs `git add .`, commits with
 * `--no-verify` and checks branches out in the folder it is given: pointed at a working checkout it would
 * sweep unrelated work into a CMS commit. So each buurt gets a worktree of its own, `.cache/cms/<slug>/`, on
 * the branch `buurt-cms/<slug>`, created from HEAD on the first start and reused afterwards. Its edits reach
 * the main branch with an ordinary `git merge buurt-cms/<slug>`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Thrown when local editing cannot start; `message` says why and what to do. */
export class LocalEditingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalEditingError';
  }
}

/** Runs git in `cwd` and returns its trimmed output. */
export async function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export interface CmsWorktree {
  /** The repository's top folder. */
  repoDir: string;
  /** The worktree decap-server commits in. */
  dir: string;
  /** Its branch: the CMS's "main" branch. */
  branch: string;
  /** True when this start created it. */
  created: boolean;
}

/** The branch of the CMS worktree of a buurt. */
export function cmsBranch(slug: string): string {
  return `buurt-cms/${slug}`;
}

/**
 * Creates (or reuses) the CMS worktree of `slug` inside the git repository at `repoDir`. Refuses clearly when
 * `repoDir` is not a git repository or has no commit yet.
 */
export async function prepareCmsWorktree(repoDir: string, slug: string): Promise<CmsWorktree> {
  let top: string;
  try {
    top = await git(repoDir, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new LocalEditingError(
      `${repoDir} is not a git repository. Local editing saves every change as a git commit, so it needs one: ` +
        'clone the repository with git (or run "git init && git add -A && git commit -m Start") and try again.',
    );
  }
  try {
    await git(top, ['rev-parse', '--verify', 'HEAD^{commit}']);
  } catch {
    throw new LocalEditingError(`The git repository in ${top} has no commit yet; commit the sites first (git add -A && git commit -m Start).`);
  }
  const dir = path.join(top, '.cache', 'cms', slug);
  const branch = cmsBranch(slug);
  if (existsSync(path.join(dir, '.git'))) {
    const current = await git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']);
    if (current !== branch) await git(dir, ['checkout', branch]);
    return { repoDir: top, dir, branch, created: false };
  }
  await git(top, ['worktree', 'prune']);
  await mkdir(path.dirname(dir), { recursive: true });
  const exists = await git(top, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).then(
    () => true,
    () => false,
  );
  await git(top, exists ? ['worktree', 'add', dir, branch] : ['worktree', 'add', '-b', branch, dir, 'HEAD']);
  return { repoDir: top, dir, branch, created: true };
}

/** The commit a branch points at. */
export function headOf(dir: string, branch: string): Promise<string> {
  return git(dir, ['rev-parse', `refs/heads/${branch}`]);
}
