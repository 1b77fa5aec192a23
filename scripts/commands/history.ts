import { readHistory, type HistoryEntry } from '../platform/report/history.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

/** One line per changed file: commit, date, editor and what changed; later files of a commit are indented. */
export function formatHistory(entries: readonly HistoryEntry[]): string {
  const editorWidth = Math.max(0, ...entries.map((e) => e.editor.length));
  const lines: string[] = [];
  for (const entry of entries) {
    const head = `${entry.commit.slice(0, 7)}  ${entry.localDate}  ${entry.editor.padEnd(editorWidth)}  `;
    const changes = entry.changes.length ? entry.changes.map((c) => c.text) : [`(${entry.subject || 'no files changed'})`];
    changes.forEach((text, i) => lines.push(`${i === 0 ? head : ' '.repeat(head.length)}${text}`.trimEnd()));
  }
  return lines.join('\n');
}

export const history: Command = {
  name: 'history',
  usage: '<slug> [--limit 20] [--json]',
  description: "Recent changes to a buurt's folder from git: date, editor and what changed.",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { limit: { type: 'string', default: '20' }, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('Name exactly one buurt.');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of 1 or more, not "${values.limit}".`);
    const [slug] = await resolveSlugs(positionals, false);
    // A HistoryError (not a repository, no such folder) is printed and exits 1 in the CLI entry.
    const entries: HistoryEntry[] = await readHistory(slug!, { limit });
    if (values.json) {
      console.log(JSON.stringify(entries, null, 2));
      return 0;
    }
    if (!entries.length) {
      console.log(`${slug} has no committed changes yet.`);
      return 0;
    }
    console.log(`Latest ${entries.length === 1 ? 'change' : `${entries.length} changes`} to ${slug}, newest first (Amsterdam time):\n`);
    console.log(formatHistory(entries));
    return 0;
  },
};
