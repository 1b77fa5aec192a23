/**
 * Serves a built buurt for the audit the way its host does: text compressed with brotli or gzip, hashed assets
 * cached for a year, and the headers of the site's own `_headers` file (Netlify's format) when it has one.
 * On 127.0.0.1 only, through `serveStatic`.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { MIME_TYPES, resolveInside, serveStatic } from '../../src/lib/serve.ts';

/** Types a host compresses. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|wasm)|image\/svg\+xml)/;

/** Hashed file names never change content: cache them for a year (as Netlify does with these headers). */
const IMMUTABLE = /^\/(_astro|_fotos)\//;

export interface HeaderRule {
  pattern: RegExp;
  headers: Record<string, string>;
}

/**
 * Rules of a Netlify `_headers` file: a path line (`/*`, `/zoeken/*`, `/:page/`), then indented `Name: value`
 * lines. Every rule whose path matches applies.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:\w+/g, '[^/]+');
      current = { pattern: new RegExp(`^${source}$`), headers: {} };
      rules.push(current);
      continue;
    }
    const match = line.trim().match(/^([^:]+):\s*(.*)$/);
    if (current && match) current.headers[match[1]!.trim()] = match[2]!.trim();
  }
  return rules;
}

export interface AuditServer {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts serving `root` on a free port. */
export async function serveForAudit(root: string): Promise<AuditServer> {
  let rules: HeaderRule[] = [];
  try {
    rules = parseHeadersFile(await readFile(path.join(root, '_headers'), 'utf8'));
  } catch {
    // No _headers file: the host's defaults only.
  }
  const headersFor = (pathname: string): Record<string, string> => {
    const headers: Record<string, string> = {
      'Cache-Control': IMMUTABLE.test(pathname) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    };
    for (const rule of rules) if (rule.pattern.test(pathname)) Object.assign(headers, rule.headers);
    return headers;
  };
  const compressed = new Map<string, Buffer>();

  const server = await serveStatic({
    root,
    port: 0,
    headersFor,
    async intercept(req, res) {
      if (req.method !== 'GET') return false;
      const url = new URL(req.url ?? '/', 'http://localhost');
      let file = resolveInside(path.resolve(root), url.pathname);
      if (!file) return false;
      try {
        const info = await stat(file);
        if (info.isDirectory()) {
          if (!url.pathname.endsWith('/')) return false;
          file = path.join(file, 'index.html');
          if (!(await stat(file)).isFile()) return false;
        }
      } catch {
        return false;
      }
      const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const accepted = String(req.headers['accept-encoding'] ?? '');
      const encoding = !COMPRESSIBLE.test(type) ? undefined : /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
      if (!encoding) return false;
      const key = `${encoding}:${file}`;
      let body = compressed.get(key);
      if (!body) {
        const raw = await readFile(file);
        body = encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 });
        compressed.set(key, body);
      }
      res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': encoding, Vary: 'Accept-Encoding', 'Content-Length': body.length, ...headersFor(url.pathname) });
      res.end(body);
      return true;
    },
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
