import { describe, expect, it } from 'vitest';
import { offerOf, postalAddress, serializeJsonLd } from './structured-data.ts';

describe('serializeJsonLd', () => {
  it('never lets content close the script block, and parses back to the same data', () => {
    const data = { name: '</script><script>alert(1)</script> <!-- & \u2028' };
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});

describe('postalAddress', () => {
  it('splits a Dutch address into street, postal code and town', () => {
    expect(postalAddress('Kroonstraat 12, 1234AB Voorbeeld')).toEqual({
      '@type': 'PostalAddress',
      streetAddress: 'Kroonstraat 12',
      postalCode: '1234 AB',
      addressLocality: 'Voorbeeld',
      addressCountry: 'NL',
    });
    expect(postalAddress('Achter de kerk')).toEqual({ '@type': 'PostalAddress', streetAddress: 'Achter de kerk', addressCountry: 'NL' });
  });
});

describe('offerOf', () => {
  it('reads prices and free entry, and gives nothing for other texts', () => {
    const url = 'https://oostbuurt.nl/agenda/x/';
    expect(offerOf('Gratis', url)).toMatchObject({ isAccessibleForFree: true, offers: { price: '0', priceCurrency: 'EUR' } });
    expect(offerOf('€ 2,50 inclusief koffie', url)).toMatchObject({ offers: { price: '2.50' } });
    expect(offerOf('5 euro', url)).toMatchObject({ offers: { price: '5' } });
    expect(offerOf('€ 5,- per persoon', url)).toMatchObject({ offers: { price: '5' } });
    expect(offerOf('Een vrijwillige bijdrage', url)).toBeUndefined();
    expect(offerOf(undefined, url)).toBeUndefined();
  });
});
