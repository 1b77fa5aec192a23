/**
 * Addresses that clash: a file named like a section or a fixed page of its collection (a page called
 * "agenda", an activity called "archief", a news item called "pagina", a person called "onderwerp"), two
 * sources of one address, and topics that cannot become an address.
 */
import path from 'node:path';
import type { Entry, LoadedSite } from '../model/content.ts';
import type { CollectionName } from '../core/paths.ts';
import type { Problem } from '../model/problems.ts';
import { menuSections } from '../model/schemas.ts';
import { topicSlug, urls } from '../model/urls.ts';
import type { CheckContext } from './types.ts';
import { builtPages } from './built-urls.ts';

/** Names of free pages that would clash with a section or a file the platform publishes. */
export const RESERVED_PAGE_SLUGS: ReadonlySet<string> = new Set([
  ...menuSections,
  'admin',
  'zoeken',
  'krant',
  'media',
  'fotos',
  '_fotos',
  '_astro',
  'pagefind',
  '404',
  'welkom-pagina',
  'rss',
  'sitemap',
  'nieuwsbrief',
]);

/** Names each collection cannot use, with what the address is already for. */
export const RESERVED_SLUGS: Readonly<Record<CollectionName, ReadonlyMap<string, string>>> = {
  paginas: new Map([...RESERVED_PAGE_SLUGS].map((slug) => [slug, `the address /${slug}/ belongs to the site itself`])),
  agenda: new Map([
    ['archief', `${urls.archive()} is the archive of past activities`],
    ['groep', `${urls.agendaGroup('…')} holds the agenda of each group`],
    ['onderwerp', `${urls.agendaTopic('…')} holds the agenda of each topic`],
  ]),
  nieuws: new Map([['pagina', '/nieuws/pagina/ holds the older news pages (/nieuws/pagina/2/ and on)']]),
  mensen: new Map([['onderwerp', '/wie-helpt/onderwerp/ holds the pages per topic']]),
  groepen: new Map(),
  prikbord: new Map([
    ['vraag', `${urls.prikbordKind('vraag')} lists the questions`],
    ['aanbod', `${urls.prikbordKind('aanbod')} lists the offers`],
    ['categorie', '/prikbord/categorie/ holds the pages per category'],
    ['reageren', '/prikbord/reageren is where replies are sent'],
    ['melden', '/prikbord/melden is where posts are reported'],
    ['intrekken', '/prikbord/intrekken is where posters withdraw their post'],
    ['verlengen', '/prikbord/verlengen is where posters extend their post'],
    ['beheren', '/prikbord/beheren/ answers posters who manage their post'],
  ]),
};

const KIND: Readonly<Record<CollectionName, string>> = {
  paginas: 'a page',
  agenda: 'an activity',
  nieuws: 'a news item',
  mensen: 'a person',
  groepen: 'a group',
  prikbord: 'a prikbord post',
};

/** Problems with the addresses a buurt's files would get. */
export function checkSlugs(site: LoadedSite, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const [collection, entries] of Object.entries(site.entries) as [CollectionName, Entry[]][]) {
    for (const entry of entries) {
      const reason = RESERVED_SLUGS[collection].get(entry.id);
      if (!reason) continue;
      problems.push({
        code: 'reserved-slug',
        severity: 'error',
        file: entry.file,
        message: `${KIND[collection]} cannot be called "${entry.id}": ${reason}; rename the file, for example to ${entry.id}-${collection === 'paginas' ? 'info' : '1'}.md`,
      });
    }
  }
  const reserved = new Set(problems.map((p) => p.file));
  for (const [url, sources] of builtPages(site, context.now)) {
    const files = sources.filter((s) => s.entry && !reserved.has(s.entry.file));
    if (sources.length < 2 || files.length === 0 || sources.every((s) => s.topic)) continue;
    const others = sources.filter((s) => s !== files[0]).map((s) => (s.entry ? path.basename(s.entry.file) : 'a page of the site itself'));
    problems.push({
      code: 'duplicate-slug',
      severity: 'error',
      file: files[0]!.entry!.file,
      message: `the address ${url} is also made by ${others.join(', ')}; rename one of the files`,
    });
  }
  problems.push(...checkTopics(site));
  return problems;
}

/** Topics that give no address, or two spellings that share one topic page. */
function checkTopics(site: LoadedSite): Problem[] {
  const problems: Problem[] = [];
  const spellings = new Map<string, { topic: string; entry: Entry }>();
  for (const person of site.entries.mensen) {
    person.data.topics.forEach((topic, index) => {
      const slug = topicSlug(topic);
      if (!slug) {
        problems.push({
          code: 'invalid-topic',
          severity: 'error',
          file: person.file,
          line: person.lineOf(['topics', index]),
          field: `topics.${index}`,
          message: `"${topic}" has no letters or digits that can be used in a web address; write it with the letters a–z, like "eenzaamheid"`,
        });
        return;
      }
      const first = spellings.get(slug);
      if (!first) spellings.set(slug, { topic, entry: person });
      else if (first.topic !== topic) {
        problems.push({
          code: 'duplicate-topic',
          severity: 'warning',
          file: person.file,
          line: person.lineOf(['topics', index]),
          field: `topics.${index}`,
          message: `"${topic}" and "${first.topic}" (in ${path.basename(first.entry.file)}) share the page ${urls.topic(topic)}, which shows "${first.topic}"; write the topic the same way everywhere`,
        });
      }
    });
  }
  return problems;
}
