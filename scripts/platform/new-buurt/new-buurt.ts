/**
 * Creating a new buurt from a template: `templates/<template>/` is copied to `sites/<slug>/` with its
 * placeholders filled in. Nothing is left half-written: the copy is made in a temporary folder next to sites/
 * and renamed into place at the end; if the new buurt then fails `checkSite`, it is removed again.
 *
 * Placeholders in template files (see templates/README.md):
 *   {{naam}} {{domein}} {{host}} {{email}} {{kleur_primair}} {{kleur_accent}}
 *   {{datum:+0}}             today in Amsterdam, "2026-03-01"; {{datum:+21}} three weeks later
 *   {{datum:zaterdag+21}}    the first Saturday on or after today + 21 days
 *   {{datum_lang:…}}         the same day written out: "zaterdag 21 maart 2026"
 * In YAML (site.yaml, front matter) placeholders must sit inside a text value and are filled in the parsed
 * document, so any value is quoted correctly; in markdown text every punctuation character of a value is
 * escaped, so a value can never become markup.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import { listSlugs } from '../build/build.ts';
import { checkSite } from '../../../src/check/index.ts';
import { contrastRatio } from '../../../src/theme/colours.ts';
import { loadSiteConfig, splitFrontMatter } from '../../../src/model/content.ts';
import { addDays, formatIsoDate, monthName, toWallClock, weekday, weekdayName, type CalendarDate } from '../../../src/dates/dates.ts';
import { sitePaths, sitesDir, templatesDir } from '../../../src/core/paths.ts';
import { formatProblem, hasErrors } from '../../../src/model/problems.ts';
import { editorSchema, emailSchema, HEX_COLOUR_PATTERN, siteSchema, SLUG_PATTERN } from '../../../src/model/schemas.ts';
import { PlatformError } from '../../../src/core/errors.ts';
import { slugify } from '../../../src/model/urls.ts';

/** Names a buurt cannot have: the tooling's own folders (.cache/roots/) and names that would mislead. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'roots',
  'admin',
  'api',
  'www',
  'all',
  'new',
  'help',
  'dist',
  'cache',
  'sites',
  'templates',
  'template',
  'src',
  'public',
  'netlify',
  'test',
  'tests',
  'node-modules',
]);
/** Longest slug: it becomes a folder, a Netlify site name and part of a DNS label. */
export const MAX_SLUG_LENGTH = 40;
/** The template used when none is named. */
export const DEFAULT_TEMPLATE = 'standaard';
export const DEFAULT_COLOURS = { primary: '#1d5c8c', accent: '#f2b84b' } as const;
/** Links are drawn in the primary colour on white: WCAG 2.2 AA asks for 4.5:1. */
export const MIN_LINK_CONTRAST = 4.5;

export interface NewBuurtInput {
  slug: string;
  name: string;
  /** "voorbeeldwijk.nl" or "https://voorbeeldwijk.nl". */
  domain: string;
  email: string;
  primary?: string | undefined;
  accent?: string | undefined;
  editor?: { name: string; email: string; username?: string | undefined } | undefined;
  template?: string | undefined;
}

/** One thing wrong with the input, for one field (the flag or question it came from). */
export interface InputProblem {
  field: 'slug' | 'name' | 'domain' | 'email' | 'primary' | 'accent' | 'editor' | 'template';
  message: string;
}

/** Thrown when a buurt cannot be created; lists every problem with the input at once. */
export class NewBuurtError extends PlatformError {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[], message?: string) {
    super(message ?? `The buurt was not created:\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}`, { kind: 'content' });
    this.name = 'NewBuurtError';
    this.problems = problems;
  }
}

/** Thrown when a template itself is broken (a placeholder outside a text value, an unknown placeholder). */
export class TemplateError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'content' });
    this.name = 'TemplateError';
  }
}

/** The problem with a slug, or undefined when it can be used. `existing` are the buurten there are. */
export function slugProblem(slug: string, existing: readonly string[] = []): string | undefined {
  if (!slug) return 'give the buurt a short name for its folder and web addresses, like "oosterpark"';
  if (!SLUG_PATTERN.test(slug)) {
    return `"${slug}" cannot be used: use lower case letters, digits and single dashes, like "${suggest(slug)}"`;
  }
  if (slug.length < 2 || slug.length > MAX_SLUG_LENGTH) return `"${slug}" must be 2 to ${MAX_SLUG_LENGTH} characters long`;
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved for the platform itself; choose another name, like "${slug}-buurt"`;
  if (existing.includes(slug)) return `there already is a buurt "${slug}" (sites/${slug}/); choose another name`;
  return undefined;
}

function suggest(value: string): string {
  return slugify(value) || 'oosterpark';
}

/** "Voorbeeldwijk.nl/", "https://voorbeeldwijk.nl" → "https://voorbeeldwijk.nl" (no other changes). */
export function normaliseDomain(domain: string): string {
  const trimmed = domain.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed.replace(/^https:\/\//i, 'https://') : `https://${trimmed.toLowerCase()}`;
}

/** The host of a domain without "www.": the same site whichever way it is written. */
export function siteHost(domain: string): string {
  return domain
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .toLowerCase();
}

/** Every problem with a new buurt's input, at once. `domains` maps existing buurten to their domains. */
export function validateNewBuurt(
  input: NewBuurtInput,
  context: { existing: readonly string[]; domains: ReadonlyMap<string, string>; templates: readonly string[] },
): InputProblem[] {
  const problems: InputProblem[] = [];
  const slug = slugProblem(input.slug, context.existing);
  if (slug) problems.push({ field: 'slug', message: slug });
  const name = input.name.trim();
  if (!name) problems.push({ field: 'name', message: 'give the name of the buurt as residents write it, like "Oosterpark"' });
  else if (name.length > 80) problems.push({ field: 'name', message: `the name is ${name.length} characters long; keep it under 80` });
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(name)) problems.push({ field: 'name', message: 'the name contains a line break or control character' });
  const domain = normaliseDomain(input.domain);
  const domainCheck = siteSchema.shape.domain.safeParse(domain);
  if (!input.domain.trim()) problems.push({ field: 'domain', message: 'give the address the site will have, like "oosterpark.nl"' });
  else if (!domainCheck.success) problems.push({ field: 'domain', message: domainCheck.error.issues[0]!.message });
  else {
    const taken = [...context.domains].find(([, other]) => siteHost(other) === siteHost(domain));
    if (taken) problems.push({ field: 'domain', message: `${siteHost(domain)} is already the domain of the buurt "${taken[0]}"` });
  }
  const email = emailSchema.safeParse(input.email);
  if (!email.success)
    problems.push({ field: 'email', message: input.email.trim() ? email.error.issues[0]!.message : 'give the e-mail address residents can write to' });
  for (const field of ['primary', 'accent'] as const) {
    const colour = input[field];
    if (colour !== undefined && !HEX_COLOUR_PATTERN.test(colour)) {
      problems.push({ field, message: `"${colour}" is not a colour; write it as six hex digits, like "${DEFAULT_COLOURS[field]}"` });
    }
  }
  const primary = input.primary ?? DEFAULT_COLOURS.primary;
  if (HEX_COLOUR_PATTERN.test(primary)) {
    const ratio = contrastRatio(primary, '#ffffff');
    if (ratio < MIN_LINK_CONTRAST) {
      problems.push({
        field: 'primary',
        message: `links in ${primary} on white have a contrast of ${ratio.toFixed(1)}:1, less than the ${MIN_LINK_CONTRAST}:1 residents with poor sight need; choose a darker colour`,
      });
    }
  }
  if (input.editor) {
    const editor = editorSchema.safeParse({ ...input.editor, username: input.editor.username || undefined });
    if (!editor.success) {
      problems.push({ field: 'editor', message: editor.error.issues.map((i) => `${i.path.join('.') || 'editor'} ${i.message}`).join('; ') });
    }
  }
  const template = input.template ?? DEFAULT_TEMPLATE;
  if (!context.templates.includes(template)) {
    problems.push({
      field: 'template',
      message: `there is no template "${template}"; choose one of ${context.templates.join(', ') || '(none: templates/ is empty)'}`,
    });
  }
  return problems;
}

/** The templates in templates/: its sub-folders. */
export async function listTemplates(): Promise<string[]> {
  try {
    const entries = await readdir(templatesDir(), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** Existing buurten and their domains, to validate a new one against. */
export async function newBuurtContext(): Promise<{ existing: string[]; domains: Map<string, string>; templates: string[] }> {
  const names = await readdir(sitesDir()).catch(() => [] as string[]);
  const existing = names.filter((n) => !n.startsWith('.'));
  const domains = new Map<string, string>();
  for (const slug of await listSlugs()) {
    const { config } = await loadSiteConfig(slug);
    if (config) domains.set(slug, config.domain);
  }
  return { existing, domains, templates: await listTemplates() };
}

/** The values placeholders are filled with. */
export interface TemplateValues {
  naam: string;
  domein: string;
  host: string;
  email: string;
  kleur_primair: string;
  kleur_accent: string;
  /** Today in Amsterdam. */
  today: CalendarDate;
}

const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];
const PLACEHOLDER = /\{\{\s*([a-z_]+)(?::((?:[a-z]+)?[+-]\d+))?\s*\}\}/g;

/** The value of one placeholder, or undefined when it is unknown. */
export function placeholderValue(name: string, argument: string | undefined, values: TemplateValues): string | undefined {
  if (name === 'datum' || name === 'datum_lang') {
    if (!argument) return undefined;
    const match = /^([a-z]+)?([+-]\d+)$/.exec(argument)!;
    let day = addDays(values.today, Number(match[2]));
    if (match[1]) {
      const target = WEEKDAYS.indexOf(match[1]);
      if (target < 0) return undefined;
      day = addDays(day, (target - weekday(day) + 7) % 7);
    }
    return name === 'datum' ? formatIsoDate(day) : `${weekdayName(weekday(day))} ${day.day} ${monthName(day.month)} ${day.year}`;
  }
  if (argument) return undefined;
  const value = (values as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function fill(text: string, values: TemplateValues, escape: (value: string) => string, where: string): string {
  return text.replace(PLACEHOLDER, (whole, name: string, argument: string | undefined) => {
    const value = placeholderValue(name, argument, values);
    if (value === undefined) throw new TemplateError(`${where}: unknown placeholder ${whole}`);
    return escape(value);
  });
}

/** Backslash-escapes every ASCII punctuation character, so a value in markdown is always plain text. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Fills placeholders inside the text values of a YAML document, leaving its comments and layout. */
export function fillYaml(source: string, values: TemplateValues, where: string): Document {
  const doc = parseDocument(source);
  if (doc.errors.length) throw new TemplateError(`${where}: the YAML cannot be read (${doc.errors[0]!.message.split('\n')[0]})`);
  let filled = 0;
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      const count = node.value.match(PLACEHOLDER)?.length ?? 0;
      if (!count) return;
      node.value = fill(node.value, values, (v) => v, where);
      filled += count;
    },
  });
  const written = source.match(PLACEHOLDER)?.length ?? 0;
  if (written !== filled) {
    throw new TemplateError(`${where}: a placeholder is not inside a text value; put quotes around it, like name: "{{naam}}"`);
  }
  return doc;
}

/** A template file with its placeholders filled: YAML in the parsed document, markdown text escaped. */
export function fillTemplateFile(relativePath: string, source: string, values: TemplateValues): string {
  if (/\.ya?ml$/.test(relativePath)) return fillYaml(source, values, relativePath).toString({ lineWidth: 0 });
  if (relativePath.endsWith('.md')) {
    const parts = splitFrontMatter(source);
    if (!parts) return fill(source, values, escapeMarkdown, relativePath);
    const front = fillYaml(parts.yaml, values, relativePath).toString({ lineWidth: 0 });
    return `---\n${front}---\n${fill(parts.body, values, escapeMarkdown, relativePath)}`;
  }
  return source;
}

export interface CreateOptions {
  /** "Now", for the dates of the example items (default: the real time). */
  now?: Date;
  /** Called after each file is written into the temporary folder (tests inject failures here). */
  onFileWritten?: (relativePath: string) => void | Promise<void>;
}

export interface CreatedBuurt {
  slug: string;
  siteDir: string;
  template: string;
  /** The files written, relative to the buurt's folder. */
  files: string[];
  domain: string;
}

/**
 * Creates `sites/<slug>/` from a template. Throws `NewBuurtError` for bad input, before writing anything; on any
 * later failure nothing is left behind.
 */
export async function createBuurt(input: NewBuurtInput, options: CreateOptions = {}): Promise<CreatedBuurt> {
  const context = await newBuurtContext();
  const problems = validateNewBuurt(input, context);
  if (problems.length) throw new NewBuurtError(problems);

  const template = input.template ?? DEFAULT_TEMPLATE;
  const domain = normaliseDomain(input.domain);
  const values: TemplateValues = {
    naam: input.name.trim(),
    domein: domain,
    host: domain.replace(/^https:\/\//, ''),
    email: input.email.trim(),
    kleur_primair: (input.primary ?? DEFAULT_COLOURS.primary).toLowerCase(),
    kleur_accent: (input.accent ?? DEFAULT_COLOURS.accent).toLowerCase(),
    today: toWallClock(options.now ?? new Date()),
  };
  const target = sitePaths(input.slug).siteDir;
  await mkdir(sitesDir(), { recursive: true });
  const temp = path.join(path.dirname(sitesDir()), `.buurt-new-${input.slug}-${process.pid}-${randomUUID().slice(0, 8)}`);
  const sourceDir = path.join(templatesDir(), template);
  const files: string[] = [];
  let placed = false;
  try {
    for (const relative of (await readdir(sourceDir, { recursive: true })).map((f) => f.split(path.sep).join('/')).sort()) {
      const from = path.join(sourceDir, relative);
      if (!(await stat(from)).isFile()) continue;
      const to = path.join(temp, relative);
      await mkdir(path.dirname(to), { recursive: true });
      if (/\.(md|ya?ml)$/.test(relative)) {
        let text = fillTemplateFile(relative, await readFile(from, 'utf8'), values);
        if (relative === 'site.yaml') text = withEditor(text, input.editor);
        await writeFile(to, text);
      } else {
        await copyFile(from, to);
      }
      files.push(relative);
      await options.onFileWritten?.(relative);
    }
    if (!files.includes('site.yaml')) throw new TemplateError(`the template "${template}" has no site.yaml`);
    try {
      await stat(target);
      throw new NewBuurtError([{ field: 'slug', message: `sites/${input.slug}/ appeared while the buurt was being created; nothing was changed` }]);
    } catch (error) {
      if (error instanceof NewBuurtError) throw error;
    }
    await rename(temp, target);
    placed = true;
    const { problems: found } = await checkSite(input.slug);
    if (hasErrors(found)) {
      throw new TemplateError(
        `the buurt made from the template "${template}" does not pass "buurt check", so it was removed again:\n` +
          found
            .filter((p) => p.severity === 'error')
            .map((p) => `  ${formatProblem(p)}`)
            .join('\n'),
      );
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (placed) await rm(target, { recursive: true, force: true });
    throw error;
  }
  return { slug: input.slug, siteDir: target, template, files, domain };
}

/** site.yaml with the first editor added (a list under `editors`). */
function withEditor(source: string, editor: NewBuurtInput['editor']): string {
  if (!editor) return source;
  const doc = parseDocument(source);
  if (!isMap(doc.contents)) return source;
  const entry: Record<string, string> = { name: editor.name.trim(), email: editor.email.trim() };
  if (editor.username) entry.username = editor.username.trim();
  const existing = doc.get('editors');
  if (existing && !isScalar(existing)) doc.addIn(['editors'], entry);
  else doc.set('editors', [entry]);
  return doc.toString({ lineWidth: 0 });
}
