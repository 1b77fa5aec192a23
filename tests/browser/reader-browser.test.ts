/**
 * What only a browser shows: searching a built buurt with its own Pagefind index (Dutch stemming), the search
 * page without JavaScript, a protected e-mail address as people see and copy it, and an activity page printed
 * on exactly one A4. Debian's Chromium, every request outside localhost blocked.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../src/lib/serve.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createWorkspace, type BuiltSite, type Workspace } from '../helpers/fixtures.ts';
import { buildReaderFixture } from '../helpers/reader-fixture.ts';

let workspace: Workspace;
let site: BuiltSite;
let server: Server;
let browser: TestBrowser;
let origin: string;
/**
 * The strict Content-Security-Policy every page will be served with (issue 8): only the site's own files, no
 * inline script or style. Search (its page and Pagefind's worker script, whose response sets the worker's own
 * policy) may also compile Pagefind's WebAssembly.
 */
function strictPolicy(pathname: string): string {
  const wasm = pathname.startsWith('/zoeken/') || pathname.startsWith('/pagefind/') ? " 'wasm-unsafe-eval'" : '';
  return [
    "default-src 'none'",
    `script-src 'self'${wasm}`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Messages in which Chromium reports something the policy blocked, from the page and its workers. */
function watchViolations(page: import('playwright-core').Page): string[] {
  const violations: string[] = [];
  const listen = (message: { text(): string }) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  };
  page.on('console', listen);
  page.on('worker', (worker) => worker.on('console', listen));
  return violations;
}

/** Loading Pagefind's WebAssembly on a busy machine can take a few seconds. */
const POLL = { timeout: 20_000 };

beforeAll(async () => {
  workspace = await createWorkspace();
  site = await buildReaderFixture(workspace);
  server = await serveStatic({ root: site.dir, port: 0, headersFor: (pathname) => ({ 'Content-Security-Policy': strictPolicy(pathname) }) });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await workspace?.dispose();
});

describe('search', () => {
  it('finds an activity by a Dutch word form that is not in its text', async () => {
    const html = await readFile(path.join(site.dir, 'agenda/wandeling/index.html'), 'utf8');
    expect(html.toLowerCase()).not.toContain('wandelen');
    expect(html.toLowerCase()).toContain('wandeling');

    const { page, errors, blocked } = await browser.newPage();
    const violations = watchViolations(page);
    await page.goto(`${origin}/agenda/`);
    await page.getByLabel('Zoeken op de site').fill('wandelen');
    await page.getByLabel('Zoeken op de site').press('Enter');
    await page.waitForURL(`${origin}/zoeken/?q=wandelen`);
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), POLL).toMatch(/^\d+ resulta(at|ten) voor “wandelen”$/);
    const results = page.getByRole('list', { name: 'Zoekresultaten' });
    const walk = results.getByRole('link', { name: 'Ochtendwandeling door het Lindenpark' });
    await expect.poll(() => walk.count(), POLL).toBe(1);
    expect(await walk.getAttribute('href')).toBe('/agenda/wandeling/');
    const item = results.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Ochtendwandeling door het Lindenpark' }) });
    expect(await item.locator('mark').first().textContent()).toMatch(/wandeling/i);
    expect(await item.locator('.meta').textContent()).toBe('Activiteit');
    expect(await page.locator('#zoeken-zonder-script').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);

    await walk.click();
    await page.waitForURL(`${origin}/agenda/wandeling/`);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('searches while typing and says so in the live region', async () => {
    const { page, errors, blocked } = await browser.newPage();
    const violations = watchViolations(page);
    await page.goto(`${origin}/zoeken/`);
    const input = page.getByLabel('Waar zoek je naar?');
    await input.pressSequentially('koffie', { delay: 30 });
    const results = page.getByRole('list', { name: 'Zoekresultaten' });
    // Shorter queries ("kof") may be answered first; wait for the answer to the whole word.
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^\d+ resulta(at|ten) voor “koffie”$/);
    await expect.poll(() => results.getByRole('link', { name: 'Koffieochtend' }).count(), POLL).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('koffie');
    await input.fill('xyzzyvoorbeeld');
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^Niets gevonden voor “xyzzyvoorbeeld”/);
    expect(await results.getByRole('listitem').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('says search failed, and where to look instead, when the browser cannot run the index', async () => {
    // Pagefind's worker without permission to compile WebAssembly: it never answers.
    const blocking = await serveStatic({
      root: site.dir,
      port: 0,
      headersFor: (pathname) => ({
        'Content-Security-Policy': strictPolicy(pathname).replace(pathname.startsWith('/pagefind/') ? " 'wasm-unsafe-eval'" : '\0', ''),
      }),
    });
    try {
      const { page, errors } = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(blocking.address() as AddressInfo).port}/zoeken/?q=wandelen`);
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 40_000 }).toMatch(/^Zoeken lukt nu niet/);
      expect(await page.locator('#zoeken-zonder-script').isVisible()).toBe(true);
      // Pagefind itself reports the refusal as an unhandled error.
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Failed to load the Pagefind WASM/)]);
    } finally {
      await new Promise((resolve) => blocking.close(resolve));
    }
  });

  it('tells people without JavaScript where to look instead', async () => {
    const context = await browser.browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${origin}/zoeken/?q=wandelen`);
    const fallback = page.locator('#zoeken-zonder-script');
    expect(await fallback.isVisible()).toBe(true);
    expect(await fallback.getByRole('link', { name: 'Agenda' }).getAttribute('href')).toBe('/agenda/');
    await context.close();
  });
});

describe('personal e-mail addresses', () => {
  it('are seen and copied as the real address', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(`${origin}/wie-helpt/anna/`);
    const address = page.locator('.email-address');
    expect(await address.innerText()).toBe('anna.devries@gmail.com');
    const selected = await address.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    expect(selected).toBe('anna.devries@gmail.com');
    const snapshot = await page.locator('#contact').locator('..').ariaSnapshot();
    expect(snapshot).toContain('anna.devries');
    expect(snapshot).not.toContain('zonder deze tekst');
    expect(errors).toEqual([]);
  });
});

describe('printing', () => {
  for (const activity of ['wandeling', 'koffie']) {
    it(`prints the activity page "${activity}" on exactly one A4 with its address`, async () => {
      const { page, errors, blocked } = await browser.newPage();
      const violations = watchViolations(page);
      await page.goto(`${origin}/agenda/${activity}/`);
      await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.site-nav', '.site-footer', '.share', '.site-search', '.calendar-add']) {
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      }
      const url = page.locator('.print-url');
      expect(await url.isVisible()).toBe(true);
      expect(await url.innerText()).toBe(`Meer informatie: https://lindenbuurt.nl/agenda/${activity}/`);
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const printed = await PDFDocument.load(pdf);
      expect(printed.getPageCount()).toBe(1);
      // A4 is 210 × 297 mm: 595.3 × 841.9 points (Chromium rounds to whole pixels).
      expect(printed.getPage(0).getWidth()).toBeCloseTo(595.3, -0.5);
      expect(printed.getPage(0).getHeight()).toBeCloseTo(841.9, -0.5);
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
      expect(violations).toEqual([]);
    });
  }
});
