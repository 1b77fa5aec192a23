/**
 * Astro integration, the last one: writes the built buurt's `_headers` (src/headers/deploy-headers.ts)
 * from the complete output. It reads the pages while Pagefind is still writing the search index and makes
 * the rules once the index is there, so a failing search index or unsound headers fail the build.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildContext } from '../core/build-context.ts';
import { writeDeployHeaders } from '../headers/deploy-headers.ts';

export function deployHeadersIntegration(options: { whileWriting?: () => Promise<unknown> | undefined } = {}): AstroIntegration {
  return {
    name: 'buurt-deploy-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { rules } = await writeDeployHeaders(buildContext().slug, fileURLToPath(dir), { whileWriting: options.whileWriting?.() });
        logger.info(`_headers: ${rules} rules, one policy for every path`);
      },
    },
  };
}
