import { checkSite } from '../../src/check/index.ts';
import { displayPath } from '../../src/core/paths.ts';
import { formatProblem, hasErrors, type Problem } from '../../src/model/problems.ts';
import { parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

/** One problem in `buurt check --json`: every key always present (null when unknown). */
export interface JsonProblem {
  code: string;
  severity: 'error' | 'warning';
  /** Relative to the current folder: "sites/oost/content/agenda/buurtborrel.md". */
  file: string;
  line: number | null;
  field: string | null;
  message: string;
  /** The line `buurt check` prints. */
  text: string;
}

/** `buurt check --json`. */
export interface JsonReport {
  ok: boolean;
  errors: number;
  warnings: number;
  buurten: { slug: string; ok: boolean; errors: number; warnings: number; problems: JsonProblem[] }[];
}

const count = (problems: readonly Problem[], severity: Problem['severity']) => problems.filter((p) => p.severity === severity).length;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const check: Command = {
  name: 'check',
  usage: '<slug…> | --all [--json]',
  description: 'Validate site.yaml, every content file and the media without building; all problems at once. Exit 1 on errors (warnings alone: 0).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { all: { type: 'boolean' }, json: { type: 'boolean' } });
    const slugs = await resolveSlugs(positionals, values.all);
    const results: { slug: string; problems: Problem[] }[] = [];
    for (const slug of slugs) results.push({ slug, problems: (await checkSite(slug)).problems });
    const all = results.flatMap((r) => r.problems);
    if (values.json) {
      const report: JsonReport = {
        ok: !hasErrors(all),
        errors: count(all, 'error'),
        warnings: count(all, 'warning'),
        buurten: results.map(({ slug, problems }) => ({
          slug,
          ok: !hasErrors(problems),
          errors: count(problems, 'error'),
          warnings: count(problems, 'warning'),
          problems: problems.map((p) => ({
            code: p.code,
            severity: p.severity,
            file: displayPath(p.file),
            line: p.line ?? null,
            field: p.field ?? null,
            message: p.message,
            text: formatProblem(p),
          })),
        })),
      };
      console.log(JSON.stringify(report, null, 2));
    } else {
      for (const { slug, problems } of results) {
        for (const problem of problems) console.log(formatProblem(problem));
        const errors = count(problems, 'error');
        const warnings = count(problems, 'warning');
        console.log(
          errors || warnings
            ? `${slug}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.${errors ? ' It will not be built until the errors are fixed.' : ''}`
            : `${slug}: no problems.`,
        );
      }
      if (results.length > 1) {
        const failing = results.filter((r) => hasErrors(r.problems)).map((r) => r.slug);
        console.log(
          `\n${results.length} buurt${results.length === 1 ? '' : 'en'} checked: ${failing.length ? `errors in ${failing.join(', ')}` : 'no errors'}.`,
        );
      }
    }
    return hasErrors(all) ? 1 : 0;
  },
};
