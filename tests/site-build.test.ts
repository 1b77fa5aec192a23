/**
 * The foundation end to end: a fixture buurt written here is built by the real `buildSite` (Astro in its own
 * process) and its HTML is read with a real parser.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import sharp from 'sharp';
import { buildSite, compileCacheDir } from '../scripts/platform/build/build.ts';
import { baseSiteYaml, builtSite, createWorkspace, markdown, type BuiltSite, type Workspace } from './helpers/fixtures.ts';

const NOW = '2026-03-10T12:00';
let workspace: Workspace;
let site: BuiltSite;
let other: BuiltSite;

function newsFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 24; i++) {
    const day = String(i).padStart(2, '0');
    files[`content/nieuws/bericht-${day}.md`] = markdown(
      { title: `Bericht ${i} <b>niet vet</b>`, date: `2026-02-${day}`, summary: `Samenvatting ${i}.` },
      `Tekst van bericht ${i}.`,
    );
  }
  files['content/nieuws/concept.md'] = markdown({ title: 'Geheim concept', date: '2026-02-01', summary: 'Nog niet af.', draft: true });
  files['content/nieuws/toekomst.md'] = markdown({ title: 'Bericht van volgende week', date: '2026-03-17', summary: 'Later.' });
  files['content/nieuws/gepland.md'] = markdown({ title: 'Gepland bericht', date: '2026-03-01', publishAt: '2026-03-11T08:00', summary: 'Morgen.' });
  return files;
}

beforeAll(async () => {
  // This file tests a build's own compile cache in the buurt's cache folder, not the run's (vitest.config.ts).
  delete process.env.NODE_COMPILE_CACHE;
  workspace = await createWorkspace();
  const photo = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
  await workspace.writeBuurt('oost', {
    'site.yaml': stringify({
      ...baseSiteYaml,
      name: 'Oostbuurt',
      domain: 'https://oostbuurt.nl',
      menu: ['agenda', 'nieuws', 'groepen', 'wie-helpt', 'over-de-buurt'],
    }),
    'media/tuin.jpg': photo,
    ...newsFiles(),
    'content/agenda/buurtborrel.md': markdown(
      {
        title: 'Buurtborrel',
        start: '2026-03-14T10:00',
        end: '2026-03-14T12:00',
        location: { name: 'Buurthuis De Kroon', address: 'Kroonstraat 12' },
        summary: 'Proosten op de lente.',
        group: 'moestuin',
        image: { src: '../../media/tuin.jpg', alt: 'De tuin' },
      },
      'Iedereen is welkom.',
    ),
    'content/agenda/koffie.md': markdown({
      title: 'Koffieochtend',
      start: '2026-01-06T10:00',
      end: '2026-01-06T11:30',
      location: { name: 'Buurthuis' },
      summary: 'Elke dinsdag koffie.',
      recurrence: { frequency: 'weekly', until: '2026-04-28' },
    }),
    'content/agenda/zomerfeest.md': markdown({ title: 'Zomerfeest', start: '2026-07-04', allDay: true, location: { name: 'Park' }, summary: 'Feest.' }),
    'content/agenda/nieuwjaar.md': markdown({
      title: 'Nieuwjaarsborrel',
      start: '2026-01-10T16:00',
      end: '2026-01-10T18:00',
      location: { name: 'Buurthuis' },
      summary: 'Al geweest.',
    }),
    'content/agenda/verborgen.md': markdown({
      title: 'Verborgen activiteit',
      start: '2026-04-01T10:00',
      location: { name: 'X' },
      summary: 'Concept.',
      draft: true,
    }),
    'content/groepen/moestuin.md': markdown(
      { name: 'Buurtmoestuin', summary: 'Samen groente kweken.', topics: ['tuinieren'], meets: 'Elke zaterdag', contact: { email: 'moestuin@oostbuurt.nl' } },
      'Kom langs.',
    ),
    'content/mensen/anna.md': markdown({ name: 'Anna de Vries', role: 'buurtverbinder', topics: ['eenzaamheid', 'klussen'] }, 'Ik help graag.'),
    'content/mensen/bram.md': markdown({ name: 'Bram Jansen', role: 'wijkprofessional', organisation: 'Wijkteam', topics: ['geldzaken', 'eenzaamheid'] }),
    'content/paginas/welkom.md': markdown({ title: 'Welkom in de Oostbuurt', summary: 'Home.' }, 'Fijn dat je er bent.'),
    'content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: 'Wie we zijn.' }, '### Geschiedenis\n\nOud.\n\n##### Details\n\nMeer.'),
  });
  await workspace.writeBuurt('west', {
    'site.yaml': stringify({ ...baseSiteYaml, name: 'Westbuurt', domain: 'https://westbuurt.nl', colors: { primary: '#2e6b30', accent: '#e07b00' } }),
    'content/paginas/welkom.md': markdown({ title: 'Welkom in het westen', summary: 'Home.' }),
  });
  const [a, b] = await Promise.all([buildSite('oost', { env: { BUURT_NOW: NOW } }), buildSite('west', { env: { BUURT_NOW: NOW } })]);
  site = builtSite(a.outDir);
  other = builtSite(b.outDir);
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('home page', () => {
  it('shows the intro, the next activities and the latest news', async () => {
    const $ = await site.page('/');
    expect($('html').attr('lang')).toBe('nl');
    expect($('h1').text()).toBe('Welkom in de Oostbuurt');
    expect($('title').text()).toBe('Oostbuurt – Een buurt om mee te testen');
    expect(
      $('#binnenkort')
        .parent()
        .find('.card-title')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Buurtborrel', 'Koffieochtend', 'Zomerfeest']);
    expect($('#nieuws').parent().find('.card-title').first().text()).toBe('Bericht 24 <b>niet vet</b>');
  });

  it('lists the menu in the order of site.yaml', async () => {
    const $ = await site.page('/');
    expect(
      $('.site-nav a')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Home', 'Agenda', 'Nieuws', 'Groepen', 'Wie helpt?', 'Over de buurt']);
  });
});

describe('news', () => {
  it('shows 10 items per page with numbered pagination', async () => {
    const $ = await site.page('/nieuws/');
    expect($('.news')).toHaveLength(10);
    expect(
      $('.pagination a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(['/nieuws/', '/nieuws/pagina/2/', '/nieuws/pagina/3/', '/nieuws/pagina/2/']);
    expect($('.pagination a[aria-current="page"]').text()).toBe('1');
    const $3 = await site.page('/nieuws/pagina/3/');
    expect($3('.news')).toHaveLength(4);
    expect($3('h1').text()).toBe('Nieuws, pagina 3 van 3');
  });

  it('never builds drafts and hides items until their date', async () => {
    expect(await site.has('/nieuws/concept/')).toBe(false);
    expect(await site.has('/nieuws/toekomst/')).toBe(false);
    expect(await site.has('/nieuws/gepland/')).toBe(false);
    const all = (await Promise.all((await site.pages()).map(async (p) => (await site.page(p)).html()))).join('\n');
    expect(all).not.toContain('Geheim concept');
    expect(all).not.toContain('Bericht van volgende week');
  });

  it('shows a news item with its Dutch date and escaped title', async () => {
    const $ = await site.page('/nieuws/bericht-05/');
    expect($('h1').text()).toBe('Bericht 5 <b>niet vet</b>');
    expect($('h1 b')).toHaveLength(0);
    expect($('.meta time').text()).toBe('5 februari 2026');
    expect($('.meta time').attr('datetime')).toBe('2026-02-05T00:00:00+01:00');
  });
});

describe('agenda', () => {
  it('shows one-off activities by week and month and each recurring one once, with Dutch dates and times', async () => {
    const $ = await site.page('/agenda/');
    expect(
      $('.agenda-section h2')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Deze week', 'juli 2026', 'Vaste activiteiten']);
    const line = (title: string) => $('.agenda-line').filter((_, el) => $(el).find('a').text() === title);
    expect(line('Buurtborrel').find('.when').text()).toBe('za 14 maart, 10:00–12:00');
    expect(line('Zomerfeest').find('.when').text()).toBe('za 4 juli');
    expect(line('Koffieochtend').length).toBe(1);
    expect(line('Koffieochtend').find('.rhythm').text()).toBe('Elke dinsdag 10:00–11:30 · Buurthuis · volgende keer 17 maart · t/m 28 april 2026');
    expect($.html()).not.toContain('Nieuwjaarsborrel');
    expect($.html()).not.toContain('Verborgen activiteit');
  });

  it('lists every date of the month on the month page, with summer time right after the clocks change', async () => {
    const $ = await site.page('/agenda/2026/03/');
    const times = $('.agenda-line')
      .filter((_, el) => $(el).find('a').text() === 'Koffieochtend')
      .find('time')
      .map((_, el) => $(el).attr('datetime'))
      .get();
    expect(times).toEqual(['2026-03-17T10:00:00+01:00', '2026-03-24T10:00:00+01:00', '2026-03-31T10:00:00+02:00']);
  });

  it('puts past activities in the archive', async () => {
    const $ = await site.page('/agenda/archief/');
    expect(
      $('.card-title')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Nieuwjaarsborrel']);
    expect($('.when').text()).toBe('za 10 januari 2026, 16:00–18:00');
  });

  it('gives every activity its own page with where, when and organiser', async () => {
    const $ = await site.page('/agenda/buurtborrel/');
    expect($('h1').text()).toBe('Buurtborrel');
    expect($('.facts').text()).toContain('za 14 maart 2026, 10:00–12:00');
    expect($('.facts').text()).toContain('Kroonstraat 12');
    expect($('.facts a[href="/groepen/moestuin/"]').text()).toBe('Buurtmoestuin');
    expect(await site.has('/agenda/verborgen/')).toBe(false);
    const $koffie = await site.page('/agenda/koffie/');
    expect($koffie('.facts').text()).toContain('Elke dinsdag, t/m 28 april 2026');
    expect($koffie('.facts').text()).toContain('di 17 maart 2026, 10:00–11:30');
    expect($koffie('.dates li').first().text()).toBe('di 24 maart 2026, 10:00–11:30');
  });

  it('publishes photos resized, never the original', async () => {
    const $ = await site.page('/agenda/buurtborrel/');
    const img = $('.hero img');
    expect(img.attr('alt')).toBe('De tuin');
    expect(img.attr('width')).toBe('1600');
    expect(img.attr('height')).toBe('800');
    expect($('.hero source[type="image/webp"]').attr('srcset')).toMatch(/-480\.webp 480w, .*-960\.webp 960w, .*-1600\.webp 1600w$/);
    const files = (await (await import('node:fs/promises')).readdir(site.dir, { recursive: true })).map(String);
    expect(files.some((f) => f.endsWith('tuin.jpg'))).toBe(false);
    const src = img.attr('src')!;
    const meta = await sharp(await readFile(path.join(site.dir, src))).metadata();
    expect(meta.width).toBe(960);
  });
});

describe('groups, people and pages', () => {
  it('lists groups and shows their contact', async () => {
    const $ = await site.page('/groepen/moestuin/');
    expect($('h1').text()).toBe('Buurtmoestuin');
    expect($('a[href="mailto:moestuin@oostbuurt.nl"]')).toHaveLength(1);
    expect($('#activiteiten').parent().find('.card-title').text()).toBe('Buurtborrel');
  });

  it('makes helpers findable by topic', async () => {
    const $ = await site.page('/wie-helpt/');
    expect(
      $('#onderwerpen')
        .parent()
        .find('.topics a')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['eenzaamheid (2)', 'geldzaken (1)', 'klussen (1)']);
    const $topic = await site.page('/wie-helpt/onderwerp/eenzaamheid/');
    expect($topic('h1').text()).toBe('Hulp bij eenzaamheid');
    expect(
      $topic('.card-title')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['Anna de Vries', 'Bram Jansen']);
  });

  it('builds free pages with headings numbered from h2 under the page title', async () => {
    const $ = await site.page('/over-de-buurt/');
    expect($('h1')).toHaveLength(1);
    expect($('.prose h2#geschiedenis').text()).toBe('Geschiedenis');
    expect($('.prose h3#details').text()).toBe('Details');
    expect(await site.has('/welkom/')).toBe(false);
  });

  it('has a helpful Dutch 404 page', async () => {
    const $ = await site.page('/404.html');
    expect($('h1').text()).toBe('Deze pagina bestaat niet (meer)');
    expect($('main a[href="/"]')).toHaveLength(1);
  });
});

describe('the whole site', () => {
  it('has no internal link to a page that was not built', async () => {
    const broken: string[] = [];
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      for (const href of $('a[href^="/"]')
        .map((_, el) => $(el).attr('href'))
        .get()) {
        const target = href.split('#')[0]!;
        if (!(await site.has(target))) broken.push(`${pagePath} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('loads nothing from another origin', async () => {
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      const external = $('[src], link[href]')
        .map((_, el) => $(el).attr('src') ?? $(el).attr('href'))
        .get()
        .filter((url) => /^(https?:)?\/\//.test(url) && !url.startsWith('https://oostbuurt.nl/'));
      expect(external, pagePath).toEqual([]);
    }
  });

  it("keeps Astro's compiled modules for the next build", async () => {
    const compileCache = path.join(workspace.cacheDir, 'node-compile-cache');
    expect(compileCacheDir()).toBe(compileCache);
    const [version] = await readdir(compileCache);
    expect(version).toMatch(/^v\d+/);
    expect((await readdir(path.join(compileCache, version!))).length).toBeGreaterThan(500);
  });

  it('builds a second buurt independently with its own name and colours', async () => {
    const $ = await other.page('/');
    expect($('.site-name .name').text()).toBe('Westbuurt');
    expect($('link[rel="canonical"]').attr('href')).toBe('https://westbuurt.nl/');
    const css = await readFile(path.join(other.dir, $('link[rel="stylesheet"]').attr('href')!), 'utf8');
    expect(css).toContain('--c-primary:#2e6b30');
    const oostCss = await readFile(path.join(site.dir, (await site.page('/'))('link[rel="stylesheet"]').attr('href')!), 'utf8');
    expect(oostCss).toContain('--c-primary:#1d5c8c');
  });
});
