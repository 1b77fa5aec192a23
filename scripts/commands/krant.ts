import { monthKey, monthRange } from '../../src/listings/agenda.ts';
import { buildNow } from '../../src/dates/dates.ts';
import { urls } from '../../src/model/urls.ts';
import { UsageError, parseCommandArgs, type Command } from '../cli.ts';
import { printBuiltPage } from '../print/command.ts';

export const krant: Command = {
  name: 'krant',
  usage: '<slug> [--maand 2027-01] [--out krant.pdf] [--no-build]',
  description: "Print the buurt's wijkkrant of a month (default: this month) to an A4 PDF with Chromium, building the site first when it changed.",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      maand: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'no-build': { type: 'boolean' },
    });
    let key: string;
    try {
      key = values.maand ?? monthKey(buildNow());
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!monthRange(key)) throw new UsageError(`--maand must be a year and month like 2027-01, not "${values.maand}".`);
    return printBuiltPage({
      slug: positionals[0],
      extra: positionals.slice(1),
      pathname: urls.krant(key),
      out: (slug) => values.out ?? `krant-${slug}-${key}.pdf`,
      build: !values['no-build'],
      what: `the wijkkrant of ${monthRange(key)!.label}`,
      missing: `There is no wijkkrant for ${key}: the site has one for this month, the coming months and every later month with an activity.`,
    });
  },
};
