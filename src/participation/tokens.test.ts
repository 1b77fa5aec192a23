import { describe, expect, it } from 'vitest';
import { readSignedLink, signLink } from './tokens.ts';

const secret = 's'.repeat(64);

describe('signed links', () => {
  it('reads back a link signed for the same purpose', () => {
    const token = signLink('nieuwsbrief-afmelden:oost', 'abc123-def', secret, new Date('2026-12-02T10:00:00Z'));
    expect(readSignedLink(token, 'nieuwsbrief-afmelden:oost', secret)).toEqual({ ok: true, payload: 'abc123-def', issuedAt: new Date('2026-12-02T10:00:00Z') });
  });

  it('refuses a changed payload, another purpose or buurt, another secret and garbage', () => {
    const token = signLink('nieuwsbrief-afmelden:oost', 'abc123-def', secret);
    expect(readSignedLink(token.replace('abc123', 'abc124'), 'nieuwsbrief-afmelden:oost', secret)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSignedLink(token, 'nieuwsbrief-bevestigen:oost', secret)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSignedLink(token, 'nieuwsbrief-afmelden:west', secret)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSignedLink(token, 'nieuwsbrief-afmelden:oost', 't'.repeat(64))).toEqual({ ok: false, reason: 'invalid' });
    expect(readSignedLink('<script>', 'nieuwsbrief-afmelden:oost', secret)).toEqual({ ok: false, reason: 'invalid' });
    expect(readSignedLink(null, 'nieuwsbrief-afmelden:oost', secret)).toEqual({ ok: false, reason: 'missing' });
  });

  it('expires after the given age', () => {
    const token = signLink('p', 'x', secret, new Date('2026-12-02T10:00:00Z'));
    const options = { maxAgeSeconds: 48 * 3600 };
    expect(readSignedLink(token, 'p', secret, { ...options, now: new Date('2026-12-04T09:59:00Z') }).ok).toBe(true);
    expect(readSignedLink(token, 'p', secret, { ...options, now: new Date('2026-12-04T10:01:00Z') })).toEqual({ ok: false, reason: 'expired' });
  });
});
