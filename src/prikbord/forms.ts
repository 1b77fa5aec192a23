/**
 * The reply form on a post's page ("Reageer") and the report form ("Meld deze oproep"): plain HTML forms that
 * work without JavaScript, with the same fields, hints, honeypot and proof of work as the /meedoen/ forms
 * (participation/forms.ts renders each field).
 */
import { EMAIL_PATTERN } from '../model/schemas.ts';
import { escapeHtml } from '../markdown/markdown.ts';
import { HIDDEN_FIELDS, renderField, type FieldDef, type FieldError, type FormState, type FormValues } from '../participation/forms.ts';
import { meedoenTexts } from '../participation/texts.ts';
import { prikbordTexts } from './texts.ts';

/** The form names the prikbord function tells apart (the hidden `formulier` field). */
export const REPLY_FORM = 'reageren';
export const REPORT_FORM = 'melden';
/** The hidden field naming the post. */
export const POST_FIELD = 'oproep';
export const MAX_REPLY_LENGTH = 2000;

const t = prikbordTexts.fields;

export const REPLY_FIELDS: readonly FieldDef[] = [
  { name: 'naam', label: t.naam.label, type: 'text', required: true, maxLength: 120, autocomplete: 'name', missing: t.naam.missing, invalid: t.naam.invalid },
  {
    name: 'email',
    label: t.email.label,
    hint: t.email.hint,
    type: 'email',
    required: true,
    maxLength: 200,
    autocomplete: 'email',
    missing: t.email.missing,
    invalid: t.email.invalid,
  },
  {
    name: 'bericht',
    label: t.bericht.label,
    type: 'textarea',
    required: true,
    maxLength: MAX_REPLY_LENGTH,
    missing: t.bericht.missing,
    invalid: t.bericht.invalid,
  },
];

export const REPORT_FIELDS: readonly FieldDef[] = [
  { name: 'reden', label: t.reden.label, hint: t.reden.hint, type: 'textarea', maxLength: 1000, invalid: t.reden.invalid },
];

function formHtml(action: string, form: string, post: string, fields: readonly FieldDef[], button: string, state: FormState, proof: boolean): string {
  const values = state.values ?? {};
  const errors = state.errors ?? [];
  const parts: string[] = [];
  if (errors.length) {
    parts.push(
      `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel" id="fouten"><h2 id="fouten-titel">${escapeHtml(meedoenTexts.errorSummary)}</h2><ul>` +
        errors.map((e) => `<li><a href="#veld-${e.field}">${escapeHtml(e.message)}</a></li>`).join('') +
        '</ul></div>',
    );
  }
  if (state.notice) parts.push(`<p class="notice" role="status">${escapeHtml(state.notice)}</p>`);
  parts.push(`<form class="meedoen-form prikbord-form" method="post" action="${action}" novalidate>`);
  parts.push(`<input type="hidden" name="${HIDDEN_FIELDS.form}" value="${form}">`);
  parts.push(`<input type="hidden" name="${POST_FIELD}" value="${escapeHtml(post)}">`);
  if (state.token) parts.push(`<input type="hidden" name="${HIDDEN_FIELDS.token}" value="${escapeHtml(state.token)}">`);
  for (const field of fields) parts.push(renderField(field, values[field.name] ?? '', errors.find((e) => e.field === field.name)?.message));
  if (proof) {
    parts.push(
      `<div class="honeypot" aria-hidden="true"><label for="veld-website">${escapeHtml(meedoenTexts.honeypot)}</label><input id="veld-website" type="text" name="${HIDDEN_FIELDS.honeypot}" tabindex="-1" autocomplete="off"></div>`,
    );
    parts.push(`<altcha-widget class="altcha" challenge="/meedoen/uitdaging" name="altcha" auto="onload" language="nl"></altcha-widget>`);
  }
  parts.push(`<button type="submit">${escapeHtml(button)}</button></form>`);
  return parts.join('\n');
}

/** The reply form of post `post`, empty or filled in with errors. */
export function renderReplyForm(post: string, state: FormState = {}): string {
  return formHtml('/prikbord/reageren', REPLY_FORM, post, REPLY_FIELDS, prikbordTexts.replyButton, state, true);
}

/** The report form of post `post`. */
export function renderReportForm(post: string): string {
  return formHtml('/prikbord/melden', REPORT_FORM, post, REPORT_FIELDS, prikbordTexts.reportButton, {}, false);
}

/** Checks a reply: the errors in field order, and the trimmed values. */
export function validateReply(values: FormValues): { errors: FieldError[]; reply: { name: string; email: string; message: string } } {
  const errors: FieldError[] = [];
  const value = (name: string) => (values[name] ?? '').trim();
  for (const field of REPLY_FIELDS) {
    const v = value(field.name);
    if (!v) errors.push({ field: field.name, message: field.missing! });
    else if (v.length > field.maxLength!) errors.push({ field: field.name, message: field.invalid! });
    else if (field.name === 'email' && !EMAIL_PATTERN.test(v)) errors.push({ field: field.name, message: field.invalid! });
    // eslint-disable-next-line no-control-regex
    else if (field.name === 'naam' && /[\u0000-\u001f\u007f<>"]/.test(v)) errors.push({ field: field.name, message: 'Je naam bevat tekens die niet kunnen' });
  }
  return { errors, reply: { name: value('naam'), email: value('email'), message: value('bericht').replace(/\r\n?/g, '\n') } };
}
