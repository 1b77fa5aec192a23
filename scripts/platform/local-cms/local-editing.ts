/**
 * Local editing of one buurt: the site and its /admin/ on 127.0.0.1, and the CMS API on the site's own origin
 * answered by our local backend (local-backend.ts), which commits on the branch `buurt-cms/<slug>` with git
 * plumbing and never switches a work tree (local-repo.ts).
 *
 * Two ways to show the site:
 * - `dev` (`buurt dev`): Astro's dev server reading the served folder, which the backend brings up to date file
 *   by file after every publish (the backend runs inside the dev server's process, src/integrations/cms.ts);
 *   requests for the Netlify Functions are forwarded to this process (dev-functions.ts).
 * - `static` (`npm start`): the real production build, served as built; after every publish the site is
 *   rebuilt from a snapshot of the published commit (`git archive`), so what is shown is exactly what was
 *   published, never a concept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { astroBin, buildSite, childEnv, prepareAstroRoot } from '../build/build.ts';
import { cacheRoot, sitePaths } from '../../../src/core/paths.ts';
import { serveStatic } from '../serve/serve.ts';
import { adminContent, adminFile, type AdminContent } from '../../../src/cms/admin-files.ts';
import { startFunctionsBridge, type LocalFunctions } from '../../../src/cms/dev-functions.ts';
import { localBackend } from '../../../src/cms/backend.ts';
import { handleCmsApi, isCmsApiRequest } from '../../../src/cms/local-api.ts';
import { createLocalBackend, type CommitIdentity } from '../../../src/cms/local-backend.ts';
import { exportBuurt, headOf, LocalEditingError, prepareCmsBranch, resolveAuthor, type CmsBranch } from './local-repo.ts';

export interface LocalEditingOptions {
  slug: string;
  /** The git repository holding `sites/`. */
  repoDir: string;
  port: number;
  mode: 'dev' | 'static';
  /** Extra environment for builds (BUURT_NOW). */
  env?: Record<string, string>;
  /**
   * The mounted Netlify Functions (`startFunctionsRuntime` in scripts/functions/mount.ts), answered before the
   * site and the CMS: by the static server itself, or in dev mode through a bridge the dev server forwards to
   * (dev-functions.ts). The caller starts and stops the runtime.
   */
  functions?: LocalFunctions;
  /** Who commits; by default BUURT_CMS_AUTHOR_* or git's configured identity (resolveAuthor). */
  author?: CommitIdentity;
  onLog?: (line: string) => void;
}

export interface LocalEditing {
  /** "http://127.0.0.1:4321" */
  url: string;
  cms: CmsBranch;
  author: CommitIdentity;
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
  const cms = await prepareCmsBranch(options.repoDir, options.slug);
  const author = options.author ?? (await resolveAuthor(cms.repoDir));
  const head = await headOf(cms.repoDir, cms.branch);
  const sitesDir = await exportBuurt(cms.repoDir, head, options.slug, cms.servedDir);
  const url = `http://127.0.0.1:${options.port}`;
  if (options.mode === 'dev') {
    // The functions run in this process and read the buurt's site.yaml as the dev site shows it: from the served
    // folder (as static mode reads its snapshot).
    if (options.functions) process.env.BUURT_SITES_DIR = sitesDir;
    const bridge = options.functions ? await startFunctionsBridge(options.functions, options.onLog) : undefined;
    let child: ChildProcess;
    try {
      child = await startDevServer(options, sitesDir, cms, head, author, bridge?.env ?? {});
    } catch (error) {
      await bridge?.close();
      throw error;
    }
    return {
      url,
      cms,
      author,
      settled: async () => {},
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
        await bridge?.close();
      },
    };
  }
  return startStaticSite(options, cms, head, author, url);
}

/** Astro's dev server for the buurt, reading the served folder and answering the CMS API itself. */
function startDevServer(
  options: LocalEditingOptions,
  sitesDir: string,
  cms: CmsBranch,
  head: string,
  author: CommitIdentity,
  functionsEnv: Record<string, string>,
): Promise<ChildProcess> {
  const cwd = prepareAstroRoot(options.slug);
  const child = spawn(process.execPath, [astroBin(), 'dev', '--host', '127.0.0.1', '--port', String(options.port)], {
    cwd,
    env: {
      ...childEnv(process.env),
      ...options.env,
      BUURT: options.slug,
      BUURT_SITES_DIR: sitesDir,
      BUURT_CMS_REPO: cms.repoDir,
      BUURT_CMS_BRANCH: cms.branch,
      BUURT_CMS_SERVED: cms.servedDir,
      BUURT_CMS_SERVED_COMMIT: head,
      BUURT_CMS_AUTHOR_NAME: author.name,
      BUURT_CMS_AUTHOR_EMAIL: author.email,
      ...functionsEnv,
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

/** The production build, served with a local /admin/ and rebuilt after every publish. */
async function startStaticSite(options: LocalEditingOptions, cms: CmsBranch, head: string, author: CommitIdentity, url: string): Promise<LocalEditing> {
  const { slug } = options;
  const snapshotDir = path.join(cacheRoot(), 'cms-snapshots', slug);
  const log = options.onLog ?? (() => {});
  let built = '';
  const build = async (commit: string) => {
    process.env.BUURT_SITES_DIR = await exportBuurt(cms.repoDir, commit, slug, snapshotDir);
    const result = await buildSite(slug, { env: options.env ?? {} });
    built = commit;
    log(`built ${result.pages} pages of ${slug} in ${(result.durationMs / 1000).toFixed(1)} s`);
  };
  await build(head);
  let queue: Promise<void> = Promise.resolve();
  let wanted = head;
  const rebuild = (commit: string) => {
    wanted = commit;
    queue = queue.then(async () => {
      // Several publishes while a build runs: one rebuild, of the newest.
      if (wanted === built) return;
      log(`${cms.branch} moved to ${wanted.slice(0, 8)}: rebuilding ${slug}…`);
      try {
        await build(wanted);
      } catch (error) {
        log(`the rebuild failed; the previous site stays: ${(error as Error).message}`);
      }
    });
  };
  const backend = createLocalBackend({
    repoDir: cms.repoDir,
    slug,
    branch: cms.branch,
    servedDir: cms.servedDir,
    servedCommit: head,
    author,
    onPublished: rebuild,
    log,
  });
  let content: Promise<AdminContent> | undefined;
  const localContent = () => (content ??= adminContent({ slug, backend: localBackend(cms.branch), siteUrl: url }));
  const server: Server = await serveStatic({
    root: sitePaths(slug).distDir,
    port: options.port,
    intercept: async (req, res) => {
      if (options.functions && (await options.functions.intercept(req, res))) return true;
      if (isCmsApiRequest(req)) {
        const { status, action } = await handleCmsApi(req, res, backend, options.port);
        if (status >= 500) log(`local CMS answered ${status} to ${action ?? 'a request'}`);
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
    cms,
    author,
    settled: async () => {
      await backend.idle();
      await queue;
    },
    stop: async () => {
      // Writes and a rebuild in progress finish first, so nothing writes into git, dist/ or the cache after stop().
      await backend.idle();
      await queue;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
