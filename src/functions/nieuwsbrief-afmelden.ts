/**
 * /nieuwsbrief/afmelden?t=<token>: unsubscribing, which deletes the address. POST is RFC 8058's one-click
 * unsubscribe (what a mail client sends for `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, and what the
 * button posts); GET, the visible link in every mail, shows that button, so a mail scanner opening links
 * unsubscribes nobody. A forged link is refused and changes nothing.
 */
import { loadSiteConfig } from '../lib/content.ts';
import { openStore, STORE_NAMES } from '../lib/functions/blobs.ts';
import { NEWSLETTER_PATHS, renderStatus } from '../lib/newsletter/form.ts';
import { Subscribers } from '../lib/newsletter/subscribers.ts';
import { nieuwsbriefTexts } from '../lib/newsletter/texts.ts';
import { answerInPage } from '../lib/participation/page.ts';
import { stateSecret } from '../lib/participation/tokens.ts';

const t = nieuwsbriefTexts.unsubscribe;

export default async function nieuwsbriefAfmelden(request: Request): Promise<Response> {
  const show = (status: number, title: string, message: string, button?: Parameters<typeof renderStatus>[2]) =>
    answerInPage(request, status, NEWSLETTER_PATHS.status, renderStatus(title, message, button), title);
  const slug = process.env.BUURT;
  const site = slug ? (await loadSiteConfig(slug)).config : undefined;
  if (!slug || !site) {
    console.log('nieuwsbrief: 500: BUURT is not set or its site.yaml cannot be read');
    return show(500, t.title, nieuwsbriefTexts.refusals.failed);
  }
  // Unsubscribing works also when the newsletter has been switched off: an address can always be deleted.
  const token = new URL(request.url).searchParams.get('t');
  const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), slug, stateSecret());
  if (request.method === 'POST') {
    const result = await subscribers.unsubscribe(token);
    if (result === 'invalid') return show(400, t.title, t.invalid);
    if (result === 'removed') console.log('nieuwsbrief: a subscriber unsubscribed; the address was deleted');
    return show(200, t.doneTitle, result === 'removed' ? t.done : t.already);
  }
  const found = await subscribers.checkUnsubscribe(token);
  if (found.state === 'invalid') return show(400, t.title, t.invalid);
  if (found.state === 'gone') return show(200, t.doneTitle, t.already);
  return show(200, t.title, t.ask, { action: NEWSLETTER_PATHS.unsubscribe, token: token!, label: t.button, oneClick: true });
}

export const config = {
  path: '/nieuwsbrief/afmelden',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
