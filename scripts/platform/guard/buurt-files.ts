/**
 * What may live in a buurt's folder: markdown, YAML and raster images, as regular files whose content matches
 * their name. Everything else (HTML, SVG, scripts, symlinks, submodules, executables) could run in a browser or
 * reach outside the folder, so the guard refuses it from anyone.
 */
import path from 'node:path';
import { IMAGE_TYPES, type ImageType } from '../../../src/media/image-types.ts';
import { SLUG_PATTERN } from '../../../src/model/schemas.ts';

/** Extensions allowed in `sites/<slug>/`, lower case. */
export const BUURT_FILE_TYPES: Readonly<Record<string, 'text' | ImageType>> = {
  '.md': 'text',
  '.yaml': 'text',
  '.yml': 'text',
  ...IMAGE_TYPES,
};

export type { ImageType };

/** Git file modes. */
export const MODE_FILE = '100644';
export const MODE_EXECUTABLE = '100755';
export const MODE_SYMLINK = '120000';
export const MODE_SUBMODULE = '160000';

/** The buurt a repository path belongs to: "sites/oost/content/x.md" → "oost"; shared paths → undefined. */
export function buurtOf(file: string): string | undefined {
  const match = /^sites\/([^/]+)\/./.exec(file);
  return match?.[1];
}

/** Control characters and invisible formatting characters (bidi controls, zero-width), which no path needs. */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}]/u;

/**
 * Why a repository path is unsafe anywhere in the repository, or undefined when it is not. Git itself writes
 * no such path, but a tree made by hand (`git mktree`) can hold any name, and what a checkout, a build or a
 * case-insensitive file system makes of it is another file than the one judged:
 * - a control or invisible character, or a backslash (a folder separator on Windows);
 * - an empty, "." or ".." component (`sites/oost/../west/x.md` names west's file) or a ".git" component,
 *   also as NTFS writes it (".git.", ".GIT ", "git~1");
 * - a folder directly under `sites/` that is not a buurt name (lower case letters, digits, dashes): a case,
 *   accent, Unicode-form or full-width variant of a buurt's name ("Oost", "ｏｏｓｔ") is another folder to git
 *   but can be the same one to a file system or a reader.
 */
export function pathProblem(file: string): string | undefined {
  if (HIDDEN_CHARACTER.test(file)) return 'has a control or invisible character in its name';
  if (file.includes('\\')) return 'has a backslash in its name, a folder separator on Windows';
  const parts = file.split('/');
  for (const part of parts) {
    if (part === '' || part === '.' || part === '..') {
      return `has a "${part}" component; a path names its folders directly, without "", "." or ".."`;
    }
    const bare = part.replace(/[. ]+$/, '').toLowerCase();
    if (bare === '.git' || bare === 'git~1') return 'has a ".git" component, a name git keeps for itself';
  }
  if (parts[0] === 'sites' && parts.length > 2 && !SLUG_PATTERN.test(parts[1]!)) {
    return `is in "sites/${parts[1]}/", which is not a buurt folder: buurt folders are named in lower case letters, digits and dashes, so a variant of a buurt's name in case, accents, Unicode form or width is refused`;
  }
  return undefined;
}

/**
 * The key under which two paths are the same file to a case-insensitive or Unicode-normalising file system
 * (macOS, Windows) or look the same to a reader: "Media/Foto.JPG" and "media/foto.jpg", "café" in NFC and NFD.
 */
export function pathFoldKey(file: string): string {
  return file.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** The image type of a file's first bytes, or undefined. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && /avif|avis/.test(ascii(8, Math.min(bytes.length, 64)))) return 'avif';
  return undefined;
}

/**
 * Why a file may not be in a buurt folder, or undefined when it may. `mode` is its git mode; `content` its
 * bytes (regular files only).
 */
export function buurtFileProblem(file: string, mode: string, content: Uint8Array | undefined): string | undefined {
  if (mode === MODE_SYMLINK) return 'is a symbolic link; a buurt folder holds only regular files';
  if (mode === MODE_SUBMODULE) return 'is a git submodule; a buurt folder holds only regular files';
  if (mode === MODE_EXECUTABLE) return 'is executable; a buurt folder holds only regular files (chmod -x)';
  if (mode !== MODE_FILE) return `has git mode ${mode}; a buurt folder holds only regular files`;
  const base = path.posix.basename(file);
  if (base === '.gitkeep') return content && content.length > 0 ? 'is a .gitkeep file with content; it must be empty' : undefined;
  const ext = path.posix.extname(base).toLowerCase();
  const kind = BUURT_FILE_TYPES[ext];
  if (!kind) {
    return `is a ${ext || 'file without extension'} file; a buurt folder holds only markdown (.md), YAML (.yaml, .yml) and photos (.jpg, .jpeg, .png, .webp, .gif, .avif)`;
  }
  if (!content) return undefined;
  if (kind === 'text') {
    if (content.includes(0)) return 'is not text (it contains NUL bytes)';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      return 'is not UTF-8 text';
    }
    return undefined;
  }
  const found = sniffImage(content);
  if (found !== kind) return found ? `is named ${ext} but holds a ${found.toUpperCase()} image` : `is named ${ext} but is not an image`;
  return undefined;
}
