/**
 * /nieuwsbrief/bevestigen?t=<token>: the link in the confirmation mail. GET shows a button (mail scanners that
 * open every link must not confirm on someone's behalf); POST confirms. Forged, expired and used links get a
 * clear Dutch answer and change nothing.
 */
import { NEWSLETTER_PATHS } from '../newsletter/form.ts';
import { openLinkRequest } from '../newsletter/links.ts';
import { nieuwsbriefTexts } from '../newsletter/texts.ts';

const t = nieuwsbriefTexts.confirm;

export default async function nieuwsbriefBevestigen(request: Request): Promise<Response> {
  const opened = await openLinkRequest(request, t.title);
  if (opened instanceof Response) return opened;
  const { site, subscribers, token, show } = opened;
  if (!site.newsletter?.enabled) return show(403, t.title, nieuwsbriefTexts.closed);
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
