/** Turning command-line buurt names (or --all) into known buurten. */
import { listSlugs } from './platform/build/build.ts';
import { UsageError } from './cli.ts';

/** The buurten named on the command line, or all of them with --all; unknown names are a usage error. */
export async function resolveSlugs(names: string[], all: boolean | undefined): Promise<string[]> {
  const known = await listSlugs();
  if (all) {
    if (names.length) throw new UsageError('Give either buurt names or --all, not both.');
    return known;
  }
  if (!names.length) throw new UsageError(`Name at least one buurt, or use --all. Known buurten: ${known.join(', ') || 'none'}.`);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw new UsageError(
      `Unknown buurt ${unknown.map((n) => `"${n}"`).join(', ')}: there is no sites/${unknown[0]}/site.yaml. Known buurten: ${known.join(', ') || 'none'}.`,
    );
  }
  return [...new Set(names)];
}
