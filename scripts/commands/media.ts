import { displayPath, sitePaths } from '../../src/core/paths.ts';
import { fixMediaFolder, formatBytes, type MediaFixResult } from '../../src/media/media.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

export const media: Command = {
  name: 'media',
  usage: 'fix <slug> [--dry-run]',
  description: 'Rewrite originals in sites/<slug>/media/ that hold a location, exceed 2560 px or 3 MB: upright, no metadata, same format.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' } });
    const [action, ...names] = positionals;
    if (action !== 'fix')
      throw new UsageError(action ? `Unknown media action "${action}"; the only one is "fix".` : 'Say what to do: "buurt media fix <slug>".');
    if (names.length !== 1) throw new UsageError('Name exactly one buurt: "buurt media fix <slug>".');
    const [slug] = await resolveSlugs(names, false);
    const dryRun = Boolean(values['dry-run']);
    const { mediaDir } = sitePaths(slug!);
    const print = (result: MediaFixResult) => {
      const name = displayPath(result.file);
      if (result.status === 'fixed') {
        const saved = result.bytesBefore - result.bytesAfter;
        const size = `${formatBytes(result.bytesBefore)} → ${formatBytes(result.bytesAfter)}${saved > 0 ? ` (saved ${formatBytes(saved)})` : ''}`;
        console.log(`${dryRun ? 'would fix' : 'fixed'}  ${name}: ${result.changes.join(', ')}; ${size}`);
      } else if (result.status === 'skipped') console.log(`skipped  ${name}: ${result.reason}`);
      else if (result.status === 'failed') console.error(`failed   ${name}: ${result.reason}`);
    };
    const results = await fixMediaFolder(mediaDir, { dryRun, onResult: print });
    const fixed = results.filter((r) => r.status === 'fixed');
    const saved = fixed.reduce((sum, r) => sum + r.bytesBefore - r.bytesAfter, 0);
    const failed = results.filter((r) => r.status === 'failed').length;
    const untouched = results.length - fixed.length;
    if (!results.length) console.log(`${displayPath(mediaDir)} holds no files.`);
    else if (!fixed.length) console.log(`Nothing to fix in ${displayPath(mediaDir)} (${results.length} file${results.length === 1 ? '' : 's'} checked).`);
    else {
      console.log(
        `\n${dryRun ? 'Would fix' : 'Fixed'} ${fixed.length} of ${results.length} files${saved > 0 ? `, ${dryRun ? 'saving' : 'saved'} ${formatBytes(saved)}` : ''}; ${untouched} left as ${untouched === 1 ? 'it was' : 'they were'}.` +
          (dryRun ? ' Dry run: nothing was written.' : ' Commit the changed files; the old versions stay in the git history.'),
      );
    }
    return failed ? 1 : 0;
  },
};
