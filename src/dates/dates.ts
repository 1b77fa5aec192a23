/**
 * Dates and times as Dutch residents read them, always in Europe/Amsterdam.
 * Why not date-fns-tz, Luxon or Temporal: they convert through `Intl` on every call, which cost 7.4 s of a 21 s
 * build before the per-year offset table here (docs/benchmarks/2026-11-29.md, "Dates"); Temporal is not in
 * Node 24 without a polyfill. The DST edges are pinned in dates.test.ts and dates-offsets.test.ts.
 *
 * Content stores wall-clock times without an offset ("2026-03-14T10:00" means 10:00 in Amsterdam, summer or
 * winter). This module turns those into instants and back, and formats them the way Dutch people write them:
 * "za 14 maart 2026, 10:00–12:00".
 */

export const TIME_ZONE = 'Europe/Amsterdam';

/** A calendar date without time: "2026-03-14". */
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A wall-clock date and time in Amsterdam: "2026-03-14T10:00" (seconds optional). */
export const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
}

/** True when `value` names a real calendar day ("2026-02-30" is not one). */
export function isValidDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  return isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when `value` is a real wall-clock date and time ("2026-03-14T10:00"). */
export function isValidDateTime(value: string): boolean {
  const m = DATE_TIME_PATTERN.exec(value);
  if (!m) return false;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  return isRealDay(Number(m[1]), Number(m[2]), Number(m[3])) && hour < 24 && minute < 60;
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "2026-03-14" or "2026-03-14T10:00" into a wall clock (midnight for a bare date). */
export function parseWallClock(value: string): WallClock {
  const dt = DATE_TIME_PATTERN.exec(value);
  if (dt) {
    return { year: +dt[1]!, month: +dt[2]!, day: +dt[3]!, hour: +dt[4]!, minute: +dt[5]! };
  }
  const d = DATE_PATTERN.exec(value);
  if (d) return { year: +d[1]!, month: +d[2]!, day: +d[3]!, hour: 0, minute: 0 };
  throw new RangeError(`"${value}" is not a date (2026-03-14) or a date and time (2026-03-14T10:00).`);
}

/** True when the string carries a time of day. */
export function hasTime(value: string): boolean {
  return DATE_TIME_PATTERN.test(value);
}

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Amsterdam wall clock at an instant, asking Intl (slow: used to build the offset tables below). */
function intlWallClock(instant: Date): WallClock & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function intlOffsetMinutes(ms: number): number {
  const w = intlWallClock(new Date(ms));
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * Amsterdam's offset changes only twice a year, yet a build asks for it hundreds of thousands of times (every
 * occurrence of every recurring activity on every page). Intl's formatToParts took a third of a 1,300-item build,
 * so per UTC year we ask Intl once a week (Amsterdam's changes, in March and October, have always been months
 * apart), find each change to the minute, and answer from that table.
 */
const offsetTables = new Map<number, { offset: number; changes: { at: number; offset: number }[] }>();
const MINUTE = 60_000;
const WEEK = 7 * 86_400_000;

function offsetTable(year: number) {
  let table = offsetTables.get(year);
  if (table) return table;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const changes: { at: number; offset: number }[] = [];
  let previous = intlOffsetMinutes(start);
  for (let step = start + WEEK; step < end + WEEK; step += WEEK) {
    const at = Math.min(step, end);
    const offset = intlOffsetMinutes(at);
    if (offset === previous) continue;
    // The first minute of the week with the new offset.
    let lo = (step - WEEK) / MINUTE;
    let hi = at / MINUTE;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (intlOffsetMinutes(mid * MINUTE) === previous) lo = mid;
      else hi = mid;
    }
    if (hi * MINUTE < end) changes.push({ at: hi * MINUTE, offset });
    previous = offset;
  }
  table = { offset: intlOffsetMinutes(start), changes };
  offsetTables.set(year, table);
  return table;
}

/** The Amsterdam wall clock at an instant. */
export function toWallClock(instant: Date): WallClock & { second: number } {
  if (!(instant.getUTCFullYear() >= 1970)) return intlWallClock(instant);
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const local = new Date(ms + amsterdamOffsetMinutes(instant) * MINUTE);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Minutes Amsterdam is ahead of UTC at an instant: 60 in winter, 120 in summer. */
export function amsterdamOffsetMinutes(instant: Date): number {
  const ms = instant.getTime();
  const year = instant.getUTCFullYear();
  // Before 1970 Amsterdam's offsets were not whole minutes; ask Intl directly.
  if (!Number.isFinite(ms) || year < 1970 || year > 9999) return intlOffsetMinutes(ms);
  const table = offsetTable(year);
  let offset = table.offset;
  for (const change of table.changes) {
    if (change.at <= ms) offset = change.offset;
    else break;
  }
  return offset;
}

/**
 * The instant at which Amsterdam clocks show `wall`. A time skipped by the switch to summer time (02:30 on the
 * last Sunday of March) resolves to the hour after; a repeated time in October resolves to its first occurrence.
 */
export function fromWallClock(wall: WallClock): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = naive - amsterdamOffsetMinutes(new Date(naive)) * 60000;
  const second = naive - amsterdamOffsetMinutes(new Date(first)) * 60000;
  const earlier = Math.min(first, second);
  return new Date(toWallClockEquals(new Date(earlier), wall) ? earlier : Math.max(first, second));
}

function toWallClockEquals(instant: Date, wall: WallClock): boolean {
  const w = toWallClock(instant);
  return w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute;
}

/** The instant of a content date or date-time string, read as Amsterdam time. */
export function parseAmsterdam(value: string): Date {
  return fromWallClock(parseWallClock(value));
}

/** "2026-03-14" for the Amsterdam calendar day of an instant. */
export function toDateString(instant: Date): string {
  const w = toWallClock(instant);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "2026-03-14T10:00:00+01:00": ISO 8601 with the Amsterdam offset, for feeds and schema.org. */
export function toIsoWithOffset(instant: Date): string {
  const w = toWallClock(instant);
  const offset = amsterdamOffsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const WEEKDAYS_SHORT = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'];
const WEEKDAYS_LONG = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** Weekday of a calendar date, 0 = Sunday. */
export function weekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Dutch name of a month (1–12): "maart". */
export function monthName(month: number): string {
  return MONTHS[month - 1]!;
}

/** Dutch name of a weekday (0 = zondag). */
export function weekdayName(day: number, style: 'short' | 'long' = 'long'): string {
  return (style === 'short' ? WEEKDAYS_SHORT : WEEKDAYS_LONG)[day]!;
}

/** "za 14 maart 2026" (short weekday) or "zaterdag 14 maart 2026" (long). */
export function formatDate(instant: Date, style: 'short' | 'long' = 'short'): string {
  const w = toWallClock(instant);
  return `${weekdayName(weekday(w), style)} ${w.day} ${monthName(w.month)} ${w.year}`;
}

/** "14 maart 2026", without weekday: for news dates. */
export function formatDay(instant: Date): string {
  const w = toWallClock(instant);
  return `${w.day} ${monthName(w.month)} ${w.year}`;
}

/** "10:00" in Amsterdam time. */
export function formatTime(instant: Date): string {
  const w = toWallClock(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "maart 2026": the heading of a month in the agenda. */
export function formatMonth(instant: Date): string {
  const w = toWallClock(instant);
  return `${monthName(w.month)} ${w.year}`;
}

/**
 * When an activity takes place, as Dutch people write it:
 * - "za 14 maart 2026, 10:00–12:00"
 * - "za 14 maart 2026, 10:00" (no end)
 * - "za 14 maart 2026" (all day)
 * - "za 14 maart 2026, 22:00 – zo 15 maart 2026, 02:00" (across days)
 * - "za 14 maart 2026 – zo 15 maart 2026" (all day, several days)
 */
export function formatWhen(start: Date, end: Date | undefined, allDay: boolean): string {
  if (allDay) {
    if (!end || toDateString(end) === toDateString(start)) return formatDate(start);
    return `${formatDate(start)} – ${formatDate(end)}`;
  }
  if (!end) return `${formatDate(start)}, ${formatTime(start)}`;
  if (toDateString(end) === toDateString(start)) {
    return `${formatDate(start)}, ${formatTime(start)}–${formatTime(end)}`;
  }
  return `${formatDate(start)}, ${formatTime(start)} – ${formatDate(end)}, ${formatTime(end)}`;
}

/** Adds whole days to a calendar date. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Compares two calendar dates like a sort function. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** "2026-03-14" of a calendar date. */
export function formatIsoDate(date: CalendarDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * "Now" for a build: `BUURT_NOW` ("2026-03-01T12:00", Amsterdam time) when set, so tests and previews can pin
 * the date the agenda and scheduled news depend on; otherwise the real time.
 */
export function buildNow(env: Record<string, string | undefined> = process.env): Date {
  const pinned = env.BUURT_NOW;
  if (pinned) {
    if (!isValidDateTime(pinned) && !isValidDate(pinned)) {
      throw new RangeError(`BUURT_NOW="${pinned}" is not a date and time; write it as 2026-03-01T12:00.`);
    }
    return parseAmsterdam(pinned);
  }
  return new Date();
}
