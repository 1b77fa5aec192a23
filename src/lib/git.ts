/**
 * A small typed wrapper over the git command line: runs `git` with `execFile` (never through a shell, so no
 * argument is ever interpreted), in a given folder, and parses what the report, `buurt history` and
 * `buurt restore` need. Nothing here knows about buurten; see `report/history.ts` and `report/restore.ts`.
 */
import { execFile, spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** A git command failed; `stderr` holds git's own words. */
export class GitError extends Error {
  readonly args: readonly string[];
  readonly stderr: string;
  readonly exitCode: number | undefined;
  constructor(message: string, args: readonly string[], stderr: string, exitCode: number | undefined) {
    super(message);
    this.name = 'GitError';
    this.args = args;
    this.stderr = stderr;
    this.exitCode = exitCode;
  }
}

export interface GitOptions {
  /** The folder git runs in. */
  cwd: string;
  /** Extra environment (e.g. GIT_AUTHOR_NAME for a commit). */
  env?: Record<string, string | undefined>;
}

/**
 * Variables that would point git at another repository or index than the one found from `cwd`. They are set
 * when the CLI runs inside a git hook (e.g. tests in a pre-commit hook); we always locate the repository
 * from the folder instead.
 */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY'];

function gitEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of REPOSITORY_VARIABLES) delete env[key];
  // Messages we show stay English; never ask for credentials or open an editor or pager; paths are taken
  // literally (a folder name with "*" or "[" is not a pattern).
  Object.assign(env, { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_EDITOR: 'true', GIT_LITERAL_PATHSPECS: '1' });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `git <args>` in `cwd` and returns its standard output; throws `GitError` when git fails. */
export function git(args: readonly string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd: options.cwd, env: gitEnv(options.env), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = typeof error.code === 'number' ? error.code : undefined;
        const reason = stderr.trim() || error.message;
        reject(new GitError(`git ${args[0]} failed: ${reason}`, args, stderr, code));
      } else resolve(stdout);
    });
  });
}

/** The top folder of the git repository holding `dir`, or undefined when `dir` is not inside one. */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  try {
    return await realpath((await git(['rev-parse', '--show-toplevel'], { cwd: dir })).trim());
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
  return parseLog(await git(args, { cwd: root }));
}

/** True when the repository has at least one commit. */
export async function hasCommits(root: string): Promise<boolean> {
  try {
    await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

/** The full hash of a commit named by `revision` (a hash, a prefix, a tag, HEAD~2), or undefined. */
export async function resolveCommit(root: string, revision: string): Promise<string | undefined> {
  if (revision.startsWith('-')) return undefined;
  try {
    return (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], { cwd: root })).trim();
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
  const output = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths], { cwd: root });
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
  const output = await git(['diff', '-z', '--no-renames', '--name-status', from, to, '--', ...paths], { cwd: root });
  const tokens = output.split('\0').filter(Boolean);
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    changes.push({ status: STATUS[tokens[i]![0]!] ?? 'modified', path: tokens[i + 1]! });
  }
  return changes;
}

/**
 * Runs `git <args>` in `cwd` with `input` on its standard input and returns its standard output as bytes (blobs,
 * `cat-file --batch`), with the same environment rules as `git`; throws `GitError` when git fails.
 */
export function gitBytes(args: readonly string[], options: GitOptions & { input?: string | Buffer }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], { cwd: options.cwd, env: gitEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (error) => reject(new GitError(`git ${args[0]} failed: ${error.message}`, args, '', undefined)));
    child.once('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed: ${stderr.trim() || `exit code ${code}`}`, args, stderr, code ?? undefined));
    });
    // git may exit before reading all of its input (e.g. on a bad argument); the exit code tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
