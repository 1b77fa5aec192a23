import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../dates/dates.ts';
import { calendar, escapeText, feedActivities, foldLine, recurrenceRule, type CalendarActivity } from './ical.ts';
import type { ActivityData } from '../model/schemas.ts';

const NOW = parseAmsterdam('2026-03-10T12:00');
const options = { name: 'Agenda van Oostbuurt', origin: 'https://oostbuurt.nl', now: NOW };

function activity(id: string, data: Partial<ActivityData>): CalendarActivity {
  return {
    id,
    data: {
      title: 'Activiteit',
      start: '2026-03-14T10:00',
      allDay: false,
      location: { name: 'Buurthuis' },
      summary: 'Samen.',
      tags: [],
      cancelled: false,
      draft: false,
      ...data,
    } as ActivityData,
  };
}

/** Parses a calendar with ical.js, registering its VTIMEZONE, and returns its events. */
function parse(text: string): ICAL.Event[] {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return component.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
}

/** The first `count` occurrences of an event as UTC ISO strings. */
function expand(event: ICAL.Event, count: number): string[] {
  const iterator = event.iterator();
  const result: string[] = [];
  for (let next = iterator.next(); next && result.length < count; next = iterator.next()) {
    result.push(next.toJSDate().toISOString());
  }
  return result;
}

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b; c, d\r\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds long lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(folded).not.toContain('\ufffd');
  });
});

describe('recurrence rules', () => {
  it('writes weekly, biweekly and monthly rules with UNTIL in UTC', () => {
    const first = { year: 2026, month: 3, day: 17 };
    expect(recurrenceRule({ start: '2026-03-17T10:00', allDay: false, recurrence: { frequency: 'weekly', until: '2026-12-22', except: [] } }, first)).toBe(
      'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261222T225959Z',
    );
    expect(recurrenceRule({ start: '2026-03-17T10:00', allDay: false, recurrence: { frequency: 'biweekly', except: [] } }, first)).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    );
    expect(
      recurrenceRule({ start: '2026-03-07T09:00', allDay: false, recurrence: { frequency: 'monthly', except: [] } }, { year: 2026, month: 3, day: 7 }),
    ).toBe('FREQ=MONTHLY;BYDAY=1SA');
    expect(
      recurrenceRule(
        { start: '2026-03-28', allDay: true, recurrence: { frequency: 'monthly', weekOfMonth: -1, until: '2026-12-31', except: [] } },
        { year: 2026, month: 3, day: 28 },
      ),
    ).toBe('FREQ=MONTHLY;BYDAY=-1SA;UNTIL=20261231');
  });
});

describe('calendar', () => {
  it('keeps a weekly 10:00 activity at 10:00 Amsterdam time across both clock changes', () => {
    const text = calendar(
      [
        activity('koffie', {
          start: '2026-03-17T10:00',
          end: '2026-03-17T11:30',
          recurrence: { frequency: 'weekly', until: '2026-11-03', except: ['2026-04-07'] },
        }),
      ],
      options,
    );
    const [event] = parse(text);
    expect(event!.isRecurring()).toBe(true);
    const all = expand(event!, 100);
    // Winter (UTC+1) before the last Sunday of March, summer (UTC+2) after it, winter again after 25 October.
    expect(all.slice(0, 3)).toEqual(['2026-03-17T09:00:00.000Z', '2026-03-24T09:00:00.000Z', '2026-03-31T08:00:00.000Z']);
    expect(all).not.toContain('2026-04-07T08:00:00.000Z');
    expect(all).toContain('2026-10-20T08:00:00.000Z');
    expect(all).toContain('2026-10-27T09:00:00.000Z');
    expect(all[all.length - 1]).toBe('2026-11-03T09:00:00.000Z');
    expect(all).toHaveLength(33);
    const zone = ICAL.TimezoneService.get('Europe/Amsterdam')!;
    for (const iso of all) {
      const local = ICAL.Time.fromJSDate(new Date(iso), true).convertToZone(zone);
      expect([local.hour, local.minute], iso).toEqual([10, 0]);
    }
    const details = event!.getOccurrenceDetails(ICAL.Time.fromJSDate(new Date('2026-03-31T08:00:00Z'), true));
    expect(details.endDate.toJSDate().toISOString()).toBe('2026-03-31T09:30:00.000Z');
  });

  it('writes an all-day activity as DATE values with an exclusive end', () => {
    const text = calendar([activity('feest', { start: '2026-07-04', end: '2026-07-05', allDay: true })], options);
    expect(text).toContain('DTSTART;VALUE=DATE:20260704\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20260706\r\n');
    const [event] = parse(text);
    expect(event!.startDate.isDate).toBe(true);
    expect(event!.endDate.toString()).toBe('2026-07-06');
  });

  it('starts a monthly series on its first real occurrence', () => {
    // 9 March 2026 is the second Monday; "every first Monday" from then on starts on 6 April.
    const text = calendar(
      [activity('markt', { start: '2026-03-09T09:00', end: '2026-03-09T13:00', recurrence: { frequency: 'monthly', weekOfMonth: 1, except: [] } })],
      options,
    );
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20260406T090000\r\n');
    expect(text).toContain('RRULE:FREQ=MONTHLY;BYDAY=1MO\r\n');
    const [event] = parse(text);
    expect(expand(event!, 3)).toEqual(['2026-04-06T07:00:00.000Z', '2026-05-04T07:00:00.000Z', '2026-06-01T07:00:00.000Z']);
  });

  it('marks a cancelled activity and escapes what editors write', () => {
    const text = calendar(
      [
        activity('afgelast', {
          title: 'Quiz; met prijzen, en meer',
          summary: 'Regel 1\nRegel 2 \\ slash',
          cancelled: true,
          location: { name: 'Café, De Hoek', address: 'Hoekstraat 1; 1234 AB Oost' },
        }),
      ],
      { ...options, groupName: () => undefined },
    );
    const [event] = parse(text);
    expect(event!.summary).toBe('Gaat niet door: Quiz; met prijzen, en meer');
    expect(event!.location).toBe('Café, De Hoek, Hoekstraat 1; 1234 AB Oost');
    expect(event!.description).toContain('Regel 1\nRegel 2 \\ slash');
    expect(event!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event!.uid).toBe('afgelast@oostbuurt.nl');
    expect(String(event!.component.getFirstPropertyValue('url'))).toBe('https://oostbuurt.nl/agenda/afgelast/');
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });
});

describe('feedActivities', () => {
  it('keeps upcoming and recently past activities, never drafts or long past ones', () => {
    const list = [
      activity('later', { start: '2026-05-01T10:00' }),
      activity('soon', { start: '2026-03-12T10:00' }),
      activity('last-month', { start: '2026-02-20T10:00' }),
      activity('long-ago', { start: '2025-12-01T10:00' }),
      activity('concept', { start: '2026-03-20T10:00', draft: true }),
      activity('weekly', { start: '2025-01-07T10:00', recurrence: { frequency: 'weekly', except: [] } }),
    ];
    expect(feedActivities(list, NOW).map((a) => a.id)).toEqual(['weekly', 'last-month', 'soon', 'later']);
  });

  it('keeps an activity planned more than a year ahead, after the nearer ones', () => {
    const list = [activity('lustrum', { start: '2028-06-01T14:00' }), activity('soon', { start: '2026-03-12T10:00' })];
    expect(feedActivities(list, NOW).map((a) => a.id)).toEqual(['soon', 'lustrum']);
  });
});
