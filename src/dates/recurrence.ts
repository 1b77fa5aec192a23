/**
 * Why not rrule: the site needs only weekly and "nth weekday of the month" rules at an Amsterdam wall-clock
 * time; rrule works in UTC or floating time and would need its own DST handling around it (not measured).
 *
 * Occurrences of activities: a one-off activity has one, a recurring one ("every Tuesday", "every first
 * Saturday of the month", "until 22 December") has one per date, each at the same Amsterdam wall-clock time,
 * so 10:00 stays 10:00 across the switch to and from summer time.
 */
import {
  addDays,
  compareDates,
  daysInMonth,
  formatIsoDate,
  fromWallClock,
  hasTime,
  monthName,
  parseWallClock,
  weekday,
  weekdayName,
  type CalendarDate,
  type WallClock,
} from './dates.ts';
import type { ActivityData, RecurrenceData } from '../model/schemas.ts';

export interface Occurrence {
  /** "2026-03-14": the Amsterdam calendar day it starts on; unique per activity. */
  date: string;
  start: Date;
  end: Date | undefined;
  allDay: boolean;
}

/** No activity is expanded beyond this many occurrences (a safety net for "every week, forever"). */
export const MAX_OCCURRENCES = 1000;

/** The week of the month a day falls in: 1–4, or -1 when it is the last such weekday of the month. */
export function weekOfMonthOf(date: CalendarDate): 1 | 2 | 3 | 4 | -1 {
  const nth = Math.ceil(date.day / 7);
  return nth >= 5 ? -1 : (nth as 1 | 2 | 3 | 4);
}

/** The day in `year`/`month` that is the `nth` (-1 = last) occurrence of `weekdayIndex` (0 = Sunday). */
export function nthWeekdayOfMonth(year: number, month: number, weekdayIndex: number, nth: number): CalendarDate {
  if (nth === -1) {
    const last = daysInMonth(year, month);
    const lastWeekday = weekday({ year, month, day: last });
    return { year, month, day: last - ((lastWeekday - weekdayIndex + 7) % 7) };
  }
  const firstWeekday = weekday({ year, month, day: 1 });
  return { year, month, day: 1 + ((weekdayIndex - firstWeekday + 7) % 7) + (nth - 1) * 7 };
}

/** The weekday (0 = Sunday) and week of the month a monthly activity repeats on. */
export function monthlyRule(start: CalendarDate, recurrence: Pick<RecurrenceData, 'weekOfMonth'>): { weekday: number; nth: number } {
  return { weekday: weekday(start), nth: recurrence.weekOfMonth ?? weekOfMonthOf(start) };
}

/** The calendar days a recurrence produces, from its first day until `until` or `last`, whichever is earlier. */
export function recurrenceDates(first: CalendarDate, recurrence: RecurrenceData, last: CalendarDate): CalendarDate[] {
  const until = recurrence.until ? parseWallClock(recurrence.until) : undefined;
  const end = until && compareDates(until, last) < 0 ? until : last;
  const except = new Set(recurrence.except);
  const dates: CalendarDate[] = [];
  const push = (d: CalendarDate) => {
    if (!except.has(formatIsoDate(d))) dates.push(d);
  };
  if (recurrence.frequency === 'monthly') {
    const rule = monthlyRule(first, recurrence);
    let { year, month } = first;
    while (dates.length < MAX_OCCURRENCES) {
      const day = nthWeekdayOfMonth(year, month, rule.weekday, rule.nth);
      if (compareDates(day, end) > 0) break;
      if (compareDates(day, first) >= 0) push(day);
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return dates;
  }
  const step = recurrence.frequency === 'biweekly' ? 14 : 7;
  for (let d = first; compareDates(d, end) <= 0 && dates.length < MAX_OCCURRENCES; d = addDays(d, step)) push(d);
  return dates;
}

/**
 * The occurrences of an activity that end on or after `from` and start on or before `to`. For an all-day
 * activity, start is the start of the day and end the end of its last day.
 */
export function occurrences(activity: Pick<ActivityData, 'start' | 'end' | 'allDay' | 'recurrence'>, from: Date, to: Date): Occurrence[] {
  const startWall = parseWallClock(activity.start);
  const allDay = activity.allDay || !hasTime(activity.start);
  const endWall = activity.end ? parseWallClock(activity.end) : undefined;
  const dayOffset = endWall ? daysBetween(startWall, endWall) : 0;
  const firstStart = fromWallClock(allDay ? { ...startWall, hour: 0, minute: 0 } : startWall);
  const duration = endWall && !allDay ? fromWallClock(endWall).getTime() - firstStart.getTime() : undefined;

  const make = (day: CalendarDate): Occurrence => {
    const start = fromWallClock(allDay ? { ...day, hour: 0, minute: 0 } : { ...day, hour: startWall.hour, minute: startWall.minute });
    let end: Date | undefined;
    if (allDay) {
      end = new Date(fromWallClock({ ...addDays(day, dayOffset + 1), hour: 0, minute: 0 }).getTime() - 1);
    } else if (endWall) {
      // Keep the wall-clock end time (an evening 19:30–22:00 stays so on the night clocks change).
      const endDay = addDays(day, dayOffset);
      end = fromWallClock({ ...endDay, hour: endWall.hour, minute: endWall.minute } as WallClock);
      if (duration !== undefined && end.getTime() <= start.getTime()) end = new Date(start.getTime() + duration);
    }
    return { date: formatIsoDate(day), start, end, allDay };
  };

  const days = activity.recurrence ? recurrenceDates(startWall, activity.recurrence, lastDayToConsider(to)) : [startWall as CalendarDate];
  const result: Occurrence[] = [];
  for (const day of days) {
    const occurrence = make(day);
    const endsAt = occurrence.end ?? occurrence.start;
    if (endsAt.getTime() >= from.getTime() && occurrence.start.getTime() <= to.getTime()) result.push(occurrence);
  }
  return result;
}

/**
 * The occurrences from `from` on, looking a year ahead first: a recurring activity without an end date has up to
 * `MAX_OCCURRENCES` of them, and expanding all of them where only the next one is needed (every agenda page, the
 * calendar feed) was the slowest part of building the agenda.
 */
export function occurrencesFrom(activity: Pick<ActivityData, 'start' | 'end' | 'allDay' | 'recurrence'>, from: Date): Occurrence[] {
  const soon = occurrences(activity, from, new Date(from.getTime() + 400 * 86_400_000));
  return soon.length ? soon : occurrences(activity, from, FAR_FUTURE);
}

/** Later than any date an editor can write. */
const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));

function lastDayToConsider(to: Date): CalendarDate {
  // `to` is an instant; a day later covers any time zone difference.
  const d = new Date(to.getTime() + 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** A plain Dutch description of the repetition: "Elke dinsdag", "Elke eerste zaterdag van de maand, t/m 22 december 2026". */
export function describeRecurrence(activity: Pick<ActivityData, 'start' | 'recurrence'>): string | undefined {
  const recurrence = activity.recurrence;
  if (!recurrence) return undefined;
  const start = parseWallClock(activity.start);
  const ordinals: Record<string, string> = { '1': 'eerste', '2': 'tweede', '3': 'derde', '4': 'vierde', '-1': 'laatste' };
  const day = weekdayName(weekday(start));
  let text: string;
  if (recurrence.frequency === 'weekly') text = `Elke ${day}`;
  else if (recurrence.frequency === 'biweekly') text = `Om de week op ${day}`;
  else text = `Elke ${ordinals[String(monthlyRule(start, recurrence).nth)]} ${day} van de maand`;
  if (recurrence.until) {
    const until = parseWallClock(recurrence.until);
    text += `, t/m ${until.day} ${monthName(until.month)} ${until.year}`;
  }
  return text;
}
