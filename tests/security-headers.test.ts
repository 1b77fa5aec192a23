/**
 * The deploy config's headers, read with Netlify's own parser: every rule of a real build's `_headers`, exactly
 * one Content-Security-Policy for every built path (Netlify applies all matching rules), and built HTML that
 * fits the policy (no inline styles or scripts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../src/headers/csp.ts';
import { computeHeaderRules, formatHeadersFile, listFiles, readPageNeeds, sectionPatterns, DENIED_FEATURES } from '../src/headers/headers.ts';
import { formatHeaderProblem, headersForPath, matchingRules, readHeaderRules, urlPathsOf, verifyHeaderRules } from '../src/headers/netlify-headers.ts';
import { probePaths } from '../src/headers/deploy-headers.ts';
import { builtSite, createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { addMergedFeatures, buildSecurityFixture } from './helpers/security-site.ts';
import type { Header } from '@netlify/headers-parser';

let workspace: Workspace;
let outDir: string;
let rules: Header[];
let files: string[];

const SHARED = ['Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options', 'Permissions-Policy', 'Cross-Origin-Resource-Policy'];

beforeAll(async () => {
  workspace = await createWorkspace();
  outDir = await buildSecurityFixture(workspace);
  await addMergedFeatures('veilig', outDir);
  rules = await readHeaderRules(path.join(outDir, '_headers'));
  files = (await listFiles(outDir)).filter((f) => f !== '_headers');
});

afterAll(async () => {
  await workspace?.dispose();
});

function cspOf(urlPath: string) {
  const value = headersForPath(rules, urlPath)['Content-Security-Policy'];
  expect(value, `CSP of ${urlPath}`).toBeDefined();
  return parsePolicy(value!);
}

describe('the _headers file of a build', () => {
  it('parses with Netlify’s parser without errors and starts with the headers shared by every path', () => {
    expect(rules.length).toBeGreaterThan(5);
    const [shared] = rules;
    expect(shared!.for).toBe('/*');
    expect(Object.keys(shared!.values).sort()).toEqual([...SHARED].sort());
    expect(shared!.values['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(shared!.values['X-Content-Type-Options']).toBe('nosniff');
    expect(shared!.values['X-Frame-Options']).toBe('DENY');
    expect(shared!.values['Cross-Origin-Resource-Policy']).toBe('same-origin');
    for (const feature of ['camera', 'microphone', 'geolocation', 'browsing-topics', 'payment', 'usb']) {
      expect(shared!.values['Permissions-Policy']).toContain(`${feature}=()`);
    }
    expect(shared!.values['Permissions-Policy']!.split(', ')).toHaveLength(DENIED_FEATURES.length);
  });

  it('gives every other rule a strict policy, no-referrer and same-origin opener policy, except /admin/', () => {
    for (const rule of rules.slice(1)) {
      const isAdmin = rule.for.toLowerCase().startsWith('/admin');
      expect(
        Object.keys(rule.values).some((name) => SHARED.includes(name)),
        `${rule.for} repeats a shared header`,
      ).toBe(false);
      const policy = parsePolicy(rule.values['Content-Security-Policy']!);
      expect(policy.get('default-src'), rule.for).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), rule.for).toEqual(["'none'"]);
      expect(policy.get('base-uri'), rule.for).toEqual(["'none'"]);
      expect(policy.has('upgrade-insecure-requests'), rule.for).toBe(true);
      if (isAdmin) continue;
      const value = rule.values['Content-Security-Policy']!;
      expect(value, rule.for).not.toMatch(/(^|\s)'unsafe-(inline|eval|hashes)'|\*|https?:|blob:/);
      // Only the search page shows a data: image (Pagefind's search icon).
      expect(policy.get('img-src'), rule.for).toEqual(rule.for.startsWith('/zoeken') ? ["'self'", 'data:'] : ["'self'"]);
      expect(policy.get('style-src'), rule.for).toEqual(["'self'"]);
      expect(rule.values['Referrer-Policy'], rule.for).toBe('no-referrer');
      expect(rule.values['Cross-Origin-Opener-Policy'], rule.for).toBe('same-origin');
    }
  });

  it('allows scripts only where a page loads one, and WebAssembly only for search', () => {
    for (const urlPath of ['/', '/nieuws/', '/agenda/', '/agenda/borrel/', '/groepen/moestuin/', '/wie-helpt/', '/over-de-buurt/', '/404.html']) {
      const policy = cspOf(urlPath);
      expect(policy.has('script-src'), urlPath).toBe(false);
      // Same-origin fetches only (no script can make one here): Lighthouse reads /robots.txt this way.
      expect(policy.get('connect-src'), urlPath).toEqual(["'self'"]);
      // Every page has the header's search form, which sends a GET to /zoeken/ on the same origin.
      expect(policy.get('form-action'), urlPath).toEqual(["'self'"]);
    }
    const search = cspOf('/zoeken/');
    expect(search.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(search.get('connect-src')).toEqual(["'self'"]);
    expect(search.get('form-action')).toEqual(["'self'"]);
    // Pagefind's web worker runs under the policy of its own script's response.
    const worker = cspOf('/pagefind/pagefind-worker.js');
    expect(worker.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(worker.get('connect-src')).toEqual(["'self'"]);
  });

  it('gives /admin/ its own policy for Decap CMS, never cached, and no public page that policy', () => {
    for (const urlPath of ['/admin', '/admin/', '/admin/index.html', '/admin/config.yml', '/admin/decap-cms.js', '/admin/1234.decap-cms.js']) {
      const headers = headersForPath(rules, urlPath);
      expect(headers['Cache-Control'], urlPath).toBe('no-store');
      expect(headers['Cross-Origin-Opener-Policy'], urlPath).toBe('same-origin-allow-popups');
      expect(headers['X-Robots-Tag'], urlPath).toBe('noindex, nofollow');
      const policy = cspOf(urlPath);
      expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-eval'"]);
      expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy.get('connect-src')).toEqual(["'self'", 'blob:', 'https://api.github.com']);
    }
    for (const urlPath of ['/administratie/', '/admins', '/a/', '/adminx/index.html']) {
      expect(headersForPath(rules, urlPath)['Content-Security-Policy'] ?? '', urlPath).not.toContain('unsafe');
    }
  });

  it('sets every header exactly once for every built path and for unknown pages in every section', () => {
    const urlPaths = [...new Set([...files.flatMap(urlPathsOf), ...probePaths(files)])];
    expect(urlPaths).toContain('/agenda.ics');
    expect(urlPaths).toContain('/admin/');
    expect(verifyHeaderRules(rules, urlPaths)).toEqual([]);
    for (const urlPath of urlPaths) {
      const csps = matchingRules(rules, urlPath).filter((rule) => 'Content-Security-Policy' in rule.values);
      expect(csps, urlPath).toHaveLength(1);
    }
  });

  it('caches hashed bundles and photos for good, and nothing else', () => {
    const astro = files.find((f) => f.startsWith('_astro/'))!;
    const foto = files.find((f) => f.startsWith('_fotos/'))!;
    expect(headersForPath(rules, `/${astro}`)['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(headersForPath(rules, `/${foto}`)['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(headersForPath(rules, '/nieuws/')['Cache-Control']).toBeUndefined();
  });
});

describe('the rule patterns', () => {
  it('use a splat only where no other top-level name starts with the section’s name', () => {
    expect(sectionPatterns('nieuws', true, 2, ['nieuws', 'agenda', 'admin'])).toEqual(['/nieuws/*']);
    expect(sectionPatterns('agenda', true, 2, ['agenda', 'agenda.ics', 'admin'])).toEqual(['/agenda', '/agenda/:p1', '/agenda/:p1/:p2', '/agenda/:p1/:p2/:p3']);
    expect(sectionPatterns('a', true, 1, ['a', 'admin'])).toEqual(['/a', '/a/:p1', '/a/:p1/:p2']);
    expect(sectionPatterns('rss.xml', false, 0, [])).toEqual(['/rss.xml']);
    expect(sectionPatterns('', true, 0, [])).toEqual(['/', '/index.html']);
  });

  it('are proven sound by the verifier, which catches a catch-all policy that also reaches /admin/', async () => {
    const sound = await computeHeaderRules({
      domain: 'https://x.nl',
      platform: { hstsPreload: [] },
      files: ['index.html', 'agenda/index.html', 'agenda.ics'],
      readHtml: async () => '<p>hoi</p>',
    });
    const file = path.join(workspace.root, 'catch-all_headers');
    const catchAll = { for: '/*', values: { 'Content-Security-Policy': "default-src 'self'" } };
    await writeFile(file, formatHeadersFile([...sound, catchAll], 'test'));
    const problems = verifyHeaderRules(await readHeaderRules(file), ['/agenda/', '/agenda.ics', '/admin/']);
    expect(problems.map(formatHeaderProblem)).toEqual([
      '/agenda/: Content-Security-Policy is set by 2 rules (/agenda, /*); a response may carry it only once',
      '/agenda.ics: Content-Security-Policy is set by 2 rules (/agenda.ics, /*); a response may carry it only once',
      '/admin/: Content-Security-Policy is set by 2 rules (/admin, /*); a response may carry it only once',
    ]);
    await writeFile(file, formatHeadersFile(sound, 'test'));
    expect(verifyHeaderRules(await readHeaderRules(file), ['/agenda/', '/agenda.ics', '/admin/'])).toEqual([]);
  });

  it('are the same from needs read earlier as from the pages themselves, with the site’s fonts', async () => {
    const dir = path.join(workspace.root, 'early');
    const pages: Record<string, string> = {
      'index.html': '<p>hoi</p>',
      'zoeken/index.html': '<form action="/zoeken/"></form><script type="module" src="/_astro/zoek.js"></script>',
      'nieuws/a/index.html': '<script type="application/ld+json">{}</script>',
    };
    for (const [file, html] of Object.entries(pages)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), html);
    }
    const input = { domain: 'https://x.nl', platform: { hstsPreload: [] }, files: [...Object.keys(pages), '_astro/letter.woff2'] };
    const fromPages = await computeHeaderRules({ ...input, readHtml: async (file) => pages[file]! });
    const early = readPageNeeds(dir, Object.keys(pages));
    const fromEarly = await computeHeaderRules({ ...input, readHtml: () => Promise.reject(new Error('read again')), knownNeeds: (file) => early.get(file) });
    expect(fromEarly).toEqual(fromPages);
    expect(JSON.stringify(fromEarly)).toContain('font-src');
    expect(fromEarly.find((rule) => rule.for === '/zoeken/*')?.values['Content-Security-Policy']).toContain("'wasm-unsafe-eval'");
  });

  it('send preload only for domains listed in the platform settings', async () => {
    const input = { files: ['index.html'], readHtml: async () => '', cms: undefined };
    const plain = await computeHeaderRules({ ...input, domain: 'https://a.nl', platform: { hstsPreload: ['b.nl'] } });
    const preloaded = await computeHeaderRules({ ...input, domain: 'https://b.nl', platform: { hstsPreload: ['b.nl'] } });
    expect(plain[0]!.values['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(preloaded[0]!.values['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains; preload');
  });
});

describe('the privacy statement template', () => {
  it('builds as the buurt’s privacy page and says who hosts, what is logged and how to ask for removal', async () => {
    const $ = await builtSite(outDir).page('/privacy/');
    expect($('h1').text()).toBe('Privacyverklaring');
    const text = $('main').text();
    for (const needed of [
      'Netlify',
      'GitHub',
      'IP-adres',
      'logbestanden',
      'Geen cookies',
      'contactadres',
      'oude versies',
      'binnen een maand',
      'Autoriteit Persoonsgegevens',
    ]) {
      expect(text, needed).toContain(needed);
    }
    expect($('footer a[href="/privacy/"]').length).toBe(1);
  });
});

describe('the built HTML fits the policy', () => {
  it('has no inline style, style attribute or inline script other than JSON-LD on any page', async () => {
    const site = builtSite(outDir);
    const pages = await site.pages();
    expect(pages.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const urlPath of pages) {
      if (urlPath.startsWith('/admin/')) continue;
      const $ = cheerio.load(await readFile(path.join(outDir, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath), 'utf8'));
      $('style').each(() => void found.push(`${urlPath}: <style>`));
      $('[style]').each((_, el) => void found.push(`${urlPath}: style="${$(el).attr('style')}" on <${(el as { tagName: string }).tagName}>`));
      $('script').each((_, el) => {
        const type = $(el).attr('type') ?? '';
        if (!$(el).attr('src') && type !== 'application/ld+json') found.push(`${urlPath}: inline <script${type ? ` type="${type}"` : ''}>`);
      });
      $('*').each((_, el) => {
        for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) {
          if (/^on/i.test(name)) found.push(`${urlPath}: ${name}= on <${(el as { tagName: string }).tagName}>`);
        }
      });
      $('[href^="javascript:" i], [src^="javascript:" i]').each(() => void found.push(`${urlPath}: javascript: URL`));
    }
    expect(found).toEqual([]);
  });
});
