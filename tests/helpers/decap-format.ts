/**
 * Files as Decap CMS 3 writes them, with the same libraries it bundles (gray-matter and yaml 1.10, resolved
 * from decap-cms-core's own dependencies): decap-cms-core/src/formats/yaml.ts (`toFile`) and frontmatter.ts
 * (`FrontmatterFormatter.toFile`), and the merge of decap-cms-core/src/lib/serializeEntryValues.js that keeps
 * fields which are not in the form.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoDir } from './fixtures.ts';

const decapRequire = createRequire(path.join(repoDir, 'node_modules/decap-cms-core/package.json'));
const yaml1 = decapRequire('yaml') as {
  createNode(value: unknown): unknown;
  parseDocument(source: string): { toJSON(): unknown; errors: unknown[] };
  Document: new () => { contents: unknown; toString(): string };
};
const matter = decapRequire('gray-matter') as {
  stringify(body: string, data: object, options: object): string;
};

/** decap-cms-core formats/yaml.ts toFile. */
export function decapYaml(data: object): string {
  const doc = new yaml1.Document();
  doc.contents = yaml1.createNode(data);
  return doc.toString();
}

/** decap-cms-core formats/yaml.ts fromFile. */
export function decapParseYaml(source: string): Record<string, unknown> {
  const doc = yaml1.parseDocument(source);
  if (doc.errors.length) throw new Error(`YAML errors: ${String(doc.errors)}`);
  return doc.toJSON() as Record<string, unknown>;
}

/** decap-cms-core formats/frontmatter.ts toFile for YAML front matter. */
export function decapMarkdown(data: Record<string, unknown>): string {
  const { body = '', ...meta } = data as { body?: string };
  const engines = { yaml: { parse: decapParseYaml, stringify: (value: object) => decapYaml(value) } };
  const file = matter.stringify(body, meta, { engines, language: 'yaml', delimiters: '---' });
  return body.slice(-1) !== '\n' && file.slice(-1) === '\n' ? file.slice(0, -1) : file;
}

/** serializeEntryValues.js: the form's values over the loaded ones (a shallow merge). */
export function decapMerge(loaded: Record<string, unknown>, form: Record<string, unknown>): Record<string, unknown> {
  return { ...loaded, ...form };
}
