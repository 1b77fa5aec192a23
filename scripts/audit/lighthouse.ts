/**
 * Lighthouse (the npm package, pinned) driving Debian's Chromium with its mobile preset: the screen of a
 * moto g power (2022) (412×823 CSS px, 1.75× pixels) on a slow 4G connection, simulated.
 *
 * The preset slows the processor down 4×, which is meant for a desktop of Lighthouse benchmark index 1500 or more
 * (docs/throttling.md: "4x moves a typical run in the high-end desktop bracket into the mid-tier mobile
 * bracket"). On a slower or busy machine the same 4× emulates a far slower phone than the preset means, and the
 * performance score measures the machine instead of the site; the docs say to calibrate ("On a weaker machine,
 * you can lower it from the default of 4x"). So before each run the machine is measured with Lighthouse's own
 * benchmark (`computeBenchmarkIndex`, median of three) and the slowdown set to benchmark ÷ 375 (1500 ÷ 4), never
 * above the preset's 4 nor below 1. `cpuSlowdown` fixes the multiplier instead (4 is the uncalibrated preset).
 *
 * Nothing leaves the machine: Chromium runs with its background services off and a host resolver that
 * answers only for localhost, so a request to anywhere else fails at once; every request the page made is read
 * back from the report and any that went elsewhere is reported.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';
import { chromium } from 'playwright-core';
import { chromiumPath, isLocalUrl, OFFLINE_FLAGS } from './chromium.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LighthouseResult {
  /** Scores 0–100 per category. */
  scores: Record<Category, number>;
  /** Audits that cost points: "largest-contentful-paint (0.9): 2.6 s". */
  shortfalls: string[];
  /** Requests the page made outside localhost (should be none). */
  remoteRequests: string[];
  /** Lighthouse's own warnings about the run (a slow machine, a redirect). */
  warnings: string[];
  /** Where the JSON report was written. */
  reportFile: string;
  /** The machine's benchmark index before the run (undefined with a fixed slowdown) and the CPU slowdown used. */
  benchmarkIndex: number | undefined;
  cpuSlowdown: number;
  /** How many times the page was audited (the median run is kept). */
  runs: number;
}

/** The benchmark index the preset's 4× slowdown aims at: a 1500 desktop slowed down 4×. */
export const TARGET_BENCHMARK_INDEX = 1500 / 4;
/**
 * How long one Lighthouse run of a page may take before the audit gives up with an error naming the page,
 * instead of hanging: a run takes under a minute even on a busy machine, and Lighthouse's own waits for a page
 * (maxWaitForLoad) end after 45 s.
 */
const RUN_LIMIT_MS = 5 * 60_000;

/** The preset's slowdown: calibration only ever lowers it. */
export const PRESET_CPU_SLOWDOWN = 4;

/** Lighthouse's benchmark index of this machine now, in the Chromium on `port` (median of three). */
async function measureBenchmarkIndex(port: number): Promise<number> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    const values: number[] = [];
    for (let i = 0; i < 3; i++) values.push(await page.evaluate(pageFunctions.computeBenchmarkIndex));
    await page.close();
    return values.sort((a, b) => a - b)[1]!;
  } finally {
    await browser.close();
  }
}

export interface LighthouseRunner {
  /** Audits `url` `runs` times and keeps the run with the median performance score (all runs count for remote requests). */
  run(url: string, reportFile: string, runs?: number): Promise<LighthouseResult>;
  close(): Promise<void>;
}

const performanceOf = (lhr: { categories: Record<string, { score: number | null } | undefined> }) => lhr.categories.performance?.score ?? 0;

/** Starts one Chromium for a series of Lighthouse runs; `cpuSlowdown` fixes the multiplier (else calibrated). */
export async function startLighthouse(options: { cpuSlowdown?: number | undefined } = {}): Promise<LighthouseRunner> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', ...OFFLINE_FLAGS],
    logLevel: 'silent',
  });
  const once = async (url: string) => {
    const benchmarkIndex = options.cpuSlowdown === undefined ? await measureBenchmarkIndex(chrome.port) : undefined;
    const cpuSlowdown = options.cpuSlowdown ?? Math.min(PRESET_CPU_SLOWDOWN, Math.max(1, Math.round((benchmarkIndex! / TARGET_BENCHMARK_INDEX) * 100) / 100));
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Lighthouse itself waits at most maxWaitForLoad for a page; a run that outlives this hangs in Chromium.
        chrome.kill();
        reject(new Error(`Lighthouse did not finish auditing ${url} within ${RUN_LIMIT_MS / 60_000} minutes; its Chromium was stopped.`));
      }, RUN_LIMIT_MS);
    });
    const result = await Promise.race([
      lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        disableFullPageScreenshot: true,
        locale: 'en-US',
        throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown },
      }),
      stalled,
    ]).finally(() => clearTimeout(timer));
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    const items = (result.lhr.audits['network-requests']?.details as { items?: { url: string }[] } | undefined)?.items ?? [];
    return { lhr: result.lhr, report: result.report as string, benchmarkIndex, cpuSlowdown, urls: items.map((i) => i.url) };
  };
  return {
    async run(url, reportFile, runs = 1) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await once(url));
      const median = all.sort((a, b) => performanceOf(a.lhr) - performanceOf(b.lhr))[Math.floor((all.length - 1) / 2)]!;
      const { lhr } = median;
      await mkdir(path.dirname(reportFile), { recursive: true });
      await writeFile(reportFile, median.report);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<Category, number>;
      const shortfalls: string[] = [];
      for (const category of CATEGORIES) {
        for (const ref of lhr.categories[category]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
          shortfalls.push(`${category} ${ref.id} (${audit.score})${audit.displayValue ? `: ${audit.displayValue}` : ''}`);
        }
      }
      const remoteRequests = [...new Set(all.flatMap((r) => r.urls).filter((u) => !isLocalUrl(u)))];
      const warnings = [...new Set(all.flatMap((r) => r.lhr.runWarnings.map(String)))];
      return { scores, shortfalls, remoteRequests, warnings, reportFile, benchmarkIndex: median.benchmarkIndex, cpuSlowdown: median.cpuSlowdown, runs };
    },
    async close() {
      chrome.kill();
    },
  };
}
