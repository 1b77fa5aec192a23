/**
 * Building one buurt into `dist/<slug>/`, safely: the content is checked (while Astro starts in its own process,
 * writing to a temporary folder; it is stopped when the check finds errors), and only a complete, successful build
 * of content without errors replaces the published folder. A failing build leaves the previous site exactly as it
 * was.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { astroRoot, searchIndexStaging } from '../../../src/core/build-context.ts';
import { CHECKED_CONTENT_ENV, removeCheckedContent, writeCheckedContent } from '../../../src/model/checked-content.ts';
import type { LoadedSite } from '../../../src/model/content.ts';
import { buildNow } from '../../../src/dates/dates.ts';
import { cacheRoot, distRoot, rootDir, sitePaths, sitesDir } from '../../../src/core/paths.ts';
import { ContentError, hasErrors, type Problem } from '../../../src/model/problems.ts';
import { PlatformError } from '../../../src/core/errors.ts';

/** Thrown when Astro fails; `log` holds the end of its output. */
export class BuildError extends PlatformError {
  readonly slug: string;
  readonly log: string;
  constructor(slug: string, message: string, log: string) {
    super(message, { kind: 'build' });
    this.name = 'BuildError';
    this.slug = slug;
    this.log = log;
  }
}

export interface BuildResult {
  slug: string;
  outDir: string;
  pages: number;
  durationMs: number;
  /** Warnings from the content check (errors stop the build). */
  warnings: Problem[];
  /** The content as checked and built. */
  site: LoadedSite;
}

export interface BuildOptions {
  /** Extra environment for the Astro process (e.g. BUURT_NOW). */
  env?: Record<string, string | undefined>;
  /** Receives each line Astro prints. */
  onLog?: (line: string) => void;
  /**
   * Settles once the caller has read the buurt's inputs (incremental builds hash them, see build-many.ts).
   * Astro starts at once; the check reads the content only afterwards, so the inputs recorded for this build
   * are never newer than the content it published. A rejection stops the build with that error.
   */
  inputsRead?: Promise<unknown>;
}

/** The Astro CLI entry of the installed astro package. */
export function astroBin(): string {
  const require = createRequire(path.join(rootDir, 'package.json'));
  return path.join(path.dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs');
}

/**
 * What a failed build left behind, as a sentence for its error: "the previous site in dist/oost/ was kept" or,
 * for a buurt never built, "nothing was published".
 */
export function keptSiteNote(slug: string): string {
  return existsSync(sitePaths(slug).distDir)
    ? `the previous site in dist/${slug}/ was kept, unchanged`
    : `nothing was published (there is no earlier site in dist/${slug}/)`;
}

/** Whether the process `pid` (this one included) still runs. */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Repairs what a build that was killed halfway may have left: a published folder moved aside but not yet
 * replaced (put back), and temporary folders and checked-content files of builds that no longer run (removed).
 */
export async function recoverInterruptedBuild(slug: string): Promise<void> {
  const { distDir, cacheDir } = sitePaths(slug);
  const cached = await readdir(cacheDir).catch(() => [] as string[]);
  for (const name of cached) {
    const pid = /^checked-content-(\d+)\.bin(\.\d+\.tmp)?$/.exec(name)?.[1];
    if (pid && !running(Number(pid))) await removeCheckedContent(path.join(cacheDir, name));
  }
  const root = distRoot();
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  for (const name of names) {
    const kind = name.startsWith(`${slug}.old-`) ? 'old' : name.startsWith(`.${slug}.building-`) ? 'temp' : undefined;
    // ".noord.building-123" and its search index ".noord.building-123.zoekindex" (see searchIndexStaging).
    const pid = Number(/-(\d+)(\.zoekindex)?$/.exec(name)?.[1]);
    if (!kind || !Number.isInteger(pid) || running(pid)) continue;
    if (kind === 'old' && !existsSync(distDir)) await rename(path.join(root, name), distDir);
    else await rm(path.join(root, name), { recursive: true, force: true });
  }
}

/** Checks and builds one buurt; throws `ContentError` or `BuildError` and then leaves dist/<slug>/ untouched. */
export async function buildSite(slug: string, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  // Its failure is reported where the check waits for it, never as an unhandled rejection meanwhile.
  options.inputsRead?.catch(() => undefined);
  const paths = sitePaths(slug);
  // The check must see the same "now" as the Astro process, which gets options.env.
  let now: Date;
  try {
    now = buildNow({ ...process.env, ...options.env });
  } catch (error) {
    throw new BuildError(slug, `The build of ${slug} did not start: ${(error as Error).message} ${capitalise(keptSiteNote(slug))}.`, '');
  }
  await mkdir(distRoot(), { recursive: true });
  await recoverInterruptedBuild(slug);
  const tempDir = path.join(distRoot(), `.${slug}.building-${process.pid}`);
  await rm(tempDir, { recursive: true, force: true });
  // The content check and Astro run side by side (Astro's start-up leaves a core free); only when the check
  // finds no errors is Astro's result used, otherwise Astro is stopped. Astro's content loaders wait for the
  // checked content (checked-content.ts) instead of reading the files again.
  const checkedFile = path.join(paths.cacheDir, `checked-content-${process.pid}.bin`);
  await mkdir(paths.cacheDir, { recursive: true });
  // A file of a killed build whose process id this one now has would be taken for this check's content.
  await removeCheckedContent(checkedFile);
  const stop = new AbortController();
  const astro = runAstroBuild(slug, tempDir, { ...options, env: { ...options.env, [CHECKED_CONTENT_ENV]: checkedFile } }, stop.signal);
  astro.catch(() => undefined);
  try {
    let checked: Awaited<ReturnType<typeof import('../../../src/check/index.ts').checkSite>>;
    try {
      await options.inputsRead;
      // Loaded here, not at the top: the checks (Sätteri, sharp, zod) load while Astro starts on the other core.
      const { checkSite, siteChecks } = await import('../../../src/check/index.ts');
      checked = await checkSite(slug, siteChecks, { now });
    } catch (error) {
      stop.abort();
      throw error;
    }
    const { site, problems } = checked;
    if (hasErrors(problems)) {
      stop.abort();
      throw new ContentError(problems);
    }
    const { renderedBody } = await import('../../../src/check/bodies.ts');
    await writeCheckedContent(checkedFile, site, (entry) => renderedBody(site, entry));
    // Astro's last step writes the deploy headers from the complete output (integrations/deploy-headers.ts).
    await astro;
    await assertComplete(slug, tempDir);
    // The editors' own report (/admin/rapport/), from the content just checked and the git history.
    const { writeBuurtReportPage } = await import('../report/buurt-page.ts');
    await writeBuurtReportPage(tempDir, { site, problems, now });
    const pages = await countPages(tempDir);
    await swapInto(tempDir, paths.distDir);
    return {
      slug,
      outDir: paths.distDir,
      pages,
      durationMs: performance.now() - started,
      warnings: problems.filter((p) => p.severity === 'warning'),
      site,
    };
  } finally {
    await astro.catch(() => undefined);
    await Promise.all([
      rm(tempDir, { recursive: true, force: true }),
      rm(searchIndexStaging(tempDir), { recursive: true, force: true }),
      removeCheckedContent(checkedFile),
    ]);
  }
}

/**
 * The environment for a child Astro process: ours, without the variables a test runner sets (MODE, PROD,
 * DEV, BASE_URL, …), which Vite would otherwise take for the build's own mode.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^(VITEST.*|VITE_.*|TEST|MODE|PROD|DEV|SSR|BASE_URL|NODE_ENV)$/.test(key)));
}

/** The build's own Astro root, holding a config that re-exports the repository's astro.config.mjs. */
export function prepareAstroRoot(slug: string): string {
  const dir = astroRoot(sitePaths(slug));
  mkdirSync(dir, { recursive: true });
  const shim = `export { default } from ${JSON.stringify(pathToFileURL(path.join(rootDir, 'astro.config.mjs')).href)};\n`;
  writeFileSync(path.join(dir, 'astro.config.mjs'), shim);
  return dir;
}

/**
 * Node's cache of compiled modules for the Astro process: Astro, Vite and Rolldown are some two thousand modules,
 * and compiling them again took half a second of every build's start. Astro keeps such a cache itself, but not
 * when CI is set; ours is kept there too, because `buurt build --all` starts Astro once per buurt with the same
 * modules, and on Netlify it is saved with the build cache. Node checks every entry against the file's content,
 * so it never serves stale code.
 */
export function compileCacheDir(): string {
  return process.env.NODE_COMPILE_CACHE || path.join(cacheRoot(), 'node-compile-cache');
}

function runAstroBuild(slug: string, outDir: string, options: BuildOptions, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Astro keeps its server bundle in <cwd>/.astro/ when the output lies outside the working folder: run
    // each build in its own root so parallel builds never share it.
    const cwd = prepareAstroRoot(slug);
    const child = spawn(process.execPath, [astroBin(), 'build', '--silent'], {
      cwd,
      env: {
        ...childEnv(process.env),
        NODE_COMPILE_CACHE: compileCacheDir(),
        ...options.env,
        BUURT: slug,
        BUURT_OUT_DIR: outDir,
        BUURT_CHECKED: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        options.onLog?.(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new BuildError(slug, `Astro could not be started: ${error.message}`, '')));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const log = tail.join('\n');
        const errorLines = tail.filter((l) => /error/i.test(l));
        const reason = (errorLines.length ? errorLines.slice(-5) : tail.slice(-10)).join('\n') || `Astro exited with code ${code}`;
        reject(new BuildError(slug, `The build of ${slug} failed; ${keptSiteNote(slug)}.\n${reason}`, log));
      }
    });
  });
}

async function assertComplete(slug: string, dir: string): Promise<void> {
  for (const required of ['index.html', '404.html', '_headers']) {
    try {
      await stat(path.join(dir, required));
    } catch {
      throw new BuildError(slug, `The build of ${slug} produced no ${required}; ${keptSiteNote(slug)}.`, '');
    }
  }
}

/** Replaces `target` by `source` with two renames, so the published folder is never half-written. */
async function swapInto(source: string, target: string): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  let hadOld = true;
  try {
    await rename(target, old);
  } catch {
    hadOld = false;
  }
  try {
    await rename(source, target);
  } catch (error) {
    if (hadOld) await rename(old, target);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Number of HTML pages in a built site; the CMS is not one. */
export async function countPages(dir: string): Promise<number> {
  try {
    return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith('admin')).length;
  } catch {
    return 0;
  }
}

/** Every buurt: the folders in sites/ that hold a site.yaml. */
export async function listSlugs(): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(sitesDir());
  } catch {
    return [];
  }
  const slugs: string[] = [];
  for (const name of names.sort()) {
    try {
      await stat(path.join(sitesDir(), name, 'site.yaml'));
      slugs.push(name);
    } catch {
      // Not a buurt.
    }
  }
  return slugs;
}
