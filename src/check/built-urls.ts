/**
 * The addresses a build of a buurt will have, computed with the same library functions the pages use
 * (`publishedNews`, `paginate`, `isPublishedActivity`, `publishedPeople`, `topicsOf`, `urls`), so links can be
 * checked without building. Drafts and news not yet published at `now` are not built.
 */
import type { Entry, LoadedSite } from '../model/content.ts';
import { agendaGroupIds, agendaMonthKeys, agendaTopics, isPublishedActivity } from '../listings/agenda.ts';
import { newsPageUrl, paginate, publicationMoment, publishedNews } from '../listings/news.ts';
import { publishedPeople, topicsOf } from '../listings/people.ts';
import { urls } from '../model/urls.ts';
import { pageUrlOf } from './bodies.ts';

/** What makes one address. */
export interface BuiltPage {
  url: string;
  /** The content file the page shows, if any. */
  entry?: Entry | undefined;
  /** Topic pages: the topic as written. */
  topic?: string | undefined;
  /** Fixed pages of the site (sections, the archive, overview pages). */
  fixed?: boolean;
}

/** Every address the site will build at `now`, each with what produces it (more than one is a clash). */
export function builtPages(site: LoadedSite, now: Date): Map<string, BuiltPage[]> {
  const pages = new Map<string, BuiltPage[]>();
  const add = (page: BuiltPage) => {
    const list = pages.get(page.url) ?? [];
    list.push(page);
    pages.set(page.url, list);
  };
  for (const url of [urls.home(), urls.newsIndex(), urls.agenda(), urls.archive(), urls.groups(), urls.helpers(), '/404.html']) add({ url, fixed: true });
  const { nieuws, agenda, groepen, mensen, paginas } = site.entries;
  const news = publishedNews(nieuws, now);
  for (const page of paginate(news).slice(1)) add({ url: newsPageUrl(page.page), fixed: true });
  for (const item of news) add({ url: urls.news(item.id), entry: item });
  for (const activity of agenda.filter(isPublishedActivity)) add({ url: urls.activity(activity.id), entry: activity });
  for (const activity of agenda.filter(isPublishedActivity)) add({ url: urls.poster(activity.id), entry: activity });
  add({ url: urls.krant(), fixed: true });
  for (const key of agendaMonthKeys(agenda, now)) {
    add({ url: urls.agendaMonth(key), fixed: true });
    add({ url: urls.krant(key), fixed: true });
  }
  const groupIds = groepen.filter((g) => !g.data.draft).map((g) => g.id);
  for (const id of agendaGroupIds(agenda, groupIds, now)) add({ url: urls.agendaGroup(id), fixed: true });
  for (const topic of agendaTopics(agenda, now)) add({ url: urls.agendaTopic(topic.label), topic: topic.label });
  for (const group of groepen.filter((g) => !g.data.draft)) add({ url: urls.group(group.id), entry: group });
  const people = publishedPeople(mensen);
  for (const person of people) add({ url: urls.person(person.id), entry: person });
  for (const topic of topicsOf(people)) add({ url: urls.topic(topic.topic), topic: topic.topic });
  for (const page of paginas.filter((p) => !p.data.draft && p.id !== 'welkom')) add({ url: urls.page(page.id), entry: page });
  return pages;
}

/** Why a content file has no page at `now`. */
export interface Unpublished {
  entry: Entry;
  /** "draft", or "scheduled" for news whose publication moment is still to come. */
  reason: 'draft' | 'scheduled';
  /** For scheduled news: when it appears. */
  from?: Date;
}

/** The addresses content files would have but do not get at `now`: drafts and scheduled news. */
export function unpublishedPages(site: LoadedSite, now: Date): Map<string, Unpublished> {
  const result = new Map<string, Unpublished>();
  for (const entries of Object.values(site.entries)) {
    for (const entry of entries as Entry[]) {
      if (entry.collection === 'paginas' && entry.id === 'welkom') continue;
      if ((entry.data as { draft?: boolean }).draft) result.set(pageUrlOf(entry), { entry, reason: 'draft' });
    }
  }
  for (const item of site.entries.nieuws) {
    const from = publicationMoment(item);
    if (!item.data.draft && from.getTime() > now.getTime()) result.set(urls.news(item.id), { entry: item, reason: 'scheduled', from });
  }
  return result;
}
