/**
 * The dashboard in a real browser (Debian's Chromium): no request leaves the page, no errors, and axe-core
 * finds no WCAG 2.2 AA violation, on a wide screen and on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../../src/dates/dates.ts';
import { renderDashboard } from '../../scripts/platform/report/dashboard.ts';
import { reportBuurten } from '../../scripts/platform/report/index.ts';
import { axeViolations, WCAG_TAGS } from '../../scripts/audit/page-checks.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createGitWorkspace, type GitWorkspace } from '../helpers/git-fixture.ts';
import { commitBloeiend, commitStil, REPORT_NOW } from '../helpers/report-buurten.ts';

let ws: GitWorkspace;
let browser: TestBrowser;
let dashboard: string;

beforeAll(async () => {
  ws = await createGitWorkspace();
  await commitBloeiend(ws);
  await commitStil(ws);
  const now = parseAmsterdam(REPORT_NOW);
  dashboard = renderDashboard(await reportBuurten(['bloeiend', 'stil'], { now }), { generatedAt: now });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await ws?.dispose();
});

describe('the dashboard in a browser', () => {
  for (const viewport of [
    { width: 1400, height: 900 },
    { width: 360, height: 740 },
  ]) {
    it(`has no accessibility violations and loads nothing at ${viewport.width} px`, async () => {
      const { page, context, blocked, errors } = await browser.newPage({ viewport });
      try {
        await page.setContent(dashboard, { waitUntil: 'load' });
        const violations = await axeViolations(page, [...WCAG_TAGS, 'best-practice']);
        expect(violations.map((v) => `${v.rule} (${v.impact}): ${v.targets.join(', ')}`)).toEqual([]);
        expect(blocked).toEqual([]);
        expect(errors).toEqual([]);
        // The page is as wide as the screen; only the overview table scrolls, inside its own region.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      } finally {
        await context.close();
      }
    });
  }
});
