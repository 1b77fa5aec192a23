/**
 * The poster's e-mail address, kept ONLY here: in Netlify Blobs (locally Netlify's own Blobs server), keyed by
 * buurt and post, never in git or on the site. The record is made when the post comes in through /meedoen/, is
 * read to relay replies, and is deleted when the poster withdraws the post or it is cleaned up after expiring.
 *
 * The counts for the maturity report (posts, relayed replies, posts that found a reply, per month) are kept
 * beside it as empty markers: a count only, never who or what.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '@netlify/blobs';

/** What the platform knows about one post's poster. */
export interface PosterRecord {
  /** Where replies go. */
  email: string;
  /** The public first name or nickname, for the mails. */
  name: string;
  title: string;
  /** The last day, as in the post: "2026-12-30". */
  validUntil: string;
  /** Random value signed into the private links; a new post of the same name gets a new one. */
  nonce: string;
  /** True once the poster used the extend link. */
  extended: boolean;
  /** When it came in (ISO). */
  created: string;
}

const postKey = (buurt: string, slug: string) => `posts/${buurt}/${slug}`;

/** A fresh random nonce for a record. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export async function savePoster(store: Store, buurt: string, slug: string, record: PosterRecord): Promise<void> {
  await store.setJSON(postKey(buurt, slug), record);
}

export async function readPoster(store: Store, buurt: string, slug: string): Promise<PosterRecord | undefined> {
  const record = (await store.get(postKey(buurt, slug), { type: 'json' })) as PosterRecord | null;
  return record ?? undefined;
}

export async function deletePoster(store: Store, buurt: string, slug: string): Promise<void> {
  await store.delete(postKey(buurt, slug));
}

/** The posts of a buurt that still have a record ("soep-delen", …). */
export async function listPosters(store: Store, buurt: string): Promise<string[]> {
  const { blobs } = await store.list({ prefix: `posts/${buurt}/` });
  return blobs.map((b) => b.key.slice(`posts/${buurt}/`.length));
}

/** What the report counts. */
export type PrikbordEvent = 'posts' | 'replies' | 'answered';

/** Counts one event in month "2026-12"; `answered` counts a post once, however many replies it gets. */
export async function countEvent(store: Store, buurt: string, month: string, event: PrikbordEvent, post?: string): Promise<void> {
  const id = event === 'answered' && post ? post : randomUUID();
  await store.set(`stats/${buurt}/${month}/${event}/${id}`, '', event === 'answered' ? { onlyIfNew: true } : {});
}

/** The counts per month: { "2026-12": { posts: 3, replies: 5, answered: 2 } }. */
export async function monthlyCounts(store: Store, buurt: string): Promise<Record<string, Record<PrikbordEvent, number>>> {
  const { blobs } = await store.list({ prefix: `stats/${buurt}/` });
  const result: Record<string, Record<PrikbordEvent, number>> = {};
  for (const { key } of blobs) {
    const [, , month, event] = key.split('/') as [string, string, string, PrikbordEvent];
    result[month] ??= { posts: 0, replies: 0, answered: 0 };
    result[month][event] += 1;
  }
  return result;
}
