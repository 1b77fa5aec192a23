/**
 * What an issue is made from, read from the buurt's folder (the scheduled function and `buurt nieuwsbrief`
 * read the same files the site is built from): its news, its agenda, its prikbord and the editors' line
 * `content/nieuwsbrief.md` (optional; schema `newsletterNoteSchema`).
 */
import path from 'node:path';
import { loadSite, splitFrontMatter, validate } from '../model/content.ts';
import { sitePaths } from '../core/paths.ts';
import type { Problem } from '../model/problems.ts';
import { newsletterNoteSchema, type NewsletterNoteData } from '../model/schemas.ts';
import { readContentFile } from '../model/site-files.ts';
import { parseYaml } from '../model/yaml-source.ts';
import type { NewsletterContent } from './send.ts';

/** The editors' line of a buurt: `sites/<slug>/content/nieuwsbrief.md`. */
export function newsletterNoteFile(slug: string): string {
  return path.join(sitePaths(slug).contentDir, 'nieuwsbrief.md');
}

/** Reads the editors' line; no file is no line and no problem. */
export async function loadNewsletterNote(slug: string): Promise<{ note?: { data: NewsletterNoteData; body: string }; problems: Problem[] }> {
  const file = newsletterNoteFile(slug);
  let source: string;
  try {
    source = await readContentFile(file, sitePaths(slug).siteDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { problems: [] };
    return { problems: [{ code: 'unreadable-file', severity: 'error', file, message: `the file cannot be read (${(error as Error).message})` }] };
  }
  const parts = splitFrontMatter(source) ?? { yaml: '', body: source, bodyLine: 1 };
  const yaml = parseYaml(parts.yaml, file, 2);
  if (yaml.problems.length) return { problems: yaml.problems };
  const result = validate(newsletterNoteSchema, yaml.data ?? {}, yaml, file);
  if (!result.data) return { problems: result.problems };
  return { note: { data: result.data, body: parts.body }, problems: result.problems };
}

/** The news, agenda, prikbord posts and editors' line of a buurt, as read from disk. */
export async function loadNewsletterContent(slug: string): Promise<NewsletterContent> {
  const [site, note] = await Promise.all([loadSite(slug), loadNewsletterNote(slug)]);
  return { news: site.entries.nieuws, activities: site.entries.agenda, posts: site.entries.prikbord, note: note.note };
}
