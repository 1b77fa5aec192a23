/**
 * Every threshold of the maturity report (volwassenheidsmodel), in one place. The README's table of
 * thresholds is written from this file; change both together.
 *
 * A measure is scored from level 1 (starting) to 5 (thriving) with four cut-offs: the first for level 2, the
 * last for level 5. For a measure where more is better (`atLeast`), a value reaching a cut-off earns that level;
 * for one where less is better (`atMost`), a value at or under it does. A dimension's level is the average of
 * its measures' levels, rounded down (see `scoring.ts`).
 */

/** Four cut-offs, for levels 2, 3, 4 and 5. */
export type Cutoffs = readonly [number, number, number, number];

export interface Threshold {
  /** 'atLeast': higher is better; 'atMost': lower is better. */
  direction: 'atLeast' | 'atMost';
  cutoffs: Cutoffs;
}

const atLeast = (...cutoffs: Cutoffs): Threshold => ({ direction: 'atLeast', cutoffs });
const atMost = (...cutoffs: Cutoffs): Threshold => ({ direction: 'atMost', cutoffs });

/** Days per month, for "per month" figures over a window of days. */
export const DAYS_PER_MONTH = 365.25 / 12;

export const windows = {
  /** News per month is counted over this many months before now (the last half year). */
  newsMonths: 6,
  /** Occurrences of activities counted over the next this many days (the first agenda figure)... */
  agendaShortDays: 30,
  /** ...and over the next this many days (the second). */
  agendaLongDays: 90,
  /**
   * A recurring activity that is still running (no `until`, or an `until` today or later) is "kept up to date"
   * when its `until` is set (someone decided when it ends) or its file changed in git within this many days.
   * A recurring activity without `until` that nobody touched for half a year may well have stopped.
   */
  recurringFreshDays: 183,
  /** Distinct editors are the authors of commits to the buurt's folder in the last this many days. */
  editorsDays: 90,
  /** A group contributes when an activity it organises takes place within this many days before now, or later. */
  groupActivityDays: 365,
  /** A page, group or person whose file has not changed for more than this many days is "untouched". */
  untouchedDays: 365,
  /** The sparklines cover this many calendar months, ending with the current one. */
  historyMonths: 12,
} as const;

/** A summary shorter than this (in characters) is too thin to help a reader or a search engine. */
export const MIN_SUMMARY_CHARS = 30;

/**
 * Alt texts that describe nothing (compared in lower case, trimmed). An alt text equal to the image's file
 * name, or empty, is also "without alt text".
 */
export const MEANINGLESS_ALT_TEXTS: readonly string[] = ['foto', 'afbeelding', 'plaatje', 'image', 'photo', 'picture', 'img', 'logo'];

export const thresholds = {
  /** actualiteit: days since the newest published news item (none at all is level 1). */
  daysSinceLastNews: atMost(90, 30, 14, 7),
  /** actualiteit: published news items per month over the last `windows.newsMonths` months. */
  newsPerMonth: atLeast(0.5, 1, 2, 4),
  /** agenda: occurrences of activities in the next `windows.agendaShortDays` days (cancelled ones excluded). */
  activitiesNext30Days: atLeast(1, 2, 4, 8),
  /** agenda: occurrences of activities in the next `windows.agendaLongDays` days. */
  activitiesNext90Days: atLeast(2, 5, 10, 20),
  /** agenda: share (0–1) of running recurring activities kept up to date; not scored without any. */
  recurringUpToDateShare: atLeast(0.25, 0.5, 0.75, 1),
  /** betrokkenheid: distinct editors in the last `windows.editorsDays` days. */
  editors: atLeast(1, 2, 3, 5),
  /** betrokkenheid: organisations (of people) plus groups with activities. */
  contributors: atLeast(1, 2, 4, 6),
  /** verbinding: share (0–1) of published groups with an e-mail address, phone number or website; no groups is level 1. */
  reachableGroupsShare: atLeast(0.25, 0.5, 0.75, 1),
  /** verbinding: distinct topics buurtverbinders and wijkprofessionals help with. */
  helpTopics: atLeast(1, 3, 6, 10),
  /** vindbaarheid en kwaliteit: share (0–1) of news items, activities and groups without a photo or a useful summary. */
  incompleteShare: atMost(0.75, 0.5, 0.25, 0.1),
  /** vindbaarheid en kwaliteit: images without a useful alt text. */
  imagesWithoutAlt: atMost(3, 2, 1, 0),
  /** vindbaarheid en kwaliteit: broken links and references found by `buurt check`. */
  brokenLinks: atMost(5, 3, 1, 0),
  /** vindbaarheid en kwaliteit: share (0–1) of pages, groups and people untouched for more than `windows.untouchedDays` days. */
  untouchedShare: atMost(0.75, 0.5, 0.25, 0.1),
  /** toegankelijkheid: axe violations in the last audit. */
  axeViolations: atMost(10, 5, 2, 0),
  /** toegankelijkheid: Lighthouse accessibility score (0–100) in the last audit. */
  lighthouseAccessibility: atLeast(70, 80, 90, 100),
} as const satisfies Record<string, Threshold>;

export type MeasureKey = keyof typeof thresholds;

/** An audit older than this many days gets a tip to run it again (its result still counts). */
export const AUDIT_STALE_DAYS = 90;
