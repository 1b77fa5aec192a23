/**
 * Page-weight budgets of a built buurt, checked on the output files (no timing, no network):
 *
 * - the home page's HTML and the CSS it links, compressed, fit in the first round trip (14 KB);
 * - no page has JavaScript except the search page;
 * - no web fonts: the site uses the system's fonts (a self-hosted font would be allowed up to 30 KB in all);
 * - every photo is a responsive image (srcset, sizes, width and height), so a phone can pick a small file.
 *
 * What a phone really downloads is measured in the browser (see page-checks.ts `imageRequests`).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';

/** The budgets, in bytes. */
export const BUDGETS = {
  /** The home page's HTML + CSS, gzip-compressed: what fits in the first round trip of a new connection. */
  firstRoundTrip: 14 * 1024,
  /** All font files together, when a buurt ever self-hosts a subset font. */
  fonts: 30 * 1024,
} as const;

/** The only page allowed to load JavaScript. */
export const SCRIPT_PAGE = '/zoeken/';
/** The editors' CMS: a JavaScript application by nature, never linked for residents nor indexed. */
export const EDITOR_PAGES = '/admin/';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function compressedSizes(data: Buffer | string): Sizes {
  const buffer = typeof data === 'string' ? Buffer.from(data) : data;
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const addSizes = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });
const NO_BYTES: Sizes = { raw: 0, gzip: 0, brotli: 0 };

/** The HTML file of a URL path ("/agenda/" → <dir>/agenda/index.html). */
export function htmlFileOf(distDir: string, urlPath: string): string {
  return path.join(distDir, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
}

/** Every HTML page residents can open, as URL paths, sorted ("/", "/agenda/", "/404.html"): not the editors' CMS. */
export async function listPages(distDir: string): Promise<string[]> {
  const files = (await readdir(distDir, { recursive: true }))
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !`/${f}`.startsWith(EDITOR_PAGES));
  return files.map((f) => (f === 'index.html' ? '/' : f.endsWith('/index.html') ? `/${f.slice(0, -'index.html'.length)}` : `/${f}`)).sort();
}

/** What one page is made of, as built. */
export interface PageWeight {
  path: string;
  html: Sizes;
  /** Stylesheets the page links (each counted once per page). */
  css: Sizes;
  /** Scripts the page loads itself (Pagefind's own files, fetched later by the search script, are not counted). */
  js: Sizes;
  /** HTML + CSS: what must arrive before the page can be drawn. */
  critical: Sizes;
}

const isLocalAsset = (href: string | undefined): href is string => !!href && href.startsWith('/') && !href.startsWith('//');

/** The sizes of a page's HTML and of the stylesheets and scripts it names, read from the output. */
export async function measurePage(distDir: string, urlPath: string): Promise<PageWeight> {
  const html = await readFile(htmlFileOf(distDir, urlPath));
  const $ = cheerio.load(html);
  const assetSizes = async (hrefs: string[]) => {
    let sum = NO_BYTES;
    for (const href of new Set(hrefs)) sum = addSizes(sum, compressedSizes(await readFile(path.join(distDir, decodeURIComponent(href.split(/[?#]/)[0]!)))));
    return sum;
  };
  const css = await assetSizes(
    $('link[rel~="stylesheet"]')
      .map((_, el) => $(el).attr('href'))
      .get()
      .filter(isLocalAsset),
  );
  const js = await assetSizes(
    [
      ...$('script[src]')
        .map((_, el) => $(el).attr('src'))
        .get(),
      ...$('link[rel="modulepreload"]')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ].filter(isLocalAsset),
  );
  const htmlSizes = compressedSizes(html);
  return { path: urlPath, html: htmlSizes, css, js, critical: addSizes(htmlSizes, css) };
}

/** JavaScript a page runs: script elements (JSON-LD and other data blocks are not scripts), module preloads, event attributes, javascript: links. */
export function scriptsIn(html: string): string[] {
  const $ = cheerio.load(html);
  const found: string[] = [];
  $('script').each((_, el) => {
    const type = ($(el).attr('type') ?? '').trim().toLowerCase();
    const runs = type === '' || type === 'module' || /^(text|application)\/(x-)?(java|ecma)script$/.test(type);
    if (runs) found.push($(el).attr('src') ? `<script src="${$(el).attr('src')}">` : '<script> (inline)');
  });
  $('link[rel="modulepreload"]').each((_, el) => void found.push(`<link rel="modulepreload" href="${$(el).attr('href')}">`));
  $('*').each((_, el) => {
    for (const [name, value] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {})) {
      if (/^on/i.test(name)) found.push(`${name}="…" on <${(el as { tagName: string }).tagName}>`);
      if ((name === 'href' || name === 'src' || name === 'action') && /^\s*javascript:/i.test(value)) found.push(`${name}="javascript:…"`);
    }
  });
  return found;
}

/** Font files in the output and web fonts named by its stylesheets. */
export interface FontUse {
  files: { path: string; bytes: number }[];
  /** `@font-face` sources and `@import`s that leave the site. */
  remote: string[];
}

const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;

export async function findFonts(distDir: string): Promise<FontUse> {
  const all = (await readdir(distDir, { recursive: true })).map((f) => f.split(path.sep).join('/'));
  const files = [];
  for (const f of all.filter((f) => FONT_FILE.test(f))) files.push({ path: `/${f}`, bytes: (await stat(path.join(distDir, f))).size });
  const remote: string[] = [];
  for (const f of all.filter((f) => f.endsWith('.css'))) {
    const css = await readFile(path.join(distDir, f), 'utf8');
    for (const match of css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi))
      if (/^(https?:)?\/\//i.test(match[1]!)) remote.push(`@import ${match[1]} in /${f}`);
    for (const face of css.matchAll(/@font-face\s*{[^}]*}/gi)) {
      for (const url of face[0].matchAll(/url\(\s*["']?([^"')]+)/gi)) if (/^(https?:)?\/\//i.test(url[1]!)) remote.push(`@font-face ${url[1]} in /${f}`);
    }
  }
  return { files, remote };
}

/** Photos (from /_fotos/) that are not responsive images. */
export function unsizedPhotos(html: string): string[] {
  const $ = cheerio.load(html);
  const found: string[] = [];
  $('img').each((_, el) => {
    const img = $(el);
    const src = img.attr('src') ?? '';
    if (!src.startsWith('/_fotos/')) return;
    const missing = ['srcset', 'sizes', 'width', 'height'].filter((a) => !img.attr(a));
    if (missing.length) found.push(`${src} has no ${missing.join(', ')}`);
  });
  return found;
}

/** One budget: what was measured against what is allowed. */
export interface BudgetResult {
  name: string;
  ok: boolean;
  /** "6.1 KB of 14 KB", "none", "/agenda/: <script src=…>" */
  detail: string;
}

/** "6.1 KB" (1 KB = 1024 bytes) */
export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Checks every budget on a built site. */
export async function checkBudgets(distDir: string): Promise<BudgetResult[]> {
  const pages = await listPages(distDir);
  const results: BudgetResult[] = [];

  const home = await measurePage(distDir, '/');
  results.push({
    name: 'home page HTML+CSS, compressed (first round trip)',
    ok: home.critical.gzip <= BUDGETS.firstRoundTrip,
    detail: `${formatKb(home.critical.gzip)} gzip, ${formatKb(home.critical.brotli)} brotli, of ${formatKb(BUDGETS.firstRoundTrip)}`,
  });

  const scripts: string[] = [];
  const photos: string[] = [];
  for (const page of pages) {
    const html = await readFile(htmlFileOf(distDir, page), 'utf8');
    if (page !== SCRIPT_PAGE) scripts.push(...scriptsIn(html).map((s) => `${page}: ${s}`));
    photos.push(...unsizedPhotos(html).map((s) => `${page}: ${s}`));
  }
  results.push({
    name: `no JavaScript outside ${SCRIPT_PAGE}`,
    ok: scripts.length === 0,
    detail: scripts.length ? scripts.join('; ') : `none on ${pages.length - 1} pages (the editors' ${EDITOR_PAGES} aside)`,
  });

  const fonts = await findFonts(distDir);
  const fontBytes = fonts.files.reduce((sum, f) => sum + f.bytes, 0);
  results.push({
    name: 'web fonts: none, or self-hosted under 30 KB',
    ok: fonts.remote.length === 0 && fontBytes <= BUDGETS.fonts,
    detail: fonts.remote.length
      ? `fonts from elsewhere: ${fonts.remote.join('; ')}`
      : fonts.files.length
        ? `${fonts.files.length} font file(s), ${formatKb(fontBytes)} of ${formatKb(BUDGETS.fonts)}`
        : 'none (system fonts)',
  });

  results.push({ name: 'photos have srcset, sizes, width and height', ok: photos.length === 0, detail: photos.length ? photos.join('; ') : 'all' });
  return results;
}
