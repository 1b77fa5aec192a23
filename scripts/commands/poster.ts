import { urls } from '../../src/model/urls.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { printBuiltPage } from '../print/command.ts';

export const poster: Command = {
  name: 'poster',
  usage: '<slug> <activity> [--out poster.pdf] [--no-build]',
  description: 'Print the A4 poster of an activity (content/agenda/<activity>.md) to PDF with Chromium, building the site first when it changed.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string', short: 'o' },
      'no-build': { type: 'boolean' },
    });
    const activity = positionals[1];
    if (!activity) throw new UsageError('Name the activity: the name of its file in content/agenda/ without ".md", e.g. "koffieochtend".');
    return printBuiltPage({
      slug: positionals[0],
      extra: positionals.slice(2),
      pathname: urls.poster(activity),
      out: (slug) => values.out ?? `poster-${slug}-${activity}.pdf`,
      build: !values['no-build'],
      what: `the poster of "${activity}"`,
      missing: `There is no published activity "${activity}" (a file content/agenda/${activity}.md that is not a draft).`,
    });
  },
};
