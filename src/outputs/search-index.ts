/**
 * The static search index of one built buurt, made with Pagefind: only what pages mark with
 * `data-pagefind-body` is indexed (news items, activities, groups, people, free pages; never menus or
 * footers), in Dutch with Dutch stemming ("wandelen" finds "wandeling"). The index is written to
 * `<outDir>/pagefind/` and served by the site itself.
 *
 * During a build of checked content, the index is made from the content while Astro renders (see
 * src/integrations/search-index.ts and src/outputs/search-documents.ts): Pagefind's indexer is a separate process, so
 * it works on the other core instead of after the last page. `buildSearchIndex` indexes a folder of pages that is
 * already written.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { PlatformError } from '../core/errors.ts';

/** Pagefind's own ready-made interfaces, which the site does not use (it has its own small script). */
const UNUSED_FILES = /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/;

/** The attribute that marks the part of a page search looks at; pages without it are not indexed. */
const BODY_MARK = 'data-pagefind-body';

export interface SearchIndexResult {
  /** Pages in the index. */
  pages: number;
  /** The folder the index was written to. */
  outputPath: string;
}

/** Thrown when Pagefind fails; the build fails with it. */
export class SearchIndexError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'build' });
    this.name = 'SearchIndexError';
  }
}

/** How long Pagefind may take before the build gives up (its service never answers when its binary dies). */
export const SEARCH_INDEX_TIMEOUT_MS = 180_000;

/** An index being filled page by page. */
export interface SearchIndexer {
  /**
   * Offers one page of the site at `url` ("/agenda/buurtborrel/"). Returns at once; Pagefind works on it in
   * its own process. Pages without `data-pagefind-body` are not sent.
   */
  add(url: string, html: string): void;
  /** Waits for every page offered, writes `<outDir>/pagefind/` and stops Pagefind. */
  finish(outDir: string): Promise<SearchIndexResult>;
  /** Stops Pagefind without writing anything (a build that failed). */
  close(): Promise<void>;
}

/** Starts Pagefind for a new, empty index. */
export function startSearchIndex(timeoutMs = SEARCH_INDEX_TIMEOUT_MS): SearchIndexer {
  const created = pagefind.createIndex({ forceLanguage: 'nl' }).then(({ index, errors }) => {
    if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join('; ')}`);
    return index;
  });
  // A failure is reported by finish(), never as an unhandled rejection in the middle of the build.
  created.catch(() => undefined);
  const pending: Promise<void>[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pagefind.close();
  };
  return {
    add(url, html) {
      if (!html.includes(BODY_MARK)) return;
      const added = created
        .then((index) => index.addHTMLFile({ url, content: separateBlocks(searchablePart(html)) }))
        .then(({ errors }) => {
          if (errors.length) throw new SearchIndexError(`Pagefind could not index ${url}: ${errors.join('; ')}`);
        });
      added.catch(() => undefined);
      pending.push(added);
    },
    async finish(outDir) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new SearchIndexError(`Pagefind did not finish the search index of ${outDir} within ${timeoutMs / 1000} s; the build stops here`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([writeIndex(await created, pending, outDir), timeout]);
      } finally {
        clearTimeout(timer);
        await close();
      }
    },
    close,
  };
}

/** Indexes the built site in `outDir` (every HTML file outside the index itself) and writes `<outDir>/pagefind/`. */
export async function buildSearchIndex(outDir: string, timeoutMs = SEARCH_INDEX_TIMEOUT_MS): Promise<SearchIndexResult> {
  const indexer = startSearchIndex(timeoutMs);
  try {
    for (const file of await htmlFiles(outDir)) indexer.add(urlOf(file), await readFile(path.join(outDir, file), 'utf8'));
  } catch (error) {
    await indexer.close();
    throw error;
  }
  return indexer.finish(outDir);
}

async function writeIndex(index: pagefind.PagefindIndex, pending: readonly Promise<void>[], outDir: string): Promise<SearchIndexResult> {
  await Promise.all(pending);
  const outputPath = path.join(outDir, 'pagefind');
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
 * The part of a page Pagefind looks at, as a page of its own: the element marked `data-pagefind-body` (and
 * the page's language). Everything else, half of a page, is ignored by Pagefind anyway; not sending it
 * halves its work. A page whose marked element cannot be cut out cleanly is sent whole.
 */
export function searchablePart(html: string): string {
  const mark = html.indexOf(BODY_MARK);
  const start = html.lastIndexOf('<', mark);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(start, start + 20))?.[1]?.toLowerCase();
  if (mark === -1 || !tag || html.indexOf(BODY_MARK, mark + 1) !== -1) return html;
  // Find the matching end tag, counting elements of the same name opened inside it.
  const tags = new RegExp(`<(/?)${tag}(?=[\\s>/])`, 'gi');
  tags.lastIndex = start + 1;
  let depth = 1;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) {
      const end = html.indexOf('>', match.index) + 1;
      const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(html)?.[1] ?? 'nl';
      return `<!doctype html><html lang="${lang}"><body>${html.slice(start, end)}</body></html>`;
    }
  }
  return html;
}

/**
 * Puts a space before the end of list items, definition terms and table cells: the compressed HTML has none
 * between them, and Pagefind would otherwise index "Waarza 14 maart" as one word.
 */
export function separateBlocks(html: string): string {
  return html.replace(/<\/(dt|dd|li|td|th|figcaption)>/g, ' </$1>');
}
