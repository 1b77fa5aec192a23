/**
 * The CMS's editorial workflow in a real browser, as in tests/browser/cms-editing.test.ts (a fresh git
 * repository, the real local editing of `buurt dev`): concepts on their own branches, the times an editor
 * types in another time zone, and several editors at once on a busy machine. The tests share one repository
 * and dev server (starting one costs more than a test), each editing its own entries. A file of its own so
 * that it runs on one worker beside the other CMS files (cms-details, cms-editing) on the other.
 */
import { spawn } from 'node:child_process';
import * as cheerio from 'cheerio';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontMatter } from '../../src/model/content.ts';
import { rootDir } from '../../src/core/paths.ts';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { gitIn, startCmsRepo, type CmsRepo } from '../helpers/cms.ts';
import { openAdmin as openAdminAs, publish, save, setStatus } from '../helpers/cms-browser.ts';

const NOW = '2026-01-01T12:00';
/** A browser session with saves, publishes and a build, on a shared 2-core machine. */
const LONG = 480_000;
let browser: TestBrowser;
/** `buurt dev` on one repository, shared by the tests that edit under dev mode (each its own entries). */
let devCms: Promise<CmsRepo> | undefined;
const startDevCms = () => (devCms ??= startCmsRepo({ now: NOW, mode: 'dev' }));

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await (await devCms)?.stop();
});

/** Opens /admin/ and logs in. */
function openAdmin(cms: CmsRepo, timezoneId = 'Europe/Amsterdam') {
  return openAdminAs(browser, cms, { timezoneId });
}

async function branches(repo: string): Promise<string[]> {
  return (await gitIn(repo, 'branch', '--format=%(refname:short)')).split('\n').filter(Boolean).sort();
}

describe('the editorial workflow in Decap CMS', () => {
  it(
    'runs the editorial workflow: concept on its own branch, ter beoordeling, klaar, then merged and the branch deleted',
    async () => {
      const cms = await startDevCms();
      const start = await gitIn(cms.repo, 'rev-parse', cms.branch);
      const mainStart = await gitIn(cms.repo, 'rev-parse', 'main');
      const { page, blocked, errors } = await openAdmin(cms);
      await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
      await page.getByLabel('Titel', { exact: true }).fill('Straatspeeldag');
      await page.getByLabel('Datum', { exact: true }).fill('2025-12-28');
      await page.getByLabel('Samenvatting', { exact: true }).fill('De straat is van de kinderen.');

      await save(page);
      const branch = 'cms/oost/nieuws/straatspeeldag';
      expect(await branches(cms.repo)).toEqual([cms.branch, branch, 'main'].sort());
      expect(await gitIn(cms.repo, 'config', `branch.${branch}.description`)).toBe('decap-cms/draft');
      expect(await gitIn(cms.repo, 'rev-parse', cms.branch)).toBe(start);
      const concept = await gitIn(cms.repo, 'log', '-1', '--format=%s', branch);
      expect(concept).toBe('Nieuwsbericht “Straatspeeldag” toegevoegd (oost)');

      await setStatus(page, 'Concept', 'Ter beoordeling');
      expect(await gitIn(cms.repo, 'config', `branch.${branch}.description`)).toBe('decap-cms/pending_review');
      // The workflow board shows it in the Dutch column.
      await page.goto(`${cms.editing.url}/admin/#/workflow`);
      await expect.poll(() => page.getByText('Ter beoordeling').count()).toBeGreaterThan(0);
      await page.getByText('Straatspeeldag').first().click();

      await setStatus(page, 'Ter beoordeling', 'Klaar');
      expect(await gitIn(cms.repo, 'config', `branch.${branch}.description`)).toBe('decap-cms/pending_publish');
      const entryCommit = await gitIn(cms.repo, 'rev-parse', branch);

      await publish(page);
      expect(await branches(cms.repo)).toEqual([cms.branch, 'main'].sort());
      expect(await gitIn(cms.repo, 'merge-base', '--is-ancestor', entryCommit, cms.branch).then(() => true)).toBe(true);
      expect(await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/nieuws/straatspeeldag.md`)).toContain('title: Straatspeeldag');
      expect(await gitIn(cms.repo, 'rev-parse', 'main')).toBe(mainStart);

      // The site shows it (publishing and rebuilding under `npm start` is tests/browser/cms-editing.test.ts).
      await expect
        .poll(async () => {
          await page.goto(`${cms.editing.url}/nieuws/`);
          return page.getByRole('link', { name: 'Straatspeeldag' }).count();
        })
        .toBe(1);

      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
    LONG,
  );

  it(
    'stores the Amsterdam time an editor types, in winter and summer, from New York and from Tokyo',
    async () => {
      // Dev mode (buurt dev): no rebuild after every publish; the dev site renders what was published.
      const cms = await startDevCms();
      /** Edits an activity's start and end in a browser with the time zone `timezoneId`. */
      const edit = async (timezoneId: string, slug: string, shown: string, start: string, end: string, preview: string) => {
        const { page, blocked, errors, context } = await openAdmin(cms, timezoneId);
        expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
        await page.goto(`${cms.editing.url}/admin/#/collections/agenda/entries/${slug}`);
        const startInput = page.getByLabel('Begint op', { exact: true });
        await expect.poll(() => startInput.inputValue()).toBe(shown);
        await startInput.fill(start);
        await page.getByLabel(/^Eindigt op/).fill(end);
        await expect.poll(() => page.frameLocator('iframe').first().getByTestId('preview-when').textContent()).toBe(preview);
        await save(page);
        await setStatus(page, 'Concept', 'Klaar');
        await publish(page);
        const file = await gitIn(cms.repo, 'show', `${cms.branch}:sites/oost/content/agenda/${slug}.md`);
        const data = parse(splitFrontMatter(file)!.yaml, { version: '1.2' }) as { start: string; end: string };
        expect({ start: data.start, end: data.end }).toEqual({ start, end });
        expect(errors).toEqual([]);
        expect(blocked).toEqual([]);
        await context.close();
      };
      // New York (behind Amsterdam, its own summer time on other dates) edits the winter activity, Tokyo
      // (ahead, no summer time) the summer one: each browser's own offset would shift a time that leaked.
      await edit('America/New_York', 'winterborrel', '2026-01-15T19:30', '2026-01-15T18:45', '2026-01-15T21:30', 'do 15 januari 2026, 18:45–21:30');
      await edit('Asia/Tokyo', 'zomerfeest', '2026-07-04T14:00', '2026-07-04T16:45', '2026-07-04T23:00', 'za 4 juli 2026, 16:45–23:00');

      // The site, rendered by the same templates from what was published (the dev site reads the CMS
      // branch's files), shows the times as typed.
      const shown = async (slug: string) => {
        const html = await fetch(`${cms.editing.url}/agenda/${slug}/`).then((response) => response.text());
        const time = cheerio.load(html)('dl.facts time').first();
        return { text: time.text(), datetime: time.attr('datetime') };
      };
      await expect.poll(() => shown('winterborrel')).toEqual({ text: 'do 15 januari 2026, 18:45–21:30', datetime: '2026-01-15T18:45:00+01:00' });
      await expect.poll(() => shown('zomerfeest')).toEqual({ text: 'za 4 juli 2026, 16:45–23:00', datetime: '2026-07-04T16:45:00+02:00' });
    },
    LONG,
  );

  it(
    'stays steady with several editors at once on a busy machine: no 5xx, no blank editor, no content error, and what they publish is on the dev site',
    async () => {
      const cms = await startDevCms();
      // Load: `buurt build` of the other buurt beside the editing, once (a build keeps both cores busy for a
      // while; in a full test run the other worker adds its own load). More builds cost the rest of the suite
      // CPU for no more proof.
      let loading = true;
      const builds: number[] = [];
      const buildWest = async () => {
        while (loading && builds.length < 1) {
          const code = await new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [path.join(rootDir, 'scripts/buurt.ts'), 'build', 'west'], {
              cwd: rootDir,
              env: { ...process.env, BUURT_SITES_DIR: path.join(cms.repo, 'sites'), BUURT_NOW: NOW },
              stdio: 'ignore',
            });
            child.once('exit', resolve);
          });
          builds.push(code ?? -1);
        }
      };
      const load = buildWest();
      const failures: string[] = [];
      try {
        const titles = ['Snoeidag', 'Rommelmarkt', 'Burendag'];
        // Opened one after another (each loads the 5 MB CMS); then they work at the same time.
        const editors: Awaited<ReturnType<typeof openAdmin>>[] = [];
        for (const _ of titles) editors.push(await openAdmin(cms));
        for (const { page } of editors) {
          page.on('response', (response) => {
            if (response.url().includes('/api/v1') && response.status() >= 500)
              failures.push(`${response.status()} ${response.request().postData()?.slice(0, 120)}`);
          });
        }
        /** The editor is never blank: the form is there, and no error notification. */
        const assertEditorShown = async (page: Page) => {
          await page.getByLabel('Titel', { exact: true }).waitFor();
          expect(await page.getByText(/API_ERROR|Fout bij|kon niet/).count()).toBe(0);
        };
        // Three editors make a concept each, at the same time, while a fourth reads the existing news.
        const reader = await openAdmin(cms);
        await Promise.all([
          ...editors.map(async ({ page }, i) => {
            await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/new`);
            await assertEditorShown(page);
            await page.getByLabel('Titel', { exact: true }).fill(titles[i]!);
            await page.getByLabel('Datum', { exact: true }).fill(`2025-12-2${i}`);
            await page.getByLabel('Samenvatting', { exact: true }).fill(`Samenvatting ${i}.`);
            await save(page);
            await setStatus(page, 'Concept', 'Klaar');
          }),
          (async () => {
            for (let i = 0; i < 3; i++) {
              await reader.page.goto(`${cms.editing.url}/admin/#/collections/nieuws/entries/eerste`);
              await assertEditorShown(reader.page);
              await reader.page.goto(`${cms.editing.url}/admin/#/workflow`);
              await reader.page.getByText('Klaar').first().waitFor();
            }
          })(),
        ]);
        // Then all publish at the same time, and each reopens its published entry.
        await Promise.all(editors.map(({ page }) => publish(page)));
        for (const [i, { page }] of editors.entries()) {
          const slug = titles[i]!.toLowerCase();
          await page.goto(`${cms.editing.url}/admin/#/collections/nieuws/entries/${slug}`);
          await assertEditorShown(page);
          await expect.poll(() => page.getByLabel('Titel', { exact: true }).inputValue()).toBe(titles[i]);
        }
        const published = (await gitIn(cms.repo, 'ls-tree', '--name-only', `${cms.branch}:sites/oost/content/nieuws`)).split('\n');
        expect(published).toEqual(expect.arrayContaining(['burendag.md', 'rommelmarkt.md', 'snoeidag.md']));
        expect(await branches(cms.repo)).toEqual([cms.branch, 'main'].sort());
        for (const title of titles) {
          await expect
            .poll(async () => (await editors[0]!.page.request.get(`${cms.editing.url}/nieuws/${title.toLowerCase()}/`)).status(), { timeout: 60_000 })
            .toBe(200);
        }
        expect(failures).toEqual([]);
        for (const { errors, blocked } of [...editors, reader]) {
          expect(errors).toEqual([]);
          expect(blocked).toEqual([]);
        }
        // The dev site never read a half-written file, a missing one or a concept.
        expect(cms.log.filter((line) => /ENOENT|cannot be read|kan niet gelezen|\[ERROR\]|local CMS/i.test(line))).toEqual([]);
      } finally {
        loading = false;
        await load;
      }
      expect(builds.length).toBeGreaterThan(0);
      expect(builds.every((code) => code === 0)).toBe(true);
    },
    LONG * 2,
  );
});
