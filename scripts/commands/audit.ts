import path from 'node:path';
import { auditSite, DEFAULT_MIN_PERFORMANCE, STRICT_CATEGORIES, type AuditResult } from '../audit/index.ts';
import { formatKb } from '../audit/budgets.ts';
import { CATEGORIES } from '../audit/lighthouse.ts';
import { parsePageTypes } from '../audit/pages.ts';
import { displayPath } from '../../src/core/paths.ts';
import { ContentError, formatProblem } from '../../src/model/problems.ts';
import { formatTable, parseCommandArgs, UsageError, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

const SHORT: Record<string, string> = { performance: 'perf', accessibility: 'a11y', 'best-practices': 'best', seo: 'seo' };

/** The terminal report of an audit. */
export function formatAudit(result: AuditResult): string {
  const lines: string[] = [];
  lines.push(`Audit of ${result.slug} (${displayPath(result.distDir)}), ${result.pages.length} page${result.pages.length === 1 ? '' : 's'}`);
  if (result.missing.length) lines.push(`Not audited, the buurt has no page of this kind yet: ${result.missing.join(', ')}`);
  lines.push('');
  const scored = result.pages.some((p) => p.lighthouse);
  lines.push(
    formatTable(
      ['page', 'address', ...(scored ? CATEGORIES.map((c) => SHORT[c]!) : []), 'axe', 'other'],
      result.pages.map((p) => [p.type, p.path, ...(scored ? CATEGORIES.map((c) => p.lighthouse?.scores[c] ?? 0) : []), p.axe.length, p.checks.length]),
    ),
  );
  lines.push('', 'Bytes a phone downloads on opening the page (360 px, 2×, compressed):');
  lines.push(
    formatTable(
      ['page', 'HTML', 'CSS', 'JS', 'photos', 'fonts', 'total'],
      result.pages.map((p) => [
        p.type,
        formatKb(p.transfer.html),
        formatKb(p.transfer.css),
        formatKb(p.transfer.js),
        formatKb(p.transfer.photos),
        formatKb(p.transfer.fonts),
        formatKb(p.transfer.total),
      ]),
    ),
  );
  lines.push('', 'Budgets:');
  for (const budget of result.budgets) lines.push(`  ${budget.ok ? 'ok  ' : 'FAIL'}  ${budget.name}: ${budget.detail}`);
  const photoProblems = result.pages.flatMap((p) => p.weightProblems);
  lines.push(`  ${photoProblems.length ? 'FAIL' : 'ok  '}  phones (360 px, 2× and 3×) get no photo wider than they show, no fonts, no scripts outside search`);
  const shortfalls = result.pages.flatMap((p) => (p.lighthouse?.shortfalls ?? []).map((s) => `${p.type}: ${s}`));
  if (shortfalls.length) lines.push('', 'Lighthouse audits that cost points:', ...shortfalls.map((s) => `  ${s}`));
  const calibrated = result.pages.filter((p) => p.lighthouse);
  if (calibrated.length) {
    const slowdowns = calibrated.map(
      (p) => `${p.type} ${p.lighthouse!.cpuSlowdown}×${p.lighthouse!.benchmarkIndex ? ` (benchmark ${Math.round(p.lighthouse!.benchmarkIndex)})` : ''}`,
    );
    const runs = calibrated[0]!.lighthouse!.runs;
    lines.push(
      '',
      `Lighthouse: ${runs === 1 ? 'one run' : `median of ${runs} runs`} per page; CPU slowdown${calibrated[0]!.lighthouse!.benchmarkIndex ? ", calibrated to this machine (at most the preset's 4×)" : ''}: ${slowdowns.join(', ')}`,
    );
  }
  const warnings = [...new Set(result.pages.flatMap((p) => p.lighthouse?.warnings ?? []))];
  if (warnings.length) lines.push('', 'Lighthouse warnings:', ...warnings.map((w) => `  ${w}`));
  lines.push('', `Reports: ${displayPath(result.reportDir)}${path.sep}`);
  lines.push(result.summaryFile ? `Summary: ${displayPath(result.summaryFile)}` : 'Summary: not written (it needs the Lighthouse scores)');
  lines.push('');
  if (result.failures.length) {
    lines.push(
      `${result.slug}: the audit found ${result.failures.length} problem${result.failures.length === 1 ? '' : 's'}:`,
      ...result.failures.map((f) => `  ${f}`),
    );
  } else {
    lines.push(
      `${result.slug}: passed (no axe violations, budgets kept${scored ? `, Lighthouse ${STRICT_CATEGORIES.join(', ')} 100, performance at least ${result.minPerformance}` : ''}).`,
    );
  }
  return lines.join('\n');
}

export const audit: Command = {
  name: 'audit',
  usage: '<slug> [--no-build] [--no-lighthouse] [--pages home,search] [--runs 3] [--min-performance 90] [--cpu-slowdown <n>] [--json]',
  description: 'Accessibility and speed audit in Chromium: axe, Lighthouse (mobile) and page-weight budgets of six page types.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      'no-build': { type: 'boolean' },
      'no-lighthouse': { type: 'boolean' },
      'min-performance': { type: 'string', default: String(DEFAULT_MIN_PERFORMANCE) },
      'cpu-slowdown': { type: 'string' },
      runs: { type: 'string', default: '3' },
      pages: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('Name exactly one buurt to audit.');
    const [slug] = await resolveSlugs(positionals, false);
    const minPerformance = Number(values['min-performance']);
    if (!Number.isFinite(minPerformance) || minPerformance < 0 || minPerformance > 100)
      throw new UsageError(`--min-performance must be a score from 0 to 100, not "${values['min-performance']}".`);
    const cpuSlowdown = values['cpu-slowdown'] === undefined ? undefined : Number(values['cpu-slowdown']);
    if (cpuSlowdown !== undefined && !(cpuSlowdown >= 1 && cpuSlowdown <= 20))
      throw new UsageError(`--cpu-slowdown must be a number from 1 to 20, not "${values['cpu-slowdown']}".`);
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new UsageError(`--runs must be a whole number from 1 to 9, not "${values.runs}".`);
    let pageTypes;
    try {
      pageTypes = values.pages === undefined ? undefined : parsePageTypes(values.pages);
    } catch (error) {
      throw new UsageError(`--pages: ${(error as Error).message}.`);
    }
    let result: AuditResult;
    try {
      result = await auditSite(slug!, {
        build: !values['no-build'],
        lighthouse: !values['no-lighthouse'],
        minPerformance,
        cpuSlowdown,
        runs,
        ...(pageTypes ? { pageTypes } : {}),
        onLog: values.json ? undefined : (line) => console.error(line),
      });
    } catch (error) {
      if (error instanceof ContentError) {
        console.error(`${slug} cannot be built, so it cannot be audited:`);
        for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
        return 1;
      }
      throw error;
    }
    console.log(values.json ? JSON.stringify(result, null, 2) : formatAudit(result));
    return result.failures.length ? 1 : 0;
  },
};
