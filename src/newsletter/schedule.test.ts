import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../dates/dates.ts';
import { newsletterSchema } from '../model/schemas.ts';
import { dueIssueKey, firstIssueSince } from './schedule.ts';

const weekly = newsletterSchema.parse({ day: 'maandag', every: 'week', hour: 8 });
const fortnightly = newsletterSchema.parse({ day: 'maandag', every: 'twee-weken' });

describe('when an issue is due', () => {
  it('is due on the chosen day from the chosen hour, Amsterdam time', () => {
    expect(dueIssueKey(weekly, parseAmsterdam('2026-12-07T07:59'))).toBeUndefined();
    expect(dueIssueKey(weekly, parseAmsterdam('2026-12-07T08:00'))).toBe('2026-12-07');
    expect(dueIssueKey(weekly, parseAmsterdam('2026-12-07T23:50'))).toBe('2026-12-07');
    expect(dueIssueKey(weekly, parseAmsterdam('2026-12-08T08:00'))).toBeUndefined();
    // 07:30 UTC on a summer Monday is 09:30 in Amsterdam.
    expect(dueIssueKey(weekly, new Date('2027-06-07T06:30:00Z'))).toBe('2027-06-07');
    expect(dueIssueKey(weekly, new Date('2027-06-07T05:30:00Z'))).toBeUndefined();
  });

  it('is not due twice on one day', () => {
    expect(dueIssueKey(weekly, parseAmsterdam('2026-12-07T12:00'), '2026-12-07')).toBeUndefined();
    expect(dueIssueKey(weekly, parseAmsterdam('2026-12-14T08:00'), '2026-12-07')).toBe('2026-12-14');
  });

  it('every other week waits two weeks after the last issue sent', () => {
    expect(dueIssueKey(fortnightly, parseAmsterdam('2026-12-14T08:00'), '2026-12-07')).toBeUndefined();
    expect(dueIssueKey(fortnightly, parseAmsterdam('2026-12-21T08:00'), '2026-12-07')).toBe('2026-12-21');
    expect(dueIssueKey(fortnightly, parseAmsterdam('2026-12-14T08:00'))).toBe('2026-12-14');
  });

  it('starts the news of a first issue one rhythm back', () => {
    const now = parseAmsterdam('2026-12-07T08:00');
    expect(firstIssueSince(fortnightly, now).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('refuses settings outside the set, naming the choices', () => {
    const result = newsletterSchema.safeParse({ day: 'monday', every: 'maand', hour: 3 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      '"monday" is not a day; choose one of maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag',
      '"maand" is not a rhythm; choose one of week, twee-weken',
      'must be 6 or later; nobody wants mail at night',
    ]);
  });
});
