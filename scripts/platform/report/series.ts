/**
 * Month-by-month history for the dashboard's sparklines: published news items and activity occurrences per
 * calendar month (Amsterdam time) over the last 12 months, ending with the current month. Counted from the
 * content as it is now: a news item deleted since is not counted, a recurring activity counts once per date.
 */
import type { LoadedSite } from '../../../src/model/content.ts';
import { fromWallClock, monthName, toWallClock } from '../../../src/dates/dates.ts';
import { isPublished, publicationMoment } from '../../../src/listings/news.ts';
import { occurrences } from '../../../src/dates/recurrence.ts';
import { windows } from './thresholds.ts';

export interface MonthlySeries {
  /** "2026-03", oldest first. */
  months: string[];
  /** Published news items per month (the current month up to now). */
  news: number[];
  /** Occurrences of activities (not drafts, not cancelled) starting in each month, the whole current month included. */
  activities: number[];
}

/** "2026-03" → "maart 2026". */
export function monthLabel(key: string): string {
  const [year, month] = key.split('-').map(Number);
  return `${monthName(month!)} ${year}`;
}

/** The last `count` calendar months in Amsterdam ending with the month of `now`, as "2026-03" keys. */
export function lastMonths(now: Date, count: number = windows.historyMonths): string[] {
  const w = toWallClock(now);
  const keys: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = w.year * 12 + (w.month - 1) - i;
    keys.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return keys;
}

function monthKey(instant: Date): string {
  const w = toWallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

function monthStart(key: string): Date {
  const [year, month] = key.split('-').map(Number);
  return fromWallClock({ year: year!, month: month!, day: 1, hour: 0, minute: 0 });
}

/** News and activities per month over the last 12 months at `now`. */
export function monthlySeries(site: LoadedSite, now: Date): MonthlySeries {
  const months = lastMonths(now);
  const index = new Map(months.map((m, i) => [m, i]));
  const news = months.map(() => 0);
  const activities = months.map(() => 0);
  for (const item of site.entries.nieuws) {
    if (!isPublished(item, now)) continue;
    const i = index.get(monthKey(publicationMoment(item)));
    if (i !== undefined) news[i]!++;
  }
  const from = monthStart(months[0]!);
  const last = months[months.length - 1]!;
  const [year, month] = last.split('-').map(Number);
  const to = new Date(
    fromWallClock({ year: month === 12 ? year! + 1 : year!, month: month === 12 ? 1 : month! + 1, day: 1, hour: 0, minute: 0 }).getTime() - 1,
  );
  for (const activity of site.entries.agenda) {
    if (activity.data.draft || activity.data.cancelled) continue;
    for (const occurrence of occurrences(activity.data, from, to)) {
      const i = index.get(monthKey(occurrence.start));
      if (i !== undefined) activities[i]!++;
    }
  }
  return { months, news, activities };
}
