/**
 * The editors' handleiding inside every site: the chapters of docs/redactie/ rendered to /admin/handleiding/
 * (one page per chapter, the screenshots beside them), so an editor finds help where they work. Rendered with
 * the same markdown renderer and sanitiser as the buurt's content; links between chapters become links between
 * pages. Served under /admin/, so it gets the admin's headers and is never indexed.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml, fillImages, renderMarkdown } from '../markdown/markdown.ts';
import { rootDir } from '../core/paths.ts';

/** The URL folder of the handleiding. */
export const HANDLEIDING_PATH = '/admin/handleiding/';

/** The folder of the chapters. */
export const HANDLEIDING_DIR = path.join(rootDir, 'docs/redactie');

/** The chapters in reading order: the file in docs/redactie/ ("README.md" is the table of contents). */
export const CHAPTER_ORDER = [
  'README.md',
  'inloggen.md',
  'nieuwsbericht.md',
  'activiteit.md',
  'groepen-en-wie-helpt.md',
  'fotos.md',
  'werkwijze.md',
  'inzendingen.md',
  'prikbord.md',
  'agenda-en-krant.md',
  'nieuwsbrief.md',
  'privacy.md',
  'meldingen.md',
] as const;

/** The URL of a chapter: "README.md" → "/admin/handleiding/", "fotos.md" → "/admin/handleiding/fotos/". */
export function chapterUrl(file: string): string {
  return file === 'README.md' ? HANDLEIDING_PATH : `${HANDLEIDING_PATH}${file.replace(/\.md$/, '')}/`;
}

const STYLE = `body{font:1.125rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;padding:1rem 1.25rem 3rem;max-width:44rem}
a{color:#0b4f80}a:focus-visible{outline:3px solid #0b4f80;outline-offset:2px}
img{max-width:100%;height:auto;border:1px solid #8a8a8a}
nav ol{padding-left:1.4rem}code{font-size:.95em;background:#f0f0f0;padding:0 .2em}
.top{display:flex;gap:1rem;flex-wrap:wrap;font-size:1rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:2.5rem;border-top:1px solid #8a8a8a;padding-top:1rem}`;

export interface HandleidingPage {
  /** The URL path, ending in "/". */
  url: string;
  html: string;
}

/** One chapter's markdown as a page: its first heading is the page title. */
export function renderChapter(file: string, markdown: string, siteName: string): HandleidingPage {
  const index = CHAPTER_ORDER.indexOf(file as (typeof CHAPTER_ORDER)[number]);
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? file;
  const body = markdown.replace(/^# .+\n/m, '');
  const rendered = renderMarkdown(body);
  const depth = file === 'README.md' ? '' : '../';
  let html = fillImages(rendered, (image) => `<img src="${escapeHtml(imageUrl(image.src, depth))}" alt="${escapeHtml(image.alt)}" loading="lazy">`);
  // Links between chapters: "fotos.md#kop" → "../fotos/#kop" (relative, so the pages work under any origin).
  html = html.replace(/href="([a-z0-9-]+|README)\.md(#[^"]*)?"/gi, (_, name: string, hash = '') => {
    const target = name === 'README' ? `${depth || './'}` : `${depth}${name}/`;
    return `href="${target}${hash}"`;
  });
  const previous = index > 0 ? CHAPTER_ORDER[index - 1] : undefined;
  const next = index >= 0 && index < CHAPTER_ORDER.length - 1 ? CHAPTER_ORDER[index + 1] : undefined;
  const pager = [
    previous ? `<a href="${relativeUrl(file, previous)}" rel="prev">← Vorige</a>` : '<span></span>',
    next ? `<a href="${relativeUrl(file, next)}" rel="next">Volgende →</a>` : '<span></span>',
  ].join('');
  const page = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} – Handleiding – ${escapeHtml(siteName)}</title>
<link rel="stylesheet" href="${HANDLEIDING_PATH}handleiding.css">
</head>
<body>
<header class="top"><a href="/admin/">← Terug naar het beheer</a>${file === 'README.md' ? '' : `<a href="${depth}">Inhoud van de handleiding</a>`}</header>
<main>
<h1>${escapeHtml(title)}</h1>
${html}
<nav class="pager" aria-label="Hoofdstukken">${pager}</nav>
</main>
</body>
</html>
`;
  return { url: chapterUrl(file), html: page };
}

function imageUrl(src: string, depth: string): string {
  return /^img\/[a-z0-9._-]+$/i.test(src) ? `${depth}${src}` : src;
}

function relativeUrl(from: string, to: string): string {
  const depth = from === 'README.md' ? './' : '../';
  return to === 'README.md' ? depth : `${depth}${to.replace(/\.md$/, '')}/`;
}

export interface HandleidingFiles {
  pages: HandleidingPage[];
  css: string;
  /** The screenshots: file name in docs/redactie/img/ → absolute path. */
  images: string[];
}

/** Reads and renders every chapter, and lists the screenshots. */
export async function handleidingFiles(siteName: string): Promise<HandleidingFiles> {
  const pages = await Promise.all(CHAPTER_ORDER.map(async (file) => renderChapter(file, await readFile(path.join(HANDLEIDING_DIR, file), 'utf8'), siteName)));
  const images = (await readdir(path.join(HANDLEIDING_DIR, 'img')).catch(() => [] as string[])).filter((name) => /\.png$/.test(name)).sort();
  return { pages, css: STYLE, images };
}
