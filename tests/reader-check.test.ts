/** `buurt check` warns about e-mail addresses and phone numbers in the free text of news items and pages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkSite } from '../src/check/index.ts';
import { formatProblem, hasErrors } from '../src/model/problems.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

let workspace: Workspace;

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.writeBuurt('privebuurt', {
    'site.yaml': stringify(baseSiteYaml),
    'content/nieuws/oproep.md': markdown(
      { title: 'Oproep', date: '2026-03-01', summary: 'Bel Jan op 06-12345678 als je wilt helpen.' },
      'Meer weten?\n\nMail jan.jansen@gmail.com of bel (020) 123 45 67.\nOf mail de buurt: contact@testbuurt.nl.',
    ),
    'content/paginas/contact.md': markdown({ title: 'Contact', summary: 'Zo bereik je ons.' }, 'Schrijf naar [Piet](mailto:piet@example.org).'),
    'content/nieuws/gewoon.md': markdown(
      { title: 'Gewoon nieuws', date: '2026-03-01', summary: 'Op 2026-03-14 van 10:00-12:00.' },
      'Postcode 1234 AB, € 1.250,00.',
    ),
    'content/mensen/anna.md': markdown({
      name: 'Anna',
      role: 'buurtverbinder',
      topics: ['klussen'],
      contact: { email: 'anna@gmail.com', phone: '06 12345678' },
    }),
  });
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('personal data in free text', () => {
  it('warns with file, line and field, but does not stop the build', async () => {
    const { problems } = await checkSite('privebuurt');
    const warnings = problems.filter((p) => p.code === 'personal-data-in-text');
    expect(hasErrors(problems)).toBe(false);
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(warnings.map((w) => formatProblem(w).replace(workspace.sitesDir, 'sites'))).toMatchInlineSnapshot(`
      [
        "sites/privebuurt/content/nieuws/oproep.md:4: warning: field "summary": contains the phone number "06-12345678"; everything in the text is public. Check that its owner agreed, or refer to their page in wie-helpt.",
        "sites/privebuurt/content/nieuws/oproep.md:8: warning: field "body": contains the e-mail address "jan.jansen@gmail.com"; everything in the text is public and spammers collect addresses from web pages. Refer to the person's page in wie-helpt instead (addresses are protected there), or use the buurt's own address contact@testbuurt.nl.",
        "sites/privebuurt/content/nieuws/oproep.md:8: warning: field "body": contains the phone number "(020) 123 45 67"; everything in the text is public. Check that its owner agreed, or refer to their page in wie-helpt.",
        "sites/privebuurt/content/paginas/contact.md:5: warning: field "body": contains the e-mail address "piet@example.org"; everything in the text is public and spammers collect addresses from web pages. Refer to the person's page in wie-helpt instead (addresses are protected there), or use the buurt's own address contact@testbuurt.nl.",
      ]
    `);
  });
});
