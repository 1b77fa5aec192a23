/**
 * The one git runner of the platform: runs `git` with `execFile` (never through a shell, so no argument is ever
 * interpreted) in a given folder, with a fixed environment, and parses its NUL-separated output. The report,
 * `buurt history`/`restore`, `build --changed`, the guard, the secrets scan, `buurt erase`,
 * the local CMS backend and the residents' drafts all go through it. Nothing here knows about buurten. A command
 * whose output is too large to hold (`git archive` of a buurt, piped into `tar` by `scripts/platform/local-cms/local-repo.ts`) is started
 * with `spawnGit`, in the same environment.
 */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { PlatformError } from './errors.ts';

/** A git command failed; `stderr` holds git's own words. */
export class GitError extends PlatformError {
  readonly args: readonly string[];
  readonly stderr: string;
  readonly exitCode: number | undefined;
  constructor(message: string, args: readonly string[], stderr: string, exitCode?: number) {
    super(message, { kind: 'environment' });
    this.name = 'GitError';
    this.args = args;
    this.stderr = stderr;
    this.exitCode = exitCode;
  }
}

export interface GitOptions {
  /** Extra environment (e.g. GIT_AUTHOR_NAME for a commit); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Written to git's standard input. */
  input?: string | Buffer;
}

/**
 * Variables that would point git at another repository or index than the one found from `cwd`. They are set
 * when the CLI runs inside a git hook (e.g. tests in a pre-commit hook); we always locate the repository
 * from the folder instead.
 */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY'];

/** The environment every git command of the platform runs with (also the git that git-filter-repo runs). */
export function gitEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of REPOSITORY_VARIABLES) delete env[key];
  // Messages we show stay English; never ask for credentials or open an editor or pager; no system-wide
  // config that changes output; paths are taken literally (a folder name with "*" or "[" is not a pattern).
  Object.assign(env, {
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    GIT_EDITOR: 'true',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_LITERAL_PATHSPECS: '1',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Starts `git <args>` in `cwd` with the runner's environment and its standard output as a stream, for output too
 * large to buffer; the caller reads `stdout` and checks the exit code.
 */
export function spawnGit(cwd: string, args: readonly string[], options: Pick<GitOptions, 'env'> = {}): ChildProcessByStdio<null, Readable, Readable> {
  return spawn('git', [...args], { cwd, env: gitEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `git <args>` in `cwd` and returns its standard output as bytes; throws `GitError` when git fails. */
export function gitBuffer(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', [...args], { cwd, env: gitEnv(options.env), maxBuffer: 1024 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) {
        const code = typeof error.code === 'number' ? error.code : undefined;
        const text = stderr.toString('utf8');
        const reason = text.trim() || error.message;
        reject(new GitError(`git ${args[0]} failed: ${reason}`, args, text, code));
      } else resolve(stdout);
    });
    // git may exit before reading all of its input (e.g. on a bad argument); the exit code tells. Standard
    // input is always closed, so a command that reads it never waits.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** Runs `git <args>` in `cwd` and returns its standard output as text; throws `GitError` when git fails. */
export async function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await gitBuffer(cwd, args, options)).toString('utf8');
}

/** The non-empty fields of NUL-separated output (`-z`), e.g. of `ls-files -z` or `diff --name-only -z`. */
export function splitNul(output: string): string[] {
  return output.split('\0').filter(Boolean);
}

/** The non-empty lines of output (e.g. of `rev-list` or `for-each-ref`). */
export function splitLines(output: string): string[] {
  return output.split('\n').filter(Boolean);
}

/** The text of `file` at commit `ref`, or undefined when it does not exist there. */
export async function showFile(root: string, ref: string, file: string): Promise<string | undefined> {
  try {
    return await git(root, ['cat-file', 'blob', `${ref}:${file}`]);
  } catch {
    return undefined;
  }
}

/** The top folder of the git repository holding `dir`, or undefined when `dir` is not inside one. */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  try {
    return await realpath((await git(dir, ['rev-parse', '--show-toplevel'])).trim());
  } catch {
    return undefined;
  }
}

/** `dir` relative to `root` with forward slashes ("sites/oost"), resolving symbolic links on both. */
export async function relativeToRoot(root: string, dir: string): Promise<string> {
  const real = await realpath(dir);
  return path.relative(root, real).split(path.sep).join('/');
}

/** How a file changed in a commit. */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FileChange {
  status: ChangeStatus;
  /** Path relative to the repository root, after the change. */
  path: string;
  /** For a rename: the path before. */
  from?: string;
}

export interface Commit {
  hash: string;
  /** When the commit entered the repository (committer date). */
  date: Date;
  authorName: string;
  authorEmail: string;
  subject: string;
  /** Files changed, limited to the paths the log was asked about. */
  files: FileChange[];
}

const RECORD = '\x1e';
const FIELD = '\x1f';
/** The `--format` that `parseLog` reads. */
export const LOG_FORMAT = `${RECORD}%H${FIELD}%ct${FIELD}%an${FIELD}%ae${FIELD}%s`;

const STATUS: Record<string, ChangeStatus> = { A: 'added', C: 'added', M: 'modified', T: 'modified', D: 'deleted', R: 'renamed' };

/** Parses `git log -z --name-status --format=LOG_FORMAT` output. */
export function parseLog(output: string): Commit[] {
  const commits: Commit[] = [];
  for (const record of output.split(RECORD)) {
    if (!record.trim()) continue;
    const headerEnd = record.indexOf('\0');
    const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
    const [hash, time, authorName, authorEmail, subject] = header.split(FIELD);
    const tokens =
      headerEnd === -1
        ? []
        : record
            .slice(headerEnd + 1)
            .replace(/^\n/, '')
            .split('\0');
    const files: FileChange[] = [];
    for (let i = 0; i < tokens.length;) {
      const code = tokens[i]!.trim();
      if (!code) {
        i++;
        continue;
      }
      const status = STATUS[code[0]!] ?? 'modified';
      if (code[0] === 'R' || code[0] === 'C') {
        const from = tokens[i + 1]!;
        const to = tokens[i + 2]!;
        files.push(code[0] === 'R' ? { status, path: to, from } : { status, path: to });
        i += 3;
      } else {
        files.push({ status, path: tokens[i + 1]! });
        i += 2;
      }
    }
    commits.push({
      hash: hash!,
      date: new Date(Number(time) * 1000),
      authorName: authorName ?? '',
      authorEmail: authorEmail ?? '',
      subject: subject ?? '',
      files,
    });
  }
  return commits;
}

export interface LogOptions {
  /** Only commits touching these paths (relative to the repository root). */
  paths: readonly string[];
  /** At most this many commits. */
  limit?: number;
  /** The commit to start from; HEAD by default. */
  revision?: string;
}

/**
 * The commits of the current branch that changed `paths`, newest first, each with the files it changed there
 * (renames detected). Merge commits are left out: the edits they bring in appear as their own commits.
 */
export async function readLog(root: string, options: LogOptions): Promise<Commit[]> {
  if (!(await hasCommits(root))) return [];
  const args = ['log', '-z', '--no-merges', '--name-status', '-M', `--format=${LOG_FORMAT}`];
  if (options.limit !== undefined) args.push(`-n${options.limit}`);
  args.push(options.revision ?? 'HEAD', '--', ...options.paths);
  return parseLog(await git(root, args));
}

/** True when the repository has at least one commit. */
export async function hasCommits(root: string): Promise<boolean> {
  try {
    await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return true;
  } catch {
    return false;
  }
}

/** The full hash of a commit named by `revision` (a hash, a prefix, a tag, HEAD~2), or undefined. */
export async function resolveCommit(root: string, revision: string): Promise<string | undefined> {
  if (revision.startsWith('-')) return undefined;
  try {
    return (await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** One line of `git status --porcelain` for paths: the two status letters and the path. */
export interface StatusEntry {
  /** Two letters: index and working tree ("M ", " M", "??", "D ", …). */
  code: string;
  path: string;
}

/** Uncommitted changes (staged, unstaged and untracked files) under `paths`. */
export async function status(root: string, paths: readonly string[]): Promise<StatusEntry[]> {
  const output = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths]);
  const tokens = output.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.length < 4) continue;
    const code = token.slice(0, 2);
    entries.push({ code, path: token.slice(3) });
    // A rename or copy is followed by its original path.
    if (code[0] === 'R' || code[0] === 'C') i++;
  }
  return entries;
}

/** Files that differ between two commits under `paths`, as A/M/D from `from` to `to` (no rename pairing). */
export async function diffNames(root: string, from: string, to: string, paths: readonly string[]): Promise<FileChange[]> {
  const output = await git(root, ['diff', '-z', '--no-renames', '--name-status', from, to, '--', ...paths]);
  const tokens = splitNul(output);
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    changes.push({ status: STATUS[tokens[i]![0]!] ?? 'modified', path: tokens[i + 1]! });
  }
  return changes;
}
