/**
 * The pages the submit function answers with. It never builds a page of its own: it fetches the built page of
 * the form from the site itself (same deploy, same layout, same headers) and replaces the part between the
 * markers with the form filled in and its errors, or with a refusal. The built page's security headers (its
 * strict CSP among them) are copied onto the answer.
 */
import { escapeHtml } from '../markdown/markdown.ts';
import { renderForm, type FormState, type ParticipationForm } from './forms.ts';
import { meedoenTexts } from './texts.ts';

export const FORM_START = '<!--meedoen-formulier-->';
export const FORM_END = '<!--/meedoen-formulier-->';

/** The form with its markers, as the built page holds it. */
export function markedForm(form: ParticipationForm, state: FormState = {}, categories?: readonly string[]): string {
  return `${FORM_START}\n${renderForm(form, state, categories)}\n${FORM_END}`;
}

const COPIED_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'x-frame-options',
  'cross-origin-opener-policy',
  'strict-transport-security',
];

async function builtPage(request: Request, pathname: string): Promise<{ html: string; headers: Headers } | undefined> {
  try {
    const response = await fetch(new URL(pathname, request.url), { headers: { accept: 'text/html' } });
    if (!response.ok) return undefined;
    const html = await response.text();
    if (!html.includes(FORM_START) || !html.includes(FORM_END)) return undefined;
    return { html, headers: response.headers };
  } catch {
    return undefined;
  }
}

function answer(status: number, html: string, from?: Headers, extra: Record<string, string> = {}): Response {
  const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...extra });
  for (const name of COPIED_HEADERS) {
    const value = from?.get(name);
    if (value) headers.set(name, value);
  }
  if (!headers.has('content-security-policy'))
    headers.set('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  return new Response(html, { status, headers });
}

function replaceMarked(html: string, inner: string): string {
  const start = html.indexOf(FORM_START);
  const end = html.indexOf(FORM_END) + FORM_END.length;
  return `${html.slice(0, start)}${FORM_START}\n${inner}\n${FORM_END}${html.slice(end)}`;
}

function bare(title: string, inner: string): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/meedoen/formulier.css"></head><body><main id="inhoud"><h1>${escapeHtml(title)}</h1>${inner}<p><a href="/">${escapeHtml(meedoenTexts.backToSite)}</a></p></main></body></html>`;
}

/**
 * The built page at `pathname` (which holds the form markers) with `inner` in place of the marked part, and
 * its security headers; a bare page titled `fallbackTitle` when the built page cannot be fetched. For other
 * features' answers (the newsletter's confirmation and unsubscribe pages).
 */
export async function answerInPage(
  request: Request,
  status: number,
  pathname: string,
  inner: string,
  fallbackTitle: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  const page = await builtPage(request, pathname);
  if (!page) return answer(status, bare(fallbackTitle, inner), undefined, extra);
  return answer(status, replaceMarked(page.html, inner), page.headers, extra);
}

/** The form's page, filled in, with errors or a notice. */
export async function insertIntoPage(
  request: Request,
  status: number,
  form: ParticipationForm,
  state: FormState,
  categories?: readonly string[],
): Promise<Response> {
  const inner = renderForm(form, state, categories);
  const page = await builtPage(request, `/meedoen/${form}/`);
  if (!page) return answer(status, bare(meedoenTexts.forms[form].title, inner));
  let html = replaceMarked(page.html, inner);
  if (state.errors?.length) html = html.replace(/<title>/, `<title>${escapeHtml(meedoenTexts.errorPrefix)} `);
  return answer(status, html, page.headers);
}

/** The /meedoen/ page with a refusal in place of its content. */
export async function pageResponse(
  request: Request,
  status: number,
  refusal: { message: string; retryAfter?: number },
  log: (line: string) => void,
  detail?: string,
): Promise<Response> {
  if (detail) log(`meedoen: ${status}: ${detail}`);
  const inner = `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel" id="fouten"><h2 id="fouten-titel">${escapeHtml(meedoenTexts.errorSummary)}</h2><p>${escapeHtml(refusal.message)}</p></div>`;
  const extra: Record<string, string> = refusal.retryAfter ? { 'retry-after': String(refusal.retryAfter) } : {};
  const page = await builtPage(request, '/meedoen/');
  if (!page) return answer(status, bare(meedoenTexts.title, inner), undefined, extra);
  return answer(status, replaceMarked(page.html, inner), page.headers, extra);
}
