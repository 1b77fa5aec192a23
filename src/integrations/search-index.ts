/**
 * Astro integration: after the build has written every page, index them for `/zoeken/` (see
 * src/lib/search-index.ts). Also makes sure no script is ever inlined into a page: the strict
 * Content-Security-Policy allows only script files from the site itself.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from '../lib/search-index.ts';

export function searchIndexIntegration(): AstroIntegration {
  return {
    name: 'buurt-search-index',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { assetsInlineLimit: 0 } } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const result = await buildSearchIndex(fileURLToPath(dir));
        logger.info(`search index: ${result.pages} pages`);
      },
    },
  };
}
