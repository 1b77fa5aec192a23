/**
 * The HTTP response headers of a built buurt, written as Netlify's `_headers` file into the published folder
 * (and served by `buurt preview` from the same file, so preview = production).
 *
 * Netlify applies every rule whose path matches a request and merges their headers; two matching rules that
 * both set a header would send it twice (two CSPs are both enforced, so /admin/ would break, and a
 * catch-all policy could never be relaxed for the CMS). So:
 *
 * - `/*` carries only the headers that are the same everywhere (HSTS, nosniff, framing, permissions, CORP);
 * - every other header is set by exactly one rule per path: one rule set per top-level part of the site
 *   ("section": `/`, `/agenda/`, `/_astro/`, `/rss.xml`, …, found in the built output) and one for `/admin/`.
 *
 * Netlify's path patterns match by prefix (`/agenda/*` also matches `/agenda.ics`; `/a/*` would match
 * `/admin/`), so a section whose name starts another section's name is written with exact-depth placeholders
 * (`/agenda`, `/agenda/:p1`, `/agenda/:p1/:p2`, …) instead of a splat. `verifyHeaderRules` (netlify-headers.ts)
 * proves for every built path that exactly one rule sets the CSP, and the build refuses when it does not.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { adminPolicy, formatPolicy, NO_NEEDS, publicPolicy, SECTION_EXTRAS, type PageNeeds } from './csp.ts';
import type { PlatformSettings } from '../model/platform.ts';

/** One rule of the `_headers` file. */
export interface HeaderRule {
  /** Netlify path pattern: "/", "/agenda/*", "/admin/:p1". */
  for: string;
  values: Record<string, string>;
}

/** The top-level part of a URL path that holds the CMS, with its own policy. */
export const ADMIN_SECTION = 'admin';

/** Files in the publish folder that Netlify reads as configuration and never serves. */
export const DEPLOY_CONFIG_FILES: readonly string[] = ['_headers', '_redirects'];

/** Two years, the HSTS preload list's minimum and Observatory's recommendation. */
export const HSTS_MAX_AGE = 63_072_000;

/**
 * Browser features no page of a buurtsite uses; denied everywhere. (`interest-cohort`, FLoC, is left out:
 * Chromium removed it and logs an error for every unknown feature; `browsing-topics` is its successor.)
 */
export const DENIED_FEATURES: readonly string[] = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

/** What the header rules are computed from. */
export interface HeaderInput {
  /** The site's own address from site.yaml: "https://voorbeeldwijk.nl". */
  domain: string;
  /** site.yaml's optional `cms` key (read defensively). */
  cms?: unknown;
  platform: Pick<PlatformSettings, 'hstsPreload'>;
  /** Every file in the published folder, as a POSIX path relative to it ("agenda/index.html"). */
  files: readonly string[];
  /** The HTML of a built page, to find what it needs. */
  readHtml(file: string): Promise<string>;
  /** What a page needs when it was read before (see `readPageNeeds`); its `fonts` is replaced by the site's. */
  knownNeeds?(file: string): Promise<PageNeeds> | undefined;
}

/** The headers every response gets. */
export function sharedHeaders(domain: string, platform: Pick<PlatformSettings, 'hstsPreload'>): Record<string, string> {
  const host = hostOf(domain);
  const preload = host !== undefined && platform.hstsPreload.includes(host);
  return {
    'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE}; includeSubDomains${preload ? '; preload' : ''}`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function hostOf(domain: string): string | undefined {
  try {
    return new URL(domain).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The headers of the CMS: its own policy, never cached, not indexed, OAuth pop-ups keep their opener. */
export function adminHeaders(cms: unknown): Record<string, string> {
  return {
    'Content-Security-Policy': formatPolicy(adminPolicy(cms)),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
    'X-Robots-Tag': 'noindex, nofollow',
  };
}

/** The headers of a public section with the given needs. */
export function publicHeaders(needs: PageNeeds, section: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': formatPolicy(publicPolicy(needs, SECTION_EXTRAS[section] ?? {})),
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // Astro's bundles and the processed photos have content hashes in their names: cache them for good.
  if (section === '_astro' || section === '_fotos') headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  return headers;
}

const DATA_SCRIPT_TYPES = /^(application\/(ld\+)?json|application\/json|text\/plain|importmap)$/i;

/** What a page's parsed elements say about it. */
export interface PageElements {
  /** A `<script>` element that is not a data block (JSON-LD). */
  scripts: boolean;
  /** A `<form>` element. */
  forms: boolean;
  /** A `<link rel="manifest">` element. */
  manifest: boolean;
  /** A `<meta http-equiv="Content-Security-Policy">` element. */
  metaPolicy: boolean;
  /** Where a `<meta>` belongs: just after `<meta charset>`, else just after `<head>`; undefined without either. */
  headInsertAt: number | undefined;
}

/**
 * The elements of a page that decide its policy, from the parsed HTML (htmlparser2), never from its text: an
 * editor's summary with the words `<script>` or `<link rel=manifest>` sits in an attribute value or in text,
 * where a parser sees no element (searching the text widened the policy of a whole section).
 */
export function readPageElements(html: string): PageElements {
  const found: PageElements = { scripts: false, forms: false, manifest: false, metaPolicy: false, headInsertAt: undefined };
  let afterCharset: number | undefined;
  let afterHead: number | undefined;
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const end = parser.endIndex + 1;
        switch (name) {
          case 'script': {
            const type = attributes.type?.trim();
            if (!type || !DATA_SCRIPT_TYPES.test(type)) found.scripts = true;
            break;
          }
          case 'form':
            found.forms = true;
            break;
          case 'link':
            if (
              (attributes.rel ?? '')
                .toLowerCase()
                .split(/[\t\n\f\r ]+/)
                .includes('manifest')
            )
              found.manifest = true;
            break;
          case 'meta':
            if ((attributes['http-equiv'] ?? '').trim().toLowerCase() === 'content-security-policy') found.metaPolicy = true;
            if (afterCharset === undefined && attributes.charset !== undefined) afterCharset = end;
            break;
          case 'head':
            afterHead ??= end;
            break;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  found.headInsertAt = afterCharset ?? afterHead;
  return found;
}

/** What one page needs, read from its parsed elements. Data blocks (JSON-LD) are not scripts. */
export function pageNeeds(html: string, siteHasFonts: boolean): PageNeeds {
  const { scripts, forms, manifest } = readPageElements(html);
  return { scripts, forms, manifest, fonts: siteHasFonts };
}

function mergeNeeds(a: PageNeeds, b: PageNeeds): PageNeeds {
  return { scripts: a.scripts || b.scripts, forms: a.forms || b.forms, manifest: a.manifest || b.manifest, fonts: a.fonts || b.fonts };
}

interface Section {
  /** First segment of the path ("agenda", "rss.xml"); "" for the home page. */
  name: string;
  isDirectory: boolean;
  files: string[];
}

function sectionsOf(files: readonly string[]): Section[] {
  const sections = new Map<string, Section>();
  for (const file of files) {
    if (DEPLOY_CONFIG_FILES.includes(file)) continue;
    const slash = file.indexOf('/');
    const name = slash === -1 ? (file === 'index.html' ? '' : file) : file.slice(0, slash);
    const section = sections.get(name) ?? { name, isDirectory: slash !== -1, files: [] };
    section.files.push(file);
    sections.set(name, section);
  }
  return [...sections.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The path patterns that cover section `name` and nothing else. A splat (`/name/*`) also matches every path
 * that merely starts with the name, so it is used only when no other top-level name does.
 */
export function sectionPatterns(
  name: string,
  isDirectory: boolean,
  depth: number,
  otherNames: readonly string[],
  options: { placeholders?: boolean } = {},
): string[] {
  if (name === '') return ['/', '/index.html'];
  if (!isDirectory) return [`/${name}`];
  const lower = name.toLowerCase();
  const prefixOfAnother = otherNames.some((other) => other.toLowerCase() !== lower && other.toLowerCase().startsWith(lower));
  if (!prefixOfAnother && !options.placeholders) return [`/${name}/*`];
  const patterns = [`/${name}`];
  for (let level = 1; level <= depth + 1; level++) {
    patterns.push(`/${name}/${Array.from({ length: level }, (_, i) => `:p${i + 1}`).join('/')}`);
  }
  return patterns;
}

/** Number of segments below the section's folder: "agenda/a/index.html" → 2. */
function depthOf(section: Section): number {
  return Math.max(1, ...section.files.map((f) => f.split('/').length - 1));
}

/** Pages read at the same time: reading them one by one waits on the disk 1,500 times for a big buurt. */
const READ_CONCURRENCY = 32;

/** `map` with at most `limit` calls of `fn` running at once; results keep the order of `items`. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Starts reading what the pages `files` of `outDir` need, 32 at a time, keeping only the needs (not the HTML:
 * a big buurt's pages are 100 MB in memory). For `HeaderInput.knownNeeds`.
 */
export function readPageNeeds(outDir: string, files: readonly string[]): Map<string, Promise<PageNeeds>> {
  const all = mapConcurrently(files, READ_CONCURRENCY, async (file) => pageNeeds(await readFile(path.join(outDir, file), 'utf8'), false));
  all.catch(() => undefined);
  return new Map(files.map((file, i) => [file, all.then((needs) => needs[i]!)]));
}

/** Every rule of a buurt's `_headers`, computed from its built files. */
export async function computeHeaderRules(input: HeaderInput): Promise<HeaderRule[]> {
  const sections = sectionsOf(input.files).filter((s) => s.name.toLowerCase() !== ADMIN_SECTION);
  const names = [...sections.map((s) => s.name).filter(Boolean), ADMIN_SECTION];
  const siteHasFonts = input.files.some((f) => /\.(woff2?|ttf|otf)$/i.test(f));
  const rules: HeaderRule[] = [{ for: '/*', values: sharedHeaders(input.domain, input.platform) }];

  for (const section of sections) {
    const pages = await mapConcurrently(
      section.files.filter((f) => f.endsWith('.html')),
      READ_CONCURRENCY,
      async (file) => {
        const known = input.knownNeeds?.(file);
        return known ? { ...(await known), fonts: siteHasFonts } : pageNeeds(await input.readHtml(file), siteHasFonts);
      },
    );
    const values = publicHeaders(pages.reduce(mergeNeeds, NO_NEEDS), section.name);
    for (const pattern of sectionPatterns(section.name, section.isDirectory, depthOf(section), names)) {
      rules.push({ for: pattern, values });
    }
  }

  const adminFiles = input.files.filter((f) => f.toLowerCase().startsWith(`${ADMIN_SECTION}/`));
  const adminDepth = Math.max(2, ...adminFiles.map((f) => f.split('/').length - 1));
  const adminValues = adminHeaders(input.cms);
  // Always with placeholders: a splat would also match public pages such as /administratie/.
  for (const pattern of sectionPatterns(ADMIN_SECTION, true, adminDepth, names, { placeholders: true })) {
    rules.push({ for: pattern, values: adminValues });
  }
  return rules;
}

/** The text of a `_headers` file. */
export function formatHeadersFile(rules: readonly HeaderRule[], title: string): string {
  const lines = [
    `# ${title}`,
    '# Generated by buurtsites (src/headers/headers.ts) after every build. Do not edit: change the code.',
    '# Exactly one rule sets each header for any path; only /* is shared by all.',
  ];
  for (const rule of rules) {
    lines.push('', rule.for, ...Object.entries(rule.values).map(([name, value]) => `  ${name}: ${value}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Every file below `dir`, as POSIX paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Computes the rules for the built site in `outDir` and writes `<outDir>/_headers`; returns the rules.
 * `files` is the list of built files when the caller has it already; `knownNeeds` gives pages it has read.
 */
export async function writeHeadersFile(
  outDir: string,
  site: { slug: string; domain: string; cms?: unknown },
  platform: Pick<PlatformSettings, 'hstsPreload'>,
  files?: readonly string[],
  knownNeeds?: (file: string) => Promise<PageNeeds> | undefined,
): Promise<HeaderRule[]> {
  const rules = await computeHeaderRules({
    domain: site.domain,
    cms: site.cms,
    platform,
    files: files ?? (await listFiles(outDir)),
    readHtml: (file) => readFile(path.join(outDir, file), 'utf8'),
    knownNeeds,
  });
  await writeFile(path.join(outDir, '_headers'), formatHeadersFile(rules, `HTTP headers of ${site.slug} (${site.domain})`));
  return rules;
}
