import { git } from '../../src/core/git.ts';
import { formatSecretFinding, scanHistory, scanTrackedFiles } from '../platform/secrets/secrets.ts';
import { parseCommandArgs, UsageError, type Command } from '../cli.ts';

export const secrets: Command = {
  name: 'secrets',
  usage: '[--history] [--json]',
  description: 'Scan the tracked files (--history: every version in every ref) for tokens, keys and passwords; exit 1 when any is found.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { history: { type: 'boolean' }, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    let repoDir: string;
    try {
      repoDir = (await git(process.cwd(), ['rev-parse', '--show-toplevel'])).trim();
    } catch {
      throw new UsageError('Run buurt secrets inside a git repository.');
    }
    const findings = values.history ? await scanHistory(repoDir) : await scanTrackedFiles(repoDir);
    if (values.json) console.log(JSON.stringify(findings, null, 2));
    else {
      for (const finding of findings) console.log(formatSecretFinding(finding));
      const where = values.history ? 'the history' : 'the tracked files';
      console.log(
        findings.length
          ? `${findings.length} possible secret${findings.length === 1 ? '' : 's'} in ${where}. Revoke each at its issuer first, then remove it (README: "Erasing data from history").`
          : `No secrets found in ${where}.`,
      );
    }
    return findings.length ? 1 : 0;
  },
};
