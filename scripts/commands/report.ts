import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildNow, toDateString } from '../../src/dates/dates.ts';
import { displayPath } from '../../src/core/paths.ts';
import { renderDashboard } from '../platform/report/dashboard.ts';
import { reportBuurten, type BuurtReport } from '../platform/report/index.ts';
import { formatLocalDateTime } from '../platform/report/history.ts';
import { dimensionIds } from '../platform/report/measures.ts';
import { describeLevel } from '../platform/report/scoring.ts';
import { formatTable, parseCommandArgs, UsageError, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';
import { loadSiteConfig } from '../../src/model/content.ts';
import { Subscribers } from '../../src/newsletter/subscribers.ts';
import { openMaintainerStore, openNewsletterStore } from '../functions/maintainer-store.ts';
import { STORE_NAMES } from '../../src/function-runtime/blobs.ts';
import { openForms } from '../../src/participation/submit.ts';
import { monthlyCounts } from '../../src/prikbord/store.ts';
import { activeSubmissionMonths, formatSubmissionMonths } from '../platform/report/submissions.ts';

/**
 * The number of confirmed newsletter subscribers of each buurt that has a newsletter (a count only; see
 * scripts/functions/maintainer-store.ts for where it is read). A store that cannot be read gives no count.
 */
export async function subscriberCounts(slugs: readonly string[]): Promise<Map<string, number>> {
  const withNewsletter: string[] = [];
  for (const slug of slugs) if ((await loadSiteConfig(slug)).config?.newsletter?.enabled) withNewsletter.push(slug);
  const counts = new Map<string, number>();
  if (!withNewsletter.length) return counts;
  const opened = await openNewsletterStore();
  try {
    for (const slug of withNewsletter) counts.set(slug, await new Subscribers(opened.store, slug, 'count-only').count());
  } catch (error) {
    console.error(`The number of newsletter subscribers could not be read from ${opened.where}: ${(error as Error).message}`);
  } finally {
    await opened.close();
  }
  return counts;
}

/** This month's prikbord figures of a buurt: posts, relayed replies and posts that found a reply. */
export interface PrikbordMonth {
  month: string;
  posts: number;
  replies: number;
  answered: number;
}

/**
 * The prikbord's counts of this month (Amsterdam) for each buurt that has posts in it or a prikbord form (counts
 * only, never who or what; src/prikbord/store.ts). A store that cannot be read gives no counts.
 */
export async function prikbordCounts(slugs: readonly string[], now: Date): Promise<Map<string, PrikbordMonth>> {
  const withPrikbord: string[] = [];
  for (const slug of slugs) {
    const config = (await loadSiteConfig(slug)).config;
    if (config && (openForms(config).includes('prikbord') || config.menu.includes('prikbord'))) withPrikbord.push(slug);
  }
  const counts = new Map<string, PrikbordMonth>();
  if (!withPrikbord.length) return counts;
  const month = toDateString(now).slice(0, 7);
  const opened = await openMaintainerStore(STORE_NAMES.prikbord);
  try {
    for (const slug of withPrikbord) {
      const figures = (await monthlyCounts(opened.store, slug))[month] ?? { posts: 0, replies: 0, answered: 0 };
      counts.set(slug, { month, ...figures });
    }
  } catch (error) {
    console.error(`The prikbord's counts could not be read from ${opened.where}: ${(error as Error).message}`);
  } finally {
    await opened.close();
  }
  return counts;
}

/** "Prikbord deze maand: 3 oproepen, 5 reacties doorgestuurd, 2 oproepen met een reactie." */
export function formatPrikbordMonth(m: PrikbordMonth): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `Prikbord deze maand: ${n(m.posts, 'oproep', 'oproepen')}, ${n(m.replies, 'reactie', 'reacties')} doorgestuurd, ${n(m.answered, 'oproep', 'oproepen')} met een reactie.`;
}

/** The report of one buurt for a terminal: a table of dimensions, then the tips. */
export function formatReport(report: BuurtReport): string {
  const lines = [
    `${report.name} (${report.slug}): niveau ${describeLevel(report.level, report.levelLabel)}`,
    '',
    formatTable(
      ['onderdeel', 'niveau', 'cijfers'],
      report.dimensions.map((d) => [d.name, describeLevel(d.level, d.levelLabel), d.summary]),
    ),
    '',
    'Tips voor de vrijwilligers:',
  ];
  for (const d of report.dimensions) {
    lines.push(`  ${d.name}`);
    for (const tip of d.tips) lines.push(`    - ${tip}`);
  }
  const betrokkenheid = report.dimensions.find((d) => d.id === 'betrokkenheid');
  if (report.submissions && (betrokkenheid?.figures.takesSubmissions || activeSubmissionMonths(report.submissions).length)) {
    lines.push('', formatSubmissionMonths(report.submissions));
  }
  if (report.nextSteps.length) {
    lines.push('', 'Volgende stappen uit het stappenplan voor een nieuwe buurt (docs/starten/):');
    for (const step of report.nextSteps) lines.push(`  - ${step.title}. ${step.text}`);
  }
  if (!report.git) lines.push('', 'Let op: de map met buurten staat niet in een git-repository; redacteuren en lang niet bijgewerkte pagina’s zijn onbekend.');
  if (report.contentErrors)
    lines.push(
      '',
      `Let op: ${report.contentErrors} ${report.contentErrors === 1 ? 'fout' : 'fouten'} in de inhoud; zie "buurt check ${report.slug}" (de site wordt pas weer gebouwd als ze zijn opgelost).`,
    );
  return lines.join('\n');
}

/** One line per buurt with the level number per dimension ("-" when unscored). */
export function formatOverview(reports: readonly BuurtReport[]): string {
  return formatTable(
    ['buurt', 'niveau', ...dimensionIds],
    reports.map((r) => [r.slug, describeLevel(r.level), ...dimensionIds.map((id) => r.dimensions.find((d) => d.id === id)?.level ?? '-')]),
  );
}

export const report: Command = {
  name: 'report',
  usage: '<slug…> | --all [--json] [--html <file>]',
  description: 'How alive each buurt is, in Dutch for the buurt: levels 1–5 per dimension, the figures behind them and tips.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      html: { type: 'string' },
    });
    if (values.html !== undefined && !values.html.trim()) throw new UsageError('--html needs a file name, like --html report.html.');
    const slugs = await resolveSlugs(positionals, values.all);
    const now = buildNow();
    const reports = await reportBuurten(slugs, { now });
    if (values.html) {
      const file = path.resolve(values.html);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, renderDashboard(reports, { generatedAt: now }));
      // Keep stdout pure JSON with --json.
      (values.json ? console.error : console.log)(`Wrote the dashboard of ${reports.length} buurt${reports.length === 1 ? '' : 'en'} to ${displayPath(file)}.`);
    }
    const subscribers = await subscriberCounts(slugs);
    const prikbord = await prikbordCounts(slugs, now);
    if (values.json) {
      console.log(
        JSON.stringify(
          reports.map((r) => ({
            ...r,
            ...(subscribers.has(r.slug) ? { newsletterSubscribers: subscribers.get(r.slug) } : {}),
            ...(prikbord.has(r.slug) ? { prikbordThisMonth: prikbord.get(r.slug) } : {}),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    console.log(`Gemeten op ${formatLocalDateTime(now)} (Amsterdamse tijd). Niveaus: 1 startend, 2 groeiend, 3 actief, 4 levendig, 5 bloeiend.\n`);
    console.log(
      reports
        .map((r) => {
          const count = subscribers.get(r.slug);
          const board = prikbord.get(r.slug);
          return [
            formatReport(r),
            ...(count === undefined ? [] : [`Nieuwsbrief: ${count} ${count === 1 ? 'abonnee' : 'abonnees'} (bevestigd).`]),
            ...(board ? [formatPrikbordMonth(board)] : []),
          ].join('\n\n');
        })
        .join('\n\n'),
    );
    if (reports.length > 1) console.log(`\n${formatOverview(reports)}`);
    return 0;
  },
};
