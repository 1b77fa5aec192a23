/**
 * Residents' e-mail addresses and phone numbers: finding them in free text (for `buurt check`) and showing
 * personal e-mail addresses without making them harvestable.
 *
 * How a personal address is shown (see the README, "Personal data"): as text, never as a `mailto:` link,
 * with decoy text inside elements that carry the `hidden` attribute between its parts:
 *
 *   anna<span hidden> [zonder deze tekst] </span>@<span hidden> [zonder deze tekst] </span>voorbeeldwijk.nl
 *
 * Browsers never render, copy or read out `hidden` content (it is display:none by the browser's own style
 * sheet, so it holds without our CSS, and screen readers skip it), so residents see, hear and copy the
 * real address. The HTML source holds neither the address nor a trivial encoding of it, and a harvester
 * that strips tags gets text with spaces and brackets around the "@", which is not an address. It needs no
 * JavaScript and no inline style, so it works under the strict Content-Security-Policy.
 */
import { escapeHtml } from './markdown.ts';

/** Text put between the parts of a protected address; never shown by a browser. */
export const EMAIL_DECOY = ' [zonder deze tekst] ';

/** An e-mail address inside free text. */
const EMAIL_IN_TEXT = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
/** Something that may be a phone number: digits with spaces, dashes, dots or brackets between them. */
const PHONE_CANDIDATE = /(?<![\w+])(?:\+|\()?\d[\d\s().-]{7,18}\d(?![\w])/g;
/** The bank and country code of an IBAN just before a number ("NL91 ABNA 0417 1643 00"). */
const IBAN_PREFIX = /[A-Z]{2}\d{2}\s?[A-Z]{4}\s?$/;

/** E-mail addresses written in `text`, in order. */
export function findEmailAddresses(text: string): string[] {
  return [...text.matchAll(EMAIL_IN_TEXT)].map((m) => m[0]);
}

/**
 * Dutch phone numbers written in `text`, as written: "020 123 45 67", "06-12345678", "+31 6 1234 5678",
 * "(020) 123 4567". Dates, times, postcodes, prices and IBANs are not phone numbers.
 */
export function findPhoneNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const written = match[0].replace(/^[\s.-]+|[\s.-]+$/g, '');
    if (IBAN_PREFIX.test(text.slice(Math.max(0, match.index - 10), match.index))) continue;
    if (isDutchPhoneNumber(written)) found.push(written);
  }
  return found;
}

/** True when `written` is a Dutch phone number in any common notation. */
export function isDutchPhoneNumber(written: string): boolean {
  if (/[^\d\s().+-]/.test(written)) return false;
  let digits = written.replace(/[^\d+]/g, '');
  if (digits.startsWith('+31')) digits = digits.slice(3);
  else if (digits.startsWith('0031')) digits = digits.slice(4);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else return false;
  if (digits.startsWith('0')) digits = digits.slice(1); // "+31 (0)20 …"
  return /^[1-9]\d{8}$/.test(digits);
}

/** HTML showing a personal e-mail address that browsers render normally but harvesters cannot read. */
export function protectedEmailHtml(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const decoy = `<span hidden>${EMAIL_DECOY}</span>`;
  return (
    `<span class="email-address">${escapeHtml(local)}${decoy}@${decoy}` + `${escapeHtml(domain.slice(0, dot))}${decoy}${escapeHtml(domain.slice(dot))}</span>`
  );
}
