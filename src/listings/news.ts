/** Which news items are published, in what order, and how they are split into pages. */
import { parseAmsterdam } from '../dates/dates.ts';
import type { NewsData } from '../model/schemas.ts';

/** News items per overview page. */
export const NEWS_PAGE_SIZE = 10;

export interface NewsLike {
  id: string;
  data: NewsData;
}

/** The moment a news item becomes visible: its `publishAt`, or its date. */
export function publicationMoment(item: NewsLike): Date {
  return parseAmsterdam(item.data.publishAt ?? item.data.date);
}

/** True when the item is not a draft and its publication moment has come at `now`. */
export function isPublished(item: NewsLike, now: Date): boolean {
  return !item.data.draft && publicationMoment(item).getTime() <= now.getTime();
}

/** Published items, newest first. */
export function publishedNews<N extends NewsLike>(items: readonly N[], now: Date): N[] {
  return items
    .filter((item) => isPublished(item, now))
    .sort((a, b) => parseAmsterdam(b.data.date).getTime() - parseAmsterdam(a.data.date).getTime() || a.id.localeCompare(b.id));
}

/** The URL of overview page `page` (1-based): "/nieuws/", "/nieuws/pagina/2/". */
export function newsPageUrl(page: number): string {
  return page <= 1 ? '/nieuws/' : `/nieuws/pagina/${page}/`;
}

export interface NewsPage<N> {
  page: number;
  pageCount: number;
  items: N[];
}

/** Splits published items into overview pages; there is always at least one (possibly empty) page. */
export function paginate<N>(items: readonly N[], pageSize = NEWS_PAGE_SIZE): NewsPage<N>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: pageCount }, (_, i) => ({
    page: i + 1,
    pageCount,
    items: items.slice(i * pageSize, (i + 1) * pageSize),
  }));
}

/**
 * Page numbers to show in the pagination, with gaps as null: [1, null, 4, 5, 6, null, 12]. Always the first,
 * the last, and the current page with its neighbours.
 */
export function paginationNumbers(current: number, count: number): (number | null)[] {
  const wanted = new Set([1, count, current - 1, current, current + 1].filter((n) => n >= 1 && n <= count));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const n of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === 'number' && n - previous === 2) result.push(previous + 1);
    else if (typeof previous === 'number' && n - previous > 2) result.push(null);
    result.push(n);
  }
  return result;
}
