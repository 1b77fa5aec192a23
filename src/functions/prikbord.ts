/**
 * The prikbord's function (src/prikbord/actions.ts does the work):
 *
 * - POST /prikbord/reageren: a reply to a post, mailed to its poster with the replier as Reply-To;
 * - POST /prikbord/melden: a report of a post, mailed to the editors;
 * - GET and POST /prikbord/intrekken, /prikbord/verlengen: the poster's private links (GET asks, POST does).
 *
 * Answers like a page, never with JSON: the post's page (or /prikbord/beheren/) with its marked part replaced.
 */
import { loadSiteConfig } from '../model/content.ts';
import { altchaSecret } from '../function-runtime/altcha.ts';
import { openStore, STORE_NAMES } from '../function-runtime/blobs.ts';
import { sendMail } from '../function-runtime/mail.ts';
import { readFormLimited, type FunctionContext } from '../function-runtime/request.ts';
import { draftBackendFromEnv } from '../participation/backends.ts';
import { answerInPage } from '../participation/page.ts';
import { MANAGE_PAGE, managePost, replyToPost, reportPost, type PrikbordAnswer, type PrikbordContext } from '../prikbord/actions.ts';
import { prikbordTexts } from '../prikbord/texts.ts';
import { escapeHtml } from '../markdown/markdown.ts';

const MAX_BYTES = 64 * 1024;

export default async function prikbord(request: Request, context: FunctionContext): Promise<Response> {
  const log = (line: string) => console.log(line);
  const url = new URL(request.url);
  const fail = (detail: string) => {
    log(`prikbord: 500: ${detail}`);
    return respond(request, {
      status: 500,
      pathname: MANAGE_PAGE,
      html: `<p class="notice" role="alert">${escapeHtml(prikbordTexts.refusals.failed)}</p>`,
      title: prikbordTexts.manage.withdrawTitle,
    });
  };
  const slug = process.env.BUURT;
  if (!slug) return fail('BUURT is not set');
  try {
    const { config: site } = await loadSiteConfig(slug);
    if (!site) return fail(`sites/${slug}/site.yaml could not be read`);
    const siteUrl = process.env.BUURT_SITE_URL ?? url.origin;
    const ctx: PrikbordContext = {
      slug,
      site,
      siteUrl,
      drafts: draftBackendFromEnv(site, slug, { ...process.env, BUURT_CMS_API: process.env.BUURT_CMS_API ?? new URL('/api/v1', url.origin).href }),
      sendMail: (message) => sendMail(message, { log }),
      limits: openStore(STORE_NAMES.limits),
      altcha: openStore(STORE_NAMES.altcha),
      store: openStore(STORE_NAMES.prikbord),
      secret: altchaSecret(),
      log,
    };
    const action = url.pathname.slice('/prikbord/'.length);
    if (action === 'intrekken' || action === 'verlengen') {
      const params = request.method === 'POST' ? await readFormLimited(request, MAX_BYTES) : url.searchParams;
      return respond(request, await managePost(request.method, action, params, ctx));
    }
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    const data = await readFormLimited(request, MAX_BYTES);
    return respond(request, action === 'melden' ? await reportPost(data, context.ip, ctx) : await replyToPost(data, context.ip, ctx));
  } catch (error) {
    return fail((error as Error).stack ?? String(error));
  }
}

function respond(request: Request, answer: PrikbordAnswer): Promise<Response> {
  return answerInPage(
    request,
    answer.status,
    answer.pathname,
    answer.html,
    answer.title,
    answer.retryAfter ? { 'retry-after': String(answer.retryAfter) } : {},
  );
}

export const config = {
  path: ['/prikbord/reageren', '/prikbord/melden', '/prikbord/intrekken', '/prikbord/verlengen'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
