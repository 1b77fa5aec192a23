/**
 * `npm run audit` on the long-content buurt (tests/fixtures/a11y-long-content/, built once per run and shared
 * with tests/browser/a11y-long-content.test.ts): which six kinds of page it picks, then one of them end to end
 * (`--pages search`): axe, the browser checks, what a phone downloads, the budgets and Lighthouse, the reports
 * kept and the summary the maturity report reads. One page proves the pipeline; each further page would cost a
 * Lighthouse run and its calibration for no more proof (five fewer pages took the file from 97 to 59
 * CPU-seconds): the browser checks run on one page of every template in tests/browser/a11y-long-content.test.ts,
 * and the budgets read every page.
 */
import { readFile, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, OFFLINE_FLAGS } from '../../scripts/audit/chromium.ts';
import { selectAuditPages } from '../../scripts/audit/pages.ts';
import { readAuditSummary } from '../../scripts/platform/report/audit.ts';
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
  it('picks one page of each of six kinds, the heavier one (with a photo) where there is a choice', async () => {
    const distDir = path.join(workspace.distDir, LONG_SLUG);
    const { pages, missing } = await selectAuditPages(distDir);
    expect(pages.map((p) => [p.type, p.path])).toEqual([
      ['home', '/'],
      ['news item', '/nieuws/buurtpreventie/'],
      ['agenda', '/agenda/'],
      ['activity', '/agenda/buurtpreventie-avond/'],
      ['group', '/groepen/buurtpreventie/'],
      ['search', '/zoeken/'],
    ]);
    expect(missing).toEqual([]);
    expect(await readFile(path.join(distDir, 'nieuws/buurtpreventie/index.html'), 'utf8')).toContain('class="hero"');
    expect((await selectAuditPages(distDir, ['search', 'home'])).pages.map((p) => p.type)).toEqual(['home', 'search']);
  });

  it('audits a page with axe, the browser checks, the budgets and Lighthouse, and keeps the reports', async () => {
    // Performance is a measurement of this machine's speed at the time, shown but not asserted here
    // (speed is measured by benchmarks, never by tests): --min-performance 0. Search is the page with the most
    // to check: the one page allowed a script, which loads its index as the visitor types.
    const run = await runBuurt(['audit', LONG_SLUG, '--no-build', '--pages', 'search', '--runs', '1', '--min-performance', '0'], workspace.env);
    expect(run.stderr).toContain('Lighthouse: search (/zoeken/)');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const table = run.stdout.split('\n');
    expect(table[0]).toBe(`Audit of ${LONG_SLUG} (${path.join(workspace.distDir, LONG_SLUG)}), 1 page`);
    expect(table[2]).toMatch(/^page\s+address\s+perf\s+a11y\s+best\s+seo\s+axe\s+other$/);
    const row = table[4]!.split(/\s{2,}/);
    expect([row[0], row[1]]).toEqual(['search', '/zoeken/']);
    expect(Number(row[2])).toBeGreaterThanOrEqual(0);
    expect(row.slice(3)).toEqual(['100', '100', '100', '0', '0']);
    expect(table[5]).toBe('');
    expect(run.stdout).toMatch(/^search\s+\d+\.\d KB\s+\d+\.\d KB\s+[1-9]\d*\.\d KB/m);
    // The budgets read every page of the output, whatever pages the browser opened.
    expect(run.stdout).toContain('  ok    home page HTML+CSS, compressed (first round trip): ');
    expect(run.stdout).toMatch(/ok {4}no JavaScript outside \/zoeken\/: none on \d{2,} pages/);
    expect(run.stdout).toContain(`${LONG_SLUG}: passed`);

    const summary = await readAuditSummary(LONG_SLUG);
    expect(summary.state).toBe('present');
    if (summary.state !== 'present') return;
    expect(summary.summary).toMatchObject({ pages: 1, axeViolations: 0, lighthouse: { accessibility: 100, 'best-practices': 100, seo: 100 } });
    expect(summary.summary.lighthouse.performance).toBeTypeOf('number');
    expect(Date.now() - Date.parse(summary.summary.date)).toBeLessThan(60 * 60_000);

    const written = JSON.parse(await readFile(summary.file, 'utf8')) as { reports: string };
    const reportDir = path.resolve(path.dirname(summary.file), written.reports);
    expect((await readdir(reportDir)).sort()).toEqual(['audit.json', 'lighthouse-search.json']);
    const lhr = JSON.parse(await readFile(path.join(reportDir, 'lighthouse-search.json'), 'utf8'));
    expect(lhr.configSettings.formFactor).toBe('mobile');
    expect(lhr.configSettings.screenEmulation).toMatchObject({ mobile: true, width: 412 });
    expect(Object.keys(lhr.categories).sort()).toEqual(['accessibility', 'best-practices', 'performance', 'seo']);
    const requested: string[] = lhr.audits['network-requests'].details.items.map((i: { url: string }) => i.url);
    expect(requested.length).toBeGreaterThan(1);
    expect(requested.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
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
