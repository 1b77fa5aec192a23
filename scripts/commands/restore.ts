import { createInterface } from 'node:readline/promises';
import { HistoryError } from '../platform/report/history.ts';
import { applyRestore, planRestore, RestoreError, type RestorePlan } from '../platform/report/restore.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

const ACTION_TEXT = { restore: 'bring back', remove: 'remove', revert: 'revert' } as const;

/** What a restore will do, for a terminal. */
export function formatPlan(plan: RestorePlan): string {
  const lines = [
    `Restore ${plan.repository.folder} to its state of ${plan.target.localDate} (Amsterdam time),`,
    `from commit ${plan.target.commit.slice(0, 7)} "${plan.target.subject}".`,
  ];
  if (!plan.changes.length) return [...lines, '', 'The folder is already in that state; nothing to do.'].join('\n');
  lines.push('', `This will change ${plan.changes.length} ${plan.changes.length === 1 ? 'file' : 'files'} in one new commit:`);
  const width = Math.max(...plan.changes.map((c) => ACTION_TEXT[c.action].length));
  for (const change of plan.changes) lines.push(`  ${ACTION_TEXT[change.action].padEnd(width)}  ${change.path}`);
  return lines.join('\n');
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|j|ja)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const restore: Command = {
  name: 'restore',
  usage: '<slug> --to <date|commit> [--yes]',
  description: "Restore a buurt's folder to its state at a date or commit, as one new commit.",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { to: { type: 'string' }, yes: { type: 'boolean', short: 'y' } });
    if (positionals.length !== 1) throw new UsageError('Name exactly one buurt.');
    if (!values.to?.trim()) throw new UsageError('Say what to restore to with --to: a date (2026-03-01), a date and time (2026-03-01T10:00) or a commit.');
    const [slug] = await resolveSlugs(positionals, false);
    try {
      const plan = await planRestore(slug!, values.to);
      console.log(formatPlan(plan));
      if (!plan.changes.length) return 0;
      if (!values.yes) {
        const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
        if (!interactive) {
          console.error('\nNothing was changed. Run again with --yes to restore (needed when not run in a terminal).');
          return 1;
        }
        if (!(await confirm('\nRestore these files as a new commit? [y/N] '))) {
          console.log('Nothing was changed.');
          return 1;
        }
      }
      const commit = await applyRestore(plan);
      console.log(`\nRestored ${slug} in commit ${commit.slice(0, 7)}. Undo it with "buurt restore ${slug} --to ${plan.head.slice(0, 7)}".`);
      return 0;
    } catch (error) {
      if (error instanceof RestoreError || error instanceof HistoryError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  },
};
