import { describe, expect, it } from 'vitest';
import { parseAmsterdam } from '../dates/dates.ts';
import { activitySchema, newsSchema, newsletterNoteSchema, prikbordSchema, siteSchema } from '../model/schemas.ts';
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
const post = (id: string, data: Record<string, unknown>) => ({
  id,
  data: prikbordSchema.parse({ kind: 'vraag', category: 'klussen', name: 'Joke', ...data }),
});
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

describe('what the previous issue held', () => {
  // The previous issue went out on Monday 30 November at 08:00 and held "maandag-vroeg", dated that day.
  const sameDay = [
    news('maandag-vroeg', { title: 'Al in de vorige', date: '2026-11-30' }),
    news('maandag-laat', { title: 'Die middag gepubliceerd', date: '2026-11-30' }),
    news('zondag', { title: 'De dag ervoor', date: '2026-11-29' }),
  ];
  const previous = { news: ['maandag-vroeg'], posts: ['zelfde-dag'] };

  it('takes news dated on the day of the previous issue that it did not hold, and nothing it held', () => {
    const issue = composeIssue({ ...input, news: sameDay, previous });
    expect(issue.news.map((n) => n.title)).toEqual(['Die middag gepubliceerd']);
    expect(issue.ids.news).toEqual(['maandag-laat']);
    // Without the record, an item dated on that day (midnight) is older than the moment the issue went out.
    expect(composeIssue({ ...input, news: sameDay }).news).toEqual([]);
  });

  it('leaves out a post the previous issue held, and records what this issue holds', () => {
    const posts = [post('zelfde-dag', { title: 'Al gemeld', date: '2026-11-30' }), post('nieuw-die-dag', { title: 'Later die dag', date: '2026-11-30' })];
    const issue = composeIssue({ ...input, news: [], posts, previous });
    expect(issue.posts.map((p) => p.title)).toEqual(['Later die dag']);
    expect(issue.ids).toEqual({ news: [], posts: ['nieuw-die-dag'] });
  });
});

describe('prikbord posts in an issue', () => {
  const posts = [
    post('ladder-lenen', { title: 'Wie leent mij een ladder?', date: '2026-12-03' }),
    post('fietsen-repareren', { kind: 'aanbod', title: 'Ik repareer fietsen', category: 'vervoer', date: '2026-12-05' }),
    // Placed the day the previous issue went out (after it, perhaps): counts as new.
    post('zelfde-dag', { kind: 'aanbod', title: 'Soep over', category: 'spullen', date: '2026-11-30' }),
    post('vorige-week', { title: 'Al in de vorige nieuwsbrief', date: '2026-11-29' }),
    post('verlopen', { title: 'Verlopen', date: '2026-12-01', validUntil: '2026-12-06' }),
    post('verborgen', { title: 'Verborgen', date: '2026-12-04', draft: true }),
    post('morgen', { title: 'Pas morgen', date: '2026-12-08' }),
  ];

  it('takes the posts placed since the last issue and still up, newest first, with kind, category and link', () => {
    const issue = composeIssue({ ...input, posts });
    expect(issue.posts).toEqual([
      { kind: 'aanbod', kindLabel: 'Aanbod', title: 'Ik repareer fietsen', category: 'Vervoer', url: 'https://lindenbuurt.nl/prikbord/fietsen-repareren/' },
      { kind: 'vraag', kindLabel: 'Vraag', title: 'Wie leent mij een ladder?', category: 'Klussen', url: 'https://lindenbuurt.nl/prikbord/ladder-lenen/' },
      { kind: 'aanbod', kindLabel: 'Aanbod', title: 'Soep over', category: 'Spullen', url: 'https://lindenbuurt.nl/prikbord/zelfde-dag/' },
    ]);
  });

  it('drops a post from its last day on, at the Amsterdam day boundary', () => {
    const validUntil = '2026-12-07';
    const ladder = [post('ladder-lenen', { title: 'Wie leent mij een ladder?', date: '2026-12-03', validUntil })];
    // 22:59 UTC on 7 December is 23:59 in Amsterdam: still the last day; a minute later it is the 8th.
    expect(composeIssue({ ...input, posts: ladder, now: new Date('2026-12-07T22:59:00Z') }).posts).toHaveLength(1);
    expect(composeIssue({ ...input, posts: ladder, now: new Date('2026-12-07T23:00:00Z') }).posts).toHaveLength(0);
  });

  it('makes an issue with only new prikbord posts something new; without posts there is no section', () => {
    const only = composeIssue({ ...input, news: [], activities: [], posts: posts.slice(0, 1) });
    expect(isEmptyIssue(only)).toBe(false);
    const none = composeIssue({ ...input, news: [], activities: [], posts: posts.slice(3) });
    expect(none.posts).toEqual([]);
    expect(isEmptyIssue(none)).toBe(true);
    const rendered = renderIssue(composeIssue(input), { unsubscribeUrl: 'https://lindenbuurt.nl/x', colors: site.colors });
    expect(rendered.html).not.toContain('Vraag &amp; aanbod');
    expect(rendered.text).not.toContain('Vraag & aanbod');
  });

  it('renders the section "Vraag & aanbod" in HTML and plain text, escaping the titles', () => {
    const hostile = post('x', { title: '<b>Gratis</b> kast', category: 'spullen', kind: 'aanbod', date: '2026-12-06' });
    const rendered = renderIssue(composeIssue({ ...input, posts: [...posts, hostile] }), { unsubscribeUrl: 'https://lindenbuurt.nl/x', colors: site.colors });
    expect(rendered.html).toContain('Vraag &amp; aanbod</h2>');
    expect(rendered.html).toContain(
      '<a href="https://lindenbuurt.nl/prikbord/ladder-lenen/" style="color:#2e6b30;text-decoration:underline;">Wie leent mij een ladder?</a>',
    );
    expect(rendered.html).toContain('Categorie: Vervoer');
    expect(rendered.html).toContain('&lt;b&gt;Gratis&lt;/b&gt; kast');
    expect(rendered.html).not.toContain('<b>Gratis');
    expect(rendered.html.indexOf('Vraag &amp; aanbod')).toBeGreaterThan(rendered.html.indexOf('De komende twee weken'));
    expect(rendered.text).toContain(
      [
        'Vraag & aanbod',
        '--------------',
        '',
        '* Aanbod: <b>Gratis</b> kast',
        '  Categorie: Spullen',
        '  https://lindenbuurt.nl/prikbord/x/',
        '',
        '* Aanbod: Ik repareer fietsen',
      ].join('\n'),
    );
    expect(rendered.text).toContain('* Vraag: Wie leent mij een ladder?\n  Categorie: Klussen\n  https://lindenbuurt.nl/prikbord/ladder-lenen/');
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
