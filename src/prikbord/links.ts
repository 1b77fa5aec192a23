/**
 * The poster's private links to withdraw or extend a post: `?oproep=<slug>&code=<nonce>.<hmac>`, signed with the
 * functions' secret over the action, the buurt, the post and the record's nonce. A forged code fails the
 * signature; a used one finds no record (withdrawn) or a spent extension; a link to an older post of the same
 * name fails because the new post's record has a new nonce.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PosterRecord } from './store.ts';

export type PostAction = 'intrekken' | 'verlengen';

function sign(action: PostAction, buurt: string, slug: string, nonce: string, secret: string): string {
  return createHmac('sha256', secret).update(`prikbord:${action}:${buurt}:${slug}:${nonce}`).digest('hex');
}

/** The code of a private link. */
export function postLinkCode(action: PostAction, buurt: string, slug: string, nonce: string, secret: string): string {
  return `${nonce}.${sign(action, buurt, slug, nonce, secret)}`;
}

/** The whole private link: "https://voorbeeldwijk.nl/prikbord/intrekken?oproep=…&code=…". */
export function postLink(siteUrl: string, action: PostAction, buurt: string, slug: string, nonce: string, secret: string): string {
  const url = new URL(`/prikbord/${action}`, siteUrl);
  url.searchParams.set('oproep', slug);
  url.searchParams.set('code', postLinkCode(action, buurt, slug, nonce, secret));
  return url.href;
}

export type LinkCheck = 'ok' | 'forged' | 'used';

/**
 * Checks a code against the post's record (undefined when there is none). The signature is checked first, so a
 * forged code is called forged whether or not the post exists.
 */
export function checkPostLink(
  code: string | undefined,
  action: PostAction,
  buurt: string,
  slug: string,
  record: PosterRecord | undefined,
  secret: string,
): LinkCheck {
  const match = /^([0-9a-f]{32})\.([0-9a-f]{64})$/.exec(code ?? '');
  if (!match) return 'forged';
  const expected = Buffer.from(sign(action, buurt, slug, match[1]!, secret), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) return 'forged';
  if (!record || record.nonce !== match[1]) return 'used';
  return 'ok';
}
