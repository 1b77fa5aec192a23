/**
 * A signed "this form came back from our server at time T" token. A form sent without JavaScript has no proof
 * of work; the function then sends the form back once, filled in, with this token, and accepts it only when it
 * returns at least MIN_FILL_SECONDS and at most a day later. Bots that post straight at the endpoint never get
 * past that step; people press the button a second time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MIN_FILL_SECONDS = 3;
const MAX_AGE_SECONDS = 24 * 60 * 60;

/** A token for `form` issued at `now`: "<seconds>.<hmac>". */
export function issueFormToken(form: string, secret: string, now: Date = new Date()): string {
  const seconds = Math.floor(now.getTime() / 1000);
  return `${seconds}.${sign(form, seconds, secret)}`;
}

export type TokenCheck = 'ok' | 'missing' | 'invalid' | 'too-fast' | 'expired';

/** Checks a token from the form against `form` and `now`. */
export function checkFormToken(token: string | undefined, form: string, secret: string, now: Date = new Date()): TokenCheck {
  if (!token) return 'missing';
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return 'invalid';
  const seconds = Number(match[1]);
  const expected = Buffer.from(sign(form, seconds, secret), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) return 'invalid';
  const age = Math.floor(now.getTime() / 1000) - seconds;
  if (age < MIN_FILL_SECONDS) return 'too-fast';
  if (age > MAX_AGE_SECONDS) return 'expired';
  return 'ok';
}

function sign(form: string, seconds: number, secret: string): string {
  return createHmac('sha256', secret).update(`meedoen:${form}:${seconds}`).digest('hex');
}

/** The secret that signs links in mails (newsletter confirmation and unsubscribe) and keys address hashes. */
export function stateSecret(env: Record<string, string | undefined> = process.env): string {
  const secret = env.BUURT_STATE_SECRET?.trim();
  if (!secret || secret.length < 32) {
    throw new Error('BUURT_STATE_SECRET is not set (or shorter than 32 characters); set it to a long random value, e.g. the output of "openssl rand -hex 32".');
  }
  return secret;
}

/**
 * A signed link token: "<payload>.<seconds>.<hmac>", where the HMAC covers `purpose` (e.g.
 * "nieuwsbrief-afmelden:voorbeeldwijk"), the payload and the moment it was issued. The payload may hold
 * letters, digits and dashes only ("<hash>-<id>"), so a token fits in a URL as it is.
 */
export function signLink(purpose: string, payload: string, secret: string, now: Date = new Date()): string {
  if (!/^[A-Za-z0-9-]{1,200}$/.test(payload)) throw new Error('A link payload holds letters, digits and dashes only.');
  const seconds = Math.floor(now.getTime() / 1000);
  return `${payload}.${seconds}.${signPayload(purpose, payload, seconds, secret)}`;
}

export type SignedLinkCheck = { ok: true; payload: string; issuedAt: Date } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Checks a token from `signLink` for `purpose`; with `maxAgeSeconds`, an older one is 'expired'. */
export function readSignedLink(
  token: string | null | undefined,
  purpose: string,
  secret: string,
  options: { maxAgeSeconds?: number; now?: Date } = {},
): SignedLinkCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const match = /^([A-Za-z0-9-]{1,200})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, payload, secondsText, signature] = match as unknown as [string, string, string, string];
  const seconds = Number(secondsText);
  const expected = Buffer.from(signPayload(purpose, payload, seconds, secret), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'invalid' };
  const now = options.now ?? new Date();
  if (options.maxAgeSeconds !== undefined && Math.floor(now.getTime() / 1000) - seconds > options.maxAgeSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload, issuedAt: new Date(seconds * 1000) };
}

function signPayload(purpose: string, payload: string, seconds: number, secret: string): string {
  return createHmac('sha256', secret).update(`link:${purpose}:${payload}:${seconds}`).digest('hex');
}
