// Builds exactly one buurt: the one named by the BUURT environment variable (see src/core/build-context.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import { buurtIntegration } from './src/integrations/buurt.ts';
import { searchIndexIntegration } from './src/integrations/search-index.ts';
import { cmsIntegration } from './src/integrations/cms.ts';
import { deployHeadersIntegration } from './src/integrations/deploy-headers.ts';
import { astroRoot, buildContext } from './src/core/build-context.ts';
import { loadSiteConfig } from './src/model/content.ts';
import { cacheRoot, distRoot, sitesDir, templatesDir } from './src/core/paths.ts';
import { isUnlisted } from './src/model/urls.ts';

// Pages are bundled into another folder, where paths.ts cannot find the repository from its own location:
// hand the resolved roots to them through the environment.
process.env.BUURT_SITES_DIR = sitesDir();
process.env.BUURT_DIST_DIR = distRoot();
process.env.BUURT_CACHE_DIR = cacheRoot();
process.env.BUURT_TEMPLATES_DIR = templatesDir();

const context = buildContext();
const { config: site } = await loadSiteConfig(context.slug);

const repoDir = path.dirname(fileURLToPath(import.meta.url));
const search = searchIndexIntegration();

// A plain object, not `defineConfig` from 'astro/config': that entry point loads SVGO and the font providers
// (some 300 modules) only to hand the object back.
/** @type {import('astro').AstroUserConfig} */
export default {
  root: process.env.BUURT_SHARED_ROOT === '1' ? repoDir : astroRoot(context),
  srcDir: path.join(repoDir, 'src'),
  publicDir: path.join(repoDir, 'public'),
  site: site?.domain ?? 'https://example.invalid',
  outDir: context.outDir,
  cacheDir: path.join(context.cacheDir, 'astro'),
  trailingSlash: 'always',
  // concurrency: while one page waits for its folder and file to be written, the next ones render (measured
  // with \`npm run bench\`: 1,467 pages in 2.9 s instead of 3.8 s).
  build: { format: 'directory', inlineStylesheets: 'never', assets: '_astro', concurrency: 8 },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
  integrations: [
    buurtIntegration(),
    // sitemap-index.xml + sitemap-0.xml on the buurt's domain; the search page has nothing of its own to find,
    // and the print pages (the wijkkrant, posters) repeat what the agenda pages say.
    sitemap({ filter: (page) => !isUnlisted(new URL(page).pathname) }),
    search,
    cmsIntegration(),
    // Last: the headers are made from the complete output, search index and /admin/ included.
    deployHeadersIntegration({ whileWriting: search.written }),
  ],
};
