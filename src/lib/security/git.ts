/** Running git in a repository, for the guard, the secrets scan and the erasure procedure. */
import { execFile } from 'node:child_process';

/** Thrown when a git command fails; `stderr` holds git's own words. */
export class GitError extends Error {
  readonly stderr: string;
  constructor(args: readonly string[], stderr: string) {
    super(`git ${args.join(' ')} failed: ${stderr.trim() || 'no output'}`);
    this.name = 'GitError';
    this.stderr = stderr;
  }
}

export interface GitOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
}

/** Runs git in `repoDir` and returns its output as bytes. */
export function gitBuffer(repoDir: string, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: repoDir,
        encoding: 'buffer',
        maxBuffer: 1024 * 1024 * 1024,
        // A fixed, predictable git: no pager, no user config that changes output, English messages.
        env: { ...process.env, GIT_PAGER: 'cat', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', ...options.env },
      },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(args, stderr.toString()));
        else resolve(stdout);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs git in `repoDir` and returns its output as text. */
export async function git(repoDir: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await gitBuffer(repoDir, args, options)).toString('utf8');
}

/** The commit id a ref names, or undefined when it names none (a ref that looks like an option names none). */
export async function resolveCommit(repoDir: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  try {
    return (await git(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The text of `file` at commit `ref`, or undefined when it does not exist there. */
export async function showFile(repoDir: string, ref: string, file: string): Promise<string | undefined> {
  try {
    return await git(repoDir, ['cat-file', 'blob', `${ref}:${file}`]);
  } catch {
    return undefined;
  }
}
