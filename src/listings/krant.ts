/**
 * What the printed wijkkrant of a month holds (`/krant/`, `/krant/2027/01/`, `buurt krant`): the month's one-off
 * activities by date, the recurring ones as a table by weekday, the latest news shortened, the groups and who
 * can help. Plain data; the page decides only how it looks on paper.
 */
import { agendaOverview, isRecurring, monthItems, type ActivityLike, type AgendaItem, type AgendaMonthRange, type RecurringEntry } from './agenda.ts';
import { weekdayName } from '../dates/dates.ts';

/** At most this many one-off activities fit on the agenda page of the krant; the rest is on the website. */
export const KRANT_MAX_ACTIVITIES = 14;
/** News items in the krant. */
export const KRANT_NEWS = 3;
/** News summaries are cut to about this many characters. */
export const KRANT_SUMMARY_CHARS = 180;
/** Groups and people listed in the krant (the rest is on the website). */
export const KRANT_MAX_GROUPS = 8;
export const KRANT_MAX_PEOPLE = 4;

/** One weekday in the krant's table of recurring activities. */
export interface KrantWeekday<A extends ActivityLike = ActivityLike> {
  /** "maandag" */
  label: string;
  entries: RecurringEntry<A>[];
}

export interface KrantAgenda<A extends ActivityLike = ActivityLike> {
  /** One-off activities in the month, by date (at most KRANT_MAX_ACTIVITIES). */
  oneOff: AgendaItem<A>[];
  /** How many one-off activities did not fit. */
  moreOneOff: number;
  /** Recurring activities that take place in the month, Monday first. */
  weekdays: KrantWeekday<A>[];
}

/** The agenda part of the krant for `month`, as seen at `now` (the whole month when it has not begun yet). */
export function krantAgenda<A extends ActivityLike>(activities: readonly A[], month: AgendaMonthRange, now: Date): KrantAgenda<A> {
  const items = monthItems(activities, month, now);
  const oneOffAll = items.filter((item) => !isRecurring(item.activity));
  const inMonth = new Set(items.filter((item) => isRecurring(item.activity)).map((item) => item.activity.id));
  // The next date as seen from the start of the month (or now, when the month has begun).
  const from = new Date(Math.max(month.from.getTime(), now.getTime()));
  const entries = agendaOverview(
    activities.filter((a) => inMonth.has(a.id)),
    from,
    Math.ceil((month.to.getTime() - from.getTime()) / 86_400_000),
  ).recurring.flatMap((group) => group.entries);
  const weekdays: KrantWeekday<A>[] = [];
  for (const day of [1, 2, 3, 4, 5, 6, 0]) {
    const onDay = entries.filter((entry) => new Date(`${entry.next.date}T12:00:00Z`).getUTCDay() === day);
    if (onDay.length) weekdays.push({ label: weekdayName(day), entries: onDay.sort((a, b) => a.time.localeCompare(b.time)) });
  }
  return { oneOff: oneOffAll.slice(0, KRANT_MAX_ACTIVITIES), moreOneOff: Math.max(0, oneOffAll.length - KRANT_MAX_ACTIVITIES), weekdays };
}

/** A text cut at a word boundary to at most `max` characters, with "…" when cut. */
export function shorten(text: string, max = KRANT_SUMMARY_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
