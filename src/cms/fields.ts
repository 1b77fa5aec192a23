/**
 * Decap CMS form fields generated from the content model's zod schemas (`schemas.ts`), so the editors' form
 * and `buurt check` can never disagree about what is valid.
 *
 * Rules, in order:
 * 1. a few fields are chosen by path (`FIELD_RULES`): the organising group is a choice among the buurt's
 *    groups, the menu a list of sections and pages, colours a colour picker, a news date a date without time;
 * 2. the shared building blocks of the schemas are recognised by identity: images, dates and times, e-mail
 *    addresses, phone numbers and web addresses get the right widget and a pattern;
 * 3. everything else follows the zod type: strings, booleans, choices, lists and groups of fields.
 *
 * Required fields are required in the form, unless they sit inside an optional group (an image, a
 * repetition): Decap enforces required sub-fields even when the group is left empty, so there the
 * requirement is checked when saving instead (see `entry.ts`, which runs the schema itself), and their hint
 * starts by saying they become required once the group is filled in (`conditionalTexts`).
 */
import type { z } from 'astro/zod';
import {
  activityTimeSchema,
  dateOrDateTimeSchema,
  dateSchema,
  dateTimeSchema,
  emailSchema,
  EMAIL_PATTERN,
  HEX_COLOUR_PATTERN,
  httpsUrlSchema,
  imageSchema,
  phoneSchema,
  PHONE_PATTERN,
  registrationLinkSchema,
  slugSchema,
  SLUG_PATTERN,
  topicSchema,
} from '../model/schemas.ts';
import { fieldText, optionLabel } from './lookup.ts';
import { conditionalTexts, patternTexts } from './texts.ts';
import { allowedValues, arrayElement, arrayMinItems, objectShape, schemaKind, stringChecks, unwrapField } from './zod-introspect.ts';

/** One field of a Decap CMS form (the subset of Decap's field options we use). */
export interface CmsField {
  name: string;
  label: string;
  hint?: string;
  widget: string;
  required?: boolean;
  default?: unknown;
  pattern?: [string, string];
  options?: { label: string; value: string | number }[];
  fields?: CmsField[];
  field?: CmsField;
  min?: number;
  collapsed?: boolean;
  label_singular?: string;
  summary?: string;
  allow_add?: boolean;
  // datetime
  format?: string;
  date_format?: string | boolean;
  time_format?: string | boolean;
  picker_utc?: boolean;
  // image
  choose_url?: boolean;
  // relation
  collection?: string;
  search_fields?: string[];
  value_field?: string;
  display_fields?: string[];
  options_length?: number;
  // markdown
  sanitize_preview?: boolean;
  buttons?: string[];
  editor_components?: string[];
  modes?: string[];
}

/** What the generator knows beyond the schema: the buurt's free pages, for the menu. */
export interface FieldContext {
  /** Names of the buurt's free pages ("over-de-buurt"), offered in the menu. */
  pages: readonly string[];
  /** Menu sections ("nieuws", "agenda", …). */
  sections: readonly string[];
  /** The buurt's prikbord categories ("klussen", "spullen", …), offered as a choice. */
  categories?: readonly string[];
}

/** How dates and times are stored: Amsterdam wall-clock strings, the format `dates.ts` reads. */
export const DATE_TIME_WIDGET = { format: 'YYYY-MM-DDTHH:mm', date_format: 'YYYY-MM-DD', time_format: 'HH:mm', picker_utc: false } as const;
export const DATE_WIDGET = { format: 'YYYY-MM-DD', date_format: 'YYYY-MM-DD', time_format: false, picker_utc: false } as const;

/** A topic, as far as a pattern without the unicode flag (Decap builds `RegExp(pattern)`) can say. */
const TOPIC_ITEM = "[a-z0-9à-öø-ÿ][a-z0-9à-öø-ÿ '-]*";
/** A comma-separated list of topics, as Decap's list widget validates it (joined with commas). */
export const TOPICS_PATTERN = `^\\s*${TOPIC_ITEM}(\\s*,\\s*${TOPIC_ITEM})*[\\s,]*$`;
export const HTTPS_PATTERN = '^https:\\/\\/[^\\s\\/$.?#][^\\s]*$';
export const REGISTRATION_PATTERN = `^(https:\\/\\/\\S+|(mailto:)?${EMAIL_PATTERN.source.slice(1, -1)})$`;

/** Fields chosen by path ("collection.field"). */
type FieldRule = (base: Omit<CmsField, 'widget'>, context: FieldContext) => CmsField;

const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'nieuws.date': (base) => ({ ...base, widget: 'datetime', ...DATE_WIDGET }),
  // The mark of a resident's submission: kept as the function wrote it, never added by an editor's form (a
  // visible group with a switch would write `verified: false` into every editor's entry).
  'nieuws.submission': (base) => ({ name: base.name, label: base.label, widget: 'hidden', required: false }),
  'agenda.submission': (base) => ({ name: base.name, label: base.label, widget: 'hidden', required: false }),
  'prikbord.submission': (base) => ({ name: base.name, label: base.label, widget: 'hidden', required: false }),
  'prikbord.category': (base, context) => ({
    ...base,
    widget: 'select',
    options: (context.categories ?? []).map((value) => ({ value, label: value.charAt(0).toUpperCase() + value.slice(1) })),
  }),
  'agenda.group': (base) => ({
    ...base,
    widget: 'relation',
    collection: 'groepen',
    search_fields: ['name'],
    value_field: '{{slug}}',
    display_fields: ['name'],
    options_length: 100,
  }),
  'site.menu': (base, context) => ({
    ...base,
    widget: 'list',
    min: 1,
    collapsed: false,
    label_singular: fieldText('site.menu.item').label.toLowerCase(),
    field: {
      ...fieldText('site.menu.item'),
      name: 'item',
      widget: 'select',
      options: [...context.sections, ...context.pages].map((value) => ({ value, label: optionLabel('site.menu', value) ?? pageLabel(value) })),
    },
  }),
  'nieuwsbrief.until': (base) => ({ ...base, widget: 'datetime', ...DATE_WIDGET }),
  'site.colors.primary': (base) => ({ ...base, widget: 'color', pattern: [HEX_COLOUR_PATTERN.source, patternTexts.colour] }),
  'site.colors.accent': (base) => ({ ...base, widget: 'color', pattern: [HEX_COLOUR_PATTERN.source, patternTexts.colour] }),
};

/**
 * Fields of site.yaml that are not in the form: the address, who may edit, where the CMS saves, residents' forms
 * and the newsletter belong to the maintainers. Decap keeps fields that are not in the form unchanged when it saves (decap-cms-core
 * `serializeValues` merges the loaded values under the form's), which tests/cms-config.test.ts proves.
 */
export const MAINTAINER_FIELDS = ['domain', 'editors', 'cms', 'participation', 'newsletter'] as const;
const EXCLUDED = new Set(MAINTAINER_FIELDS.map((name) => `site.${name}`));

function pageLabel(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return `Pagina: ${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The form fields of an object schema; `prefix` is the collection ("agenda") or "site". */
export function fieldsFromSchema(schema: z.ZodType, prefix: string, context: FieldContext): CmsField[] {
  return fieldsOf(schema, prefix, [], context, true);
}

/**
 * `group` is the label of the optional group the fields sit in: fields the schema requires there get a hint
 * that says they become required once the group is filled in.
 */
function fieldsOf(schema: z.ZodType, prefix: string, path: string[], context: FieldContext, enforceRequired: boolean, group?: string): CmsField[] {
  const fields: CmsField[] = [];
  for (const [name, fieldSchema] of Object.entries(objectShape(schema))) {
    const field = fieldFor(name, fieldSchema, prefix, [...path, name], context, enforceRequired);
    if (field && group && !unwrapField(fieldSchema).optional && isConditional(field)) fields.push(requiredWithGroup(field, group));
    else if (field) fields.push(field);
  }
  return fields;
}

/** Whether a schema-required field in an optional group can be left empty (a switch, a list without minimum). */
function isConditional(field: CmsField): boolean {
  return field.widget !== 'boolean' && !(field.widget === 'list' && !field.min);
}

/** `field` with a hint that it becomes required when its optional group is filled in. */
function requiredWithGroup(field: CmsField, group: string): CmsField {
  const hint = conditionalTexts.hint(group);
  return { ...field, hint: field.hint ? `${hint} ${field.hint}` : hint };
}

function fieldFor(name: string, fieldSchema: z.ZodType, prefix: string, path: string[], context: FieldContext, enforceRequired: boolean): CmsField | undefined {
  const { schema, optional, hasDefault, defaultValue } = unwrapField(fieldSchema);
  const key = `${prefix}.${path.join('.')}`;
  if (EXCLUDED.has(key)) return undefined;
  const base: Omit<CmsField, 'widget'> = {
    name,
    ...fieldText(key),
    required: enforceRequired && !optional,
    ...(hasDefault && !isEmptyDefault(defaultValue) ? { default: defaultValue } : {}),
  };
  if (hasDefault && typeof defaultValue === 'boolean') base.default = defaultValue;
  const rule = FIELD_RULES[key];
  if (rule) return rule(base, context);
  return widgetFor(schema, base, prefix, path, context, enforceRequired && !optional);
}

/** `[]` and `{}` defaults are what an empty field means anyway; Decap would write them into new entries. */
function isEmptyDefault(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

function widgetFor(schema: z.ZodType, base: Omit<CmsField, 'widget'>, prefix: string, path: string[], context: FieldContext, required: boolean): CmsField {
  if (schema === imageSchema) {
    const fields: CmsField[] = [
      { name: 'src', ...fieldText(`${prefix}.${path.join('.')}.src`), widget: 'image', required, choose_url: false },
      { name: 'alt', ...fieldText(`${prefix}.${path.join('.')}.alt`), widget: 'string', required, pattern: lengthPattern(250) },
    ];
    return { ...base, widget: 'object', collapsed: false, fields: required ? fields : fields.map((field) => requiredWithGroup(field, base.label)) };
  }
  if (schema === dateSchema) return { ...base, widget: 'datetime', ...DATE_WIDGET };
  if (schema === dateTimeSchema || schema === dateOrDateTimeSchema || schema === activityTimeSchema)
    return { ...base, widget: 'datetime', ...DATE_TIME_WIDGET };
  if (schema === emailSchema) return { ...base, widget: 'string', pattern: [EMAIL_PATTERN.source, patternTexts.email] };
  if (schema === phoneSchema) return { ...base, widget: 'string', pattern: [PHONE_PATTERN.source, patternTexts.phone] };
  if (schema === httpsUrlSchema) return { ...base, widget: 'string', pattern: [HTTPS_PATTERN, patternTexts.https] };
  if (schema === registrationLinkSchema) return { ...base, widget: 'string', pattern: [REGISTRATION_PATTERN, patternTexts.registration] };
  if (schema === slugSchema) return { ...base, widget: 'string', pattern: [SLUG_PATTERN.source, patternTexts.slug] };

  const kind = schemaKind(schema);
  const values = allowedValues(schema);
  if (values) {
    return {
      ...base,
      widget: 'select',
      options: values.map((value) => ({ value, label: optionLabel(`${prefix}.${path.join('.')}`, String(value)) ?? String(value) })),
    };
  }
  switch (kind) {
    case 'string': {
      const checks = stringChecks(schema);
      const long = (checks.maxLength ?? 0) > 150;
      return { ...base, widget: long ? 'text' : 'string', ...(checks.maxLength ? { pattern: lengthPattern(checks.maxLength) } : {}) };
    }
    case 'boolean':
      return { ...base, widget: 'boolean', default: base.default ?? false, required: false };
    case 'array': {
      const element = unwrapField(arrayElement(schema)).schema;
      const min = arrayMinItems(schema);
      if (element === topicSchema) {
        return { ...base, widget: 'list', ...(min ? { min } : {}), pattern: [TOPICS_PATTERN, patternTexts.topics], required: Boolean(min) && base.required };
      }
      const item = widgetFor(element, { name: 'item', ...fieldText(`${prefix}.${path.join('.')}.item`) }, prefix, path, context, true);
      return {
        ...base,
        widget: 'list',
        ...(min ? { min } : {}),
        collapsed: false,
        label_singular: item.label.toLowerCase(),
        field: item,
        required: Boolean(min) && base.required,
      };
    }
    case 'object':
      return { ...base, widget: 'object', collapsed: !required, fields: fieldsOf(schema, prefix, path, context, required, required ? undefined : base.label) };
    default:
      throw new TypeError(`${prefix}.${path.join('.')}: no CMS widget for a zod ${schema.constructor.name} field; add a rule in src/cms/fields.ts`);
  }
}

/** A pattern for a text of at most `max` characters that is not only spaces. */
export function lengthPattern(max: number): [string, string] {
  return [`^(?=[\\s\\S]*\\S)[\\s\\S]{1,${max}}$`, patternTexts.maxLength(max)];
}

/** The markdown text of a file: the one CMS field that is not in the front matter schema. */
export function bodyField(): CmsField {
  return {
    name: 'body',
    ...fieldText('body'),
    widget: 'markdown',
    required: false,
    sanitize_preview: true,
    modes: ['rich_text', 'raw'],
    buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'quote', 'bulleted-list', 'numbered-list'],
    editor_components: ['image'],
  };
}

/**
 * The text of the newsletter's editors' line: short, no headings and no images (an issue leaves images out,
 * see src/newsletter/issue.ts).
 */
export function newsletterNoteBodyField(): CmsField {
  return {
    ...bodyField(),
    ...fieldText('nieuwsbrief.body'),
    buttons: ['bold', 'italic', 'link', 'bulleted-list'],
    editor_components: [],
  };
}
