import { checkSite } from '../../src/lib/check/index.ts';
import { formatProblem, hasErrors, type Problem } from '../../src/lib/problems.ts';
import { displayPath } from '../../src/lib/paths.ts';
import { parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

export const check: Command = {
  name: 'check',
  usage: '<slug…> | --all [--json]',
  description: 'Validate site.yaml and every content file without building; report all problems at once.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { all: { type: 'boolean' }, json: { type: 'boolean' } });
    const slugs = await resolveSlugs(positionals, values.all);
    const results = [];
    for (const slug of slugs) results.push({ slug, problems: (await checkSite(slug)).problems });
    const all: Problem[] = results.flatMap((r) => r.problems);
    if (values.json) {
      console.log(
        JSON.stringify(
          results.map((r) => ({
            slug: r.slug,
            ok: !hasErrors(r.problems),
            problems: r.problems.map((p) => ({ ...p, file: displayPath(p.file) })),
          })),
          null,
          2,
        ),
      );
    } else {
      for (const { slug, problems } of results) {
        const errors = problems.filter((p) => p.severity === 'error').length;
        const warnings = problems.length - errors;
        for (const problem of problems) console.log(formatProblem(problem));
        console.log(
          errors || warnings
            ? `${slug}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`
            : `${slug}: no problems.`,
        );
      }
    }
    return hasErrors(all) ? 1 : 0;
  },
};
