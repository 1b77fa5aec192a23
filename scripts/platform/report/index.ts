/**
 * The maturity report (volwassenheidsmodel) of a buurt: how alive its site is, on six dimensions, each from
 * level 1 (startend) to 5 (bloeiend), with the figures behind the level and one or two tips in Dutch for the
 * buurt's volunteers. Measured from the buurt's own content, its git history, `buurt check` and the last
 * accessibility audit; "now" comes from `buildNow()` so `BUURT_NOW` makes a report reproducible.
 */
import { checkSite } from '../../../src/check/index.ts';
import { buildNow, toDateString } from '../../../src/dates/dates.ts';
import { readAuditSummary } from './audit.ts';
import { readGitFacts } from './history.ts';
import { DIMENSION_NAMES, measureAll, type DimensionId, type FigureValue, type Measured, type ReportInput } from './measures.ts';
import { averageLevel, LEVEL_LABELS, type Level, type Measure } from './scoring.ts';
import { nextSteps, type NextStep } from './next-steps.ts';
import { monthlySeries, type MonthlySeries } from './series.ts';
import { submissionSeries, type SubmissionSeries } from './submissions.ts';
import { formatDutchNumber, reportNl, tipsFor } from './tips.ts';

export interface DimensionReport {
  id: DimensionId;
  /** The Dutch name: "Vindbaarheid en kwaliteit". */
  name: string;
  /** 1–5, or null when it cannot be scored (no audit yet). */
  level: Level | null;
  /** "actief", or why there is no level ("nog geen audit"). */
  levelLabel: string;
  /** The figures in one Dutch line: "laatste nieuws 6 dagen geleden (…); 2,3 berichten per maand …". */
  summary: string;
  figures: Record<string, FigureValue>;
  measures: Measure[];
  /** One or two tips in Dutch. */
  tips: string[];
}

export interface BuurtReport {
  slug: string;
  /** The buurt's name from site.yaml (the slug when site.yaml is invalid). */
  name: string;
  /** The moment measured at, ISO 8601. */
  now: string;
  /** The average of the dimension levels, rounded down. */
  level: Level | null;
  levelLabel: string;
  dimensions: DimensionReport[];
  /** News and activities per month, last 12 months. */
  history: MonthlySeries;
  /** False when the sites folder is not in a git repository (editors and untouched pages are then unknown). */
  git: boolean;
  /** Errors `buurt check` finds; a buurt with errors is not built. */
  contentErrors: number;
  /**
   * Residents' submissions (/meedoen/) received and published per month over the last 12 months, from the git
   * history of all branches; null without git.
   */
  submissions: SubmissionSeries | null;
  /** Steps of the stappenplan for a new buurt (docs/starten/) that the figures show are still open, at most 3. */
  nextSteps: NextStep[];
}

const fmt = (n: number) => formatDutchNumber(n);
const count = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;

/** "inzendingen van bewoners: 3 ontvangen / 2 gepubliceerd". */
export function formatSubmissions(received: number, published: number): string {
  return `inzendingen van bewoners: ${fmt(received)} ontvangen / ${fmt(published)} gepubliceerd`;
}

/** One Dutch line with the figures of a dimension: "laatste nieuws 6 dagen geleden (2026-02-23); …". */
export function summarize(measured: Measured): string {
  const f = measured.figures;
  const n = (key: string) => f[key] as number;
  switch (measured.id) {
    case 'actualiteit':
      if (f.daysSinceLastNews === null) return 'nog geen nieuws';
      return `laatste nieuws ${count(n('daysSinceLastNews'), 'dag', 'dagen')} geleden (${f.lastNewsDate}); ${fmt(n('newsPerMonth'))} berichten per maand in het afgelopen halfjaar`;
    case 'agenda': {
      const recurring =
        n('recurringRunning') === 0
          ? 'geen lopende herhalende activiteiten'
          : f.recurringUpToDate === null
            ? `${count(n('recurringRunning'), 'lopende herhalende activiteit', 'lopende herhalende activiteiten')} (bijgewerkt: onbekend zonder git)`
            : `herhalende activiteiten bijgewerkt ${n('recurringUpToDate')}/${n('recurringRunning')}`;
      return `${n('activitiesNext30Days')} in de komende 30 dagen, ${n('activitiesNext90Days')} in de komende 90 dagen; ${recurring}`;
    }
    case 'betrokkenheid': {
      const editors =
        f.editors === null ? 'redacteuren onbekend (geen git-geschiedenis)' : `${count(n('editors'), 'redacteur', 'redacteuren')} in de afgelopen 90 dagen`;
      const organisations = (f.organisations as readonly string[]).length;
      const groups = (f.groupsWithActivities as readonly string[]).length;
      const base = `${editors}; ${n('contributors')} bijdragend (${count(organisations, 'organisatie', 'organisaties')}, ${count(groups, 'groep', 'groepen')} met activiteiten)`;
      const shown = f.submissionsReceived !== null && (f.takesSubmissions || n('submissionsReceived') > 0 || n('submissionsPublished') > 0);
      return shown ? `${base}; ${formatSubmissions(n('submissionsReceived'), n('submissionsPublished'))} in de afgelopen 90 dagen` : base;
    }
    case 'verbinding':
      return `${n('reachableGroups')}/${n('groups')} groepen bereikbaar; ${count(n('helpTopics'), 'hulponderwerp', 'hulponderwerpen')} (${count(n('helpers'), 'buurtverbinder of professional', 'buurtverbinders en professionals')})`;
    case 'vindbaarheid': {
      const untouched =
        f.untouchedPages === null
          ? 'onaangeroerde pagina’s onbekend (geen git-geschiedenis)'
          : `${n('untouchedPages')}/${n('pages')} pagina’s meer dan een jaar niet bijgewerkt`;
      return `${n('incompleteItems')}/${n('items')} items zonder foto of bruikbare samenvatting; ${count(n('imagesWithoutAlt'), 'foto', 'foto’s')} zonder beschrijving; ${count(n('brokenLinks'), 'kapotte link', 'kapotte links')}; ${untouched}`;
    }
    case 'toegankelijkheid':
      if (f.audit === 'missing') return reportNl.noAudit;
      if (f.audit === 'invalid') return `de samenvatting van de audit is niet te lezen: ${f.auditProblem}`;
      return `audit van ${String(f.auditDate).slice(0, 10)} (${count(n('pagesAudited'), 'pagina', 'pagina’s')}): ${count(n('axeViolations'), 'axe-fout', 'axe-fouten')}, Lighthouse-toegankelijkheid ${n('lighthouseAccessibility')}`;
  }
}

/** The report of one buurt from its measured inputs (pure; see `reportBuurt` for reading them). */
export function buildReport(input: ReportInput, contentErrors = 0): BuurtReport {
  const context = { slug: input.site.slug };
  const measuredAll = measureAll(input);
  const dimensions = measuredAll.map((measured): DimensionReport => {
    const levelLabel = measured.level !== null ? LEVEL_LABELS[measured.level] : measured.figures.audit === 'invalid' ? reportNl.invalidAudit : reportNl.noAudit;
    return {
      id: measured.id,
      name: DIMENSION_NAMES[measured.id],
      level: measured.level,
      levelLabel,
      summary: summarize(measured),
      figures: measured.figures,
      measures: measured.measures,
      tips: tipsFor(measured, context),
    };
  });
  const level = averageLevel(dimensions.map((d) => d.level));
  return {
    slug: input.site.slug,
    name: input.site.config?.name ?? input.site.slug,
    now: input.now.toISOString(),
    level,
    levelLabel: level === null ? reportNl.notScored : LEVEL_LABELS[level],
    dimensions,
    history: monthlySeries(input.site, input.now),
    submissions: input.git ? submissionSeries(input.git.submissions, input.now) : null,
    git: input.git !== undefined,
    contentErrors,
    nextSteps: nextSteps(measuredAll),
  };
}

export interface ReportOptions {
  /** The moment to measure at; `buildNow()` (BUURT_NOW or the real time) by default. */
  now?: Date;
}

/** Reads a buurt's content, problems, git history and audit, and reports on it. */
export async function reportBuurt(slug: string, options: ReportOptions = {}): Promise<BuurtReport> {
  const now = options.now ?? buildNow();
  const [{ site, problems }, git, audit] = await Promise.all([checkSite(slug), readGitFacts(slug, now), readAuditSummary(slug)]);
  const contentErrors = problems.filter((p) => p.severity === 'error').length;
  return buildReport({ site, problems, git, audit, now }, contentErrors);
}

/** Reports on several buurten, in the order given. */
export async function reportBuurten(slugs: readonly string[], options: ReportOptions = {}): Promise<BuurtReport[]> {
  const now = options.now ?? buildNow();
  const reports: BuurtReport[] = [];
  // One at a time: checkSite inspects every image, and git runs per buurt.
  for (const slug of slugs) reports.push(await reportBuurt(slug, { now }));
  return reports;
}

/** "2026-03-01": the Amsterdam day of a report's "now". */
export function reportDay(report: Pick<BuurtReport, 'now'>): string {
  return toDateString(new Date(report.now));
}
