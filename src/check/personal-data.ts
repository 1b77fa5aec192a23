/**
 * Personal data in free text: an e-mail address or phone number written in the summary or body of a news
 * item or page is published for everyone (and harvested by spammers), unlike the protected contact fields
 * of people. A warning, not an error: sometimes it is meant.
 */
import type { Entry, LoadedSite } from '../model/content.ts';
import { findEmailAddresses, findPhoneNumbers } from '../markdown/personal-data.ts';
import type { Problem } from '../model/problems.ts';

/** Warnings for e-mail addresses and phone numbers in the free text of news items and pages. */
export function checkPersonalData(site: LoadedSite): Problem[] {
  const own = site.config?.email.toLowerCase();
  // Addresses on the buurt's own domain are the buurt's organisational addresses, not personal ones.
  const ownDomain = site.config ? new URL(site.config.domain).hostname.replace(/^www\./, '') : undefined;
  const ownPhone = site.config?.phone?.replace(/\D/g, '').replace(/^(0031|31)/, '0');
  const problems: Problem[] = [];
  const entries: Entry<'nieuws' | 'paginas' | 'prikbord'>[] = [...site.entries.nieuws, ...site.entries.paginas, ...site.entries.prikbord];
  for (const entry of entries) {
    // A prikbord post never carries contact details: replies go through the reply form, so it is an error there.
    const post = entry.collection === 'prikbord';
    const severity = post ? 'error' : 'warning';
    const advice = post
      ? 'A prikbord post never shows contact details: residents reply through the form on its page, which mails the poster. Remove it'
      : undefined;
    const report = (field: 'summary' | 'title' | 'body', line: number | undefined, text: string) => {
      const seen = new Set<string>();
      for (const email of findEmailAddresses(text)) {
        const address = email.toLowerCase();
        if (address === own || address.endsWith(`@${ownDomain}`) || seen.has(address)) continue;
        seen.add(address);
        problems.push({
          code: 'personal-data-in-text',
          severity,
          file: entry.file,
          line,
          field,
          message:
            `contains the e-mail address "${email}"; everything in the text is public and spammers collect addresses from web pages. ` +
            (advice ??
              `Refer to the person's page in wie-helpt instead (addresses are protected there)` +
                (site.config ? `, or use the buurt's own address ${site.config.email}` : '')),
        });
      }
      for (const phone of findPhoneNumbers(text)) {
        const digits = phone.replace(/\D/g, '').replace(/^(0031|31)/, '0');
        if (seen.has(digits) || digits === ownPhone) continue;
        seen.add(digits);
        problems.push({
          code: 'personal-data-in-text',
          severity,
          file: entry.file,
          line,
          field,
          message: `contains the phone number "${phone}"; everything in the text is public. ${advice ?? 'Check that its owner agreed, or refer to their page in wie-helpt'}`,
        });
      }
    };
    if (entry.collection === 'prikbord') report('title', entry.lineOf(['title']), entry.data.title);
    else report('summary', entry.lineOf(['summary']), (entry.data as { summary: string }).summary);
    entry.body.split('\n').forEach((text, index) => report('body', entry.bodyLine + index, text));
  }
  return problems;
}
