/**
 * The static search index of one built buurt, made with Pagefind after Astro has written the pages: only
 * what pages mark with `data-pagefind-body` is indexed (news items, activities, groups, people, free pages;
 * never menus or footers), in Dutch with Dutch stemming ("wandelen" finds "wandeling"). The index is
 * written to `<outDir>/pagefind/` and served by the site itself.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';

/** Pagefind's own ready-made interfaces, which the site does not use (it has its own small script). */
const UNUSED_FILES = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

export interface SearchIndexResult {
  /** Pages in the index. */
  pages: number;
  /** The folder the index was written to. */
  outputPath: string;
}

/** Thrown when Pagefind fails; the build fails with it. */
export class SearchIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchIndexError';
  }
}

/** How long Pagefind may take before the build gives up (its service never answers when its binary dies). */
export const SEARCH_INDEX_TIMEOUT_MS = 180_000;

/** Indexes the built site in `outDir` and writes `<outDir>/pagefind/`. */
export async function buildSearchIndex(outDir: string, timeoutMs = SEARCH_INDEX_TIMEOUT_MS): Promise<SearchIndexResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SearchIndexError(`Pagefind did not finish the search index of ${outDir} within ${timeoutMs / 1000} s; the build stops here`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([indexSite(outDir), timeout]);
  } finally {
    clearTimeout(timer);
    await pagefind.close();
  }
}

async function indexSite(outDir: string): Promise<SearchIndexResult> {
  const outputPath = path.join(outDir, 'pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'nl' });
  if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join('; ')}`);
  for (const file of await htmlFiles(outDir)) {
    const content = separateBlocks(await readFile(path.join(outDir, file), 'utf8'));
    const added = await index.addHTMLFile({ url: urlOf(file), content });
    if (added.errors.length) throw new SearchIndexError(`Pagefind could not index ${file}: ${added.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new SearchIndexError(`Pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
  for (const name of await readdir(outputPath)) {
    if (UNUSED_FILES.test(name)) await rm(path.join(outputPath, name));
  }
  const entry = JSON.parse(await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  return { pages, outputPath };
}

/** Every HTML file of a built site (relative paths with "/"), outside the search index itself. */
async function htmlFiles(outDir: string): Promise<string[]> {
  const files = await readdir(outDir, { recursive: true });
  return files
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'))
    .sort();
}

/** "agenda/buurtborrel/index.html" → "/agenda/buurtborrel/". */
function urlOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Puts a space before the end of list items, definition terms and table cells: the compressed HTML has none
 * between them, and Pagefind would otherwise index "Waarza 14 maart" as one word.
 */
export function separateBlocks(html: string): string {
  return html.replace(/<\/(dt|dd|li|td|th|figcaption)>/g, ' </$1>');
}
