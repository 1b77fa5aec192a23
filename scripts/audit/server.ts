/**
 * Serves a built buurt for the audit the way its host does: text compressed with brotli or gzip, hashed assets
 * cached for a year, and the headers of the site's own `_headers` file (serveStatic applies them). On
 * 127.0.0.1 only.
 *
 * The server runs in a worker thread: Lighthouse does seconds of synchronous work in the audit's own thread,
 * and a server waiting behind it made Lighthouse give up on robots.txt (it allows 2 s) now and then.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serveStatic } from '../platform/serve/serve.ts';

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
  const compressed = new Map<string, Buffer>();
  const server = await serveStatic({
    root,
    port: 0,
    headersFor: (pathname) => ({
      'Cache-Control': IMMUTABLE.test(pathname) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    }),
    async encode(file, type, accepted) {
      const encoding = !COMPRESSIBLE.test(type) ? undefined : /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
      if (!encoding) return undefined;
      const key = `${encoding}:${file}`;
      let body = compressed.get(key);
      if (!body) {
        const raw = await readFile(file);
        body = encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(raw, { level: 9 });
        compressed.set(key, body);
      }
      return { body, encoding };
    },
  });
  return (server.address() as AddressInfo).port;
}

if (!isMainThread && (workerData as { root?: string } | null)?.root) {
  parentPort!.postMessage({ port: await startServer((workerData as { root: string }).root) });
}
