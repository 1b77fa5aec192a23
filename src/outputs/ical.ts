/**
 * Why not ical-generator: it needs a separate VTIMEZONE generator for TZID times, and our recurring activities
 * (RRULE, EXDATE, UNTIL in UTC) come straight from recurrence.ts; ical.test.ts reads the output back with ical.js.
 *
 * iCalendar (RFC 5545) feeds of a buurt's activities: the whole agenda (`/agenda.ics`, subscribable), one
 * activity (`/agenda/<slug>.ics`, "In mijn agenda zetten") and one group (`/groepen/<slug>/agenda.ics`).
 *
 * Times are written as Amsterdam wall-clock times with `TZID=Europe/Amsterdam` and a full VTIMEZONE, so a
 * weekly activity at 10:00 stays at 10:00 across the switch to and from summer time in every calendar app.
 * A recurring activity is one VEVENT with an RRULE (UNTIL in UTC, as RFC 5545 requires with a TZID) and its
 * skipped days as EXDATE; an all-day activity uses VALUE=DATE with an exclusive end. UIDs are
 * `<slug>@<domain>`, stable across builds, so a subscribed calendar updates events instead of duplicating them.
 */
import { addDays, fromWallClock, hasTime, parseWallClock, TIME_ZONE, type CalendarDate, type WallClock } from '../dates/dates.ts';
import { monthlyRule, occurrencesFrom, recurrenceDates } from '../dates/recurrence.ts';
import type { ActivityData } from '../model/schemas.ts';
import { nl } from '../model/strings.ts';

export interface CalendarActivity {
  id: string;
  data: ActivityData;
}

export interface CalendarOptions {
  /** The calendar's name in the resident's app: "Agenda van Oostbuurt". */
  name: string;
  /** One sentence about the calendar. */
  description?: string;
  /** The buurt's https origin: "https://oostbuurt.nl". */
  origin: string;
  /** The build's "now": the DTSTAMP of every event. */
  now: Date;
  /** How the group of an activity is called ("Buurtmoestuin"), to name the organiser in the description. */
  groupName?: (id: string) => string | undefined;
}

/** How often subscribed calendar apps should fetch the feed again. */
export const REFRESH_INTERVAL = 'PT12H';
/** Past activities stay in the whole-agenda feed this long, so they do not vanish from calendars at once. */
export const FEED_GRACE_DAYS = 30;

const DAY = 86_400_000;
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * The VTIMEZONE of Europe/Amsterdam as EU rules have defined it since 1996: summer time from the last Sunday
 * of March 02:00 to the last Sunday of October 03:00.
 */
export const AMSTERDAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
] as const;

/** Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\n/g, '\\n')
  );
}

/**
 * Folds a content line to at most 75 octets per line (RFC 5545 §3.1): continuation lines start with one
 * space. Never splits a UTF-8 character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74; // the leading space counts
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** "20260314T100000": a local date-time for use with TZID. */
export function formatLocal(wall: WallClock): string {
  return `${formatDateValue(wall)}T${pad(wall.hour)}${pad(wall.minute)}00`;
}

/** "20260314": a DATE value. */
export function formatDateValue(date: CalendarDate): string {
  return `${date.year}${pad(date.month)}${pad(date.day)}`;
}

/** "20260314T090000Z": an instant in UTC. */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The RRULE value of a recurring activity whose series starts on `first`: "FREQ=WEEKLY;BYDAY=TU;UNTIL=…". */
export function recurrenceRule(data: Pick<ActivityData, 'start' | 'allDay' | 'recurrence'>, first: CalendarDate): string | undefined {
  const recurrence = data.recurrence;
  if (!recurrence) return undefined;
  const start = parseWallClock(data.start);
  const parts: string[] = [];
  if (recurrence.frequency === 'monthly') {
    const rule = monthlyRule(start, recurrence);
    parts.push('FREQ=MONTHLY', `BYDAY=${rule.nth}${BYDAY[rule.weekday]}`);
  } else {
    parts.push('FREQ=WEEKLY');
    if (recurrence.frequency === 'biweekly') parts.push('INTERVAL=2');
    parts.push(`BYDAY=${BYDAY[new Date(Date.UTC(first.year, first.month - 1, first.day)).getUTCDay()]}`);
  }
  if (recurrence.until) {
    const until = parseWallClock(recurrence.until);
    if (isAllDay(data)) {
      parts.push(`UNTIL=${formatDateValue(until)}`);
    } else {
      // With a TZID start, UNTIL must be UTC: the last moment of the last day, in Amsterdam.
      const endOfDay = new Date(fromWallClock({ ...addDays(until, 1), hour: 0, minute: 0 }).getTime() - 1000);
      parts.push(`UNTIL=${formatUtc(endOfDay)}`);
    }
  }
  return parts.join(';');
}

function isAllDay(data: Pick<ActivityData, 'start' | 'allDay'>): boolean {
  return data.allDay || !hasTime(data.start);
}

/** The content lines of one VEVENT for an activity (a series for a recurring one). */
export function eventLines(activity: CalendarActivity, options: CalendarOptions): string[] {
  const { data } = activity;
  const allDay = isAllDay(data);
  const startWall = parseWallClock(data.start);
  const endWall = data.end ? parseWallClock(data.end) : undefined;
  // RFC 5545: DTSTART is always the first instance; for a monthly rule that need not be `start` itself.
  const first = data.recurrence ? (recurrenceDates(startWall, { ...data.recurrence, except: [] }, addDays(startWall, 400))[0] ?? startWall) : startWall;
  const dayOffset = endWall ? daysBetween(startWall, endWall) : 0;
  const host = new URL(options.origin).host;
  const url = new URL(`/agenda/${activity.id}/`, options.origin).href;
  const lines: string[] = ['BEGIN:VEVENT', `UID:${activity.id}@${host}`, `DTSTAMP:${formatUtc(options.now)}`];

  if (allDay) {
    lines.push(`DTSTART;VALUE=DATE:${formatDateValue(first)}`);
    lines.push(`DTEND;VALUE=DATE:${formatDateValue(addDays(first, dayOffset + 1))}`);
  } else {
    lines.push(`DTSTART;TZID=${TIME_ZONE}:${formatLocal({ ...first, hour: startWall.hour, minute: startWall.minute })}`);
    if (endWall) {
      lines.push(`DTEND;TZID=${TIME_ZONE}:${formatLocal({ ...addDays(first, dayOffset), hour: endWall.hour, minute: endWall.minute })}`);
    }
  }
  const rule = recurrenceRule(data, first);
  if (rule) {
    lines.push(`RRULE:${rule}`);
    for (const day of data.recurrence!.except) {
      const date = parseWallClock(day);
      lines.push(
        allDay
          ? `EXDATE;VALUE=DATE:${formatDateValue(date)}`
          : `EXDATE;TZID=${TIME_ZONE}:${formatLocal({ ...date, hour: startWall.hour, minute: startWall.minute })}`,
      );
    }
  }
  lines.push(`SUMMARY:${escapeText(data.cancelled ? `${nl.cancelled}: ${data.title}` : data.title)}`);
  lines.push(`DESCRIPTION:${escapeText(eventDescription(activity, options, url))}`);
  const location = [data.location.name, data.location.address].filter(Boolean).join(', ');
  lines.push(`LOCATION:${escapeText(location)}`);
  lines.push(`URL;VALUE=URI:${url}`);
  if (data.tags.length) lines.push(`CATEGORIES:${data.tags.map(escapeText).join(',')}`);
  lines.push(`STATUS:${data.cancelled ? 'CANCELLED' : 'CONFIRMED'}`);
  lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY);
}

function eventDescription(activity: CalendarActivity, options: CalendarOptions, url: string): string {
  const { data } = activity;
  const lines = [data.summary];
  const facts: string[] = [];
  const group = data.group ? options.groupName?.(data.group) : undefined;
  if (group) facts.push(`${nl.organiser}: ${group}`);
  if (data.cost) facts.push(`${nl.cost}: ${data.cost}`);
  if (data.registration) facts.push(`${nl.registration}: ${data.registration.replace(/^mailto:/i, '')}`);
  if (facts.length) lines.push('', ...facts);
  lines.push('', `${nl.moreInformation}: ${url}`);
  return lines.join('\n');
}

/** A whole VCALENDAR with the given activities, as CRLF-terminated, folded lines. */
export function calendar(activities: readonly CalendarActivity[], options: CalendarOptions): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//buurtsites//buurtsites agenda//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(options.name)}`,
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...(options.description ? [`DESCRIPTION:${escapeText(options.description)}`, `X-WR-CALDESC:${escapeText(options.description)}`] : []),
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH_INTERVAL}`,
    `X-PUBLISHED-TTL:${REFRESH_INTERVAL}`,
    ...AMSTERDAM_VTIMEZONE,
  ];
  for (const activity of activities) lines.push(...eventLines(activity, options));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/**
 * The activities a subscribed calendar should hold at `now`: published ones with a date still to come, or
 * one that ended less than `FEED_GRACE_DAYS` ago, in order of their next (or last) date.
 */
export function feedActivities<A extends CalendarActivity>(activities: readonly A[], now: Date, graceDays = FEED_GRACE_DAYS): A[] {
  const from = new Date(now.getTime() - graceDays * DAY);
  const withDate = activities
    .filter((a) => !a.data.draft)
    .map((a) => ({ activity: a, next: occurrencesFrom(a.data, from)[0] }))
    .filter((x) => x.next !== undefined);
  return withDate.sort((a, b) => a.next!.start.getTime() - b.next!.start.getTime() || a.activity.id.localeCompare(b.activity.id)).map((x) => x.activity);
}
