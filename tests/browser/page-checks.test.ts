/**
 * The browser checks of scripts/audit/page-checks.ts (run by the every-page accessibility suites and `npm run
 * audit`) find what they exist for: each gets a small page with that one fault, and a page without faults
 * that every check passes. Without this, a check that silently found nothing would pass every buurt.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, focusProblems, horizontalScroll, motionProblems, skipLinkProblems, smallTargets, smallText } from '../../scripts/audit/page-checks.ts';
import { serveStatic } from '../../scripts/platform/serve/serve.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';

/** A page that passes every check: a skip link first, big text and targets, a visible focus ring. */
const STYLE = `
  body { font: 20px/1.5 sans-serif; color: #111; background: #fff; margin: 0; }
  a, button { display: inline-block; min-width: 44px; min-height: 44px; font: inherit; }
  a:focus-visible, button:focus-visible { outline: 3px solid #1d5c8c; outline-offset: 2px; }
  .skip { position: absolute; left: 8px; top: -100px; }
  .skip:focus { top: 8px; }
`;

function page(body: string, extraStyle = ''): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Proef</title><style>${STYLE}${extraStyle}</style></head>
<body><a class="skip" href="#inhoud">Naar de inhoud</a><header><nav aria-label="Menu"><a href="/">Home</a></nav></header>
<main id="inhoud" tabindex="-1"><h1>Proefpagina</h1>${body}</main></body></html>`;
}

const PAGES: Record<string, string> = {
  'goed.html': page('<p>Een gewone zin met <a href="/">een link</a> erin.</p><button type="button">Verstuur</button>'),
  'zonder-alt.html': page('<p>Een foto:</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">'),
  'lichte-tekst.html': page('<p style="color:#ccc">Bijna onleesbaar.</p>'),
  'kleine-knop.html': page('<p>Tekst.</p><button type="button" style="min-width:0;min-height:0;width:16px;height:16px;padding:0">x</button>'),
  'kleine-tekst.html': page('<p style="font-size:12px">Kleine lettertjes.</p>'),
  'geen-focusring.html': page('<p>Tekst.</p><button type="button">Verstuur</button>', 'button:focus-visible { outline: none; }'),
  'te-breed.html': page('<div style="width:900px">Een te breed blok.</div>'),
  'beweging.html': page('<p class="draait">Draait.</p>', '@keyframes draai { to { transform: rotate(1turn); } } .draait { animation: draai 2s infinite; }'),
  'geen-skiplink.html': page('<p>Tekst.</p>').replace('<a class="skip" href="#inhoud">Naar de inhoud</a>', ''),
};

let dir: string;
let server: Server;
let origin: string;
let browser: TestBrowser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'buurt-page-checks-'));
  for (const [name, html] of Object.entries(PAGES)) await writeFile(path.join(dir, name), html);
  server = await serveStatic({ root: dir, port: 0 });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens `file` at 1280 px with reduced motion (as the suites do) and runs `check` on it. */
async function check(file: string, run: (page: Page) => Promise<string[]>, viewport = { width: 1280, height: 900 }): Promise<string[]> {
  const { page, context, errors, blocked } = await browser.newPage({ viewport });
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${origin}/${file}`);
    const problems = await run(page);
    expect([...errors.map((e) => e.message), ...blocked]).toEqual([]);
    return problems;
  } finally {
    await context.close();
  }
}

describe('the browser checks of a page', () => {
  it('pass a page without faults', async () => {
    const all = async (page: Page) => [
      ...(await axeProblems(page)),
      ...(await motionProblems(page)),
      ...(await skipLinkProblems(page)),
      ...(await smallTargets(page)),
      ...(await focusProblems(page)),
      ...(await smallText(page)),
      ...(await horizontalScroll(page)),
    ];
    expect(await check('goed.html', all)).toEqual([]);
    expect(await check('goed.html', horizontalScroll, { width: 320, height: 640 })).toEqual([]);
  });

  it('name an axe-core violation by rule: a photo without alt text, text without contrast', async () => {
    expect(await check('zonder-alt.html', axeProblems)).toEqual([expect.stringMatching(/^axe image-alt \(critical\): .*: img$/)]);
    expect(await check('lichte-tekst.html', axeProblems)).toEqual([expect.stringMatching(/^axe color-contrast \(serious\): .*: p$/)]);
  });

  it('find a small target, small text, a missing focus ring and a missing skip link', async () => {
    expect(await check('kleine-knop.html', smallTargets)).toEqual([expect.stringMatching(/^target <button> "x" is 16\.0×16\.0 px, under 24×24$/)]);
    expect(await check('kleine-tekst.html', smallText)).toEqual([expect.stringMatching(/^text "Kleine lettertjes\." in <p> is 12px, under 18px$/)]);
    expect(await check('geen-focusring.html', focusProblems)).toEqual([expect.stringMatching(/^<button> "Verstuur" shows no focus ring/)]);
    expect(await check('geen-skiplink.html', skipLinkProblems)).toEqual([expect.stringMatching(/^the first Tab focuses <a> "Home", not a skip link$/)]);
  });

  it('find sideways scrolling at 320 px and motion that ignores reduced motion', async () => {
    expect(await check('te-breed.html', horizontalScroll, { width: 320, height: 640 })).toEqual([
      expect.stringMatching(/^the page is 9\d\dpx wide in a 320px window: <div> "Een te breed blok\."/),
    ]);
    expect(await check('beweging.html', motionProblems)).toEqual([expect.stringMatching(/^<p class="draait"> animates \(draai\)$/)]);
  });
});
