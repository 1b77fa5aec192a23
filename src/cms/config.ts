/**
 * The Decap CMS config of one buurt, generated from the content model (`schemas.ts`) and the buurt's
 * site.yaml: Dutch interface, one folder collection per content type, the buurt's settings as a file, media in
 * the buurt's own media folder, the editorial workflow, and commit messages that name the buurt. A buurt with
 * the newsletter on also gets the editors' line of the next issue (`content/nieuwsbrief.md`) as a file.
 *
 * Paths are relative to the repository root, where Decap reads and writes: `sites/<slug>/content/nieuws/…`.
 */
import { stringify } from 'yaml';
import { collectionNames, type CollectionName } from '../core/paths.ts';
import { collectionSchemas, menuSections, newsletterNoteSchema, siteSchema, type SiteConfig } from '../model/schemas.ts';
import { prikbordCategories } from '../prikbord/posts.ts';
import { supportsEditorialWorkflow, withCommitMessages, type CmsBackendConfig } from './backend.ts';
import { bodyField, fieldsFromSchema, newsletterNoteBodyField, type CmsField, type FieldContext } from './fields.ts';
import { collectionTexts } from './texts.ts';

/** A folder collection of Decap's config. */
export interface CmsFolderCollection {
  name: CollectionName;
  label: string;
  label_singular: string;
  description: string;
  folder: string;
  create: true;
  delete: true;
  extension: 'md';
  format: 'frontmatter';
  slug: '{{slug}}';
  identifier_field: string;
  summary: string;
  sortable_fields: string[];
  media_folder: string;
  public_folder: string;
  preview_path: string;
  fields: CmsField[];
}

/** One file of a file collection. */
export interface CmsFile {
  name: 'site' | 'groet';
  label: string;
  file: string;
  format: 'yaml' | 'frontmatter';
  media_folder: string;
  public_folder: string;
  fields: CmsField[];
}

/**
 * A file collection: `instellingen` holds site.yaml; `nieuwsbrief` (only with the newsletter on) holds the
 * editors' line `content/nieuwsbrief.md`.
 */
export interface CmsFileCollection {
  name: 'instellingen' | 'nieuwsbrief';
  label: string;
  label_singular: string;
  description: string;
  delete: false;
  editor: { preview: false };
  files: CmsFile[];
}

export interface CmsConfig {
  locale: 'nl';
  backend: CmsBackendConfig;
  publish_mode?: 'editorial_workflow';
  media_folder: string;
  public_folder: string;
  site_url: string;
  display_url: string;
  search: boolean;
  slug: { encoding: 'ascii'; clean_accents: true; sanitize_replacement: '-' };
  collections: (CmsFolderCollection | CmsFileCollection)[];
}

export interface CmsConfigOptions {
  slug: string;
  site: SiteConfig;
  backend: CmsBackendConfig;
  /** Names of the buurt's free pages (offered in the menu). */
  pages?: readonly string[];
  /** Where "view on the site" links go; the buurt's domain unless set (the local address in dev). */
  siteUrl?: string;
  /** Folder holding the buurten, relative to the repository root. */
  sitesFolder?: string;
}

/** What each collection is identified and sorted by. */
const COLLECTION_SETTINGS: Record<CollectionName, { identifier: string; summary: string; sortable: string[]; preview: string }> = {
  nieuws: { identifier: 'title', summary: '{{title}} ({{date}})', sortable: ['date', 'title'], preview: 'nieuws/{{slug}}/' },
  agenda: { identifier: 'title', summary: '{{title}} ({{start}})', sortable: ['start', 'title'], preview: 'agenda/{{slug}}/' },
  groepen: { identifier: 'name', summary: '{{name}}', sortable: ['name'], preview: 'groepen/{{slug}}/' },
  mensen: { identifier: 'name', summary: '{{name}} ({{role}})', sortable: ['name'], preview: 'wie-helpt/{{slug}}/' },
  paginas: { identifier: 'title', summary: '{{title}}', sortable: ['title'], preview: '{{slug}}/' },
  prikbord: { identifier: 'title', summary: '{{title}} ({{kind}}, {{date}})', sortable: ['date', 'title'], preview: 'prikbord/{{slug}}/' },
};

/** The Decap config of a buurt. */
export function createCmsConfig(options: CmsConfigOptions): CmsConfig {
  const { slug, site } = options;
  const root = `${options.sitesFolder ?? 'sites'}/${slug}`;
  const context: FieldContext = { pages: [...(options.pages ?? [])].sort(), sections: menuSections, categories: prikbordCategories(site) };
  const folderCollections = collectionNames.map((name): CmsFolderCollection => {
    const texts = collectionTexts[name];
    const settings = COLLECTION_SETTINGS[name];
    return {
      name,
      label: texts.label,
      label_singular: texts.singular,
      description: texts.description,
      folder: `${root}/content/${name}`,
      create: true,
      delete: true,
      extension: 'md',
      format: 'frontmatter',
      slug: '{{slug}}',
      identifier_field: settings.identifier,
      summary: settings.summary,
      sortable_fields: settings.sortable,
      // Relative to the entry's file: sites/<slug>/content/<name>/x.md → sites/<slug>/media/, written into
      // the file as "../../media/x.jpg", the path the build resolves (images.ts, resolveMediaPath).
      media_folder: '../../media',
      public_folder: '../../media',
      preview_path: settings.preview,
      fields: [...fieldsFromSchema(collectionSchemas[name], name, context), bodyField()],
    };
  });
  const settings: CmsFileCollection = {
    name: 'instellingen',
    label: collectionTexts.instellingen.label,
    label_singular: collectionTexts.instellingen.singular,
    description: collectionTexts.instellingen.description,
    delete: false,
    editor: { preview: false },
    files: [
      {
        name: 'site',
        label: collectionTexts.site.label,
        file: `${root}/site.yaml`,
        format: 'yaml',
        // Relative to site.yaml: written as "media/logo.png".
        media_folder: 'media',
        public_folder: 'media',
        fields: fieldsFromSchema(siteSchema, 'site', context),
      },
    ],
  };
  // Decap cannot open a file of a file collection that does not exist: `buurt check` warns when a buurt with the
  // newsletter on has no content/nieuwsbrief.md (problem `newsletter-note-missing`).
  const newsletter: CmsFileCollection[] = site.newsletter?.enabled
    ? [
        {
          name: 'nieuwsbrief',
          label: collectionTexts.nieuwsbrief.label,
          label_singular: collectionTexts.nieuwsbrief.singular,
          description: collectionTexts.nieuwsbrief.description,
          delete: false,
          editor: { preview: false },
          files: [
            {
              name: 'groet',
              label: collectionTexts.groet.label,
              file: `${root}/content/nieuwsbrief.md`,
              format: 'frontmatter',
              // The line has no photos (the issue leaves images out); relative to the file, as for entries.
              media_folder: '../media',
              public_folder: '../media',
              fields: [...fieldsFromSchema(newsletterNoteSchema, 'nieuwsbrief', context), newsletterNoteBodyField()],
            },
          ],
        },
      ]
    : [];
  const backend = withCommitMessages(options.backend, slug);
  return {
    locale: 'nl',
    backend,
    ...(supportsEditorialWorkflow(backend) ? { publish_mode: 'editorial_workflow' as const } : {}),
    media_folder: `${root}/media`,
    public_folder: 'media',
    site_url: options.siteUrl ?? site.domain,
    display_url: options.siteUrl ?? site.domain,
    search: true,
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [...folderCollections, ...newsletter, settings],
  };
}

/** The config as the YAML file Decap loads (/admin/config.yml). */
export function cmsConfigYaml(config: CmsConfig): string {
  return `# Generated from src/model/schemas.ts by src/cms/config.ts: do not edit.\n${stringify(config, { lineWidth: 0 })}`;
}
