/**
 * What may live in a buurt's folder: markdown, YAML and raster images, as regular files whose content matches
 * their name. Everything else (HTML, SVG, scripts, symlinks, submodules, executables) could run in a browser or
 * reach outside the folder, so the guard refuses it from anyone.
 */
import path from 'node:path';
import { IMAGE_TYPES, type ImageType } from '../image-types.ts';

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
