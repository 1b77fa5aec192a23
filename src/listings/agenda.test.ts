import { describe, expect, it } from 'vitest';
import { agendaMonthKeys, agendaOverview, agendaTopics, formatLineWhen, monthItems, monthRange, soonItems, type ActivityLike } from './agenda.ts';
import { parseAmsterdam, toIsoWithOffset } from '../dates/dates.ts';
import { krantAgenda, shorten } from './krant.ts';
import type { ActivityData } from '../model/schemas.ts';

const activity = (id: string, overrides: Partial<ActivityData>): ActivityLike => ({
  id,
  data: {
    title: id,
    start: '2026-12-01T10:00',
    allDay: false,
    location: { name: 'Buurthuis' },
    summary: 'Iets',
    tags: [],
    cancelled: false,
    draft: false,
    ...overrides,
  } as ActivityData,
});

// Thursday 26 November 2026, noon.
const now = parseAmsterdam('2026-11-26T12:00');
const activities = [
  activity('koffie', { start: '2025-01-07T10:00', end: '2025-01-07T12:00', recurrence: { frequency: 'weekly', except: ['2026-12-29'] }, tags: ['koffie'] }),
  activity('repair', { start: '2026-01-03T10:00', end: '2026-01-03T13:00', recurrence: { frequency: 'monthly', except: [] } }),
  activity('zaterdag', { start: '2026-11-28T14:00' }),
  activity('volgende', { start: '2026-12-02T19:30', cancelled: true }),
  activity('kerst', { start: '2026-12-23T17:00', tags: ['eten', 'Koffie'] }),
  activity('zomer', { start: '2027-07-04T20:00', end: '2027-07-04T22:00' }),
  activity('voorbij', { start: '2026-11-01T10:00' }),
  activity('concept', { start: '2026-11-30T10:00', draft: true }),
];

describe('the agenda at a glance', () => {
  it('puts one-off activities under this week, next week and then their month, and recurring ones once by rhythm', () => {
    const overview = agendaOverview(activities, now);
    expect(overview.oneOff.map((s) => [s.label, s.items.map((i) => i.activity.id)])).toEqual([
      ['Deze week', ['zaterdag']],
      ['Volgende week', ['volgende']],
      ['december 2026', ['kerst']],
      ['juli 2027', ['zomer']],
    ]);
    expect(overview.recurring.map((g) => [g.label, g.entries.map((e) => [e.activity.id, e.rhythm, e.time, e.nextLabel, e.skipped])])).toEqual([
      ['Elke week', [['koffie', 'Elke dinsdag', '10:00–12:00', '1 december', ['29 december']]]],
      ['Elke maand', [['repair', 'Elke eerste zaterdag van de maand', '10:00–13:00', '5 december', []]]],
    ]);
  });

  it('fills the home page with recurring activities only when there are too few one-off ones', () => {
    expect(soonItems(activities, now, 3).map((i) => i.activity.id)).toEqual(['zaterdag', 'volgende', 'kerst']);
    expect(soonItems(activities, now, 6).map((i) => i.activity.id)).toEqual(['zaterdag', 'koffie', 'volgende', 'repair', 'kerst', 'zomer']);
  });

  it('has a page for this month, the months up to the horizon and every later month with an activity', () => {
    expect(agendaMonthKeys(activities, now)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-07']);
    expect(agendaTopics(activities, now)).toEqual([
      { slug: 'eten', label: 'eten' },
      { slug: 'koffie', label: 'koffie' },
    ]);
  });

  it('lists every date of a month still to come, at Amsterdam time in winter and in summer', () => {
    const december = monthItems(activities, monthRange('2026-12')!, now);
    expect(december.map((i) => `${i.activity.id} ${toIsoWithOffset(i.occurrence.start)}`)).toEqual([
      'koffie 2026-12-01T10:00:00+01:00',
      'volgende 2026-12-02T19:30:00+01:00',
      'repair 2026-12-05T10:00:00+01:00',
      'koffie 2026-12-08T10:00:00+01:00',
      'koffie 2026-12-15T10:00:00+01:00',
      'koffie 2026-12-22T10:00:00+01:00',
      'kerst 2026-12-23T17:00:00+01:00',
    ]);
    const july = monthItems(activities, monthRange('2027-07')!, now);
    expect(july.filter((i) => i.activity.id !== 'koffie').map((i) => `${i.activity.id} ${toIsoWithOffset(i.occurrence.start)}`)).toEqual([
      'repair 2027-07-03T10:00:00+02:00',
      'zomer 2027-07-04T20:00:00+02:00',
    ]);
    // The current month starts at now: what is over is not listed.
    expect(monthItems(activities, monthRange('2026-11')!, now).map((i) => i.activity.id)).toEqual(['zaterdag']);
  });

  it('writes the date of a line without the year the heading already gives', () => {
    const [kerst] = monthItems(activities, monthRange('2026-12')!, now).filter((i) => i.activity.id === 'kerst');
    expect(formatLineWhen(kerst!.occurrence)).toBe('wo 23 december, 17:00');
    const [zomer] = monthItems(activities, monthRange('2027-07')!, now).filter((i) => i.activity.id === 'zomer');
    expect(formatLineWhen(zomer!.occurrence)).toBe('zo 4 juli, 20:00–22:00');
  });

  it('refuses what is not a month', () => {
    expect(monthRange('2027-13')).toBeUndefined();
    expect(monthRange('2027-1')).toBeUndefined();
    expect(monthRange('../x')).toBeUndefined();
  });
});

describe('the wijkkrant', () => {
  it('holds the one-off activities of the month and the recurring ones by weekday', () => {
    const krant = krantAgenda(activities, monthRange('2026-12')!, now);
    expect(krant.oneOff.map((i) => i.activity.id)).toEqual(['volgende', 'kerst']);
    expect(krant.weekdays.map((d) => [d.label, d.entries.map((e) => `${e.activity.id} ${e.time}`)])).toEqual([
      ['dinsdag', ['koffie 10:00–12:00']],
      ['zaterdag', ['repair 10:00–13:00']],
    ]);
  });

  it('shortens a summary at a word', () => {
    expect(shorten('Een heel lange zin over de buurt', 20)).toBe('Een heel lange zin…');
    expect(shorten('Kort', 20)).toBe('Kort');
  });
});
