/**
 * A buurt's newsletter subscribers, in Netlify Blobs only (store `buurt-nieuwsbrief`), never in git. Keys are
 * keyed hashes of the address (`hashAddress` with BUURT_STATE_SECRET), so no key or log line shows one:
 *
 *   <slug>/pending/<hash>       {"email","id","created"}   asked, not yet confirmed; expires after 48 hours
 *   <slug>/subscribers/<hash>   {"email","id","confirmed"} confirmed: receives the issues
 *
 * Each (re)subscription gets a fresh random `id`. Links in mails carry "<hash>-<id>" signed with the secret, so a
 * forged link fails its signature, a confirmation link works once (the pending record is gone after it), and an
 * old unsubscribe link cannot end a newer subscription.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '@netlify/blobs';
import { hashAddress } from '../function-runtime/limits.ts';
import { EMAIL_PATTERN } from '../model/schemas.ts';
import { readSignedLink, signLink } from '../participation/tokens.ts';

/** How long a confirmation link works and a pending address is kept. */
export const PENDING_HOURS = 48;

export interface PendingRecord {
  email: string;
  id: string;
  /** ISO time of the request. */
  created: string;
}

export interface SubscriberRecord {
  email: string;
  id: string;
  /** ISO time of the confirmation. */
  confirmed: string;
}

/** The purposes links are signed for, per buurt: a link of one buurt or purpose never works for another. */
export const LINK_PURPOSES = {
  confirm: (slug: string) => `nieuwsbrief-bevestigen:${slug}`,
  unsubscribe: (slug: string) => `nieuwsbrief-afmelden:${slug}`,
} as const;

/** An address as stored and compared: trimmed, lower case. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** True for a plain e-mail address of a sensible length. */
export function isValidAddress(address: string): boolean {
  return address.length <= 254 && EMAIL_PATTERN.test(address);
}

/** The key part for an address. */
export function addressKey(address: string, secret: string): string {
  return hashAddress(`nieuwsbrief:${normaliseAddress(address)}`, secret);
}

const pendingKey = (slug: string, hash: string) => `${slug}/pending/${hash}`;
const subscriberKey = (slug: string, hash: string) => `${slug}/subscribers/${hash}`;

/** Subscriber storage of one buurt. */
export class Subscribers {
  readonly store: Store;
  readonly slug: string;
  readonly secret: string;
  constructor(store: Store, slug: string, secret: string) {
    this.store = store;
    this.slug = slug;
    this.secret = secret;
  }

  /** Whether `address` is a confirmed subscriber. */
  async isSubscribed(address: string): Promise<boolean> {
    return (await this.store.get(subscriberKey(this.slug, addressKey(address, this.secret)))) !== null;
  }

  /** Records a request to subscribe and returns the signed confirmation token for the mail. */
  async addPending(address: string, now: Date): Promise<{ token: string; unsubscribeToken: string }> {
    const hash = addressKey(address, this.secret);
    const id = randomBytes(8).toString('hex');
    const record: PendingRecord = { email: normaliseAddress(address), id, created: now.toISOString() };
    await this.store.setJSON(pendingKey(this.slug, hash), record);
    return {
      token: signLink(LINK_PURPOSES.confirm(this.slug), `${hash}-${id}`, this.secret, now),
      unsubscribeToken: this.unsubscribeToken(hash, id, now),
    };
  }

  /** The signed unsubscribe token of a subscription. */
  unsubscribeToken(hash: string, id: string, now: Date = new Date()): string {
    return signLink(LINK_PURPOSES.unsubscribe(this.slug), `${hash}-${id}`, this.secret, now);
  }

  /**
   * What a confirmation token stands for: 'ready' (a pending request it confirms), 'used' (already confirmed),
   * 'expired' or 'invalid' (forged, another buurt's, or replaced by a newer request).
   */
  async checkConfirmation(token: string | null, now: Date): Promise<'ready' | 'used' | 'expired' | 'invalid'> {
    return (await this.readConfirmation(token, now)).state;
  }

  private async readConfirmation(token: string | null, now: Date) {
    const link = readSignedLink(token, LINK_PURPOSES.confirm(this.slug), this.secret, { maxAgeSeconds: PENDING_HOURS * 3600, now });
    if (!link.ok) return { state: link.reason === 'expired' ? ('expired' as const) : ('invalid' as const) };
    const [hash, id] = link.payload.split('-') as [string, string | undefined];
    const pending = (await this.store.get(pendingKey(this.slug, hash), { type: 'json' })) as PendingRecord | null;
    if (pending && pending.id === id) return { state: 'ready' as const, hash, pending };
    const subscriber = (await this.store.get(subscriberKey(this.slug, hash), { type: 'json' })) as SubscriberRecord | null;
    if (subscriber && subscriber.id === id) return { state: 'used' as const };
    return { state: 'invalid' as const };
  }

  /** Confirms the request a token stands for; returns what the token was (see `checkConfirmation`). */
  async confirm(token: string | null, now: Date): Promise<'confirmed' | 'used' | 'expired' | 'invalid'> {
    const found = await this.readConfirmation(token, now);
    if (found.state !== 'ready') return found.state;
    const record: SubscriberRecord = { email: found.pending.email, id: found.pending.id, confirmed: now.toISOString() };
    await this.store.setJSON(subscriberKey(this.slug, found.hash), record);
    await this.store.delete(pendingKey(this.slug, found.hash));
    return 'confirmed';
  }

  /**
   * Ends the subscription (or pending request) an unsubscribe token stands for, deleting the address:
   * 'removed', 'gone' (nothing left to remove: already unsubscribed, or a newer subscription) or 'invalid'.
   */
  async unsubscribe(token: string | null): Promise<'removed' | 'gone' | 'invalid'> {
    const state = await this.checkUnsubscribe(token);
    if (state.state !== 'found') return state.state;
    await this.store.delete(state.key);
    return 'removed';
  }

  /** What an unsubscribe token stands for, without changing anything. */
  async checkUnsubscribe(token: string | null): Promise<{ state: 'found'; key: string } | { state: 'gone' | 'invalid' }> {
    const link = readSignedLink(token, LINK_PURPOSES.unsubscribe(this.slug), this.secret);
    if (!link.ok) return { state: 'invalid' };
    const [hash, id] = link.payload.split('-') as [string, string | undefined];
    for (const key of [subscriberKey(this.slug, hash), pendingKey(this.slug, hash)]) {
      const record = (await this.store.get(key, { type: 'json' })) as { id?: string } | null;
      if (record && record.id === id) return { state: 'found', key };
    }
    return { state: 'gone' };
  }

  /** Every confirmed subscriber, with the hash its key holds. */
  async confirmed(): Promise<(SubscriberRecord & { hash: string })[]> {
    const prefix = `${this.slug}/subscribers/`;
    const { blobs } = await this.store.list({ prefix });
    const records = await Promise.all(
      blobs.map(async ({ key }) => {
        const record = (await this.store.get(key, { type: 'json' })) as SubscriberRecord | null;
        return record ? { ...record, hash: key.slice(prefix.length) } : undefined;
      }),
    );
    return records.filter((r): r is SubscriberRecord & { hash: string } => r !== undefined).sort((a, b) => a.hash.localeCompare(b.hash));
  }

  /** How many confirmed subscribers there are (a count only). */
  async count(): Promise<number> {
    return (await this.store.list({ prefix: `${this.slug}/subscribers/` })).blobs.length;
  }

  /**
   * Deletes an address on request (confirmed or pending); true when there was something to delete. Looks by
   * hash first, then through every record, so it also finds an address stored under another secret (a local
   * runtime makes a new one per start).
   */
  async remove(address: string): Promise<boolean> {
    const hash = addressKey(address, this.secret);
    const wanted = normaliseAddress(address);
    const keys = new Set([subscriberKey(this.slug, hash), pendingKey(this.slug, hash)]);
    for (const prefix of [`${this.slug}/subscribers/`, `${this.slug}/pending/`]) {
      for (const { key } of (await this.store.list({ prefix })).blobs) {
        const record = (await this.store.get(key, { type: 'json' })) as { email?: string } | null;
        if (record?.email === wanted) keys.add(key);
      }
    }
    let removed = false;
    for (const key of keys) {
      if ((await this.store.get(key)) !== null) {
        await this.store.delete(key);
        removed = true;
      }
    }
    return removed;
  }

  /** Deletes pending requests older than PENDING_HOURS; returns how many. */
  async expirePending(now: Date): Promise<number> {
    const { blobs } = await this.store.list({ prefix: `${this.slug}/pending/` });
    let expired = 0;
    for (const { key } of blobs) {
      const record = (await this.store.get(key, { type: 'json' })) as PendingRecord | null;
      if (!record || now.getTime() - Date.parse(record.created) > PENDING_HOURS * 3600_000) {
        await this.store.delete(key);
        expired++;
      }
    }
    return expired;
  }
}
