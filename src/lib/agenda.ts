/**
 * What the agenda shows: upcoming occurrences grouped by month, the archive of past activities, and the next
 * dates of one activity. Pages pass in entries and "now"; everything here is plain data.
 */
import { formatMonth, toWallClock } from './dates.ts';
import { occurrences, occurrencesFrom, type Occurrence } from './recurrence.ts';
import type { ActivityData } from './schemas.ts';

/** How far ahead recurring activities are listed in the agenda (one-off activities are listed however far). */
export const RECURRING_HORIZON_DAYS = 92;
/** How far ahead an activity page lists its next dates. */
export const ACTIVITY_PAGE_HORIZON_DAYS = 366;

const DAY = 86_400_000;
const FAR_FUTURE = new Date(Date.UTC(9999, 0, 1));
const FAR_PAST = new Date(Date.UTC(1970, 0, 1));

export interface ActivityLike {
  id: string;
  data: ActivityData;
}

export interface AgendaItem<A extends ActivityLike = ActivityLike> {
  activity: A;
  occurrence: Occurrence;
}

export interface AgendaMonth<A extends ActivityLike = ActivityLike> {
  /** "maart 2026" */
  label: string;
  /** "2026-03", for anchors. */
  key: string;
  items: AgendaItem<A>[];
}

/** True when the activity is not a draft. */
export function isPublishedActivity(activity: ActivityLike): boolean {
  return !activity.data.draft;
}

/** The occurrences still to come (or going on) at `now`, up to the horizon for recurring activities. */
export function upcomingItems<A extends ActivityLike>(activities: readonly A[], now: Date, horizonDays = RECURRING_HORIZON_DAYS): AgendaItem<A>[] {
  const horizon = new Date(now.getTime() + horizonDays * DAY);
  const items: AgendaItem<A>[] = [];
  for (const activity of activities) {
    if (!isPublishedActivity(activity)) continue;
    const to = activity.data.recurrence ? horizon : FAR_FUTURE;
    for (const occurrence of occurrences(activity.data, now, to)) items.push({ activity, occurrence });
  }
  return items.sort(compareItems);
}

/** The next occurrence of each activity at `now`, one per activity (for the home page and group pages). */
export function nextItems<A extends ActivityLike>(activities: readonly A[], now: Date): AgendaItem<A>[] {
  const items: AgendaItem<A>[] = [];
  for (const activity of activities) {
    if (!isPublishedActivity(activity)) continue;
    const [next] = occurrencesFrom(activity.data, now);
    if (next) items.push({ activity, occurrence: next });
  }
  return items.sort(compareItems);
}

/** Activities that have no occurrence left at `now`, most recent first, each with its last occurrence. */
export function pastItems<A extends ActivityLike>(activities: readonly A[], now: Date): AgendaItem<A>[] {
  const items: AgendaItem<A>[] = [];
  for (const activity of activities) {
    if (!isPublishedActivity(activity) || isUpcoming(activity, now)) continue;
    const all = occurrences(activity.data, FAR_PAST, now);
    const last = all[all.length - 1];
    if (last) items.push({ activity, occurrence: last });
  }
  return items.sort((a, b) => compareItems(b, a));
}

/** True when the activity takes place at `now` or later. */
export function isUpcoming(activity: ActivityLike, now: Date): boolean {
  return occurrencesFrom(activity.data, now).length > 0;
}

/** The next dates of one activity (for its own page); past dates when it has none left. */
export function activityDates(activity: ActivityLike, now: Date, horizonDays = ACTIVITY_PAGE_HORIZON_DAYS): Occurrence[] {
  return occurrences(activity.data, now, new Date(now.getTime() + horizonDays * DAY));
}

/** Groups items by the Amsterdam month they start in, in the order given. */
export function groupByMonth<A extends ActivityLike>(items: readonly AgendaItem<A>[]): AgendaMonth<A>[] {
  const months: AgendaMonth<A>[] = [];
  for (const item of items) {
    const w = toWallClock(item.occurrence.start);
    const key = `${w.year}-${String(w.month).padStart(2, '0')}`;
    let month = months[months.length - 1];
    if (!month || month.key !== key) {
      month = { key, label: formatMonth(item.occurrence.start), items: [] };
      months.push(month);
    }
    month.items.push(item);
  }
  return months;
}

function compareItems(a: AgendaItem, b: AgendaItem): number {
  return a.occurrence.start.getTime() - b.occurrence.start.getTime() || a.activity.data.title.localeCompare(b.activity.data.title, 'nl');
}
