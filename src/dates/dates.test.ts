import { describe, expect, it } from 'vitest';
import {
  amsterdamOffsetMinutes,
  buildNow,
  formatDate,
  formatMonth,
  formatWhen,
  fromWallClock,
  isValidDate,
  isValidDateTime,
  parseAmsterdam,
  toIsoWithOffset,
} from './dates.ts';

describe('Amsterdam time', () => {
  it('reads a winter time as UTC+1 and a summer time as UTC+2', () => {
    expect(parseAmsterdam('2026-01-15T10:00').toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(parseAmsterdam('2026-07-15T10:00').toISOString()).toBe('2026-07-15T08:00:00.000Z');
  });

  it('switches offset on the last Sundays of March and October', () => {
    expect(amsterdamOffsetMinutes(parseAmsterdam('2026-03-29T01:59'))).toBe(60);
    expect(amsterdamOffsetMinutes(parseAmsterdam('2026-03-29T03:00'))).toBe(120);
    expect(amsterdamOffsetMinutes(parseAmsterdam('2026-10-25T01:00'))).toBe(120);
    expect(amsterdamOffsetMinutes(parseAmsterdam('2026-10-25T04:00'))).toBe(60);
  });

  it('moves a time that does not exist (02:30 on the spring switch) to the hour after', () => {
    expect(toIsoWithOffset(fromWallClock({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }))).toBe('2026-03-29T03:30:00+02:00');
  });

  it('writes ISO 8601 with the offset of the moment', () => {
    expect(toIsoWithOffset(parseAmsterdam('2026-03-14T10:00'))).toBe('2026-03-14T10:00:00+01:00');
    expect(toIsoWithOffset(parseAmsterdam('2026-06-14T10:00'))).toBe('2026-06-14T10:00:00+02:00');
  });

  it('is independent of the time zone of the machine', () => {
    // The test process may run in any zone; the result is the same instant.
    expect(parseAmsterdam('2026-03-14').toISOString()).toBe('2026-03-13T23:00:00.000Z');
  });
});

describe('validation', () => {
  it('accepts real dates and rejects impossible ones', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('14-03-2026')).toBe(false);
    expect(isValidDateTime('2026-03-14T20:00')).toBe(true);
    expect(isValidDateTime('2026-03-14T24:00')).toBe(false);
    expect(isValidDateTime('2026-03-14')).toBe(false);
  });

  it('pins "now" with BUURT_NOW and rejects a malformed value', () => {
    expect(buildNow({ BUURT_NOW: '2026-03-01T12:00' }).toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(() => buildNow({ BUURT_NOW: 'morgen' })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: BUURT_NOW="morgen" is not a date and time; write it as 2026-03-01T12:00.]`,
    );
  });
});

describe('Dutch formatting', () => {
  it('formats an activity the way Dutch people write it', () => {
    const start = parseAmsterdam('2026-03-14T10:00');
    const end = parseAmsterdam('2026-03-14T12:00');
    expect(formatWhen(start, end, false)).toBe('za 14 maart 2026, 10:00–12:00');
    expect(formatWhen(start, undefined, false)).toBe('za 14 maart 2026, 10:00');
  });

  it('formats all-day and multi-day activities', () => {
    const start = parseAmsterdam('2026-05-30');
    expect(formatWhen(start, undefined, true)).toBe('za 30 mei 2026');
    expect(formatWhen(start, parseAmsterdam('2026-05-31'), true)).toBe('za 30 mei 2026 – zo 31 mei 2026');
    expect(formatWhen(parseAmsterdam('2026-12-31T22:00'), parseAmsterdam('2027-01-01T02:00'), false)).toBe(
      'do 31 december 2026, 22:00 – vr 1 januari 2027, 02:00',
    );
  });

  it('names days and months in Dutch', () => {
    expect(formatDate(parseAmsterdam('2026-10-05T09:00'), 'long')).toBe('maandag 5 oktober 2026');
    expect(formatMonth(parseAmsterdam('2026-08-01T00:30'))).toBe('augustus 2026');
  });
});
