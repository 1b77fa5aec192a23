/**
 * `npm run audit` on the long-content buurt (tests/fixtures/a11y-long-content/, built once per run and shared
 * with tests/browser/a11y-long-content.test.ts): axe, the browser checks, the budgets and Lighthouse on six
 * kinds of page, the reports kept and the summary the maturity report reads. Its own file, so that the
 * Lighthouse runs and the accessibility suite run side by side on the two workers.
 */
import { readFile, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, OFFLINE_FLAGS } from '../../scripts/audit/chromium.ts';
import { readAuditSummary } from '../../src/lib/report/audit.ts';
import { LONG_SLUG, buildLongContentFixture } from '../helpers/a11y-fixture.ts';
import { createWorkspace, type Workspace } from '../helpers/fixtures.ts';
import { runBuurt } from '../helpers/git-fixture.ts';

let workspace: Workspace;

beforeAll(async () => {
  workspace = await createWorkspace();
  await buildLongContentFixture(workspace);
}, 900_000);

afterAll(async () => {
  await workspace?.dispose();
});

describe('npm run audit', () => {
  it('audits six kinds of page with axe, the browser checks, the budgets and Lighthouse, and keeps the reports', async () => {
    // Performance is a measurement of this machine's speed at the time, shown but not asserted here
    // (speed is measured by benchmarks, never by tests): --min-performance 0.
    const run = await runBuurt(['audit', LONG_SLUG, '--no-build', '--runs', '1', '--min-performance', '0'], workspace.env);
    expect(run.stderr).toContain('Lighthouse: search (/zoeken/)');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const table = run.stdout.split('\n');
    expect(table[0]).toBe(`Audit of ${LONG_SLUG} (${path.join(workspace.distDir, LONG_SLUG)}), 6 pages`);
    expect(table[2]).toMatch(/^page\s+address\s+perf\s+a11y\s+best\s+seo\s+axe\s+other$/);
    const rows = table.slice(4, 10).map((line) => line.split(/\s{2,}/));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['home', '/'],
      ['news item', '/nieuws/buurtpreventie/'],
      ['agenda', '/agenda/'],
      ['activity', '/agenda/buurtpreventie-avond/'],
      ['group', '/groepen/buurtpreventie/'],
      ['search', '/zoeken/'],
    ]);
    for (const row of rows) {
      expect(Number(row[2])).toBeGreaterThanOrEqual(0);
      expect(row.slice(3), row[0]).toEqual(['100', '100', '100', '0', '0']);
    }
    expect(run.stdout).toMatch(/^home\s+\d+\.\d KB\s+\d+\.\d KB\s+0\.0 KB\s+\d+\.\d KB\s+0\.0 KB\s+\d+\.\d KB$/m);
    expect(run.stdout).toMatch(/^search\s+\d+\.\d KB\s+\d+\.\d KB\s+[1-9]\d*\.\d KB/m);
    expect(run.stdout).toContain('  ok    home page HTML+CSS, compressed (first round trip): ');
    expect(run.stdout).toContain(`${LONG_SLUG}: passed`);

    const summary = await readAuditSummary(LONG_SLUG);
    expect(summary.state).toBe('present');
    if (summary.state !== 'present') return;
    expect(summary.summary).toMatchObject({ pages: 6, axeViolations: 0, lighthouse: { accessibility: 100, 'best-practices': 100, seo: 100 } });
    expect(summary.summary.lighthouse.performance).toBeTypeOf('number');
    expect(Date.now() - Date.parse(summary.summary.date)).toBeLessThan(60 * 60_000);

    const written = JSON.parse(await readFile(summary.file, 'utf8')) as { reports: string };
    const reportDir = path.resolve(path.dirname(summary.file), written.reports);
    expect((await readdir(reportDir)).sort()).toEqual([
      'audit.json',
      'lighthouse-activity.json',
      'lighthouse-agenda.json',
      'lighthouse-group.json',
      'lighthouse-home.json',
      'lighthouse-news-item.json',
      'lighthouse-search.json',
    ]);
    for (const file of (await readdir(reportDir)).filter((f) => f.startsWith('lighthouse-'))) {
      const lhr = JSON.parse(await readFile(path.join(reportDir, file), 'utf8'));
      expect(lhr.configSettings.formFactor, file).toBe('mobile');
      expect(lhr.configSettings.screenEmulation, file).toMatchObject({ mobile: true, width: 412 });
      expect(Object.keys(lhr.categories).sort(), file).toEqual(['accessibility', 'best-practices', 'performance', 'seo']);
      const requested: string[] = lhr.audits['network-requests'].details.items.map((i: { url: string }) => i.url);
      expect(requested.length, file).toBeGreaterThan(1);
      expect(
        requested.filter((u) => !u.startsWith('http://127.0.0.1:')),
        file,
      ).toEqual([]);
    }
  }, 900_000);

  it('runs Chromium where nothing but localhost resolves', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...OFFLINE_FLAGS] });
    try {
      const page = await browser.newPage();
      // This machine's own name resolves without the flags (to an address of this machine).
      const error = await page.goto(`http://${hostname()}:8765/`).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(error).toMatch(/ERR_NAME_NOT_RESOLVED/);
    } finally {
      await browser.close();
    }
  });
});
