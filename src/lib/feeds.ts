/**
 * Why not @astrojs/rss yet: issue 17 asks for it; the swap must keep the feeds byte-identical (dates with the
 * Amsterdam offset, escaping) and has not been measured against them yet.
 *
 * RSS 2.0 feeds: the buurt's news (`/rss.xml`) and its activities (`/agenda/rss.xml`). Every address in a
 * feed is absolute on the buurt's own https domain (feed readers have no base URL), every text is escaped,
 * and dates are RFC 822 with the Amsterdam offset ("Sat, 14 Mar 2026 10:00:00 +0100").
 */
import { amsterdamOffsetMinutes, toWallClock } from './dates.ts';

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
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
  );
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

/** A complete RSS 2.0 document. */
export function rssFeed(channel: RssChannel): string {
  const tag = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`);
  const items = channel.items.map((item) =>
    [
      '<item>',
      tag('title', item.title),
      tag('link', item.link),
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      tag('description', item.description),
      item.contentHtml ? tag('content:encoded', item.contentHtml) : '',
      item.pubDate ? tag('pubDate', rfc822(item.pubDate)) : '',
      ...(item.categories ?? []).map((category) => tag('category', category)),
      '</item>',
    ].join(''),
  );
  const image = channel.image ? `<image>${tag('url', channel.image.url)}${tag('title', channel.image.title)}${tag('link', channel.image.link)}</image>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n' +
    '<channel>' +
    tag('title', channel.title) +
    tag('link', channel.link) +
    tag('description', channel.description) +
    tag('language', channel.language ?? 'nl-NL') +
    tag('lastBuildDate', rfc822(channel.lastBuildDate)) +
    tag('generator', 'buurtsites') +
    `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>` +
    image +
    '\n' +
    items.join('\n') +
    '\n</channel>\n</rss>\n'
  );
}
