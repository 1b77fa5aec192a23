/** What `buurt krant` and `buurt poster` share: find the buurt, build it when it changed, print one page. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { buildIfChanged, isFailure } from '../platform/build/build-many.ts';
import { sitePaths } from '../../src/core/paths.ts';
import { UsageError } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';
import { MissingPageError, printPage } from './pdf.ts';

export interface PrintCommandOptions {
  slug: string | undefined;
  /** Positionals beyond those the command takes: a usage error. */
  extra: string[];
  pathname: string;
  out: (slug: string) => string;
  /** Build the site first when its inputs changed (else use dist/<slug>/ as it is). */
  build: boolean;
  /** "the wijkkrant of januari 2027", for messages. */
  what: string;
  /** Why the page may be missing, and what exists instead. */
  missing: string;
}

/** Builds (when needed) and prints one page of a buurt; returns the exit code. */
export async function printBuiltPage(options: PrintCommandOptions): Promise<number> {
  if (!options.slug) throw new UsageError('Name the buurt to print from.');
  if (options.extra.length) throw new UsageError(`Unexpected argument "${options.extra[0]}".`);
  const [slug] = await resolveSlugs([options.slug], false);
  const { distDir } = sitePaths(slug!);
  if (options.build) {
    const outcome = await buildIfChanged(slug!);
    if (isFailure(outcome)) {
      console.error(`${slug} could not be built, so ${options.what} was not printed: ${outcome.error ?? outcome.status}`);
      for (const problem of outcome.problems ?? []) console.error(`  ${problem.file}: ${problem.message}`);
      return 1;
    }
  }
  const out = path.resolve(options.out(slug!));
  try {
    const result = await printPage({ distDir, pathname: options.pathname, out });
    console.log(
      `Printed ${options.what} (${options.pathname}) to ${result.out}: ${result.pages} A4 ${result.pages === 1 ? 'page' : 'pages'}, ${Math.round(result.bytes / 1024)} KB.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof MissingPageError)) throw error;
    console.error(`${error.message} ${options.missing}`);
    const hint = await availableHint(distDir, options.pathname);
    if (hint) console.error(hint);
    return 1;
  }
}

async function availableHint(distDir: string, pathname: string): Promise<string | undefined> {
  try {
    if (pathname.startsWith('/krant/')) {
      const years = await readdir(path.join(distDir, 'krant'));
      const months: string[] = [];
      for (const year of years.filter((y) => /^\d{4}$/.test(y))) for (const m of await readdir(path.join(distDir, 'krant', year))) months.push(`${year}-${m}`);
      return `Months in the built site: ${months.sort().join(', ') || 'none'}.`;
    }
    const entries = await readdir(path.join(distDir, 'agenda'), { withFileTypes: true });
    const posters: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const inside = await readdir(path.join(distDir, 'agenda', entry.name)).catch(() => [] as string[]);
      if (inside.includes('poster')) posters.push(entry.name);
    }
    return `Activities with a poster: ${posters.sort().join(', ') || 'none'}.`;
  } catch {
    return undefined;
  }
}
