/**
 * /admin/ in a built site: Decap CMS served from the site itself, a page with external scripts only, the
 * generated config with the production backend from site.yaml, and resident pages that never load the CMS.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildSite } from '../scripts/platform/build/build.ts';
import { decapDistDir } from '../src/cms/admin-files.ts';
import { headersForPath, readHeaderRules } from '../src/headers/netlify-headers.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

let workspace: Workspace;
let dist: string;

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.writeBuurt('oost', {
    'site.yaml': stringify({
      ...baseSiteYaml,
      name: 'Oostbuurt <&>',
      domain: 'https://oostbuurt.nl',
      colors: { primary: '#2e6b30', accent: '#e07b00' },
      menu: ['nieuws', 'agenda', 'over-de-buurt'],
      cms: { backend: 'github', repo: 'buurten/oost', base_url: 'https://oauth.oostbuurt.nl' },
    }),
    'content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Home.' }),
    'content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: 'Wie we zijn.' }),
    'content/nieuws/eerste.md': markdown({ title: 'Eerste', date: '2026-01-02', summary: 'Het begin.' }),
  });
  dist = (await buildSite('oost', { env: { BUURT_NOW: '2026-03-01T12:00' } })).outDir;
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('/admin/ in a built site', () => {
  it('serves Decap CMS from the site itself: the bundle, its chunks and WebAssembly, no source maps', async () => {
    const files = await readdir(path.join(dist, 'admin'));
    const decap = (await readdir(decapDistDir())).filter((f) => /^(\d+\.)?decap-cms\.js$|\.wasm$/.test(f));
    expect(decap.length).toBeGreaterThan(10);
    for (const name of decap) expect(files, name).toContain(name);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'config.yml', 'buurt-admin.js', 'buurt-admin-store.js', 'admin.css', 'preview.css']));
    const [served, packaged] = await Promise.all([readFile(path.join(dist, 'admin/decap-cms.js')), readFile(path.join(decapDistDir(), 'decap-cms.js'))]);
    expect(served.equals(packaged)).toBe(true);
  });

  it('has a page with only external scripts, so a CSP without inline scripts holds', async () => {
    const $ = cheerio.load(await readFile(path.join(dist, 'admin/index.html'), 'utf8'));
    expect($('html').attr('lang')).toBe('nl');
    expect(
      $('script')
        .map((_, el) => $(el).attr('src'))
        .get(),
    ).toEqual(['/admin/buurt-admin-store.js', '/admin/decap-cms.js', '/admin/buurt-admin.js']);
    expect($('script').filter((_, el) => $(el).text().trim() !== '').length).toBe(0);
    expect($('[style]').length + $('style').length).toBe(0);
    expect($('link[rel="cms-config-url"]').attr('href')).toBe('/admin/config.yml');
    expect($('meta[name="buurt-name"]').attr('content')).toBe('Oostbuurt <&>');
    expect($('meta[name="robots"]').attr('content')).toContain('noindex');
  });

  it('holds the generated config with the production backend from site.yaml', async () => {
    const config = parse(await readFile(path.join(dist, 'admin/config.yml'), 'utf8'));
    expect(config.backend).toMatchObject({ name: 'github', repo: 'buurten/oost', branch: 'main', base_url: 'https://oauth.oostbuurt.nl' });
    expect(config.backend.commit_messages.create).toBe('{{collection}} “{{slug}}” toegevoegd (oost)');
    expect(config).toMatchObject({ locale: 'nl', publish_mode: 'editorial_workflow', site_url: 'https://oostbuurt.nl' });
    expect(config.collections.map((c: { name: string }) => c.name)).toEqual(['nieuws', 'agenda', 'groepen', 'mensen', 'paginas', 'prikbord', 'instellingen']);
  });

  it('styles the previews with the site’s stylesheet and the buurt’s colours', async () => {
    const css = await readFile(path.join(dist, 'admin/preview.css'), 'utf8');
    expect(css).toContain('--c-primary:#2e6b30');
    expect(css).toContain('.site-header');
    const script = await readFile(path.join(dist, 'admin/buurt-admin.js'), 'utf8');
    expect(script).toContain('/admin/preview.css');
    expect(script).toContain('Ter beoordeling');
  });

  it('never loads the CMS on resident pages', async () => {
    const pages = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith('admin'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const $ = cheerio.load(await readFile(path.join(dist, page), 'utf8'));
      const refs = $('script[src], link[href]')
        .map((_, el) => $(el).attr('src') ?? $(el).attr('href'))
        .get();
      expect(
        refs.filter((r) => /admin|decap/i.test(r)),
        page,
      ).toEqual([]);
    }
  });
});

describe('/admin/handleiding/ in a built site', () => {
  it('has a page per chapter, in Dutch, not indexed, with only links inside the handleiding and the admin', async () => {
    const { CHAPTER_ORDER, chapterUrl } = await import('../src/cms/handleiding.ts');
    for (const file of CHAPTER_ORDER) {
      const url = chapterUrl(file);
      const $ = cheerio.load(await readFile(path.join(dist, url, 'index.html'), 'utf8'));
      expect($('html').attr('lang'), url).toBe('nl');
      expect($('meta[name="robots"]').attr('content'), url).toBe('noindex, nofollow');
      expect($('script').length, url).toBe(0);
      for (const el of $('a[href], img[src], link[href]').toArray()) {
        const ref = $(el).attr('href') ?? $(el).attr('src')!;
        const target = new URL(ref, `https://oostbuurt.nl${url}`);
        expect(target.origin, `${url} → ${ref}`).toBe('https://oostbuurt.nl');
        expect(target.pathname.startsWith('/admin/'), `${url} → ${ref}`).toBe(true);
        if (target.pathname !== '/admin/') {
          const file = target.pathname.endsWith('/') ? path.join(dist, target.pathname, 'index.html') : path.join(dist, target.pathname);
          await expect(readFile(file), `${url} → ${ref}`).resolves.toBeTruthy();
        }
      }
    }
  });

  it('gets the admin’s headers, like every file under /admin/', async () => {
    const rules = await readHeaderRules(path.join(dist, '_headers'));
    for (const url of ['/admin/handleiding/', '/admin/handleiding/fotos/', '/admin/handleiding/img/redactie.png', '/admin/rapport/']) {
      const headers = Object.fromEntries(Object.entries(headersForPath(rules, url)).map(([k, v]) => [k.toLowerCase(), v]));
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, url).toContain("form-action 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
    }
  });
});

describe('/admin/rapport/ in a built site', () => {
  it('says in Dutch why there is no report when the build has no git history', async () => {
    const $ = cheerio.load(await readFile(path.join(dist, 'admin/rapport/index.html'), 'utf8'));
    expect($('html').attr('lang')).toBe('nl');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex, nofollow');
    expect($('h1').text()).toBe('Hoe levendig is Oostbuurt <&>?');
    expect($('main').text()).toContain('geschiedenis van de wijzigingen nodig');
  });
});
