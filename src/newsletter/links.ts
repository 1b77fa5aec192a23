/**
 * What the newsletter's link handlers (src/functions/nieuwsbrief-bevestigen.ts and nieuwsbrief-afmelden.ts)
 * share: the buurt, its subscribers, the link's token and the status page they answer in. Kept out of form.ts,
 * which the site's pages import, so that no page pulls in the Blobs client.
 */
import { loadSiteConfig } from '../model/content.ts';
import { openStore, STORE_NAMES } from '../function-runtime/blobs.ts';
import { answerInPage } from '../participation/page.ts';
import { stateSecret } from '../participation/tokens.ts';
import type { SiteConfig } from '../model/schemas.ts';
import { NEWSLETTER_PATHS, renderStatus } from './form.ts';
import { Subscribers } from './subscribers.ts';
import { nieuwsbriefTexts } from './texts.ts';

/** What a link handler of the newsletter (confirm, unsubscribe) works with. */
export interface LinkRequest {
  slug: string;
  site: SiteConfig;
  subscribers: Subscribers;
  /** The token of the link (`?t=`), or null. */
  token: string | null;
  /** Answers in the site's status page: a title, a message and optionally the button that carries the token. */
  show: (status: number, title: string, message: string, button?: Parameters<typeof renderStatus>[2]) => Promise<Response>;
}

/**
 * Opens a request to one of the newsletter's link handlers: the buurt's site.yaml and its subscribers, or the
 * answer (500 under `title`) when the function cannot know its buurt.
 */
export async function openLinkRequest(request: Request, title: string): Promise<LinkRequest | Response> {
  const show: LinkRequest['show'] = (status, heading, message, button) =>
    answerInPage(request, status, NEWSLETTER_PATHS.status, renderStatus(heading, message, button), heading);
  const slug = process.env.BUURT;
  const site = slug ? (await loadSiteConfig(slug)).config : undefined;
  if (!slug || !site) {
    console.log('nieuwsbrief: 500: BUURT is not set or its site.yaml cannot be read');
    return show(500, title, nieuwsbriefTexts.refusals.failed);
  }
  const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), slug, stateSecret());
  return { slug, site, subscribers, token: new URL(request.url).searchParams.get('t'), show };
}
