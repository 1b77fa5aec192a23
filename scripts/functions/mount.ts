/**
 * Mounts the platform's Netlify Functions (Functions API v2: `export default (request, context) => Response`
 * and `export const config = { path, method, rateLimit }`) on a local Node server, at the same paths as Netlify,
 * so `npm start`, `buurt dev` and `buurt preview` answer a resident's form exactly as production does (`buurt dev`
 * through a loopback port its dev server forwards to, src/cms/dev-functions.ts).
 *
 * What Netlify gives a function, this gives too: `context.ip` (the socket's address, never a header), the
 * Blobs context (`NETLIFY_BLOBS_CONTEXT`, pointing at the local Blobs server) and the declared rate limit,
 * enforced here in memory with Netlify's sliding-window semantics (per address and domain).
 */
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { FunctionContext } from '../../src/function-runtime/request.ts';
import { findFunctionRoute } from '../../src/function-runtime/routes.ts';
import { rootDir } from '../../src/core/paths.ts';
import { startLocalBlobs, type LocalBlobs } from './blobs-server.ts';

/** Netlify's `config.rateLimit` (zip-it-and-ship-it's schema). */
export interface RateLimitConfig {
  windowLimit: number;
  windowSize: number;
  aggregateBy?: ('ip' | 'domain')[];
  action?: 'rate_limit' | 'rewrite';
  to?: string;
}

/** The `config` export of a Functions v2 handler. */
export interface FunctionConfig {
  /** Absent for a scheduled function, which Netlify runs by its `schedule` only. */
  path?: string | string[];
  /** A scheduled function's cron expression (UTC), e.g. "@hourly". */
  schedule?: string;
  method?: string | string[];
  rateLimit?: RateLimitConfig;
}

export type FunctionHandler = (request: Request, context: FunctionContext) => Response | Promise<Response>;

export interface MountedFunction {
  name: string;
  paths: string[];
  methods?: string[];
  rateLimit?: RateLimitConfig;
  /** For a scheduled function: its cron expression. */
  schedule?: string;
  handler: FunctionHandler;
}

/** The folder Netlify deploys functions from (netlify.toml `[functions] directory`). */
export const FUNCTIONS_DIR = path.join(rootDir, 'src', 'functions');

/** Imports every handler in `dir` (files ending in .ts, not tests). */
export async function loadFunctions(dir: string = FUNCTIONS_DIR): Promise<MountedFunction[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts')).sort();
  const loaded: MountedFunction[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: FunctionHandler; config?: FunctionConfig };
    if (typeof module.default !== 'function' || !(module.config?.path || module.config?.schedule)) {
      throw new Error(
        `${path.join(dir, file)} is not a Functions v2 handler: it needs "export default" a function and "export const config = { path }" (or "{ schedule }").`,
      );
    }
    const { config } = module;
    const name = path.basename(file, '.ts');
    if (!config.path) {
      // A scheduled function: Netlify gives it no address; `netlify functions:invoke` POSTs to this one locally.
      loaded.push({ name, paths: [`/.netlify/functions/${name}`], methods: ['POST'], schedule: config.schedule!, handler: module.default });
      continue;
    }
    loaded.push({
      name,
      paths: Array.isArray(config.path) ? config.path : [config.path],
      ...(config.method ? { methods: (Array.isArray(config.method) ? config.method : [config.method]).map((m) => m.toUpperCase()) } : {}),
      ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
      handler: module.default,
    });
  }
  return loaded;
}

/** A sliding-window counter like Netlify's rate limiting: true when a request may pass. */
export function slidingWindowLimiter(limit: RateLimitConfig, now: () => number = Date.now): (key: string) => boolean {
  const hits = new Map<string, number[]>();
  return (key) => {
    const t = now();
    const recent = (hits.get(key) ?? []).filter((at) => t - at < limit.windowSize * 1000);
    if (recent.length >= limit.windowLimit) {
      hits.set(key, recent);
      return false;
    }
    recent.push(t);
    hits.set(key, recent);
    return true;
  };
}

/** Turns a Node request into a web Request (the body streamed, not buffered). */
export function toWebRequest(req: IncomingMessage): Request {
  const host = req.headers.host ?? '127.0.0.1';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a web Response to a Node response. */
export async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.end(body);
}

export interface FunctionsRuntime {
  functions: MountedFunction[];
  blobs: LocalBlobs;
  /** For `serveStatic({ intercept })`: answers requests to a function's path, else false. */
  intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  stop(): Promise<void>;
}

export interface FunctionsRuntimeOptions {
  dir?: string;
  /** Where the Blobs server stores; default `.cache/blobs/`. */
  blobsDir?: string;
  /** Environment for the handlers (BUURT, ALTCHA_HMAC_SECRET, SMTP_*); merged into process.env. */
  env?: Record<string, string>;
  onLog?: (line: string) => void;
}

/**
 * Starts the local Blobs server, sets the environment the handlers expect (a per-start ALTCHA secret unless
 * one is set) and returns the interceptor that mounts the handlers.
 */
export async function startFunctionsRuntime(options: FunctionsRuntimeOptions = {}): Promise<FunctionsRuntime> {
  const blobs = await startLocalBlobs(options.blobsDir);
  process.env.NETLIFY_BLOBS_CONTEXT = blobs.context;
  process.env.ALTCHA_HMAC_SECRET ??= randomBytes(32).toString('hex');
  process.env.BUURT_STATE_SECRET ??= randomBytes(32).toString('hex');
  Object.assign(process.env, options.env ?? {});
  const functions = await loadFunctions(options.dir);
  const limiters = new Map(functions.map((fn) => [fn, fn.rateLimit ? slidingWindowLimiter(fn.rateLimit) : undefined]));
  const intercept = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const fn = findFunctionRoute(functions, req.method, req.url);
    if (!fn) return false;
    const pathname = (req.url ?? '/').split('?')[0]!;
    const ip = req.socket.remoteAddress ?? '127.0.0.1';
    const limiter = limiters.get(fn);
    if (limiter && fn.rateLimit) {
      const by = fn.rateLimit.aggregateBy ?? ['ip', 'domain'];
      const key = [by.includes('ip') ? ip : '', by.includes('domain') ? (req.headers.host ?? '') : ''].join('|');
      if (!limiter(key)) {
        options.onLog?.(`${fn.name}: rate limited ${pathname} (${fn.rateLimit.windowLimit} per ${fn.rateLimit.windowSize} s)`);
        res
          .writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(fn.rateLimit.windowSize) })
          .end('Te veel verzoeken; probeer het over een minuut opnieuw.');
        return true;
      }
    }
    try {
      const response = await fn.handler(toWebRequest(req), { ip, site: { url: `http://${req.headers.host ?? '127.0.0.1'}` } });
      await sendWebResponse(response, res);
    } catch (error) {
      options.onLog?.(`${fn.name} failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Er ging iets mis op de server.');
    }
    return true;
  };
  return { functions, blobs, intercept, stop: () => blobs.stop() };
}

/**
 * The environment that makes the submit function write drafts into a local repository: the buurt, the
 * repository and the CMS branch drafts start from (buurt-cms/<slug>, the branch local editing commits to).
 */
export function localDraftsEnv(slug: string, repoDir: string, cmsBranch: string): Record<string, string> {
  return { BUURT: slug, BUURT_DRAFTS: 'local', BUURT_REPO_DIR: repoDir, BUURT_CMS_BRANCH: cmsBranch };
}
