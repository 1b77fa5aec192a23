/**
 * Counting limits in Netlify Blobs: per address per window ("at most 5 submissions in 10 minutes from one
 * address") and per buurt per day ("at most 50 submissions a day"). Netlify's own function rate limit
 * (`config.rateLimit`) stops floods before a function runs, but only on Netlify; these counters hold
 * everywhere, also locally.
 *
 * Blobs has no atomic increment (and the local server returns no ETag on reads), so each use claims a numbered
 * slot `<key>/<window>/<n>` with a create-only write (`onlyIfNew`); a limit of 5 is five slots, and two
 * requests at the same moment can never both get slot 3. Addresses are stored as keyed hashes, never as they
 * are. Old windows are not deleted (Blobs has no expiry); they are a few bytes each.
 */
import { createHmac } from 'node:crypto';
import type { Store } from '@netlify/blobs';

export interface LimitRule {
  /** Counted per this key, e.g. "submit/voorbeeldwijk/ip/<hash>" or "cap/voorbeeldwijk". */
  key: string;
  /** How many are allowed in one window. */
  limit: number;
  /** Window length in seconds (fixed windows). */
  windowSeconds: number;
}

export interface LimitResult {
  allowed: boolean;
  /** Count in the current window, including this one when allowed. */
  count: number;
  /** Seconds until the window ends. */
  retryAfterSeconds: number;
}

/**
 * Counts one use of `rule.key` and says whether it is within the limit. A refused use is not counted, so
 * someone who keeps trying is not locked out longer than the window.
 */
export function countUse(store: Store, rule: LimitRule, now: Date = new Date()): Promise<LimitResult> {
  // Netlify's create-only write is atomic; the local Blobs server checks and writes in two steps, so uses in one
  // process take turns per key (the local runtime is one process).
  const previous = turns.get(rule.key) ?? Promise.resolve();
  const mine = previous.then(() => claimSlot(store, rule, now));
  const settled = mine.then(
    () => {},
    () => {},
  );
  turns.set(rule.key, settled);
  void settled.then(() => {
    if (turns.get(rule.key) === settled) turns.delete(rule.key);
  });
  return mine;
}

const turns = new Map<string, Promise<void>>();

async function claimSlot(store: Store, rule: LimitRule, now: Date): Promise<LimitResult> {
  const seconds = Math.floor(now.getTime() / 1000);
  const window = Math.floor(seconds / rule.windowSeconds);
  const retryAfterSeconds = (window + 1) * rule.windowSeconds - seconds;
  const prefix = `${rule.key}/${window}/`;
  const { blobs } = await store.list({ prefix });
  for (let slot = blobs.length; slot < rule.limit; slot++) {
    const written = await store.set(`${prefix}${slot}`, String(seconds), { onlyIfNew: true });
    if (written.modified) return { allowed: true, count: slot + 1, retryAfterSeconds };
  }
  return { allowed: false, count: rule.limit, retryAfterSeconds };
}

/** A keyed hash of a client address, so the state never holds the address itself. */
export function hashAddress(address: string, secret: string): string {
  return createHmac('sha256', secret).update(address).digest('hex').slice(0, 32);
}
