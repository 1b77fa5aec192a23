/**
 * Astro integration: the search index of `/zoeken/` (see src/outputs/search-index.ts). In a build of checked
 * content (the CLI's, see src/model/checked-content.ts) Pagefind indexes the content's search documents
 * (src/outputs/search-documents.ts) as soon as Astro has loaded its config and writes the index to a folder of its
 * own while Astro bundles and renders; when Astro has written the last page, the finished index is moved into
 * the output. Without checked content (a bare `astro build`) the written pages are indexed after the build.
 * The hooks after this one wait for `written`. Also makes sure no script is ever inlined into a page: the
 * strict Content-Security-Policy allows only script files from the site itself.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildContext, searchIndexStaging } from '../core/build-context.ts';
import { CHECKED_CONTENT_ENV, readCheckedContent } from '../model/checked-content.ts';
import { searchDocuments } from '../outputs/search-documents.ts';
import { buildSearchIndex, startSearchIndex, type SearchIndexResult } from '../outputs/search-index.ts';

/** The integration, and a promise of the written index for the hooks that run after it. */
export type SearchIndexIntegration = AstroIntegration & {
  /** Settles when the index is in the output (or failed); undefined before the build is done. */
  written(): Promise<unknown> | undefined;
};

export function searchIndexIntegration(): SearchIndexIntegration {
  let building = false;
  let early: Promise<SearchIndexResult> | undefined;
  let written: Promise<SearchIndexResult> | undefined;
  return {
    written: () => written,
    name: 'buurt-search-index',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { build: { assetsInlineLimit: 0 } } });
        building = command === 'build';
      },
      'astro:config:done': () => {
        const checked = process.env[CHECKED_CONTENT_ENV];
        if (!building || !checked) return;
        early = indexCheckedContent(checked);
        // A failure is reported through `written`, never as an unhandled rejection in the middle of the build.
        early.catch(() => undefined);
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        written = early ? early.then((index) => moveInto(index, outDir)) : buildSearchIndex(outDir);
        written.then((result) => logger.info(`search index: ${result.pages} pages`)).catch(() => undefined);
      },
    },
  };
}

/** Indexes the checked content into the build's staging folder (see `searchIndexStaging`). */
async function indexCheckedContent(file: string): Promise<SearchIndexResult> {
  const context = buildContext();
  const staging = searchIndexStaging(context.outDir);
  const indexer = startSearchIndex();
  try {
    await rm(staging, { recursive: true, force: true });
    for (const { url, html } of searchDocuments(await readCheckedContent(file), context.now)) indexer.add(url, html);
  } catch (error) {
    await indexer.close();
    throw error;
  }
  return indexer.finish(staging);
}

/** Moves a written index into `<outDir>/pagefind/`. */
async function moveInto(index: SearchIndexResult, outDir: string): Promise<SearchIndexResult> {
  const target = path.join(outDir, 'pagefind');
  await rename(index.outputPath, target);
  await rm(path.dirname(index.outputPath), { recursive: true, force: true });
  return { ...index, outputPath: target };
}
