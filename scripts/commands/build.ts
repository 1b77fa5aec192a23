import { BuildError, buildSite, keptSiteNote } from '../../src/lib/build.ts';
import { ContentError, formatProblem } from '../../src/lib/problems.ts';
import { formatDuration, formatTable, parseCommandArgs, type Command } from '../cli.ts';
import { resolveSlugs } from '../slugs.ts';

export const build: Command = {
  name: 'build',
  usage: '<slug…> | --all [--verbose]',
  description: 'Check and build buurten into dist/<slug>/; a failed build keeps the previous site.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      all: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
    });
    const slugs = await resolveSlugs(positionals, values.all);
    const rows: (string | number)[][] = [];
    let failed = 0;
    for (const slug of slugs) {
      console.log(`Building ${slug}…`);
      try {
        const result = await buildSite(slug, { onLog: values.verbose ? (line) => console.log(`  ${line}`) : undefined });
        for (const warning of result.warnings) console.log(`  ${formatProblem(warning)}`);
        rows.push([slug, result.pages, formatDuration(result.durationMs), 'ok']);
        console.log(`  ${result.pages} pages in ${formatDuration(result.durationMs)} → ${result.outDir}`);
      } catch (error) {
        failed++;
        if (error instanceof ContentError) {
          console.error(`  ${slug} was not built: ${error.message}\n  So ${keptSiteNote(slug)}.`);
          rows.push([slug, 0, '-', 'content errors']);
        } else if (error instanceof BuildError) {
          console.error(`  ${error.message}`);
          if (values.verbose) console.error(error.log);
          rows.push([slug, 0, '-', 'build failed']);
        } else throw error;
      }
    }
    if (slugs.length > 1) console.log(`\n${formatTable(['buurt', 'pages', 'time', 'result'], rows)}`);
    return failed ? 1 : 0;
  },
};
