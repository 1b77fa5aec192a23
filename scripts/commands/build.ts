import { listSlugs } from '../platform/build/build.ts';
import { buildMany, defaultJobs, isFailure } from '../platform/build/build-many.ts';
import { buurtenChangedSince } from '../platform/build/changed.ts';
import { GitError } from '../../src/core/git.ts';
import { buildNow } from '../../src/dates/dates.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { createProgress, isLiveTerminal, summary } from '../progress.ts';
import { resolveSlugs } from '../slugs.ts';

export const build: Command = {
  name: 'build',
  usage: '<slug…> | --all | --changed <git-ref> [--jobs N] [--force] [--verbose]',
  description: 'Check and build buurten into dist/<slug>/, in parallel, skipping unchanged ones; a failed build keeps the previous site.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      all: { type: 'boolean' },
      changed: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      force: { type: 'boolean', short: 'f' },
      verbose: { type: 'boolean', short: 'v' },
    });
    const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of 1 or more, not "${values.jobs}".`);
    try {
      buildNow();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    let slugs: string[];
    if (values.changed !== undefined) {
      if (positionals.length || values.all) throw new UsageError('Give either buurt names, --all or --changed <git-ref>, not several.');
      try {
        const changed = await buurtenChangedSince(values.changed, { known: await listSlugs() });
        if (changed.all) console.log(`Shared code changed since ${values.changed} (${describeFiles(changed.sharedFiles)}): building every buurt.`);
        else if (changed.slugs.length) console.log(`Changed since ${values.changed}: ${changed.slugs.join(', ')}.`);
        slugs = changed.slugs;
      } catch (error) {
        if (error instanceof GitError) throw new UsageError(error.message);
        throw error;
      }
      if (!slugs.length) {
        console.log(`No buurt changed since ${values.changed}; nothing to build.`);
        return 0;
      }
    } else {
      slugs = await resolveSlugs(positionals, values.all);
    }

    const live = isLiveTerminal(process.stdout);
    const progress = createProgress({ stream: process.stdout, total: slugs.length, live, verbose: values.verbose });
    const started = performance.now();
    let outcomes;
    try {
      outcomes = await buildMany(slugs, { jobs, force: values.force, onEvent: progress.onEvent });
    } finally {
      progress.stop();
    }
    console.log(`\n${summary(outcomes, performance.now() - started, Math.min(jobs, slugs.length))}`);
    return outcomes.some(isFailure) ? 1 : 0;
  },
};

function describeFiles(files: string[]): string {
  return files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
}
