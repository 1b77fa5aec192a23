import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { allowedValues, arrayElement, arrayMinItems, objectShape, schemaKind, stringChecks, unwrapField } from './zod-introspect.ts';

describe('unwrapField', () => {
  it('reports optional fields and defaults, and returns the schema inside the wrappers', () => {
    const inner = z.string();
    expect(unwrapField(inner)).toEqual({ schema: inner, optional: false, defaultValue: undefined, hasDefault: false });
    expect(unwrapField(inner.optional())).toMatchObject({ schema: inner, optional: true, hasDefault: false });
    expect(unwrapField(inner.nullable().optional())).toMatchObject({ schema: inner, optional: true });
    expect(unwrapField(z.array(inner).default(['a', 'b']))).toMatchObject({ optional: true, hasDefault: true, defaultValue: ['a', 'b'] });
    expect(unwrapField(z.number().default(8)).defaultValue).toBe(8);
    expect(unwrapField(z.boolean().default(false))).toMatchObject({ optional: true, hasDefault: true, defaultValue: false });
  });

  it('gives a fresh copy of an object default, so a caller cannot change the schema', () => {
    const field = z.strictObject({ x: z.string().optional() }).default({});
    const first = unwrapField(field).defaultValue as Record<string, unknown>;
    first.x = 'changed';
    expect(unwrapField(field).defaultValue).toEqual({});
  });
});

describe('reading a schema', () => {
  it('names the kind and lists fields, elements and allowed values', () => {
    const schema = z.strictObject({ title: z.string(), tags: z.array(z.enum(['a', 'b'])), kind: z.literal('x') });
    expect(Object.keys(objectShape(schema))).toEqual(['title', 'tags', 'kind']);
    expect(schemaKind(schema)).toBe('object');
    expect(schemaKind(schema.shape.tags)).toBe('array');
    expect(allowedValues(arrayElement(schema.shape.tags))).toEqual(['a', 'b']);
    expect(allowedValues(schema.shape.kind)).toEqual(['x']);
    expect(allowedValues(schema.shape.title)).toBeUndefined();
    expect(schemaKind(z.number())).toBe('other');
    expect(() => objectShape(z.string())).toThrow(/expected an object schema/);
  });

  it('reads the length limits and patterns of a string and the minimum of a list', () => {
    expect(
      stringChecks(
        z
          .string()
          .min(2)
          .max(150)
          .regex(/^[a-z]+$/),
      ),
    ).toEqual({ minLength: 2, maxLength: 150, patterns: ['^[a-z]+$'] });
    expect(stringChecks(z.string().regex(/^a/).regex(/b$/)).patterns).toEqual(['^a', 'b$']);
    expect(stringChecks(z.string().refine((v) => v !== 'x'))).toEqual({ patterns: [] });
    expect(arrayMinItems(z.array(z.string()).min(1))).toBe(1);
    expect(arrayMinItems(z.array(z.string()))).toBeUndefined();
  });
});
