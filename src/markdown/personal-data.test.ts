import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { findEmailAddresses, findPhoneNumbers, protectedEmailHtml } from './personal-data.ts';

describe('findEmailAddresses', () => {
  it('finds addresses in text and in mailto links', () => {
    expect(findEmailAddresses('Mail jan.de.vries@gmail.com of [mij](mailto:piet@buurt.nl).')).toEqual(['jan.de.vries@gmail.com', 'piet@buurt.nl']);
    expect(findEmailAddresses('Volg @buurtoost op Mastodon')).toEqual([]);
  });
});

describe('findPhoneNumbers', () => {
  it('finds Dutch numbers in the ways people write them', () => {
    expect(findPhoneNumbers('Bel 020 123 45 67, 06-12345678, +31 6 1234 5678, (020) 123 4567 of +31 (0)20 1234567.')).toEqual([
      '020 123 45 67',
      '06-12345678',
      '+31 6 1234 5678',
      '(020) 123 4567',
      '+31 (0)20 1234567',
    ]);
  });

  it('does not take dates, times, postcodes, prices or bank accounts for phone numbers', () => {
    expect(findPhoneNumbers('Op 2026-03-14 van 10:00-12:00 in 1234 AB, kosten € 1.250,00, IBAN NL91 ABNA 0417 1643 00, KvK 12345678.')).toEqual([]);
  });
});

describe('protectedEmailHtml', () => {
  it('holds no form of the address in its source, and the address once hidden parts are left out', () => {
    const email = 'anna.devries@voorbeeldwijk.nl';
    const html = protectedEmailHtml(email);
    expect(html).not.toContain(email);
    expect(html).not.toContain('mailto:');
    const $ = cheerio.load(html);
    expect($.text()).not.toContain(email);
    $('[hidden]').remove();
    expect($.text()).toBe(email);
  });
});
