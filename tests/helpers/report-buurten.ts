/**
 * Two fixture buurten with known content and git history, measured at REPORT_NOW (Sunday 1 March 2026, 12:00
 * Amsterdam time). The report tests assert their exact figures and levels; the comments say where each comes
 * from.
 *
 * - `bloeiend`: a thriving buurt, level 5 on every dimension, with an audit summary.
 * - `stil`: a quiet buurt with mixed levels, content errors, a commit after "now" (ignored), no audit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { stringify } from 'yaml';
import { baseSiteYaml, markdown } from './fixtures.ts';
import type { Author, GitWorkspace } from './git-fixture.ts';

export const REPORT_NOW = '2026-03-01T12:00';

export const people = {
  anna: { name: 'Anna de Vries', email: 'anna@buurt.example' },
  bram: { name: 'Bram Bakker', email: 'bram@buurt.example' },
  cor: { name: 'Cor Jansen', email: 'cor@buurt.example' },
  dina: { name: 'Dina El Amrani', email: 'dina@buurt.example' },
  eef: { name: 'Eef Smit', email: 'eef@buurt.example' },
} satisfies Record<string, Author>;

const LONG = 'Een samenvatting die lang genoeg is om iets te zeggen.';

async function photo(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** The thriving buurt: every dimension at level 5. */
export async function commitBloeiend(ws: GitWorkspace): Promise<void> {
  const image = { src: '../../media/beeld.jpg', alt: 'Buren aan een lange tafel in het park' };
  const group = (name: string, email: string) => markdown({ name, summary: LONG, contact: { email }, image });
  const person = (name: string, role: string, topics: string[], organisation?: string) =>
    markdown({ name, role, topics, ...(organisation ? { organisation } : {}) });
  const pages = {
    'bloeiend/content/paginas/welkom.md': markdown({ title: 'Welkom in de Bloeiende Buurt', summary: LONG }, 'Fijn dat je er bent.'),
    'bloeiend/content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: LONG }, 'Onze buurt.'),
    'bloeiend/content/groepen/koffieclub.md': group('Koffieclub', 'koffie@bloei.example'),
    'bloeiend/content/groepen/moestuin.md': group('Moestuin', 'moestuin@bloei.example'),
    'bloeiend/content/groepen/jeu-de-boules.md': group('Jeu de boules', 'boules@bloei.example'),
    'bloeiend/content/mensen/anna.md': person('Anna', 'buurtverbinder', ['eenzaamheid', 'klussen', 'geldzaken', 'taal']),
    'bloeiend/content/mensen/bram.md': person('Bram', 'wijkprofessional', ['zorg', 'wonen', 'opvoeding'], 'Wijkteam Oost'),
    'bloeiend/content/mensen/cor.md': person('Cor', 'wijkprofessional', ['taal', 'digitale vaardigheden', 'lezen'], 'Bibliotheek'),
    'bloeiend/content/mensen/dina.md': person('Dina', 'wijkprofessional', ['zorg', 'mantelzorg', 'bewegen'], 'Buurtzorg'),
  };
  await ws.commit({
    at: '2025-01-10T10:00',
    author: people.anna,
    message: 'Start de Bloeiende Buurt',
    write: {
      'bloeiend/site.yaml': stringify({ ...baseSiteYaml, name: 'Bloeiende Buurt', domain: 'https://bloeiend.example' }),
      'bloeiend/media/beeld.jpg': await photo('#3a7'),
      ...pages,
      // Weekly on Thursday with an `until`: kept up to date although its file is old.
      'bloeiend/content/agenda/jeu-de-boules.md': markdown({
        title: 'Jeu de boules',
        start: '2025-01-09T14:00',
        end: '2025-01-09T16:00',
        location: { name: 'Het pleintje' },
        summary: LONG,
        group: 'jeu-de-boules',
        image,
        recurrence: { frequency: 'weekly', until: '2026-12-31' },
      }),
    },
  });
  await ws.commit({
    at: '2025-12-15T10:00',
    author: people.dina,
    message: 'Dina werkt haar gegevens bij',
    write: { 'bloeiend/content/mensen/dina.md': `${pages['bloeiend/content/mensen/dina.md']}\nBel gerust.\n` },
  });
  // The yearly check touches every page, group and person: nothing is untouched for a year.
  const checked = Object.fromEntries(Object.entries(pages).map(([file, text]) => [file, `${text}\nGecontroleerd in januari.\n`]));
  await ws.commit({ at: '2026-01-15T10:00', author: people.eef, message: 'Jaarlijkse controle', write: checked });
  await ws.commit({
    at: '2026-01-20T10:00',
    author: people.cor,
    message: 'Oogstdag',
    write: {
      'bloeiend/content/agenda/moestuin-oogst.md': markdown({
        title: 'Oogstdag',
        start: '2026-02-14T10:00',
        location: { name: 'Moestuin' },
        summary: LONG,
        group: 'moestuin',
        image,
      }),
    },
  });
  await ws.commit({
    at: '2026-02-01T10:00',
    author: people.anna,
    message: 'Koffieochtend elke dinsdag',
    write: {
      'bloeiend/content/agenda/koffie.md': markdown({
        title: 'Koffieochtend',
        start: '2026-01-06T10:00',
        end: '2026-01-06T11:30',
        location: { name: 'Buurthuis' },
        summary: LONG,
        group: 'koffieclub',
        image,
        recurrence: { frequency: 'weekly' },
      }),
    },
  });
  // 26 weekly news items, every Friday from 5 September 2025 to 27 February 2026.
  const news: Record<string, string> = {};
  for (let i = 0; i < 26; i++) {
    const date = new Date(Date.UTC(2026, 1, 27) - i * 7 * 86_400_000).toISOString().slice(0, 10);
    news[`bloeiend/content/nieuws/week-${String(26 - i).padStart(2, '0')}.md`] = markdown({ title: `Weekbericht ${26 - i}`, date, summary: LONG, image });
  }
  await ws.commit({ at: '2026-02-27T12:00', author: people.bram, message: 'Weekberichten', write: news });
  await mkdir(path.join(ws.cacheDir, 'bloeiend', 'audit'), { recursive: true });
  await writeFile(
    path.join(ws.cacheDir, 'bloeiend', 'audit', 'summary.json'),
    JSON.stringify({
      date: '2026-02-20T10:00:00Z',
      pages: 6,
      axeViolations: 0,
      lighthouse: { accessibility: 100, performance: 98, 'best-practices': 100, seo: 100 },
    }),
  );
}

/** The quiet buurt: mixed levels; see the report tests for each figure. */
export async function commitStil(ws: GitWorkspace): Promise<void> {
  const activity = (fields: Record<string, unknown>) => markdown({ location: { name: 'Buurthuis' }, summary: LONG, ...fields });
  await ws.commit({
    at: '2024-11-01T10:00',
    author: people.bram,
    message: 'Nieuwe buurt Stille Hoek',
    write: {
      'stil/site.yaml': stringify({ ...baseSiteYaml, name: 'Stille Hoek', domain: 'https://stillehoek.example', menu: ['nieuws', 'agenda'] }),
      'stil/content/paginas/welkom.md': markdown({ title: 'Welkom in de Stille Hoek', summary: LONG }),
      'stil/content/groepen/tuinclub.md': markdown({ name: 'Tuinclub', summary: LONG, topics: ['tuinieren'] }),
      'stil/content/groepen/oud.md': markdown({ name: 'Oude groep', summary: LONG, draft: true }),
      'stil/content/mensen/kees.md': markdown({ name: 'Kees', role: 'vrijwilliger', organisation: 'wijkteam stil', topics: ['tuin'] }),
    },
  });
  await ws.commit({
    at: '2025-06-01T09:00',
    author: people.bram,
    message: 'Repaircafé en zomernieuws',
    write: {
      'stil/media/foto.jpg': await photo('#a53'),
      'stil/content/groepen/repaircafe.md': markdown({ name: 'Repaircafé', summary: LONG, contact: { email: 'repair@stillehoek.example' } }),
      'stil/content/agenda/repaircafe.md': activity({
        title: 'Repaircafé',
        start: '2025-07-05T10:00',
        end: '2025-07-05T12:00',
        group: 'repaircafe',
        image: { src: '../../media/foto.jpg', alt: 'foto' },
        recurrence: { frequency: 'monthly' },
      }),
      'stil/content/nieuws/zomer.md': markdown({ title: 'Zomer in de buurt', date: '2025-06-01', summary: LONG }),
    },
  });
  await ws.commit({
    at: '2025-10-15T09:00',
    author: people.bram,
    message: 'Herfst',
    write: {
      'stil/content/nieuws/herfst.md': markdown({ title: 'Herfst', date: '2025-10-15', summary: LONG }),
      'stil/content/agenda/breiclub.md': activity({
        title: 'Breiclub',
        start: '2025-10-15T14:00',
        end: '2025-10-15T16:00',
        recurrence: { frequency: 'weekly', until: '2026-01-31' },
      }),
      'stil/content/agenda/yoga.md': activity({ title: 'Yoga', start: '2025-10-16T19:00', cancelled: true, recurrence: { frequency: 'weekly' } }),
      'stil/content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: LONG }, '![](../../media/foto.jpg)\n\nOver onze buurt.'),
    },
  });
  await ws.commit({
    at: '2025-12-01T09:00',
    author: people.anna,
    message: 'Sinterklaas en wie helpt',
    write: {
      'stil/content/nieuws/sinterklaas.md': markdown({ title: 'Sinterklaas', date: '2025-12-01', summary: 'Kort.' }),
      'stil/content/mensen/anna.md': markdown({ name: 'Anna', role: 'buurtverbinder', topics: ['eenzaamheid', 'klussen'] }),
      'stil/content/mensen/piet.md': markdown({ name: 'Piet', role: 'wijkprofessional', organisation: 'Wijkteam Stil', topics: ['klussen', 'geldzaken'] }),
    },
  });
  await ws.commit({
    at: '2026-02-09T20:00',
    author: people.anna,
    message: 'Carnaval en nieuwe activiteiten',
    write: {
      'stil/media/optocht.jpg': await photo('#35a'),
      'stil/content/nieuws/carnaval.md': markdown({
        title: 'Carnaval',
        date: '2026-02-09',
        summary: LONG,
        image: { src: '../../media/optocht.jpg', alt: 'Optocht door de Stilstraat' },
      }),
      'stil/content/nieuws/concept.md': markdown({ title: 'Concept', date: '2026-02-28', summary: LONG, draft: true }),
      'stil/content/nieuws/gepland.md': markdown({ title: 'Gepland', date: '2026-02-01', publishAt: '2026-03-05T08:00', summary: LONG }),
      'stil/content/agenda/vergadering.md': activity({ title: 'Buurtvergadering', start: '2026-04-15T19:30', group: 'bestaat-niet' }),
      'stil/content/agenda/paaseieren.md': activity({ title: 'Paaseieren zoeken', start: '2026-04-05', allDay: true }),
    },
  });
  // After "now": ignored by the report (not an editor in the last 90 days).
  await ws.commit({
    at: '2026-03-05T10:00',
    author: people.cor,
    message: 'Titel aangepast',
    write: {
      'stil/content/nieuws/carnaval.md': markdown({
        title: 'Carnaval 2026',
        date: '2026-02-09',
        summary: LONG,
        image: { src: '../../media/optocht.jpg', alt: 'Optocht door de Stilstraat' },
      }),
    },
  });
}

/** Commits of `commitOostWest`, by name. */
export interface OostWestCommits {
  start: string;
  feest: string;
  west: string;
  opruimen: string;
  pagina: string;
}

/**
 * Three buurten in one repository for `buurt history` and `buurt restore`: `oost`, `west`, and `oost-west`
 * (whose name starts like oost's, to prove paths are matched as folders, not as prefixes).
 */
export async function commitOostWest(ws: GitWorkspace): Promise<OostWestCommits> {
  const site = (name: string) => stringify({ ...baseSiteYaml, name });
  const news = (title: string) => markdown({ title, date: '2026-01-05', summary: LONG });
  const start = await ws.commit({
    at: '2026-01-05T09:00',
    author: people.anna,
    message: 'Drie buurten',
    write: {
      'oost/site.yaml': site('Oost'),
      'oost/content/nieuws/welkom.md': news('Welkom'),
      'oost/content/agenda/koffie.md': markdown({ title: 'Koffie', start: '2026-01-06T10:00', location: { name: 'Buurthuis' }, summary: LONG }),
      'west/site.yaml': site('West'),
      'oost-west/site.yaml': site('Oost-West'),
    },
  });
  const feest = await ws.commit({
    at: '2026-01-12T14:30',
    author: people.bram,
    message: 'Buurtfeest en koffie later',
    write: {
      'oost/content/nieuws/buurtfeest.md': news('Buurtfeest'),
      'oost/content/agenda/koffie.md': markdown({ title: 'Koffie', start: '2026-01-06T10:30', location: { name: 'Buurthuis' }, summary: LONG }),
    },
  });
  const west = await ws.commit({
    at: '2026-02-02T10:00',
    author: people.cor,
    message: 'Nieuws in west',
    write: { 'west/content/nieuws/west.md': news('West') },
  });
  const opruimen = await ws.commit({
    at: '2026-02-10T16:45',
    author: people.anna,
    message: 'Opruimen',
    rename: [['oost/content/nieuws/welkom.md', 'oost/content/nieuws/hallo.md']],
    remove: ['oost/content/agenda/koffie.md'],
    write: { 'oost/media/foto.jpg': await photo('#777') },
  });
  const pagina = await ws.commit({
    at: '2026-03-01T20:15',
    author: people.dina,
    message: 'Over de buurt',
    write: {
      'oost/content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: LONG }),
      'oost-west/content/nieuws/ow.md': news('Oost-West'),
    },
  });
  return { start, feest, west, opruimen, pagina };
}
