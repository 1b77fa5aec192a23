/**
 * Netlify's own local Blobs server (`BlobsServer` from `@netlify/blobs/server`) with its data under the cache
 * folder (`.cache/blobs/`), so the functions keep their state (rate limits, caps, used challenges) across local
 * restarts, as on Netlify.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BlobsServer } from '@netlify/blobs/server';
import { localBlobsContext } from '../../src/function-runtime/blobs.ts';
import { cacheRoot } from '../../src/core/paths.ts';

export interface LocalBlobs {
  url: string;
  token: string;
  /** The value for `NETLIFY_BLOBS_CONTEXT`. */
  context: string;
  directory: string;
  stop(): Promise<void>;
}

/** Starts a Blobs server on a free port of 127.0.0.1 storing under `directory`. */
export async function startLocalBlobs(directory: string = path.join(cacheRoot(), 'blobs')): Promise<LocalBlobs> {
  const token = randomBytes(16).toString('hex');
  const server = new BlobsServer({ directory, port: 0, token, logger: () => {} });
  const { port } = await server.start();
  const url = `http://127.0.0.1:${port}`;
  return { url, token, directory, context: localBlobsContext(url, token), stop: () => server.stop() };
}
