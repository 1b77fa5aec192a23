import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sitesDir } from '../../src/core/paths.ts';
import { CODEOWNERS_FILE, CodeownersError, renderCodeowners } from '../platform/guard/codeowners.ts';
import { platformFile, platformRoot } from '../../src/model/platform.ts';
import { rosterFromFiles } from '../platform/guard/roster.ts';
import { parseCommandArgs, UsageError, type Command } from '../cli.ts';

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export const codeowners: Command = {
  name: 'codeowners',
  usage: '[--check]',
  description: 'Write .github/CODEOWNERS from the editors in site.yaml and the maintainers (--check: fail when it is out of date).',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { check: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const roster = await rosterFromFiles(sitesDir(), await readIfExists(platformFile()));
    let result;
    try {
      result = renderCodeowners(roster);
    } catch (error) {
      if (error instanceof CodeownersError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
    for (const warning of result.warnings) console.log(`warning: ${warning}.`);
    const file = path.join(platformRoot(), CODEOWNERS_FILE);
    const current = await readIfExists(file);
    if (values.check) {
      if (current === result.text) {
        console.log(`${CODEOWNERS_FILE} is up to date.`);
        return 0;
      }
      console.error(`${CODEOWNERS_FILE} is ${current === undefined ? 'missing' : 'out of date'}; run "npm run buurt -- codeowners" and commit the result.`);
      return 1;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, result.text);
    console.log(
      `Wrote ${CODEOWNERS_FILE}: ${roster.editors.size} buurt${roster.editors.size === 1 ? '' : 'en'}, ${roster.maintainers.length} maintainer${roster.maintainers.length === 1 ? '' : 's'}.`,
    );
    return 0;
  },
};
