/**
 * What the agenda shows: upcoming occurrences grouped by month, the archive of past activities, and the next
 * dates of one activity. Pages pass in entries and "now"; everything here is plain data.
 */
import {
  addDays,
  compareDates,
  formatMonth,
  formatTime,
  formatWhen,
  fromWallClock,
  monthName,
  parseWallClock,
  toDateString,
  toWallClock,
  weekday,
  weekdayName,
} from '../dates/dates.ts';
import { describeRecurrence, occurrences, occurrencesFrom, type Occurrence } from '../dates/recurrence.ts';
import type { ActivityData } from '../model/schemas.ts';
import { topicSlug } from '../model/urls.ts';

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

/** A stretch of the agenda with a heading: "Deze week", "Volgende week", "januari 2027". */
export interface AgendaSection<A extends ActivityLike = ActivityLike> {
  /** "deze-week", "volgende-week", "2027-01": for anchors. */
  key: string;
  label: string;
  items: AgendaItem<A>[];
}

/** A recurring activity shown once: its rhythm, its next date and the dates it skips. */
export interface RecurringEntry<A extends ActivityLike = ActivityLike> {
  activity: A;
  /** "Elke dinsdag", "Elke eerste zaterdag van de maand". */
  rhythm: string;
  /** "10:00–12:00", "10:00" or "" (all day). */
  time: string;
  next: Occurrence;
  /** "8 december" (with the year when it is not this year's). */
  nextLabel: string;
  /** Skipped dates still to come within the horizon, as "29 december". */
  skipped: string[];
  /** "t/m 22 december 2026" for a series with a last date. */
  until: string | undefined;
}

/** Recurring activities of one rhythm: "Elke week", "Om de week", "Elke maand". */
export interface RecurringGroup<A extends ActivityLike = ActivityLike> {
  key: 'weekly' | 'biweekly' | 'monthly';
  label: string;
  entries: RecurringEntry<A>[];
}

/** The agenda at a glance: one-off activities by week, then by month; recurring ones once each, by rhythm. */
export interface AgendaOverview<A extends ActivityLike = ActivityLike> {
  oneOff: AgendaSection<A>[];
  recurring: RecurringGroup<A>[];
}

/** The headings of the overview's rhythm groups, in the order shown. */
export const RHYTHM_LABELS: Readonly<Record<RecurringGroup['key'], string>> = {
  weekly: 'Elke week',
  biweekly: 'Om de week',
  monthly: 'Elke maand',
};

/** True when the activity repeats. */
export function isRecurring(activity: ActivityLike): boolean {
  return !!activity.data.recurrence;
}

/** Monday 00:00 (Amsterdam) of the week `instant` falls in, plus `weeks` weeks. */
export function weekStart(instant: Date, weeks = 0): Date {
  const w = toWallClock(instant);
  const day = { year: w.year, month: w.month, day: w.day };
  const monday = addDays(day, -((weekday(day) + 6) % 7) + weeks * 7);
  return fromWallClock({ ...monday, hour: 0, minute: 0 });
}

/** "8 december", or "8 december 2027" when `instant` is in another year than `now`. */
export function formatShortDate(instant: Date, now: Date): string {
  const w = toWallClock(instant);
  const label = `${w.day} ${monthName(w.month)}`;
  return w.year === toWallClock(now).year ? label : `${label} ${w.year}`;
}

/** "10:00–12:00", "10:00" or "" for an all-day occurrence. */
export function formatTimeRange(occurrence: Occurrence): string {
  if (occurrence.allDay) return '';
  return occurrence.end ? `${formatTime(occurrence.start)}–${formatTime(occurrence.end)}` : formatTime(occurrence.start);
}

/**
 * The agenda at `now` as residents read it: activities that happen once, from now on, under "Deze week",
 * "Volgende week" and then one heading per month; recurring activities once each under their rhythm with the
 * next date, cancelled series and skipped dates included. Drafts and activities with nothing left are left out.
 */
export function agendaOverview<A extends ActivityLike>(activities: readonly A[], now: Date, horizonDays = RECURRING_HORIZON_DAYS): AgendaOverview<A> {
  const published = activities.filter(isPublishedActivity);
  const thisWeekEnds = weekStart(now, 1).getTime();
  const nextWeekEnds = weekStart(now, 2).getTime();
  const oneOff: AgendaSection<A>[] = [];
  const sectionOf = (key: string, label: string) => {
    let section = oneOff[oneOff.length - 1];
    if (!section || section.key !== key) oneOff.push((section = { key, label, items: [] }));
    return section;
  };
  for (const item of upcomingItems(
    published.filter((a) => !isRecurring(a)),
    now,
  )) {
    const start = item.occurrence.start.getTime();
    if (start < thisWeekEnds) sectionOf('deze-week', 'Deze week').items.push(item);
    else if (start < nextWeekEnds) sectionOf('volgende-week', 'Volgende week').items.push(item);
    else sectionOf(monthKey(item.occurrence.start), formatMonth(item.occurrence.start)).items.push(item);
  }

  const horizon = new Date(now.getTime() + horizonDays * DAY);
  const groups = new Map<RecurringGroup['key'], RecurringEntry<A>[]>();
  for (const activity of published) {
    const recurrence = activity.data.recurrence;
    if (!recurrence) continue;
    const [next] = occurrencesFrom(activity.data, now);
    if (!next) continue;
    const skipped = recurrence.except
      .map((date) => parseWallClock(date))
      .filter((d) => {
        const at = fromWallClock({ ...d, hour: 23, minute: 59 });
        return at.getTime() >= now.getTime() && at.getTime() <= horizon.getTime();
      })
      .sort(compareDates)
      .map((d) => formatShortDate(fromWallClock({ ...d, hour: 12, minute: 0 }), now));
    const entry: RecurringEntry<A> = {
      activity,
      rhythm: describeRecurrence({ start: activity.data.start, recurrence: { ...recurrence, until: undefined } })!,
      time: formatTimeRange(next),
      next,
      nextLabel: formatShortDate(next.start, now),
      skipped,
      until: recurrence.until
        ? `t/m ${formatShortDate(fromWallClock({ ...parseWallClock(recurrence.until), hour: 12, minute: 0 }), new Date(Date.UTC(0, 0)))}`
        : undefined,
    };
    const list = groups.get(recurrence.frequency) ?? [];
    list.push(entry);
    groups.set(recurrence.frequency, list);
  }
  const recurring = (Object.keys(RHYTHM_LABELS) as RecurringGroup['key'][])
    .filter((key) => groups.has(key))
    .map((key) => ({
      key,
      label: RHYTHM_LABELS[key],
      entries: groups
        .get(key)!
        .sort(
          (a, b) =>
            weekdayOrder(a.next) - weekdayOrder(b.next) || a.time.localeCompare(b.time) || a.activity.data.title.localeCompare(b.activity.data.title, 'nl'),
        ),
    }));
  return { oneOff, recurring };
}

/** The home page's "Binnenkort": the next one-off activities first; recurring ones only fill what is left. */
export function soonItems<A extends ActivityLike>(activities: readonly A[], now: Date, count: number): AgendaItem<A>[] {
  const next = nextItems(activities, now);
  const once = next.filter((item) => !isRecurring(item.activity)).slice(0, count);
  const fill = next.filter((item) => isRecurring(item.activity)).slice(0, count - once.length);
  return [...once, ...fill].sort(compareItems);
}

/** A month of the agenda: "2027-01", with its first instant and the first instant of the next month. */
export interface AgendaMonthRange {
  key: string;
  year: number;
  month: number;
  label: string;
  from: Date;
  to: Date;
}

/** The month "2027-01" as a range of instants; undefined for anything that is not a month. */
export function monthRange(key: string): AgendaMonthRange | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const from = fromWallClock({ year, month, day: 1, hour: 0, minute: 0 });
  const to = fromWallClock({ year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1, hour: 0, minute: 0 });
  return { key, year, month, label: formatMonth(from), from, to };
}

/**
 * The months that get a page of their own (`/agenda/2027/01/`): this month and the ones up to the horizon of
 * recurring activities, and every later month in which a one-off activity takes place.
 */
export function agendaMonthKeys(activities: readonly ActivityLike[], now: Date, horizonDays = RECURRING_HORIZON_DAYS): string[] {
  const keys = new Set<string>();
  const last = monthKey(new Date(now.getTime() + horizonDays * DAY));
  for (let key = monthKey(now); key <= last; key = nextMonthKey(key)) keys.add(key);
  for (const item of upcomingItems(
    activities.filter((a) => !isRecurring(a)),
    now,
  ))
    keys.add(monthKey(item.occurrence.start));
  return [...keys].sort();
}

/**
 * Every occurrence in a month that is still to come at `now` (ending at `now` or later), recurring activities at
 * every date: the month's page and its printed edition.
 */
export function monthItems<A extends ActivityLike>(activities: readonly A[], month: AgendaMonthRange, now: Date): AgendaItem<A>[] {
  const from = new Date(Math.max(month.from.getTime(), now.getTime()));
  const to = new Date(month.to.getTime() - 1);
  const items: AgendaItem<A>[] = [];
  for (const activity of activities) {
    if (!isPublishedActivity(activity)) continue;
    for (const occurrence of occurrences(activity.data, from, to)) {
      if (occurrence.start.getTime() < month.to.getTime()) items.push({ activity, occurrence });
    }
  }
  return items.sort(compareItems);
}

/** A filter page of the agenda: the activities of one group or about one topic. */
export interface AgendaFilter {
  /** The group's id, or the topic's slug. */
  slug: string;
  /** The group's name, or the topic as written. */
  label: string;
}

/** The topics (tags) of activities still to come, each once, with their address slug, sorted. */
export function agendaTopics(activities: readonly ActivityLike[], now: Date): AgendaFilter[] {
  const topics = new Map<string, string>();
  for (const activity of activities) {
    if (!isPublishedActivity(activity) || !isUpcoming(activity, now)) continue;
    for (const tag of activity.data.tags) {
      const slug = topicSlug(tag);
      if (slug && !topics.has(slug)) topics.set(slug, tag);
    }
  }
  return [...topics].map(([slug, label]) => ({ slug, label })).sort((a, b) => a.label.localeCompare(b.label, 'nl'));
}

/** True when the activity is about the topic with this slug. */
export function hasTopic(activity: ActivityLike, slug: string): boolean {
  return activity.data.tags.some((tag) => topicSlug(tag) === slug);
}

/** "2027-01" of the Amsterdam month an instant falls in. */
export function monthKey(instant: Date): string {
  const w = toWallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

function nextMonthKey(key: string): string {
  const [year, month] = key.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Monday first. */
function weekdayOrder(occurrence: Occurrence): number {
  return (weekday(parseWallClock(occurrence.date)) + 6) % 7;
}

/** The ids of groups (among `groupIds`, the published ones) that organise an activity still to come, sorted. */
export function agendaGroupIds(activities: readonly ActivityLike[], groupIds: readonly string[], now: Date): string[] {
  const known = new Set(groupIds);
  const ids = new Set<string>();
  for (const activity of activities) {
    const group = activity.data.group;
    if (group && known.has(group) && isPublishedActivity(activity) && isUpcoming(activity, now)) ids.add(group);
  }
  return [...ids].sort();
}

/** Everything the agenda's filter links need: the month pages, the groups and the topics with activities to come. */
export function agendaFilters(
  activities: readonly ActivityLike[],
  groups: readonly { id: string; data: { name: string } }[],
  now: Date,
): { months: AgendaMonthRange[]; groups: AgendaFilter[]; topics: AgendaFilter[] } {
  const names = new Map(groups.map((g) => [g.id, g.data.name]));
  return {
    months: agendaMonthKeys(activities, now).map((key) => monthRange(key)!),
    groups: agendaGroupIds(activities, [...names.keys()], now)
      .map((slug) => ({ slug, label: names.get(slug)! }))
      .sort((a, b) => a.label.localeCompare(b.label, 'nl')),
    topics: agendaTopics(activities, now),
  };
}

/**
 * When an occurrence is, for one line of the agenda under a heading that already names the week or month:
 * "wo 2 december, 14:00–16:00", "za 4 juli" (all day), "za 4 – zo 5 juli" (all day, two days). Across
 * midnight or across years it is written in full (`formatWhen`).
 */
export function formatLineWhen(occurrence: Occurrence): string {
  const day = (instant: Date) => {
    const w = toWallClock(instant);
    return `${weekdayName(weekday(w), 'short')} ${w.day} ${monthName(w.month)}`;
  };
  const { start, end, allDay } = occurrence;
  const sameYear = !end || toWallClock(end).year === toWallClock(start).year;
  if (!sameYear) return formatWhen(start, end, allDay);
  if (allDay) return !end || toDateString(end) === toDateString(start) ? day(start) : `${day(start)} – ${day(end)}`;
  if (end && toDateString(end) !== toDateString(start)) return formatWhen(start, end, allDay);
  return `${day(start)}, ${formatTimeRange(occurrence)}`;
}
