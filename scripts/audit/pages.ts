/** The pages an audit looks at: one of each kind a resident opens, found in the built site. */
import { readFile } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { htmlFileOf } from './budgets.ts';

export const PAGE_TYPES = ['home', 'news item', 'agenda', 'activity', 'group', 'search'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

export interface AuditPage {
  type: PageType;
  path: string;
}

async function read(distDir: string, urlPath: string): Promise<string | undefined> {
  try {
    return await readFile(htmlFileOf(distDir, urlPath), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The first page linked from `listPath` whose address matches `pattern`, preferring one with a photo (the
 * heavier kind of page).
 */
async function firstItem(distDir: string, listPaths: string[], pattern: RegExp): Promise<string | undefined> {
  const candidates: string[] = [];
  for (const listPath of listPaths) {
    const html = await read(distDir, listPath);
    if (!html) continue;
    const $ = cheerio.load(html);
    $('main a[href]').each((_, el) => {
      const href = $(el).attr('href')!;
      if (pattern.test(href) && !candidates.includes(href)) candidates.push(href);
    });
  }
  for (const candidate of candidates) if ((await read(distDir, candidate))?.includes('class="hero"')) return candidate;
  return candidates[0];
}

/** A page kind as written on the command line and in report file names: "news item" is `news-item`. */
export const pageTypeName = (type: PageType): string => type.replace(/\W+/g, '-');

/**
 * The page kinds named in `--pages home,search`; throws a message listing the kinds on a name it does not know.
 */
export function parsePageTypes(list: string): PageType[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const known = new Map(PAGE_TYPES.map((type) => [pageTypeName(type), type]));
  const unknown = names.filter((name) => !known.has(name));
  if (!names.length || unknown.length)
    throw new Error(`${unknown.length ? `unknown page kind "${unknown.join('", "')}"` : 'no page kind given'}; the kinds are ${[...known.keys()].join(', ')}`);
  return PAGE_TYPES.filter((type) => names.includes(pageTypeName(type)));
}

/**
 * The audited pages of a built site, and the kinds it has no page of (no news yet, no groups); `only` limits
 * both to those kinds (all six by default).
 */
export async function selectAuditPages(distDir: string, only: readonly PageType[] = PAGE_TYPES): Promise<{ pages: AuditPage[]; missing: PageType[] }> {
  const found: Record<PageType, string | undefined> = {
    home: (await read(distDir, '/')) ? '/' : undefined,
    'news item': await firstItem(distDir, ['/nieuws/', '/'], /^\/nieuws\/(?!pagina\/)[^/]+\/$/),
    agenda: (await read(distDir, '/agenda/')) ? '/agenda/' : undefined,
    activity: await firstItem(distDir, ['/agenda/', '/agenda/archief/'], /^\/agenda\/(?!archief\/)[^/]+\/$/),
    group: await firstItem(distDir, ['/groepen/'], /^\/groepen\/[^/]+\/$/),
    search: (await read(distDir, '/zoeken/')) ? '/zoeken/' : undefined,
  };
  return {
    pages: PAGE_TYPES.filter((type) => only.includes(type) && found[type]).map((type) => ({ type, path: found[type]! })),
    missing: PAGE_TYPES.filter((type) => only.includes(type) && !found[type]),
  };
}
