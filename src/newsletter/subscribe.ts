/**
 * What happens to one POST of the /nieuwsbrief/ form, with its side effects injected (Blobs stores, mail,
 * clock) so tests run the real thing against a real Blobs and SMTP server. The same protection as /meedoen/:
 * a honeypot, a limit per client address, ALTCHA proof of work (or, without JavaScript, one signed round
 * trip), and a daily cap per buurt; plus a limit per subscribed address, so nobody can flood someone else's
 * mailbox with confirmation mails.
 *
 * The answer never says whether an address was already subscribed: everyone sees "check your mailbox".
 */
import type { Store } from '@netlify/blobs';
import { ALTCHA_FIELD, verifyAltchaPayload } from '../function-runtime/altcha.ts';
import { countUse, hashAddress } from '../function-runtime/limits.ts';
import type { MailMessage, MailResult } from '../function-runtime/mail.ts';
import { HIDDEN_FIELDS, amsterdamMinute } from '../participation/forms.ts';
import { challengeIssuedAt } from '../participation/submit.ts';
import { checkFormToken, issueFormToken, MIN_FILL_SECONDS } from '../participation/tokens.ts';
import type { SiteConfig } from '../model/schemas.ts';
import { NEWSLETTER_FORM, NEWSLETTER_PATHS, type SubscribeFormState } from './form.ts';
import { isValidAddress, Subscribers } from './subscribers.ts';
import { nieuwsbriefTexts } from './texts.ts';

export const SUBSCRIBE_LIMITS = {
  /** Posts from one client address in 15 minutes. */
  perClient: { limit: 10, windowSeconds: 15 * 60 },
  /** Confirmation mails to one e-mail address per day. */
  perAddress: { limit: 3, windowSeconds: 24 * 60 * 60 },
  /** Confirmation mails per buurt per day. */
  perBuurtPerDay: 100,
} as const;

export interface SubscribeContext {
  slug: string;
  site: SiteConfig;
  /** The site's own address, for the link in the mail. */
  siteUrl: string;
  sendMail: (message: MailMessage) => Promise<MailResult>;
  newsletter: Store;
  limits: Store;
  altcha: Store;
  /** ALTCHA_HMAC_SECRET: checks the proof of work and the no-JS form token. */
  altchaSecret: string;
  /** BUURT_STATE_SECRET: signs the links and keys the address hashes. */
  stateSecret: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export type SubscribeOutcome =
  | { kind: 'accepted'; silent?: boolean }
  | { kind: 'form'; status: number; state: SubscribeFormState }
  | { kind: 'refused'; status: number; message: string; retryAfter?: number };

/** True when the buurt has a newsletter residents can subscribe to. */
export function isNewsletterOpen(site: SiteConfig): boolean {
  return Boolean(site.newsletter?.enabled);
}

/** Handles one posted subscribe form. */
export async function handleSubscribe(data: FormData, ip: string, context: SubscribeContext): Promise<SubscribeOutcome> {
  const now = (context.now ?? (() => new Date()))();
  const log = context.log ?? (() => {});
  if (!isNewsletterOpen(context.site)) return { kind: 'refused', status: 403, message: nieuwsbriefTexts.closed };
  const raw = data.get('email');
  const email = typeof raw === 'string' ? raw.trim().slice(0, 300) : '';
  const honeypot = data.get(HIDDEN_FIELDS.honeypot);
  if (typeof honeypot === 'string' && honeypot.trim()) {
    log('nieuwsbrief: a subscription with its honeypot filled in was dropped');
    return { kind: 'accepted', silent: true };
  }
  const perClient = await countUse(
    context.limits,
    { key: `nieuwsbrief/${context.slug}/ip/${hashAddress(ip, context.altchaSecret)}`, ...SUBSCRIBE_LIMITS.perClient },
    now,
  );
  if (!perClient.allowed) return { kind: 'refused', status: 429, message: nieuwsbriefTexts.refusals.rateLimited, retryAfter: perClient.retryAfterSeconds };

  const token = issueFormToken(NEWSLETTER_FORM, context.altchaSecret, now);
  // The address is never written back into a page, not even into the form it came from.
  const back = (status: number, state: SubscribeFormState): SubscribeOutcome => ({ kind: 'form', status, state: { token, ...state } });
  const payload = data.get(ALTCHA_FIELD);
  if (typeof payload === 'string' && payload) {
    const issuedAt = challengeIssuedAt(payload);
    if (issuedAt !== undefined && now.getTime() / 1000 - issuedAt < MIN_FILL_SECONDS) return back(422, { notice: nieuwsbriefTexts.tooFast });
    const outcome = await verifyAltchaPayload(payload, context.altchaSecret, context.altcha);
    if (!outcome.verified) return back(422, { notice: nieuwsbriefTexts.proofInvalid });
  } else {
    const sent = data.get(HIDDEN_FIELDS.token);
    const check = checkFormToken(typeof sent === 'string' ? sent : undefined, NEWSLETTER_FORM, context.altchaSecret, now);
    if (check === 'too-fast') return back(422, { notice: nieuwsbriefTexts.tooFast });
    if (check !== 'ok') return back(422, { notice: nieuwsbriefTexts.checkAgain });
  }
  if (!email) return back(422, { error: nieuwsbriefTexts.errors.emailMissing });
  if (!isValidAddress(email)) return back(422, { error: nieuwsbriefTexts.errors.emailInvalid });

  const subscribers = new Subscribers(context.newsletter, context.slug, context.stateSecret);
  if (await subscribers.isSubscribed(email)) {
    // Same answer as for a new address; nothing is sent, so the form cannot be used to find out who subscribed.
    return { kind: 'accepted' };
  }
  const perAddress = await countUse(
    context.limits,
    { key: `nieuwsbrief/${context.slug}/adres/${hashAddress(email.toLowerCase(), context.stateSecret)}`, ...SUBSCRIBE_LIMITS.perAddress },
    now,
  );
  if (!perAddress.allowed) return { kind: 'accepted', silent: true };
  const day = amsterdamMinute(now).slice(0, 10);
  const perBuurt = await countUse(
    context.limits,
    { key: `nieuwsbrief/${context.slug}/day/${day}`, limit: SUBSCRIBE_LIMITS.perBuurtPerDay, windowSeconds: 2 * 24 * 60 * 60 },
    now,
  );
  if (!perBuurt.allowed) return { kind: 'refused', status: 429, message: nieuwsbriefTexts.refusals.dailyCap };

  const { token: confirmToken, unsubscribeToken } = await subscribers.addPending(email, now);
  const siteUrl = context.siteUrl.replace(/\/+$/, '');
  const link = `${siteUrl}${NEWSLETTER_PATHS.confirm}?t=${confirmToken}`;
  const unsubscribeUrl = `${siteUrl}${NEWSLETTER_PATHS.unsubscribe}?t=${unsubscribeToken}`;
  await context.sendMail({
    to: email,
    subject: nieuwsbriefTexts.mail.confirmSubject(context.site.name),
    text: nieuwsbriefTexts.mail.confirmText(context.site.name, link),
    headers: listUnsubscribeHeaders(unsubscribeUrl),
  });
  log('nieuwsbrief: a confirmation mail was sent');
  return { kind: 'accepted' };
}

/** The RFC 8058 one-click unsubscribe headers for a mail. */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
