import { erasePerson, planErase, type ErasePlan } from '../platform/erase/erase.ts';
import { git } from '../../src/core/git.ts';
import { parseCommandArgs, UsageError, type Command } from '../cli.ts';

function describePlan(slug: string, plan: ErasePlan): string[] {
  return [
    `Erasing from buurt ${slug}, in every branch and tag of this clone:`,
    ...(plan.paths.length
      ? [
          `  files (every name they had): ${plan.paths.join(', ')}`,
          `  ${plan.blobs.length} file version${plan.blobs.length === 1 ? '' : 's'} in ${plan.commits} commit${plan.commits === 1 ? '' : 's'}`,
        ]
      : []),
    ...(plan.texts.length ? [`  texts replaced by "[verwijderd]": ${plan.texts.map((t) => `"${t}"`).join(', ')}`] : []),
    ...(plan.commitsByEmail ? [`  ${plan.commitsByEmail} commit identit${plan.commitsByEmail === 1 ? 'y' : 'ies'} with the given addresses`] : []),
  ];
}

export const erase: Command = {
  name: 'erase',
  usage: '<slug> --path <file-or-folder>… [--email <address>…] [--text <name>…] [--yes]',
  description: "Erase a person's files, name and addresses from a buurt and from the whole git history (without --yes: show what would go).",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      path: { type: 'string', multiple: true },
      email: { type: 'string', multiple: true },
      text: { type: 'string', multiple: true },
      yes: { type: 'boolean' },
    });
    const [slug, ...rest] = positionals;
    if (!slug || rest.length) throw new UsageError('Name exactly one buurt.');
    let repoDir: string;
    try {
      repoDir = (await git(process.cwd(), ['rev-parse', '--show-toplevel'])).trim();
    } catch {
      throw new UsageError('Run buurt erase inside a git repository.');
    }
    const options = { repoDir, slug, paths: values.path ?? [], emails: values.email ?? [], texts: values.text ?? [] };
    // An EraseError is a usage error: the CLI entry prints it with the usage and exits 2.
    if (!values.yes) {
      const plan = await planErase(options);
      for (const line of describePlan(slug, plan)) console.log(line);
      console.log('\nNothing was changed. Run again with --yes to rewrite the history of this clone.');
      return 0;
    }
    const result = await erasePerson(options);
    for (const line of describePlan(slug, result)) console.log(line);
    if (result.remaining.length) {
      console.error(`\nTraces remain:\n${result.remaining.map((t) => `  ${t}`).join('\n')}`);
      return 1;
    }
    console.log('\nVerified: no path, file version, address or text of this person is left in any ref or in the object store.');
    if (result.refsNamedAfter.length) {
      console.log(
        `These refs are named after an erased file; delete them if they only held this person's entry:\n${result.refsNamedAfter.map((r) => `  ${r}`).join('\n')}`,
      );
    }
    console.log(
      [
        '',
        'Next (docs/maintainers/security.md, "Erasing a person\'s data"):',
        '  1. npm run buurt -- check ' + slug + '   (fix pages that referred to the removed files)',
        '  2. git push --force --all origin && git push --force --tags origin',
        '  3. ask the git host to drop cached views and pull request refs; redeploy and delete old deploys on Netlify',
        '  4. everyone with a clone: fresh clone (old clones still hold the data)',
      ].join('\n'),
    );
    return 0;
  },
};
