/** The real `buurt` CLI in its own process, for tests of exit codes and output. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoDir } from './fixtures.ts';

export interface CliResult {
  /** The exit code; -1 when the process was killed by a signal. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working folder (default: the repository). */
  cwd?: string;
  /** Added to this process's environment (or, with `baseEnv`, to that). */
  env?: Record<string, string | undefined>;
  /** The environment to start from instead of this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Written to the CLI's standard input, which is then closed. */
  input?: string;
}

/** Runs `node scripts/buurt.ts <args>` with Node 24 and collects its exit code and output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoDir, 'scripts/buurt.ts'), ...args], {
      cwd: options.cwd ?? repoDir,
      env: { ...(options.baseEnv ?? process.env), ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
