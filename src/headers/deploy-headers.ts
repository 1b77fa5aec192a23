/**
 * The build step that gives a built buurt its `_headers`: computes the rules from the output, writes them,
 * reads them back with Netlify's parser and proves every path gets exactly one Content-Security-Policy.
 * `buildSite` runs it as the last step before the new site replaces the old one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSiteConfig } from '../model/content.ts';
import { formatPolicy, publicPolicy, type PageNeeds } from './csp.ts';
import { listFiles, readPageElements, readPageNeeds, writeHeadersFile, ADMIN_SECTION } from './headers.ts';
import { formatHeaderProblem, HeadersFileError, readHeaderRules, urlPathsOf, verifyHeaderRules } from './netlify-headers.ts';
import { loadPlatformSettings } from '../model/platform.ts';

/** URL paths the rules must cover besides the built files: unknown pages in each section, and the CMS. */
export function probePaths(files: readonly string[]): string[] {
  const sections = new Set(files.filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))));
  sections.add(ADMIN_SECTION);
  const probes = ['/'];
  for (const section of sections) probes.push(`/${section}`, `/${section}/`, `/${section}/bestaat-niet/`, `/${section}/bestaat-niet`);
  return probes;
}

/**
 * Netlify serves 404.html for every unknown address, also for addresses under no known section, which no
 * `_headers` rule can cover without also covering /admin/. The page therefore carries its own policy in a
 * `<meta http-equiv>` (the same policy its header rule sends; `frame-ancestors` cannot be set in a meta and is
 * covered by X-Frame-Options: DENY on every path).
 */
export async function add404Policy(outDir: string, hasFonts: boolean): Promise<void> {
  const file = path.join(outDir, '404.html');
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch {
    return;
  }
  // Decided from the parsed page: a site name or text holding the words "<meta http-equiv=…>" is no policy.
  const elements = readPageElements(html);
  if (elements.metaPolicy) return;
  const policy = new Map(publicPolicy({ scripts: elements.scripts, forms: elements.forms, manifest: elements.manifest, fonts: hasFonts }));
  policy.delete('frame-ancestors');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${formatPolicy(policy).replace(/"/g, '&quot;')}">`;
  const end = elements.headInsertAt;
  if (end === undefined) return;
  await writeFile(file, `${html.slice(0, end)}${meta}${html.slice(end)}`);
}

export interface DeployHeadersOptions {
  /**
   * Work still writing into `outDir` (the search index): the pages are read while it runs, the rules are made
   * once it is done, from the complete output.
   */
  whileWriting?: Promise<unknown>;
}

/** Writes `<outDir>/_headers` for buurt `slug` and verifies it; throws `HeadersFileError` when unsound. */
export async function writeDeployHeaders(slug: string, outDir: string, options: DeployHeadersOptions = {}): Promise<{ file: string; rules: number }> {
  const { config } = await loadSiteConfig(slug);
  if (!config) throw new HeadersFileError(`sites/${slug}/site.yaml could not be read, so no headers could be written`);
  const platform = await loadPlatformSettings();
  const cms = (config as unknown as Record<string, unknown>).cms;
  // The pages that are there already are read now (a page's needs do not change), the rest later.
  let early = new Map<string, Promise<PageNeeds>>();
  if (options.whileWriting) {
    early = readPageNeeds(
      outDir,
      (await listFiles(outDir)).filter((f) => f.endsWith('.html') && f !== '404.html'),
    );
    await options.whileWriting;
  }
  const builtFiles = await listFiles(outDir);
  await add404Policy(
    outDir,
    builtFiles.some((f) => /\.(woff2?|ttf|otf)$/i.test(f)),
  );
  await writeHeadersFile(outDir, { slug, domain: config.domain, cms }, platform, builtFiles, (file) => early.get(file));
  const file = path.join(outDir, '_headers');
  const rules = await readHeaderRules(file);
  const files = builtFiles.includes('_headers') ? builtFiles : [...builtFiles, '_headers'];
  const urlPaths = [...new Set([...files.filter((f) => f !== '_headers' && f !== '_redirects').flatMap(urlPathsOf), ...probePaths(files)])];
  const problems = verifyHeaderRules(rules, urlPaths);
  if (problems.length) {
    throw new HeadersFileError(
      `The generated _headers of ${slug} would not give every response exactly one policy:\n` +
        problems
          .slice(0, 20)
          .map((p) => `  ${formatHeaderProblem(p)}`)
          .join('\n'),
    );
  }
  return { file, rules: rules.length };
}
