/**
 * POST /nieuwsbrief/aanmelden: a resident subscribes to the buurt's newsletter (src/newsletter/subscribe.ts
 * does the work). Answers like a page, so it works without JavaScript: a 303 to /nieuwsbrief/bedankt/, or the
 * /nieuwsbrief/ page with the form sent back filled in, or a refusal.
 */
import { loadSiteConfig } from '../model/content.ts';
import { altchaSecret } from '../function-runtime/altcha.ts';
import { openStore, STORE_NAMES } from '../function-runtime/blobs.ts';
import { sendMail } from '../function-runtime/mail.ts';
import { readFormLimited, RequestTooLargeError, type FunctionContext } from '../function-runtime/request.ts';
import { escapeHtml } from '../markdown/markdown.ts';
import { NEWSLETTER_PATHS, renderSubscribeForm } from '../newsletter/form.ts';
import { handleSubscribe } from '../newsletter/subscribe.ts';
import { nieuwsbriefTexts } from '../newsletter/texts.ts';
import { answerInPage } from '../participation/page.ts';
import { meedoenTexts } from '../participation/texts.ts';
import { stateSecret } from '../participation/tokens.ts';

/** The largest subscribe request: an address, a token and a proof of work. */
const MAX_BYTES = 16 * 1024;

function refusal(request: Request, status: number, message: string, retryAfter?: number): Promise<Response> {
  const inner = `<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel" id="fouten"><h2 id="fouten-titel">${escapeHtml(meedoenTexts.errorSummary)}</h2><p>${escapeHtml(message)}</p></div>`;
  return answerInPage(request, status, NEWSLETTER_PATHS.page, inner, nieuwsbriefTexts.title, retryAfter ? { 'retry-after': String(retryAfter) } : {});
}

export default async function nieuwsbriefAanmelden(request: Request, context: FunctionContext): Promise<Response> {
  const slug = process.env.BUURT;
  const log = (line: string) => console.log(line);
  const failed = (detail: string) => {
    log(`nieuwsbrief: 500: ${detail}`);
    return refusal(request, 500, nieuwsbriefTexts.refusals.failed);
  };
  if (!slug) return failed('BUURT is not set');
  const { config: site } = await loadSiteConfig(slug);
  if (!site) return failed(`sites/${slug}/site.yaml could not be read`);
  let data: FormData;
  try {
    data = await readFormLimited(request, MAX_BYTES);
  } catch (error) {
    if (error instanceof RequestTooLargeError) return refusal(request, 413, nieuwsbriefTexts.refusals.tooLarge);
    return refusal(request, 400, nieuwsbriefTexts.refusals.failed);
  }
  try {
    const outcome = await handleSubscribe(data, context.ip, {
      slug,
      site,
      siteUrl: process.env.BUURT_SITE_URL ?? new URL(request.url).origin,
      sendMail: (message) => sendMail(message, { log }),
      newsletter: openStore(STORE_NAMES.newsletter),
      limits: openStore(STORE_NAMES.limits),
      altcha: openStore(STORE_NAMES.altcha),
      altchaSecret: altchaSecret(),
      stateSecret: stateSecret(),
      log,
    });
    switch (outcome.kind) {
      case 'accepted':
        return new Response(null, { status: 303, headers: { location: NEWSLETTER_PATHS.thanks, 'cache-control': 'no-store' } });
      case 'form':
        return answerInPage(request, outcome.status, NEWSLETTER_PATHS.page, renderSubscribeForm(outcome.state), nieuwsbriefTexts.title);
      case 'refused':
        return refusal(request, outcome.status, outcome.message, outcome.retryAfter);
    }
  } catch (error) {
    return failed((error as Error).stack ?? String(error));
  }
}

export const config = {
  path: '/nieuwsbrief/aanmelden',
  method: 'POST',
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
