/**
 * Local editing of one buurt: the site and its /admin/ on 127.0.0.1, decap-server in git mode committing in
 * the CMS's own worktree (local-repo.ts), and the CMS API forwarded from the site's origin (proxy.ts).
 *
 * Two ways to show the site:
 * - `dev` (`buurt dev`): Astro's dev server reading the worktree's files; saved edits show on the next reload.
 * - `static` (`npm start`): the real production build, served as built; after every CMS action that moves the
 *   CMS branch, the site is rebuilt from a snapshot of that branch (`git archive`), so what is shown is exactly
 *   what was committed, never a draft decap-server has checked out for a moment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { astroBin, buildSite, childEnv, prepareAstroRoot } from '../build.ts';
import { cacheRoot, sitePaths } from '../paths.ts';
import { serveStatic } from '../serve.ts';
import { adminContent, adminFile, type AdminContent } from './admin-files.ts';
import { localBackend } from './backend.ts';
import { startDecapServer, type DecapServer } from './decap-server.ts';
import { headOf, LocalEditingError, prepareCmsWorktree, type CmsWorktree } from './local-repo.ts';
import { forwardCmsApi, isCmsApiRequest } from './proxy.ts';

export interface LocalEditingOptions {
  slug: string;
  /** The git repository holding `sites/`. */
  repoDir: string;
  port: number;
  mode: 'dev' | 'static';
  /** Extra environment for builds (BUURT_NOW). */
  env?: Record<string, string>;
  /**
   * Answers requests before the site and the CMS (static mode): the mounted Netlify Functions, see
   * scripts/functions/mount.ts. Returns true when it answered.
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  onLog?: (line: string) => void;
}

export interface LocalEditing {
  /** "http://127.0.0.1:4321" */
  url: string;
  worktree: CmsWorktree;
  decap: DecapServer;
  /** Static mode: resolves when the rebuilds asked for so far are done. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Refuses clearly when `port` is taken on 127.0.0.1. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalEditingError(
              `Port ${port} on 127.0.0.1 is already in use (is "npm start" or "buurt dev" already running?). Stop that program, or choose another port with --port (buurt dev) or PORT=4322 npm start.`,
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Starts local editing; the caller stops it. */
export async function startLocalEditing(options: LocalEditingOptions): Promise<LocalEditing> {
  await assertPortFree(options.port);
  const worktree = await prepareCmsWorktree(options.repoDir, options.slug);
  const worktreeSites = path.join(worktree.dir, 'sites');
  const decap = await startDecapServer({ repoDir: worktree.dir, ...(options.onLog ? { onLog: options.onLog } : {}) });
  try {
    const url = `http://127.0.0.1:${options.port}`;
    if (options.mode === 'dev') {
      const child = await startDevServer(options, worktreeSites, decap.url, worktree.branch);
      return {
        url,
        worktree,
        decap,
        settled: async () => {},
        stop: async () => {
          child.kill('SIGTERM');
          await decap.stop();
        },
      };
    }
    return await startStaticSite(options, worktree, decap, url);
  } catch (error) {
    await decap.stop();
    throw error;
  }
}

/** Astro's dev server for the buurt, reading content from the CMS worktree. */
function startDevServer(options: LocalEditingOptions, sitesDir: string, api: string, branch: string): Promise<ChildProcess> {
  const cwd = prepareAstroRoot(options.slug);
  const child = spawn(process.execPath, [astroBin(), 'dev', '--host', '127.0.0.1', '--port', String(options.port)], {
    cwd,
    env: {
      ...childEnv(process.env),
      ...options.env,
      BUURT: options.slug,
      BUURT_SITES_DIR: sitesDir,
      BUURT_CMS_API: api,
      BUURT_CMS_BRANCH: branch,
      PORT: String(options.port),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) options.onLog?.(line);
        if (!ready && /127\.0\.0\.1:\d+|ready in/i.test(line)) {
          ready = true;
          resolve(child);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      if (!ready) reject(new LocalEditingError(`astro dev stopped (exit code ${code}); see its output above.`));
    });
  });
}

/** Exports the committed state of `branch` (only the buurt's folder) into `target/sites/<slug>/`. */
export async function snapshotBuurt(worktree: CmsWorktree, slug: string, target: string): Promise<string> {
  const sitesDir = path.join(target, 'sites');
  await rm(target, { recursive: true, force: true });
  await mkdir(sitesDir, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', `refs/heads/${worktree.branch}`, `sites/${slug}`], {
      cwd: worktree.dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tar = spawn('tar', ['-x', '-C', target], { stdio: ['pipe', 'inherit', 'inherit'] });
    archive.stdout!.pipe(tar.stdin!);
    let failed = false;
    archive.once('exit', (code) => {
      if (code !== 0) failed = true;
    });
    tar.once('exit', (code) =>
      code === 0 && !failed ? resolve() : reject(new LocalEditingError(`could not export ${worktree.branch} (git archive | tar failed)`)),
    );
  });
  return sitesDir;
}

/** The production build, served with a local /admin/ and rebuilt after every commit on the CMS branch. */
async function startStaticSite(options: LocalEditingOptions, worktree: CmsWorktree, decap: DecapServer, url: string): Promise<LocalEditing> {
  const { slug } = options;
  const snapshotDir = path.join(cacheRoot(), 'cms-snapshots', slug);
  const log = options.onLog ?? (() => {});
  const build = async () => {
    process.env.BUURT_SITES_DIR = await snapshotBuurt(worktree, slug, snapshotDir);
    const result = await buildSite(slug, { env: options.env ?? {} });
    log(`built ${result.pages} pages of ${slug} in ${(result.durationMs / 1000).toFixed(1)} s`);
  };
  let builtHead = await headOf(worktree.dir, worktree.branch);
  await build();
  let queue: Promise<void> = Promise.resolve();
  const rebuildIfMoved = () => {
    queue = queue.then(async () => {
      const head = await headOf(worktree.dir, worktree.branch);
      if (head === builtHead) return;
      builtHead = head;
      log(`${worktree.branch} moved to ${head.slice(0, 8)}: rebuilding ${slug}…`);
      try {
        await build();
      } catch (error) {
        log(`the rebuild failed; the previous site stays: ${(error as Error).message}`);
      }
    });
  };
  let content: Promise<AdminContent> | undefined;
  const localContent = () => (content ??= adminContent({ slug, backend: localBackend(worktree.branch), siteUrl: url }));
  const server: Server = await serveStatic({
    root: sitePaths(slug).distDir,
    port: options.port,
    intercept: async (req, res) => {
      if (options.intercept && (await options.intercept(req, res))) return true;
      if (isCmsApiRequest(req)) {
        const { action } = await forwardCmsApi(req, res, decap.url);
        if (
          action &&
          !/^(info|entriesByFolder|entriesByFiles|getEntry|getMedia|getMediaFile|unpublishedEntries|getUnpublishedEntry|unpublishedEntryDataFile|unpublishedEntryMediaFile|getDeployPreview)$/.test(
            action,
          )
        ) {
          content = undefined;
          rebuildIfMoved();
        }
        return true;
      }
      // /admin/ comes from the package and the generator, not from dist/, so a rebuild swapping dist/ never
      // interrupts the CMS loading.
      const pathname = (req.url ?? '/').split('?')[0]!;
      const file = await adminFile(pathname, localContent);
      if (!file) return false;
      res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
      return true;
    },
  });
  return {
    url,
    worktree,
    decap,
    settled: () => queue,
    stop: async () => {
      // A rebuild in progress finishes first, so nothing writes into dist/ or the cache after stop().
      await queue;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await decap.stop();
    },
  };
}
