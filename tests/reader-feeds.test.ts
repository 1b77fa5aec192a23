/**
 * What residents' apps read from a built buurt: the iCalendar feeds (parsed with ical.js), the RSS feeds
 * (parsed with a real XML parser), the sitemap and robots.txt. The fixture is tests/fixtures/reader-features/.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type BuiltSite, type Workspace } from './helpers/fixtures.ts';
import { buildReaderFixture, READER_NOW, READER_ORIGIN } from './helpers/reader-fixture.ts';
import { monthRange } from '../src/listings/agenda.ts';
import { fromWallClock, parseAmsterdam } from '../src/dates/dates.ts';

let workspace: Workspace;
let site: BuiltSite;

beforeAll(async () => {
  workspace = await createWorkspace();
  site = await buildReaderFixture(workspace);
});

afterAll(async () => {
  await workspace?.dispose();
});

const read = (urlPath: string) => readFile(path.join(site.dir, urlPath), 'utf8');

/** Parses an iCalendar file with ical.js, registering its time zones. */
async function calendarAt(urlPath: string): Promise<{ text: string; component: ICAL.Component; events: ICAL.Event[] }> {
  const text = await read(urlPath);
  const component = new ICAL.Component(ICAL.parse(text));
  for (const zone of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { text, component, events: component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

function occurrencesOf(event: ICAL.Event, max = 200): string[] {
  const iterator = event.iterator();
  const result: string[] = [];
  for (let next = iterator.next(); next && result.length < max; next = iterator.next()) result.push(next.toJSDate().toISOString());
  return result;
}

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['item', 'url', 'sitemap', 'category'].includes(name) });

describe('the agenda as iCalendar feed', () => {
  it('lists every upcoming activity once, in order, with stable UIDs and a URL back to its page', async () => {
    const { events, component } = await calendarAt('/agenda.ics');
    expect(events.map((e) => e.uid)).toEqual([
      'wandeling@lindenbuurt.nl',
      'koffie@lindenbuurt.nl',
      'markt@lindenbuurt.nl',
      'quiz@lindenbuurt.nl',
      'zomerfeest@lindenbuurt.nl',
    ]);
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Agenda van Lindenbuurt');
    expect(component.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Amsterdam');
    const walk = events[0]!;
    expect(walk.summary).toBe('Ochtendwandeling door het Lindenpark');
    expect(walk.location).toBe('Buurthuis De Linde, Lindelaan 12, 1234 AB Voorbeeld');
    expect(String(walk.component.getFirstPropertyValue('url'))).toBe(`${READER_ORIGIN}/agenda/wandeling/`);
    expect(walk.description).toContain('"gezellig" & </script><script>alert(1)</script>, voor iedereen.');
    expect(walk.description).toContain('Georganiseerd door: Wandelclub De Linde');
    expect(walk.description).toContain('Kosten: € 2,50 inclusief koffie');
    expect(walk.startDate.zone?.tzid).toBe('Europe/Amsterdam');
    expect(walk.startDate.toJSDate().toISOString()).toBe('2026-03-14T09:00:00.000Z');
    expect(walk.endDate.toJSDate().toISOString()).toBe('2026-03-14T11:00:00.000Z');
  });

  it('expands a weekly activity to 10:00 Amsterdam time before and after both clock changes, without its skipped day', async () => {
    const { events } = await calendarAt('/agenda.ics');
    const coffee = events.find((e) => e.uid === 'koffie@lindenbuurt.nl')!;
    expect(coffee.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261103T225959Z');
    const dates = occurrencesOf(coffee);
    // 24 March is winter time (UTC+1), 31 March summer time (UTC+2): both 10:00 in Amsterdam.
    expect(dates).toContain('2026-03-24T09:00:00.000Z');
    expect(dates).toContain('2026-03-31T08:00:00.000Z');
    // And back: 20 October summer, 27 October winter.
    expect(dates).toContain('2026-10-20T08:00:00.000Z');
    expect(dates).toContain('2026-10-27T09:00:00.000Z');
    expect(dates).not.toContain('2026-04-07T08:00:00.000Z');
    expect(dates[dates.length - 1]).toBe('2026-11-03T09:00:00.000Z');
    const zone = ICAL.TimezoneService.get('Europe/Amsterdam')!;
    for (const iso of dates) {
      const local = ICAL.Time.fromJSDate(new Date(iso), true).convertToZone(zone);
      expect(`${local.hour}:${local.minute}`, iso).toBe('10:0');
    }
  });

  it('writes all-day activities as dates, cancelled ones as CANCELLED, and a monthly one from its first real date', async () => {
    const { events } = await calendarAt('/agenda.ics');
    const party = events.find((e) => e.uid === 'zomerfeest@lindenbuurt.nl')!;
    expect(party.startDate.isDate).toBe(true);
    expect([party.startDate.toString(), party.endDate.toString()]).toEqual(['2026-07-04', '2026-07-06']);
    const quiz = events.find((e) => e.uid === 'quiz@lindenbuurt.nl')!;
    expect(quiz.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(quiz.summary).toBe('Gaat niet door: Buurtquiz');
    const market = events.find((e) => e.uid === 'markt@lindenbuurt.nl')!;
    expect(occurrencesOf(market, 3)).toEqual(['2026-04-06T07:00:00.000Z', '2026-05-04T07:00:00.000Z', '2026-06-01T07:00:00.000Z']);
  });

  it('follows RFC 5545 line rules: CRLF endings and lines of at most 75 octets', async () => {
    const { text } = await calendarAt('/agenda.ics');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
  });

  it('has one feed per group with only its activities', async () => {
    const walking = await calendarAt('/groepen/wandelclub/agenda.ics');
    expect(walking.events.map((e) => e.uid)).toEqual(['wandeling@lindenbuurt.nl', 'koffie@lindenbuurt.nl']);
    expect(walking.component.getFirstPropertyValue('x-wr-calname')).toBe('Wandelclub De Linde (Lindenbuurt)');
    const reading = await calendarAt('/groepen/leesclub/agenda.ics');
    expect(reading.events).toEqual([]);
  });

  it('gives every activity page an "In mijn agenda zetten" download of its own .ics', async () => {
    const $ = await site.page('/agenda/koffie/');
    const link = $('a[download]').filter((_, el) => $(el).text() === 'In mijn agenda zetten');
    expect(link.attr('href')).toBe('/agenda/koffie.ics');
    const own = await calendarAt('/agenda/koffie.ics');
    expect(own.events.map((e) => e.uid)).toEqual(['koffie@lindenbuurt.nl']);
    expect(own.events[0]!.isRecurring()).toBe(true);
    const $past = await site.page('/agenda/nieuwjaar/');
    expect($past('a[download]')).toHaveLength(0);
    const $cancelled = await site.page('/agenda/quiz/');
    expect($cancelled('a[download]')).toHaveLength(0);
  });

  it('offers the feed to subscribe to on the agenda page', async () => {
    const $ = await site.page('/agenda/');
    const hrefs = $('.subscribe a')
      .map((_, el) => $(el).attr('href'))
      .get();
    expect(hrefs).toContain('webcal://lindenbuurt.nl/agenda.ics');
    expect(hrefs).toContain('/agenda/rss.xml');
    expect($('.subscribe input[readonly]').attr('value')).toBe(`${READER_ORIGIN}/agenda.ics`);
  });
});

describe('RSS feeds', () => {
  it('publishes the news as valid RSS 2.0 with absolute addresses and escaped text', async () => {
    const text = await read('/rss.xml');
    expect(XMLValidator.validate(text)).toBe(true);
    const { rss } = xml.parse(text);
    expect(rss['@_version']).toBe('2.0');
    const channel = rss.channel;
    expect(channel.link).toBe(`${READER_ORIGIN}/nieuws/`);
    expect(channel['atom:link']['@_href']).toBe(`${READER_ORIGIN}/rss.xml`);
    expect(channel.item.map((i: { title: string }) => i.title)).toEqual(['Lente in de <buurt> & "meer"', 'Een ouder bericht']);
    const [spring] = channel.item;
    expect(spring.link).toBe(`${READER_ORIGIN}/nieuws/lente/`);
    expect(spring.guid['#text']).toBe(`${READER_ORIGIN}/nieuws/lente/`);
    expect(spring.pubDate).toBe('Sun, 01 Mar 2026 09:00:00 +0100');
    expect(spring.description).toBe('De eerste bollen bloeien; </script> is geen probleem.');
    expect(spring.category).toEqual(['natuur']);
    const content: string = spring['content:encoded'];
    expect(content).toContain(`href="${READER_ORIGIN}/agenda/"`);
    expect(content).toMatch(new RegExp(`src="${READER_ORIGIN}/_fotos/[0-9a-f]+-960\\.jpg"`));
    expect(content).not.toMatch(/(href|src|srcset)="\//);
  });

  it('publishes the upcoming activities as valid RSS 2.0', async () => {
    const text = await read('/agenda/rss.xml');
    expect(XMLValidator.validate(text)).toBe(true);
    const channel = xml.parse(text).rss.channel;
    expect(channel.link).toBe(`${READER_ORIGIN}/agenda/`);
    const titles: string[] = channel.item.map((i: { title: string }) => i.title);
    expect(titles).toEqual([
      'Ochtendwandeling door het Lindenpark (za 14 maart 2026, 10:00–12:00)',
      'Koffieochtend (di 17 maart 2026, 10:00–11:30)',
      'Ruilmarkt (ma 6 april 2026, 09:00–13:00)',
      'Gaat niet door: Buurtquiz (za 18 april 2026, 20:00–22:30)',
      'Zomerfeest (za 4 juli 2026 – zo 5 juli 2026)',
    ]);
    expect(channel.item[0].link).toBe(`${READER_ORIGIN}/agenda/wandeling/`);
    expect(channel.item[0].description).toContain('Waar: Buurthuis De Linde, Lindelaan 12, 1234 AB Voorbeeld');
  });

  it('makes both feeds and the calendar discoverable from every page', async () => {
    for (const pagePath of await site.pages()) {
      const $ = await site.page(pagePath);
      const alternates = $('link[rel="alternate"]')
        .map((_, el) => `${$(el).attr('type')} ${$(el).attr('href')}`)
        .get();
      expect(alternates, pagePath).toEqual([
        `application/rss+xml ${READER_ORIGIN}/rss.xml`,
        `application/rss+xml ${READER_ORIGIN}/agenda/rss.xml`,
        `text/calendar ${READER_ORIGIN}/agenda.ics`,
      ]);
    }
  });
});

describe('sitemap and robots.txt', () => {
  it('lists every public page on the buurt’s own domain, without search or 404', async () => {
    const index = xml.parse(await read('/sitemap-index.xml'));
    const sitemaps: string[] = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    expect(sitemaps).toEqual([`${READER_ORIGIN}/sitemap-0.xml`]);
    const urls: string[] = xml.parse(await read('/sitemap-0.xml')).urlset.url.map((u: { loc: string }) => u.loc);
    expect(urls.every((u) => u.startsWith(`${READER_ORIGIN}/`))).toBe(true);
    expect(urls).toContain(`${READER_ORIGIN}/`);
    expect(urls).toContain(`${READER_ORIGIN}/agenda/wandeling/`);
    expect(urls).toContain(`${READER_ORIGIN}/nieuws/lente/`);
    expect(urls).toContain(`${READER_ORIGIN}/wie-helpt/anna/`);
    expect(urls.some((u) => u.includes('/zoeken/') || u.includes('404'))).toBe(false);
    expect(urls.some((u) => u.includes('concept') || u.includes('geheim'))).toBe(false);
  });

  it('points robots.txt at the sitemap', async () => {
    const robots = await read('/robots.txt');
    expect(robots).toContain('User-agent: *');
    expect(robots).toContain(`Sitemap: ${READER_ORIGIN}/sitemap-index.xml`);
  });
});

describe('the agenda pages and the calendar feed', () => {
  /** "https://lindenbuurt.nl/agenda/koffie/ 2026-04-14T08:00:00.000Z" for every occurrence the feed has in [from, to). */
  async function feedOccurrences(from: Date, to: Date): Promise<string[]> {
    const { events } = await calendarAt('/agenda.ics');
    const found: string[] = [];
    for (const event of events) {
      const url = String(event.component.getFirstPropertyValue('url'));
      const duration = event.endDate ? event.endDate.toUnixTime() - event.startDate.toUnixTime() : 0;
      const iterator = event.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        // All-day dates have no time zone in the feed: they start at midnight in Amsterdam.
        const start = next.isDate ? fromWallClock({ year: next.year, month: next.month, day: next.day, hour: 0, minute: 0 }) : next.toJSDate();
        if (start.getTime() >= to.getTime()) break;
        const end = new Date(start.getTime() + duration * 1000 - (next.isDate ? 1 : 0));
        if (end.getTime() >= from.getTime()) found.push(`${url} ${start.toISOString()}`);
      }
    }
    return found.sort();
  }

  /** The same, read from a month page of the agenda. */
  async function pageOccurrences(urlPath: string): Promise<string[]> {
    const $ = cheerio.load(await read(`${urlPath}index.html`));
    return $('main .agenda-line')
      .map((_, li) => `${READER_ORIGIN}${$(li).find('a').attr('href')} ${new Date($(li).find('time').attr('datetime')!).toISOString()}`)
      .get()
      .sort();
  }

  it('lists on every month page exactly the occurrences the feed has in that month, from now on', async () => {
    const now = parseAmsterdam(READER_NOW);
    const months = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
    const monthDirs = (await readdir(path.join(site.dir, 'agenda', '2026'))).map((m) => `2026-${m}`);
    expect(monthDirs.sort()).toEqual(months);
    let total = 0;
    for (const key of months) {
      const range = monthRange(key)!;
      const expected = await feedOccurrences(new Date(Math.max(range.from.getTime(), now.getTime())), range.to);
      const listed = await pageOccurrences(`/agenda/${key.replace('-', '/')}/`);
      expect(listed, key).toEqual(expected);
      total += listed.length;
    }
    // Winter and summer: the walk at 10:00 CET, the Tuesday coffee at 10:00 CEST, the quiz (cancelled) listed.
    expect(await pageOccurrences('/agenda/2026/03/')).toContain(`${READER_ORIGIN}/agenda/wandeling/ 2026-03-14T09:00:00.000Z`);
    expect(await pageOccurrences('/agenda/2026/04/')).toContain(`${READER_ORIGIN}/agenda/koffie/ 2026-04-14T08:00:00.000Z`);
    expect(await pageOccurrences('/agenda/2026/04/')).not.toContain(`${READER_ORIGIN}/agenda/koffie/ 2026-04-07T08:00:00.000Z`);
    expect(await pageOccurrences('/agenda/2026/04/')).toContain(`${READER_ORIGIN}/agenda/quiz/ 2026-04-18T18:00:00.000Z`);
    expect(total).toBeGreaterThan(15);
  });

  it('shows each recurring activity once on /agenda/, with its rhythm, next date and skipped dates', async () => {
    const $ = cheerio.load(await read('agenda/index.html'));
    const sections = $('main .agenda-section')
      .map(
        (_, s) =>
          `${$(s).find('h2').first().text()}: ${$(s)
            .find('.agenda-line a')
            .map((__, a) => $(a).text())
            .get()
            .join(', ')}`,
      )
      .get();
    expect(sections).toEqual([
      'Deze week: Ochtendwandeling door het Lindenpark',
      'april 2026: Buurtquiz',
      'juli 2026: Zomerfeest',
      'Vaste activiteiten: Koffieochtend, Ruilmarkt',
    ]);
    const coffee = $('main .agenda-line').filter((_, li) => $(li).find('a').text() === 'Koffieochtend');
    expect(coffee.find('.rhythm').text()).toBe('Elke dinsdag 10:00–11:30 · Buurthuis De Linde · volgende keer 17 maart · t/m 3 november 2026');
    expect(coffee.find('.skipped').text()).toBe('niet op 7 april');
    expect(
      $('main h3')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(expect.arrayContaining(['Elke week', 'Elke maand', 'Per maand', 'Per groep', 'Per onderwerp']));
    // The filter pages exist and are linked.
    for (const href of ['/agenda/2026/04/', '/agenda/groep/wandelclub/', '/agenda/onderwerp/natuur/']) {
      expect($(`main a[href="${href}"]`).length, href).toBe(1);
      expect(await read(`${href}index.html`)).toContain('<h1>');
    }
  });
});
