/**
 * When a buurt's newsletter goes out. The scheduled function runs every few minutes; an issue is due on the
 * buurt's day (Amsterdam time) from its hour on, once per day (the issue's key is that date), and for
 * `every: twee-weken` only when the last issue sent is at least two weeks old. An issue that had nothing new
 * does not count as sent, so a fortnightly buurt tries again the week after.
 */
import { addDays, compareDates, parseWallClock, toDateString, toWallClock, weekday, weekdayName } from '../dates/dates.ts';
import type { NewsletterSettings } from '../model/schemas.ts';

/** Days between issues for each rhythm. */
export const RHYTHM_DAYS: Readonly<Record<NewsletterSettings['every'], number>> = { week: 7, 'twee-weken': 14 };

/**
 * The key ("2026-12-07", the Amsterdam date) of the issue due at `now`, or undefined when none is due.
 * `lastSentKey` is the key of the last issue that went out.
 */
export function dueIssueKey(settings: NewsletterSettings, now: Date, lastSentKey?: string): string | undefined {
  const wall = toWallClock(now);
  if (weekdayName(weekday(wall)) !== settings.day || wall.hour < settings.hour) return undefined;
  const key = toDateString(now);
  if (lastSentKey && lastSentKey >= key) return undefined;
  if (lastSentKey && settings.every === 'twee-weken') {
    const earliest = addDays(parseWallClock(lastSentKey), RHYTHM_DAYS['twee-weken']);
    if (compareDates(parseWallClock(key), earliest) < 0) return undefined;
  }
  return key;
}

/** Where "news since the last issue" starts for a first issue: one rhythm back from `now`. */
export function firstIssueSince(settings: NewsletterSettings, now: Date): Date {
  return new Date(now.getTime() - RHYTHM_DAYS[settings.every] * 86_400_000);
}
