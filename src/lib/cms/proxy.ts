/**
 * Forwards the CMS API (`POST /api/v1`) from the site's own origin to decap-server, so the admin talks to one
 * origin only (no CORS, and a CSP of `connect-src 'self'` holds). Local editing only.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { CMS_API_PATH } from './backend.ts';

const LOCAL_HOST = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

/**
 * True when a request to the CMS API comes from the local site itself: the Host is 127.0.0.1 or localhost (no
 * DNS rebinding) and a browser's Origin, when sent, is that same host (no other web page can make commits).
 */
export function isSameLocalOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  if (!LOCAL_HOST.test(host)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}

/** True for a request the proxy should forward. */
export function isCmsApiRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?')[0] === CMS_API_PATH;
}

/**
 * Forwards `req` to decap-server at `target` ("http://127.0.0.1:8081") and pipes the answer back. Resolves when
 * the answer is complete, with its status and the action the CMS asked for (e.g. "persistEntry").
 */
export function forwardCmsApi(req: IncomingMessage, res: ServerResponse, target: string): Promise<{ status: number; action?: string }> {
  if (!isSameLocalOrigin(req) || req.method !== 'POST') {
    res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'The CMS API only answers the local site itself.' }));
    return Promise.resolve({ status: 403 });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let action: string | undefined;
      try {
        action = (JSON.parse(body.toString('utf8')) as { action?: string }).action;
      } catch {
        action = undefined;
      }
      const upstream = request(
        new URL(CMS_API_PATH, target),
        {
          method: req.method,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        },
        (answer: IncomingMessage) => {
          res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json', 'cache-control': 'no-store' });
          answer.pipe(res);
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502, ...(action ? { action } : {}) }));
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `decap-server is not reachable (${error.message})` }));
        resolve({ status: 502, ...(action ? { action } : {}) });
      });
      upstream.end(body);
    });
  });
}
