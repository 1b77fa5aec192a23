/**
 * The real `buurt preview` command in its own process, on a free port, for tests that need real responses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoDir } from './fixtures.ts';

export interface RunningPreview {
  /** "http://127.0.0.1:40123" */
  origin: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts `buurt preview <slug> --port 0` with `env` (the workspace's BUURT_* variables). */
export function startPreview(slug: string, env: Record<string, string>): Promise<RunningPreview> {
  const child: ChildProcess = spawn(process.execPath, [path.join(repoDir, 'scripts/buurt.ts'), 'preview', slug, '--port', '0'], {
    cwd: repoDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`buurt preview did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        const port = Number(match[1]);
        resolve({ origin: `http://127.0.0.1:${port}`, port, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`buurt preview exited with code ${code}:\n${output}`));
    });
  });
}
