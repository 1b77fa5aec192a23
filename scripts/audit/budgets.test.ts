import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETS, checkBudgets, compressedSizes, findFonts, listPages, measurePage, scriptsIn, unsizedPhotos } from './budgets.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A built site made of the given files. */
async function site(files: Record<string, string | Buffer>): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'buurt-budget-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const page = (body: string, head = '<link rel="stylesheet" href="/_astro/site.css">') =>
  `<!doctype html><html lang="nl"><head><title>t</title>${head}</head><body>${body}</body></html>`;

/** Text that does not compress well: what a long welcome text or many items look like to gzip. */
function words(count: number): string {
  let state = 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 48271) % 2147483647;
    out.push(state.toString(36));
  }
  return out.join(' ');
}

describe('scriptsIn', () => {
  it('finds every way a page can run JavaScript', () => {
    const html = page(
      '<script src="/_astro/a.js"></script><script type="module">x()</script><script type="text/javascript">y()</script>' +
        '<button onclick="z()">b</button><a href="javascript:void(0)">a</a>',
      '<link rel="modulepreload" href="/_astro/m.js">',
    );
    expect(scriptsIn(html)).toEqual([
      '<script src="/_astro/a.js">',
      '<script> (inline)',
      '<script> (inline)',
      '<link rel="modulepreload" href="/_astro/m.js">',
      'onclick="…" on <button>',
      'href="javascript:…"',
    ]);
  });

  it('does not count structured data as a script', () => {
    expect(scriptsIn(page('<script type="application/ld+json">{"@type":"Event"}</script>'))).toEqual([]);
  });
});

describe('findFonts', () => {
  it('lists font files and web fonts from elsewhere', async () => {
    const root = await site({
      '_astro/site.css': '@import url("https://fonts.googleapis.com/css2?family=Inter");@font-face{font-family:X;src:url(https://cdn.example/x.woff2)}',
      '_astro/own.css': '@font-face{font-family:Y;src:url(/fonts/y.woff2) format("woff2")}',
      'fonts/y.woff2': Buffer.alloc(40 * 1024),
    });
    const fonts = await findFonts(root);
    expect(fonts.files).toEqual([{ path: '/fonts/y.woff2', bytes: 40 * 1024 }]);
    expect(fonts.remote).toEqual([
      '@import https://fonts.googleapis.com/css2?family=Inter in /_astro/site.css',
      '@font-face https://cdn.example/x.woff2 in /_astro/site.css',
    ]);
  });
});

describe('unsizedPhotos', () => {
  it('names photos without srcset, sizes, width or height', () => {
    const html = page(
      '<img src="/_fotos/a-960.jpg" alt="a"><img src="/_fotos/b-960.jpg" srcset="x 480w" sizes="100vw" width="1" height="1" alt="b"><img src="/favicon.svg" alt="">',
    );
    expect(unsizedPhotos(html)).toEqual(['/_fotos/a-960.jpg has no srcset, sizes, width, height']);
  });
});

describe('measurePage', () => {
  it('counts the HTML and the stylesheets and scripts it names, compressed as a server sends them', async () => {
    const css = `body{color:#1a1a1a}${'.a{margin:0}'.repeat(50)}`;
    const root = await site({
      'index.html': page('<p>Hallo</p><script type="module" src="/_astro/s.js"></script>'),
      '_astro/site.css': css,
      '_astro/s.js': 'console.log(1)',
    });
    const weight = await measurePage(root, '/');
    expect(weight.css.raw).toBe(css.length);
    expect(weight.css.gzip).toBeLessThan(css.length / 5);
    expect(weight.js.raw).toBe('console.log(1)'.length);
    expect(weight.critical.gzip).toBe(weight.html.gzip + weight.css.gzip);
    const sizes = compressedSizes(css);
    expect(sizes.brotli).toBeLessThanOrEqual(sizes.gzip);
  });
});

describe('checkBudgets', () => {
  it('passes a light site with JavaScript only on the search page', async () => {
    const root = await site({
      'index.html': page('<h1>Welkom</h1>'),
      'zoeken/index.html': page('<h1>Zoeken</h1><script type="module" src="/_astro/zoek.js"></script>'),
      'admin/index.html': page('<script src="/admin/decap-cms.js"></script>'),
      '_astro/site.css': 'body{margin:0}',
      '_astro/zoek.js': 'x()',
    });
    expect(await listPages(root)).toEqual(['/', '/zoeken/']);
    const results = await checkBudgets(root);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['home page HTML+CSS, compressed (first round trip)', true],
      ['no JavaScript outside /zoeken/', true],
      ['web fonts: none, or self-hosted under 30 KB', true],
      ['photos have srcset, sizes, width and height', true],
    ]);
  });

  it('fails a home page that does not fit in the first round trip, a script elsewhere, a remote font and an unsized photo', async () => {
    const root = await site({
      'index.html': page(`<h1>Welkom</h1><p>${words(4000)}</p>`),
      'agenda/index.html': page('<h1>Agenda</h1><script>track()</script><img src="/_fotos/x-960.jpg" alt="x">'),
      '_astro/site.css': '@font-face{font-family:X;src:url(https://fonts.example/x.woff2)}',
    });
    const results = await checkBudgets(root);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results[0]!.detail).toMatch(/^\d+\.\d KB gzip, \d+\.\d KB brotli, of 14\.0 KB$/);
    expect(Number.parseFloat(results[0]!.detail) * 1024).toBeGreaterThan(BUDGETS.firstRoundTrip);
    expect(results[1]!.detail).toBe('/agenda/: <script> (inline)');
    expect(results[2]!.detail).toBe('fonts from elsewhere: @font-face https://fonts.example/x.woff2 in /_astro/site.css');
    expect(results[3]!.detail).toBe('/agenda/: /_fotos/x-960.jpg has no srcset, sizes, width, height');
  });

  it('allows a self-hosted font up to 30 KB in all', async () => {
    const files = { 'index.html': page('<h1>Welkom</h1>'), '_astro/site.css': '@font-face{font-family:X;src:url(/_astro/x.woff2)}' };
    const small = (await checkBudgets(await site({ ...files, '_astro/x.woff2': Buffer.alloc(20 * 1024) })))[2]!;
    expect(small).toEqual({ name: 'web fonts: none, or self-hosted under 30 KB', ok: true, detail: '1 font file(s), 20.0 KB of 30.0 KB' });
    await rm(dir!, { recursive: true, force: true });
    const big = (await checkBudgets(await site({ ...files, '_astro/x.woff2': Buffer.alloc(31 * 1024) })))[2]!;
    expect(big.ok).toBe(false);
  });
});
