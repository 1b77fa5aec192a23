/**
 * The Astro integration for /admin/ (Decap CMS):
 * - after a build, writes /admin/ into the output: Decap from npm, the buurt's generated config with its
 *   production backend (site.yaml `cms:`), the admin page and script, and the preview stylesheet;
 * - in dev (`buurt dev`), serves the same /admin/ with the local backend, and answers the CMS API on the site's
 *   own origin with the local backend (src/cms/local-backend.ts), set up by `buurt dev` through
 *   `BUURT_CMS_REPO`, `BUURT_CMS_BRANCH`, `BUURT_CMS_SERVED` and `BUURT_CMS_AUTHOR_*`, and forwards the residents'
 *   forms to the Netlify Functions that `buurt dev` runs (`BUURT_FUNCTIONS_URL`, src/cms/dev-functions.ts).
 * The CMS bundle is only ever referenced from /admin/index.html: resident pages never load it.
 */
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroIntegration } from 'astro';
import type { ViteDevServer } from 'vite';
import { buildContext } from '../core/build-context.ts';

/** The CMS modules, loaded when a hook first needs them (not while Astro starts). */
const adminFiles = () => import('../cms/admin-files.ts');

export function cmsIntegration(): AstroIntegration {
  const context = buildContext();
  return {
    name: 'buurt-cms',
    hooks: {
      'astro:build:start': () => {
        // Bundling the admin script (esbuild, its own process) starts now and is done long before the pages.
        adminFiles()
          .then(({ adminScript }) => adminScript())
          .catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { writeAdmin } = await adminFiles();
        await writeAdmin(fileURLToPath(dir), { slug: context.slug });
        logger.info('/admin/ written (Decap CMS)');
      },
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        // Astro puts its own middlewares (trailing-slash redirects, 404s) at the front of the stack in a late
        // hook; ours goes in front of those, in a later one, so /api/v1 reaches the local backend.
        const plugin = {
          name: 'buurt-cms-dev',
          enforce: 'post' as const,
          configureServer: (server: ViteDevServer) => () => {
            server.middlewares.stack.unshift({ route: '', handle: devMiddleware(context.slug) as never });
          },
        };
        updateConfig({ vite: { plugins: [plugin] } });
      },
    },
  };
}

/**
 * Dev only: the Netlify Functions' paths forwarded to the runtime of `buurt dev` (BUURT_FUNCTIONS_URL), /admin/
 * with the local backend, and the CMS API answered in this process (BUURT_CMS_REPO).
 */
function devMiddleware(slug: string) {
  const env = process.env;
  const branch = env.BUURT_CMS_BRANCH ?? 'main';
  const port = Number(env.PORT ?? 4321);
  // `buurt dev` with the residents' forms: their paths go to the functions runtime (src/cms/dev-functions.ts).
  const forward = import('../cms/dev-functions.ts').then(({ functionsForwarder }) => functionsForwarder(env));
  const modules = Promise.all([adminFiles(), import('../cms/backend.ts'), import('../cms/local-api.ts'), import('../cms/local-backend.ts')]);
  const backend = modules.then(([, , , { createLocalBackend }]) =>
    env.BUURT_CMS_REPO && env.BUURT_CMS_SERVED && env.BUURT_CMS_SERVED_COMMIT
      ? createLocalBackend({
          repoDir: env.BUURT_CMS_REPO,
          slug,
          branch,
          servedDir: env.BUURT_CMS_SERVED,
          servedCommit: env.BUURT_CMS_SERVED_COMMIT,
          author: { name: env.BUURT_CMS_AUTHOR_NAME ?? '', email: env.BUURT_CMS_AUTHOR_EMAIL ?? '' },
          log: (line) => console.error(line),
        })
      : undefined,
  );
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    Promise.all([modules, backend, forward])
      .then(([[{ adminContent, adminFile }, { localBackend }, { handleCmsApi, isCmsApiRequest }], api, functions]) => {
        if (functions?.(req, res)) return;
        if (api && isCmsApiRequest(req)) {
          void handleCmsApi(req, res, api, port);
          return;
        }
        const pathname = decodeURIComponent((req.url ?? '/').split('?')[0]!);
        if (pathname === '/admin') {
          res.writeHead(301, { Location: '/admin/' }).end();
          return;
        }
        if (!pathname.startsWith('/admin/')) return next();
        const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
        adminFile(pathname, () => adminContent({ slug, backend: localBackend(branch), siteUrl: origin })).then(
          (file) => {
            if (!file) return next();
            res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
          },
          (error: unknown) => next(error),
        );
      })
      .catch((error: unknown) => next(error));
  };
}
