import { describe, expect, it } from 'vitest';
import { parseAmsterdam, toIsoWithOffset } from './dates.ts';
import { describeRecurrence, nthWeekdayOfMonth, occurrences, weekOfMonthOf } from './recurrence.ts';
import type { ActivityData } from '../model/schemas.ts';

const activity = (overrides: Partial<ActivityData>): Pick<ActivityData, 'start' | 'end' | 'allDay' | 'recurrence'> => ({
  start: '2026-03-03T10:00',
  end: '2026-03-03T12:00',
  allDay: false,
  ...overrides,
});
const from = parseAmsterdam('2026-01-01T00:00');
const to = parseAmsterdam('2027-12-31T23:59');
const starts = (list: ReturnType<typeof occurrences>) => list.map((o) => toIsoWithOffset(o.start));

describe('weekly activities', () => {
  it('repeat every week on the weekday of the start until the last date', () => {
    const list = occurrences(activity({ recurrence: { frequency: 'weekly', until: '2026-03-24', except: [] } }), from, to);
    expect(starts(list)).toEqual(['2026-03-03T10:00:00+01:00', '2026-03-10T10:00:00+01:00', '2026-03-17T10:00:00+01:00', '2026-03-24T10:00:00+01:00']);
  });

  it('keep their wall-clock time across the switch to and from summer time', () => {
    const list = occurrences(
      activity({ start: '2026-03-22T10:00', end: '2026-03-22T12:00', recurrence: { frequency: 'weekly', until: '2026-11-01', except: [] } }),
      from,
      to,
    );
    const byDate = new Map(list.map((o) => [o.date, o]));
    expect(toIsoWithOffset(byDate.get('2026-03-22')!.start)).toBe('2026-03-22T10:00:00+01:00');
    expect(toIsoWithOffset(byDate.get('2026-03-29')!.start)).toBe('2026-03-29T10:00:00+02:00');
    expect(toIsoWithOffset(byDate.get('2026-03-29')!.end!)).toBe('2026-03-29T12:00:00+02:00');
    expect(toIsoWithOffset(byDate.get('2026-10-25')!.start)).toBe('2026-10-25T10:00:00+01:00');
  });

  it('skip excepted dates', () => {
    const list = occurrences(activity({ recurrence: { frequency: 'weekly', until: '2026-03-24', except: ['2026-03-10', '2026-03-17'] } }), from, to);
    expect(list.map((o) => o.date)).toEqual(['2026-03-03', '2026-03-24']);
  });

  it('repeat every other week when biweekly', () => {
    const list = occurrences(activity({ recurrence: { frequency: 'biweekly', until: '2026-04-01', except: [] } }), from, to);
    expect(list.map((o) => o.date)).toEqual(['2026-03-03', '2026-03-17', '2026-03-31']);
  });

  it('only return occurrences inside the window asked for', () => {
    const list = occurrences(
      activity({ recurrence: { frequency: 'weekly', except: [] } }),
      parseAmsterdam('2026-03-11T00:00'),
      parseAmsterdam('2026-03-25T00:00'),
    );
    expect(list.map((o) => o.date)).toEqual(['2026-03-17', '2026-03-24']);
  });
});

describe('monthly activities', () => {
  it('repeat on the same week of the month as the start: every first Saturday', () => {
    const list = occurrences(
      activity({ start: '2026-03-07T14:00', end: '2026-03-07T16:00', recurrence: { frequency: 'monthly', until: '2026-07-31', except: [] } }),
      from,
      to,
    );
    expect(list.map((o) => o.date)).toEqual(['2026-03-07', '2026-04-04', '2026-05-02', '2026-06-06', '2026-07-04']);
  });

  it('repeat on the last weekday of the month when asked', () => {
    const list = occurrences(
      activity({ start: '2026-01-30T19:00', end: '2026-01-30T21:00', recurrence: { frequency: 'monthly', weekOfMonth: -1, until: '2026-05-31', except: [] } }),
      from,
      to,
    );
    expect(list.map((o) => o.date)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29']);
  });

  it('computes the nth weekday of a month', () => {
    expect(nthWeekdayOfMonth(2026, 3, 6, 1)).toEqual({ year: 2026, month: 3, day: 7 });
    expect(nthWeekdayOfMonth(2026, 3, 2, -1)).toEqual({ year: 2026, month: 3, day: 31 });
    expect(weekOfMonthOf({ year: 2026, month: 3, day: 29 })).toBe(-1);
  });
});

describe('one-off activities', () => {
  it('have one occurrence, also when they span midnight', () => {
    const list = occurrences(activity({ start: '2026-12-31T22:00', end: '2027-01-01T01:00' }), from, to);
    expect(list).toHaveLength(1);
    expect(toIsoWithOffset(list[0]!.end!)).toBe('2027-01-01T01:00:00+01:00');
  });

  it('last the whole day when all-day', () => {
    const [only] = occurrences(activity({ start: '2026-05-30', end: undefined, allDay: true }), from, to);
    expect(toIsoWithOffset(only!.start)).toBe('2026-05-30T00:00:00+02:00');
    expect(toIsoWithOffset(only!.end!)).toBe('2026-05-30T23:59:59+02:00');
  });
});

describe('describeRecurrence', () => {
  it('says in Dutch how often an activity repeats', () => {
    expect(describeRecurrence({ start: '2026-03-03T10:00', recurrence: { frequency: 'weekly', except: [] } })).toBe('Elke dinsdag');
    expect(describeRecurrence({ start: '2026-03-07T10:00', recurrence: { frequency: 'monthly', until: '2026-12-05', except: [] } })).toBe(
      'Elke eerste zaterdag van de maand, t/m 5 december 2026',
    );
    expect(describeRecurrence({ start: '2026-03-03T10:00', recurrence: { frequency: 'biweekly', except: [] } })).toBe('Om de week op dinsdag');
  });
});
