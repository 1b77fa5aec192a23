/**
 * Astro integration: the search index of `/zoeken/` (see src/lib/search-index.ts). Pagefind starts with the
 * build, receives each page from a middleware as soon as it is rendered, and writes the index once Astro
 * has written the last page. Also makes sure no script is ever inlined into a page: the strict
 * Content-Security-Policy allows only script files from the site itself.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex, startSearchIndex, type SearchIndexer } from '../lib/search-index.ts';
import { setPageSink } from '../lib/search-index-handoff.ts';

export function searchIndexIntegration(): AstroIntegration {
  let indexer: SearchIndexer | undefined;
  return {
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
      'astro:build:done': async ({ dir, logger }) => {
        setPageSink(undefined);
        const outDir = fileURLToPath(dir);
        let result;
        if (indexer && indexer.offered > 0) {
          result = await indexer.finish(outDir);
        } else {
          // No page came through the middleware (it did not run): index the written files instead.
          await indexer?.close();
          result = await buildSearchIndex(outDir);
        }
        logger.info(`search index: ${result.pages} pages`);
      },
    },
  };
}
