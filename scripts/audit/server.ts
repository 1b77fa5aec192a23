/**
 * Serves a built buurt for the audit the way its host does: text compressed with brotli or gzip, hashed assets
 * cached for a year, and the headers of the site's own `_headers` file (see src/lib/serve.ts). On 127.0.0.1
 * only.
 *
 * The server runs in a worker thread: Lighthouse does seconds of synchronous work in the audit's own thread,
 * and a server waiting behind it made Lighthouse give up on robots.txt (it allows 2 s) now and then.
 */
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { deployHeadersOf, MIME_TYPES, resolveInside, serveStatic } from '../../src/lib/serve.ts';

/** Types a host compresses. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|wasm)|image\/svg\+xml)/;

/** Hashed file names never change content: cache them for a year (as Netlify does with these headers). */
const IMMUTABLE = /^\/(_astro|_fotos)\//;

export interface AuditServer {
  origin: string;
  close(): Promise<void>;
}

/** Starts serving `root` on a free port, in a worker thread. */
export async function serveForAudit(root: string): Promise<AuditServer> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { root } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The audit's web server stopped before it started (exit code ${code}).`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      await worker.terminate();
    },
  };
}

/** The server itself: static files with the deploy headers, text compressed as a host would. */
async function startServer(root: string): Promise<number> {
  const deployHeaders = deployHeadersOf(path.resolve(root));
  const cacheControl = (pathname: string) => ({
    'Cache-Control': IMMUTABLE.test(pathname) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
  });
  const compressed = new Map<string, Buffer>();
  const server = await serveStatic({
    root,
    port: 0,
    headersFor: cacheControl,
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
      if (path.basename(file).startsWith('_')) return false;
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
      const headers = {
        'Content-Type': type,
        'Content-Encoding': encoding,
        Vary: 'Accept-Encoding',
        'Content-Length': String(body.length),
        ...(await deployHeaders(url.pathname)),
        ...cacheControl(url.pathname),
      };
      res.writeHead(200, headers);
      res.end(body);
      return true;
    },
  });
  return (server.address() as AddressInfo).port;
}

if (!isMainThread && (workerData as { root?: string } | null)?.root) {
  parentPort!.postMessage({ port: await startServer((workerData as { root: string }).root) });
}
