/**
 * How long `npm start` takes until the CMS is usable: from starting `scripts/start.ts` until `/admin/config.yml`
 * answers and the CMS API lists the news (`entriesByFolder`), both on the site's own origin. Runs against a
 * shared clone of this repository (so the branch `buurt-cms/<slug>` is made there, not here) with its own dist
 * and cache folders: the first start is cold (Astro compiles into an empty cache), the second is warm.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../platform/local-cms/local-repo.ts';
import { rootDir } from '../../src/core/paths.ts';

export interface StartupResult {
  /** "cold" (empty cache) or "warm" (second start). */
  run: string;
  /** Seconds until /admin/config.yml and the CMS API answered. */
  seconds: number;
}

const run = promisify(execFile);

async function answers(url: string, slug: string): Promise<boolean> {
  try {
    const config = await fetch(`${url}/admin/config.yml`, { signal: AbortSignal.timeout(30_000) });
    if (!config.ok) return false;
    const api = await fetch(`${url}/api/v1`, {
      method: 'POST',
      signal: AbortSignal.timeout(30_000),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'entriesByFolder',
        params: { branch: `buurt-cms/${slug}`, folder: `sites/${slug}/content/nieuws`, extension: 'md', depth: 1 },
      }),
    });
    return api.ok && Array.isArray(await api.json());
  } catch {
    return false;
  }
}

/** Starts `npm start` `runs` times in `workDir` and measures each start until the CMS is usable. */
export async function measureStartup(workDir: string, slug = 'voorbeeldwijk', runs = ['cold', 'warm']): Promise<StartupResult[]> {
  const clone = path.join(workDir, 'repo');
  await mkdir(workDir, { recursive: true });
  await run('git', ['clone', '-q', '--shared', rootDir, clone]);
  const env = {
    ...process.env,
    BUURT: slug,
    BUURT_REPO_DIR: clone,
    BUURT_DIST_DIR: path.join(workDir, 'dist'),
    BUURT_CACHE_DIR: path.join(workDir, 'cache'),
    BUURT_CMS_AUTHOR_NAME: 'Bench',
    BUURT_CMS_AUTHOR_EMAIL: 'bench@example.invalid',
  };
  const results: StartupResult[] = [];
  for (const name of runs) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(rootDir, 'scripts/start.ts')], { cwd: rootDir, env: { ...env, PORT: String(port) }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    try {
      for (;;) {
        if (exitCode !== undefined) throw new Error(`npm start stopped with exit code ${exitCode} before the CMS answered`);
        if (await answers(url, slug)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      results.push({ run: name, seconds: (performance.now() - started) / 1000 });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }
  return results;
}
