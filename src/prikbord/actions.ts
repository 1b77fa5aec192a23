/**
 * What the prikbord function does, with every side effect injected (drafts backend, mail, Blobs stores, clock),
 * like participation/submit.ts: replying to a post (the message is mailed to the poster, the replier's address as
 * Reply-To; neither address is shown or stored), reporting a post to the editors, and the poster's private links
 * to withdraw or extend a post.
 *
 * Whether a post can be replied to is decided from the published content the function was deployed with
 * (`sites/<slug>/content/prikbord/`) and the poster's record in Blobs: an unknown, hidden, expired or withdrawn post
 * is refused with a Dutch message, even when the site still shows it (a withdrawal before the next build).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '@netlify/blobs';
import { parseContentFile, type Entry } from '../model/content.ts';
import { formatDate, formatIsoDate, parseAmsterdam, parseWallClock, addDays } from '../dates/dates.ts';
import { countUse, hashAddress } from '../function-runtime/limits.ts';
import { escapeHtml } from '../markdown/markdown.ts';
import { collectionDir } from '../core/paths.ts';
import { addMonthsToDate, PRIKBORD_DEFAULT_DAYS, PRIKBORD_MAX_MONTHS, SLUG_PATTERN } from '../model/schemas.ts';
import { amsterdamMinute, HIDDEN_FIELDS, type FormState } from '../participation/forms.ts';
import { verifyProof, type SubmitContext } from '../participation/submit.ts';
import { issueFormToken } from '../participation/tokens.ts';
import { meedoenTexts } from '../participation/texts.ts';
import { urls } from '../model/urls.ts';
import { POST_FIELD, renderReplyForm, REPLY_FORM, validateReply } from './forms.ts';
import { checkPostLink, postLink, type PostAction } from './links.ts';
import { isExpired, lastDay } from './posts.ts';
import { countEvent, deletePoster, readPoster, savePoster, type PosterRecord } from './store.ts';
import { prikbordTexts } from './texts.ts';

/** Replies and reports from one address in 15 minutes. */
export const PRIKBORD_LIMITS = { replies: { limit: 10, windowSeconds: 15 * 60 }, reports: { limit: 5, windowSeconds: 60 * 60 } } as const;

/** The page that answers posters and refusals (its marked part is replaced). */
export const MANAGE_PAGE = '/prikbord/beheren/';

/** What the prikbord's actions need: the submission context, with the posters' store required. */
export interface PrikbordContext extends Omit<SubmitContext, 'prikbord' | 'dailyCap'> {
  /** The prikbord's posters (their e-mail address, only there). */
  store: Store;
}

/** A page to answer with: the built page at `pathname` with `html` in its marked part. */
export interface PrikbordAnswer {
  status: number;
  pathname: string;
  html: string;
  title: string;
  retryAfter?: number;
}

const notice = (text: string, role: 'status' | 'alert' = 'status') =>
  role === 'alert'
    ? `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel" id="fouten"><h2 id="fouten-titel">${escapeHtml(meedoenTexts.errorSummary)}</h2><p>${escapeHtml(text)}</p></div>`
    : `<p class="notice" role="status">${escapeHtml(text)}</p>`;

function refusal(status: number, message: string, retryAfter?: number): PrikbordAnswer {
  return { status, pathname: MANAGE_PAGE, html: notice(message, 'alert'), title: prikbordTexts.manage.withdrawTitle, ...(retryAfter ? { retryAfter } : {}) };
}

/** The post named in a form or link, when it is a valid name. */
function postName(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 100 && SLUG_PATTERN.test(value) ? value : undefined;
}

/** The post as deployed (published content), or undefined. */
async function deployedPost(slug: string, post: string): Promise<Entry<'prikbord'> | undefined> {
  const file = path.join(collectionDir(slug, 'prikbord'), `${post}.md`);
  const source = await readFile(file, 'utf8').catch(() => undefined);
  if (source === undefined) return undefined;
  return parseContentFile('prikbord', file, source).entry;
}

type PostState = { ok: true; post: Entry<'prikbord'>; record: PosterRecord } | { ok: false; answer: PrikbordAnswer };

/** Whether `post` can be replied to now, with its poster's record. */
async function replyablePost(context: PrikbordContext, post: string, now: Date): Promise<PostState> {
  const entry = await deployedPost(context.slug, post);
  const record = await readPoster(context.store, context.slug, post);
  if (!entry || entry.data.draft || entry.data.date > formatIsoDate(parseWallClock(amsterdamMinute(now)))) {
    return { ok: false, answer: refusal(record ? 410 : 404, record ? prikbordTexts.refusals.withdrawn : prikbordTexts.refusals.unknown) };
  }
  if (isExpired(entry.data, now)) return { ok: false, answer: refusal(410, prikbordTexts.refusals.expired) };
  if (!record) return { ok: false, answer: refusal(410, entry.data.submission ? prikbordTexts.refusals.withdrawn : prikbordTexts.refusals.noReplies) };
  return { ok: true, post: entry, record };
}

/** POST /prikbord/reageren: a reply, mailed to the poster with the replier as Reply-To. */
export async function replyToPost(data: FormData, ip: string, context: PrikbordContext): Promise<PrikbordAnswer> {
  const now = (context.now ?? (() => new Date()))();
  const log = context.log ?? (() => {});
  const post = postName(data.get(POST_FIELD));
  if (!post) return refusal(404, prikbordTexts.refusals.unknown);
  const pathname = urls.prikbordPost(post);
  const values: Record<string, string> = {};
  for (const name of ['naam', 'email', 'bericht']) {
    const value = data.get(name);
    if (typeof value === 'string') values[name] = value;
  }
  const honeypot = data.get(HIDDEN_FIELDS.honeypot);
  if (typeof honeypot === 'string' && honeypot.trim()) {
    log(`prikbord: a reply to ${post} with its honeypot filled in was dropped`);
    return { status: 200, pathname, html: notice(prikbordTexts.replySent('de plaatser')), title: prikbordTexts.replyButton };
  }
  const limit = await countUse(context.limits, { key: `prikbord/${context.slug}/ip/${hashAddress(ip, context.secret)}`, ...PRIKBORD_LIMITS.replies }, now);
  if (!limit.allowed) return refusal(429, prikbordTexts.refusals.rateLimited, limit.retryAfterSeconds);

  const state = await replyablePost(context, post, now);
  if (!state.ok) return state.answer;
  const back = (status: number, form: FormState): PrikbordAnswer => ({
    status,
    pathname,
    html: renderReplyForm(post, { values, token: issueFormToken(REPLY_FORM, context.secret, now), ...form }),
    title: prikbordTexts.replyButton,
  });
  const proof = await verifyProof(data, REPLY_FORM, context, now);
  if (!proof.ok) return back(422, { notice: proof.notice });
  const { errors, reply } = validateReply(values);
  if (errors.length) return back(422, { errors });

  const { post: entry, record } = state;
  await context.sendMail({
    to: record.email,
    replyTo: `"${reply.name.replace(/["\\\r\n]/g, '')}" <${reply.email}>`,
    subject: prikbordTexts.mail.replySubject(context.site.name, entry.data.title),
    text: prikbordTexts.mail.reply({
      poster: entry.data.name,
      replier: reply.name,
      title: entry.data.title,
      message: reply.message,
      buurt: context.site.name,
      withdraw: postLink(context.siteUrl, 'intrekken', context.slug, post, record.nonce, context.secret),
    }),
  });
  const month = amsterdamMinute(now).slice(0, 7);
  await countEvent(context.store, context.slug, month, 'replies');
  await countEvent(context.store, context.slug, month, 'answered', post);
  log(`prikbord: a reply to ${post} was relayed${proof.verified ? '' : ' (unverified)'}`);
  return { status: 200, pathname, html: notice(prikbordTexts.replySent(entry.data.name)), title: prikbordTexts.replyButton };
}

/** POST /prikbord/melden: tells the editors about a post. */
export async function reportPost(data: FormData, ip: string, context: PrikbordContext): Promise<PrikbordAnswer> {
  const now = (context.now ?? (() => new Date()))();
  const post = postName(data.get(POST_FIELD));
  const entry = post ? await deployedPost(context.slug, post) : undefined;
  if (!post || !entry) return refusal(404, prikbordTexts.refusals.unknown);
  const limit = await countUse(
    context.limits,
    { key: `prikbord-report/${context.slug}/ip/${hashAddress(ip, context.secret)}`, ...PRIKBORD_LIMITS.reports },
    now,
  );
  if (!limit.allowed) return refusal(429, prikbordTexts.refusals.rateLimited, limit.retryAfterSeconds);
  const reason = String(data.get('reden') ?? '')
    .trim()
    .slice(0, 1000);
  const siteUrl = context.siteUrl.replace(/\/+$/, '');
  await context.sendMail({
    to: context.site.email,
    subject: prikbordTexts.mail.reportSubject(context.site.name, entry.data.title),
    text: prikbordTexts.mail.report({
      title: entry.data.title,
      url: `${siteUrl}${urls.prikbordPost(post)}`,
      admin: `${siteUrl}/admin/#/collections/prikbord/entries/${post}`,
      reason,
    }),
  });
  return { status: 200, pathname: urls.prikbordPost(post), html: notice(prikbordTexts.reportSent), title: prikbordTexts.reportButton };
}

/** The new last day of an extended post: four more weeks, at most three months after its date. */
export function extendedLastDay(data: { date: string; validUntil?: string | undefined }): string {
  const longer = formatIsoDate(addDays(parseWallClock(lastDay(data)), PRIKBORD_DEFAULT_DAYS));
  const max = addMonthsToDate(data.date, PRIKBORD_MAX_MONTHS);
  return longer < max ? longer : max;
}

/**
 * GET or POST /prikbord/intrekken and /prikbord/verlengen with `oproep` and `code`: GET asks to confirm (a mail
 * program opening the link changes nothing), POST does it.
 */
export async function managePost(method: string, action: PostAction, params: URLSearchParams | FormData, context: PrikbordContext): Promise<PrikbordAnswer> {
  const log = context.log ?? (() => {});
  const post = postName(params.get(POST_FIELD));
  const code = params.get('code');
  if (!post) return refusal(400, prikbordTexts.refusals.forged);
  const record = await readPoster(context.store, context.slug, post);
  const check = checkPostLink(typeof code === 'string' ? code : undefined, action, context.slug, post, record, context.secret);
  if (check === 'forged') return refusal(403, prikbordTexts.refusals.forged);
  if (check === 'used' || !record) return refusal(410, prikbordTexts.refusals.used);
  const t = prikbordTexts.manage;
  const title = action === 'intrekken' ? t.withdrawTitle : t.extendTitle;
  const file = `sites/${context.slug}/content/prikbord/${post}.md`;
  const published = await context.drafts.readPublished(file);

  if (action === 'verlengen') {
    if (record.extended) return refusal(409, prikbordTexts.refusals.extendedBefore);
    if (!published) return refusal(409, prikbordTexts.refusals.notYetPublished);
    const entry = parseContentFile('prikbord', file, published.toString('utf8')).entry;
    if (!entry) return refusal(409, prikbordTexts.refusals.notYetPublished);
    const until = extendedLastDay(entry.data);
    if (until <= lastDay(entry.data)) return refusal(409, prikbordTexts.refusals.extendMax);
    const shown = formatDate(parseAmsterdam(until), 'long');
    if (method !== 'POST')
      return {
        status: 200,
        pathname: MANAGE_PAGE,
        html: confirmForm(action, post, String(code), t.extendQuestion(entry.data.title, shown), t.extendButton),
        title,
      };
    await context.drafts.updatePublished({
      path: file,
      content: Buffer.from(withValidUntil(published.toString('utf8'), until)),
      commitMessage: `Oproep “${post}” verlengd tot ${until} door de plaatser (${context.slug})`,
    });
    await savePoster(context.store, context.slug, post, { ...record, extended: true, validUntil: until });
    log(`prikbord: ${post} was extended to ${until}`);
    return { status: 200, pathname: MANAGE_PAGE, html: notice(t.extended(shown)), title };
  }

  if (method !== 'POST') {
    return { status: 200, pathname: MANAGE_PAGE, html: confirmForm(action, post, String(code), t.withdrawQuestion(record.title), t.withdrawButton), title };
  }
  const removed = await context.drafts.removeEntry({
    collection: 'prikbord',
    slug: post,
    paths: [file, ...photoPaths(published, context.slug)],
    commitMessage: `Oproep “${post}” ingetrokken door de plaatser (${context.slug})`,
  });
  await deletePoster(context.store, context.slug, post);
  log(`prikbord: ${post} was withdrawn (${removed})`);
  return { status: 200, pathname: MANAGE_PAGE, html: notice(removed === 'draft' ? t.withdrawnDraft : t.withdrawn), title };
}

function confirmForm(action: PostAction, post: string, code: string, question: string, button: string): string {
  return (
    `<p>${escapeHtml(question)}</p>` +
    `<form class="meedoen-form" method="post" action="/prikbord/${action}">` +
    `<input type="hidden" name="${POST_FIELD}" value="${escapeHtml(post)}"><input type="hidden" name="code" value="${escapeHtml(code)}">` +
    `<button type="submit">${escapeHtml(button)}</button></form>`
  );
}

/** The photo a published post names (`image.src: ../../media/x.jpg`), as a path from the repository root. */
function photoPaths(published: Buffer | undefined, slug: string): string[] {
  const match = published && /^\s*src:\s*["']?\.\.\/\.\.\/media\/([\w.-]+)["']?\s*$/m.exec(published.toString('utf8'));
  return match ? [`sites/${slug}/media/${match[1]}`] : [];
}

/** The file with its front matter's `validUntil` set to `until` (added after `date` when missing). */
export function withValidUntil(source: string, until: string): string {
  const end = source.indexOf('\n---', 3);
  const head = source.slice(0, end);
  const rest = source.slice(end);
  const updated = /^validUntil:.*$/m.test(head)
    ? head.replace(/^validUntil:.*$/m, `validUntil: "${until}"`)
    : head.replace(/^(date:.*)$/m, `$1\nvalidUntil: "${until}"`);
  return updated + rest;
}
