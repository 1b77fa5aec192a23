/**
 * /nieuwsbrief/afmelden?t=<token>: unsubscribing, which deletes the address. POST is RFC 8058's one-click
 * unsubscribe (what a mail client sends for `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, and what the
 * button posts); GET, the visible link in every mail, shows that button, so a mail scanner opening links
 * unsubscribes nobody. A forged link is refused and changes nothing.
 */
import { NEWSLETTER_PATHS } from '../newsletter/form.ts';
import { openLinkRequest } from '../newsletter/links.ts';
import { nieuwsbriefTexts } from '../newsletter/texts.ts';

const t = nieuwsbriefTexts.unsubscribe;

export default async function nieuwsbriefAfmelden(request: Request): Promise<Response> {
  const opened = await openLinkRequest(request, t.title);
  if (opened instanceof Response) return opened;
  const { subscribers, token, show } = opened;
  // Unsubscribing works also when the newsletter has been switched off: an address can always be deleted.
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
