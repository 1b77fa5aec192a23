/**
 * decap-server (npm) in git mode, for local editing: every save becomes a commit in the folder it is given
 * (the CMS worktree, see local-repo.ts). It listens on 127.0.0.1 only, with a git identity of its own, and
 * the site forwards the CMS API to it from its own origin (proxy.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { rootDir } from '../paths.ts';
import { LocalEditingError } from './local-repo.ts';

/** Who local CMS commits are by, unless BUURT_CMS_AUTHOR_NAME / BUURT_CMS_AUTHOR_EMAIL say otherwise. */
export const LOCAL_AUTHOR = { name: 'Buurtredactie (lokaal)', email: 'buurt-cms@users.noreply.localhost' } as const;

export interface DecapServer {
  /** "http://127.0.0.1:8081" */
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function decapServerEntry(): string {
  const require = createRequire(path.join(rootDir, 'package.json'));
  return path.join(path.dirname(require.resolve('decap-server/package.json')), 'dist', 'index.js');
}

/** Starts decap-server in git mode on `repoDir`; resolves once it answers. */
export async function startDecapServer(options: { repoDir: string; port?: number; onLog?: (line: string) => void }): Promise<DecapServer> {
  const port = options.port ?? (await freePort());
  const name = process.env.BUURT_CMS_AUTHOR_NAME ?? LOCAL_AUTHOR.name;
  const email = process.env.BUURT_CMS_AUTHOR_EMAIL ?? LOCAL_AUTHOR.email;
  const child: ChildProcess = spawn(process.execPath, [decapServerEntry()], {
    cwd: options.repoDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MODE: 'git',
      GIT_REPO_DIRECTORY: options.repoDir,
      PORT: String(port),
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 40) output.shift();
      options.onLog?.(line);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await Promise.race([exited.then(() => 'exited' as const), ping(url)]);
    if (state === 'exited') throw new LocalEditingError(`decap-server stopped right after starting:\n${output.join('\n')}`);
    if (state) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new LocalEditingError(`decap-server did not answer on ${url} within 20 s:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function ping(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
    return res.ok;
  } catch {
    return false;
  }
}
