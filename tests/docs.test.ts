/**
 * The documentation stays true: the field reference matches the schemas, the docs index lists every page, and the
 * custom markdown lint rules (run by `npm run lint:md`) catch what they exist for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import { FIELDS_FILE, docComments, renderFieldReference } from '../scripts/docs/fields.ts';
import rules from '../scripts/lint/markdown-rules.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCS = path.join(ROOT, 'docs');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

describe('docs/reference/fields.md', () => {
  it('is what npm run docs:fields makes from the schemas now', () => {
    expect(readFileSync(FIELDS_FILE, 'utf8'), 'out of date: run npm run docs:fields').toBe(renderFieldReference());
  });

  it('lists every field of every content file, with its doc comment', () => {
    const reference = readFileSync(FIELDS_FILE, 'utf8');
    for (const field of ['`recurrence.weekOfMonth`', '`cms.app_id`', '`editors[].username`', '`menuTitle`']) {
      expect(reference).toContain(`| ${field} |`);
    }
    expect(reference).toContain('| `publishAt` | [dateOrDateTime](#dateordatetime) | no | Optional later moment');
  });

  it('takes descriptions from the doc comments of the schemas and of their keys', () => {
    const docs = docComments(`
      /** A thing. */
      export const thingSchema = z.strictObject({
        /** Its name. */
        name: z.string(),
        inner: z.strictObject({
          /** Deep down. */
          leaf: z.string(),
        }),
      });`);
    expect(Object.fromEntries(docs.get('thingSchema')!)).toEqual({
      '': 'A thing.',
      name: 'Its name.',
      'inner.leaf': 'Deep down.',
    });
  });
});

describe('docs/README.md', () => {
  it('links every page under docs/', () => {
    const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    const linked = new Set([...index.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => path.resolve(DOCS, decodeURIComponent(m[1]!))));
    const missing = markdownFiles(DOCS)
      .filter((file) => file !== path.join(DOCS, 'README.md') && !linked.has(file))
      .map((file) => path.relative(ROOT, file));
    expect(missing, 'pages missing from docs/README.md').toEqual([]);
  });
});

describe('the custom markdown lint rules', () => {
  const problems = async (markdown: string) => {
    const result = await lint({
      strings: { 'docs/example.md': markdown },
      config: { default: false, BS001: true, BS002: true, BS003: true },
      customRules: rules,
    });
    return result['docs/example.md']!.map((error) => `${error.lineNumber} ${error.ruleNames[0]} ${error.errorDetail}`);
  };

  it('fails on a code fence that is never closed', async () => {
    expect(await problems('# T\n\n```sh\nnpm test\n\n## Not a heading\n')).toEqual(['3 BS001 this code fence is never closed']);
    expect(await problems('# T\n\n```sh\nnpm test\n```\n')).toEqual([]);
  });

  it('fails on rows of pipes without a header rule', async () => {
    expect(await problems('# T\n\n| file | what |\n| `a.ts` | a |\n')).toEqual(['3 BS002 rows of pipes that do not form a table']);
    expect(await problems('# T\n\n| file | what |\n| --- | --- |\n| `a.ts` | a |\n')).toEqual([]);
  });

  it('fails on relative links to files or headings that do not exist', async () => {
    const markdown = [
      '# T',
      '',
      '[ok](../README.md), [ok too](reference/fields.md#value-types), [web](https://example.org/x.md)',
      '[gone](maintainers/nothing-here.md)',
      '[bad anchor](reference/fields.md#no-such-heading)',
      '[site path](/agenda/)',
      '',
    ].join('\n');
    expect(await problems(markdown)).toEqual([
      '4 BS003 no such file: maintainers/nothing-here.md',
      '5 BS003 no heading #no-such-heading in reference/fields.md',
      '6 BS003 no such file: /agenda/',
    ]);
  });
});
