/**
 * E-mail fields take a plain address only: `contact@x.nl?bcc=…&subject=…` would become a `mailto:` link that
 * adds recipients, a subject or a text to every resident's mail. Every schema with an address refuses it, the CMS
 * form refuses it with the same pattern, and no mailto: link can be made from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkSite } from '../src/check/index.ts';
import { REGISTRATION_PATTERN } from '../src/cms/fields.ts';
import { formatProblem } from '../src/model/problems.ts';
import { activitySchema, contactSchema, EMAIL_PATTERN, editorSchema, emailSchema, registrationLinkSchema, siteSchema } from '../src/model/schemas.ts';
import { mailtoHref } from '../src/model/urls.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

const HOSTILE = [
  'contact@x.nl?bcc=buren@example.org&subject=Gratis',
  'contact@x.nl?bcc=example.org&subject=hoi.nl',
  'contact@x.nl?subject=Hallo',
  'contact@x.nl&cc=a.nl',
  'contact@x.nl#hallo.nl',
  'contact@x.nl%3Fbcc=a.nl',
  'contact@x.nl/pad.nl',
  'con=tact@x.nl',
  'contact@x.nl\n.nl',
];
const PLAIN = ['contact@voorbeeldwijk.nl', 'jan.de-vries+buurt@mail.example.org', 'moestuin_oost@x-y.nl'];

describe('e-mail fields', () => {
  it.each(HOSTILE)('refuses %j in every schema with an address', (value) => {
    expect(emailSchema.safeParse(value).success).toBe(false);
    expect(contactSchema.safeParse({ email: value }).success).toBe(false);
    expect(editorSchema.safeParse({ name: 'Anna', email: value }).success).toBe(false);
    expect(siteSchema.safeParse({ ...baseSiteYaml, email: value }).success).toBe(false);
    expect(registrationLinkSchema.safeParse(value).success).toBe(false);
    expect(registrationLinkSchema.safeParse(`mailto:${value}`).success).toBe(false);
    // The CMS form uses the same patterns (Decap builds RegExp(pattern) without flags).
    expect(new RegExp(EMAIL_PATTERN.source).test(value)).toBe(false);
    expect(new RegExp(REGISTRATION_PATTERN).test(value)).toBe(false);
    expect(new RegExp(REGISTRATION_PATTERN).test(`mailto:${value}`)).toBe(false);
    expect(() => mailtoHref(value)).toThrow(/is not a plain e-mail address/);
  });

  it.each(PLAIN)('accepts the plain address %j', (value) => {
    expect(emailSchema.parse(value)).toBe(value);
    expect(registrationLinkSchema.parse(`mailto:${value}`)).toBe(`mailto:${value}`);
    expect(new RegExp(REGISTRATION_PATTERN).test(value)).toBe(true);
    expect(mailtoHref(value)).toBe(`mailto:${value}`);
  });

  it('registration still takes a https address with a query', () => {
    expect(registrationLinkSchema.parse('https://example.org/aanmelden?dag=zaterdag')).toBe('https://example.org/aanmelden?dag=zaterdag');
    expect(
      activitySchema.safeParse({ title: 'x', start: '2026-03-14T20:00', location: { name: 'Plein' }, summary: 's', registration: 'contact@x.nl?subject=x' })
        .success,
    ).toBe(false);
  });
});

describe('buurt check', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await createWorkspace();
    await workspace.writeBuurt('mailbuurt', {
      'site.yaml': stringify({ ...baseSiteYaml, email: 'contact@testbuurt.nl?bcc=verzamel@example.org' }),
      'content/agenda/borrel.md': markdown({
        title: 'Borrel',
        start: '2026-03-14T20:00',
        location: { name: 'Buurthuis' },
        summary: 'Gezellig.',
        registration: 'mailto:aanmelden@testbuurt.nl?subject=Ik%20kom&body=Gratis',
      }),
      'content/groepen/moestuin.md': markdown({ name: 'Moestuin', summary: 'Samen tuinieren.', contact: { email: 'tuin@testbuurt.nl&cc=x@example.org' } }),
    });
  });
  afterAll(async () => {
    await workspace?.dispose();
  });

  it('names every address with a query part, and what to write instead', async () => {
    const { problems } = await checkSite('mailbuurt');
    const mail = problems.filter((p) => /e-mail address/.test(p.message)).map((p) => formatProblem(p).replace(workspace.sitesDir, 'sites'));
    expect(mail).toMatchInlineSnapshot(`
      [
        "sites/mailbuurt/content/agenda/borrel.md:7: field "registration": "aanmelden@testbuurt.nl?subject=Ik%20kom&body=Gratis" is not a plain e-mail address: everything from "?" on would add recipients, a subject or a text to the mail link; write only the address, like aanmelden@testbuurt.nl.",
        "sites/mailbuurt/content/groepen/moestuin.md:5: field "contact.email": "tuin@testbuurt.nl&cc=x@example.org" is not a plain e-mail address: everything from "&" on would add recipients, a subject or a text to the mail link; write only the address, like tuin@testbuurt.nl.",
        "sites/mailbuurt/site.yaml:5: field "email": "contact@testbuurt.nl?bcc=verzamel@example.org" is not a plain e-mail address: everything from "?" on would add recipients, a subject or a text to the mail link; write only the address, like contact@testbuurt.nl.",
      ]
    `);
  });
});
