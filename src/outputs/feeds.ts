/**
 * RSS 2.0 feeds: the buurt's news (`/rss.xml`) and its activities (`/agenda/rss.xml`), written by `@astrojs/rss`.
 * We have no Atom or JSON feeds; `@astrojs/rss` only writes RSS. What this module adds around it: every address
 * is absolute on the buurt's own https domain (feed readers have no base URL), characters XML 1.0 does not allow
 * are dropped before the library escapes the rest, and dates are RFC 822 with the Amsterdam offset ("Sat, 14 Mar
 * 2026 10:00:00 +0100"; the library's own `pubDate` would write GMT, so ours goes in through `customData`).
 */
import { getRssString } from '@astrojs/rss';
import { amsterdamOffsetMinutes, toWallClock } from '../dates/dates.ts';

export interface RssItem {
  title: string;
  /** Absolute address of the item's page. */
  link: string;
  /** Plain text: one or two sentences. */
  description: string;
  /** The full text as HTML with absolute addresses, for readers that show whole items. */
  contentHtml?: string | undefined;
  /** When the item was published; activities leave it out (readers then use the moment they first saw it). */
  pubDate?: Date | undefined;
  categories?: readonly string[];
}

export interface RssChannel {
  title: string;
  /** Absolute address of the page the feed mirrors. */
  link: string;
  description: string;
  /** Absolute address of the feed itself (atom:link rel="self"). */
  feedUrl: string;
  lastBuildDate: Date;
  language?: string;
  image?: { url: string; title: string; link: string } | undefined;
  items: readonly RssItem[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date in Amsterdam time, as RSS 2.0 wants it: "Sat, 14 Mar 2026 10:00:00 +0100". */
export function rfc822(instant: Date): string {
  const w = toWallClock(instant);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const offset = amsterdamOffsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[weekday]}, ${pad(w.day)} ${MONTHS[w.month - 1]} ${w.year} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Makes every address in HTML attributes (href, src, srcset) absolute on `origin`, for feed readers:
 * `/_fotos/a-960.jpg 960w` → `https://oostbuurt.nl/_fotos/a-960.jpg 960w`.
 */
export function absolutizeHtml(html: string, origin: string): string {
  const absolute = (url: string) => (url.startsWith('/') && !url.startsWith('//') ? new URL(url, origin).href : url);
  return html.replace(/\s(href|src|srcset)="([^"]*)"/g, (_, name: string, value: string) => {
    if (name !== 'srcset') return ` ${name}="${absolute(value)}"`;
    const list = value
      .split(',')
      .map((candidate) => {
        const [url, ...descriptor] = candidate.trim().split(/\s+/);
        return [absolute(url ?? ''), ...descriptor].join(' ');
      })
      .join(', ');
    return ` srcset="${list}"`;
  });
}

/** Drops the characters XML 1.0 does not allow (control characters, U+FFFE, U+FFFF). */
export function stripInvalidXmlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** An element of trusted name with escaped text, for `customData` (which `@astrojs/rss` copies in as XML). */
function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/** A complete RSS 2.0 document. */
export async function rssFeed(channel: RssChannel): Promise<string> {
  const text = stripInvalidXmlChars;
  const image = channel.image
    ? `<image>${element('url', channel.image.url)}${element('title', channel.image.title)}${element('link', channel.image.link)}</image>`
    : '';
  return getRssString({
    title: text(channel.title),
    description: text(channel.description),
    site: channel.link,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', content: 'http://purl.org/rss/1.0/modules/content/' },
    customData:
      element('language', channel.language ?? 'nl-NL') +
      element('lastBuildDate', rfc822(channel.lastBuildDate)) +
      element('generator', 'buurtsites') +
      `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>` +
      image,
    items: channel.items.map((item) => ({
      title: text(item.title),
      link: text(item.link),
      description: text(item.description),
      ...(item.contentHtml ? { content: text(item.contentHtml) } : {}),
      ...(item.pubDate ? { customData: element('pubDate', rfc822(item.pubDate)) } : {}),
      categories: (item.categories ?? []).map(text),
    })),
  });
}
