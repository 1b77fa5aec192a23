/**
 * Parses YAML (site.yaml and markdown front matter) keeping line numbers, and turns zod issues into
 * problems that point at the right line.
 *
 * YAML 1.2 core schema: "2026-03-14" stays a string. Why not js-yaml (gray-matter's parser): it makes
 * "2026-03-14" a UTC Date (a day off in Amsterdam) and keeps no positions; why not zod-validation-error: it
 * formats issues without file lines or "did you mean" hints. The schemas are read only through zod's public API.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'astro/zod';
import type { Problem } from './problems.ts';

export interface YamlSource {
  data: unknown;
  /** The 1-based line of a field path, or of its closest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The 1-based line of the key `key` inside the mapping at `path`. */
  lineOfKey(path: readonly PropertyKey[], key: string): number | undefined;
  problems: Problem[];
}

/**
 * Parses `source` as YAML. `firstLine` is the line of the file the YAML starts on (2 for front matter after
 * its opening `---`), so lines in problems are lines of the file.
 */
export function parseYaml(source: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((error) => {
    const unclosed = /closing ("|')?quote/i.exec(error.message);
    const line = unclosed ? unclosedQuoteLine(source) : undefined;
    return {
      code: 'yaml-syntax',
      severity: 'error',
      file,
      line: line !== undefined ? line + firstLine - 1 : toLine(error.pos[0]),
      message: unclosed
        ? 'the text is not valid YAML (a quote is opened but not closed); add the closing quote on this line'
        : `the text is not valid YAML (${describeYamlError(error.code, error.message)}); check the quotes, colons and indentation on this line`,
    };
  });
  const data = problems.length ? undefined : doc.toJS({ maxAliasCount: 50 });
  return {
    data,
    problems,
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(doc, path.slice(0, n));
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        if (range) return toLine(range[0]);
      }
      return undefined;
    },
    lineOfKey: (path, key) => {
      const node = path.length ? nodeAt(doc, path) : doc.contents;
      if (!isMap(node)) return undefined;
      for (const pair of node.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return toLine(pair.key.range[0]);
      }
      return undefined;
    },
  };
}

/** The first line (1-based) whose value opens a quote it does not close. */
function unclosedQuoteLine(source: string): number | undefined {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const value = /^\s*(?:-\s+)?[^:#]+:\s*(["'])(.*)$/.exec(lines[i]!) ?? /^\s*-\s+(["'])(.*)$/.exec(lines[i]!);
    if (!value) continue;
    const [, quote, rest] = value;
    const closed = quote === '"' ? /(^|[^\\])"\s*(#.*)?$/.test(rest!) : /'\s*(#.*)?$/.test(rest!.replace(/''/g, ''));
    if (!closed) return i + 1;
  }
  return undefined;
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): unknown {
  if (path.length === 0) return doc.contents;
  return doc.getIn(path as unknown[], true);
}

function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'a field is written twice';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'wrong indentation or a missing character';
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return 'a text with a colon needs quotes around it';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** The keys a strict object schema allows at `path` inside `schema`, for "did you mean" hints. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = schema;
  for (const step of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject && typeof step === 'string') current = current.shape[step] as z.ZodType;
    else if (current instanceof z.ZodArray && typeof step === 'number') current = current.element as z.ZodType;
    else return [];
    if (!current) return [];
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** A schema without its optional/default wrappers and with the input side of a pipe (zod's public accessors). */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    if (
      s instanceof z.ZodOptional ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodDefault ||
      s instanceof z.ZodPrefault ||
      s instanceof z.ZodReadonly ||
      s instanceof z.ZodCatch
    )
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else break;
  }
  return s;
}

/** Converts zod issues into problems with a field, a line and a sentence. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  source: Pick<YamlSource, 'lineOf' | 'lineOfKey'>,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, path);
      for (const key of issue.keys) {
        const suggestion = closest(key, allowed);
        problems.push({
          code: 'unknown-field',
          severity: 'error',
          file,
          line: source.lineOfKey(path, key) ?? source.lineOf(path),
          field: [...path, key].join('.'),
          message:
            `is not a known field` +
            (suggestion ? `; did you mean "${suggestion}"?` : '') +
            (allowed.length ? `${suggestion ? ' A' : '; a'}llowed here: ${allowed.join(', ')}` : ''),
        });
      }
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    const missing = issue.code === 'invalid_type' && input === undefined;
    problems.push({
      code: missing ? 'missing-field' : 'invalid-field',
      severity: 'error',
      file,
      line: source.lineOf(path),
      field: path.length ? path.join('.') : undefined,
      message: missing
        ? path[path.length - 1] === 'alt'
          ? 'is missing; describe what the image shows, for people who cannot see it ("Kinderen planten bloembollen in de moestuin")'
          : `is missing; ${describeExpected(issue)}`
        : describeIssue(issue, schema),
    });
  }
  return problems;
}

function describeExpected(issue: z.core.$ZodIssue): string {
  const expected = (issue as { expected?: string }).expected;
  switch (expected) {
    case 'string':
      return 'add it with a text';
    case 'boolean':
      return 'add it as true or false';
    case 'array':
      return 'add it as a list';
    case 'object':
      return 'add it with its sub-fields';
    case 'number':
      return 'add it as a number';
    default:
      return 'add it';
  }
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  if (issue.code === 'invalid_type') {
    // zod's own wording ("Invalid input: expected object, received string") is replaced by a sentence.
    const message = issue.message.startsWith('Invalid input') ? expectedType(issue, schema) : issue.message;
    return `${message}, but it is ${describeValue((issue as { input?: unknown }).input)}`;
  }
  return issue.message;
}

function expectedType(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  switch ((issue as { expected?: string }).expected) {
    case 'object': {
      const keys = allowedKeysAt(schema, issue.path as PropertyKey[]);
      return `must be a group of fields${keys.length ? ` (${keys.join(', ')})` : ''}, each on its own indented line below it`;
    }
    case 'array':
      return 'must be a list: [a, b] or one "- item" per line';
    case 'string':
      return 'must be text';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    default:
      return 'has the wrong kind of value';
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `the text "${value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/** The candidate closest to `word` when it is a likely typo (edit distance ≤ 2, or a shared prefix). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best && (bestDistance <= 2 || (word.length >= 4 && best.toLowerCase().startsWith(word.toLowerCase().slice(0, 4))))) return best;
  return undefined;
}

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
