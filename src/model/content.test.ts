import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, markdown, baseSiteYaml, type Workspace } from '../../tests/helpers/fixtures.ts';
import { stringify } from 'yaml';
import { loadSite, loadSiteConfig, parseContentFile, splitFrontMatter, suggestSlug } from './content.ts';
import { formatProblem } from './problems.ts';

const file = '/buurt/content/agenda/buurtborrel.md';
const problemsOf = (collection: Parameters<typeof parseContentFile>[0], source: string) =>
  parseContentFile(collection, file, source).problems.map((p) => formatProblem(p).replace('/buurt/', ''));

const activity = {
  title: 'Buurtborrel',
  start: '2026-03-14T20:00',
  end: '2026-03-14T23:00',
  location: { name: 'Buurthuis De Kroon' },
  summary: 'Gezellig samen.',
};

describe('a suggested file name', () => {
  it('is the one slugify of the name, or "naam" when nothing is left', () => {
    expect(suggestSlug('Buurt Borrel!')).toBe('buurt-borrel');
    expect(suggestSlug('Café Één & zo')).toBe('cafe-een-zo');
    expect(suggestSlug('!!!')).toBe('naam');
  });
});

describe('front matter', () => {
  it('splits front matter and body and knows the body line', () => {
    expect(splitFrontMatter('---\ntitle: x\nsummary: y\n---\nTekst\n')).toEqual({ yaml: 'title: x\nsummary: y\n', body: 'Tekst\n', bodyLine: 5 });
    expect(splitFrontMatter('Geen front matter')).toBeUndefined();
  });

  it('keeps dates as text instead of shifting them to UTC', () => {
    const { entry } = parseContentFile('agenda', file, markdown({ ...activity, start: '2026-03-14T20:00' }));
    expect(entry?.data.start).toBe('2026-03-14T20:00');
  });
});

describe('errors in content files', () => {
  it('names the file, line and field of a wrong date and says how to write it', () => {
    const source = markdown({ ...activity, start: '14-03-2026' });
    expect(problemsOf('agenda', source)).toMatchInlineSnapshot(`
      [
        "content/agenda/buurtborrel.md:3: field "start": "14-03-2026" is not a date and time; write it as 2026-03-14T20:00 (or 2026-03-14 for a whole day).",
      ]
    `);
  });

  it('reports every problem of a file at once', () => {
    const source = markdown({ titel: 'Buurtborrel', start: '2026-03-14T20:00', end: '2026-03-14T19:00', location: {}, summary: '' });
    expect(problemsOf('agenda', source)).toMatchInlineSnapshot(`
      [
        "content/agenda/buurtborrel.md:2: field "title": is missing; add it with a text.",
        "content/agenda/buurtborrel.md:5: field "location.name": is missing; add it with a text.",
        "content/agenda/buurtborrel.md:6: field "summary": the summary is empty; write a short text.",
        "content/agenda/buurtborrel.md:2: field "titel": is not a known field; did you mean "title"? Allowed here: title, start, end, allDay, location, summary, image, group, organiser, registration, cost, tags, recurrence, cancelled, draft, submission.",
      ]
    `);
  });

  it('says when the end is before the start', () => {
    const source = markdown({ ...activity, end: '2026-03-14T19:00' });
    expect(problemsOf('agenda', source)).toMatchInlineSnapshot(`
      [
        "content/agenda/buurtborrel.md:4: field "end": "2026-03-14T19:00" is before the start "2026-03-14T20:00"; the end must be after the start.",
      ]
    `);
  });

  it('requires alt text for an image', () => {
    const source = markdown({ title: 'Nieuws', date: '2026-03-01', summary: 'Kort.', image: { src: '../../media/a.jpg' } });
    expect(problemsOf('nieuws', source)).toMatchInlineSnapshot(`
      [
        "content/agenda/buurtborrel.md:6: field "image.alt": is missing; describe what the image shows, for people who cannot see it ("Kinderen planten bloembollen in de moestuin").",
      ]
    `);
  });

  it('points at the line of broken YAML', () => {
    const source = '---\ntitle: Buurtborrel\nsummary: "niet afgesloten\nstart: 2026-03-14T20:00\n---\n';
    expect(problemsOf('agenda', source)[0]).toMatch(/^content\/agenda\/buurtborrel.md:3: the text is not valid YAML/);
  });

  it('explains a missing front matter and a bad file name', () => {
    expect(parseContentFile('nieuws', '/b/content/nieuws/Buurt Borrel!.md', 'Alleen tekst').problems.map((p) => p.message)).toMatchInlineSnapshot(`
      [
        "the file name "Buurt Borrel!.md" cannot be used in a web address; rename it to lower case letters, digits and dashes, like "buurt-borrel.md"",
        "the file does not start with front matter; begin it with a line "---", the fields, and another "---"",
      ]
    `);
  });

  it('rejects a boolean written as text', () => {
    const source = markdown({ title: 'Nieuws', date: '2026-03-01', summary: 'Kort.', draft: 'ja' });
    expect(problemsOf('nieuws', source)).toMatchInlineSnapshot(`
      [
        "content/agenda/buurtborrel.md:5: field "draft": must be true or false, but it is the text "ja".",
      ]
    `);
  });
});

describe('site.yaml', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => {
    await workspace.dispose();
  });

  it('loads a valid site.yaml with defaults', async () => {
    await workspace.writeBuurt('oost', { 'site.yaml': stringify(baseSiteYaml) });
    const { config, problems } = await loadSiteConfig('oost');
    expect(problems).toEqual([]);
    expect(config?.social).toEqual({});
    expect(config?.editors).toEqual([]);
  });

  it('rejects an unknown key, a bad colour and an http domain', async () => {
    await workspace.writeBuurt('oost', {
      'site.yaml': stringify({ ...baseSiteYaml, domain: 'http://oost.nl', colors: { primary: 'blauw', accent: '#f2b84b' }, kleur: 'rood' }),
    });
    const { problems } = await loadSiteConfig('oost');
    expect(problems.map((p) => `${p.line}: ${p.field}: ${p.message}`)).toMatchInlineSnapshot(`
      [
        "4: domain: "http://oost.nl" is not a domain; write it as https://voorbeeldwijk.nl (https, lower case, no path or slash at the end)",
        "7: colors.primary: "blauw" is not a colour; write it as #1d5c8c",
        "14: kleur: is not a known field; allowed here: name, tagline, description, domain, email, phone, colors, logo, menu, social, editors, cms, participation, newsletter, prikbord",
      ]
    `);
  });

  it('says when a buurt has no site.yaml', async () => {
    const { problems } = await loadSiteConfig('nergens');
    expect(problems[0]?.message).toBe('there is no site.yaml; every buurt needs one (create a new buurt with "buurt new nergens")');
  });

  it('collects problems from every file of a buurt and keeps the valid entries', async () => {
    await workspace.writeBuurt('oost', {
      'site.yaml': stringify(baseSiteYaml),
      'content/agenda/goed.md': markdown(activity),
      'content/agenda/fout.md': markdown({ ...activity, start: 'morgen' }),
      'content/nieuws/ook-fout.md': markdown({ title: 'x' }),
    });
    const site = await loadSite('oost');
    expect(site.entries.agenda.map((e) => e.id)).toEqual(['goed']);
    expect(site.problems.map((p) => `${p.file.split('/sites/')[1]}: ${p.field}`)).toEqual([
      'oost/content/agenda/fout.md: start',
      'oost/content/nieuws/ook-fout.md: date',
      'oost/content/nieuws/ook-fout.md: summary',
    ]);
  });
});
