/**
 * Reading requests in the platform's functions safely: a body larger than the limit is refused before it is
 * read whole (by its Content-Length, and again while reading, for a chunked body), and the client's address
 * comes from what Netlify (or the local runtime) says, never from a header the client can set.
 */
import { PlatformError } from '../core/errors.ts';

/** Thrown when a request body is larger than allowed: a `usage` error, answered with 413. */
export class RequestTooLargeError extends PlatformError {
  readonly limit: number;
  constructor(limit: number) {
    super(`The request is larger than ${limit} bytes.`, { kind: 'usage' });
    this.limit = limit;
    this.name = 'RequestTooLargeError';
  }
}

/** Reads the body of `request` up to `maxBytes`; throws RequestTooLargeError beyond. */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new RequestTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RequestTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The form data of a POST (urlencoded or multipart), read within `maxBytes`. */
export async function readFormLimited(request: Request, maxBytes: number): Promise<FormData> {
  const body = await readBodyLimited(request, maxBytes);
  const type = request.headers.get('content-type') ?? '';
  return new Response(body, { headers: { 'content-type': type } }).formData();
}

/** What Netlify passes as the second argument of a Functions v2 handler (the part we use). */
export interface FunctionContext {
  /** The client's address, as Netlify (or the local runtime) saw it. */
  ip: string;
  /** The site's own address. */
  site?: { url?: string | undefined };
}
