import { countViolations, formatGuardReport, runGuard } from '../platform/guard/guard.ts';
import { git } from '../../src/core/git.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';

export const guard: Command = {
  name: 'guard',
  usage: '--base <ref> [--head <ref>] [--actor <username>…] [--json]',
  description:
    'Judge what base..head does to the base (every commit, every merge, the change as a whole): editors stay in their own buurt, only maintainers touch shared files, plain paths, safe file types, no photo locations, no private e-mail addresses.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      base: { type: 'string' },
      head: { type: 'string' },
      actor: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    if (!values.base) throw new UsageError("Give the commit the change starts from with --base (in CI: the pull request's base).");
    let repoDir: string;
    try {
      repoDir = (await git(process.cwd(), ['rev-parse', '--show-toplevel'])).trim();
    } catch {
      throw new UsageError('Run buurt guard inside a git repository.');
    }
    // A GuardRefError is a usage error (exit 2), a GuardReadError exits 1: see exitCodeFor in cli.ts.
    const result = await runGuard({ repoDir, base: values.base, head: values.head, actors: values.actor ?? [] });
    console.log(values.json ? JSON.stringify(result, null, 2) : formatGuardReport(result));
    return countViolations(result) ? 1 : 0;
  },
};
