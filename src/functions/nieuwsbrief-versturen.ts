/**
 * The scheduled send of the buurt's newsletter (src/newsletter/send.ts does the work). Netlify runs it every
 * 10 minutes (`config.schedule`, UTC cron); it sends only on the buurt's day from its hour, a batch per run.
 * Scheduled functions have no public address on Netlify; locally the runtime mounts it at
 * POST /.netlify/functions/nieuwsbrief-versturen, as `netlify functions:invoke` calls it.
 */
import { loadSiteConfig } from '../model/content.ts';
import { buildNow } from '../dates/dates.ts';
import { openStore, STORE_NAMES } from '../function-runtime/blobs.ts';
import { sendMail } from '../function-runtime/mail.ts';
import { loadNewsletterContent } from '../newsletter/content.ts';
import { runScheduledSend } from '../newsletter/send.ts';
import { stateSecret } from '../participation/tokens.ts';

export default async function nieuwsbriefVersturen(): Promise<Response> {
  const slug = process.env.BUURT;
  const log = (line: string) => console.log(line);
  if (!slug) return Response.json({ error: 'BUURT is not set' }, { status: 500 });
  const { config: site } = await loadSiteConfig(slug);
  if (!site) return Response.json({ error: `sites/${slug}/site.yaml could not be read` }, { status: 500 });
  try {
    const outcome = await runScheduledSend({
      slug,
      site,
      siteUrl: process.env.BUURT_SITE_URL ?? site.domain,
      loadContent: () => loadNewsletterContent(slug),
      store: openStore(STORE_NAMES.newsletter),
      secret: stateSecret(),
      sendMail: (message) => sendMail(message, { log }),
      now: () => buildNow(),
      log,
    });
    return Response.json(outcome);
  } catch (error) {
    log(`nieuwsbrief: the scheduled send failed: ${(error as Error).stack ?? String(error)}`);
    return Response.json({ error: 'the scheduled send failed; see the function log' }, { status: 500 });
  }
}

export const config = {
  schedule: '*/10 * * * *',
};
