/**
 * The generated Decap CMS config against the content model: every schema field is in the form with the same
 * constraints, the form has no field the schema does not know, and every entry the CMS can save (generated
 * from the config and written the way Decap writes files) passes `buurt check`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { stringify } from 'yaml';
import type { z } from 'astro/zod';
import { checkSite } from '../src/check/index.ts';
import { checkNewsletter } from '../src/check/newsletter.ts';
import type { LoadedSite } from '../src/model/content.ts';
import { localBackend, productionBackend } from '../src/cms/backend.ts';
import { createCmsConfig, type CmsConfig, type CmsFileCollection, type CmsFolderCollection } from '../src/cms/config.ts';
import { cleanEntryData, invalidFieldLabels, invalidFieldPaths, type EntryKind } from '../src/cms/entry.ts';
import { DATE_TIME_WIDGET, DATE_WIDGET, HTTPS_PATTERN, MAINTAINER_FIELDS, REGISTRATION_PATTERN, TOPICS_PATTERN, type CmsField } from '../src/cms/fields.ts';
import { fieldText, MissingTextError } from '../src/cms/lookup.ts';
import { allowedValues, arrayElement, arrayMinItems, objectShape, schemaKind, stringChecks, unwrapField } from '../src/cms/zod-introspect.ts';
import { formatProblem } from '../src/model/problems.ts';
import {
  collectionSchemas,
  dateOrDateTimeSchema,
  dateSchema,
  dateTimeSchema,
  EMAIL_PATTERN,
  HEX_COLOUR_PATTERN,
  httpsUrlSchema,
  imageSchema,
  newsletterNoteSchema,
  PHONE_PATTERN,
  registrationLinkSchema,
  siteSchema,
  submissionSchema,
  topicSchema,
  type SiteConfig,
} from '../src/model/schemas.ts';
import { decapMarkdown, decapMerge, decapParseYaml, decapYaml } from './helpers/decap-format.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

const site: SiteConfig = siteSchema.parse({
  ...baseSiteYaml,
  name: 'Oostbuurt',
  domain: 'https://oostbuurt.nl',
  menu: ['nieuws', 'agenda', 'over-de-buurt'],
  editors: [{ name: 'Anna', email: '1234+anna@users.noreply.github.com' }],
  cms: { backend: 'gitlab', repo: 'buurten/oost', app_id: 'abc123' },
  newsletter: { day: 'maandag' },
});
const config = createCmsConfig({ slug: 'oost', site, backend: localBackend('main'), pages: ['over-de-buurt', 'contact'] });
const folders = config.collections.filter((c): c is CmsFolderCollection => 'folder' in c);
const settingsFile = (config.collections.find((c) => c.name === 'instellingen') as CmsFileCollection).files[0]!;
const noteFile = (config.collections.find((c) => c.name === 'nieuwsbrief') as CmsFileCollection).files[0]!;

/** The form of each kind of entry, with its schema. */
const forms: { kind: EntryKind; schema: z.ZodType; fields: CmsField[] }[] = [
  ...folders.map((c) => ({ kind: c.name as EntryKind, schema: collectionSchemas[c.name] as z.ZodType, fields: c.fields })),
  { kind: 'site', schema: siteSchema, fields: settingsFile.fields },
  { kind: 'nieuwsbrief', schema: newsletterNoteSchema, fields: noteFile.fields },
];

/**
 * Asserts that `fields` are the form of `schema`: the same names, required exactly when the schema requires
 * (inside an optional group the save check requires instead), and the same patterns, choices and structure.
 */
function expectSameConstraints(schema: z.ZodType, fields: CmsField[], where: string, insideOptional: boolean, exclude: readonly string[] = []) {
  const shape = objectShape(schema);
  const names = Object.keys(shape).filter((name) => !exclude.includes(name));
  expect(
    fields.map((f) => f.name).filter((n) => n !== 'body'),
    `${where}: fields`,
  ).toEqual(names);
  for (const name of names) {
    const at = `${where}.${name}`;
    const field = fields.find((f) => f.name === name)!;
    const { schema: inner, optional, hasDefault, defaultValue } = unwrapField(shape[name]!);
    expect(field.label, `${at}: label`).toBe(fieldText(at).label);
    expect(field.required !== false, `${at}: required`).toBe(!optional && !insideOptional);
    if (hasDefault && JSON.stringify(defaultValue) !== '[]' && JSON.stringify(defaultValue) !== '{}')
      expect(field.default, `${at}: default`).toEqual(defaultValue);
    expectSameField(inner, field, at, insideOptional || optional);
  }
}

function expectSameField(inner: z.ZodType, field: CmsField, at: string, insideOptional: boolean) {
  const values = allowedValues(inner);
  if (inner === imageSchema) {
    expect(field.widget).toBe('object');
    expect(field.fields!.map((f) => [f.name, f.widget])).toEqual([
      ['src', 'image'],
      ['alt', 'string'],
    ]);
    expect(
      field.fields!.every((f) => (f.required !== false) === !insideOptional),
      `${at}: image required`,
    ).toBe(true);
  } else if (inner === dateSchema || (at.endsWith('nieuws.date') && inner === dateOrDateTimeSchema) || at === 'nieuwsbrief.until') {
    expect({ widget: field.widget, format: field.format, time_format: field.time_format }, at).toEqual({
      widget: 'datetime',
      format: DATE_WIDGET.format,
      time_format: false,
    });
  } else if (inner === dateTimeSchema || inner === dateOrDateTimeSchema) {
    expect({ widget: field.widget, format: field.format, picker_utc: field.picker_utc }, at).toEqual({
      widget: 'datetime',
      format: DATE_TIME_WIDGET.format,
      picker_utc: false,
    });
  } else if (inner === httpsUrlSchema) {
    expect(field.pattern?.[0], at).toBe(HTTPS_PATTERN);
  } else if (inner === registrationLinkSchema) {
    expect(field.pattern?.[0], at).toBe(REGISTRATION_PATTERN);
  } else if (inner === submissionSchema) {
    // A resident's submission mark: kept, never written by an editor's form.
    expect(field.widget, at).toBe('hidden');
  } else if (at.endsWith('prikbord.category')) {
    // A choice from the buurt's own categories (site.yaml prikbord.categories), each a valid topic.
    expect(field.widget, at).toBe('select');
    expect(field.options!.length, at).toBeGreaterThan(0);
    for (const option of field.options!) expect(inner.safeParse(option.value).success, `${at}: ${option.value}`).toBe(true);
  } else if (at.endsWith('agenda.group')) {
    expect({ widget: field.widget, collection: field.collection, value_field: field.value_field }).toEqual({
      widget: 'relation',
      collection: 'groepen',
      value_field: '{{slug}}',
    });
  } else if (values) {
    expect(field.widget, at).toBe('select');
    expect(
      field.options!.map((o) => o.value),
      `${at}: choices`,
    ).toEqual(values);
  } else if (schemaKind(inner) === 'object') {
    expect(field.widget, at).toBe('object');
    expectSameConstraints(inner, field.fields!, at, insideOptional);
  } else if (schemaKind(inner) === 'array') {
    expect(field.widget, at).toBe('list');
    expect(field.min, `${at}: min`).toBe(arrayMinItems(inner));
    const element = unwrapField(arrayElement(inner)).schema;
    if (element === topicSchema) expect(field.pattern?.[0], at).toBe(TOPICS_PATTERN);
    else if (at.endsWith('site.menu')) {
      expect(field.field!.widget).toBe('select');
      for (const option of field.field!.options!) expect(element.safeParse(option.value).success, `${at}: ${option.value}`).toBe(true);
    } else expectSameField(element, field.field!, `${at}.item`, false);
  } else if (schemaKind(inner) === 'string') {
    const checks = stringChecks(inner);
    if (checks.patterns.length) expect(field.pattern?.[0], `${at}: pattern`).toBe(checks.patterns[0]);
    else if (checks.maxLength) expect(field.pattern?.[0], `${at}: length`).toContain(`{1,${checks.maxLength}}`);
    else expect(field.pattern, at).toBeUndefined();
  } else if (schemaKind(inner) === 'boolean') {
    expect(field.widget, at).toBe('boolean');
  } else {
    throw new Error(`${at}: the test does not know a zod ${inner.constructor.name} field`);
  }
}

describe('the generated CMS form', () => {
  it('has every schema field, with the same constraints, and no field the schema does not know', () => {
    for (const form of forms) {
      expectSameConstraints(form.schema, form.fields, form.kind, false, form.kind === 'site' ? MAINTAINER_FIELDS : []);
      if (form.kind !== 'site') expect(form.fields.at(-1)).toMatchObject({ name: 'body', widget: 'markdown', sanitize_preview: true });
    }
  });

  it('uses the patterns of the schema itself', () => {
    const email = forms
      .find((f) => f.kind === 'groepen')!
      .fields.find((f) => f.name === 'contact')!
      .fields!.find((f) => f.name === 'email')!;
    expect(email.pattern![0]).toBe(EMAIL_PATTERN.source);
    const phone = forms
      .find((f) => f.kind === 'groepen')!
      .fields.find((f) => f.name === 'contact')!
      .fields!.find((f) => f.name === 'phone')!;
    expect(phone.pattern![0]).toBe(PHONE_PATTERN.source);
    const colours = settingsFile.fields.find((f) => f.name === 'colors')!.fields!;
    expect(colours.map((f) => [f.widget, f.pattern![0]])).toEqual([
      ['color', HEX_COLOUR_PATTERN.source],
      ['color', HEX_COLOUR_PATTERN.source],
    ]);
  });

  it('labels every field in Dutch and refuses a schema field without a label', () => {
    const all = (fields: CmsField[]): CmsField[] => fields.flatMap((f) => [f, ...all(f.fields ?? []), ...(f.field ? [f.field] : [])]);
    for (const form of forms) for (const field of all(form.fields)) expect(field.label, field.name).toMatch(/^[A-Z“][^]*$/);
    expect(() => fieldText('agenda.onbekend')).toThrow(MissingTextError);
  });

  it('is in Dutch, with the editorial workflow, media in the buurt’s folder and commit messages that name the buurt', () => {
    expect(config).toMatchObject({ locale: 'nl', publish_mode: 'editorial_workflow', media_folder: 'sites/oost/media' });
    expect(folders.map((c) => [c.name, c.folder, c.media_folder, c.public_folder])).toEqual(
      ['nieuws', 'agenda', 'groepen', 'mensen', 'paginas', 'prikbord'].map((name) => [name, `sites/oost/content/${name}`, '../../media', '../../media']),
    );
    expect(settingsFile).toMatchObject({ file: 'sites/oost/site.yaml', media_folder: 'media', public_folder: 'media' });
    expect(config.backend.commit_messages).toMatchObject({
      create: '{{collection}} “{{slug}}” toegevoegd (oost)',
      update: '{{collection}} “{{slug}}” gewijzigd (oost)',
      delete: '{{collection}} “{{slug}}” verwijderd (oost)',
      uploadMedia: 'Foto “{{path}}” toegevoegd (oost)',
    });
    const menu = settingsFile.fields.find((f) => f.name === 'menu')!;
    expect(menu.field!.options!.map((o) => o.value)).toEqual(['nieuws', 'agenda', 'groepen', 'wie-helpt', 'prikbord', 'meedoen', 'contact', 'over-de-buurt']);
  });
});

describe('the editors’ line of the newsletter in the CMS', () => {
  it('is a file of its own for a buurt with the newsletter on, with a Dutch hint and no photos', () => {
    expect(config.collections.map((c) => c.name)).toEqual(['nieuws', 'agenda', 'groepen', 'mensen', 'paginas', 'prikbord', 'nieuwsbrief', 'instellingen']);
    const collection = config.collections.find((c) => c.name === 'nieuwsbrief') as CmsFileCollection;
    expect(collection).toMatchObject({ label: 'Nieuwsbrief', delete: false, editor: { preview: false } });
    expect(noteFile).toMatchObject({ name: 'groet', label: 'Groet van de redactie', file: 'sites/oost/content/nieuwsbrief.md', format: 'frontmatter' });
    expect(noteFile.fields.map((f) => [f.name, f.widget, f.label])).toEqual([
      ['until', 'datetime', 'Tot en met'],
      ['draft', 'boolean', 'Nog niet versturen'],
      ['body', 'markdown', 'Groet'],
    ]);
    const body = noteFile.fields.at(-1)!;
    expect(body).toMatchObject({
      required: false,
      hint: 'Een korte groet van de redactie bovenaan de volgende nieuwsbrief; laat leeg als je niets wilt zeggen',
      editor_components: [],
    });
    expect(body.buttons).not.toContain('heading-two');
  });

  it('is not offered to a buurt without the newsletter, or with it turned off', () => {
    for (const newsletter of [undefined, { enabled: false, day: 'maandag' }]) {
      const other = createCmsConfig({
        slug: 'west',
        site: siteSchema.parse({ ...baseSiteYaml, ...(newsletter ? { newsletter } : {}) }),
        backend: localBackend('main'),
      });
      expect(other.collections.map((c) => c.name)).not.toContain('nieuwsbrief');
    }
  });
});

describe('production backends from site.yaml', () => {
  it('logs in to GitHub through an OAuth provider, to GitLab, Forgejo and Gitea with PKCE', () => {
    const parse = (cms: unknown) => siteSchema.parse({ ...baseSiteYaml, cms }).cms;
    expect(productionBackend(parse({ backend: 'github', repo: 'buurten/oost', base_url: 'https://oauth.oostbuurt.nl' }))).toEqual({
      name: 'github',
      repo: 'buurten/oost',
      branch: 'main',
      base_url: 'https://oauth.oostbuurt.nl',
    });
    expect(
      productionBackend(
        parse({ backend: 'gitlab', repo: 'buurten/oost', app_id: 'abc', base_url: 'https://gitlab.example.nl', api_root: 'https://gitlab.example.nl/api/v4' }),
      ),
    ).toEqual({
      name: 'gitlab',
      repo: 'buurten/oost',
      branch: 'main',
      auth_type: 'pkce',
      app_id: 'abc',
      base_url: 'https://gitlab.example.nl',
      api_root: 'https://gitlab.example.nl/api/v4',
    });
    expect(productionBackend(parse({ backend: 'forgejo', repo: 'buurten/oost', app_id: 'abc', api_root: 'https://codeberg.org/api/v1' }))).toEqual({
      name: 'forgejo',
      repo: 'buurten/oost',
      branch: 'main',
      app_id: 'abc',
      api_root: 'https://codeberg.org/api/v1',
    });
    const gitea = productionBackend(
      parse({ backend: 'gitea', repo: 'buurten/oost', app_id: 'abc', api_root: 'https://git.example.nl/api/v1', branch: 'live' }),
    );
    expect(gitea).toMatchObject({ name: 'gitea', base_url: 'https://git.example.nl', branch: 'live' });
    // Decap's Gitea backend has no editorial workflow.
    expect(createCmsConfig({ slug: 'oost', site, backend: gitea }).publish_mode).toBeUndefined();
    expect(createCmsConfig({ slug: 'oost', site, backend: productionBackend(site.cms) }).publish_mode).toBe('editorial_workflow');
  });

  it('says what is missing from the cms settings', () => {
    const messages = (cms: unknown) => siteSchema.safeParse({ ...baseSiteYaml, cms }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages({ backend: 'github', repo: 'buurten/oost' })).toMatchInlineSnapshot(`
      [
        "cms.base_url: is missing; GitHub logins need an OAuth provider, e.g. https://oauth.voorbeeldwijk.nl",
      ]
    `);
    expect(messages({ backend: 'bitbucket', repo: 'x' })).toMatchInlineSnapshot(`
      [
        "cms.backend: "bitbucket" is not a CMS backend; choose one of github, gitlab, forgejo, gitea",
        "cms.repo: "x" is not a repository; write it as owner/name",
      ]
    `);
    expect(messages({ backend: 'forgejo', repo: 'a/b', app_id: 'x', secret: 'nee' })?.[0]).toContain('secret');
  });
});

/** A value Decap's form could hold for `field`, filled in. */
function filled(field: CmsField, publicFolder: string): unknown {
  switch (field.widget) {
    case 'string':
    case 'text': {
      const pattern = field.pattern?.[0];
      if (pattern === EMAIL_PATTERN.source) return 'info@oostbuurt.nl';
      if (pattern === PHONE_PATTERN.source) return '020 123 45 67';
      if (pattern === HTTPS_PATTERN) return 'https://oostbuurt.nl/meer';
      if (pattern === REGISTRATION_PATTERN) return 'aanmelden@oostbuurt.nl';
      if (pattern && !pattern.includes('{1,')) throw new Error(`no sample for the pattern of ${field.name}: ${pattern}`);
      return field.widget === 'text' ? 'Een langere tekst,\nover twee regels.' : `${field.label}: tekst`;
    }
    case 'datetime':
      return field.format === DATE_WIDGET.format ? '2026-03-14' : '2026-03-14T20:00';
    case 'boolean':
      return true;
    case 'color':
      return '#336699';
    case 'select':
      // The last choice: for a repetition that is "monthly", the one a week of the month belongs to.
      return field.options!.at(-1)!.value;
    case 'relation':
      return 'moestuin';
    case 'image':
      return `${publicFolder}/foto.jpg`;
    case 'list':
      if (field.field?.widget === 'select')
        return field.field
          .options!.slice(0, 3)
          .map((o) => o.value)
          .filter((v) => v !== 'contact');
      return field.field ? [filled(field.field, publicFolder)] : ['tuin', 'samen doen'];
    case 'object':
      return Object.fromEntries(field.fields!.map((f) => [f.name, filled(f, publicFolder)]));
    case 'markdown':
      return 'Een **tekst** met een [link](https://oostbuurt.nl).';
    case 'hidden':
      return undefined;
    default:
      throw new Error(`no sample for the widget ${field.widget}`);
  }
}

/** What Decap keeps for a field an editor cleared (or a choice never made). */
function cleared(field: CmsField): unknown {
  switch (field.widget) {
    case 'select':
    case 'relation':
      return null;
    case 'boolean':
      return false;
    case 'list':
      return field.field ? [] : [''];
    case 'object':
      return Object.fromEntries(field.fields!.map((f) => [f.name, cleared(f)]));
    case 'hidden':
      return undefined;
    default:
      return '';
  }
}

type Variant = 'full' | 'required only' | 'optional cleared';

/** An entry the form allows: every field filled, only the required ones, or the optional ones cleared. */
function entryFrom(fields: CmsField[], variant: Variant, publicFolder: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const required = field.required !== false;
    if (variant === 'full' || required) data[field.name] = filled(field, publicFolder);
    else if (variant === 'optional cleared') data[field.name] = cleared(field);
    else if (field.default !== undefined) data[field.name] = field.default;
  }
  return data;
}

describe('every entry the CMS can save', () => {
  let workspace: Workspace;
  const written: string[] = [];

  beforeAll(async () => {
    workspace = await createWorkspace();
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#aa8844' } })
      .jpeg()
      .toBuffer();
    const original = stringify({ ...site, cms: { backend: 'gitlab', repo: 'buurten/oost', app_id: 'abc123' } });
    await workspace.writeBuurt('oost', {
      'media/foto.jpg': photo,
      'site.yaml': original,
      'content/groepen/moestuin.md': markdown({ name: 'Buurtmoestuin', summary: 'Samen groente kweken.' }),
      'content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: 'Wie we zijn.' }),
    });
  });

  afterAll(async () => {
    await workspace?.dispose();
  });

  it('passes buurt check, written as Decap writes it after the save check cleaned it', async () => {
    const variants: Variant[] = ['full', 'required only', 'optional cleared'];
    for (const collection of folders) {
      for (const [i, variant] of variants.entries()) {
        const raw = entryFrom(collection.fields, variant, collection.public_folder);
        const data = cleanEntryData(raw);
        // A consistent entry passes the save check that runs before Decap writes (admin.ts, preSave).
        expect(invalidFieldPaths(collection.name, data), `${collection.name} (${variant})`).toEqual([]);
        const name = i === 0 ? 'moestuin' : `${collection.name}-${i}`;
        if (collection.name === 'groepen' && i === 0) continue; // keep the fixture group the relation points at
        const file = `content/${collection.name}/${name}.md`;
        await workspace.writeBuurt('oost', { [file]: decapMarkdown(data) });
        written.push(file);
      }
    }
    // site.yaml: the form's fields over the loaded file, as Decap merges them.
    const loaded = decapParseYaml(stringify({ ...site, cms: { backend: 'gitlab', repo: 'buurten/oost', app_id: 'abc123' } }));
    const form = cleanEntryData(entryFrom(settingsFile.fields, 'optional cleared', settingsFile.public_folder));
    expect(invalidFieldPaths('site', decapMerge(loaded, form))).toEqual([]);
    const full = cleanEntryData(decapMerge(loaded, entryFrom(settingsFile.fields, 'full', settingsFile.public_folder)));
    expect(invalidFieldPaths('site', full)).toEqual([]);
    await workspace.writeBuurt('oost', { 'site.yaml': decapYaml(full) });

    // Without content/nieuwsbrief.md the CMS cannot open the editors' line: the check says so.
    const missing = await checkNewsletter({ slug: 'oost', config: site } as LoadedSite);
    expect(missing.map((p) => [p.code, p.severity])).toEqual([['newsletter-note-missing', 'warning']]);
    for (const variant of variants) {
      const note = cleanEntryData(entryFrom(noteFile.fields, variant, 'media'));
      expect(invalidFieldPaths('nieuwsbrief', note), `nieuwsbrief (${variant})`).toEqual([]);
      await workspace.writeBuurt('oost', { 'content/nieuwsbrief.md': decapMarkdown(note) });
      expect(await checkNewsletter({ slug: 'oost', config: site } as LoadedSite), `nieuwsbrief (${variant})`).toEqual([]);
    }

    const { problems, site: loadedSite } = await checkSite('oost');
    // The settings form above replaced the prikbord's categories, and the sample posts are dated in the past:
    // the prikbord's own check says so, which is right (tests/prikbord.test.ts and posts.test.ts cover it).
    const prikbordOwn = new Set(['unknown-prikbord-category', 'prikbord-expired']);
    expect(problems.filter((p) => !prikbordOwn.has(p.code)).map(formatProblem)).toEqual([]);
    expect(loadedSite.entries.agenda).toHaveLength(3);
    expect(loadedSite.config).toMatchObject({
      domain: 'https://oostbuurt.nl',
      editors: site.editors,
      cms: { backend: 'gitlab', app_id: 'abc123' },
      logo: { src: 'media/foto.jpg' },
    });
  });

  it('keeps the maintainers’ fields of site.yaml unchanged when the settings are saved', () => {
    const loaded = decapParseYaml(stringify(site));
    const saved = decapParseYaml(decapYaml(cleanEntryData(decapMerge(loaded, { ...entryFrom(settingsFile.fields, 'full', 'media'), tagline: 'Nieuw' }))));
    for (const key of MAINTAINER_FIELDS) expect(saved[key], key).toEqual(loaded[key]);
    expect(saved.tagline).toBe('Nieuw');
  });

  it('refuses, in Dutch, what the form alone cannot catch', () => {
    const activity = {
      title: 'Borrel',
      start: '2026-03-14T20:00',
      end: '2026-03-14T19:00',
      location: { name: 'Buurthuis' },
      summary: 'Proost.',
      recurrence: { frequency: 'weekly', weekOfMonth: 1 },
    };
    expect(invalidFieldLabels('agenda', activity)).toEqual(['Eindigt op', 'Welke week van de maand']);
    expect(
      invalidFieldLabels('nieuws', cleanEntryData({ title: 'x', date: '2026-03-14', summary: 'y', image: { src: '../../media/foto.jpg', alt: '' } })),
    ).toEqual(['Beschrijving van de foto']);
    expect(invalidFieldLabels('nieuws', { title: 'x', date: '2026-03-14', summary: 'y', body: 'Tekst' })).toEqual([]);
  });

  it('drops what an editor left empty, and keeps the text as written', () => {
    expect(
      cleanEntryData({ title: ' ', tags: [''], image: { src: '', alt: '' }, recurrence: { frequency: null, except: [] }, draft: false, body: '' }),
    ).toEqual({ draft: false, body: '' });
  });
});

/** The config as Decap reads it, for readers of this test: one collection of each kind. */
export type { CmsConfig };
