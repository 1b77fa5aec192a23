/**
 * The build step that gives a built buurt its `_headers`: computes the rules from the output, writes them,
 * reads them back with Netlify's parser and proves every path gets exactly one Content-Security-Policy.
 * `buildSite` runs it as the last step before the new site replaces the old one.
 */
import path from 'node:path';
import { loadSiteConfig } from '../content.ts';
import { listFiles, writeHeadersFile, ADMIN_SECTION } from './headers.ts';
import { formatHeaderProblem, HeadersFileError, readHeaderRules, urlPathsOf, verifyHeaderRules } from './netlify-headers.ts';
import { loadPlatformSettings } from './platform.ts';

/** URL paths the rules must cover besides the built files: unknown pages in each section, and the CMS. */
export function probePaths(files: readonly string[]): string[] {
  const sections = new Set(files.filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))));
  sections.add(ADMIN_SECTION);
  const probes = ['/'];
  for (const section of sections) probes.push(`/${section}`, `/${section}/`, `/${section}/bestaat-niet/`, `/${section}/bestaat-niet`);
  return probes;
}

/** Writes `<outDir>/_headers` for buurt `slug` and verifies it; throws `HeadersFileError` when unsound. */
export async function writeDeployHeaders(slug: string, outDir: string): Promise<{ file: string; rules: number }> {
  const { config } = await loadSiteConfig(slug);
  if (!config) throw new HeadersFileError(`sites/${slug}/site.yaml could not be read, so no headers could be written`);
  const platform = await loadPlatformSettings();
  const cms = (config as unknown as Record<string, unknown>).cms;
  await writeHeadersFile(outDir, { slug, domain: config.domain, cms }, platform);
  const file = path.join(outDir, '_headers');
  const rules = await readHeaderRules(file);
  const files = await listFiles(outDir);
  const urlPaths = [...new Set([...files.filter((f) => f !== '_headers' && f !== '_redirects').flatMap(urlPathsOf), ...probePaths(files)])];
  const problems = verifyHeaderRules(rules, urlPaths);
  if (problems.length) {
    throw new HeadersFileError(
      `The generated _headers of ${slug} would not give every response exactly one policy:\n` +
        problems.slice(0, 20).map((p) => `  ${formatHeaderProblem(p)}`).join('\n'),
    );
  }
  return { file, rules: rules.length };
}
