/**
 * What the prikbord shows at a given moment: which posts are still up (Amsterdam day boundary), in which
 * order, with which counts per kind and category. Pages, feeds, the search index, `buurt check` and the
 * clean-up command all ask here, so an expired post disappears from all of them at the same build.
 */
import { addDays, formatIsoDate, parseWallClock, toDateString } from '../dates/dates.ts';
import { DEFAULT_PRIKBORD_CATEGORIES, PRIKBORD_DEFAULT_DAYS, type prikbordKinds, type PrikbordData, type SiteConfig } from '../model/schemas.ts';
import { slugify } from '../model/urls.ts';

export type PrikbordKind = (typeof prikbordKinds)[number];

/** The smallest part of an entry these functions read, so content entries and Astro entries both fit. */
export interface PostLike {
  id: string;
  data: Pick<PrikbordData, 'kind' | 'category' | 'date' | 'validUntil' | 'draft'> & Partial<PrikbordData>;
}

/** Days a post stays in the repository after its last day before `buurt prikbord opruimen` removes it. */
export const PRIKBORD_GRACE_DAYS = 14;

/** The buurt's categories (site.yaml `prikbord.categories`, or the default list). */
export function prikbordCategories(site: Pick<SiteConfig, 'prikbord'> | undefined): readonly string[] {
  return site?.prikbord?.categories ?? DEFAULT_PRIKBORD_CATEGORIES;
}

/** The last day a post is shown: its `validUntil`, or four weeks after its `date` ("2026-12-30"). */
export function lastDay(data: Pick<PrikbordData, 'date' | 'validUntil'>): string {
  return data.validUntil ?? formatIsoDate(addDays(parseWallClock(data.date), PRIKBORD_DEFAULT_DAYS));
}

/** The default `validUntil` of a post made on `date`: four weeks later. */
export function defaultValidUntil(date: string): string {
  return formatIsoDate(addDays(parseWallClock(date), PRIKBORD_DEFAULT_DAYS));
}

/** True from the first moment of the Amsterdam day after the post's last day. */
export function isExpired(data: Pick<PrikbordData, 'date' | 'validUntil'>, now: Date): boolean {
  return toDateString(now) > lastDay(data);
}

/** True once the post has been expired for more than `graceDays` full days (Amsterdam): time to remove it. */
export function isPastGrace(data: Pick<PrikbordData, 'date' | 'validUntil'>, now: Date, graceDays = PRIKBORD_GRACE_DAYS): boolean {
  return toDateString(now) > formatIsoDate(addDays(parseWallClock(lastDay(data)), graceDays));
}

/** True when the post is shown at `now`: not hidden, already dated, not expired. */
export function isLivePost(post: PostLike, now: Date): boolean {
  return !post.data.draft && post.data.date <= toDateString(now) && !isExpired(post.data, now);
}

/** The posts shown at `now`, newest first (by date, then by name for a stable order). */
export function livePosts<T extends PostLike>(posts: readonly T[], now: Date): T[] {
  return posts.filter((post) => isLivePost(post, now)).sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}

/** A category's address part: "computerhulp", "tuin-en-balkon". */
export const categorySlug = slugify;

export interface PrikbordCounts {
  total: number;
  byKind: Record<PrikbordKind, number>;
  /** Every category of the buurt, in its order, with its number of live posts (also 0). */
  byCategory: { category: string; slug: string; count: number }[];
}

/** How many live posts there are per kind and per category. */
export function prikbordCounts(live: readonly PostLike[], categories: readonly string[]): PrikbordCounts {
  const byKind = { vraag: 0, aanbod: 0 } as Record<PrikbordKind, number>;
  for (const post of live) byKind[post.data.kind] += 1;
  return {
    total: live.length,
    byKind,
    byCategory: categories.map((category) => ({ category, slug: categorySlug(category), count: live.filter((p) => p.data.category === category).length })),
  };
}

/** The first words of a post's text for cards and feeds, without markdown signs. */
export function postExcerpt(body: string | undefined, max = 160): string {
  const flat = (body ?? '')
    .replace(/[#*_>`[\]]/g, '')
    .replace(/\(https?:\/\/[^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/** "klussen" → "Klussen", for headings and labels. */
export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}
