import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../dates/dates.ts';
import { addMonthsToDate, prikbordSchema } from '../model/schemas.ts';
import { categorySlug, isExpired, isPastGrace, lastDay, livePosts, prikbordCategories, prikbordCounts } from './posts.ts';
import { extendedLastDay, withValidUntil } from './actions.ts';

const post = (id: string, data: Record<string, unknown>) => ({
  id,
  data: { kind: 'vraag' as const, category: 'klussen', date: '2026-03-01', draft: false, ...data } as never,
});

describe('prikbord expiry', () => {
  it('shows a post through its last day and hides it from midnight Amsterdam time, in winter and summer', () => {
    const winter = { date: '2026-03-01', validUntil: '2026-03-10' };
    expect(isExpired(winter, parseAmsterdam('2026-03-10T23:59'))).toBe(false);
    expect(isExpired(winter, parseAmsterdam('2026-03-11T00:00'))).toBe(true);
    // 22:30 UTC on the 10th is already the 11th in Amsterdam (UTC+1).
    expect(isExpired(winter, new Date('2026-03-10T22:59:59Z'))).toBe(false);
    expect(isExpired(winter, new Date('2026-03-10T23:00:00Z'))).toBe(true);
    const summer = { date: '2026-07-01', validUntil: '2026-07-10' };
    expect(isExpired(summer, new Date('2026-07-10T21:59:59Z'))).toBe(false);
    expect(isExpired(summer, new Date('2026-07-10T22:00:00Z'))).toBe(true);
  });

  it('keeps a post four weeks without validUntil, and removes it only after the grace period', () => {
    expect(lastDay({ date: '2026-03-01' })).toBe('2026-03-29');
    expect(isPastGrace({ date: '2026-03-01' }, parseAmsterdam('2026-04-12T12:00'))).toBe(false);
    expect(isPastGrace({ date: '2026-03-01' }, parseAmsterdam('2026-04-13T00:00'))).toBe(true);
  });

  it('lists live posts newest first, without drafts, future or expired ones, and counts them per kind and category', () => {
    const now = parseAmsterdam('2026-03-10T12:00');
    const posts = [
      post('oud', { date: '2026-01-01' }),
      post('nieuw', { date: '2026-03-09', kind: 'aanbod', category: 'tuin' }),
      post('concept', { date: '2026-03-09', draft: true }),
      post('morgen', { date: '2026-03-11' }),
      post('eerder', { date: '2026-03-02' }),
    ];
    const live = livePosts(posts, now);
    expect(live.map((p) => p.id)).toEqual(['nieuw', 'eerder']);
    const counts = prikbordCounts(live, prikbordCategories(undefined));
    expect(counts.byKind).toEqual({ vraag: 1, aanbod: 1 });
    expect(counts.byCategory.filter((c) => c.count).map((c) => [c.slug, c.count])).toEqual([
      ['klussen', 1],
      ['tuin', 1],
    ]);
    expect(prikbordCategories({ prikbord: { categories: ['boodschappen', 'overig'] } })).toEqual(['boodschappen', 'overig']);
    expect(categorySlug('tuin en balkon')).toBe('tuin-en-balkon');
  });
});

describe('the prikbord schema', () => {
  const base = { kind: 'aanbod', title: 'Ladder te leen', category: 'klussen', date: '2026-11-30', name: 'Joke' };
  it('accepts at most three calendar months, and refuses a contact in the name', () => {
    expect(addMonthsToDate('2026-11-30', 3)).toBe('2027-02-28');
    expect(prikbordSchema.safeParse({ ...base, validUntil: '2027-02-28' }).success).toBe(true);
    const long = prikbordSchema.safeParse({ ...base, validUntil: '2027-03-01' });
    expect(long.error?.issues[0]?.message).toBe('"2027-03-01" is more than 3 months after the date "2026-11-30"; a post stays up at most until 2027-02-28');
    expect(prikbordSchema.safeParse({ ...base, validUntil: '2026-11-29' }).success).toBe(false);
    expect(prikbordSchema.safeParse({ ...base, name: 'joke@example.org' }).success).toBe(false);
    expect(prikbordSchema.safeParse({ ...base, name: 'Joke 0612345678' }).success).toBe(false);
  });

  it('extends a post once by four weeks, never past three months', () => {
    expect(extendedLastDay({ date: '2026-03-01' })).toBe('2026-04-26');
    expect(extendedLastDay({ date: '2026-03-01', validUntil: '2026-05-20' })).toBe('2026-06-01');
    const source = '---\nkind: vraag\ndate: 2026-03-01\nname: Joke\n---\nTekst\n';
    expect(withValidUntil(source, '2026-04-26')).toBe('---\nkind: vraag\ndate: 2026-03-01\nvalidUntil: "2026-04-26"\nname: Joke\n---\nTekst\n');
    expect(withValidUntil('---\ndate: 2026-03-01\nvalidUntil: 2026-03-05\n---\n', '2026-04-02')).toBe('---\ndate: 2026-03-01\nvalidUntil: "2026-04-02"\n---\n');
  });
});
