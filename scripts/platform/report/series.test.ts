import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../../../src/dates/dates.ts';
import { lastMonths, monthLabel } from './series.ts';

describe('months of the sparklines', () => {
  it('are the last 12 calendar months in Amsterdam, ending with the current one', () => {
    expect(lastMonths(parseAmsterdam('2026-03-01T12:00'))).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('take the Amsterdam month, not the UTC one, around midnight', () => {
    // 1 January 00:30 in Amsterdam is still 31 December in UTC.
    expect(lastMonths(parseAmsterdam('2026-01-01T00:30'), 2)).toEqual(['2025-12', '2026-01']);
  });

  it('have Dutch labels', () => {
    expect(monthLabel('2026-03')).toBe('maart 2026');
  });
});
