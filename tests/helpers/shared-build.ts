/**
 * Fixture buurten built once per test run and shared by every test file that reads them.
 *
 * A build of a fixture buurt costs 5–15 CPU-seconds; the reader and security fixtures are each read by three
 * files. The first file that asks for a fixture builds it into the run's shared folder (vitest.config.ts makes
 * one per run and hands it to the workers as `sharedBuilds`), under a lock folder that holds its process id;
 * files asking meanwhile wait until it is done (or take over when that process died). Every file then gets its
 * own copy of the built buurt (sites/<slug>/ and dist/<slug>/) in its own workspace, so a file that adds to the
 * output (the security files add the search page and the CMS) never changes what another file reads.
 *
 * The shared folder lives for one run only: a build never outlives the code that made it. Outside vitest's
 * config (no `sharedBuilds` provided) each process gets a folder of its own, so nothing is shared but nothing
 * breaks either.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createWorkspace, type Workspace } from './fixtures.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder this run's shared fixture builds go into (see vitest.config.ts). */
    sharedBuilds: string;
  }
}

/** How often a waiting file looks whether the build it waits for is done. */
const POLL_MS = 200;

let ownRoot: Promise<string> | undefined;

/** The run's shared folder, or (outside the project's vitest config) one of this process. */
async function sharedRoot(): Promise<string> {
  let provided: string | undefined;
  try {
    provided = inject('sharedBuilds');
  } catch {
    provided = undefined;
  }
  if (provided) {
    await mkdir(provided, { recursive: true });
    return provided;
  }
  ownRoot ??= mkdtemp(path.join(tmpdir(), 'buurt-shared-builds-'));
  return ownRoot;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Builds the fixture `name` once per run (`build` writes and builds buurt `slug` in the workspace it gets) and
 * copies the result into `workspace`. Returns the output folder in `workspace` (dist/<slug>/).
 */
export async function sharedBuild(workspace: Workspace, name: string, slug: string, build: (workspace: Workspace) => Promise<unknown>): Promise<string> {
  const root = await sharedRoot();
  const dir = path.join(root, name);
  await ensureBuilt(root, name, (target) => buildInto(target, build));
  await cp(path.join(dir, 'sites', slug), path.join(workspace.sitesDir, slug), { recursive: true });
  await cp(path.join(dir, 'dist', slug), path.join(workspace.distDir, slug), { recursive: true });
  return path.join(workspace.distDir, slug);
}

/** Runs `build` in a workspace at `target` without changing the BUURT_* variables of the calling file. */
async function buildInto(target: string, build: (workspace: Workspace) => Promise<unknown>): Promise<void> {
  const saved = { ...process.env };
  try {
    await build(await createWorkspace({ root: target }));
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

async function ensureBuilt(root: string, name: string, build: (target: string) => Promise<void>): Promise<void> {
  const dir = path.join(root, name);
  const done = `${dir}.done`;
  const failed = `${dir}.failed`;
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) return;
    if (existsSync(failed)) throw new Error(`The shared fixture "${name}" failed to build in another test file:\n${await readFile(failed, 'utf8')}`);
    try {
      await mkdir(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
      // A lock without a pid file is being taken right now; one whose process died is taken over.
      if (holder && !running(holder)) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    try {
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      await rm(dir, { recursive: true, force: true });
      try {
        await build(dir);
      } catch (error) {
        await writeFile(failed, (error as Error).stack ?? String(error));
        throw error;
      }
      await writeFile(done, new Date().toISOString());
      return;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
