/**
 * What happens to an entry between Decap's form and the file: `cleanEntryData` drops what an editor left
 * empty (Decap writes "" for a cleared text, null for a cleared choice, [""] for a cleared list and keeps
 * empty groups of fields), and `invalidFields` runs the content model's own schema over the result, so the CMS
 * never saves a file that `buurt check` would refuse. Both run in the browser (the admin script's preSave
 * hook) and in the tests.
 */
import type { CollectionName } from '../core/paths.ts';
import { collectionSchemas, newsletterNoteSchema, siteSchema } from '../model/schemas.ts';
import { fieldText } from './lookup.ts';

/** True for values that mean "not filled in". */
function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** A copy of `data` without blank fields, blank list items and groups left empty; the body is kept as is. */
export function cleanEntryData<T>(data: T): T {
  return cleanValue(data, true) as T;
}

function cleanValue(value: unknown, top = false): unknown {
  if (Array.isArray(value)) return value.map((item) => cleanValue(item)).filter((item) => !isBlank(item));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (top && key === 'body') {
        result[key] = item;
        continue;
      }
      const cleaned = cleanValue(item);
      if (!isBlank(cleaned)) result[key] = cleaned;
    }
    return result;
  }
  return value;
}

/** The kinds of entries: a content collection, the buurt's site.yaml, or the newsletter's editors' line. */
export type EntryKind = CollectionName | 'site' | 'nieuwsbrief';

/**
 * The fields of `data` (front matter, without body) that the content model refuses, as paths ("location.name",
 * "image.alt"); empty when the entry is valid.
 */
export function invalidFieldPaths(kind: EntryKind, data: Record<string, unknown>): string[] {
  const schema = kind === 'site' ? siteSchema : kind === 'nieuwsbrief' ? newsletterNoteSchema : collectionSchemas[kind];
  const { body: _body, ...frontMatter } = data;
  const result = schema.safeParse(frontMatter);
  if (result.success) return [];
  const paths: string[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of keys) {
      const named = path.filter((step) => typeof step === 'string').join('.');
      if (!paths.includes(named)) paths.push(named);
    }
  }
  return paths;
}

/** Dutch labels of the refused fields, for the message the editor sees. */
export function invalidFieldLabels(kind: EntryKind, data: Record<string, unknown>): string[] {
  return invalidFieldPaths(kind, data).map((path) => {
    try {
      return fieldText(`${kind}.${path}`).label;
    } catch {
      return path;
    }
  });
}
