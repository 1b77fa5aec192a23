/**
 * The subscribe form of /nieuwsbrief/ and the small forms of the confirmation and unsubscribe answers, as
 * HTML that works without JavaScript (the ALTCHA widget only adds the proof of work when scripts run).
 */
import { escapeHtml } from '../markdown/markdown.ts';
import { HIDDEN_FIELDS, renderField, type FieldDef } from '../participation/forms.ts';
import { meedoenTexts } from '../participation/texts.ts';
import { nieuwsbriefTexts } from './texts.ts';

/** Where the forms post to (the handlers in src/functions/). */
export const NEWSLETTER_PATHS = {
  page: '/nieuwsbrief/',
  thanks: '/nieuwsbrief/bedankt/',
  /** The built page the confirmation and unsubscribe handlers answer in. */
  status: '/nieuwsbrief/status/',
  subscribe: '/nieuwsbrief/aanmelden',
  confirm: '/nieuwsbrief/bevestigen',
  unsubscribe: '/nieuwsbrief/afmelden',
} as const;

/** The name the form token is issued for (tokens.ts). */
export const NEWSLETTER_FORM = 'nieuwsbrief';

export const EMAIL_FIELD: FieldDef = {
  name: 'email',
  label: nieuwsbriefTexts.emailLabel,
  hint: nieuwsbriefTexts.emailHint,
  type: 'email',
  required: true,
  maxLength: 254,
  autocomplete: 'email',
};

export interface SubscribeFormState {
  email?: string;
  error?: string;
  notice?: string;
  token?: string;
}

/** The subscribe form, filled in with `state`. */
export function renderSubscribeForm(state: SubscribeFormState = {}): string {
  const parts: string[] = [];
  if (state.error) {
    parts.push(
      `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel" id="fouten"><h2 id="fouten-titel">${escapeHtml(meedoenTexts.errorSummary)}</h2><ul><li><a href="#veld-email">${escapeHtml(state.error)}</a></li></ul></div>`,
    );
  }
  if (state.notice) parts.push(`<p class="notice" role="status">${escapeHtml(state.notice)}</p>`);
  parts.push(`<form class="meedoen-form nieuwsbrief-form" method="post" action="${NEWSLETTER_PATHS.subscribe}" novalidate>`);
  if (state.token) parts.push(`<input type="hidden" name="${HIDDEN_FIELDS.token}" value="${escapeHtml(state.token)}">`);
  parts.push(renderField(EMAIL_FIELD, state.email ?? '', state.error));
  parts.push(
    `<div class="honeypot" aria-hidden="true"><label for="veld-website">${escapeHtml(meedoenTexts.honeypot)}</label><input id="veld-website" type="text" name="${HIDDEN_FIELDS.honeypot}" tabindex="-1" autocomplete="off"></div>`,
  );
  parts.push(`<altcha-widget class="altcha" challenge="/meedoen/uitdaging" name="altcha" auto="onload" language="nl"></altcha-widget>`);
  parts.push(`<button type="submit">${escapeHtml(nieuwsbriefTexts.button)}</button></form>`);
  return parts.join('\n');
}

/** A message in the status page: a heading and a paragraph, optionally a button that posts `token` to `action`. */
export function renderStatus(title: string, message: string, button?: { action: string; token: string; label: string; oneClick?: boolean }): string {
  const parts = [`<h2>${escapeHtml(title)}</h2>`, `<p class="lead">${escapeHtml(message)}</p>`];
  if (button) {
    const action = `${button.action}?t=${encodeURIComponent(button.token)}`;
    parts.push(
      `<form class="meedoen-form" method="post" action="${escapeHtml(action)}">` +
        (button.oneClick ? '<input type="hidden" name="List-Unsubscribe" value="One-Click">' : '') +
        `<button type="submit">${escapeHtml(button.label)}</button></form>`,
    );
  }
  return parts.join('\n');
}
