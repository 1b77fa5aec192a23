/**
 * Reading the content model's zod schemas (zod 4) as data: which fields an object has, whether a field is
 * optional or has a default, and the checks on a string. The CMS config generator and its tests use this, so
 * both read the schemas the same way.
 */
import type { z } from 'astro/zod';

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  defaultValue?: unknown;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
  in?: AnySchema;
  out?: AnySchema;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}

/** The zod definition of a schema. */
export function defOf(schema: AnySchema): Def {
  return (schema as unknown as { def: Def }).def;
}

/** A field's schema without its optional/default wrappers, and what the wrappers said. */
export interface UnwrappedField {
  schema: AnySchema;
  /** The field may be left out (optional, or filled in by a default). */
  optional: boolean;
  /** The value used when the field is left out. */
  defaultValue?: unknown;
  hasDefault: boolean;
}

/** Strips `.optional()`, `.default()` and similar wrappers from a field schema. */
export function unwrapField(schema: AnySchema): UnwrappedField {
  let current = schema;
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'nullable') {
      optional = true;
      current = def.innerType!;
    } else if (def.type === 'default' || def.type === 'prefault') {
      optional = true;
      hasDefault = true;
      defaultValue = structuredClone(def.defaultValue);
      current = def.innerType!;
    } else if (def.type === 'readonly' || def.type === 'catch') {
      current = def.innerType!;
    } else {
      break;
    }
  }
  return { schema: current, optional, defaultValue, hasDefault };
}

/** The fields of an object schema, in order. */
export function objectShape(schema: AnySchema): Record<string, AnySchema> {
  const def = defOf(schema);
  if (def.type !== 'object' || !def.shape) throw new TypeError(`expected an object schema, got "${def.type}"`);
  return def.shape;
}

/** Length limits and patterns of a string schema. */
export interface StringChecks {
  minLength?: number;
  maxLength?: number;
  patterns: RegExp[];
  /** True when a refinement (a check in code) applies beyond these. */
  refined: boolean;
}

export function stringChecks(schema: AnySchema): StringChecks {
  const result: StringChecks = { patterns: [], refined: false };
  for (const check of defOf(schema).checks ?? []) {
    const def = check._zod.def;
    if (def.check === 'min_length') result.minLength = def.minimum;
    else if (def.check === 'max_length') result.maxLength = def.maximum;
    else if (def.check === 'string_format' && def.pattern) result.patterns.push(def.pattern);
    else if (def.check === 'custom') result.refined = true;
  }
  return result;
}

/** The minimum number of items of an array schema. */
export function arrayMinItems(schema: AnySchema): number | undefined {
  for (const check of defOf(schema).checks ?? []) {
    if (check._zod.def.check === 'min_length') return check._zod.def.minimum;
  }
  return undefined;
}

/** The allowed values of an enum or literal schema. */
export function allowedValues(schema: AnySchema): (string | number)[] | undefined {
  const def = defOf(schema);
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'literal' && def.values) return def.values as (string | number)[];
  return undefined;
}
