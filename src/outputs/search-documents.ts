/**
 * What the search index holds of each page, made from the checked content instead of the rendered pages, so
 * Pagefind can index and write the whole index while Astro is still starting and rendering (see
 * src/integrations/search-index.ts). Why not let Pagefind read the built pages (as `buildSearchIndex` still
 * does for a folder of pages): waiting for the last page and then indexing took 1.2–1.7 s at the end of every
 * build of a big buurt.
 *
 * Each document is the part of a page marked `data-pagefind-body`, in the same elements (Pagefind's words,
 * headings and sentence breaks come from them), without what the page marks `data-pagefind-ignore` and
 * without photos (Pagefind indexes no image text). tests/search-documents.test.ts checks, page by page, that
 * the index made from these documents holds the same text as an index made from the built pages; a change to
 * the marked part of a page template needs the same change here.
 */
import { activityDates, isPublishedActivity, pastItems } from '../listings/agenda.ts';
import type { CheckedContent, CheckedEntry } from '../model/checked-content.ts';
import { formatDate, formatDay, formatWhen, parseAmsterdam } from '../dates/dates.ts';
import { escapeHtml, fillImages } from '../markdown/markdown.ts';
import { publishedNews } from '../listings/news.ts';
import { categoryLabel, lastDay, livePosts } from '../prikbord/posts.ts';
import { describeRecurrence } from '../dates/recurrence.ts';
import { nl } from '../model/strings.ts';
import { urls } from '../model/urls.ts';

/** One page for the search index: its URL and the HTML Pagefind reads. */
export interface SearchDocument {
  url: string;
  html: string;
}

/** Every searchable page of the buurt whose checked content this is, at the build's `now`. */
export function searchDocuments(content: CheckedContent, now: Date): SearchDocument[] {
  const { entries } = content;
  const groups = entries.groepen.filter((g) => !g.data.draft);
  return [
    ...publishedNews(entries.nieuws, now).map((item) => newsDocument(item)),
    ...entries.agenda.filter(isPublishedActivity).map((activity) => activityDocument(activity, now, groups)),
    ...groups.map((group) => groupDocument(group)),
    ...entries.mensen.filter((p) => !p.data.draft).map((person) => personDocument(person)),
    ...entries.paginas.filter((p) => !p.data.draft && p.id !== 'welkom').map((page) => pageDocument(page)),
    ...livePosts(entries.prikbord, now).map((post) => prikbordDocument(post)),
  ];
}

const e = escapeHtml;

function searchDocument(url: string, type: string, parts: (string | false | undefined)[]): SearchDocument {
  const inner = parts.filter(Boolean).join(' ');
  return {
    url,
    html: `<!doctype html><html lang="nl"><body><article data-pagefind-body data-pagefind-meta="soort:${e(type)}">${inner}</article></body></html>`,
  };
}

/** The body as the page shows it, photos left out. */
function prose(entry: CheckedEntry): string | undefined {
  if (!entry.rendered) return undefined;
  const html = fillImages(entry.rendered, () => '');
  return html && `<div class="prose">${html}</div>`;
}

function tags(words: readonly string[]): string | undefined {
  return words.length > 0 ? `<p class="tags"><span>${e(nl.tags)}:</span> ${words.map((w) => `<span class="tag">${e(w)}</span>`).join(' ')}</p>` : undefined;
}

function facts(pairs: [string, string | false | undefined][]): string {
  return `<dl class="facts">${pairs.flatMap(([term, value]) => (value ? [`<dt>${e(term)}</dt><dd>${value}</dd>`] : [])).join(' ')}</dl>`;
}

function newsDocument(item: CheckedEntry<'nieuws'>): SearchDocument {
  const { data } = item;
  return searchDocument(urls.news(item.id), nl.search.types.nieuws!, [
    `<h1>${e(data.title)}</h1>`,
    `<p class="meta">${e(nl.published)} <time>${e(formatDay(parseAmsterdam(data.date)))}</time></p>`,
    `<p class="lead">${e(data.summary)}</p>`,
    prose(item),
    tags(data.tags),
  ]);
}

function activityDocument(activity: CheckedEntry<'agenda'>, now: Date, groups: readonly CheckedEntry<'groepen'>[]): SearchDocument {
  const { data } = activity;
  const [next] = activityDates(activity, now);
  const shown = next ?? pastItems([activity], now)[0]?.occurrence;
  const group = data.group ? groups.find((g) => g.id === data.group) : undefined;
  const location = e(data.location.name) + (data.location.address ? `<br>${e(data.location.address)}` : '');
  const repeats = describeRecurrence(data);
  return searchDocument(urls.activity(activity.id), nl.search.types.agenda!, [
    `<h1>${e(data.title)}</h1>`,
    data.cancelled && `<p class="badge cancelled">${e(nl.cancelled)}</p>`,
    !next && `<p class="notice">${e(nl.past)}</p>`,
    `<p class="lead">${e(data.summary)}</p>`,
    facts([
      [next ? nl.when : nl.lastDate, shown && `<time>${e(formatWhen(shown.start, shown.end, shown.allDay))}</time>`],
      [nl.repeats, repeats && e(repeats)],
      [nl.where, location],
      [nl.cost, data.cost && e(data.cost)],
      [nl.organiser, group && `<a>${e(group.data.name)}</a>`],
      [nl.registration, data.registration && `<a>${e(nl.registerHere)}</a>`],
    ]),
    prose(activity),
  ]);
}

function groupDocument(group: CheckedEntry<'groepen'>): SearchDocument {
  const { data } = group;
  return searchDocument(urls.group(group.id), nl.search.types.groepen!, [
    `<h1>${e(data.name)}</h1>`,
    `<p class="lead">${e(data.summary)}</p>`,
    (data.meets || data.place) &&
      facts([
        [nl.meets, data.meets && e(data.meets)],
        [nl.meetsWhere, data.place && e(data.place)],
      ]),
    prose(group),
    tags(data.topics),
  ]);
}

function personDocument(person: CheckedEntry<'mensen'>): SearchDocument {
  const { data } = person;
  return searchDocument(urls.person(person.id), nl.search.types['wie-helpt']!, [
    `<h1>${e(data.name)}</h1>`,
    `<p class="meta">${e(nl.roles[data.role] ?? data.role)}${data.organisation ? e(`, ${data.organisation}`) : ''}</p>`,
    `<h2>${e(nl.helpsWith)}</h2>`,
    `<ul class="topics">${data.topics.map((topic) => `<li><a>${e(topic)}</a></li>`).join('')}</ul>`,
    prose(person),
  ]);
}

function pageDocument(page: CheckedEntry<'paginas'>): SearchDocument {
  const { data } = page;
  return searchDocument(urls.page(page.id), nl.search.types.pagina!, [`<h1>${e(data.title)}</h1>`, `<p class="lead">${e(data.summary)}</p>`, prose(page)]);
}

function prikbordDocument(post: CheckedEntry<'prikbord'>): SearchDocument {
  const { data } = post;
  return searchDocument(urls.prikbordPost(post.id), nl.search.types.prikbord!, [
    `<p class="badge prikbord-kind">${e(nl.prikbord.kinds[data.kind] ?? data.kind)}</p>`,
    `<h1>${e(data.title)}</h1>`,
    facts([
      [nl.prikbord.category, `<a>${e(categoryLabel(data.category))}</a>`],
      [nl.prikbord.by, e(data.name)],
      [nl.prikbord.posted, `<time>${e(formatDate(parseAmsterdam(data.date), 'long'))}</time>`],
      [nl.prikbord.until, `<time>${e(formatDate(parseAmsterdam(lastDay(data)), 'long'))}</time>`],
    ]),
    prose(post),
  ]);
}
