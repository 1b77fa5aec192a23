import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildNow } from '../../src/lib/dates.ts';
import { displayPath } from '../../src/lib/paths.ts';
import { renderDashboard } from '../../src/lib/report/dashboard.ts';
import { reportBuurten, type BuurtReport } from '../../src/lib/report/index.ts';
import { formatLocalDateTime } from '../../src/lib/report/history.ts';
import { dimensionIds } from '../../src/lib/report/measures.ts';
import { describeLevel } from '../../src/lib/report/scoring.ts';
import { formatTable, parseCommandArgs, UsageError, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';
import { loadSiteConfig } from '../../src/lib/content.ts';
import { Subscribers } from '../../src/lib/newsletter/subscribers.ts';
import { openNewsletterStore } from '../functions/maintainer-store.ts';

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
    if (values.json) {
      console.log(
        JSON.stringify(
          reports.map((r) => (subscribers.has(r.slug) ? { ...r, newsletterSubscribers: subscribers.get(r.slug) } : r)),
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
          return count === undefined ? formatReport(r) : `${formatReport(r)}\n\nNieuwsbrief: ${count} ${count === 1 ? 'abonnee' : 'abonnees'} (bevestigd).`;
        })
        .join('\n\n'),
    );
    if (reports.length > 1) console.log(`\n${formatOverview(reports)}`);
    return 0;
  },
};
