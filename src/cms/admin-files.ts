/**
 * The files of /admin/ in a built site (and in dev): Decap CMS copied from npm (its bundle, numbered chunks
 * and WebAssembly files; never the 55 MB of source maps), the generated config, a page that loads only
 * external scripts (the admin page's CSP allows no inline script), our own admin script bundled by esbuild,
 * and the site's stylesheet with the buurt's colours for the preview panes.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { themeCss, themeFromColours } from '../theme/colours.ts';
import { loadCollection, loadSiteConfig } from '../model/content.ts';
import { rootDir } from '../core/paths.ts';
import type { SiteConfig } from '../model/schemas.ts';
import { type CmsBackendConfig, productionBackend } from './backend.ts';
import { cmsConfigYaml, createCmsConfig } from './config.ts';
import { HANDLEIDING_DIR, HANDLEIDING_PATH, handleidingFiles } from './handleiding.ts';
import { adminTexts } from './texts.ts';

/** The URL folder of the admin. */
export const ADMIN_PATH = '/admin/';
/** Our admin script's file name in /admin/. */
export const ADMIN_SCRIPT = 'buurt-admin.js';
/** Our script that must run before decap-cms.js (src/admin/store-guard.ts). */
export const ADMIN_STORE_SCRIPT = 'buurt-admin-store.js';
/** The admin's stylesheet (src/admin/admin.css): Decap's layout on a phone, our messages. */
export const ADMIN_STYLESHEET = 'admin.css';

/** The folder of the installed decap-cms package's browser build. */
export function decapDistDir(): string {
  const require = createRequire(path.join(rootDir, 'package.json'));
  return path.join(path.dirname(require.resolve('decap-cms/package.json')), 'dist');
}

/** Decap's files a browser loads: decap-cms.js, its numbered chunks, its .wasm files and the licence notice. */
export async function decapFiles(): Promise<string[]> {
  const names = await readdir(decapDistDir());
  return names.filter((name) => /^(\d+\.)?decap-cms\.js$|\.wasm$|^decap-cms\.js\.LICENSE\.txt$/.test(name)).sort();
}

/** The admin page: Decap and our script as external files, the config named by a link. */
export function adminIndexHtml(siteName: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<meta name="buurt-name" content="${escape(siteName)}">
<title>${escape(adminTexts.pageTitle(siteName))}</title>
<link href="${ADMIN_PATH}config.yml" type="text/yaml" rel="cms-config-url">
<link href="${ADMIN_PATH}${ADMIN_STYLESHEET}" rel="stylesheet">
</head>
<body>
<noscript>${escape(adminTexts.noscript)}</noscript>
<script src="${ADMIN_PATH}${ADMIN_STORE_SCRIPT}"></script>
<script src="${ADMIN_PATH}decap-cms.js"></script>
<script src="${ADMIN_PATH}${ADMIN_SCRIPT}"></script>
</body>
</html>
`;
}

const scriptJobs = new Map<string, Promise<string>>();

function bundle(entry: string): Promise<string> {
  let job = scriptJobs.get(entry);
  if (!job) {
    job = (async () => {
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [path.join(rootDir, entry)],
        bundle: true,
        format: 'iife',
        minify: true,
        target: 'es2020',
        platform: 'browser',
        write: false,
        legalComments: 'none',
        logLevel: 'silent',
      });
      return result.outputFiles[0]!.text;
    })();
    scriptJobs.set(entry, job);
  }
  return job;
}

/** Our admin script (src/admin/admin.ts) bundled for the browser; built once per process. */
export function adminScript(): Promise<string> {
  return bundle('src/admin/admin.ts');
}

/** The script that runs before decap-cms.js (src/admin/store-guard.ts); built once per process. */
export function adminStoreScript(): Promise<string> {
  return bundle('src/admin/store-guard.ts');
}

/** The admin's own stylesheet. */
export function adminStylesheet(): Promise<string> {
  return readFile(path.join(rootDir, 'src/admin/admin.css'), 'utf8');
}

/** The stylesheet of the preview panes: the site's own stylesheet with the buurt's colours. */
export async function previewCss(site: Pick<SiteConfig, 'colors'>): Promise<string> {
  const css = await readFile(path.join(rootDir, 'src/styles/site.css'), 'utf8');
  return `${themeCss(themeFromColours(site.colors))}${css}\n.buurt-preview main { padding-top: 1rem; }\n`;
}

/** Everything /admin/ serves that is generated per buurt. */
export interface AdminContent {
  config: string;
  index: string;
  previewCss: string;
  siteName: string;
}

export interface AdminOptions {
  slug: string;
  /** The backend; the production backend from site.yaml when not given. */
  backend?: CmsBackendConfig;
  /** Where "view on the site" links go (the local address in dev). */
  siteUrl?: string;
}

/** Reads the buurt and generates its config, admin page and preview stylesheet. */
export async function adminContent(options: AdminOptions): Promise<AdminContent> {
  const { config: site, problems } = await loadSiteConfig(options.slug);
  if (!site) throw new Error(`The CMS config of ${options.slug} needs a valid site.yaml:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
  const { entries } = await loadCollection(options.slug, 'paginas');
  const config = createCmsConfig({
    slug: options.slug,
    site,
    backend: options.backend ?? productionBackend(site.cms),
    pages: entries.filter((p) => p.id !== 'welkom').map((p) => p.id),
    ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
  });
  return { config: cmsConfigYaml(config), index: adminIndexHtml(site.name), previewCss: await previewCss(site), siteName: site.name };
}

/** Writes /admin/ into a built site. */
export async function writeAdmin(outDir: string, options: AdminOptions): Promise<void> {
  const dir = path.join(outDir, 'admin');
  await mkdir(dir, { recursive: true });
  const [content, script, storeScript, stylesheet, files] = await Promise.all([
    adminContent(options),
    adminScript(),
    adminStoreScript(),
    adminStylesheet(),
    decapFiles(),
  ]);
  await Promise.all([
    writeFile(path.join(dir, ADMIN_STORE_SCRIPT), storeScript),
    writeFile(path.join(dir, ADMIN_STYLESHEET), stylesheet),
    writeFile(path.join(dir, 'index.html'), content.index),
    writeFile(path.join(dir, 'config.yml'), content.config),
    writeFile(path.join(dir, 'preview.css'), content.previewCss),
    writeFile(path.join(dir, ADMIN_SCRIPT), script),
    ...files.map((name) => copyFile(path.join(decapDistDir(), name), path.join(dir, name))),
    writeHandleiding(outDir, content.siteName),
  ]);
}

/** Writes the editors' handleiding into a built site: /admin/handleiding/ (see handleiding.ts). */
async function writeHandleiding(outDir: string, siteName: string): Promise<void> {
  const { pages, css, images } = await handleidingFiles(siteName);
  const dir = path.join(outDir, HANDLEIDING_PATH);
  await mkdir(path.join(dir, 'img'), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, 'handleiding.css'), css),
    ...images.map((name) => copyFile(path.join(HANDLEIDING_DIR, 'img', name), path.join(dir, 'img', name))),
    ...pages.map(async (page) => {
      const pageDir = path.join(outDir, page.url);
      await mkdir(pageDir, { recursive: true });
      await writeFile(path.join(pageDir, 'index.html'), page.html);
    }),
  ]);
}

/**
 * Answers a request for a file of /admin/ (dev server, local editing): generated files from `content`,
 * Decap's files from the package. Returns undefined for anything else.
 */
export async function adminFile(pathname: string, content: () => Promise<AdminContent>): Promise<{ type: string; body: string | Buffer } | undefined> {
  if (!pathname.startsWith(ADMIN_PATH)) return undefined;
  const name = pathname.slice(ADMIN_PATH.length);
  if (name === '' || name === 'index.html') return { type: 'text/html; charset=utf-8', body: (await content()).index };
  if (name === 'config.yml') return { type: 'text/yaml; charset=utf-8', body: (await content()).config };
  if (name === 'preview.css') return { type: 'text/css; charset=utf-8', body: (await content()).previewCss };
  if (name === ADMIN_SCRIPT) return { type: 'text/javascript; charset=utf-8', body: await adminScript() };
  if (pathname.startsWith(HANDLEIDING_PATH)) return handleidingFile(pathname, async () => (await content()).siteName);
  if (name === ADMIN_STORE_SCRIPT) return { type: 'text/javascript; charset=utf-8', body: await adminStoreScript() };
  if (name === ADMIN_STYLESHEET) return { type: 'text/css; charset=utf-8', body: await adminStylesheet() };
  if ((await decapFiles()).includes(name)) {
    const type = name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'text/javascript; charset=utf-8';
    return { type, body: await readFile(path.join(decapDistDir(), name)) };
  }
  return undefined;
}

/** A file of the handleiding in dev and local editing: a page, its stylesheet or a screenshot. */
async function handleidingFile(pathname: string, siteName: () => Promise<string>): Promise<{ type: string; body: string | Buffer } | undefined> {
  const { pages, css, images } = await handleidingFiles(await siteName());
  const name = pathname.slice(HANDLEIDING_PATH.length);
  if (name === 'handleiding.css') return { type: 'text/css; charset=utf-8', body: css };
  const image = /^img\/([^/]+)$/.exec(name)?.[1];
  if (image) return images.includes(image) ? { type: 'image/png', body: await readFile(path.join(HANDLEIDING_DIR, 'img', image)) } : undefined;
  const page = pages.find((p) => p.url === pathname || `${p.url}index.html` === pathname);
  return page ? { type: 'text/html; charset=utf-8', body: page.html } : undefined;
}
