/**
 * Astro integration: the search index of `/zoeken/` (see src/lib/search-index.ts). Pagefind starts with the
 * build, receives each page from a middleware as soon as it is rendered, and writes the index once Astro
 * has written the last page, while the later hooks run (see `written`). Also makes sure no script is ever
 * inlined into a page: the strict Content-Security-Policy allows only script files from the site itself.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex, startSearchIndex, type SearchIndexer, type SearchIndexResult } from '../lib/search-index.ts';
import { setPageSink } from '../lib/search-index-handoff.ts';

/** The integration, and a promise of the written index for the hooks that run after it. */
export type SearchIndexIntegration = AstroIntegration & {
  /** Settles when the index is written (or failed); undefined before the build is done. */
  written(): Promise<unknown> | undefined;
};

export function searchIndexIntegration(): SearchIndexIntegration {
  let indexer: SearchIndexer | undefined;
  let written: Promise<SearchIndexResult> | undefined;
  return {
    written: () => written,
    name: 'buurt-search-index',
    hooks: {
      'astro:config:setup': ({ command, updateConfig, addMiddleware }) => {
        updateConfig({ vite: { build: { assetsInlineLimit: 0 } } });
        if (command === 'build') addMiddleware({ entrypoint: new URL('./search-index-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:build:start': () => {
        indexer = startSearchIndex();
        setPageSink(indexer);
      },
      'astro:build:done': ({ dir, logger }) => {
        setPageSink(undefined);
        const outDir = fileURLToPath(dir);
        const current = indexer;
        // Pagefind writes the index in its own process while the hooks after this one do their work; the
        // last of them (deploy headers) waits for it, and a failure fails the build there.
        written = (async () => {
          if (current && current.offered > 0) return current.finish(outDir);
          // No page came through the middleware (it did not run): index the written files instead, slower.
          logger.warn('no page reached the search index while rendering; indexing the written pages instead');
          await current?.close();
          return buildSearchIndex(outDir);
        })();
        written.then((result) => logger.info(`search index: ${result.pages} pages`)).catch(() => undefined);
      },
    },
  };
}
