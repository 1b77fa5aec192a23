/**
 * The Astro integration that ties a build to one buurt:
 * - `virtual:buurt-theme.css`: the buurt's colours as CSS custom properties, bundled with the site's CSS
 *   (no inline styles, one stylesheet);
 * - in dev, serves processed photos from the image cache at /_fotos/;
 * - before a build, runs every content check unless the CLI already did (BUURT_CHECKED=1).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { buildContext } from '../core/build-context.ts';
import { themeCss, themeFromColours } from '../theme/colours.ts';
import { loadSiteConfig } from '../model/content.ts';
import { ContentError, hasErrors } from '../model/problems.ts';

const THEME_ID = 'virtual:buurt-theme.css';
const RESOLVED_THEME_ID = '\0buurt-theme.css';

export function buurtIntegration(): AstroIntegration {
  const context = buildContext();
  return {
    name: 'buurt',
    hooks: {
      'astro:config:setup': ({ updateConfig, addWatchFile }) => {
        addWatchFile(context.configFile);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'buurt-theme',
                resolveId: (id: string) => (id === THEME_ID ? RESOLVED_THEME_ID : undefined),
                load: async (id: string) => {
                  if (id !== RESOLVED_THEME_ID) return undefined;
                  const { config } = await loadSiteConfig(context.slug);
                  return themeCss(themeFromColours(config?.colors ?? { primary: '#1d5c8c', accent: '#f2b84b' }));
                },
              },
            ],
          },
        });
      },
      'astro:server:setup': ({ server }) => {
        server.watcher.on('change', (file) => {
          if (file === context.configFile) {
            const mod = server.moduleGraph.getModuleById(RESOLVED_THEME_ID);
            if (mod) server.moduleGraph.invalidateModule(mod);
          }
        });
        server.middlewares.use('/_fotos/', (req, res, next) => {
          const name = path.basename(decodeURIComponent((req.url ?? '').split('?')[0]!));
          const file = path.join(context.cacheDir, 'images', name);
          stat(file).then(
            () => {
              res.setHeader('Content-Type', name.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
              createReadStream(file).pipe(res);
            },
            () => next(),
          );
        });
      },
      'astro:build:start': async ({ logger }) => {
        if (process.env.BUURT_CHECKED === '1') return;
        // Loaded only here: the CLI has checked already in almost every build, and the checks (sharp among
        // them) take a third of a second to load.
        const { checkSite } = await import('../check/index.ts');
        const { problems } = await checkSite(context.slug);
        if (hasErrors(problems)) throw new ContentError(problems);
        logger.info(`content of ${context.slug} checked: no errors`);
      },
    },
  };
}
