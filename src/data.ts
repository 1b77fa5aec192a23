/** What every page needs from the content layer: the buurt's config, its collections and the build's "now". */
import { getCollection, getEntry } from 'astro:content';
import { buildContext } from './lib/build-context.ts';
import type { SiteConfig } from './lib/schemas.ts';

export async function getSite(): Promise<SiteConfig> {
  const entry = await getEntry('site', 'config');
  if (!entry) throw new Error('site.yaml was not loaded');
  return entry.data as SiteConfig;
}

/** The moment this build treats as now. */
export function getNow(): Date {
  return buildContext().now;
}

export const getNews = () => getCollection('nieuws');
export const getActivities = () => getCollection('agenda');
export const getGroups = () => getCollection('groepen', (g) => !g.data.draft);
export const getPeople = () => getCollection('mensen', (p) => !p.data.draft);
export const getPages = () => getCollection('paginas', (p) => !p.data.draft);
