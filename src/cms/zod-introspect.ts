/**
 * Reading the content model's zod schemas (zod 4) as data: which fields an object has, whether a field is
 * optional or has a default, and the limits on a string or a list. The CMS config generator and its tests use
 * this, so both read the schemas the same way.
 *
 * Only zod's public API: the schema classes (`instanceof z.ZodObject`), their documented accessors (`.shape`,
 * `.element`, `.unwrap()`, `.options`, `.values`), parsing (a default is what parsing `undefined` gives) and
 * `z.toJSONSchema` for the checks (lengths, patterns, minimum items). Never `def` or `_zod` internals.
 */
import { z } from 'astro/zod';

type AnySchema = z.ZodType;

/** The kind of schema a form field is made for; `other` for the kinds the CMS has no widget for. */
export type SchemaKind = 'object' | 'array' | 'string' | 'boolean' | 'enum' | 'literal' | 'other';

/** What kind of schema this is (after `unwrapField`). */
export function schemaKind(schema: AnySchema): SchemaKind {
  if (schema instanceof z.ZodObject) return 'object';
  if (schema instanceof z.ZodArray) return 'array';
  if (schema instanceof z.ZodString) return 'string';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodEnum) return 'enum';
  if (schema instanceof z.ZodLiteral) return 'literal';
  return 'other';
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
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      optional = true;
      current = current.unwrap() as AnySchema;
    } else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      optional = true;
      hasDefault = true;
      // A default is what the field becomes when it is left out.
      defaultValue = current.parse(undefined);
      current = current.unwrap() as AnySchema;
    } else if (current instanceof z.ZodReadonly || current instanceof z.ZodCatch) {
      current = current.unwrap() as AnySchema;
    } else {
      break;
    }
  }
  return { schema: current, optional, defaultValue, hasDefault };
}

/** The fields of an object schema, in order. */
export function objectShape(schema: AnySchema): Record<string, AnySchema> {
  if (!(schema instanceof z.ZodObject)) throw new TypeError(`expected an object schema, got a ${schema.constructor.name}`);
  return schema.shape as Record<string, AnySchema>;
}

/** The element schema of an array schema. */
export function arrayElement(schema: AnySchema): AnySchema {
  if (!(schema instanceof z.ZodArray)) throw new TypeError(`expected an array schema, got a ${schema.constructor.name}`);
  return schema.element as AnySchema;
}

/** The JSON Schema (input side) of one schema, for its checks; refinements and transforms have no JSON form. */
function jsonSchemaOf(schema: AnySchema): z.core.JSONSchema.BaseSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** Length limits and patterns of a string schema. */
export interface StringChecks {
  minLength?: number;
  maxLength?: number;
  /** The regular expressions' sources, in the order of the checks. */
  patterns: string[];
}

export function stringChecks(schema: AnySchema): StringChecks {
  const json = jsonSchemaOf(schema);
  const parts = [json, ...((json.allOf ?? []) as z.core.JSONSchema.BaseSchema[])];
  const result: StringChecks = { patterns: parts.flatMap((part) => (typeof part.pattern === 'string' ? [part.pattern] : [])) };
  if (typeof json.minLength === 'number') result.minLength = json.minLength;
  if (typeof json.maxLength === 'number') result.maxLength = json.maxLength;
  return result;
}

/** The minimum number of items of an array schema. */
export function arrayMinItems(schema: AnySchema): number | undefined {
  const { minItems } = jsonSchemaOf(schema);
  return typeof minItems === 'number' ? minItems : undefined;
}

/** The allowed values of an enum or literal schema. */
export function allowedValues(schema: AnySchema): (string | number)[] | undefined {
  if (schema instanceof z.ZodEnum) return [...(schema.options as (string | number)[])];
  if (schema instanceof z.ZodLiteral) return [...(schema.values as Set<string | number>)];
  return undefined;
}
