/**
 * One issue of a buurt's newsletter, made from its content: what goes in (`composeIssue`, plain data) and how
 * it reads in a mail client (`renderIssue`: HTML with a table layout and inline styles, plus a plain-text part).
 *
 * Hand-written HTML, not MJML: MJML (and its html-minifier/juice dependencies) is some 8 MB and 150 packages for
 * one single-column layout of headings, paragraphs and links; the table layout below is what MJML would emit
 * for it, and a unit test pins it. No tracking: links are the site's own addresses without parameters, there is
 * no pixel, and the only image (the logo) has the same address for every recipient.
 */
import { agendaOverview, formatLineWhen, upcomingItems, isRecurring, type ActivityLike } from '../listings/agenda.ts';
import { readableOn } from '../theme/colours.ts';
import { formatDay, parseAmsterdam, toDateString } from '../dates/dates.ts';
import { escapeHtml, fillImages, renderMarkdown } from '../markdown/markdown.ts';
import { publicationMoment, publishedNews, type NewsLike } from '../listings/news.ts';
import { categoryLabel, livePosts, type PostLike, type PrikbordKind } from '../prikbord/posts.ts';
import type { NewsletterNoteData, SiteConfig } from '../model/schemas.ts';
import { nl } from '../model/strings.ts';
import { urls } from '../model/urls.ts';
import { nieuwsbriefTexts } from './texts.ts';

const DAY = 86_400_000;
/** How far ahead the agenda of an issue looks. */
export const ISSUE_AGENDA_DAYS = 14;
/** Placeholder for each recipient's own unsubscribe link in a stored issue. */
export const UNSUBSCRIBE_PLACEHOLDER = '%%AFMELDLINK%%';

export interface IssueNews {
  title: string;
  url: string;
  /** "14 maart 2026" */
  date: string;
  summary: string;
}

export interface IssueActivity {
  title: string;
  url: string;
  /** "wo 2 december, 14:00–16:00" (Amsterdam time) */
  when: string;
  place: string;
  cancelled: boolean;
}

export interface IssueRecurring {
  title: string;
  url: string;
  /** "Elke dinsdag, 10:00–12:00" */
  rhythm: string;
  /** "8 december" */
  next: string;
  place: string;
}

export interface IssuePost {
  kind: PrikbordKind;
  /** "Vraag" or "Aanbod" */
  kindLabel: string;
  title: string;
  /** "Klussen" */
  category: string;
  url: string;
}

/** A prikbord post as the issue reads it: the fields `livePosts` needs, and its title. */
export type IssuePostInput = PostLike & { data: { title: string } };

/** What one issue holds; `isEmptyIssue` tells whether it has anything new. */
export interface Issue {
  buurt: string;
  siteUrl: string;
  subject: string;
  /** The editors' line, rendered. */
  note?: { html: string; text: string } | undefined;
  news: IssueNews[];
  activities: IssueActivity[];
  recurring: IssueRecurring[];
  /** New prikbord posts still up ("Vraag & aanbod"), newest first. */
  posts: IssuePost[];
  /** The ids of the news items and posts in this issue: the next issue leaves them out (`ComposeInput.previous`). */
  ids: IssueIds;
}

export interface IssueIds {
  news: string[];
  posts: string[];
}

export interface ComposeInput {
  site: SiteConfig;
  news: readonly NewsLike[];
  activities: readonly ActivityLike[];
  /** The buurt's prikbord posts (`content/prikbord/`), when it has any. */
  posts?: readonly IssuePostInput[] | undefined;
  /** `content/nieuwsbrief.md`, when the buurt has one. */
  note?: { data: NewsletterNoteData; body: string } | undefined;
  now: Date;
  /** News published after this moment is new (the start of the previous issue). */
  since: Date;
  /**
   * What the previous issue held. When known, "new" compares days instead of moments: news whose publication day
   * is the day of `since` or later, and posts dated that day or later, unless the previous issue already had them.
   * So an item dated on the day of an issue but published after it went out is in the next one.
   */
  previous?: IssueIds | undefined;
  /** The site's address for links: the buurt's domain in production. */
  siteUrl?: string;
}

/**
 * The issue at `now`: news published since `since`, the activities of the next two weeks, the prikbord posts
 * placed since `since` and still up, the editors' line.
 */
export function composeIssue(input: ComposeInput): Issue {
  const { site, now, since, previous } = input;
  const siteUrl = (input.siteUrl ?? site.domain).replace(/\/+$/, '');
  const link = (pathname: string) => `${siteUrl}${pathname}`;
  const sinceDay = toDateString(since);
  const newsItems = publishedNews(input.news, now).filter((item) =>
    previous ? toDateString(publicationMoment(item)) >= sinceDay && !previous.news.includes(item.id) : publicationMoment(item).getTime() > since.getTime(),
  );
  const postItems = newPrikbordPosts(input.posts ?? [], now, since).filter((post) => !previous?.posts.includes(post.id));
  const news = newsItems.map((item) => ({
    title: item.data.title,
    url: link(urls.news(item.id)),
    date: formatDay(parseAmsterdam(item.data.date)),
    summary: item.data.summary,
  }));
  const horizon = new Date(now.getTime() + ISSUE_AGENDA_DAYS * DAY);
  const activities = upcomingItems(
    input.activities.filter((a) => !isRecurring(a)),
    now,
  )
    .filter((item) => item.occurrence.start.getTime() < horizon.getTime())
    .map(({ activity, occurrence }) => ({
      title: activity.data.title,
      url: link(urls.activity(activity.id)),
      when: formatLineWhen(occurrence),
      place: activity.data.location.name,
      cancelled: activity.data.cancelled,
    }));
  const recurring = agendaOverview(input.activities, now, ISSUE_AGENDA_DAYS)
    .recurring.flatMap((group) => group.entries)
    .filter((entry) => entry.next.start.getTime() < horizon.getTime() && !entry.activity.data.cancelled)
    .map((entry) => ({
      title: entry.activity.data.title,
      url: link(urls.activity(entry.activity.id)),
      rhythm: entry.time ? `${entry.rhythm}, ${entry.time}` : entry.rhythm,
      next: entry.nextLabel,
      place: entry.activity.data.location.name,
    }));
  const posts = postItems.map((post) => ({
    kind: post.data.kind,
    kindLabel: nl.prikbord.kinds[post.data.kind] ?? post.data.kind,
    title: post.data.title,
    category: categoryLabel(post.data.category),
    url: link(urls.prikbordPost(post.id)),
  }));
  const note = input.note && isNoteCurrent(input.note.data, now) && input.note.body.trim() ? renderNote(input.note.body, siteUrl) : undefined;
  return {
    buurt: site.name,
    siteUrl,
    subject: nieuwsbriefTexts.mail.subject(site.name, formatDay(now)),
    note,
    news,
    activities,
    recurring,
    posts,
    ids: { news: newsItems.map((item) => item.id), posts: postItems.map((post) => post.id) },
  };
}

/**
 * The prikbord posts shown at `now` (the prikbord's own rule: not hidden, dated, not expired) that were placed
 * since the last issue, newest first. A post only has a day (`date`), so "since" compares days: a post dated on
 * the day of the last issue counts as new. `composeIssue` then leaves out the posts that issue already had
 * (`previous`); without that record a post may appear twice, which is better than a post placed later that day
 * never appearing.
 */
export function newPrikbordPosts<T extends PostLike>(posts: readonly T[], now: Date, since: Date): T[] {
  const sinceDay = toDateString(since);
  return livePosts(posts, now).filter((post) => post.data.date >= sinceDay);
}

/**
 * True when the issue has nothing new: no news since the last issue, no one-off activity coming up and no new
 * prikbord post.
 */
export function isEmptyIssue(issue: Issue): boolean {
  return issue.news.length === 0 && issue.activities.length === 0 && issue.posts.length === 0;
}

/** Whether the editors' line is used at `now`: not a concept, and `until` (inclusive, Amsterdam) not passed. */
export function isNoteCurrent(data: NewsletterNoteData, now: Date): boolean {
  if (data.draft) return false;
  return !data.until || toDateString(now) <= data.until;
}

/** The editors' markdown as safe HTML (own links made absolute, images left out) and as plain text. */
function renderNote(body: string, siteUrl: string): { html: string; text: string } {
  const rendered = renderMarkdown(body, { origin: siteUrl.startsWith('https://') ? siteUrl : undefined });
  const html = fillImages(rendered, () => '')
    .replace(/ href="\/(?!\/)/g, ` href="${siteUrl}/`)
    .replace(/<p>/g, '<p style="margin:0 0 12px 0;">');
  const text = body
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, href: string) => `${label} (${href.startsWith('/') ? siteUrl + href : href})`)
    .replace(/[*_`#>]+/g, '')
    .replace(/<[^>]+>/g, '')
    .trim();
  return { html, text };
}

export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  /** This recipient's unsubscribe link (or the placeholder, for a stored issue). */
  unsubscribeUrl: string;
  colors: SiteConfig['colors'];
  /** Absolute address of the logo image, when the buurt has a logo. */
  logoUrl?: string | undefined;
  logoAlt?: string | undefined;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';

/** The issue as a mail: HTML (tables, inline styles, 600 px wide) and plain text, both in Dutch. */
export function renderIssue(issue: Issue, options: RenderOptions): RenderedIssue {
  return { subject: issue.subject, html: renderHtml(issue, options), text: renderText(issue, options.unsubscribeUrl) };
}

function renderHtml(issue: Issue, options: RenderOptions): string {
  const t = nieuwsbriefTexts.mail;
  const e = escapeHtml;
  const primary = options.colors.primary;
  const onPrimary = readableOn(primary);
  const heading = (text: string) =>
    `<tr><td style="padding:24px 24px 8px 24px;"><h2 style="margin:0;${FONT}font-size:20px;line-height:26px;color:${primary};">${e(text)}</h2></td></tr>`;
  const row = (inner: string) => `<tr><td style="padding:8px 24px;${FONT}font-size:16px;line-height:24px;color:#1a1a1a;">${inner}</td></tr>`;
  const a = (href: string, text: string) => `<a href="${e(href)}" style="color:${primary};text-decoration:underline;">${e(text)}</a>`;
  const rows: string[] = [];
  const logo = options.logoUrl
    ? `<img src="${e(options.logoUrl)}" width="48" height="48" alt="${e(options.logoAlt ?? '')}" style="display:block;border:0;width:48px;height:48px;">`
    : '';
  rows.push(
    `<tr><td style="background:${primary};padding:16px 24px;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>` +
      (logo ? `<td style="padding-right:12px;vertical-align:middle;">${logo}</td>` : '') +
      `<td style="vertical-align:middle;${FONT}font-size:24px;line-height:30px;font-weight:bold;color:${onPrimary};">${e(issue.buurt)}</td></tr></table></td></tr>`,
  );
  rows.push(row(`<h1 style="margin:8px 0 0 0;${FONT}font-size:24px;line-height:30px;color:#1a1a1a;">${e(issue.subject)}</h1>`));
  if (issue.note) {
    rows.push(heading(t.fromEditors));
    rows.push(row(issue.note.html));
  }
  if (issue.news.length) {
    rows.push(heading(t.news));
    for (const item of issue.news) {
      rows.push(
        row(
          `<h3 style="margin:0;${FONT}font-size:18px;line-height:24px;">${a(item.url, item.title)}</h3>` +
            `<p style="margin:4px 0 0 0;color:#555555;font-size:14px;">${e(item.date)}</p>` +
            `<p style="margin:4px 0 0 0;">${e(item.summary)}</p>`,
        ),
      );
    }
  }
  if (issue.activities.length || issue.recurring.length) {
    rows.push(heading(t.agenda));
    for (const item of issue.activities) {
      rows.push(
        row(
          `<p style="margin:0;font-weight:bold;">${e(item.when)}</p>` +
            `<p style="margin:0;">${a(item.url, item.title)}${item.cancelled ? ` <strong>(${e(t.cancelled)})</strong>` : ''}</p>` +
            `<p style="margin:0;color:#555555;font-size:14px;">${e(item.place)}</p>`,
        ),
      );
    }
    if (issue.recurring.length) {
      rows.push(row(`<h3 style="margin:8px 0 0 0;${FONT}font-size:18px;line-height:24px;color:#1a1a1a;">${e(t.recurring)}</h3>`));
      for (const item of issue.recurring) {
        rows.push(
          row(
            `<p style="margin:0;">${a(item.url, item.title)}</p>` +
              `<p style="margin:0;color:#555555;font-size:14px;">${e(item.rhythm)} (${e(t.nextTime(item.next))}), ${e(item.place)}</p>`,
          ),
        );
      }
    }
  }
  if (issue.posts.length) {
    rows.push(heading(t.prikbord));
    for (const item of issue.posts) {
      rows.push(
        row(
          `<p style="margin:0;font-weight:bold;">${e(item.kindLabel)}</p>` +
            `<p style="margin:0;">${a(item.url, item.title)}</p>` +
            `<p style="margin:0;color:#555555;font-size:14px;">${e(t.category(item.category))}</p>`,
        ),
      );
    }
  }
  rows.push(row(`<p style="margin:16px 0 0 0;">${a(`${issue.siteUrl}/`, t.moreOnSite)}</p>`));
  rows.push(
    `<tr><td style="padding:24px;border-top:1px solid #dddddd;${FONT}font-size:14px;line-height:20px;color:#555555;">` +
      `<p style="margin:0 0 8px 0;">${e(t.whyYouGetThis(issue.buurt))}</p>` +
      `<p style="margin:0 0 8px 0;">${a(options.unsubscribeUrl, t.unsubscribe)}</p>` +
      `<p style="margin:0;">${e(t.noTracking)}</p></td></tr>`,
  );
  return [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="light"><title>${e(issue.subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f5f5f5;">`,
    `<div style="display:none;max-height:0;overflow:hidden;">${e(t.preheader(issue.buurt))}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f5f5f5;"><tr><td align="center" style="padding:16px 8px;">`,
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;">`,
    ...rows,
    '</table></td></tr></table></body></html>',
  ].join('\n');
}

function renderText(issue: Issue, unsubscribeUrl: string): string {
  const t = nieuwsbriefTexts.mail;
  const lines: string[] = [issue.subject.toUpperCase(), ''];
  const section = (title: string) => lines.push(title, '-'.repeat(title.length), '');
  if (issue.note) {
    section(t.fromEditors);
    lines.push(issue.note.text, '');
  }
  if (issue.news.length) {
    section(t.news);
    for (const item of issue.news) lines.push(`* ${item.title} (${item.date})`, `  ${item.summary}`, `  ${item.url}`, '');
  }
  if (issue.activities.length || issue.recurring.length) {
    section(t.agenda);
    for (const item of issue.activities) {
      lines.push(`* ${item.when}: ${item.title}${item.cancelled ? ` (${t.cancelled})` : ''}`, `  ${item.place}`, `  ${item.url}`, '');
    }
    if (issue.recurring.length) {
      lines.push(`${t.recurring}:`, '');
      for (const item of issue.recurring) lines.push(`* ${item.title}: ${item.rhythm} (${t.nextTime(item.next)}), ${item.place}`, `  ${item.url}`, '');
    }
  }
  if (issue.posts.length) {
    section(t.prikbord);
    for (const item of issue.posts) lines.push(`* ${item.kindLabel}: ${item.title}`, `  ${t.category(item.category)}`, `  ${item.url}`, '');
  }
  lines.push(`${t.moreOnSite}: ${issue.siteUrl}/`, '', '-- ', t.whyYouGetThis(issue.buurt), t.unsubscribeText(unsubscribeUrl), t.noTracking, '');
  return lines.join('\n');
}
