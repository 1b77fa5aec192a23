/**
 * What happens to one POST of a /meedoen/ form, from the raw form to a draft and a notification, with every
 * side effect injected (drafts backend, mail, Blobs stores, clock), so the handler stays thin and tests run the
 * real thing against a real git repository, Blobs server and SMTP server.
 *
 * Order matters: nothing is written before everything is checked (limits, proof of work, fields, photo), and
 * when telling the editors fails the new draft is removed again, so a refused or failed submission writes
 * nothing.
 */
import type { Store } from '@netlify/blobs';
import { stringify } from 'yaml';
import { RESERVED_SLUGS } from '../check/slugs.ts';
import { suggestSlug } from '../model/content.ts';
import { verifyAltchaPayload, ALTCHA_FIELD, CHALLENGE_SETTINGS } from '../function-runtime/altcha.ts';
import { countUse, hashAddress } from '../function-runtime/limits.ts';
import type { MailMessage, MailResult } from '../function-runtime/mail.ts';
import type { CollectionName } from '../core/paths.ts';
import { participationForms, type SiteConfig } from '../model/schemas.ts';
import { supportsEditorialWorkflow, productionBackend } from '../cms/backend.ts';
import { SUBMISSION_TRAILER, type DraftBackend, type DraftFile } from './drafts.ts';
import {
  amsterdamMinute,
  FORM_FIELDS,
  formFields,
  HIDDEN_FIELDS,
  validateSubmission,
  type FormState,
  type FormValues,
  type ParticipationForm,
} from './forms.ts';
import { formatDate, parseAmsterdam } from '../dates/dates.ts';
import { postLink } from '../prikbord/links.ts';
import { prikbordCategories } from '../prikbord/posts.ts';
import { countEvent, deletePoster, newNonce, savePoster, type PosterRecord } from '../prikbord/store.ts';
import { prikbordTexts } from '../prikbord/texts.ts';
import { notificationMail } from './notify.ts';
import { cleanPhoto, PhotoRefused } from './photo.ts';
import { meedoenTexts } from './texts.ts';
import { checkFormToken, issueFormToken, MIN_FILL_SECONDS } from './tokens.ts';

/** Limits per address and per buurt. */
export const SUBMISSION_LIMITS = {
  /** Posts from one address in 15 minutes (a person correcting mistakes stays far below). */
  perAddress: { limit: 10, windowSeconds: 15 * 60 },
  /** Accepted submissions per buurt per day (override with BUURT_DAILY_CAP). */
  perBuurtPerDay: 50,
} as const;

export interface SubmitContext {
  slug: string;
  site: SiteConfig;
  /** The site's own address, "https://voorbeeldwijk.nl" or "http://127.0.0.1:4321". */
  siteUrl: string;
  drafts: DraftBackend;
  sendMail: (message: MailMessage) => Promise<MailResult>;
  limits: Store;
  altcha: Store;
  /** The prikbord's posters (their e-mail address, only there); needed when the prikbord form is open. */
  prikbord?: Store;
  /** ALTCHA_HMAC_SECRET: signs challenges, form tokens and address hashes. */
  secret: string;
  dailyCap?: number;
  now?: () => Date;
  log?: (line: string) => void;
}

export type SubmitOutcome =
  | { kind: 'accepted'; form: ParticipationForm; branch?: string; silent?: boolean }
  | { kind: 'form'; status: number; form: ParticipationForm; state: FormState }
  | { kind: 'refused'; status: number; message: string; form?: ParticipationForm; retryAfter?: number };

/** Why a buurt takes no submissions (English, for `buurt check`), or undefined when it takes them. */
export function participationClosedReason(site: SiteConfig): string | undefined {
  if (!site.participation) return 'participation is not set up in site.yaml';
  if (!site.participation.enabled) return 'participation.enabled is false';
  if (site.cms && !supportsEditorialWorkflow(productionBackend(site.cms))) {
    return `the CMS backend "${site.cms.backend}" has no editorial workflow, so a submission cannot become a draft for review; choose github, gitlab or forgejo`;
  }
  return undefined;
}

/** The forms a buurt offers (none when it takes no submissions). */
export function openForms(site: SiteConfig): readonly ParticipationForm[] {
  return participationClosedReason(site) ? [] : (site.participation?.forms ?? []);
}

function isForm(value: unknown): value is ParticipationForm {
  return typeof value === 'string' && (participationForms as readonly string[]).includes(value);
}

/** Handles one submitted form. */
export async function handleSubmission(data: FormData, ip: string, context: SubmitContext): Promise<SubmitOutcome> {
  const now = (context.now ?? (() => new Date()))();
  const log = context.log ?? (() => {});
  const form = data.get(HIDDEN_FIELDS.form);
  if (!isForm(form) || !openForms(context.site).includes(form)) {
    return { kind: 'refused', status: 403, message: meedoenTexts.refusals.closed };
  }
  const values: FormValues = {};
  for (const field of FORM_FIELDS[form]) {
    const value = data.get(field.name);
    if (typeof value === 'string') values[field.name] = value;
  }
  const honeypot = data.get(HIDDEN_FIELDS.honeypot);
  if (typeof honeypot === 'string' && honeypot.trim()) {
    log(`meedoen: a ${form} form with its honeypot filled in was dropped`);
    return { kind: 'accepted', form, silent: true };
  }

  const perAddress = await countUse(
    context.limits,
    { key: `submit/${context.slug}/ip/${hashAddress(ip, context.secret)}`, ...SUBMISSION_LIMITS.perAddress },
    now,
  );
  if (!perAddress.allowed) return { kind: 'refused', status: 429, message: meedoenTexts.refusals.rateLimited, form, retryAfter: perAddress.retryAfterSeconds };

  // Proof of work (with JavaScript) or a signed round trip (without).
  const freshToken = issueFormToken(form, context.secret, now);
  const back = (status: number, state: FormState): SubmitOutcome => ({ kind: 'form', status, form, state: { values, token: freshToken, ...state } });
  const proof = await verifyProof(data, form, context, now);
  if (!proof.ok) {
    const photo = data.get('foto');
    const hadPhoto = proof.roundTrip && photo instanceof File && photo.size > 0;
    return back(422, { notice: `${proof.notice}${hadPhoto ? ` ${meedoenTexts.choosePhotoAgain}` : ''}` });
  }
  const verified = proof.verified;

  const photo = data.get('foto');
  const hasPhoto = photo instanceof File && photo.size > 0;
  const result = validateSubmission(form, values, { hasPhoto, now, categories: prikbordCategories(context.site) });
  let cleaned: Buffer | undefined;
  if (hasPhoto && !result.errors.some((e) => e.field === 'foto')) {
    try {
      cleaned = await cleanPhoto(Buffer.from(await (photo as File).arrayBuffer()));
    } catch (error) {
      if (!(error instanceof PhotoRefused)) throw error;
      result.errors.push({ field: 'foto', message: error.message });
    }
  }
  if (result.errors.length) {
    const order = formFields(form, prikbordCategories(context.site)).map((f) => f.name);
    result.errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return back(422, { errors: result.errors, ...(hasPhoto ? { notice: meedoenTexts.choosePhotoAgain } : {}) });
  }

  const cap = context.dailyCap ?? SUBMISSION_LIMITS.perBuurtPerDay;
  const day = amsterdamMinute(now).slice(0, 10);
  const perBuurt = await countUse(context.limits, { key: `submit/${context.slug}/day/${day}`, limit: cap, windowSeconds: 2 * 24 * 60 * 60 }, now);
  if (!perBuurt.allowed) return { kind: 'refused', status: 429, message: meedoenTexts.refusals.dailyCap, form };

  const siteUrl = context.siteUrl.replace(/\/+$/, '');
  const sendNotification = (extra: Partial<Parameters<typeof notificationMail>[0]>) =>
    context.sendMail(notificationMail({ form, buurtName: context.site.name, to: context.site.email, siteUrl, sender: result.sender, verified, ...extra }));

  if (form === 'helpen') {
    await sendNotification({ help: { text: values.hulp?.trim() ?? '', connector: Boolean(values.buurtverbinder) } });
    return { kind: 'accepted', form };
  }

  const content = result.content!;
  const collection = content.collection as CollectionName;
  const root = `sites/${context.slug}`;
  const entrySlug = await freeSlug(context, collection, suggestSlug(content.title).slice(0, 60).replace(/-+$/, ''), root, Boolean(cleaned));
  const frontMatter: Record<string, unknown> = { ...content.data };
  const files: DraftFile[] = [];
  if (cleaned) {
    frontMatter.image = { src: `../../media/${entrySlug}.jpg`, alt: content.photoAlt };
    files.push({ path: `${root}/media/${entrySlug}.jpg`, content: cleaned });
  }
  frontMatter.submission = { received: amsterdamMinute(now), verified };
  const entry = `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${content.body ? `\n${content.body}\n` : ''}`;
  files.unshift({ path: `${root}/content/${collection}/${entrySlug}.md`, content: Buffer.from(entry) });
  const kind = form === 'activiteit' ? 'Activiteit' : form === 'prikbord' ? 'Oproep' : 'Nieuwsbericht';
  const commitMessage = `${kind} “${entrySlug}” ingestuurd door een bewoner (${context.slug})\n\n${SUBMISSION_TRAILER}: ${form}`;
  const draft = await context.drafts.createDraft({ collection, slug: entrySlug, files, commitMessage });
  try {
    await sendNotification({ title: content.title, draft: { collection, slug: entrySlug } });
    if (form === 'prikbord') await welcomePoster(context, entrySlug, content, result.sender, siteUrl, now);
  } catch (error) {
    await context.drafts
      .deleteDraft(draft)
      .catch((cleanup: Error) => log(`meedoen: could not remove the draft ${draft.branch} after the mail failed: ${cleanup.message}`));
    if (form === 'prikbord' && context.prikbord) await deletePoster(context.prikbord, context.slug, entrySlug).catch(() => undefined);
    throw error;
  }
  log(`meedoen: ${form} “${entrySlug}” is a draft on ${draft.branch} (${verified ? 'verified' : 'unverified'})`);
  return { kind: 'accepted', form, branch: draft.branch };
}

/**
 * A new prikbord post: the poster's address goes into Blobs (and nowhere else), with a nonce for the private
 * links, and the poster gets a confirmation with the links to withdraw and to extend the post.
 */
async function welcomePoster(
  context: SubmitContext,
  slug: string,
  content: NonNullable<ReturnType<typeof validateSubmission>['content']>,
  sender: { name: string; email: string },
  siteUrl: string,
  now: Date,
): Promise<void> {
  if (!context.prikbord) throw new Error('The prikbord form is open but the function has no prikbord store.');
  const record: PosterRecord = {
    email: sender.email,
    name: sender.name,
    title: content.title,
    validUntil: String(content.data.validUntil),
    nonce: newNonce(),
    extended: false,
    created: now.toISOString(),
  };
  await savePoster(context.prikbord, context.slug, slug, record);
  await countEvent(context.prikbord, context.slug, amsterdamMinute(now).slice(0, 7), 'posts');
  const link = (action: 'intrekken' | 'verlengen') => postLink(siteUrl, action, context.slug, slug, record.nonce, context.secret);
  await context.sendMail({
    to: sender.email,
    subject: prikbordTexts.mail.confirmSubject(context.site.name, content.title),
    text: prikbordTexts.mail.confirm({
      name: sender.name,
      buurt: context.site.name,
      title: content.title,
      until: formatDate(parseAmsterdam(record.validUntil), 'long'),
      withdraw: link('intrekken'),
      extend: link('verlengen'),
    }),
  });
}

export type ProofOutcome = { ok: true; verified: boolean } | { ok: false; notice: string; roundTrip: boolean };

/**
 * The proof that a person sent `form`: a solved ALTCHA challenge (with JavaScript; `verified`), or a signed
 * round trip of the form (without; see tokens.ts). Refused: too fast, an invalid or reused solution, and a
 * first send without JavaScript (`roundTrip`: the form goes back once with a token).
 */
export async function verifyProof(data: FormData, form: string, context: Pick<SubmitContext, 'secret' | 'altcha'>, now: Date): Promise<ProofOutcome> {
  const payload = data.get(ALTCHA_FIELD);
  if (typeof payload === 'string' && payload) {
    const issuedAt = challengeIssuedAt(payload);
    if (issuedAt !== undefined && now.getTime() / 1000 - issuedAt < MIN_FILL_SECONDS)
      return { ok: false, notice: meedoenTexts.refusals.tooFast, roundTrip: false };
    const outcome = await verifyAltchaPayload(payload, context.secret, context.altcha);
    if (!outcome.verified) return { ok: false, notice: meedoenTexts.refusals.proofInvalid, roundTrip: false };
    return { ok: true, verified: true };
  }
  const token = data.get(HIDDEN_FIELDS.token);
  const check = checkFormToken(typeof token === 'string' ? token : undefined, form, context.secret, now);
  if (check === 'too-fast') return { ok: false, notice: meedoenTexts.refusals.tooFast, roundTrip: false };
  if (check !== 'ok') return { ok: false, notice: meedoenTexts.checkAgain, roundTrip: true };
  return { ok: true, verified: false };
}

/** When the challenge inside an ALTCHA payload was made (seconds), from its expiry. */
export function challengeIssuedAt(payload: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { challenge?: { parameters?: { expiresAt?: number } } };
    const expires = parsed.challenge?.parameters?.expiresAt;
    return typeof expires === 'number' ? expires - CHALLENGE_SETTINGS.expiresInSeconds : undefined;
  } catch {
    return undefined;
  }
}

/** `base`, or `base-2`, `base-3`…: the first name not used by a published entry, a draft or a reserved address. */
async function freeSlug(context: SubmitContext, collection: CollectionName, base: string, root: string, photo: boolean): Promise<string> {
  const start = base || 'inzending';
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? start : `${start}-${n}`;
    if (RESERVED_SLUGS[collection].has(slug)) continue;
    const paths = [`${root}/content/${collection}/${slug}.md`, ...(photo ? [`${root}/media/${slug}.jpg`] : [])];
    if (!(await context.drafts.isTaken(collection, slug, paths))) return slug;
  }
  throw new Error(`No free name for "${start}" in ${collection} after 99 tries.`);
}
