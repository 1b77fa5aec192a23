/**
 * Personal data in free text: an e-mail address or phone number written in the summary or body of a news
 * item or page is published for everyone (and harvested by spammers), unlike the protected contact fields
 * of people. A warning, not an error: sometimes it is meant.
 */
import type { Entry, LoadedSite } from '../content.ts';
import { findEmailAddresses, findPhoneNumbers } from '../personal-data.ts';
import type { Problem } from '../problems.ts';

/** Warnings for e-mail addresses and phone numbers in the free text of news items and pages. */
export function checkPersonalData(site: LoadedSite): Problem[] {
  const own = site.config?.email.toLowerCase();
  const problems: Problem[] = [];
  const entries: Entry<'nieuws' | 'paginas'>[] = [...site.entries.nieuws, ...site.entries.paginas];
  for (const entry of entries) {
    const report = (field: 'summary' | 'body', line: number | undefined, text: string) => {
      for (const email of findEmailAddresses(text)) {
        if (email.toLowerCase() === own) continue;
        problems.push({
          code: 'personal-data-in-text',
          severity: 'warning',
          file: entry.file,
          line,
          field,
          message:
            `contains the e-mail address "${email}"; everything in the text is public and spammers collect addresses from web pages. ` +
            `Refer to the person's page in wie-helpt instead (addresses are protected there)` +
            (site.config ? `, or use the buurt's own address ${site.config.email}` : ''),
        });
      }
      for (const phone of findPhoneNumbers(text)) {
        problems.push({
          code: 'personal-data-in-text',
          severity: 'warning',
          file: entry.file,
          line,
          field,
          message: `contains the phone number "${phone}"; everything in the text is public. Check that its owner agreed, or refer to their page in wie-helpt`,
        });
      }
    };
    report('summary', entry.lineOf(['summary']), entry.data.summary);
    entry.body.split('\n').forEach((text, index) => report('body', entry.bodyLine + index, text));
  }
  return problems;
}
