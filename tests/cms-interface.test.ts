/**
 * What editors read in /admin/ besides the fields: Decap's interface in Dutch everywhere (also what only a
 * screen reader says), one name per workflow status, commit messages with the title, and fields that become
 * required inside an optional group.
 */
import { describe, expect, it } from 'vitest';
import en from 'decap-cms-locales/dist/esm/en/index.js';
import nl from 'decap-cms-locales/dist/esm/nl/index.js';
import { titledCommitMessage } from '../src/cms/backend.ts';
import { createCmsConfig, type CmsFolderCollection } from '../src/cms/config.ts';
import type { CmsField } from '../src/cms/fields.ts';
import { dutchInterface } from '../src/cms/locale.ts';
import { isEntryRoute } from '../src/cms/routes.ts';
import { siteSchema } from '../src/model/schemas.ts';
import { baseSiteYaml } from './helpers/fixtures.ts';

function flatten(value: unknown, prefix = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item && typeof item === 'object') Object.assign(result, flatten(item, `${prefix}${key}.`));
    else result[`${prefix}${key}`] = String(item);
  }
  return result;
}

const dutch = flatten(dutchInterface(nl));

describe('the admin interface in Dutch', () => {
  it('has a Dutch phrase for every phrase of Decap’s English interface, so nothing falls back to English', () => {
    const missing = Object.keys(flatten(en)).filter((key) => !(key in dutch));
    expect(missing).toEqual([]);
    expect(dutch['editor.editorControl.field.widgetLabel']).toBe('Invoerveld');
    expect(dutch['ui.settingsDropdown.account']).toBe('Accountmenu');
    expect(dutch['editor.editorWidgets.object.collapse']).toBe('Dichtklappen');
  });

  it('names the workflow statuses everywhere as the toolbar does: Concept, Ter beoordeling, Klaar', () => {
    expect([dutch['editor.editorToolbar.draft'], dutch['editor.editorToolbar.inReview'], dutch['editor.editorToolbar.ready']]).toEqual([
      'Concept',
      'Ter beoordeling',
      'Klaar',
    ]);
    const mentioning = Object.entries(dutch).filter(([, text]) => /Voltooid|Gereed|Wordt beoordeeld/i.test(text));
    expect(mentioning).toEqual([]);
    expect(dutch['editor.editor.onPublishingNotReady']).toContain('“Klaar”');
    expect(dutch['workflow.workflowList.onPublishingNotReadyEntry']).toContain('“Klaar”');
  });
});

describe('commit messages', () => {
  it('name the title the editor typed instead of the file name', () => {
    expect(titledCommitMessage('Nieuwsbericht “buurtfeest-cafe” toegevoegd (oost)', 'buurtfeest-cafe', 'Buurtfeest: café!')).toBe(
      'Nieuwsbericht “Buurtfeest: café!” toegevoegd (oost)',
    );
    // Quotes, line breaks and long titles cannot break the message.
    expect(titledCommitMessage('Activiteit “x” gewijzigd (oost)', 'x', '  De “grote”\n  schoonmaak  ')).toBe(
      'Activiteit “De "grote" schoonmaak” gewijzigd (oost)',
    );
    const long = titledCommitMessage('Pagina “p” gewijzigd (oost)', 'p', 'a'.repeat(200));
    expect(long).toBe(`Pagina “${'a'.repeat(71)}…” gewijzigd (oost)`);
    // Without a title, or for a message that does not quote the slug, nothing changes; "$&" stays literal.
    expect(titledCommitMessage('Foto “media/x.jpg” toegevoegd (oost)', 'x', 'Titel')).toBe('Foto “media/x.jpg” toegevoegd (oost)');
    expect(titledCommitMessage('Persoon “anna” gewijzigd (oost)', 'anna', '')).toBe('Persoon “anna” gewijzigd (oost)');
    expect(titledCommitMessage('Groep “g” toegevoegd (oost)', 'g', 'Kosten $& meer')).toBe('Groep “Kosten $& meer” toegevoegd (oost)');
  });
});

describe('fields inside optional groups', () => {
  const config = createCmsConfig({
    slug: 'oost',
    site: siteSchema.parse({ ...baseSiteYaml, name: 'Oostbuurt', domain: 'https://oostbuurt.nl' }),
    backend: { name: 'proxy', proxy_url: '/api/v1', branch: 'main' },
  });
  const fields = (collection: string) => (config.collections.find((c) => c.name === collection) as CmsFolderCollection).fields;
  const field = (list: CmsField[], ...path: string[]): CmsField => {
    const [first, ...rest] = path;
    const found = list.find((f) => f.name === first)!;
    return rest.length ? field(found.fields!, ...rest) : found;
  };

  it('say which sub-field becomes required once the group is filled in', () => {
    expect(field(fields('nieuws'), 'image', 'alt').hint).toBe(
      'Verplicht zodra je iets invult bij “Foto”. Wat is er te zien? Voor mensen die de foto niet kunnen zien.',
    );
    expect(field(fields('nieuws'), 'image', 'src').hint).toMatch(/^Verplicht zodra je iets invult bij “Foto”\. Kies een foto/);
    expect(field(fields('agenda'), 'recurrence', 'frequency').hint).toMatch(/^Verplicht zodra je iets invult bij “Herhaling”\./);
    // Optional sub-fields and switches say nothing of the kind; neither do fields of a required group.
    expect(field(fields('agenda'), 'recurrence', 'until').hint).not.toMatch(/Verplicht/);
    expect(field(fields('agenda'), 'recurrence', 'except').hint).not.toMatch(/Verplicht/);
    expect(field(fields('agenda'), 'location', 'name').hint).not.toMatch(/Verplicht/);
    expect(field(fields('agenda'), 'location', 'name').required).toBe(true);
  });
});

describe('routes', () => {
  it('knows the editor of an entry', () => {
    expect(isEntryRoute('#/collections/nieuws/entries/straatspeeldag', 'nieuws', 'straatspeeldag')).toBe(true);
    expect(isEntryRoute('#/collections/nieuws/entries/straatspeeldag?ref=x', 'nieuws', 'straatspeeldag')).toBe(true);
    expect(isEntryRoute('#/collections/nieuws/new', 'nieuws', 'straatspeeldag')).toBe(false);
    expect(isEntryRoute('#/collections/nieuws/entries/andere', 'nieuws', 'straatspeeldag')).toBe(false);
    expect(isEntryRoute('#/collections/%E0%A4%A/entries/x', 'nieuws', 'x')).toBe(false);
  });
});
