/**
 * The static server of a built buurt (`buurt preview`, `npm start`, the audit, browser tests): Netlify's routing
 * and headers in front of `sirv`, which sends the files (type, length, ETag and 304, byte ranges, streaming).
 * Binds to 127.0.0.1 only.
 *
 * Ours, because sirv has no notion of them: one canonical request path (`normalizeRequestPath`), the redirect of a
 * folder to its trailing-slash address, `index.html` only inside a folder (sirv would also answer "/404" with
 * 404.html and "/nieuws/" with a nieuws.html), the site's 404 page with status 404 (sirv's `single` answers 200),
 * never serving `_headers`/`_redirects`, and the content types this server always sent (sirv's carry no charset
 * and know no .ico or Pagefind files).
 *
 * Every response carries the headers the deploy config gives it, 404s, redirects and 400s included: the site's
 * own `_headers` file (written by the build, see src/headers/headers.ts), applied with Netlify's parser and
 * matching rules, so a preview answers with exactly the headers production sends, over Netlify's default
 * `Cache-Control`. They are set on the response before sirv writes it, and sirv keeps a header that is already set.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Header } from '@netlify/headers-parser';
import sirv from 'sirv';
import { DEPLOY_CONFIG_FILES } from '../../../src/headers/headers.ts';
import { headersForPath, readHeaderRules } from '../../../src/headers/netlify-headers.ts';

/** What Netlify sends when no `_headers` rule sets a `Cache-Control`: always revalidate. */
export const NETLIFY_DEFAULT_CACHE_CONTROL = 'public,max-age=0,must-revalidate';

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

/** Whether a path inside the folder is a file, a folder or nothing. */
async function kindOf(file: string): Promise<'file' | 'directory' | undefined> {
  try {
    const stats = await stat(file);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file inside `root` as the request URL sirv reads: sirv decodes with `decodeURI`, which leaves "%3F" and "%23"
 * encoded, so a file with "?" or "#" in its name is not found (and answered 404) rather than another one served.
 */
function sirvUrl(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return `/${encodeURI(relative).replace(/\?/g, '%3F').replace(/#/g, '%23')}`;
}

/** Sends a whole body that is already in memory (the 404 page, a compressed file, a short text). */
function sendBody(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Starts serving `root`; resolves once listening. */
export function serveStatic(options: ServeOptions): Promise<Server> {
  const root = path.resolve(options.root);
  const rulesOf = options.deployHeaders === false ? async () => [] : deployHeaderRules(root);
  // dev: look each file up when it is asked for, since a rebuild replaces the folder while a preview runs (sirv's
  // default reads the folder once). No extensions: which file answers a path is decided below, as Netlify does.
  const files = sirv(root, { dev: true, etag: true, dotfiles: true, extensions: [] });
  const server = createServer(async (req, res) => {
    try {
      if (options.intercept && (await options.intercept(req, res))) return;
      const rules = await rulesOf();
      const setHeadersOf = (pathname: string) => {
        res.setHeader('Cache-Control', NETLIFY_DEFAULT_CACHE_CONTROL);
        for (const [name, value] of Object.entries({ ...headersForPath(rules, pathname), ...options.headersFor?.(pathname) })) res.setHeader(name, value);
      };
      const request = normalizeRequestPath(req.url);
      if (!request.ok) {
        // No path to match rules on: the headers of the site's root, which are the strictest public ones.
        setHeadersOf('/');
        sendBody(req, res, request.status, `Ongeldig adres: ${request.reason}`, { 'Content-Type': 'text/plain; charset=utf-8' });
        return;
      }
      const pathname = request.path;
      setHeadersOf(pathname);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const sendNotFound = async () => {
        const page = path.join(root, '404.html');
        if ((await kindOf(page)) === 'file') {
          sendBody(req, res, 404, await readFile(page), { 'Content-Type': MIME_TYPES['.html']! });
        } else {
          sendBody(req, res, 404, 'Niet gevonden', { 'Content-Type': 'text/plain; charset=utf-8' });
        }
      };
      const sendFile = async (file: string) => {
        const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        const encoded = await options.encode?.(file, type, String(req.headers['accept-encoding'] ?? ''));
        if (encoded) {
          sendBody(req, res, 200, encoded.body, { 'Content-Type': type, 'Content-Encoding': encoded.encoding, Vary: 'Accept-Encoding' });
          return;
        }
        res.setHeader('Content-Type', type);
        // sirv pipes a read stream into the response without listening for its errors (a rebuild can remove the
        // file between sirv's stat and the read): end the response instead of the process.
        res.once('pipe', (source) => source.once('error', () => res.destroy()));
        req.url = sirvUrl(root, file);
        files(req, res, () => void sendNotFound().catch(() => res.destroy()));
      };
      const target = resolveInside(root, pathname);
      const isDeployConfig = target !== undefined && DEPLOY_CONFIG_FILES.some((name) => target === path.join(root, name));
      if (target && !isDeployConfig) {
        const kind = await kindOf(target);
        if (kind === 'file') return await sendFile(target);
        if (kind === 'directory') {
          if (!pathname.endsWith('/')) {
            res.writeHead(301, { Location: `${encodePath(pathname)}/${request.search}` }).end();
            return;
          }
          const index = path.join(target, 'index.html');
          if ((await kindOf(index)) === 'file') return await sendFile(index);
        }
      }
      await sendNotFound();
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
