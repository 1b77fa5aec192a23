/** What every page needs from the content layer: the buurt's config, its collections and the build's "now". */
import { getCollection, getEntry } from 'astro:content';
import { buildContext } from '../core/build-context.ts';
import type { SiteConfig } from '../model/schemas.ts';

/**
 * In a build the content cannot change, yet every one of its pages asks for the config, the menu's pages and
 * often a whole collection: answer from the first answer (a fresh array each time, so no page can reorder
 * another's). The dev server asks Astro every time, because editors change files while it runs.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  if (!import.meta.env.PROD) return load;
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

function list<T>(load: () => Promise<T[]>): () => Promise<T[]> {
  const cached = once(load);
  return async () => [...(await cached())];
}

export const getSite = once(async (): Promise<SiteConfig> => {
  const entry = await getEntry('site', 'config');
  if (!entry) throw new Error('site.yaml was not loaded');
  return entry.data as SiteConfig;
});

let now: number | undefined;

/** The moment this build treats as now (a fresh Date each time). */
export function getNow(): Date {
  if (!import.meta.env.PROD) return buildContext().now;
  now ??= buildContext().now.getTime();
  return new Date(now);
}

export const getNews = list(() => getCollection('nieuws'));
export const getActivities = list(() => getCollection('agenda'));
export const getGroups = list(() => getCollection('groepen', (g) => !g.data.draft));
export const getPeople = list(() => getCollection('mensen', (p) => !p.data.draft));
export const getPages = list(() => getCollection('paginas', (p) => !p.data.draft));
export const getPrikbord = list(() => getCollection('prikbord'));
