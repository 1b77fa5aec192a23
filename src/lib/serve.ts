/**
 * A small static file server for a built buurt (`buurt preview`, `npm start`): directory indexes, the
 * site's own 404 page, a redirect to the trailing-slash address, and nothing outside the folder.
 * Binds to 127.0.0.1 only. `headersFor` adds response headers (the deploy config's security headers).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

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
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export interface ServeOptions {
  root: string;
  port: number;
  host?: string;
  /** Extra headers for a response to `pathname` (the URL path, e.g. "/agenda/"). */
  headersFor?: (pathname: string) => Record<string, string>;
  /** Handles a request before static files; return true when it answered. */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

/** Where a URL path leads inside `root`, or undefined when it would leave it. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
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

/** Starts serving `root`; resolves once listening. */
export function serveStatic(options: ServeOptions): Promise<Server> {
  const root = path.resolve(options.root);
  const server = createServer(async (req, res) => {
    try {
      if (options.intercept && (await options.intercept(req, res))) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, file: string, pathname: string) => {
        const headers: Record<string, string> = {
          'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          ...options.headersFor?.(pathname),
        };
        res.writeHead(status, headers);
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      };
      const target = resolveInside(root, url.pathname);
      if (target) {
        if (await isFile(target)) return send(200, target, url.pathname);
        if (await isDirectory(target)) {
          if (!url.pathname.endsWith('/')) {
            res.writeHead(301, { Location: `${url.pathname}/${url.search}`, ...options.headersFor?.(url.pathname) }).end();
            return;
          }
          const index = path.join(target, 'index.html');
          if (await isFile(index)) return send(200, index, url.pathname);
        }
      }
      const notFound = path.join(root, '404.html');
      if (await isFile(notFound)) return send(404, notFound, url.pathname);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Niet gevonden');
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(String(error));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
