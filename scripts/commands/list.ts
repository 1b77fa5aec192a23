import { listSlugs } from '../platform/build/build.ts';
import { loadSite } from '../../src/model/content.ts';
import { collectionNames } from '../../src/core/paths.ts';
import { formatTable, parseCommandArgs, type Command } from '../cli.ts';

export const list: Command = {
  name: 'list',
  usage: '[--json]',
  description: 'List every buurt with its name, domain and content counts.',
  async run(args) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const sites = await Promise.all((await listSlugs()).map((slug) => loadSite(slug)));
    const summaries = sites.map((site) => ({
      slug: site.slug,
      name: site.config?.name ?? '(invalid site.yaml)',
      domain: site.config?.domain ?? '',
      counts: Object.fromEntries(collectionNames.map((c) => [c, site.entries[c].length])),
      problems: site.problems.length,
    }));
    if (values.json) {
      console.log(JSON.stringify(summaries, null, 2));
      return 0;
    }
    if (!summaries.length) {
      console.log('No buurten yet. Create one with "buurt new <slug>".');
      return 0;
    }
    console.log(
      formatTable(
        ['buurt', 'name', 'domain', ...collectionNames],
        summaries.map((s) => [s.slug, s.name, s.domain, ...collectionNames.map((c) => s.counts[c] ?? 0)]),
      ),
    );
    const broken = summaries.filter((s) => s.problems);
    if (broken.length) console.log(`\n${broken.map((s) => s.slug).join(', ')}: files with problems; run "buurt check" for details.`);
    return 0;
  },
};
