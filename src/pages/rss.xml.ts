import type { APIRoute } from 'astro';
import { getNews, getNow, getSite } from '../render/data.ts';
import { bodyHtml, photoHtml } from '../render/photos.ts';
import { parseAmsterdam } from '../dates/dates.ts';
import { absolutizeHtml, rssFeed } from '../outputs/feeds.ts';
import { escapeHtml } from '../markdown/markdown.ts';
import { publishedNews } from '../listings/news.ts';
import { absoluteUrl } from '../outputs/seo.ts';
import { nl } from '../model/strings.ts';
import { urls } from '../model/urls.ts';

/** Items in the news feed: feed readers keep older ones themselves. */
const FEED_SIZE = 30;

export const GET: APIRoute = async () => {
  const site = await getSite();
  const now = getNow();
  const news = publishedNews(await getNews(), now).slice(0, FEED_SIZE);
  const items = await Promise.all(
    news.map(async (item) => {
      const photo = item.data.image ? await photoHtml(item.data.image, item.data._file, { eager: true }) : '';
      const body = await bodyHtml(item, site.domain);
      return {
        title: item.data.title,
        link: absoluteUrl(site.domain, urls.news(item.id)),
        description: item.data.summary,
        contentHtml: absolutizeHtml(`${photo}<p>${escapeHtml(item.data.summary)}</p>${body}`, site.domain),
        pubDate: parseAmsterdam(item.data.date),
        categories: item.data.tags,
      };
    }),
  );
  const body = await rssFeed({
    title: nl.feeds.news(site.name),
    link: absoluteUrl(site.domain, urls.newsIndex()),
    description: nl.feeds.newsDescription(site.name),
    feedUrl: absoluteUrl(site.domain, '/rss.xml'),
    lastBuildDate: now,
    image: { url: absoluteUrl(site.domain, '/deelafbeelding.jpg'), title: nl.feeds.news(site.name), link: absoluteUrl(site.domain, urls.newsIndex()) },
    items,
  });
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
