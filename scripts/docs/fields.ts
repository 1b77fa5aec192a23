/**
 * Writes docs/reference/fields.md, the reference of every field in site.yaml and the content files, from the zod
 * schemas in src/model/schemas.ts (`npm run docs:fields`; tests/docs.test.ts fails when the file is out of date).
 *
 * The structure (fields, types, required, defaults, choices, lengths, patterns) comes from zod's public
 * `z.toJSONSchema`, with every exported schema registered under its name so that shared schemas (an image, a
 * date) stay recognisable as `$ref`s. The descriptions are the doc comments on the schemas and their keys, read
 * with the TypeScript compiler API; a `.meta({ description })` on a schema takes precedence over its comment.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';
import ts from 'typescript';
import * as schemas from '../../src/model/schemas.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMAS_FILE = path.join(ROOT, 'src/model/schemas.ts');
export const FIELDS_FILE = path.join(ROOT, 'docs/reference/fields.md');

/** The files an editor or maintainer writes, in the order the reference lists them. */
const DOCUMENTS: { title: string; schema: string }[] = [
  { title: '`sites/<slug>/site.yaml`', schema: 'siteSchema' },
  ...Object.entries(schemas.collectionSchemas).map(([collection, schema]) => ({
    title: `\`content/${collection}/*.md\``,
    schema: exportName(schema),
  })),
  { title: '`content/nieuwsbrief.md`', schema: 'newsletterNoteSchema' },
];

type JsonSchema = {
  type?: string | string[];
  $ref?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  $defs?: Record<string, JsonSchema>;
};

function exportName(schema: unknown): string {
  const found = Object.entries(schemas).find(([, value]) => value === schema);
  if (!found) throw new Error('a collection schema is not exported from schemas.ts');
  return found[0];
}

/** Doc comments in schemas.ts: per exported schema, its own comment ('') and that of each key ('colors.primary'). */
export function docComments(source = readFileSync(SCHEMAS_FILE, 'utf8')): Map<string, Map<string, string>> {
  const file = ts.createSourceFile(SCHEMAS_FILE, source, ts.ScriptTarget.Latest, true);
  const comment = (node: ts.Node): string | undefined => {
    const ranges = ts.getLeadingCommentRanges(source, node.getFullStart()) ?? [];
    const doc = ranges.map((r) => source.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
    const last = doc.at(-1);
    if (!last) return undefined;
    return last
      .replace(/^\/\*\*|\*\/$/g, '')
      .split('\n')
      .map((line) => line.replace(/^\s*\*?\s?/, '').trim())
      .filter(Boolean)
      .join(' ');
  };
  const result = new Map<string, Map<string, string>>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const docs = new Map<string, string>();
      const own = comment(statement);
      if (own) docs.set('', own);
      const visit = (node: ts.Node, prefix: string): void => {
        if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
          const key = prefix + node.name.getText(file);
          const text = comment(node);
          if (text) docs.set(key, text);
          visit(node.initializer, `${key}.`);
          return;
        }
        ts.forEachChild(node, (child) => visit(child, prefix));
      };
      visit(declaration.initializer, '');
      result.set(declaration.name.text, docs);
    }
  }
  return result;
}

function cell(text: string): string {
  return examples(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Quoted example addresses become code, so a renderer does not turn them into links. */
function examples(text: string): string {
  return text.replace(/"((?:https?:\/\/|[^\s"]+@)[^"]*)"/g, '`$1`');
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** "dateOrDateTimeSchema" → "dateOrDateTime": the name a shared value type is listed under. */
function typeName(id: string): string {
  return id.replace(/Schema$/, '');
}

function isObject(schema: JsonSchema): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}

/** Renders the reference. */
export function renderFieldReference(): string {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<unknown, string>();
  for (const [name, value] of Object.entries(schemas)) {
    if (value instanceof z.ZodType && name.endsWith('Schema')) ids.set(value, name);
  }
  const docs = docComments();
  const usedTypes = new Map<string, JsonSchema>();
  const out: string[] = [
    '# Content fields',
    '',
    '<!-- Generated by `npm run docs:fields` from src/model/schemas.ts. Do not edit: change the schemas or their doc',
    '     comments and run the script again (tests/docs.test.ts fails when this file is out of date). -->',
    '',
    'Every field of `site.yaml` and of the front matter of content files, as the schemas in',
    '[`src/model/schemas.ts`](../../src/model/schemas.ts) define them. Objects are strict: an unknown key is an error.',
    'A field inside an object (`image.alt`) is required when that object is given.',
    '`buurt check` reports every problem with the file, line and field; how the content is written and what pages it',
    "becomes: [a buurt's folder](buurt-folder.md).",
    '',
  ];

  for (const document of DOCUMENTS) {
    const root = (schemas as Record<string, unknown>)[document.schema] as z.ZodType;
    // Register every other exported schema under its name so it appears as a $ref; the document itself inline.
    for (const [schema, id] of ids) {
      if (schema !== root && !registry.has(schema as z.ZodType)) registry.add(schema as z.ZodType, { id });
    }
    if (registry.has(root)) registry.remove(root);
    const json = z.toJSONSchema(root, { metadata: registry, io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const defs = json.$defs ?? {};
    const rootDocs = docs.get(document.schema) ?? new Map<string, string>();

    out.push(`## ${document.title}`, '');
    const about = json.description ?? rootDocs.get('');
    if (about) out.push(...wrap(examples(about)), '');
    out.push('| field | type | required | description |', '| --- | --- | --- | --- |');

    const rows = (schema: JsonSchema, prefix: string, docPrefix: string, ownDocs: Map<string, string>): void => {
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        const field = `${prefix}${key}`;
        const isRequired = (schema.required ?? []).includes(key);
        let target = property;
        let refId: string | undefined;
        let list = false;
        if (target.type === 'array' && target.items) {
          list = true;
          target = target.items;
        }
        if (target.$ref) {
          refId = target.$ref.replace('#/$defs/', '');
          target = defs[refId] ?? {};
        }
        const refDocs = refId ? docs.get(refId) : undefined;
        // A shared value type (a date, a web address) is described once, under Value types.
        const shared = isObject(target) ? (target.description ?? refDocs?.get('')) : undefined;
        const description = property.description ?? ownDocs.get(`${docPrefix}${key}`) ?? shared ?? '';
        let type: string;
        if (isObject(target)) {
          type = list ? 'list of objects' : 'object';
        } else if (refId) {
          usedTypes.set(refId, target);
          type = `[${typeName(refId)}](#${typeName(refId).toLowerCase()})`;
          if (list) type = `list of ${type}`;
        } else {
          type = describeType(target);
          if (list) type = `list of ${type}`;
        }
        if (list && property.minItems) type += `, at least ${property.minItems}`;
        const requiredText = property.default !== undefined ? `no (default ${code(property.default)})` : isRequired ? 'yes' : 'no';
        out.push(`| \`${field}\` | ${cell(type)} | ${requiredText} | ${cell(description)} |`);
        if (isObject(target)) {
          const nested = refId ? (docs.get(refId) ?? new Map<string, string>()) : ownDocs;
          rows(target, `${field}${list ? '[]' : ''}.`, refId ? '' : `${docPrefix}${key}.`, nested);
        }
      }
    };
    rows(json, '', '', rootDocs);
    out.push('');
  }

  out.push('## Value types', '', 'Shared kinds of value the fields above refer to.', '');
  for (const [id, schema] of [...usedTypes].sort(([a], [b]) => typeName(a).localeCompare(typeName(b)))) {
    const description = schema.description ?? docs.get(id)?.get('') ?? '';
    out.push(`### ${typeName(id)}`, '', ...wrap(`${capitalise(describeType(schema))}.${description ? ` ${description}` : ''}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Prose wrapped at 116 characters, as the docs are (a code span is never split). */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.match(/`[^`]*`\S*|\S+/g) ?? []) {
    if (line && line.length + 1 + word.length > 116) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A short description of a plain (non-object) JSON schema: "text, 1–140 characters", "one of `a`, `b`". */
function describeType(schema: JsonSchema): string {
  const choices = schema.enum ?? schema.anyOf?.map((option) => option.const);
  if (choices && choices.every((c) => c !== undefined)) return `one of ${choices.map(code).join(', ')}`;
  switch (schema.type) {
    case 'boolean':
      return '`true` or `false`';
    case 'number':
    case 'integer':
      return 'number';
    case 'string': {
      const parts = ['text'];
      if (schema.minLength !== undefined && schema.maxLength !== undefined) {
        parts.push(`${schema.minLength}–${schema.maxLength} characters`);
      } else if (schema.maxLength !== undefined) {
        parts.push(`at most ${schema.maxLength} characters`);
      } else if (schema.minLength !== undefined && schema.minLength > 1) {
        parts.push(`at least ${schema.minLength} characters`);
      } else if (schema.minLength === 1) {
        parts.push('not empty');
      }
      if (schema.pattern) parts.push(`matching \`${schema.pattern}\``);
      return parts.join(', ');
    }
    default:
      return 'any value';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = renderFieldReference();
  if (process.argv.includes('--check')) {
    const current = readFileSync(FIELDS_FILE, 'utf8');
    if (current !== text) {
      console.error('docs/reference/fields.md is out of date: run npm run docs:fields');
      process.exit(1);
    }
  } else {
    writeFileSync(FIELDS_FILE, text);
    console.log(`Wrote ${path.relative(ROOT, FIELDS_FILE)}`);
  }
}
