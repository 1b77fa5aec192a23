/**
 * Throwaway git repositories for tests of the guard, the secrets scan, CODEOWNERS and erasure: commits with
 * chosen authors, files written, renamed, deleted, linked.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Person {
  name: string;
  email: string;
}

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string | Buffer>): Promise<void>;
  remove(...files: string[]): Promise<void>;
  link(file: string, target: string): Promise<void>;
  makeExecutable(file: string): Promise<void>;
  /** Stages everything and commits as `author` (committer too unless given); returns the commit id. */
  commit(message: string, author: Person, committer?: Person): string;
  /**
   * Makes a tree by hand (`git mktree`) from files by path, which may hold names git itself never writes
   * ("..", ".git", control characters); returns its id.
   */
  makeTree(files: Record<string, string | Buffer>): string;
  /** Commits `tree` with the given parents (none, one, or several for a merge) as `author`; returns the commit id. */
  commitTree(tree: string, parents: string[], message: string, author: Person, committer?: Person): string;
  dispose(): Promise<void>;
}

export async function createTestRepo(): Promise<TestRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'buurt-repo-'));
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C', ...env },
    });
  const runWithInput = (args: string[], input: string | Buffer, env: Record<string, string> = {}) =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C', ...env },
    }).trim();
  const identity = (author: Person, committer: Person) => ({
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  });
  run(['init', '-q', '-b', 'main']);
  run(['config', 'commit.gpgsign', 'false']);
  return {
    dir,
    git: (...args) => run(args),
    async write(files) {
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    },
    async remove(...files) {
      for (const file of files) await unlink(path.join(dir, file));
    },
    async link(file, target) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await symlink(target, path.join(dir, file));
    },
    async makeExecutable(file) {
      await chmod(path.join(dir, file), 0o755);
    },
    commit(message, author, committer = author) {
      run(['add', '-A']);
      run(['commit', '-q', '--allow-empty', '-m', message], identity(author, committer));
      return run(['rev-parse', 'HEAD']).trim();
    },
    makeTree(files) {
      type Folder = Map<string, Folder | string>;
      const root: Folder = new Map();
      for (const [name, content] of Object.entries(files)) {
        const parts = name.split('/');
        let folder = root;
        for (const part of parts.slice(0, -1)) {
          let next = folder.get(part);
          if (next === undefined || typeof next === 'string') folder.set(part, (next = new Map()));
          folder = next;
        }
        folder.set(parts.at(-1)!, runWithInput(['hash-object', '-w', '--stdin'], content));
      }
      const write = (folder: Folder): string =>
        runWithInput(
          ['mktree', '-z'],
          [...folder]
            .map(([name, entry]) => (typeof entry === 'string' ? `100644 blob ${entry}\t${name}\0` : `040000 tree ${write(entry)}\t${name}\0`))
            .join(''),
        );
      return write(root);
    },
    commitTree(tree, parents, message, author, committer = author) {
      return runWithInput(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])], message, identity(author, committer));
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
