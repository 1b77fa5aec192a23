/**
 * What search engines, link previews and harvesters see in a built buurt: titles, descriptions, Open Graph
 * images, schema.org JSON-LD (parsed as JSON), share links, the search markup, and that personal e-mail
 * addresses appear in no file in any trivial form. The fixture is tests/fixtures/reader-features/.
 */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CheerioAPI } from 'cheerio';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../src/outputs/search-index.ts';
import { createWorkspace, type BuiltSite, type Workspace } from './helpers/fixtures.ts';
import { buildReaderFixture, READER_ORIGIN } from './helpers/reader-fixture.ts';

let workspace: Workspace;
let site: BuiltSite;

beforeAll(async () => {
  workspace = await createWorkspace();
  site = await buildReaderFixture(workspace);
});

afterAll(async () => {
  await workspace?.dispose();
});

type Json = Record<string, any>;

/** What a search result shows of a page in a Pagefind index, and the photo Pagefind took from it, if any. */
interface Fragment {
  shown: { content: string; words: number; title: string; soort: string };
  image: string | undefined;
}

/** The fragments of a Pagefind index, by URL. */
async function fragments(indexDir: string): Promise<Map<string, Fragment>> {
  const found = new Map<string, Fragment>();
  for (const name of await readdir(path.join(indexDir, 'fragment'))) {
    // Gzipped JSON behind Pagefind's 12-byte signature.
    const json = JSON.parse(
      gunzipSync(await readFile(path.join(indexDir, 'fragment', name)))
        .toString('utf8')
        .slice(12),
    ) as Json;
    found.set(json.url, { shown: { content: json.content, words: json.word_count, title: json.meta.title, soort: json.meta.soort }, image: json.meta.image });
  }
  return found;
}

/** Every JSON-LD block of a page, parsed. */
function jsonLd($: CheerioAPI): Json[] {
  return $('script[type="application/ld+json"]')
    .map((_, el) => JSON.parse($(el).text()) as Json)
    .get();
}

const meta = ($: CheerioAPI, key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');

/** The print pages (the wijkkrant and posters): made for paper, not indexed, without the site's menu and search. */
const isPrintPage = (pagePath: string) => pagePath.startsWith('/krant/') || pagePath.endsWith('/poster/');

describe('titles, descriptions and link previews', () => {
  it('gives every page a title, a description, a canonical address and a preview image that exists', async () => {
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      expect($('title'), pagePath).toHaveLength(1);
      expect($('title').text().trim(), pagePath).not.toBe('');
      expect(meta($, 'description')?.trim(), pagePath).toBeTruthy();
      if (isPrintPage(pagePath) || ['/meedoen/bedankt/', '/nieuwsbrief/bedankt/', '/nieuwsbrief/status/', '/prikbord/beheren/'].includes(pagePath)) {
        // Made for paper, or an answer to a form or a private link: kept out of search engines, no canonical address.
        expect(meta($, 'robots'), pagePath).toBe('noindex');
        expect($('link[rel="canonical"]'), pagePath).toHaveLength(0);
        continue;
      }
      if (pagePath === '/404.html') {
        // Served at every missing address: it has no address of its own to point search engines or previews at.
        expect($('link[rel="canonical"]'), pagePath).toHaveLength(0);
        expect(meta($, 'og:url'), pagePath).toBeUndefined();
      } else {
        expect($('link[rel="canonical"]').attr('href') ?? 'none', pagePath).toMatch(new RegExp(`^${READER_ORIGIN}/`));
        expect(meta($, 'og:url'), pagePath).toBe($('link[rel="canonical"]').attr('href'));
      }
      expect(meta($, 'og:title'), pagePath).toBeTruthy();
      expect(meta($, 'og:description'), pagePath).toBe(meta($, 'description'));
      expect(meta($, 'twitter:card'), pagePath).toBe('summary_large_image');
      const image = meta($, 'og:image')!;
      expect(image, pagePath).toMatch(new RegExp(`^${READER_ORIGIN}/`));
      expect(meta($, 'twitter:image'), pagePath).toBe(image);
      expect(meta($, 'og:image:alt'), pagePath).toBeTruthy();
      const file = path.join(site.dir, new URL(image).pathname);
      const size = await sharp(await readFile(file)).metadata();
      expect([String(size.width), String(size.height)], pagePath).toEqual([meta($, 'og:image:width'), meta($, 'og:image:height')]);
      expect(size.format, pagePath).toBe('jpeg');
    }
  });

  it('uses the item’s own photo (its largest JPEG, 960 px), and the buurt’s generated image elsewhere', async () => {
    const $ = await site.page('/agenda/wandeling/');
    expect(meta($, 'og:image')).toMatch(new RegExp(`^${READER_ORIGIN}/_fotos/[0-9a-f]+-960\\.jpg$`));
    expect([meta($, 'og:image:width'), meta($, 'og:image:height'), meta($, 'og:image:alt')]).toEqual(['960', '576', 'Bomen in het Lindenpark']);
    const $news = await site.page('/nieuws/lente/');
    expect(meta($news, 'og:type')).toBe('article');
    expect(meta($news, 'article:published_time')).toBe('2026-03-01T09:00:00+01:00');
    const $home = await site.page('/');
    expect(meta($home, 'og:image')).toBe(`${READER_ORIGIN}/deelafbeelding.jpg`);
    expect([meta($home, 'og:image:width'), meta($home, 'og:image:height')]).toEqual(['1200', '630']);
    const $404 = await site.page('/404.html');
    expect(meta($404, 'robots')).toBe('noindex');
  });
});

describe('schema.org JSON-LD', () => {
  it('describes the buurt as Organization and WebSite with a search action on the home page', async () => {
    const [data] = jsonLd(await site.page('/'));
    expect(data!['@context']).toBe('https://schema.org');
    const graph: Json[] = data!['@graph'];
    const organization = graph.find((node) => node['@type'] === 'Organization')!;
    expect(organization).toMatchObject({ name: 'Lindenbuurt', url: `${READER_ORIGIN}/`, email: 'contact@lindenbuurt.nl' });
    expect(organization.sameAs).toEqual(['https://www.facebook.com/lindenbuurt', 'https://mastodon.nl/@lindenbuurt']);
    expect(organization.logo.url).toMatch(new RegExp(`^${READER_ORIGIN}/_fotos/`));
    const website = graph.find((node) => node['@type'] === 'WebSite')!;
    expect(website.url).toBe(`${READER_ORIGIN}/`);
    expect(website.potentialAction).toMatchObject({
      '@type': 'SearchAction',
      target: { urlTemplate: `${READER_ORIGIN}/zoeken/?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    });
  });

  it('describes a news item as NewsArticle', async () => {
    const [article] = jsonLd(await site.page('/nieuws/lente/'));
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Lente in de <buurt> & "meer"',
      description: 'De eerste bollen bloeien; </script> is geen probleem.',
      datePublished: '2026-03-01T09:00:00+01:00',
      mainEntityOfPage: `${READER_ORIGIN}/nieuws/lente/`,
      publisher: { '@type': 'Organization', name: 'Lindenbuurt' },
    });
    expect(article!.image[0]).toMatch(new RegExp(`^${READER_ORIGIN}/_fotos/[0-9a-f]+-960\\.jpg$`));
  });

  it('describes an activity as Event with place, times with offset, status, organiser and price', async () => {
    const [walk] = jsonLd(await site.page('/agenda/wandeling/'));
    expect(walk).toMatchObject({
      '@type': 'Event',
      name: 'Ochtendwandeling door het Lindenpark',
      url: `${READER_ORIGIN}/agenda/wandeling/`,
      startDate: '2026-03-14T10:00:00+01:00',
      endDate: '2026-03-14T12:00:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: 'Buurthuis De Linde',
        address: { '@type': 'PostalAddress', streetAddress: 'Lindelaan 12', postalCode: '1234 AB', addressLocality: 'Voorbeeld', addressCountry: 'NL' },
      },
      organizer: { '@type': 'Organization', name: 'Wandelclub De Linde', url: `${READER_ORIGIN}/groepen/wandelclub/` },
      offers: { '@type': 'Offer', price: '2.50', priceCurrency: 'EUR' },
    });
    expect(walk!.description).toBe('Een wandeling met koffie na afloop; "gezellig" & </script><script>alert(1)</script>, voor iedereen.');
    expect(walk!.image[0]).toMatch(new RegExp(`^${READER_ORIGIN}/_fotos/`));

    const [coffee] = jsonLd(await site.page('/agenda/koffie/'));
    expect(coffee).toMatchObject({
      startDate: '2026-03-17T10:00:00+01:00',
      isAccessibleForFree: true,
      organizer: { name: 'Wandelclub De Linde' },
      eventSchedule: {
        '@type': 'Schedule',
        repeatFrequency: 'P1W',
        byDay: 'https://schema.org/Tuesday',
        startTime: '10:00:00',
        endTime: '11:30:00',
        endDate: '2026-11-03',
        exceptDate: ['2026-04-07'],
        scheduleTimezone: 'Europe/Amsterdam',
      },
    });
    const [quiz] = jsonLd(await site.page('/agenda/quiz/'));
    expect(quiz).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled', organizer: { name: 'Lindenbuurt', url: `${READER_ORIGIN}/` } });
    const [party] = jsonLd(await site.page('/agenda/zomerfeest/'));
    expect([party!.startDate, party!.endDate]).toEqual(['2026-07-04', '2026-07-05']);
  });

  it('cannot be broken out of by content: no "<" inside any JSON-LD block', async () => {
    for (const pagePath of await site.pages()) {
      const html = await readFile(path.join(site.dir, pagePath.endsWith('/') ? `${pagePath}index.html` : pagePath), 'utf8');
      for (const [, block] of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        expect(block, pagePath).not.toMatch(/[<>]/);
      }
    }
    const $ = await site.page('/agenda/wandeling/');
    expect(
      $('script')
        .map((_, el) => $(el).attr('type'))
        .get(),
    ).toEqual(['application/ld+json']);
    expect($('.lead').text()).toContain('</script><script>alert(1)</script>');
  });
});

describe('sharing without tracking', () => {
  it('offers plain share links and the page address to copy on activities and news items', async () => {
    for (const pagePath of ['/agenda/wandeling/', '/nieuws/lente/']) {
      const $ = await site.page(pagePath);
      const url = `${READER_ORIGIN}${pagePath}`;
      const links = $('.share-links a')
        .map((_, el) => [[$(el).text(), $(el).attr('href')!]])
        .get() as unknown as [string, string][];
      expect(links.map(([text]) => text)).toEqual(['Deel via WhatsApp', 'Deel op Facebook', 'Stuur door per e-mail']);
      expect(links[0]![1]).toMatch(/^https:\/\/wa\.me\/\?text=/);
      expect(decodeURIComponent(links[0]![1])).toContain(url);
      expect(links[1]![1]).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`);
      expect(links[2]![1]).toMatch(/^mailto:\?subject=/);
      expect(decodeURIComponent(links[2]![1])).toContain(url);
      const field = $('.share input[readonly]');
      expect(field.attr('value')).toBe(url);
      expect($(`label[for="${field.attr('id')}"]`).text()).toBe('Of kopieer de link');
    }
  });

  it('loads nothing from anyone else and runs no script except on the search page and the newsletter form', async () => {
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      const loaded = $('[src], link[href]:not([rel="canonical"]):not([rel="alternate"])')
        .map((_, el) => $(el).attr('src') ?? $(el).attr('href'))
        .get();
      for (const url of loaded) expect(url, pagePath).toMatch(/^\/(?!\/)/);
      expect($('iframe, embed, object, style, [style]'), pagePath).toHaveLength(0);
      const scripts = $('script:not([type="application/ld+json"])');
      // Search runs Pagefind; the newsletter form its own proof-of-work widget (both from /_astro/).
      if (pagePath === '/zoeken/' || pagePath === '/nieuwsbrief/') {
        expect(scripts, pagePath).toHaveLength(1);
        expect(scripts.attr('src')).toMatch(/^\/_astro\/.+\.js$/);
        expect(scripts.text()).toBe('');
      } else {
        expect(scripts, pagePath).toHaveLength(0);
      }
    }
  });

  it('links to the buurt’s own channels in the footer', async () => {
    const $ = await site.page('/');
    expect(
      $('.site-footer a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(expect.arrayContaining(['https://www.facebook.com/lindenbuurt', 'https://mastodon.nl/@lindenbuurt']));
  });
});

describe('search', () => {
  it('has a plain search form on every page that leads to /zoeken/', async () => {
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      // The wijkkrant and posters are paper: no menu, no search form.
      if (isPrintPage(pagePath)) continue;
      const form = $('form[role="search"]');
      expect(form, pagePath).toHaveLength(1);
      expect([form.attr('action'), form.attr('method')], pagePath).toEqual(['/zoeken/', 'get']);
      const input = form.find('input[name="q"]');
      expect($(`label[for="${input.attr('id')}"]`).text(), pagePath).toBeTruthy();
    }
  });

  it('tells people without JavaScript where to look instead', async () => {
    const $ = await site.page('/zoeken/');
    expect($('h1').text()).toBe('Zoeken');
    const fallback = $('#zoeken-zonder-script');
    expect(fallback.text()).toContain('JavaScript');
    expect(
      fallback
        .find('a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(['/agenda/', '/nieuws/', '/groepen/', '/wie-helpt/']);
    expect($('#zoekstatus').attr('role')).toBe('status');
  });

  it('indexes only the content of items, never menus or footers, in Dutch', async () => {
    const indexed = ['/agenda/wandeling/', '/nieuws/lente/', '/groepen/wandelclub/', '/wie-helpt/anna/', '/over-de-buurt/'];
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      expect($('[data-pagefind-body] .site-nav, [data-pagefind-body] .site-footer, [data-pagefind-body] .site-search'), pagePath).toHaveLength(0);
    }
    for (const pagePath of indexed) expect((await site.page(pagePath))('[data-pagefind-body]'), pagePath).toHaveLength(1);
    for (const pagePath of ['/', '/agenda/', '/nieuws/', '/zoeken/']) expect((await site.page(pagePath))('[data-pagefind-body]'), pagePath).toHaveLength(0);
    const entry = JSON.parse(await readFile(path.join(site.dir, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toEqual(['nl']);
    // 6 activities, 2 news items, 2 groups, 2 people, 1 page, 2 live prikbord posts (the expired one is left out).
    expect(entry.languages.nl.page_count).toBe(15);
  });

  it('holds, page by page, what the built pages say (it is made from the content while they are rendered)', async () => {
    // The same pages indexed the slow way, from the written HTML, as a bare `astro build` does.
    const copy = await mkdtemp(path.join(tmpdir(), 'buurt-search-pages-'));
    try {
      await cp(site.dir, copy, { recursive: true, filter: (from) => path.basename(from) !== 'pagefind' });
      const fromPages = await fragments((await buildSearchIndex(copy)).outputPath);
      const fromContent = await fragments(path.join(site.dir, 'pagefind'));
      expect([...fromContent.keys()].sort()).toEqual([...fromPages.keys()].sort());
      for (const [url, fragment] of fromPages) expect(fromContent.get(url)?.shown, url).toEqual(fragment.shown);
      // Made from the content, not from the pages: Pagefind takes the first photo of a page it reads, and the
      // content's search documents have none (search results show no photos).
      expect([...fromPages.values()].filter((f) => f.image).length).toBeGreaterThan(0);
      expect([...fromContent.values()].filter((f) => f.image)).toEqual([]);
      // What a page marks as not for search stays out, such as a group's contact details.
      expect(fromContent.get('/groepen/wandelclub/')?.shown.content).not.toContain('Contact');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('keeps the tags of an item apart as words', async () => {
    const $ = await site.page('/groepen/wandelclub/');
    const tags = $('.tags .tag')
      .map((_, el) => $(el).text())
      .get();
    expect(tags.length).toBeGreaterThan(1);
    expect($('.tags').text()).toContain(tags.join(' '));
  });
});

describe('the prikbord', () => {
  it('lists live posts newest first with counts per kind and category, and a page per kind, category and post', async () => {
    const $ = await site.page('/prikbord/');
    expect(
      $('.prikbord-post .card-title a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/prikbord/hulp-met-tablet/', '/prikbord/fiets-te-leen/']);
    expect($('.prikbord-total').text()).toBe('2 oproepen');
    expect($('.prikbord-filters a[href="/prikbord/vraag/"]').text()).toBe('Vragen van buren (1)');
    expect($('.prikbord-filters a[href="/prikbord/categorie/vervoer/"]').text()).toBe('Vervoer (1)');
    expect($('.prikbord-filters a[href="/prikbord/categorie/tuin/"]').text()).toBe('Tuin (0)');
    const vraag = await site.page('/prikbord/vraag/');
    expect(vraag('.prikbord-post .card-title').text()).toBe('Wie helpt mij met mijn tablet?');
    expect((await site.page('/prikbord/categorie/tuin/'))('main').text()).toContain('Hier staan op dit moment geen oproepen.');
    const post = await site.page('/prikbord/fiets-te-leen/');
    expect(post('h1').text()).toBe('Bakfiets te leen');
    expect(post('.facts').text()).toContain('Joke');
    expect(post('.facts').text()).toContain('zondag 29 maart 2026');
    // This buurt takes no submissions: no reply form, the editors' address instead; reporting always works.
    expect(post('form[action="/prikbord/reageren"]')).toHaveLength(0);
    expect(post('.prikbord-reply a[href="mailto:contact@lindenbuurt.nl"]')).toHaveLength(1);
    expect(post('form[action="/prikbord/melden"] input[name=oproep]').attr('value')).toBe('fiets-te-leen');
    const home = await site.page('/');
    expect(home('#prikbord').text()).toBe('Op het prikbord');
    expect(home('.prikbord-post')).toHaveLength(2);
  });

  it('leaves an expired post out of every page, the sitemap and the search index, from the day after its last day', async () => {
    // READER_NOW is 2026-03-10 12:00: "hulp-met-tablet" has its last day today, "snoeischaar-gezocht" had it yesterday.
    expect(await site.has('/prikbord/hulp-met-tablet/')).toBe(true);
    expect(await site.has('/prikbord/snoeischaar-gezocht/')).toBe(false);
    for (const pagePath of await site.pages()) {
      const html = (await site.page(pagePath)).html();
      expect(html, pagePath).not.toContain('Snoeischaar');
    }
    expect(await readFile(path.join(site.dir, 'sitemap-0.xml'), 'utf8')).not.toContain('snoeischaar');
    const indexed = await fragments(path.join(site.dir, 'pagefind'));
    expect(indexed.get('/prikbord/fiets-te-leen/')?.shown.soort).toBe('Prikbord');
    expect([...indexed.keys()].filter((url) => url.includes('snoeischaar'))).toEqual([]);
  });
});

describe('personal data', () => {
  const personal = ['anna.devries@gmail.com', 'b.jansen@wijkteam-oost.nl'];

  /** The address in every trivial disguise a harvester undoes. */
  function disguises(email: string): string[] {
    const chars = [...email];
    return [
      email,
      chars.reverse().join(''),
      [...email].map((c) => `&#${c.charCodeAt(0)};`).join(''),
      [...email].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
      email.replace('@', '&#64;'),
      email.replace('@', '&#x40;'),
      email.replace('@', '&commat;'),
      email.replace('@', '%40'),
      email.replace('@', '\\u0040'),
      email.replace('@', ' [at] '),
      email.replace('@', ' (at) '),
      Buffer.from(email).toString('base64'),
      encodeURIComponent(email),
    ].map((s) => s.toLowerCase());
  }

  it('appears in no built file, in no trivial encoding, including the search index', async () => {
    const files = (await readdir(site.dir, { recursive: true })).map(String);
    let checked = 0;
    for (const name of files) {
      const file = path.join(site.dir, name);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        continue; // a folder
      }
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('utf8').toLowerCase();
      for (const email of personal) {
        for (const form of disguises(email)) expect(text.includes(form), `${name} holds ${form}`).toBe(false);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('is not readable as text by a parser that ignores style sheets', async () => {
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      const text = $('html').text().toLowerCase();
      for (const email of personal) expect(text, pagePath).not.toContain(email);
    }
  });

  it('is shown, heard and copied correctly on the person’s own page, without a mailto link', async () => {
    const $ = await site.page('/wie-helpt/anna/');
    const shown = $('.email-address').clone();
    shown.find('[hidden]').remove();
    expect(shown.text()).toBe('anna.devries@gmail.com');
    expect(
      $('a[href^="mailto:"]')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(['mailto:contact@lindenbuurt.nl']);
    expect($('a[href="tel:0612345678"]').text()).toBe('06 12345678');
    expect($('#contact').closest('[data-pagefind-ignore]')).toHaveLength(1);
  });

  it('is only shown where the content asks for it', async () => {
    for (const pagePath of await site.pages()) {
      const html = (await site.page(pagePath)).html();
      const where = pagePath === '/wie-helpt/anna/';
      // The wijkkrant lists who can help with the contact details the site already publishes (Anna's phone).
      const krant = pagePath.startsWith('/krant/');
      expect(html.includes('06 12345678'), pagePath).toBe(where || krant);
      if (!krant) expect(html.includes('email-address'), pagePath).toBe(where || pagePath === '/wie-helpt/bram/');
    }
  });

  it('keeps a group’s contact address a normal link (a group address is meant to be public)', async () => {
    const $ = await site.page('/groepen/wandelclub/');
    expect($('a[href="mailto:wandelclub@lindenbuurt.nl"]')).toHaveLength(1);
  });
});
