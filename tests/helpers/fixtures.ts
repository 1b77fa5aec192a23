/**
 * Fixture buurten for integration tests: real folders (tests/fixtures/<scenario>/) or buurten written on the
 * fly into a temporary sites folder, built with the real `buurt build` code into a temporary dist folder.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { stringify } from 'yaml';
import { astroRoot } from '../../src/core/build-context.ts';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
export const repoDir = path.resolve(fixturesDir, '../..');

/** A minimal valid site.yaml, to spread and override. */
export const baseSiteYaml = {
  name: 'Testbuurt',
  tagline: 'Een buurt om mee te testen',
  description: 'De buurtsite van de testbuurt.',
  domain: 'https://testbuurt.nl',
  email: 'contact@testbuurt.nl',
  colors: { primary: '#1d5c8c', accent: '#f2b84b' },
  menu: ['nieuws', 'agenda', 'groepen', 'wie-helpt'],
};

/** A markdown file with front matter. */
export function markdown(frontMatter: Record<string, unknown>, body = ''): string {
  return `---\n${stringify(frontMatter)}---\n${body}\n`;
}

export interface Workspace {
  root: string;
  sitesDir: string;
  distDir: string;
  cacheDir: string;
  /** Environment that points the lib and the CLI at this workspace. */
  env: Record<string, string>;
  /** Writes files of a buurt: keys are paths inside sites/<slug>/. */
  writeBuurt(slug: string, files: Record<string, string | Buffer>): Promise<void>;
  /** Copies tests/fixtures/<name>/ in as buurt `slug` (default: the same name). */
  copyFixture(name: string, slug?: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A temporary sites/dist/cache root (or the folder `root`); sets the BUURT_* variables in this process while it
 * exists.
 */
export async function createWorkspace(options: { root?: string } = {}): Promise<Workspace> {
  const root = options.root ?? (await mkdtemp(path.join(tmpdir(), 'buurt-test-')));
  const sitesDir = path.join(root, 'sites');
  const distDir = path.join(root, 'dist');
  const cacheDir = path.join(root, 'cache');
  await mkdir(sitesDir, { recursive: true });
  const env = { BUURT_SITES_DIR: sitesDir, BUURT_DIST_DIR: distDir, BUURT_CACHE_DIR: cacheDir };
  Object.assign(process.env, env);
  return {
    root,
    sitesDir,
    distDir,
    cacheDir,
    env,
    async writeBuurt(slug, files) {
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(sitesDir, slug, name);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    },
    async copyFixture(name, slug = name) {
      await cp(path.join(fixturesDir, name), path.join(sitesDir, slug), { recursive: true });
    },
    async dispose() {
      for (const key of Object.keys(env)) delete process.env[key];
      await removeAstroRoots(cacheDir);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Removes the Astro roots of the builds that kept their cache in `cacheDir`: each build's root lives in the
 * repository (.cache/roots/, named after the build's cache folder: src/core/build-context.ts), where a test's
 * workspace would otherwise leave one behind for good.
 */
export async function removeAstroRoots(cacheDir: string): Promise<void> {
  const slugs = await readdir(cacheDir).catch(() => []);
  await Promise.all(slugs.map((slug) => rm(astroRoot({ cacheDir: path.join(cacheDir, slug) }), { recursive: true, force: true })));
}

/** A built site, read with a real HTML parser. */
export interface BuiltSite {
  dir: string;
  /** Parses the page at a URL path ("/agenda/"). Throws when it was not built. */
  page(urlPath: string): Promise<cheerio.CheerioAPI>;
  /** True when the URL path was built. */
  has(urlPath: string): Promise<boolean>;
  /** Every URL path of an HTML page residents can visit, sorted (the CMS at /admin/ is not one of them). */
  pages(): Promise<string[]>;
}

export function builtSite(dir: string): BuiltSite {
  const fileOf = (urlPath: string) => path.join(dir, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
  return {
    dir,
    async page(urlPath) {
      return cheerio.load(await readFile(fileOf(urlPath), 'utf8'));
    },
    async has(urlPath) {
      try {
        await readFile(fileOf(urlPath));
        return true;
      } catch {
        return false;
      }
    },
    async pages() {
      const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html')).map((f) => f.split(path.sep).join('/'));
      return files
        .filter((f) => !f.startsWith('admin/'))
        .map((f) => (f.endsWith('index.html') ? `/${f.slice(0, -'index.html'.length)}` : `/${f}`))
        .sort();
    },
  };
}
