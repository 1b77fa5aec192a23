/**
 * The one module that knows the platform's folder layout:
 *
 *   sites/<slug>/site.yaml, sites/<slug>/content/<collection>/*.md, sites/<slug>/media/
 *   templates/<template>/
 *   dist/<slug>/            the published site of one buurt
 *   .cache/<slug>/          per-buurt build cache (Astro cache, processed images)
 *
 * `BUURT_SITES_DIR`, `BUURT_DIST_DIR` and `BUURT_CACHE_DIR` move the three roots, so tests can point at fixture
 * buurten and write their output elsewhere.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder holding one folder per buurt. */
export function sitesDir(): string {
  return path.resolve(process.env.BUURT_SITES_DIR ?? path.join(rootDir, 'sites'));
}

/** Folder holding the starter templates for new buurten. */
export function templatesDir(): string {
  return path.resolve(process.env.BUURT_TEMPLATES_DIR ?? path.join(rootDir, 'templates'));
}

/** Folder the built sites are published to, one sub-folder per buurt. */
export function distRoot(): string {
  return path.resolve(process.env.BUURT_DIST_DIR ?? path.join(rootDir, 'dist'));
}

/** Folder holding the per-buurt build caches. */
export function cacheRoot(): string {
  return path.resolve(process.env.BUURT_CACHE_DIR ?? path.join(rootDir, '.cache'));
}

/** The content collections every buurt has, as folders under `content/`. */
export const collectionNames = ['nieuws', 'agenda', 'groepen', 'mensen', 'paginas', 'prikbord'] as const;
export type CollectionName = (typeof collectionNames)[number];

/** All paths belonging to one buurt. */
export interface SitePaths {
  slug: string;
  siteDir: string;
  configFile: string;
  contentDir: string;
  mediaDir: string;
  distDir: string;
  cacheDir: string;
}

/** Resolves every path of the buurt `slug`. */
export function sitePaths(slug: string): SitePaths {
  const siteDir = path.join(sitesDir(), slug);
  return {
    slug,
    siteDir,
    configFile: path.join(siteDir, 'site.yaml'),
    contentDir: path.join(siteDir, 'content'),
    mediaDir: path.join(siteDir, 'media'),
    distDir: path.join(distRoot(), slug),
    cacheDir: path.join(cacheRoot(), slug),
  };
}

/** The folder of one content collection of a buurt. */
export function collectionDir(slug: string, collection: CollectionName): string {
  return path.join(sitePaths(slug).contentDir, collection);
}

/** A path relative to the repository root (or the current folder), for messages. */
export function displayPath(file: string): string {
  const fromCwd = path.relative(process.cwd(), file);
  return fromCwd.startsWith('..') ? file : fromCwd;
}
