/**
 * The scheduled send: each run (every 10 minutes on Netlify) decides whether an issue is due, composes it once,
 * and sends it to the confirmed subscribers it has not reached yet, a limited batch per run and paced, so a
 * run stays within a scheduled function's 30 seconds and the SMTP server's limits.
 *
 * State in Blobs (store `buurt-nieuwsbrief`, next to the subscribers):
 *
 *   <slug>/issues/<key>                 the issue as composed: {"status":"sending"|"done"|"empty", subject, html, text, …}
 *   <slug>/sent/<key>/<hash>            "claimed" → "sent": written create-only BEFORE the mail goes out
 *
 * (No key is a prefix folder of another: the local Blobs server stores keys as files and folders.)
 *   <slug>/last-issue                   {"key","started","ids"}: the last issue that went out ("news since" starts
 *                                       here) and the news and posts it held, which the next issue leaves out
 *
 * A retry never sends twice: a recipient is claimed with a create-only write before the mail is handed to SMTP;
 * when SMTP refuses, the claim is removed so the next run tries again; when the run dies in between, the claim
 * stays and that person misses one issue rather than getting it twice.
 */
import type { Store } from '@netlify/blobs';
import type { ActivityLike } from '../listings/agenda.ts';
import type { MailMessage, MailResult } from '../function-runtime/mail.ts';
import type { NewsLike } from '../listings/news.ts';
import type { NewsletterNoteData, SiteConfig } from '../model/schemas.ts';
import { NEWSLETTER_PATHS } from './form.ts';
import { composeIssue, isEmptyIssue, renderIssue, UNSUBSCRIBE_PLACEHOLDER, type IssueIds, type IssuePostInput } from './issue.ts';
import { dueIssueKey, firstIssueSince } from './schedule.ts';
import { listUnsubscribeHeaders } from './subscribe.ts';
import { Subscribers } from './subscribers.ts';

/** Mails per run, and the pause between two mails. */
export const SEND_LIMITS = { perRun: 40, pauseMs: 200 } as const;

export interface NewsletterContent {
  news: readonly NewsLike[];
  activities: readonly ActivityLike[];
  /** The prikbord posts (`content/prikbord/`). */
  posts?: readonly IssuePostInput[] | undefined;
  note?: { data: NewsletterNoteData; body: string } | undefined;
}

export interface SendContext {
  slug: string;
  site: SiteConfig;
  /** The site's address for links: the buurt's domain in production. */
  siteUrl: string;
  loadContent: () => Promise<NewsletterContent>;
  store: Store;
  /** BUURT_STATE_SECRET. */
  secret: string;
  sendMail: (message: MailMessage) => Promise<MailResult>;
  now?: () => Date;
  perRun?: number;
  pauseMs?: number;
  log?: (line: string) => void;
}

export interface StoredIssue {
  key: string;
  status: 'sending' | 'done' | 'empty';
  started: string;
  since: string;
  subject?: string;
  html?: string;
  text?: string;
  sent?: number;
  /** The news and posts in it. */
  ids?: IssueIds;
}

/** The record of the last issue that went out. `ids` is missing in records written before it existed. */
interface LastIssue {
  key: string;
  started: string;
  ids?: IssueIds;
}

export type SendOutcome =
  | { kind: 'off' }
  | { kind: 'not-due' }
  | { kind: 'empty'; key: string }
  | { kind: 'sent'; key: string; sent: number; failed: number; remaining: number; done: boolean };

const issueKey = (slug: string, key: string) => `${slug}/issues/${key}`;
const sentKey = (slug: string, key: string, hash: string) => `${slug}/sent/${key}/${hash}`;
const lastKey = (slug: string) => `${slug}/last-issue`;

/** The logo address used in the mail: the site's own copy made at build time (src/pages/nieuwsbrief/logo.png.ts). */
export function newsletterLogoUrl(site: SiteConfig, siteUrl: string): string | undefined {
  return site.logo ? `${siteUrl.replace(/\/+$/, '')}/nieuwsbrief/logo.png` : undefined;
}

/** One scheduled run for one buurt. */
export async function runScheduledSend(context: SendContext): Promise<SendOutcome> {
  const now = (context.now ?? (() => new Date()))();
  const log = context.log ?? (() => {});
  const settings = context.site.newsletter;
  if (!settings?.enabled) return { kind: 'off' };
  const subscribers = new Subscribers(context.store, context.slug, context.secret);
  const expired = await subscribers.expirePending(now);
  if (expired) log(`nieuwsbrief: ${expired} unconfirmed request(s) older than 48 hours deleted`);

  const last = (await context.store.get(lastKey(context.slug), { type: 'json' })) as LastIssue | null;
  let issue: StoredIssue | undefined;
  if (last) {
    const open = (await context.store.get(issueKey(context.slug, last.key), { type: 'json' })) as StoredIssue | null;
    if (open?.status === 'sending') issue = open;
  }
  if (!issue) {
    const key = dueIssueKey(settings, now, last?.key);
    if (!key) return { kind: 'not-due' };
    const existing = (await context.store.get(issueKey(context.slug, key), { type: 'json' })) as StoredIssue | null;
    if (existing?.status === 'empty') return { kind: 'empty', key };
    if (existing && existing.status !== 'sending') return { kind: 'not-due' };
    issue = existing ?? (await startIssue(context, key, now, last ? new Date(last.started) : firstIssueSince(settings, now), last?.ids));
    if (issue.status === 'empty') {
      log(`nieuwsbrief: the issue of ${key} has nothing new and is not sent`);
      return { kind: 'empty', key };
    }
  }
  return sendBatch(context, subscribers, issue, log);
}

async function startIssue(context: SendContext, key: string, now: Date, since: Date, previous: IssueIds | undefined): Promise<StoredIssue> {
  const content = await context.loadContent();
  const composed = composeIssue({ site: context.site, ...content, now, since, previous, siteUrl: context.siteUrl });
  const base = { key, started: now.toISOString(), since: since.toISOString() };
  if (isEmptyIssue(composed)) {
    const empty: StoredIssue = { ...base, status: 'empty' };
    await context.store.setJSON(issueKey(context.slug, key), empty, { onlyIfNew: true });
    return empty;
  }
  const rendered = renderIssue(composed, {
    unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
    colors: context.site.colors,
    logoUrl: newsletterLogoUrl(context.site, context.siteUrl),
    logoAlt: context.site.logo?.alt,
  });
  const issue: StoredIssue = { ...base, status: 'sending', subject: rendered.subject, html: rendered.html, text: rendered.text, ids: composed.ids };
  // Two runs at once: the first write wins and both send that one composition.
  const written = await context.store.setJSON(issueKey(context.slug, key), issue, { onlyIfNew: true });
  const stored = written.modified ? issue : ((await context.store.get(issueKey(context.slug, key), { type: 'json' })) as StoredIssue);
  const record: LastIssue = { key, started: stored.started, ...(stored.ids ? { ids: stored.ids } : {}) };
  await context.store.setJSON(lastKey(context.slug), record);
  return stored;
}

async function sendBatch(context: SendContext, subscribers: Subscribers, issue: StoredIssue, log: (line: string) => void): Promise<SendOutcome> {
  const perRun = context.perRun ?? SEND_LIMITS.perRun;
  const pauseMs = context.pauseMs ?? SEND_LIMITS.pauseMs;
  const siteUrl = context.siteUrl.replace(/\/+$/, '');
  const sentPrefix = `${context.slug}/sent/${issue.key}/`;
  const already = new Set((await context.store.list({ prefix: sentPrefix })).blobs.map((b) => b.key.slice(sentPrefix.length)));
  const waiting = (await subscribers.confirmed()).filter((s) => !already.has(s.hash));
  let sent = 0;
  let failed = 0;
  for (const subscriber of waiting.slice(0, perRun)) {
    const claim = sentKey(context.slug, issue.key, subscriber.hash);
    const claimed = await context.store.set(claim, 'claimed', { onlyIfNew: true });
    if (!claimed.modified) continue;
    const unsubscribeUrl = `${siteUrl}${NEWSLETTER_PATHS.unsubscribe}?t=${subscribers.unsubscribeToken(subscriber.hash, subscriber.id)}`;
    try {
      if (sent + failed > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await context.sendMail({
        to: subscriber.email,
        subject: issue.subject!,
        text: issue.text!.split(UNSUBSCRIBE_PLACEHOLDER).join(unsubscribeUrl),
        html: issue.html!.split(UNSUBSCRIBE_PLACEHOLDER).join(unsubscribeUrl),
        headers: listUnsubscribeHeaders(unsubscribeUrl),
      });
      await context.store.set(claim, 'sent');
      sent++;
    } catch (error) {
      await context.store.delete(claim);
      failed++;
      log(`nieuwsbrief: the issue of ${issue.key} could not be sent to subscriber ${subscriber.hash.slice(0, 8)}: ${(error as Error).message}`);
    }
  }
  const remaining = Math.max(0, waiting.length - sent);
  const done = remaining === 0;
  if (done) {
    const total = (await context.store.list({ prefix: sentPrefix })).blobs.length;
    await context.store.setJSON(issueKey(context.slug, issue.key), { ...issue, status: 'done', sent: total });
  }
  log(`nieuwsbrief: issue ${issue.key}: ${sent} sent, ${failed} failed, ${remaining} still to send`);
  return { kind: 'sent', key: issue.key, sent, failed, remaining, done };
}
