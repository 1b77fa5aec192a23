/**
 * A page's policy follows its parsed elements, not its text: an editor's summary with the words `<script>` or
 * `<link rel=manifest>` lands (escaped as Astro escapes attributes: only `&` and `"`) in a `<meta content>`, where
 * it is no element, and must not widen the Content-Security-Policy of its section.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildSite } from '../scripts/platform/build/build.ts';
import { NO_NEEDS } from '../src/headers/csp.ts';
import { add404Policy } from '../src/headers/deploy-headers.ts';
import { pageNeeds, readPageElements } from '../src/headers/headers.ts';
import { headersForPath, readHeaderRules } from '../src/headers/netlify-headers.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

const HOSTILE_SUMMARY = 'Zo schrijf je HTML: <script src="/x.js"></script> en <link rel=manifest href=/m.json> en <form action=/>';

describe('pageNeeds reads elements, not text', () => {
  it.each([
    ['a meta description', `<head><meta charset="utf-8"><meta name="description" content="${HOSTILE_SUMMARY.replaceAll('"', '&quot;')}"></head>`],
    ['an Open Graph attribute', `<meta property="og:description" content='${HOSTILE_SUMMARY}'>`],
    ['escaped text', '<p>&lt;script src="/x.js"&gt;&lt;/script&gt; &lt;link rel=manifest&gt; &lt;form&gt;</p>'],
    ['a comment', '<!-- <script src="/x.js"></script><link rel="manifest" href="/m"><form> -->'],
    ['the title', '<title><script src="/x.js"></script><link rel=manifest><form></title>'],
    ['a text area', '<textarea><script src="/x.js"></script><link rel=manifest></textarea>'],
    ['JSON-LD', '<script type="application/ld+json">{"description":"<link rel=manifest href=/m> <form>"}</script>'],
  ])('finds nothing in %s', (_, html) => {
    expect(pageNeeds(html, false)).toEqual(NO_NEEDS);
  });

  it('finds the real elements, however they are written', () => {
    expect(pageNeeds('<SCRIPT SRC=/_astro/a.js></SCRIPT>', false).scripts).toBe(true);
    expect(pageNeeds('<script type="module" src="/_astro/a.js"></script>', false).scripts).toBe(true);
    expect(pageNeeds('<link href="/site.webmanifest" REL="icon Manifest">', false).manifest).toBe(true);
    expect(pageNeeds('<form action="/zoeken/"><input name="q"></form>', false).forms).toBe(true);
    expect(pageNeeds('<link rel="manifesto" href="/x">', false).manifest).toBe(false);
  });

  it('the 404 page gets its policy even when its text names a policy meta', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'buurt-404-'));
    try {
      const html =
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Niet gevonden</title>' +
        '<meta name="description" content="<meta http-equiv=content-security-policy content=x>"></head><body><p>Weg.</p></body></html>';
      await writeFile(path.join(dir, '404.html'), html);
      await add404Policy(dir, false);
      const written = await readFile(path.join(dir, '404.html'), 'utf8');
      expect(
        written.startsWith(
          `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';`,
        ),
      ).toBe(true);
      expect(readPageElements(written).metaPolicy).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a built buurt whose news summary names script, manifest and form', () => {
  let workspace: Workspace;
  let outDir: string;

  beforeAll(async () => {
    workspace = await createWorkspace();
    await workspace.writeBuurt('tekstbuurt', {
      'site.yaml': stringify(baseSiteYaml),
      'content/nieuws/html-les.md': markdown({ title: 'HTML-les', date: '2026-03-01', summary: HOSTILE_SUMMARY }, 'In de les leer je tags schrijven.'),
      'content/paginas/over.md': markdown({ title: 'Over', summary: 'Over de buurt.' }, 'Tekst.'),
    });
    outDir = (await buildSite('tekstbuurt', { env: { BUURT_NOW: '2026-03-10T12:00' } })).outDir;
  }, 240_000);

  afterAll(async () => {
    await workspace?.dispose();
  });

  it('carries the words in its meta description, as the attack needs', async () => {
    const html = await readFile(path.join(outDir, 'nieuws/html-les/index.html'), 'utf8');
    expect(html).toContain('content="Zo schrijf je HTML: <script src=&quot;/x.js&quot;></script> en <link rel=manifest');
  });

  it('keeps the policy of /nieuws/ without scripts or manifest, the same as a page without such words', async () => {
    const rules = await readHeaderRules(path.join(outDir, '_headers'));
    const plain = headersForPath(rules, '/over/')['Content-Security-Policy'];
    expect(plain).toContain("default-src 'none'");
    for (const urlPath of ['/nieuws/html-les/', '/nieuws/']) {
      const policy = headersForPath(rules, urlPath)['Content-Security-Policy'];
      expect(policy).not.toContain('script-src');
      expect(policy).not.toContain('manifest-src');
      expect(policy).toBe(plain);
    }
  });
});
