/**
 * A small static file server for a built buurt (`buurt preview`, `npm start`): directory indexes, the
 * site's own 404 page, a redirect to the trailing-slash address, and nothing outside the folder.
 * Binds to 127.0.0.1 only.
 *
 * Every response carries the headers the deploy config gives it: the site's own `_headers` file (written by
 * the build, see src/lib/security/headers.ts), applied with Netlify's parser and matching rules, so a preview
 * answers with exactly the headers production sends. Like Netlify, it never serves `_headers` or `_redirects`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Header } from '@netlify/headers-parser';
import { DEPLOY_CONFIG_FILES } from './security/headers.ts';
import { headersForPath, readHeaderRules } from './security/netlify-headers.ts';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export interface ServeOptions {
  root: string;
  port: number;
  host?: string;
  /** Extra headers for a response to `pathname` (the URL path, e.g. "/agenda/"), after the `_headers` ones. */
  headersFor?: (pathname: string) => Record<string, string>;
  /** Apply `<root>/_headers` (default true). */
  deployHeaders?: boolean;
  /** Handles a request before static files; return true when it answered. */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /**
   * Sends a file compressed, as a host would: given the file, its type and the request's Accept-Encoding, the
   * body and its encoding, or undefined to send the file as it is.
   */
  encode?: (file: string, type: string, acceptEncoding: string) => Promise<{ body: Buffer; encoding: string } | undefined>;
}

/** A request path made canonical once, or the status that answers a path that cannot be one. */
export type NormalizedPath = { ok: true; path: string; search: string } | { ok: false; status: 400 | 404; reason: string };

/**
 * The one form of a request's path that header rules are matched on, files are served by and redirects point
 * to: percent-decoded once, "." segments and repeated slashes removed ("/.//nieuws" → "/nieuws"), a trailing
 * slash kept. Answers 400 for what no browser sends: a target that is not a path, bad %-encoding, NUL or other
 * control characters, and ".." segments (which could otherwise climb out of the folder, or be matched by one rule
 * and served by another). The result always starts with exactly one "/", so a redirect to it is never
 * protocol-relative ("//nieuws/").
 */
export function normalizeRequestPath(target: string | undefined): NormalizedPath {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) return { ok: false, status: 400, reason: 'the request target is not a path' };
  const cut = raw.search(/[?#]/);
  const encoded = cut === -1 ? raw : raw.slice(0, cut);
  const search = cut === -1 || raw[cut] === '#' ? '' : raw.slice(cut).replace(/#.*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return { ok: false, status: 400, reason: 'the path has a bad %-encoding' };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return { ok: false, status: 400, reason: 'the path holds a control character' };
  const segments = decoded.split('/');
  if (segments.includes('..')) return { ok: false, status: 400, reason: 'the path holds a ".." segment' };
  const kept = segments.filter((segment) => segment !== '' && segment !== '.');
  const trailing = kept.length > 0 && (decoded.endsWith('/') || /\/\.$/.test(decoded));
  return { ok: true, path: `/${kept.join('/')}${trailing ? '/' : ''}`, search };
}

/** A canonical path written for a Location header: each segment percent-encoded again. */
export function encodePath(canonical: string): string {
  return canonical
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Where a canonical URL path leads inside `root`, or undefined when it would leave it. */
export function resolveInside(root: string, canonical: string): string | undefined {
  if (canonical.includes('\0')) return undefined;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + canonical));
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The `_headers` rules of a folder, re-read when the file changes (a rebuild swaps the folder while a
 * preview runs). No file: no rules.
 */
function deployHeaderRules(root: string): () => Promise<Header[]> {
  const file = path.join(root, '_headers');
  let cached: { mtimeMs: number; rules: Header[] } | undefined;
  return async () => {
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(file)).mtimeMs;
    } catch {
      return [];
    }
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, rules: await readHeaderRules(file) };
    return cached.rules;
  };
}

/** Starts serving `root`; resolves once listening. */
export function serveStatic(options: ServeOptions): Promise<Server> {
  const root = path.resolve(options.root);
  const rulesOf = options.deployHeaders === false ? async () => [] : deployHeaderRules(root);
  const server = createServer(async (req, res) => {
    try {
      if (options.intercept && (await options.intercept(req, res))) return;
      const rules = await rulesOf();
      const headersOf = (pathname: string) => ({ ...headersForPath(rules, pathname), ...options.headersFor?.(pathname) });
      const request = normalizeRequestPath(req.url);
      if (!request.ok) {
        // No path to match rules on: the headers of the site's root, which are the strictest public ones.
        res.writeHead(request.status, { 'Content-Type': 'text/plain; charset=utf-8', ...headersOf('/') }).end(`Ongeldig adres: ${request.reason}`);
        return;
      }
      const pathname = request.path;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', ...headersOf(pathname) }).end();
        return;
      }
      const send = async (status: number, file: string) => {
        const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        const encoded = await options.encode?.(file, type, String(req.headers['accept-encoding'] ?? ''));
        const headers: Record<string, string> = { 'Content-Type': type, ...headersOf(pathname) };
        if (encoded) Object.assign(headers, { 'Content-Encoding': encoded.encoding, Vary: 'Accept-Encoding', 'Content-Length': String(encoded.body.length) });
        res.writeHead(status, headers);
        if (req.method === 'HEAD') res.end();
        else if (encoded) res.end(encoded.body);
        else
          createReadStream(file)
            .on('error', () => res.destroy())
            .pipe(res);
      };
      const target = resolveInside(root, pathname);
      const isDeployConfig = target !== undefined && DEPLOY_CONFIG_FILES.some((name) => target === path.join(root, name));
      if (target && !isDeployConfig) {
        if (await isFile(target)) return await send(200, target);
        if (await isDirectory(target)) {
          if (!pathname.endsWith('/')) {
            res.writeHead(301, { Location: `${encodePath(pathname)}/${request.search}`, ...headersOf(pathname) }).end();
            return;
          }
          const index = path.join(target, 'index.html');
          if (await isFile(index)) return await send(200, index);
        }
      }
      const notFound = path.join(root, '404.html');
      if (await isFile(notFound)) return await send(404, notFound);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headersOf(pathname) }).end('Niet gevonden');
    } catch (error) {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(String(error));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
