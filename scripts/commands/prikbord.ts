import { buildNow } from '../../src/dates/dates.ts';
import { git } from '../../src/core/git.ts';
import { STORE_NAMES } from '../../src/function-runtime/blobs.ts';
import { PRIKBORD_GRACE_DAYS } from '../../src/prikbord/posts.ts';
import { formatTable, parseCommandArgs, UsageError, type Command } from '../cli.ts';
import { monthlyCounts } from '../../src/prikbord/store.ts';
import { openMaintainerStore } from '../functions/maintainer-store.ts';
import { cleanUpPrikbord } from '../prikbord/cleanup.ts';

export const prikbord: Command = {
  name: 'prikbord',
  usage: 'opruimen <slug> [--yes] [--blobs-dir <folder>] | tellen <slug> [--json] [--blobs-dir <folder>]',
  description: `opruimen: remove prikbord posts expired more than ${PRIKBORD_GRACE_DAYS} days ago as one commit, and their posters' e-mail addresses from Blobs (without --yes: show what would go). tellen: posts, relayed replies and posts that found a reply, per month.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { yes: { type: 'boolean' }, json: { type: 'boolean' }, 'blobs-dir': { type: 'string' } });
    const [sub, slug, ...rest] = positionals;
    if ((sub !== 'opruimen' && sub !== 'tellen') || !slug || rest.length)
      throw new UsageError('Write "buurt prikbord opruimen <slug>" or "buurt prikbord tellen <slug>", with exactly one buurt.');
    let repoDir = '';
    if (sub === 'opruimen') {
      try {
        repoDir = (await git(process.cwd(), ['rev-parse', '--show-toplevel'])).trim();
      } catch {
        throw new UsageError('Run buurt prikbord opruimen inside a git repository.');
      }
    }
    const opened = await openMaintainerStore(STORE_NAMES.prikbord, process.env, values['blobs-dir']);
    const { store, where } = opened;
    try {
      if (sub === 'tellen') {
        const counts = await monthlyCounts(store, slug);
        if (values.json) {
          console.log(JSON.stringify(counts, null, 2));
          return 0;
        }
        const months = Object.keys(counts).sort();
        if (!months.length) console.log(`No prikbord activity of ${slug} in ${where}.`);
        else
          console.log(
            formatTable(
              ['month', 'posts', 'replies relayed', 'posts with a reply'],
              months.map((m) => [m, counts[m]!.posts, counts[m]!.replies, counts[m]!.answered]),
            ),
          );
        return 0;
      }
      const result = await cleanUpPrikbord({ slug, repoDir, now: buildNow(), store, apply: Boolean(values.yes) });
      if (!result.posts.length) console.log(`No prikbord post of ${slug} expired more than ${PRIKBORD_GRACE_DAYS} days ago.`);
      for (const post of result.posts) console.log(`  ${post.id} (last day ${post.lastDay}): ${post.files.join(', ')}`);
      if (!values.yes) {
        if (result.posts.length) console.log('\nNothing was changed. Run again with --yes to remove these files as one commit.');
        return 0;
      }
      if (result.commit) console.log(`\nRemoved ${result.posts.length} post(s) in commit ${result.commit.slice(0, 10)}.`);
      console.log(`Deleted ${result.records.length} poster record(s) from ${where}.`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
