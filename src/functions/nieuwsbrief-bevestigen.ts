/**
 * /nieuwsbrief/bevestigen?t=<token>: the link in the confirmation mail. GET shows a button (mail scanners that
 * open every link must not confirm on someone's behalf); POST confirms. Forged, expired and used links get a
 * clear Dutch answer and change nothing.
 */
import { loadSiteConfig } from '../lib/content.ts';
import { openStore, STORE_NAMES } from '../lib/functions/blobs.ts';
import { NEWSLETTER_PATHS, renderStatus } from '../lib/newsletter/form.ts';
import { Subscribers } from '../lib/newsletter/subscribers.ts';
import { nieuwsbriefTexts } from '../lib/newsletter/texts.ts';
import { answerInPage } from '../lib/participation/page.ts';
import { stateSecret } from '../lib/participation/tokens.ts';

const t = nieuwsbriefTexts.confirm;

export default async function nieuwsbriefBevestigen(request: Request): Promise<Response> {
  const show = (status: number, title: string, message: string, button?: Parameters<typeof renderStatus>[2]) =>
    answerInPage(request, status, NEWSLETTER_PATHS.status, renderStatus(title, message, button), title);
  const slug = process.env.BUURT;
  const site = slug ? (await loadSiteConfig(slug)).config : undefined;
  if (!slug || !site) {
    console.log('nieuwsbrief: 500: BUURT is not set or its site.yaml cannot be read');
    return show(500, t.title, nieuwsbriefTexts.refusals.failed);
  }
  if (!site.newsletter?.enabled) return show(403, t.title, nieuwsbriefTexts.closed);
  const token = new URL(request.url).searchParams.get('t');
  const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), slug, stateSecret());
  const now = new Date();
  const state = request.method === 'POST' ? await subscribers.confirm(token, now) : await subscribers.checkConfirmation(token, now);
  switch (state) {
    case 'ready':
      return show(200, t.title, t.ask, { action: NEWSLETTER_PATHS.confirm, token: token!, label: t.button });
    case 'confirmed':
      console.log('nieuwsbrief: a subscription was confirmed');
      return show(200, t.doneTitle, t.done);
    case 'used':
      return show(410, t.title, t.used);
    case 'expired':
      return show(410, t.title, t.expired);
    case 'invalid':
      return show(400, t.title, t.invalid);
  }
}

export const config = {
  path: '/nieuwsbrief/bevestigen',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
