/**
 * The local CMS API (`POST /api/v1`) on the site's own origin: the HTTP side of local-backend.ts, mounted by
 * the site's server in both `npm start` (serve.ts) and `buurt dev` (the Astro dev server, integrations/cms.ts).
 * There is no other port. A request is answered only when its Host is the site's own address (no DNS
 * rebinding), a browser's Origin, when sent, is that same address, and it is a JSON POST.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CMS_API_PATH } from './backend.ts';
import type { LocalBackend } from './local-backend.ts';
import { LOCAL_CMS_ERRORS } from './local-errors.ts';

/** A photo of 20 MB is about 27 MB as base64 in JSON. */
const MAX_BODY_MB = 40;

/**
 * True when a request comes from the local site itself: Host is 127.0.0.1 or localhost on `port` (any port when
 * not given), a browser's Origin, when sent, is `http://` + that Host, and Sec-Fetch-Site, when sent, says
 * same-origin.
 */
export function isSameLocalOrigin(req: IncomingMessage, port?: number): boolean {
  const host = req.headers.host ?? '';
  const match = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/.exec(host);
  if (!match) return false;
  if (port !== undefined && Number(match[2] ?? 80) !== port) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** True for a request to the CMS API. */
export function isCmsApiRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?')[0] === CMS_API_PATH;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(text);
}

/** Reads the body, at most `limit` bytes; undefined when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Answers one request to the CMS API with `backend`. `port` is the site's own port. Resolves with the action
 * the CMS asked for and the status answered.
 */
export async function handleCmsApi(
  req: IncomingMessage,
  res: ServerResponse,
  backend: LocalBackend,
  port: number,
): Promise<{ status: number; action?: string }> {
  if (!isSameLocalOrigin(req, port)) {
    send(res, 403, { error: LOCAL_CMS_ERRORS.notThisSite({ origin: `http://127.0.0.1:${port}` }) });
    return { status: 403 };
  }
  if (req.method !== 'POST' || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    send(res, 405, { error: LOCAL_CMS_ERRORS.onlyPost() });
    return { status: 405 };
  }
  let body: Buffer | undefined;
  try {
    body = await readBody(req, MAX_BODY_MB * 1024 * 1024);
  } catch {
    return { status: 400 };
  }
  if (!body) {
    send(res, 413, { error: LOCAL_CMS_ERRORS.bodyTooLarge({ limit: MAX_BODY_MB }) });
    return { status: 413 };
  }
  let request: { action?: unknown };
  try {
    request = JSON.parse(body.toString('utf8')) as { action?: unknown };
  } catch {
    send(res, 400, { error: LOCAL_CMS_ERRORS.badJson() });
    return { status: 400 };
  }
  const answer = await backend.handle(request);
  send(res, answer.status, answer.body);
  return { status: answer.status, ...(typeof request?.action === 'string' ? { action: request.action } : {}) };
}
