/**
 * The figures behind each dimension of the maturity report, measured from a buurt's own content, its git
 * history, the problems `buurt check` finds and the last accessibility audit. Nothing here tracks residents.
 *
 * Every function is pure over a `ReportInput`, so tests can feed it known content, history and "now".
 */
import path from 'node:path';
import type { LoadedSite } from '../../../src/model/content.ts';
import { imageReferences } from '../../../src/check/images.ts';
import { occurrences } from '../../../src/dates/recurrence.ts';
import { isPublished, publicationMoment } from '../../../src/listings/news.ts';
import { toDateString } from '../../../src/dates/dates.ts';
import type { Problem } from '../../../src/model/problems.ts';
import { topicSlug } from '../../../src/model/urls.ts';
import type { AuditReading } from './audit.ts';
import type { GitFacts } from './history.ts';
import { submissionsWithin } from './submissions.ts';
import { averageLevel, measure, type Level, type Measure } from './scoring.ts';
import { AUDIT_STALE_DAYS, DAYS_PER_MONTH, MEANINGLESS_ALT_TEXTS, MIN_SUMMARY_CHARS, windows } from './thresholds.ts';

const DAY = 86_400_000;

/** Everything the report measures a buurt from. */
export interface ReportInput {
  site: LoadedSite;
  /** Problems from `checkSite` (content errors, broken references, …). */
  problems: readonly Problem[];
  /** Undefined when the sites folder is not in a git repository. */
  git: GitFacts | undefined;
  audit: AuditReading;
  now: Date;
}

/** The dimensions of the volwassenheidsmodel, in report order. */
export const dimensionIds = ['actualiteit', 'agenda', 'betrokkenheid', 'verbinding', 'vindbaarheid', 'toegankelijkheid'] as const;
export type DimensionId = (typeof dimensionIds)[number];

/** The Dutch names of the dimensions, as volunteers know them. */
export const DIMENSION_NAMES: Readonly<Record<DimensionId, string>> = {
  actualiteit: 'Actualiteit',
  agenda: 'Agenda',
  betrokkenheid: 'Betrokkenheid',
  verbinding: 'Verbinding',
  vindbaarheid: 'Vindbaarheid en kwaliteit',
  toegankelijkheid: 'Toegankelijkheid',
};

export type FigureValue = number | string | boolean | null | readonly string[];

/** The scored result of one dimension before tips and texts are added. */
export interface Measured {
  id: DimensionId;
  level: Level | null;
  /** The figures behind the level; null where a figure cannot be known (no git, no audit). */
  figures: Record<string, FigureValue>;
  /** The measures that were scored, each with its level. */
  measures: Measure[];
}

const published = <T extends { data: { draft: boolean } }>(entries: readonly T[]) => entries.filter((e) => !e.data.draft);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const scored = (...measures: (Measure | undefined)[]) => measures.filter((m): m is Measure => m !== undefined);
const levelOf = (measures: readonly Measure[]) => averageLevel(measures.map((m) => m.level));

/** The path of an entry inside the buurt's folder, as git facts key it: "content/paginas/contact.md". */
export function fileKey(site: LoadedSite, file: string): string {
  return path.relative(site.paths.siteDir, file).split(path.sep).join('/');
}

/** When a file last changed in git; a file git does not know yet (new, uncommitted) counts as changed now. */
function lastChange(input: ReportInput, file: string): Date | null {
  if (!input.git) return null;
  return input.git.lastChanged.get(fileKey(input.site, file)) ?? input.now;
}

/** actualiteit: days since the last published news item, and news per month over the last half year. */
export function measureActualiteit(input: ReportInput): Measured {
  const { now } = input;
  const news = input.site.entries.nieuws.filter((item) => isPublished(item, now));
  const moments = news.map((item) => publicationMoment(item).getTime()).sort((a, b) => b - a);
  const newest = moments[0];
  const daysSinceLastNews = newest === undefined ? null : Math.floor((now.getTime() - newest) / DAY);
  const windowDays = Math.round(windows.newsMonths * DAYS_PER_MONTH);
  const since = now.getTime() - windowDays * DAY;
  const recent = moments.filter((t) => t > since).length;
  const newsPerMonth = round(recent / windows.newsMonths);
  const measures = scored(measure('daysSinceLastNews', daysSinceLastNews, 1), measure('newsPerMonth', newsPerMonth));
  return {
    id: 'actualiteit',
    level: levelOf(measures),
    figures: {
      publishedNews: news.length,
      lastNewsDate: newest === undefined ? null : toDateString(new Date(newest)),
      daysSinceLastNews,
      newsInLastHalfYear: recent,
      newsPerMonth,
    },
    measures,
  };
}

/** A running recurring activity: published, not cancelled, and its `until` (if any) not yet past. */
function isRunningRecurring(data: LoadedSite['entries']['agenda'][number]['data'], today: string): boolean {
  return Boolean(data.recurrence) && !data.cancelled && (!data.recurrence?.until || data.recurrence.until >= today);
}

/** agenda: occurrences in the next 30 and 90 days, and the share of recurring activities kept up to date. */
export function measureAgenda(input: ReportInput): Measured {
  const { now } = input;
  const activities = published(input.site.entries.agenda).filter((a) => !a.data.cancelled);
  const count = (days: number) => {
    const to = new Date(now.getTime() + days * DAY);
    return activities.reduce((sum, a) => sum + occurrences(a.data, now, to).length, 0);
  };
  const next30 = count(windows.agendaShortDays);
  const next90 = count(windows.agendaLongDays);
  const today = toDateString(now);
  const running = activities.filter((a) => isRunningRecurring(a.data, today));
  const freshSince = now.getTime() - windows.recurringFreshDays * DAY;
  const stale: string[] = [];
  let upToDate = 0;
  // Without git, only activities with an `until` can be judged; then the share is unknown unless all have one.
  const known = Boolean(input.git) || running.every((a) => a.data.recurrence?.until);
  for (const activity of running) {
    const changed = lastChange(input, activity.file);
    if (activity.data.recurrence?.until || (changed && changed.getTime() >= freshSince)) upToDate++;
    else stale.push(activity.data.title);
  }
  const share = running.length && known ? round(upToDate / running.length) : null;
  const measures = scored(measure('activitiesNext30Days', next30), measure('activitiesNext90Days', next90), measure('recurringUpToDateShare', share));
  return {
    id: 'agenda',
    level: levelOf(measures),
    figures: {
      activities: activities.length,
      activitiesNext30Days: next30,
      activitiesNext90Days: next90,
      recurringRunning: running.length,
      recurringUpToDate: known ? upToDate : null,
      recurringUpToDateShare: share,
      recurringNotUpToDate: known ? stale.sort((a, b) => a.localeCompare(b, 'nl')) : [],
    },
    measures,
  };
}

/**
 * betrokkenheid: distinct editors in the last 90 days (a resident's submission is not an editor's commit), and
 * organisations and groups that contribute; not scored: residents' submissions received and published in those
 * 90 days.
 */
export function measureBetrokkenheid(input: ReportInput): Measured {
  const { now, site } = input;
  let editors: number | null = null;
  let editorNames: string[] = [];
  let submissions: { received: number; published: number } | null = null;
  if (input.git) {
    const since = now.getTime() - windows.editorsDays * DAY;
    const byIdentity = new Map<string, string>();
    const submitted = new Set(input.git.submissions.map((s) => s.commit));
    for (const commit of input.git.commits) {
      if (commit.date.getTime() < since || submitted.has(commit.hash)) continue;
      const identity = (commit.authorEmail || commit.authorName).trim().toLowerCase();
      if (!byIdentity.has(identity)) byIdentity.set(identity, commit.authorName);
    }
    editors = byIdentity.size;
    editorNames = [...new Set(byIdentity.values())].sort((a, b) => a.localeCompare(b, 'nl'));
    submissions = submissionsWithin(input.git.submissions, now, windows.editorsDays);
  }
  const organisations = new Map<string, string>();
  for (const person of published(site.entries.mensen)) {
    const name = person.data.organisation?.trim();
    if (name && !organisations.has(name.toLowerCase())) organisations.set(name.toLowerCase(), name);
  }
  const groupIds = new Set(published(site.entries.groepen).map((g) => g.id));
  const from = new Date(now.getTime() - windows.groupActivityDays * DAY);
  const farFuture = new Date(Date.UTC(9999, 0, 1));
  const activeGroups = new Set<string>();
  for (const activity of published(site.entries.agenda)) {
    const group = activity.data.group;
    if (!group || !groupIds.has(group) || activeGroups.has(group)) continue;
    if (occurrences(activity.data, from, farFuture).length) activeGroups.add(group);
  }
  const contributors = organisations.size + activeGroups.size;
  const measures = scored(measure('editors', editors), measure('contributors', contributors));
  return {
    id: 'betrokkenheid',
    level: levelOf(measures),
    figures: {
      editors,
      editorNames,
      organisations: [...organisations.values()].sort((a, b) => a.localeCompare(b, 'nl')),
      groupsWithActivities: [...activeGroups].sort(),
      contributors,
      submissionsReceived: submissions?.received ?? null,
      submissionsPublished: submissions?.published ?? null,
      takesSubmissions: Boolean(site.config?.participation?.forms.length),
    },
    measures,
  };
}

/** verbinding: groups with a way to reach them, and the topics buurtverbinders and professionals help with. */
export function measureVerbinding(input: ReportInput): Measured {
  const groups = published(input.site.entries.groepen);
  const reachable = groups.filter((g) => Boolean(g.data.contact?.email || g.data.contact?.phone || g.data.contact?.website));
  const unreachable = groups.filter((g) => !reachable.includes(g)).map((g) => g.data.name);
  const share = groups.length ? round(reachable.length / groups.length) : null;
  const helpers = published(input.site.entries.mensen).filter((p) => p.data.role === 'buurtverbinder' || p.data.role === 'wijkprofessional');
  const topics = new Map<string, string>();
  for (const person of helpers) for (const topic of person.data.topics) if (!topics.has(topicSlug(topic))) topics.set(topicSlug(topic), topic);
  const measures = scored(measure('reachableGroupsShare', share, 1), measure('helpTopics', topics.size));
  return {
    id: 'verbinding',
    level: levelOf(measures),
    figures: {
      groups: groups.length,
      reachableGroups: reachable.length,
      reachableGroupsShare: share,
      unreachableGroups: unreachable.sort((a, b) => a.localeCompare(b, 'nl')),
      helpers: helpers.length,
      helpTopics: topics.size,
      topics: [...topics.values()].sort((a, b) => a.localeCompare(b, 'nl')),
    },
    measures,
  };
}

/**
 * Codes of `buurt check` problems that are broken links or references: images that are not there, groups and
 * menu items that do not exist, and any link or anchor problem (`broken-link`, `broken-anchor`, `http-link`, …
 * as the check grows).
 */
export function isBrokenLinkProblem(problem: Pick<Problem, 'code'>): boolean {
  return ['missing-image', 'image-outside-media', 'unknown-group', 'unknown-menu-item'].includes(problem.code) || /link|anchor/.test(problem.code);
}

/**
 * True when an alt text describes nothing: empty, a generic word ("foto"), or the image's file name as a
 * camera or upload tool fills it in ("IMG_2041.jpg", "IMG_2041", "buurtfeest-2026"). A plain word that
 * happens to be the file name ("Kat" for kat.jpg) is a description.
 */
export function isMeaninglessAlt(alt: string, src: string): boolean {
  const text = alt.trim().toLowerCase();
  if (!text) return true;
  if (MEANINGLESS_ALT_TEXTS.includes(text)) return true;
  const file = path.posix.basename(src.split(/[?#]/)[0]!).toLowerCase();
  const base = file.replace(/\.[a-z0-9]+$/, '');
  return text === file || (text === base && /[\d_-]/.test(base));
}

/** vindbaarheid en kwaliteit: incomplete items, images without alt text, broken links, untouched pages. */
export function measureVindbaarheid(input: ReportInput): Measured {
  const { site, now } = input;
  const items = [
    ...site.entries.nieuws.filter((n) => isPublished(n, now)).map((n) => ({ photo: n.data.image, summary: n.data.summary, title: n.data.title })),
    ...published(site.entries.agenda).map((a) => ({ photo: a.data.image, summary: a.data.summary, title: a.data.title })),
    ...published(site.entries.groepen).map((g) => ({ photo: g.data.image, summary: g.data.summary, title: g.data.name })),
  ];
  const isWeakSummary = (item: (typeof items)[number]) => item.summary.trim().length < MIN_SUMMARY_CHARS || item.summary.trim() === item.title.trim();
  const withoutPhoto = items.filter((i) => !i.photo).length;
  const weakSummaries = items.filter(isWeakSummary).length;
  const incomplete = items.filter((i) => !i.photo || isWeakSummary(i)).length;
  const incompleteShare = items.length ? round(incomplete / items.length) : null;
  const imagesWithoutAlt = imageReferences(site).filter((ref) => isMeaninglessAlt(ref.alt, ref.src)).length;
  const brokenLinks = input.problems.filter(isBrokenLinkProblem).length;
  const pages = [...published(site.entries.paginas), ...published(site.entries.groepen), ...published(site.entries.mensen)];
  let untouched: string[] | null = null;
  if (input.git) {
    const before = now.getTime() - windows.untouchedDays * DAY;
    untouched = pages
      .filter((p) => (lastChange(input, p.file)?.getTime() ?? now.getTime()) < before)
      .map((p) => fileKey(site, p.file))
      .sort();
  }
  const untouchedShare = untouched && pages.length ? round(untouched.length / pages.length) : null;
  const measures = scored(
    measure('incompleteShare', incompleteShare),
    measure('imagesWithoutAlt', imagesWithoutAlt),
    measure('brokenLinks', brokenLinks),
    measure('untouchedShare', untouchedShare),
  );
  const empty = items.length + pages.length === 0;
  return {
    id: 'vindbaarheid',
    // With nothing to find, clean figures would flatter: an empty site is level 1.
    level: empty ? 1 : levelOf(measures),
    figures: {
      items: items.length,
      itemsWithoutPhoto: withoutPhoto,
      itemsWithWeakSummary: weakSummaries,
      incompleteItems: incomplete,
      incompleteShare,
      imagesWithoutAlt,
      brokenLinks,
      pages: pages.length,
      untouchedPages: untouched === null ? null : untouched.length,
      untouchedShare,
      untouchedFiles: untouched ?? [],
    },
    measures,
  };
}

/** toegankelijkheid: the result of the last accessibility audit, or "nog geen audit". */
export function measureToegankelijkheid(input: ReportInput): Measured {
  const audit = input.audit;
  if (audit.state !== 'present') {
    return {
      id: 'toegankelijkheid',
      level: null,
      figures: { audit: audit.state === 'missing' ? 'missing' : 'invalid', ...(audit.state === 'invalid' ? { auditProblem: audit.reason } : {}) },
      measures: [],
    };
  }
  const { summary } = audit;
  const ageDays = Math.max(0, Math.floor((input.now.getTime() - Date.parse(summary.date)) / DAY));
  const measures = scored(measure('axeViolations', summary.axeViolations), measure('lighthouseAccessibility', summary.lighthouse.accessibility));
  return {
    id: 'toegankelijkheid',
    level: levelOf(measures),
    figures: {
      audit: 'present',
      auditDate: summary.date,
      auditAgeDays: ageDays,
      auditStale: ageDays > AUDIT_STALE_DAYS,
      pagesAudited: summary.pages,
      axeViolations: summary.axeViolations,
      lighthouseAccessibility: summary.lighthouse.accessibility,
      lighthousePerformance: summary.lighthouse.performance ?? null,
      lighthouseBestPractices: summary.lighthouse['best-practices'] ?? null,
      lighthouseSeo: summary.lighthouse.seo ?? null,
    },
    measures,
  };
}

/** Every dimension, measured. */
export function measureAll(input: ReportInput): Measured[] {
  return [
    measureActualiteit(input),
    measureAgenda(input),
    measureBetrokkenheid(input),
    measureVerbinding(input),
    measureVindbaarheid(input),
    measureToegankelijkheid(input),
  ];
}
