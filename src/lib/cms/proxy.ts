/**
 * Forwards the CMS API (`POST /api/v1`) from the site's own origin to decap-server, so the admin talks to one
 * origin only (no CORS, and a CSP of `connect-src 'self'` holds). Local editing only.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { CMS_API_PATH } from './backend.ts';

/** True for a request the proxy should forward. */
export function isCmsApiRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?')[0] === CMS_API_PATH;
}

/**
 * Forwards `req` to decap-server at `target` ("http://127.0.0.1:8081") and pipes the answer back. Resolves when
 * the answer is complete, with its status and the action the CMS asked for (e.g. "persistEntry").
 */
export function forwardCmsApi(req: IncomingMessage, res: ServerResponse, target: string): Promise<{ status: number; action?: string }> {
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
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json', 'content-length': String(body.length) },
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
