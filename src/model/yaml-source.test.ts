import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { allowedKeysAt } from './yaml-source.ts';

describe('allowedKeysAt', () => {
  const schema = z
    .strictObject({
      title: z.string(),
      location: z.strictObject({ name: z.string(), address: z.string() }).optional(),
      people: z.array(z.strictObject({ name: z.string(), role: z.string().nullable() })).default([]),
      social: z
        .strictObject({ mastodon: z.string() })
        .default({ mastodon: '' })
        .transform((social) => social),
    })
    .superRefine(() => undefined);

  it('finds the keys of nested objects through optional, default, list and transform wrappers', () => {
    expect(allowedKeysAt(schema, [])).toEqual(['title', 'location', 'people', 'social']);
    expect(allowedKeysAt(schema, ['location'])).toEqual(['name', 'address']);
    expect(allowedKeysAt(schema, ['people', 0])).toEqual(['name', 'role']);
    expect(allowedKeysAt(schema, ['social'])).toEqual(['mastodon']);
  });

  it('has no keys for a text field or a path the schema does not have', () => {
    expect(allowedKeysAt(schema, ['title'])).toEqual([]);
    expect(allowedKeysAt(schema, ['missing', 'deeper'])).toEqual([]);
    expect(allowedKeysAt(schema, ['people', 'name'])).toEqual([]);
  });
});
