/**
 * Which buurt a build is for, chosen in one place: the `BUURT` environment variable (set by the `buurt` CLI,
 * by `npm start` and by Netlify). Astro's config, the content loader and the pages all read it from here.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { buildNow } from '../dates/dates.ts';
import { rootDir, sitePaths, type SitePaths } from './paths.ts';
import { PlatformError } from './errors.ts';

export interface BuildContext extends SitePaths {
  /** Where this build writes its pages: `BUURT_OUT_DIR` (a temporary folder from the CLI) or dist/<slug>/. */
  outDir: string;
  /** The moment the build treats as now (agenda, scheduled news). */
  now: Date;
}

/** Thrown when no buurt has been chosen. */
export class NoBuurtError extends PlatformError {
  constructor() {
    super('No buurt chosen: set BUURT to the name of a folder in sites/ (e.g. BUURT=voorbeeldwijk), or build with "npm run buurt -- build <slug>".', {
      kind: 'usage',
    });
    this.name = 'NoBuurtError';
  }
}

/** The build context from the environment. */
export function buildContext(env: Record<string, string | undefined> = process.env): BuildContext {
  const slug = env.BUURT?.trim();
  if (!slug) throw new NoBuurtError();
  const paths = sitePaths(slug);
  return { ...paths, outDir: path.resolve(env.BUURT_OUT_DIR ?? paths.distDir), now: buildNow(env) };
}

/**
 * The Astro root of a build: its own folder per build cache, so parallel builds never share Astro's generated
 * `.astro/` folders. It lies inside the repository (Astro resolves its own modules from the root); sources,
 * public files and the config stay where they are.
 */
export function astroRoot(context: Pick<BuildContext, 'cacheDir'>): string {
  return path.join(rootDir, '.cache', 'roots', createHash('sha1').update(context.cacheDir).digest('hex').slice(0, 12));
}

/**
 * Where a build's search index is written while Astro renders, before it moves into `<outDir>/pagefind/`: beside
 * the output (on the same disk, so the move is a rename), and removed with it when a build fails.
 */
export function searchIndexStaging(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}.zoekindex`;
}
