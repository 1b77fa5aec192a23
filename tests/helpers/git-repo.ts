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
      run(['commit', '-q', '--allow-empty', '-m', message], {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
      });
      return run(['rev-parse', 'HEAD']).trim();
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
