/**
 * Links in the text that lead nowhere: to a page, news item, activity, group, person or topic the site
 * does not build (or not yet), to a heading (#anchor) that is not on the target page, or to an original in
 * media/ (originals are never published). The addresses come from `builtPages`, the same functions the
 * pages use.
 */
import type { Entry, LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';
import { NearestIndex } from '../core/suggest.ts';
import { allEntries, bodyLineOf, pageUrlOf, renderedBody } from './bodies.ts';
import { builtPages, unpublishedPages } from './built-urls.ts';
import type { CheckContext } from './types.ts';

/** Paths other parts of the platform publish (the CMS, search, processed photos, bundles); not checked. */
export const PLATFORM_PATHS: readonly string[] = ['/admin/', '/zoeken/', '/pagefind/', '/_fotos/', '/_astro/'];
/** Feeds and similar files at the root that the platform may publish; not checked. */
const PLATFORM_FILE = /^\/[^/]*\.(xml|ics|json|txt|webmanifest)$|^\/nieuws\/[^/]*\.(xml|json)$|^\/agenda\/[^/]*\.(ics|xml)$/;

/**
 * Ids the page templates give, which a link may point at (`/groepen/moestuin/#contact`): the layout's main
 * and footer, the home page's sections, months in the agenda, roles on /wie-helpt/, footnotes.
 */
const TEMPLATE_ANCHORS = new Set([
  'inhoud',
  'footer-contact',
  'footer-social',
  'binnenkort',
  'nieuws',
  'groepen',
  'wie-helpt',
  'volgende',
  'contact',
  'activiteiten',
  'onderwerpen',
  'footnote-label',
]);
const TEMPLATE_ANCHOR_PATTERNS = [/^maand-\d{4}-\d{2}$/, /^rol-[a-z]+$/, /^user-content-fn(ref)?-[a-z0-9-]+$/];

/** An internal link split into its path and anchor; undefined for external, mail and phone links. */
export function resolveInternalLink(href: string, pageUrl: string, domain: string | undefined): { path: string; anchor: string } | undefined {
  if (/^(mailto|tel):/i.test(href)) return undefined;
  const base = new URL(pageUrl, domain ?? 'https://buurt.invalid');
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  const host = (h: string) => h.replace(/^www\./, '');
  if (!/^https?:$/.test(url.protocol) || host(url.hostname) !== host(base.hostname)) return undefined;
  let path = decode(url.pathname);
  if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
  return { path, anchor: decode(url.hash.slice(1)) };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Problems with the internal links in every body. */
export function checkLinks(site: LoadedSite, context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const built = builtPages(site, context.now);
  const unpublished = unpublishedPages(site, context.now);
  const domain = site.config?.domain;
  const entryAt = new Map<string, Entry>();
  for (const entry of allEntries(site)) entryAt.set(pageUrlOf(entry), entry);
  const anchorsOf = (path: string): Set<string> => {
    const entry = entryAt.get(path);
    return new Set(entry ? renderedBody(site, entry).headingIds : []);
  };
  const addresses = new NearestIndex([...built.keys()]);

  for (const entry of allEntries(site)) {
    const own = pageUrlOf(entry);
    const seen = new Set<string>();
    for (const href of renderedBody(site, entry).links) {
      if (seen.has(href)) continue;
      seen.add(href);
      const target = resolveInternalLink(href, own, domain);
      if (!target) continue;
      const at = { file: entry.file, line: bodyLineOf(entry, href) };
      let path = target.path;
      if (!built.has(path) && !path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path) && built.has(`${path}/`)) path = `${path}/`;
      if (path === own || built.has(path)) {
        const anchor = target.anchor;
        if (!anchor || TEMPLATE_ANCHORS.has(anchor) || TEMPLATE_ANCHOR_PATTERNS.some((p) => p.test(anchor))) continue;
        const ids = anchorsOf(path);
        if (ids.has(anchor)) continue;
        const where = path === own ? 'this page' : path;
        problems.push({
          ...at,
          code: 'broken-anchor',
          severity: 'error',
          message:
            `the link "${href}" points to a heading "#${anchor}" that is not on ${where}; ` +
            (ids.size ? `the headings there are ${[...ids].map((id) => `#${id}`).join(', ')}` : `${where} has no headings of its own`),
        });
        continue;
      }
      if (path.startsWith('/media/') || /(^|\/)media\//.test(href)) {
        problems.push({
          ...at,
          code: 'media-link',
          severity: 'error',
          message: /\.(jpe?g|png|webp|gif|avif)$/i.test(path)
            ? `the link "${href}" points to an original in media/, but originals are never published (photos are shown resized inside pages); show the photo with ![description](${href}) or link to the page that shows it`
            : `the link "${href}" points to a file in media/, but files in media/ are never published; put the text on a page, or link to where the document is published elsewhere`,
        });
        continue;
      }
      if (PLATFORM_PATHS.some((prefix) => path.startsWith(prefix)) || PLATFORM_FILE.test(path)) continue;
      const hidden = unpublished.get(path) ?? unpublished.get(`${path}/`);
      if (hidden?.reason === 'draft') {
        problems.push({
          ...at,
          code: 'broken-link',
          severity: 'error',
          message: `the link "${href}" points to ${hidden.entry.collection}/${hidden.entry.id}.md, which is a draft and not published; publish it first or remove the link`,
        });
        continue;
      }
      if (hidden?.reason === 'scheduled') {
        const data = hidden.entry.data as { publishAt?: string; date: string };
        const moment = (data.publishAt ?? data.date).replace('T', ' at ');
        problems.push({
          ...at,
          code: 'scheduled-link',
          severity: 'warning',
          message: `the link "${href}" points to news that is published on ${moment}; until then the link leads to the "page not found" page`,
        });
        continue;
      }
      const suggestion = closestUrl(path, addresses);
      problems.push({
        ...at,
        code: 'broken-link',
        severity: 'error',
        message: `the link "${href}" leads nowhere: the site has no page ${path}` + (suggestion ? `; did you mean ${suggestion}?` : ''),
      });
    }
  }
  return problems;
}

/** The built address most like `path`, when it is a likely typo (a few edits, a quarter of its length at most). */
function closestUrl(path: string, addresses: NearestIndex): string | undefined {
  return addresses.nearest(path, Math.max(2, Math.floor(path.length / 4)))?.word;
}
