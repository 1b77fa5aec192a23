/**
 * What only a browser shows: searching a built buurt with its own Pagefind index (Dutch stemming), the search
 * page without JavaScript, a protected e-mail address as people see and copy it, and an activity page printed
 * on exactly one A4, the wijkkrant and posters printed to PDF (read back with poppler's pdftotext and pdffonts,
 * their QR codes decoded with jsQR). Debian's Chromium, every request outside localhost blocked.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { printPage } from '../../scripts/print/pdf.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/platform/serve/serve.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createWorkspace, type BuiltSite, type Workspace } from '../helpers/fixtures.ts';
import { runBuurt } from '../helpers/git-fixture.ts';
import { READER_SLUG, buildReaderFixture } from '../helpers/reader-fixture.ts';

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
    const { page, errors, context } = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(blocking.address() as AddressInfo).port}/zoeken/?q=wandelen`);
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 40_000 }).toMatch(/^Zoeken lukt nu niet/);
      expect(await page.locator('#zoeken-zonder-script').isVisible()).toBe(true);
      // Pagefind itself reports the refusal as an unhandled error.
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Failed to load the Pagefind WASM/)]);
    } finally {
      // The page first, then every connection it left open: closing the server waits for them otherwise, and
      // a failed assertion above became a ten-minute timeout.
      await context.close();
      blocking.closeAllConnections();
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

/** The text of a PDF as pdftotext (poppler-utils) reads it, in reading order. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Every font of a PDF as pdffonts lists it: name and whether it is embedded. */
function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/);
    // name type [type…] encoding emb sub uni object ID: emb is the fifth cell from the end.
    return { name: cells[0]!, embedded: cells[cells.length - 5] === 'yes' };
  });
}

/** Decodes every inline SVG QR code of a page with jsQR, after drawing it with sharp. */
async function decodeQrCodes(html: string): Promise<string[]> {
  const $ = cheerio.load(html);
  const found: string[] = [];
  for (const svg of $('svg.qr').toArray()) {
    // Only what draws the code: the label is for people, and HTML serialisation leaves a "<" in it unescaped.
    const drawn = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${$(svg).attr('viewBox')}">${$(svg).html()}</svg>`;
    const { data, info } = await sharp(Buffer.from(drawn), { density: 300 })
      .resize(400, 400, { kernel: 'nearest' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const code = jsQR(new Uint8ClampedArray(data), info.width, info.height);
    found.push(code ? code.data : `(no code in "${$(svg).attr('aria-label')}")`);
  }
  return found;
}

describe('the wijkkrant and posters', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'buurt-print-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a winter month on four A4 pages with its activities at Amsterdam time and embedded fonts', async () => {
    const out = path.join(dir, 'maart.pdf');
    const run = await runBuurt(['krant', READER_SLUG, '--maand', '2026-03', '--out', out, '--no-build'], workspace.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Printed the wijkkrant of maart 2026 (/krant/2026/03/) to ${out}: 4 A4 pages,`);
    const printed = await PDFDocument.load(await readFile(out));
    expect(printed.getPage(3).getWidth()).toBeCloseTo(595.3, -0.5);
    expect(printed.getPage(3).getHeight()).toBeCloseTo(841.9, -0.5);
    const text = pdfText(out).replace(/\s+/g, ' ');
    expect(text).toContain('Wijkkrant maart 2026');
    // Now is 10 March 12:00: the walk on Saturday 14 March (CET) is listed, the market of 9 March is over.
    expect(text).toContain('zaterdag 14 maart 2026 10:00–12:00 Ochtendwandeling door het Lindenpark · Buurthuis De Linde');
    expect(text).not.toContain('Nieuwjaarsborrel');
    expect(text).not.toContain('Geheime activiteit');
    expect(text).toMatch(/dinsdag 10:00–11:30 Koffieochtend · Buurthuis De Linde/);
    // The market of the first Monday was on 9 March, the day before now: it is in April's edition.
    expect(text).not.toContain('Ruilmarkt');
    const fonts = pdfFonts(out);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('prints a summer month with summer times, the cancelled quiz and the skipped date', async () => {
    const out = path.join(dir, 'april.pdf');
    expect((await printPage({ distDir: site.dir, pathname: '/krant/2026/04/', out })).pages).toBe(4);
    const text = pdfText(out).replace(/\s+/g, ' ');
    // 18 April is CEST: 20:00 in Amsterdam (18:00 UTC).
    expect(text).toContain('zaterdag 18 april 2026 20:00–22:30 Buurtquiz GAAT NIET DOOR · Café De Hoek');
    expect(text).toMatch(/dinsdag 10:00–11:30 Koffieochtend · Buurthuis De Linde t\/m 3 november 2026 niet op 7 april/);
    expect(text).toMatch(/maandag 09:00–13:00 Ruilmarkt · Pleintje Elke eerste maandag van de maand/);
  });

  it('prints a poster on one A4 with title, time, place, cost and registration (buurt poster)', async () => {
    const out = path.join(dir, 'poster.pdf');
    const run = await runBuurt(['poster', READER_SLUG, 'wandeling', '--out', out, '--no-build'], workspace.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Printed the poster of "wandeling" (/agenda/wandeling/poster/) to ${out}: 1 A4 page,`);
    expect((await PDFDocument.load(await readFile(out))).getPageCount()).toBe(1);
    const text = pdfText(out).replace(/\s+/g, ' ');
    for (const part of [
      'Ochtendwandeling door het Lindenpark',
      'za 14 maart 2026, 10:00–12:00',
      'Buurthuis De Linde Lindelaan 12',
      '€ 2,50 inclusief koffie',
      'lindenbuurt.nl/aanmelden',
      'lindenbuurt.nl/agenda/wandeling',
    ]) {
      expect(text).toContain(part);
    }
    expect(pdfFonts(out).filter((f) => !f.embedded)).toEqual([]);
  });

  it('says which page is missing instead of printing the 404 page, and what there is (buurt krant, buurt poster)', async () => {
    await expect(printPage({ distDir: site.dir, pathname: '/krant/2031/01/', out: path.join(dir, 'x.pdf') })).rejects.toThrow(
      '/krant/2031/01/ is not in the built site',
    );
    const krant = await runBuurt(['krant', READER_SLUG, '--maand', '2031-01', '--out', path.join(dir, 'x.pdf'), '--no-build'], workspace.env);
    expect(krant.code).toBe(1);
    expect(krant.stderr).toContain('There is no wijkkrant for 2031-01');
    expect(krant.stderr).toMatch(/Months in the built site: .*2026-03/);
    const poster = await runBuurt(['poster', READER_SLUG, 'bestaat-niet', '--no-build'], workspace.env);
    expect(poster.code).toBe(1);
    expect(poster.stderr).toContain('There is no published activity "bestaat-niet"');
    expect(poster.stderr).toMatch(/Activities with a poster: .*wandeling/);
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });

  it('has QR codes that decode to the absolute address of the site, each news item and the activity', async () => {
    const krant = await readFile(path.join(site.dir, 'krant/2026/03/index.html'), 'utf8');
    expect(await decodeQrCodes(krant)).toEqual(['https://lindenbuurt.nl/nieuws/lente/', 'https://lindenbuurt.nl/nieuws/oud/', 'https://lindenbuurt.nl/']);
    const poster = await readFile(path.join(site.dir, 'agenda/wandeling/poster/index.html'), 'utf8');
    expect(await decodeQrCodes(poster)).toEqual(['https://lindenbuurt.nl/agenda/wandeling/']);
  });

  it('fits the strict policy on screen and in print, and stays out of the sitemap and search', async () => {
    for (const pathname of ['/krant/', '/agenda/wandeling/poster/']) {
      const { page, errors, blocked } = await browser.newPage();
      const violations = watchViolations(page);
      await page.goto(`${origin}${pathname}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      expect(await page.locator('[data-pagefind-body]').count()).toBe(0);
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
      expect(violations).toEqual([]);
      await page.context().close();
    }
    const sitemap = await readFile(path.join(site.dir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/agenda/wandeling/');
    expect(sitemap).not.toMatch(/\/krant\/|\/poster\//);
  });
});
