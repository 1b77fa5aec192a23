/**
 * A fixture buurt with every kind of page (news with photos, agenda, groups, people, free pages, a logo),
 * built by the real `buildSite` once per test run (shared-build.ts), for the security tests. `addMergedFeatures` adds to the built output what
 * other parts of the platform publish next to the pages (search page and its scripts, feeds, the CMS), so
 * the header rules are tested against the whole site's layout.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import sharp from 'sharp';
import { stringify } from 'yaml';
import { buildSite } from '../../scripts/platform/build/build.ts';
import { fillTemplateFile } from '../../scripts/platform/new-buurt/new-buurt.ts';
import { writeDeployHeaders } from '../../src/headers/deploy-headers.ts';
import { baseSiteYaml, markdown, repoDir, type Workspace } from './fixtures.ts';
import { sharedBuild } from './shared-build.ts';

export const SECURITY_NOW = '2026-03-10T12:00';

async function photo(colour: string, width = 1600, height = 1000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** The built buurt `slug`, copied into `workspace`; returns its output folder there. */
export async function buildSecurityFixture(workspace: Workspace, slug = 'veilig'): Promise<string> {
  return sharedBuild(workspace, `security-${slug}`, slug, (target) => writeAndBuild(target, slug));
}

/** Writes and builds buurt `slug` in `workspace`; returns its output folder. */
async function writeAndBuild(workspace: Workspace, slug: string): Promise<string> {
  await workspace.writeBuurt(slug, {
    'site.yaml': stringify({
      ...baseSiteYaml,
      name: 'Veilige buurt',
      domain: 'https://veiligebuurt.nl',
      logo: { src: 'media/logo.png', alt: 'Logo van de Veilige buurt' },
      menu: ['nieuws', 'agenda', 'groepen', 'wie-helpt', 'over-de-buurt'],
      social: { facebook: 'https://www.facebook.com/veiligebuurt' },
      editors: [{ name: 'Anna', email: '1234+anna@users.noreply.github.com', username: 'anna' }],
    }),
    'media/logo.png': await sharp({ create: { width: 256, height: 256, channels: 4, background: '#1d5c8c' } })
      .png()
      .toBuffer(),
    'media/feest.jpg': await photo('#4a7'),
    'media/tuin.jpg': await photo('#a74'),
    'media/anna.jpg': await photo('#47a', 800, 800),
    'content/nieuws/buurtfeest.md': markdown(
      {
        title: 'Buurtfeest was een succes',
        date: '2026-03-01',
        summary: 'Honderd buren kwamen.',
        image: { src: '../../media/feest.jpg', alt: 'Buren op het plein' },
      },
      'Het was **gezellig**.\n\n![De tuin in bloei](../../media/tuin.jpg)\n\n<script>alert(1)</script><p style="color:red">rood</p>',
    ),
    'content/nieuws/oud.md': markdown({ title: 'Oud bericht', date: '2026-01-05', summary: 'Van januari.' }, 'Tekst.'),
    'content/agenda/borrel.md': markdown(
      {
        title: 'Buurtborrel',
        start: '2026-03-14T16:00',
        end: '2026-03-14T18:00',
        location: { name: 'Buurthuis' },
        summary: 'Proosten.',
        group: 'moestuin',
        image: { src: '../../media/feest.jpg', alt: 'Glazen' },
      },
      'Welkom.',
    ),
    'content/agenda/koffie.md': markdown({
      title: 'Koffie',
      start: '2026-01-06T10:00',
      location: { name: 'Buurthuis' },
      summary: 'Elke week.',
      recurrence: { frequency: 'weekly', until: '2026-05-26' },
    }),
    'content/agenda/geweest.md': markdown({ title: 'Geweest', start: '2026-01-10T16:00', location: { name: 'Park' }, summary: 'Al voorbij.' }),
    'content/groepen/moestuin.md': markdown(
      { name: 'Moestuin', summary: 'Samen tuinieren.', topics: ['tuinieren'], image: { src: '../../media/tuin.jpg', alt: 'Moestuin' } },
      'Kom langs.',
    ),
    'content/mensen/anna.md': markdown(
      { name: 'Anna de Vries', role: 'buurtverbinder', topics: ['eenzaamheid'], photo: { src: '../../media/anna.jpg', alt: 'Anna' } },
      'Ik help graag.',
    ),
    'content/paginas/welkom.md': markdown({ title: 'Welkom in de Veilige buurt', summary: 'Home.' }, 'Fijn dat je er bent.'),
    'content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: 'Wie we zijn.' }, 'Oud en nieuw.'),
    // The privacy statement every buurt starts with (README: Security and privacy), as `buurt new` fills it in.
    'content/paginas/privacy.md': fillTemplateFile(
      'content/paginas/privacy.md',
      await readFile(path.join(repoDir, 'templates/standaard/content/paginas/privacy.md'), 'utf8'),
      {
        naam: 'De Veilige Buurt',
        domein: 'https://veilig.example',
        host: 'veilig.example',
        email: 'contact@testbuurt.nl',
        kleur_primair: '#1d5c8c',
        kleur_accent: '#f2b84b',
        today: { year: 2026, month: 3, day: 1 },
      },
    ),
  });
  const result = await buildSite(slug, { env: { BUURT_NOW: SECURITY_NOW } });
  return result.outDir;
}

/**
 * Adds what other parts of the platform publish (as they do after the lead's merge) and rewrites `_headers`:
 * the search page with the real Pagefind index and UI (a web worker that fetches the index and runs
 * WebAssembly), feeds and calendars, and the CMS at /admin/.
 */
export async function addMergedFeatures(slug: string, outDir: string): Promise<void> {
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('Pagefind could not start');
  await index.addDirectory({ path: outDir });
  await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  await pagefind.close();
  const files: Record<string, string> = {
    'zoeken/index.html':
      '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Zoeken</title>' +
      '<link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script>' +
      '<script src="/zoeken/zoeken.js" defer></script></head>' +
      '<body><form action="/zoeken/" method="get"><label>Zoek <input name="q"></label><button>Zoek</button></form>' +
      '<div id="zoeken"></div></body></html>',
    'zoeken/zoeken.js': "new PagefindUI({ element: '#zoeken', showImages: false });\n",
    'agenda.ics': 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    'rss.xml': '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nieuws</title></channel></rss>\n',
    'agenda/rss.xml': '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Agenda</title></channel></rss>\n',
    'groepen/moestuin/agenda.ics': 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
    'admin/index.html':
      '<!doctype html><html><head><meta charset="utf-8"><title>Beheer</title></head><body><script src="/admin/decap-cms.js"></script></body></html>',
    'admin/config.yml': 'backend:\n  name: github\n',
  };
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  await writeDeployHeaders(slug, outDir);
}
