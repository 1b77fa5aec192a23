/**
 * The functions' Blobs stores for maintainers' commands (`buurt nieuwsbrief --abonnees/--verwijder`,
 * `buurt prikbord`, `buurt report`): production when the Netlify site is named (`NETLIFY_SITE_ID` and `NETLIFY_AUTH_TOKEN`, a
 * personal access token), the store `NETLIFY_BLOBS_CONTEXT` points at when set, and otherwise the local Blobs
 * data under `.cache/blobs/` (what `npm start` and `buurt preview` use).
 */
import { getStore, type Store } from '@netlify/blobs';
import { openStore, STORE_NAMES } from '../../src/function-runtime/blobs.ts';
import { startLocalBlobs } from './blobs-server.ts';

export interface MaintainerStore {
  store: Store;
  /** Where the data is, for the command's output. */
  where: string;
  close(): Promise<void>;
}

/** Opens the newsletter store as described above. */
export function openNewsletterStore(env: Record<string, string | undefined> = process.env): Promise<MaintainerStore> {
  return openMaintainerStore(STORE_NAMES.newsletter, env);
}

/** Opens one of the functions' stores (`STORE_NAMES`) as described above; `localDir` moves the local Blobs data. */
export async function openMaintainerStore(name: string, env: Record<string, string | undefined> = process.env, localDir?: string): Promise<MaintainerStore> {
  if (env.NETLIFY_SITE_ID && env.NETLIFY_AUTH_TOKEN) {
    const store = getStore({ name, siteID: env.NETLIFY_SITE_ID, token: env.NETLIFY_AUTH_TOKEN, consistency: 'strong' });
    return { store, where: `Netlify site ${env.NETLIFY_SITE_ID}`, close: async () => {} };
  }
  if (env.NETLIFY_BLOBS_CONTEXT) return { store: openStore(name), where: 'NETLIFY_BLOBS_CONTEXT', close: async () => {} };
  const local = await startLocalBlobs(localDir);
  const previous = process.env.NETLIFY_BLOBS_CONTEXT;
  process.env.NETLIFY_BLOBS_CONTEXT = local.context;
  const store = openStore(name);
  return {
    store,
    where: `the local Blobs data in ${local.directory}`,
    close: async () => {
      if (previous === undefined) delete process.env.NETLIFY_BLOBS_CONTEXT;
      else process.env.NETLIFY_BLOBS_CONTEXT = previous;
      await local.stop();
    },
  };
}
