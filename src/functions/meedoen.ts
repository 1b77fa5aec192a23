/**
 * POST /meedoen/verzenden: a resident's form from /meedoen/ (src/participation/submit.ts does the work).
 * Answers like a page, never with JSON, so it works without JavaScript: a 303 to /meedoen/bedankt/ when
 * accepted, or the form's own page sent back filled in with a Dutch error summary.
 */
import { loadSiteConfig } from '../model/content.ts';
import { altchaSecret } from '../function-runtime/altcha.ts';
import { openStore, STORE_NAMES } from '../function-runtime/blobs.ts';
import { sendMail } from '../function-runtime/mail.ts';
import { readFormLimited, RequestTooLargeError, type FunctionContext } from '../function-runtime/request.ts';
import { draftBackendFromEnv } from '../participation/backends.ts';
import { MAX_REQUEST_BYTES } from '../participation/forms.ts';
import { insertIntoPage, pageResponse } from '../participation/page.ts';
import { handleSubmission } from '../participation/submit.ts';
import { meedoenTexts } from '../participation/texts.ts';
import { prikbordCategories } from '../prikbord/posts.ts';

export default async function meedoen(request: Request, context: FunctionContext): Promise<Response> {
  const slug = process.env.BUURT;
  const log = (line: string) => console.log(line);
  if (!slug) return pageResponse(request, 500, { message: meedoenTexts.refusals.failed }, log, 'BUURT is not set');
  const { config: site } = await loadSiteConfig(slug);
  if (!site) return pageResponse(request, 500, { message: meedoenTexts.refusals.failed }, log, `sites/${slug}/site.yaml could not be read`);
  let data: FormData;
  try {
    data = await readFormLimited(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof RequestTooLargeError) return pageResponse(request, 413, { message: meedoenTexts.refusals.tooLarge }, log);
    return pageResponse(request, 400, { message: meedoenTexts.refusals.failed }, log, (error as Error).message);
  }
  try {
    const secret = altchaSecret();
    const outcome = await handleSubmission(data, context.ip, {
      slug,
      site,
      siteUrl: process.env.BUURT_SITE_URL ?? new URL(request.url).origin,
      drafts: draftBackendFromEnv(site, slug),
      sendMail: (message) => sendMail(message, { log }),
      limits: openStore(STORE_NAMES.limits),
      altcha: openStore(STORE_NAMES.altcha),
      prikbord: openStore(STORE_NAMES.prikbord),
      secret,
      ...(process.env.BUURT_DAILY_CAP ? { dailyCap: Number(process.env.BUURT_DAILY_CAP) } : {}),
      log,
    });
    switch (outcome.kind) {
      case 'accepted':
        return new Response(null, { status: 303, headers: { location: '/meedoen/bedankt/', 'cache-control': 'no-store' } });
      case 'form':
        return insertIntoPage(request, outcome.status, outcome.form, outcome.state, prikbordCategories(site));
      case 'refused':
        return pageResponse(request, outcome.status, { message: outcome.message, ...(outcome.retryAfter ? { retryAfter: outcome.retryAfter } : {}) }, log);
    }
  } catch (error) {
    return pageResponse(request, 500, { message: meedoenTexts.refusals.failed }, log, (error as Error).stack ?? String(error));
  }
}

export const config = {
  path: '/meedoen/verzenden',
  method: 'POST',
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
