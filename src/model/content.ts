/**
 * Reads a buurt from disk: its site.yaml and every markdown file of its content collections, validated
 * against the schemas in `schemas.ts`. Invalid files become problems (with file, line and field); valid
 * files become entries. Nothing here throws on bad content: callers decide what a problem means.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'astro/zod';
import { collectionNames, sitePaths, type CollectionName, type SitePaths } from '../core/paths.ts';
import { sortProblems, type Problem } from './problems.ts';
import { collectionSchemas, siteSchema, SLUG_PATTERN, type CollectionDataMap, type SiteConfig } from './schemas.ts';
import { findUnsafeEntries, readContentFile, readSiteYaml, SiteFileError } from './site-files.ts';
import { slugify } from './urls.ts';
import { issuesToProblems, parseYaml, type YamlSource } from './yaml-source.ts';

/** One validated content file. */
export interface Entry<C extends CollectionName = CollectionName> {
  collection: C;
  /** The file name without ".md": the slug in the URL. */
  id: string;
  /** Absolute path of the markdown file. */
  file: string;
  data: CollectionDataMap[C];
  /** The markdown after the front matter. */
  body: string;
  /** The file line the body starts on. */
  bodyLine: number;
  /** Line of a front matter field, for later checks that point into the file. */
  lineOf: YamlSource['lineOf'];
}

export type Entries = { [C in CollectionName]: Entry<C>[] };

export interface LoadedSite {
  slug: string;
  paths: SitePaths;
  /** Undefined when site.yaml is missing or invalid. */
  config: SiteConfig | undefined;
  configLineOf: YamlSource['lineOf'];
  entries: Entries;
  problems: Problem[];
}

/** Reads and validates `sites/<slug>/site.yaml`. */
export async function loadSiteConfig(slug: string): Promise<{ config?: SiteConfig; problems: Problem[]; lineOf: YamlSource['lineOf'] }> {
  const { configFile } = sitePaths(slug);
  let source: string;
  try {
    source = await readSiteYaml(configFile);
  } catch (error) {
    if (error instanceof SiteFileError) return { problems: [fileProblem(error)], lineOf: () => undefined };
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return {
        problems: [{ code: 'unreadable-file', severity: 'error', file: configFile, message: `the file cannot be read (${(error as Error).message})` }],
        lineOf: () => undefined,
      };
    }
    return {
      problems: [
        {
          code: 'missing-site',
          severity: 'error',
          file: configFile,
          message: `there is no site.yaml; every buurt needs one (create a new buurt with "buurt new ${slug}")`,
        },
      ],
      lineOf: () => undefined,
    };
  }
  const yaml = parseYaml(source.replace(/^\uFEFF/, ''), configFile);
  if (yaml.problems.length) return { problems: yaml.problems, lineOf: yaml.lineOf };
  const result = validate(siteSchema, yaml.data ?? {}, yaml, configFile);
  return { config: result.data, problems: result.problems, lineOf: yaml.lineOf };
}

/** Validates parsed YAML against `schema`; problems carry the file, line and field. */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  source: Pick<YamlSource, 'lineOf' | 'lineOfKey'>,
  file: string,
): { data?: z.output<S>; problems: Problem[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      problems: [
        {
          code: 'invalid-field',
          severity: 'error',
          file,
          line: 1,
          message: 'the fields must be written as "name: value" lines',
        },
      ],
    };
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { data: result.data, problems: [] };
  return { problems: issuesToProblems(result.error.issues, schema, source, file) };
}

/** Splits a markdown file into its front matter (YAML) and body. */
export function splitFrontMatter(source: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) return undefined;
  const close = /^---[ \t]*$/m;
  const rest = text.slice(4);
  const match = close.exec(rest);
  if (!match) return undefined;
  const yaml = rest.slice(0, match.index);
  const body = rest.slice(match.index + match[0].length).replace(/^\n/, '');
  const bodyLine = yaml.split('\n').length + 2;
  return { yaml, body, bodyLine };
}

/** Parses and validates one markdown file of `collection`. */
export function parseContentFile<C extends CollectionName>(collection: C, file: string, source: string): { entry?: Entry<C>; problems: Problem[] } {
  const id = path.basename(file, '.md');
  const problems: Problem[] = [];
  if (!SLUG_PATTERN.test(id)) {
    problems.push({
      code: 'invalid-file-name',
      severity: 'error',
      file,
      message: `the file name "${id}.md" cannot be used in a web address; rename it to lower case letters, digits and dashes, like "${suggestSlug(id)}.md"`,
    });
  }
  const parts = splitFrontMatter(source);
  if (!parts) {
    problems.push({
      code: 'front-matter-missing',
      severity: 'error',
      file,
      line: 1,
      message: 'the file does not start with front matter; begin it with a line "---", the fields, and another "---"',
    });
    return { problems };
  }
  const yaml = parseYaml(parts.yaml, file, 2);
  if (yaml.problems.length) return { problems: [...problems, ...yaml.problems] };
  const schema = collectionSchemas[collection] as unknown as z.ZodType<CollectionDataMap[C]>;
  const result = validate(schema, yaml.data ?? {}, yaml, file);
  problems.push(...result.problems);
  if (!result.data || problems.length) return { problems };
  return {
    entry: { collection, id, file, data: result.data, body: parts.body, bodyLine: parts.bodyLine, lineOf: yaml.lineOf },
    problems,
  };
}

/** A file name for `name`: "Buurt Borrel!" → "buurt-borrel" (the one `slugify`), "naam" when nothing is left. */
export function suggestSlug(name: string): string {
  return slugify(name) || 'naam';
}

/** Reads every markdown file of one collection. A missing folder is an empty collection. */
export async function loadCollection<C extends CollectionName>(slug: string, collection: C): Promise<{ entries: Entry<C>[]; problems: Problem[] }> {
  const dir = path.join(sitePaths(slug).contentDir, collection);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return { entries: [], problems: [] };
  }
  const entries: Entry<C>[] = [];
  const problems: Problem[] = [];
  const results = await Promise.all(
    names
      .filter((name) => !name.startsWith('.'))
      .map(async (name) => {
        const file = path.join(dir, name);
        if (!name.endsWith('.md')) {
          return {
            problems: [
              {
                code: 'unexpected-file',
                severity: 'error',
                file,
                message: `only markdown files (.md) belong in content/${collection}/; move this file to media/ or remove it`,
              } satisfies Problem,
            ],
          };
        }
        try {
          return parseContentFile(collection, file, await readContentFile(file));
        } catch (error) {
          if (error instanceof SiteFileError) return { problems: [fileProblem(error)] };
          return {
            problems: [
              { code: 'unreadable-file', severity: 'error', file, message: `the file cannot be read (${(error as Error).message})` } satisfies Problem,
            ],
          };
        }
      }),
  );
  for (const result of results) {
    if ('entry' in result && result.entry) entries.push(result.entry);
    problems.push(...result.problems);
  }
  return { entries, problems };
}

/** A refused buurt file as a problem. */
export function fileProblem(error: SiteFileError): Problem {
  return { code: error.code, severity: 'error', file: error.file, message: error.message };
}

/**
 * Reads a whole buurt: site.yaml and all collections, with every problem found in any file, and every symbolic
 * link or other non-regular entry anywhere in its folder (media/ included), each named once.
 */
export async function loadSite(slug: string): Promise<LoadedSite> {
  const paths = sitePaths(slug);
  const [unsafe, site, ...collections] = await Promise.all([
    findUnsafeEntries(paths.siteDir),
    loadSiteConfig(slug),
    ...collectionNames.map((name) => loadCollection(slug, name)),
  ]);
  const entries = Object.fromEntries(collectionNames.map((name, i) => [name, collections[i]!.entries])) as unknown as Entries;
  const problems = [...unsafe.map(({ error }) => fileProblem(error)), ...site.problems, ...collections.flatMap((c) => c.problems)];
  const seen = new Set<string>();
  return {
    slug,
    paths,
    config: site.config,
    configLineOf: site.lineOf,
    entries,
    problems: sortProblems(
      problems.filter((p) => {
        const key = `${p.file}\0${p.code}\0${p.line ?? ''}\0${p.field ?? ''}\0${p.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      }),
    ),
  };
}
