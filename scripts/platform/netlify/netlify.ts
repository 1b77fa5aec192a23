/**
 * One Netlify site per buurt, all from this repository. Every site sets `BUURT=<slug>`; netlify.toml runs
 * scripts/netlify/build.ts, which builds that buurt (incrementally, with the cache a build plugin keeps between
 * builds) and copies dist/<slug>/ to the fixed publish folder `dist/_netlify/` (Netlify's publish setting cannot
 * name an environment variable), adding
 * - `_redirects`: www → the canonical domain and http → https, for the buurt's own domain;
 * - `_headers`: `X-Robots-Tag: noindex` for every deploy that is not production (deploy previews of CMS review
 *   branches `cms/…`, branch deploys), so search engines never list a preview.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSiteConfig } from '../../../src/model/content.ts';
import { BUILD_ID_FILE } from '../build/fingerprint.ts';
import { distRoot, sitePaths } from '../../../src/core/paths.ts';

/** The fixed publish folder of netlify.toml. */
export function netlifyPublishDir(): string {
  return path.join(distRoot(), '_netlify');
}

/**
 * `_redirects` rules that send every other way of writing the buurt's address to its one canonical https address:
 * http://x.nl, http://www.x.nl and https://www.x.nl → https://x.nl (or the other way round when the canonical
 * domain starts with www.). `301!` applies them even where a file exists.
 */
export function redirectRules(domain: string): string[] {
  const host = domain.replace(/^https:\/\//, '').replace(/\/+$/, '');
  const canonical = `https://${host}`;
  const bare = host.replace(/^www\./, '');
  const hosts = host.endsWith('.netlify.app') ? [host] : [bare, `www.${bare}`];
  const rules: string[] = [];
  for (const from of hosts) {
    rules.push(`http://${from}/*  ${canonical}/:splat  301!`);
    if (from !== host) rules.push(`https://${from}/*  ${canonical}/:splat  301!`);
  }
  return rules;
}

/** True for Netlify deploy contexts that must not be indexed: everything but production. */
export function isNoindexContext(context: string | undefined): boolean {
  return context !== undefined && context !== '' && context !== 'production';
}

/** The `_headers` block that keeps a preview out of search engines. */
export const NOINDEX_HEADERS = '/*\n  X-Robots-Tag: noindex\n';

export interface PublishResult {
  publishDir: string;
  redirects: string[];
  noindex: boolean;
}

/**
 * Copies the built dist/<slug>/ to the publish folder and writes `_redirects` and `_headers`, keeping any rules the
 * site itself ships (ours come first in `_redirects`, so they win).
 */
export async function publishForNetlify(slug: string, options: { context?: string | undefined; publishDir?: string } = {}): Promise<PublishResult> {
  const publishDir = options.publishDir ?? netlifyPublishDir();
  const { distDir } = sitePaths(slug);
  const { config, problems } = await loadSiteConfig(slug);
  if (!config) throw new Error(`The site.yaml of ${slug} cannot be read: ${problems.map((p) => p.message).join('; ')}`);
  await rm(publishDir, { recursive: true, force: true });
  await mkdir(path.dirname(publishDir), { recursive: true });
  await cp(distDir, publishDir, { recursive: true, filter: (source) => path.basename(source) !== BUILD_ID_FILE });

  const redirects = redirectRules(config.domain);
  const existingRedirects = await readFile(path.join(publishDir, '_redirects'), 'utf8').catch(() => '');
  await writeFile(
    path.join(publishDir, '_redirects'),
    `# ${config.domain}: one address, always https (written by scripts/netlify/build.ts)\n${redirects.join('\n')}\n${existingRedirects ? `\n${existingRedirects}` : ''}`,
  );

  const noindex = isNoindexContext(options.context);
  if (noindex) {
    const existingHeaders = await readFile(path.join(publishDir, '_headers'), 'utf8').catch(() => '');
    await writeFile(
      path.join(publishDir, '_headers'),
      `${existingHeaders ? `${existingHeaders.trimEnd()}\n\n` : ''}# A ${options.context} deploy: keep it out of search engines (written by scripts/netlify/build.ts)\n${NOINDEX_HEADERS}`,
    );
  }
  return { publishDir, redirects, noindex };
}
