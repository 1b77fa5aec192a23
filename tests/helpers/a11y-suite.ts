/**
 * The accessibility and speed checks a built buurt must pass, as one vitest suite: the HTML of every page read
 * with a real parser, and pages opened in Debian's Chromium (one build and one browser per test file). Each
 * check collects the problems of all pages and compares them with an empty list, so a failure names every page
 * and what is wrong there.
 *
 * The Chromium checks open one page per page template (src/pages/: the home page, a news item, a person…),
 * the largest of its kind, and the photo check one per template among the pages with photos: pages of one
 * template share their markup and CSS, and the checks on every page cost minutes per suite
 * (docs/architecture/testing.md). BUURT_A11Y_EVERY_PAGE=1 runs them on every page. Pages are visited by two
 * contexts of one browser at a time.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { serveStatic } from '../../scripts/platform/serve/serve.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { createWorkspace, repoDir, type BuiltSite, type Workspace } from './fixtures.ts';

/** Each check loops over many pages: generous on a busy machine. */
const EVERY_PAGE_MS = 40 * 60_000;
/** Pages open at the same time, each in its own context of the one browser. */
const CONCURRENT_PAGES = 2;

export interface SuiteContext {
  workspace: Workspace;
  site: BuiltSite;
  origin: string;
  browser: TestBrowser;
  /** Every page residents can visit. */
  pages: string[];
  /** The pages the Chromium checks open: one per template, or every page with BUURT_A11Y_EVERY_PAGE=1. */
  browserPages: string[];
}

/** A route of src/pages/ as a pattern for the URL paths it makes ("nieuws/[slug].astro" → /nieuws/<x>/). */
interface Route {
  file: string;
  pattern: RegExp;
  dynamic: number;
}

async function pageRoutes(): Promise<Route[]> {
  const pagesDir = path.join(repoDir, 'src/pages');
  const files = (await readdir(pagesDir, { recursive: true })).map((f) => f.split(path.sep).join('/')).filter((f) => f.endsWith('.astro'));
  const routes = files.map((file) => {
    const route = file.replace(/\.astro$/, '').replace(/(^|\/)index$/, '');
    const escaped = route
      .split('/')
      .map((part) => (/^\[.+\]$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    // 404.astro is written as /404.html; every other page as a folder with an index.html.
    const pattern = route === '404' ? /^\/404\.html$/ : new RegExp(`^/${escaped}${escaped ? '/' : ''}$`);
    return { file, pattern, dynamic: (file.match(/\[/g) ?? []).length };
  });
  // A static route wins over a dynamic one that matches the same path (/agenda/archief/ over /agenda/[slug]/).
  return routes.sort((a, b) => a.dynamic - b.dynamic);
}

/**
 * The template (route file of src/pages/) of each page; a page no route matches is a template of its own, so
 * no page goes unchecked for lack of a route.
 */
export async function templatesOf(pages: string[]): Promise<Map<string, string[]>> {
  const routes = await pageRoutes();
  const templates = new Map<string, string[]>();
  for (const page of pages) {
    const template = routes.find((r) => r.pattern.test(page))?.file ?? page;
    templates.set(template, [...(templates.get(template) ?? []), page]);
  }
  return templates;
}

/** Per template, the page whose HTML is largest (most content, most ways to go wrong), or that `score` rates highest. */
export async function representatives(dir: string, pages: string[], score?: (html: string) => number): Promise<string[]> {
  const chosen: string[] = [];
  for (const group of (await templatesOf(pages)).values()) {
    let best: { page: string; score: number } | undefined;
    for (const page of group) {
      const file = htmlFileOf(dir, page);
      const value = score ? score(await readFile(file, 'utf8')) : (await stat(file)).size;
      if (!best || value > best.score) best = { page, score: value };
    }
    if (best && (!score || best.score > 0)) chosen.push(best.page);
  }
  return chosen.sort();
}

/** How long one page's visit may take on a busy machine before the check fails, naming the page. */
const VISIT_LIMIT_MS = 5 * 60_000;

/** `work`, or an error naming `what` when it has not settled within `ms`: a stuck page fails, never hangs. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Runs `work` on every item, `limit` at a time; results in the order of `items`. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const everyPageWanted = () => process.env.BUURT_A11Y_EVERY_PAGE === '1';

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

/** What a check found on each page that has problems, by URL path. */
type Findings = Record<string, string[]>;

/** The checks that one visit of a page runs, in this order, each on the page as the ones before left it. */
const VISIT_CHECKS = ['axe', 'motion', 'keyboard', 'phone', 'reflow', 'double text'] as const;
type VisitCheck = (typeof VISIT_CHECKS)[number];

/**
 * Visits every page of `ctx.browserPages` once, in `CONCURRENT_PAGES` contexts of the one browser, and runs
 * all Chromium checks in that one visit: at 1280 px with reduced motion (axe, motion, keyboard, targets,
 * focus, text size), then the same page resized to a 360 px phone (targets, text size), to 320 px (reflow),
 * and to 640 px with the browser's text at twice the default size (reflow). A resize re-applies the CSS as a
 * fresh load would; each check only reads the page. Visiting a page once instead of once per check is most
 * of the suite's speed. Requests outside the site and page errors count against every check.
 */
async function visitEveryPage(ctx: SuiteContext): Promise<Record<VisitCheck, Findings>> {
  const found = Object.fromEntries(VISIT_CHECKS.map((check) => [check, {}])) as Record<VisitCheck, Findings>;
  const queue = [...ctx.browserPages];
  const run = async (check: VisitCheck, path: string, work: () => Promise<string[]>) => {
    const problems = await work();
    if (problems.length) found[check][path] = problems;
  };
  await inParallel(Array.from({ length: CONCURRENT_PAGES }), CONCURRENT_PAGES, async () => {
    const { page, context, blocked, errors } = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const cdp = await context.newCDPSession(page);
      const visit = async (path: string) => {
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(`${ctx.origin}${path}`);
        await run('axe', path, () => axeProblems(page));
        await run('motion', path, () => motionProblems(page));
        await run('keyboard', path, async () => [
          ...(await skipLinkProblems(page)),
          ...(await smallTargets(page)),
          ...(await focusProblems(page)),
          ...(await smallText(page)),
        ]);
        await page.setViewportSize({ width: 360, height: 740 });
        await run('phone', path, async () => [...(await smallTargets(page)), ...(await smallText(page))]);
        await page.setViewportSize({ width: 320, height: 640 });
        await run('reflow', path, () => horizontalScroll(page));
        // The reader's browser set to twice the default text size (32 px instead of 16 px), in a 640 px window:
        // a desktop window of 1280 px with text at 200%.
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
        await page.setViewportSize({ width: 640, height: 800 });
        await run('double text', path, async () => {
          const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
          return base >= 36 ? horizontalScroll(page) : [`the text did not grow: body text is ${base}px`];
        });
      };
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) await within(VISIT_LIMIT_MS, `The visit of ${path}`, visit(path));
      for (const check of VISIT_CHECKS) {
        if (blocked.length) found[check]['(requests outside the site)'] = [...(found[check]['(requests outside the site)'] ?? []), ...blocked];
        if (errors.length) found[check]['(page errors)'] = [...(found[check]['(page errors)'] ?? []), ...errors.map((e) => e.message)];
      }
    } finally {
      await context.close();
    }
  });
  return found;
}

/**
 * Registers the suite for a buurt that `build` builds into a fresh workspace. Returns the shared context for
 * tests of the calling file (available inside tests, after the suite's beforeAll ran).
 */
export function accessibilitySuite(
  build: (workspace: Workspace) => Promise<BuiltSite>,
  options: {
    /**
     * Whether to check the photos phones get. Which file a phone picks follows from the templates' srcset and
     * sizes, not from the text around a photo: the long-content buurt, with photos of every shape on every
     * kind of page, runs it; another suite on the same templates may leave it out.
     */
    photos?: boolean;
  } = {},
): SuiteContext {
  const ctx = {} as SuiteContext;
  let server: Server | undefined;

  beforeAll(async () => {
    ctx.workspace = await createWorkspace();
    ctx.site = await build(ctx.workspace);
    ctx.pages = await listPages(ctx.site.dir);
    ctx.browserPages = everyPageWanted() ? ctx.pages : await representatives(ctx.site.dir, ctx.pages);
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
    // One visit per page serves every check below; the first check to ask pays for it.
    let visits: Promise<Record<VisitCheck, Findings>> | undefined;
    const visited = () => (visits ??= visitEveryPage(ctx));

    it(
      'has no axe-core violations of WCAG 2.2 AA',
      async () => {
        expect((await visited()).axe).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'has a working skip link, 24×24 px targets, visible focus and text of at least 18 px',
      async () => {
        const found = await visited();
        expect(found.keyboard).toEqual({});
        expect(found.phone).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'reflows without scrolling sideways at 320 px wide and at 200% text size',
      async () => {
        const found = await visited();
        expect(found.reflow).toEqual({});
        expect(found['double text']).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    it(
      'stops all motion when the reader asks for reduced motion',
      async () => {
        expect((await visited()).motion).toEqual({});
      },
      EVERY_PAGE_MS,
    );

    if (options.photos !== false)
      it(
        'never sends a phone a photo bigger than it can show, and loads no fonts',
        async () => {
          const photoCount = (html: string) => html.split('/_fotos/').length - 1;
          const withPhotos = everyPageWanted()
            ? ctx.pages.filter((page) => ctx.browserPages.includes(page))
            : await representatives(ctx.site.dir, ctx.pages, photoCount);
          if (everyPageWanted()) {
            const html = await Promise.all(withPhotos.map((page) => readFile(htmlFileOf(ctx.site.dir, page), 'utf8')));
            withPhotos.splice(0, withPhotos.length, ...withPhotos.filter((_, i) => photoCount(html[i]!) > 0));
          }
          expect(withPhotos.length).toBeGreaterThan(3);
          const problems: Record<string, string[]> = {};
          let photosChecked = 0;
          // A poster is made for paper: its photo is chosen for an A4 print, not for a phone's screen.
          const onScreen = withPhotos.filter((path) => !path.endsWith('/poster/'));
          // One phone per pixel ratio, the two side by side, each visiting the pages one after another with
          // DevTools' "disable cache": no photo comes from the cache of an earlier page, and no page pays for a
          // fresh browser context (a new renderer process, most of a visit's cost).
          await inParallel([2, 3], CONCURRENT_PAGES, async (deviceScaleFactor) => {
            const context = await ctx.browser.browser.newContext({
              viewport: { width: 360, height: 740 },
              deviceScaleFactor,
              isMobile: true,
              hasTouch: true,
              locale: 'nl-NL',
            });
            try {
              const page = await context.newPage();
              await (await context.newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true });
              let requested: string[] = [];
              let fonts: string[] = [];
              page.on('request', (request) => {
                if (request.url().includes('/_fotos/')) requested.push(new URL(request.url()).pathname);
                if (request.resourceType() === 'font') fonts.push(request.url());
              });
              const visit = async (path: string) => {
                requested = [];
                fonts = [];
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
              };
              for (const path of onScreen) await within(VISIT_LIMIT_MS, `The phone visit of ${path} at DPR ${deviceScaleFactor}`, visit(path));
            } finally {
              await context.close();
            }
          });
          expect(problems).toEqual({});
          expect(photosChecked).toBeGreaterThan(10);
        },
        EVERY_PAGE_MS,
      );
  });

  return ctx;
}
