/**
 * `auditSite`: the accessibility and speed audit of one built buurt (`npm run audit -- <slug>`).
 *
 * 1. builds the buurt (or takes `dist/<slug>/` as it is), and checks the page-weight budgets on the output;
 * 2. serves it on 127.0.0.1 as its host would (compressed, cached) and opens home, a news item, the agenda, an
 *    activity, a group and search (or only the kinds `pageTypes` names) in Debian's Chromium: axe-core (WCAG 2.2
 *    AA), skip link, target size, focus ring, text size, reflow at 320 px and at 200% text, reduced motion, and
 *    what a phone of 360 px at 2× and 3× downloads (bytes per page, photo sizes, fonts, scripts);
 * 3. runs Lighthouse (mobile preset, the CPU slowdown calibrated to this machine) on the same pages;
 * 4. keeps every report in `.cache/<slug>/audit/<date>/` and writes the summary the maturity report reads,
 *    `.cache/<slug>/audit/summary.json` (see scripts/platform/report/audit.ts).
 *
 * It never exits the process: the result lists `failures`, the reasons the audit does not pass.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildSite } from '../platform/build/build.ts';
import { sitePaths } from '../../src/core/paths.ts';
import { auditSummaryFile, auditSummarySchema, type AuditSummary } from '../platform/report/audit.ts';
import { checkBudgets, formatKb, SCRIPT_PAGE, type BudgetResult } from './budgets.ts';
import { chromiumPath, isLocalUrl, OFFLINE_FLAGS } from './chromium.ts';
import { CATEGORIES, type Category, type LighthouseResult } from './lighthouse.ts';
import {
  axeViolations,
  focusProblems,
  horizontalScroll,
  imageChoices,
  motionProblems,
  skipLinkProblems,
  smallTargets,
  smallText,
  type AxeProblem,
} from './page-checks.ts';
import { pageTypeName, selectAuditPages, type AuditPage, type PageType } from './pages.ts';
import { serveForAudit } from './server.ts';

/** Lighthouse categories that must score 100: they do not depend on how busy the machine is. */
export const STRICT_CATEGORIES: readonly Category[] = ['accessibility', 'best-practices', 'seo'];
/** Performance is simulated from timings on this machine and varies with its load; below this it fails. */
export const DEFAULT_MIN_PERFORMANCE = 90;

export interface AuditOptions {
  /** Build first (default); false audits dist/<slug>/ as it is. */
  build?: boolean;
  /** Run Lighthouse (default); without it no summary is written (the report needs its scores). */
  lighthouse?: boolean;
  minPerformance?: number;
  /** The page kinds to audit (default all six); the budgets always cover every page of the output. */
  pageTypes?: readonly PageType[];
  /** Lighthouse runs per page; the run with the median performance score is kept (default 1). */
  runs?: number;
  /** A fixed Lighthouse CPU slowdown (4 is the mobile preset's); calibrated to this machine when undefined. */
  cpuSlowdown?: number | undefined;
  /** Environment for the build (BUURT_NOW). */
  env?: Record<string, string>;
  now?: Date;
  onLog?: (line: string) => void;
}

/** Bytes a phone downloads when it opens a page (compressed, as transferred), by kind. */
export interface Transfer {
  html: number;
  css: number;
  js: number;
  photos: number;
  fonts: number;
  other: number;
  total: number;
}

export interface PageAudit extends AuditPage {
  axe: AxeProblem[];
  /** Problems found by the other browser checks. */
  checks: string[];
  /** Photos wider than the phone needs, fonts, scripts outside search. */
  weightProblems: string[];
  transfer: Transfer;
  lighthouse?: LighthouseResult | undefined;
}

export interface AuditResult {
  slug: string;
  distDir: string;
  date: string;
  reportDir: string;
  pages: PageAudit[];
  missing: PageType[];
  budgets: BudgetResult[];
  /** What was written to summary.json; undefined without Lighthouse. */
  summary: AuditSummary | undefined;
  summaryFile: string | undefined;
  minPerformance: number;
  failures: string[];
}

/** "2026-11-28T19-20-05Z": a folder name per run. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/** A page whose requests outside localhost are blocked and recorded, and whose errors are collected. */
async function openPage(browser: Browser, options: Parameters<Browser['newContext']>[0]) {
  const context = await browser.newContext({ locale: 'nl-NL', ...options });
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, blocked, errors };
}

/** Opens `url` as a phone and adds up what it downloads until the network is quiet. */
async function measureTransfer(page: Page, url: string): Promise<{ transfer: Transfer; requests: { url: string; type: string }[] }> {
  const pending: Promise<void>[] = [];
  const transfer: Transfer = { html: 0, css: 0, js: 0, photos: 0, fonts: 0, other: 0, total: 0 };
  const requests: { url: string; type: string }[] = [];
  page.on('requestfinished', (request) => {
    requests.push({ url: request.url(), type: request.resourceType() });
    pending.push(
      request.sizes().then((sizes) => {
        const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
        const kind = request.resourceType();
        const key: keyof Transfer =
          kind === 'document'
            ? 'html'
            : kind === 'stylesheet'
              ? 'css'
              : kind === 'script'
                ? 'js'
                : kind === 'image'
                  ? 'photos'
                  : kind === 'font'
                    ? 'fonts'
                    : 'other';
        transfer[key] += bytes;
        transfer.total += bytes;
      }),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  return { transfer, requests };
}

/** Audits a buurt; see the module comment. */
export async function auditSite(slug: string, options: AuditOptions = {}): Promise<AuditResult> {
  const log = options.onLog ?? (() => {});
  const now = options.now ?? new Date();
  const paths = sitePaths(slug);
  const minPerformance = options.minPerformance ?? DEFAULT_MIN_PERFORMANCE;
  if (options.build !== false) {
    log(`Building ${slug}…`);
    await buildSite(slug, { env: options.env, onLog: () => {} });
  } else {
    try {
      await stat(path.join(paths.distDir, 'index.html'));
    } catch {
      throw new Error(
        `${slug} has not been built: there is no ${path.join(paths.distDir, 'index.html')}. Run the audit without --no-build, or "buurt build ${slug}" first.`,
      );
    }
  }

  const failures: string[] = [];
  const budgets = await checkBudgets(paths.distDir);
  for (const budget of budgets) if (!budget.ok) failures.push(`budget exceeded: ${budget.name}: ${budget.detail}`);

  const { pages: selected, missing } = await selectAuditPages(paths.distDir, options.pageTypes);
  const reportDir = path.join(paths.cacheDir, 'audit', stamp(now));
  await mkdir(reportDir, { recursive: true });

  const served = await serveForAudit(paths.distDir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...OFFLINE_FLAGS] });
  const audits: PageAudit[] = [];
  try {
    const contexts: BrowserContext[] = [];
    const desktop = await openPage(browser, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const narrow = await openPage(browser, { viewport: { width: 320, height: 640 } });
    const bigText = await openPage(browser, { viewport: { width: 640, height: 800 } });
    contexts.push(desktop.context, narrow.context, bigText.context);
    await (await bigText.context.newCDPSession(bigText.page)).send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });

    for (const { type, path: pagePath } of selected) {
      log(`Checking ${type} (${pagePath}) in Chromium…`);
      const url = `${served.origin}${pagePath}`;
      const checks: string[] = [];
      await desktop.page.goto(url);
      checks.push(...(await skipLinkProblems(desktop.page)));
      const axe = await axeViolations(desktop.page);
      checks.push(
        ...(await smallTargets(desktop.page)),
        ...(await focusProblems(desktop.page)),
        ...(await smallText(desktop.page)),
        ...(await motionProblems(desktop.page)),
      );
      await narrow.page.goto(url);
      checks.push(...(await horizontalScroll(narrow.page)).map((p) => `at 320 px: ${p}`), ...(await smallTargets(narrow.page)).map((p) => `at 320 px: ${p}`));
      await bigText.page.goto(url);
      checks.push(...(await horizontalScroll(bigText.page)).map((p) => `at 200% text: ${p}`));

      const weightProblems: string[] = [];
      let transfer: Transfer | undefined;
      for (const deviceScaleFactor of [2, 3]) {
        const phone = await openPage(browser, { viewport: { width: 360, height: 740 }, deviceScaleFactor, isMobile: true, hasTouch: true });
        try {
          const measured = await measureTransfer(phone.page, url);
          if (deviceScaleFactor === 2) transfer = measured.transfer;
          for (const request of measured.requests) {
            if (request.type === 'font') weightProblems.push(`a font was downloaded: ${request.url}`);
            if (request.type === 'script' && pagePath !== SCRIPT_PAGE) weightProblems.push(`a script was loaded outside search: ${request.url}`);
          }
          for (const choice of await imageChoices(phone.page)) {
            if (choice.chosen > choice.enough)
              weightProblems.push(
                `at 360 px, ${deviceScaleFactor}×: ${choice.file} is ${choice.chosen} px wide for ${choice.displayed} CSS px; ${choice.enough} px is enough`,
              );
            if (choice.chosen >= 1600)
              weightProblems.push(`at 360 px, ${deviceScaleFactor}×: ${choice.file} is the ${choice.chosen} px photo for wide screens`);
          }
          checks.push(...phone.blocked.map((u) => `requested outside the site: ${u}`), ...phone.errors.map((e) => `page error: ${e}`));
        } finally {
          await phone.context.close();
        }
      }
      audits.push({ type, path: pagePath, axe, checks, weightProblems, transfer: transfer! });
    }
    for (const opened of [desktop, narrow, bigText]) {
      for (const u of opened.blocked) failures.push(`a page requested something outside the site: ${u}`);
      for (const e of opened.errors) failures.push(`a page error: ${e}`);
    }
    await Promise.all(contexts.map((c) => c.close()));
  } finally {
    await browser.close();
  }

  try {
    if (options.lighthouse !== false) {
      const { startLighthouse } = await import('./lighthouse.ts');
      const runner = await startLighthouse({ cpuSlowdown: options.cpuSlowdown });
      try {
        for (const audit of audits) {
          log(`Lighthouse: ${audit.type} (${audit.path})…`);
          audit.lighthouse = await runner.run(
            `${served.origin}${audit.path}`,
            path.join(reportDir, `lighthouse-${pageTypeName(audit.type)}.json`),
            options.runs ?? 1,
          );
        }
      } finally {
        await runner.close();
      }
    }
  } finally {
    await served.close();
  }

  for (const audit of audits) {
    const at = `${audit.type} (${audit.path})`;
    for (const v of audit.axe) failures.push(`${at}: axe ${v.rule}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`);
    for (const c of audit.checks) failures.push(`${at}: ${c}`);
    for (const w of audit.weightProblems) failures.push(`${at}: ${w}`);
    const lh = audit.lighthouse;
    if (!lh) continue;
    for (const category of STRICT_CATEGORIES) if (lh.scores[category] < 100) failures.push(`${at}: Lighthouse ${category} ${lh.scores[category]}, not 100`);
    if (lh.scores.performance < minPerformance) failures.push(`${at}: Lighthouse performance ${lh.scores.performance}, under ${minPerformance}`);
    for (const u of lh.remoteRequests) failures.push(`${at}: Lighthouse saw a request outside the site: ${u}`);
  }

  let summary: AuditSummary | undefined;
  let summaryFile: string | undefined;
  const scored = audits.filter((a) => a.lighthouse);
  if (scored.length && scored.length === audits.length) {
    const lowest = (category: Category) => Math.min(...scored.map((a) => a.lighthouse!.scores[category]));
    summary = auditSummarySchema.parse({
      date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
      pages: audits.length,
      axeViolations: audits.reduce((sum, a) => sum + a.axe.length, 0),
      lighthouse: Object.fromEntries(CATEGORIES.map((c) => [c, lowest(c)])),
    });
    summaryFile = auditSummaryFile(slug);
    await writeFile(
      summaryFile,
      JSON.stringify(
        {
          ...summary,
          // Beyond the contract (ignored by the report): what was audited and where the reports are.
          passed: failures.length === 0,
          reports: path.relative(path.dirname(summaryFile), reportDir),
          pageTypes: audits.map((a) => ({
            type: a.type,
            path: a.path,
            scores: a.lighthouse!.scores,
            axeViolations: a.axe.length,
            transferBytes: a.transfer.total,
          })),
        },
        null,
        2,
      ) + '\n',
    );
  }

  const result: AuditResult = {
    slug,
    distDir: paths.distDir,
    date: now.toISOString(),
    reportDir,
    pages: audits,
    missing,
    budgets,
    summary,
    summaryFile,
    minPerformance,
    failures,
  };
  await writeFile(
    path.join(reportDir, 'audit.json'),
    JSON.stringify(
      { ...result, pages: audits.map((a) => ({ ...a, lighthouse: a.lighthouse && { ...a.lighthouse, reportFile: path.basename(a.lighthouse.reportFile) } })) },
      null,
      2,
    ) + '\n',
  );
  return result;
}

export { formatKb };
