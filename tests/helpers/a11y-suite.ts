/**
 * The accessibility and speed checks every page of a built buurt must pass, as one vitest suite: the HTML of
 * every page read with a real parser, and every page opened in Debian's Chromium (one build and one browser
 * per test file). Each check collects the problems of all pages and compares them with an empty list, so a
 * failure names every page and what is wrong there.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { checkBudgets, htmlFileOf, listPages } from '../../scripts/audit/budgets.ts';
import {
  axeProblems,
  focusProblems,
  horizontalScroll,
  imageChoices,
  motionProblems,
  skipLinkProblems,
  smallTargets,
  smallText,
} from '../../scripts/audit/page-checks.ts';
import { serveStatic } from '../../src/lib/serve.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { createWorkspace, type BuiltSite, type Workspace } from './fixtures.ts';

/** Each check loops over every page (a hundred or so): generous on a busy machine. */
const EVERY_PAGE_MS = 40 * 60_000;

export interface SuiteContext {
  workspace: Workspace;
  site: BuiltSite;
  origin: string;
  browser: TestBrowser;
  pages: string[];
  /** The pages opened in Chromium: every page, but at most two of each print or filter page made from one template. */
  browserPages: string[];
}

/**
 * Pages that differ only in the content of one template (a poster per activity, a wijkkrant and an agenda page
 * per month, an agenda page per group and per topic): the suite opens two of each in Chromium, and reads the
 * HTML of all of them. Keeps the browser checks from growing with every activity.
 */
const SAMPLED_TEMPLATES: readonly RegExp[] = [
  /^\/agenda\/[^/]+\/poster\/$/,
  /^\/krant\/\d{4}\/\d{2}\/$/,
  /^\/agenda\/\d{4}\/\d{2}\/$/,
  /^\/agenda\/groep\/[^/]+\/$/,
  /^\/agenda\/onderwerp\/[^/]+\/$/,
];

/** `pages` with at most `perTemplate` pages of each sampled template. */
export function samplePages(pages: readonly string[], perTemplate = 2): string[] {
  const seen = new Map<RegExp, number>();
  return pages.filter((page) => {
    const template = SAMPLED_TEMPLATES.find((pattern) => pattern.test(page));
    if (!template) return true;
    const count = (seen.get(template) ?? 0) + 1;
    seen.set(template, count);
    return count <= perTemplate;
  });
}

/** Headings of a parsed page: one h1, and no level skipped on the way down (h2 → h4). */
export function headingProblems($: cheerio.CheerioAPI): string[] {
  const problems: string[] = [];
  const levels = $('h1, h2, h3, h4, h5, h6')
    .map((_, el) => ({ level: Number((el as { tagName: string }).tagName.slice(1)), text: $(el).text().trim().slice(0, 50) }))
    .get();
  const h1s = levels.filter((h) => h.level === 1).length;
  if (h1s !== 1) problems.push(`${h1s} h1 elements`);
  let previous = 0;
  for (const heading of levels) {
    if (heading.level > previous + 1) problems.push(`h${heading.level} "${heading.text}" follows h${previous || '(none)'}`);
    previous = heading.level;
  }
  return problems;
}

/** Visits every page in one browser context and collects what `check` finds, per page. */
async function everyPage(
  ctx: SuiteContext,
  options: Parameters<TestBrowser['newPage']>[0] & { prepare?: (page: Page, context: BrowserContext) => Promise<void> },
  check: (page: Page, path: string) => Promise<string[]>,
  pages = ctx.browserPages,
): Promise<Record<string, string[]>> {
  const { page, context, blocked, errors } = await ctx.browser.newPage(options);
  try {
    await options.prepare?.(page, context);
    const problems: Record<string, string[]> = {};
    for (const path of pages) {
      await page.goto(`${ctx.origin}${path}`);
      const found = await check(page, path);
      if (found.length) problems[path] = found;
    }
    if (blocked.length) problems['(requests outside the site)'] = blocked;
    if (errors.length) problems['(page errors)'] = errors.map((e) => e.message);
    return problems;
  } finally {
    await context.close();
  }
}

/**
 * Registers the suite for a buurt that `build` builds into a fresh workspace. Returns the shared context for
 * tests of the calling file (available inside tests, after the suite's beforeAll ran).
 */
export function accessibilitySuite(build: (workspace: Workspace) => Promise<BuiltSite>): SuiteContext {
  const ctx = {} as SuiteContext;
  let server: Server | undefined;

  beforeAll(async () => {
    ctx.workspace = await createWorkspace();
    ctx.site = await build(ctx.workspace);
    ctx.pages = await listPages(ctx.site.dir);
    ctx.browserPages = samplePages(ctx.pages);
    server = await serveStatic({ root: ctx.site.dir, port: 0 });
    ctx.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx.browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await ctx.browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await ctx.workspace?.dispose();
  });

  describe('every page as built', () => {
    it('is in Dutch, has one h1 and never skips a heading level', async () => {
      expect(ctx.pages.length).toBeGreaterThan(20);
      const problems: Record<string, string[]> = {};
      for (const path of ctx.pages) {
        const $ = cheerio.load(await readFile(htmlFileOf(ctx.site.dir, path), 'utf8'));
        const found = headingProblems($);
        if ($('html').attr('lang') !== 'nl') found.push(`lang is "${$('html').attr('lang')}", not "nl"`);
        if (found.length) problems[path] = found;
      }
      expect(problems).toEqual({});
    });

    it('stays within the page-weight budgets', async () => {
      const results = await checkBudgets(ctx.site.dir);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.map((r) => r.name)).toHaveLength(4);
    });
  });

  describe('every page in Chromium', () => {
    it(
      'has no axe-core violations of WCAG 2.2 AA',
      async () => {
        expect(await everyPage(ctx, { viewport: { width: 1280, height: 900 } }, (page) => axeProblems(page))).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'has a working skip link, 24×24 px targets, visible focus and text of at least 18 px',
      async () => {
        const checks = async (page: Page) => [
          ...(await skipLinkProblems(page)),
          ...(await smallTargets(page)),
          ...(await focusProblems(page)),
          ...(await smallText(page)),
        ];
        expect(await everyPage(ctx, { viewport: { width: 1280, height: 900 } }, checks)).toEqual({});
        expect(
          await everyPage(ctx, { viewport: { width: 360, height: 740 } }, async (page) => [...(await smallTargets(page)), ...(await smallText(page))]),
        ).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'reflows without scrolling sideways at 320 px wide and at 200% text size',
      async () => {
        expect(await everyPage(ctx, { viewport: { width: 320, height: 640 } }, (page) => horizontalScroll(page))).toEqual({});
        // The reader's browser set to twice the default text size (32 px instead of 16 px), in a 640 px window:
        // a desktop window of 1280 px with text at 200%.
        const biggerText = async (page: Page, context: BrowserContext) => {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
        };
        const atDoubleSize = async (page: Page) => {
          const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
          return base >= 36 ? horizontalScroll(page) : [`the text did not grow: body text is ${base}px`];
        };
        expect(await everyPage(ctx, { viewport: { width: 640, height: 800 }, prepare: biggerText }, atDoubleSize)).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'stops all motion when the reader asks for reduced motion',
      async () => {
        const reduce = async (page: Page) => page.emulateMedia({ reducedMotion: 'reduce' });
        expect(await everyPage(ctx, { viewport: { width: 1280, height: 900 }, prepare: reduce }, (page) => motionProblems(page))).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'never sends a phone a photo bigger than it can show, and loads no fonts',
      async () => {
        const withPhotos: string[] = [];
        for (const path of ctx.browserPages) if ((await readFile(htmlFileOf(ctx.site.dir, path), 'utf8')).includes('/_fotos/')) withPhotos.push(path);
        expect(withPhotos.length).toBeGreaterThan(5);
        const problems: Record<string, string[]> = {};
        let photosChecked = 0;
        for (const deviceScaleFactor of [2, 3]) {
          for (const path of withPhotos) {
            // A fresh phone per page, so no photo comes from the cache of an earlier page.
            const context = await ctx.browser.browser.newContext({
              viewport: { width: 360, height: 740 },
              deviceScaleFactor,
              isMobile: true,
              hasTouch: true,
              locale: 'nl-NL',
            });
            try {
              const page = await context.newPage();
              const requested: string[] = [];
              const fonts: string[] = [];
              page.on('request', (request) => {
                if (request.url().includes('/_fotos/')) requested.push(new URL(request.url()).pathname);
                if (request.resourceType() === 'font') fonts.push(request.url());
              });
              await page.goto(`${ctx.origin}${path}`);
              const choices = await imageChoices(page);
              photosChecked += choices.length;
              const found = [
                ...choices
                  .filter((c) => c.chosen > c.enough)
                  .map((c) => `${c.file}: ${c.chosen} px wide for ${c.displayed} CSS px at DPR ${deviceScaleFactor}; ${c.enough} px would do`),
                ...requested.filter((file) => /-1600\.\w+$/.test(file)).map((file) => `${file}: the 1600 px photo at DPR ${deviceScaleFactor}`),
                ...fonts.map((url) => `font requested: ${url}`),
              ];
              if (found.length) problems[`${path} (DPR ${deviceScaleFactor})`] = found;
            } finally {
              await context.close();
            }
          }
        }
        expect(problems).toEqual({});
        expect(photosChecked).toBeGreaterThan(10);
      },
      EVERY_PAGE_MS,
    );
  });

  return ctx;
}
