/**
 * State of the platform's functions (rate limits, daily caps, used proof-of-work challenges, the prikbord's
 * posters) in Netlify Blobs.
 *
 * On Netlify the store takes its context from the environment Netlify gives every function. Locally
 * (`npm start`, `buurt dev`, `buurt preview`, tests) the same environment variable, `NETLIFY_BLOBS_CONTEXT`,
 * points at Netlify's own local Blobs server (`scripts/functions/blobs-server.ts`), so the handlers call
 * `getStore` exactly as in production.
 */
import { getStore, type Store } from '@netlify/blobs';

/** The stores the functions use; one place lists them so none is misspelt. */
export const STORE_NAMES = { limits: 'buurt-limits', altcha: 'buurt-altcha', newsletter: 'buurt-nieuwsbrief', prikbord: 'buurt-prikbord' } as const;

/** A store with strong consistency (a rate limit must see the write before it). */
export function openStore(name: string): Store {
  return getStore({ name, consistency: 'strong' });
}

/** The value of `NETLIFY_BLOBS_CONTEXT` that makes `getStore` talk to a local Blobs server at `url`. */
export function localBlobsContext(url: string, token: string, siteID = 'local'): string {
  return Buffer.from(JSON.stringify({ siteID, token, edgeURL: url, uncachedEdgeURL: url, primaryRegion: 'local' })).toString('base64');
}
