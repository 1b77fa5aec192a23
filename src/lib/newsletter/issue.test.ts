import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../dates.ts';
import { activitySchema, newsSchema, newsletterNoteSchema, siteSchema } from '../schemas.ts';
import { composeIssue, isEmptyIssue, renderIssue } from './issue.ts';

const site = siteSchema.parse({
  name: 'Lindenbuurt',
  description: 'De buurtsite van de Lindenbuurt.',
  domain: 'https://lindenbuurt.nl',
  email: 'contact@lindenbuurt.nl',
  colors: { primary: '#2e6b30', accent: '#f2b84b' },
  menu: ['nieuws'],
  newsletter: { day: 'maandag' },
});
const news = (id: string, data: Record<string, unknown>) => ({ id, data: newsSchema.parse({ summary: `Over ${id}.`, ...data }) });
const activity = (id: string, data: Record<string, unknown>) => ({
  id,
  data: activitySchema.parse({ location: { name: 'Buurthuis De Linde' }, summary: `Over ${id}.`, ...data }),
});

// Monday 7 December 2026, 08:10 in Amsterdam (07:10 UTC, winter time).
const now = parseAmsterdam('2026-12-07T08:10');
const since = parseAmsterdam('2026-11-30T08:00');
const input = {
  site,
  now,
  since,
  news: [
    news('nieuwe-bomen', { title: 'Nieuwe bomen in de Lindelaan', date: '2026-12-03' }),
    news('oud-nieuws', { title: 'Oud nieuws', date: '2026-11-20' }),
    news('straks', { title: 'Nog niet gepubliceerd', date: '2026-12-01', publishAt: '2026-12-10T08:00' }),
    news('concept', { title: 'Een concept', date: '2026-12-04', draft: true }),
  ],
  activities: [
    activity('kerstmarkt', { title: 'Kerstmarkt', start: '2026-12-12T14:00', end: '2026-12-12T17:30' }),
    activity('zomerwandeling', { title: 'Ver weg', start: '2027-06-01T10:00' }),
    activity('koffie', { title: 'Koffieochtend', start: '2026-11-03T10:00', end: '2026-11-03T12:00', recurrence: { frequency: 'weekly' } }),
  ],
};

describe('composing an issue', () => {
  it('takes the news published since the last issue, the coming two weeks and folds recurring activities', () => {
    const issue = composeIssue(input);
    expect(issue.news.map((n) => n.title)).toEqual(['Nieuwe bomen in de Lindelaan']);
    expect(issue.news[0]).toMatchObject({ url: 'https://lindenbuurt.nl/nieuws/nieuwe-bomen/', date: '3 december 2026' });
    expect(issue.activities).toEqual([
      {
        title: 'Kerstmarkt',
        url: 'https://lindenbuurt.nl/agenda/kerstmarkt/',
        when: 'za 12 december, 14:00–17:30',
        place: 'Buurthuis De Linde',
        cancelled: false,
      },
    ]);
    expect(issue.recurring).toEqual([
      {
        title: 'Koffieochtend',
        url: 'https://lindenbuurt.nl/agenda/koffie/',
        rhythm: 'Elke dinsdag, 10:00–12:00',
        next: '8 december',
        place: 'Buurthuis De Linde',
      },
    ]);
    expect(issue.subject).toBe('Nieuwsbrief Lindenbuurt, 7 december 2026');
    expect(isEmptyIssue(issue)).toBe(false);
  });

  it('writes times in Amsterdam time, also across the change to summer time', () => {
    const summer = composeIssue({
      ...input,
      now: parseAmsterdam('2027-03-22T08:00'),
      since: parseAmsterdam('2027-03-15T08:00'),
      activities: [activity('lente', { title: 'Lenteschoonmaak', start: '2027-03-28T10:00' })],
    });
    // 28 March 2027 is the first day of summer time: 10:00 in Amsterdam is 08:00 UTC.
    expect(summer.activities[0]!.when).toBe('zo 28 maart, 10:00');
  });

  it('is empty when nothing is new: recurring activities alone do not make an issue', () => {
    const issue = composeIssue({ ...input, news: [], activities: [input.activities[2]!] });
    expect(issue.recurring).toHaveLength(1);
    expect(isEmptyIssue(issue)).toBe(true);
  });

  it('opens with the editors’ line until its last day, with own links made absolute', () => {
    const note = {
      data: newsletterNoteSchema.parse({ until: '2026-12-07' }),
      body: 'Fijne feestdagen! Kijk in [de agenda](/agenda/). <script>alert(1)</script>',
    };
    const issue = composeIssue({ ...input, note });
    expect(issue.note!.html).toContain('href="https://lindenbuurt.nl/agenda/"');
    expect(issue.note!.html).not.toContain('<script');
    expect(issue.note!.text).toContain('de agenda (https://lindenbuurt.nl/agenda/)');
    expect(composeIssue({ ...input, note, now: parseAmsterdam('2026-12-08T08:00') }).note).toBeUndefined();
    expect(composeIssue({ ...input, note: { ...note, data: { ...note.data, draft: true } } }).note).toBeUndefined();
  });
});

describe('rendering an issue', () => {
  const unsubscribeUrl = 'https://lindenbuurt.nl/nieuwsbrief/afmelden?t=abc';
  const rendered = renderIssue(composeIssue(input), {
    unsubscribeUrl,
    colors: site.colors,
    logoUrl: 'https://lindenbuurt.nl/nieuwsbrief/logo.png',
    logoAlt: 'Een lindeblad',
  });

  it('makes HTML for mail clients: tables, inline styles, the buurt’s colour and logo, no tracking', () => {
    expect(rendered.html).toContain('<table role="presentation"');
    expect(rendered.html).not.toMatch(/<style|<link|class=/);
    expect(rendered.html).toContain('background:#2e6b30');
    expect(rendered.html).toContain('<img src="https://lindenbuurt.nl/nieuwsbrief/logo.png" width="48" height="48" alt="Een lindeblad"');
    expect(rendered.html.match(/<img /g)).toHaveLength(1);
    const links = [...rendered.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links.every((href) => href.startsWith('https://lindenbuurt.nl/'))).toBe(true);
    expect(links.filter((href) => href !== unsubscribeUrl).every((href) => !href.includes('?'))).toBe(true);
    expect(rendered.html).toContain(`href="${unsubscribeUrl}"`);
    expect(rendered.html).toContain('za 12 december, 14:00–17:30');
  });

  it('makes a plain-text part with the same items and the unsubscribe link', () => {
    expect(rendered.text).toContain('* Nieuwe bomen in de Lindelaan (3 december 2026)');
    expect(rendered.text).toContain('* za 12 december, 14:00–17:30: Kerstmarkt');
    expect(rendered.text).toContain('* Koffieochtend: Elke dinsdag, 10:00–12:00 (volgende keer 8 december), Buurthuis De Linde');
    expect(rendered.text).toContain(`Afmelden (met één klik): ${unsubscribeUrl}`);
  });

  it('escapes what editors wrote', () => {
    const hostile = renderIssue(composeIssue({ ...input, news: [news('x', { title: '<img src=x onerror=alert(1)>', date: '2026-12-05' })] }), {
      unsubscribeUrl,
      colors: site.colors,
    });
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hostile.html).not.toContain('<img');
  });
});
