import { describe, expect, it } from 'vitest';
import { amsterdamOffsetMinutes, parseAmsterdam, toWallClock } from './dates.ts';

const intl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function intlWallClock(instant: Date) {
  const parts = Object.fromEntries(
    intl
      .formatToParts(instant)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

describe('the Amsterdam wall clock from offset tables', () => {
  it('agrees with Intl at every switch to and from summer time, to the second', () => {
    for (let year = 1977; year <= 2060; year++) {
      for (const month of [2, 9]) {
        for (let day = 20; day <= 31; day++) {
          for (const seconds of [-61, -1, 0, 1, 59, 3599, 3600]) {
            const instant = new Date(Date.UTC(year, month, day, 1, 0, 0) + seconds * 1000);
            expect(toWallClock(instant), instant.toISOString()).toEqual(intlWallClock(instant));
          }
        }
      }
    }
  });

  it('agrees with Intl at random moments from 1970 to 2200', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      const instant = new Date(Date.UTC(1970, 0, 1) + Math.floor(next() * (Date.UTC(2200, 0, 1) - Date.UTC(1970, 0, 1))));
      expect(toWallClock(instant), instant.toISOString()).toEqual(intlWallClock(instant));
    }
  });

  it('knows the offsets of 2026', () => {
    expect(amsterdamOffsetMinutes(parseAmsterdam('2026-01-01T00:00'))).toBe(60);
    expect(amsterdamOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(amsterdamOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(amsterdamOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(amsterdamOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });
});
