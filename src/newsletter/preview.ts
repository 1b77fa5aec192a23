/**
 * The next issue of a buurt's newsletter for a look (`buurt nieuwsbrief <slug>`): composed from the buurt's
 * folder exactly as the scheduled send composes it, as a complete .eml (multipart, with the one-click
 * unsubscribe headers) and as HTML. Nothing is sent and no subscriber is read.
 */
import nodemailer from 'nodemailer';
import { loadSiteConfig } from '../model/content.ts';
import { PlatformError } from '../core/errors.ts';
import { DEFAULT_FROM } from '../function-runtime/mail.ts';
import { NEWSLETTER_PATHS } from './form.ts';
import { composeIssue, isEmptyIssue, renderIssue, type Issue, type RenderedIssue } from './issue.ts';
import { loadNewsletterContent } from './content.ts';
import { firstIssueSince } from './schedule.ts';
import { newsletterLogoUrl } from './send.ts';
import { listUnsubscribeHeaders } from './subscribe.ts';

export interface IssuePreview {
  issue: Issue;
  rendered: RenderedIssue;
  /** The issue as a complete message (RFC 5322), addressed to an example subscriber. */
  eml: Buffer;
  /** True when the issue has nothing new and would not be sent. */
  empty: boolean;
  since: Date;
}

/** Composes the issue `slug` would send at `now`, with news since `since` (default: one rhythm back). */
export async function previewIssue(slug: string, options: { now: Date; since?: Date }): Promise<IssuePreview> {
  const { config: site, problems } = await loadSiteConfig(slug);
  if (!site) {
    throw new PlatformError(`The site.yaml of buurt "${slug}" cannot be read: ${problems.map((p) => p.message).join('; ')}.`, {
      kind: 'content',
      hint: `Run "npm run buurt -- check ${slug}" to see every problem.`,
    });
  }
  const settings = site.newsletter ?? { enabled: false, day: 'maandag' as const, every: 'week' as const, hour: 8 };
  const since = options.since ?? firstIssueSince(settings, options.now);
  const content = await loadNewsletterContent(slug);
  const issue = composeIssue({ site, ...content, now: options.now, since });
  const unsubscribeUrl = `${site.domain}${NEWSLETTER_PATHS.unsubscribe}?t=voorbeeld`;
  const rendered = renderIssue(issue, { unsubscribeUrl, colors: site.colors, logoUrl: newsletterLogoUrl(site, site.domain), logoAlt: site.logo?.alt });
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({
    from: process.env.MAIL_FROM?.trim() || DEFAULT_FROM,
    to: 'abonnee@voorbeeld.invalid',
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: listUnsubscribeHeaders(unsubscribeUrl),
  });
  return { issue, rendered, eml: info.message as Buffer, empty: isEmptyIssue(issue), since };
}
