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
