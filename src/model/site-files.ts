/**
 * Reading a buurt's own files without ever leaving its folder. Everything in `sites/<slug>/` comes from editors,
 * so a file there may be a symbolic link (to another buurt's page or photo, to a secret elsewhere on the machine,
 * to `/dev/zero`), a FIFO that blocks a reader forever, or a text of gigabytes. The platform therefore reads a
 * buurt file only when it is a regular file, reached through no symbolic link, whose real path lies inside the
 * folder, and whose size (from `stat`, before a byte is read) is within the limit for its kind.
 *
 * `findUnsafeEntries` walks a whole buurt folder and names every symlink and every entry that is neither a
 * regular file nor a folder; `readConfinedFile` is the one way buurt files are read.
 */
import { constants, type Dirent } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { PlatformError } from '../core/errors.ts';
import { sitesDir } from '../core/paths.ts';

/** A markdown file of a content collection may be at most this large: a long page is 50 kB. */
export const MAX_CONTENT_BYTES = 1024 * 1024;
/** site.yaml may be at most this large: a full one is 3 kB. */
export const MAX_SITE_YAML_BYTES = 256 * 1024;

/** The stable names of the ways a buurt file can be refused (`Problem.code`). */
export type SiteFileErrorCode = 'symlink' | 'not-a-regular-file' | 'outside-buurt' | 'file-too-large';

/**
 * Thrown when a buurt file may not be read; `message` is a sentence without the file name (the check reports it
 * with the file as a problem, `fileProblem` in content.ts), ending in what to do. A `content` error: the buurt's
 * files are not as they may be.
 */
export class SiteFileError extends PlatformError {
  readonly code: SiteFileErrorCode;
  readonly file: string;
  /** The size in bytes, for `file-too-large`. */
  readonly size: number | undefined;
  constructor(code: SiteFileErrorCode, file: string, message: string, size?: number) {
    super(message, { kind: 'content' });
    this.name = 'SiteFileError';
    this.code = code;
    this.file = file;
    this.size = size;
  }
}

export interface ConfinedReadOptions {
  /** Refuse the file when `stat` says it is larger. */
  maxBytes: number;
  /** What the limit is for, in the message: "a content file". */
  kind: string;
  /** What to do about a file that is too large, in the message. */
  advice: string;
  /**
   * The folder the file must really be inside (no symbolic link on the way). Default: the sites folder when the
   * file lies in it, else the file's own folder.
   */
  within?: string;
}

/** "50.0 MB", "1.2 MB", "300 kB". */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** What a non-regular entry is, for messages. */
function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device file';
  return 'not a regular file';
}

async function symlinkError(file: string): Promise<SiteFileError> {
  const target = await readlink(file).catch(() => undefined);
  return new SiteFileError(
    'symlink',
    file,
    `is a symbolic link${target === undefined ? '' : ` (to "${target.length > 200 ? `${target.slice(0, 200)}…` : target}")`}; a buurt folder holds only regular files and folders, and links are never followed: put the file itself here, or remove the link`,
  );
}

function defaultWithin(file: string): string {
  const sites = sitesDir();
  return file.startsWith(sites + path.sep) ? sites : path.dirname(file);
}

/**
 * The bytes of a buurt file, read only when it is a regular file, reached through no symbolic link inside
 * `within`, and at most `maxBytes` large (checked before reading, and again on the open file). Throws
 * `SiteFileError` otherwise, and the usual Node error (ENOENT) when it does not exist.
 */
export async function readConfinedFile(file: string, options: ConfinedReadOptions): Promise<Buffer> {
  const absolute = path.resolve(file);
  const within = path.resolve(options.within ?? defaultWithin(absolute));
  const info = await lstat(absolute);
  if (info.isSymbolicLink()) throw await symlinkError(absolute);
  if (!info.isFile()) {
    throw new SiteFileError('not-a-regular-file', absolute, `is ${kindOf(info)}, not a regular file; a buurt folder holds only regular files: remove it`);
  }
  const tooLarge = (size: number) =>
    new SiteFileError(
      'file-too-large',
      absolute,
      `is ${formatSize(size)}, more than the ${formatSize(options.maxBytes)} ${options.kind} may be, so it was not read; ${options.advice}`,
      size,
    );
  if (info.size > options.maxBytes) throw tooLarge(info.size);
  // A folder on the way may itself be a link (content/nieuws → ../../oost/content/nieuws): the real path must be
  // the path as written, below the real `within`.
  const relative = path.relative(within, absolute);
  const real = await realpath(absolute);
  const expected = path.join(await realpath(within), relative);
  if (relative.startsWith('..') || path.isAbsolute(relative) || real !== expected) {
    throw new SiteFileError(
      'outside-buurt',
      absolute,
      `is reached through a symbolic link to a folder (it really is ${real}); a buurt folder holds only regular files and folders: replace the linked folder with a real one`,
    );
  }
  // O_NOFOLLOW: a link swapped in after the checks above is refused by the kernel; O_NONBLOCK: a FIFO swapped in
  // cannot block the open. The open file is checked again, and never read beyond the limit.
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== info.ino || opened.dev !== info.dev) {
      throw new SiteFileError('not-a-regular-file', absolute, 'changed into something other than a regular file while it was read; run the command again');
    }
    if (opened.size > options.maxBytes) throw tooLarge(opened.size);
    const buffer = Buffer.alloc(Math.min(opened.size, options.maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > options.maxBytes) throw tooLarge(length);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Reads a content file (markdown) of a buurt as text, at most `MAX_CONTENT_BYTES`. */
export async function readContentFile(file: string, within?: string): Promise<string> {
  const bytes = await readConfinedFile(file, {
    maxBytes: MAX_CONTENT_BYTES,
    kind: 'a content file',
    advice: 'split the text over several pages, or remove what does not belong in it',
    within,
  });
  return bytes.toString('utf8');
}

/** Reads a buurt's site.yaml as text, at most `MAX_SITE_YAML_BYTES`. */
export async function readSiteYaml(file: string, within?: string): Promise<string> {
  const bytes = await readConfinedFile(file, {
    maxBytes: MAX_SITE_YAML_BYTES,
    kind: 'site.yaml',
    advice: 'it holds only the settings of the buurt; put long texts on a page in content/paginas/',
    within,
  });
  return bytes.toString('utf8');
}

/** An entry of a buurt folder that may not be there. */
export interface UnsafeEntry {
  file: string;
  error: SiteFileError;
}

/** At most this many entries are walked in one buurt folder (a big buurt has 3,000). */
const MAX_WALKED_ENTRIES = 200_000;

/**
 * Every entry below `root` with its path, folders before what is in them, never following a symbolic link (an
 * entry's type is its own, as `lstat` says) and stopping after MAX_WALKED_ENTRIES. Entries whose name `skip`
 * accepts are left out, folders with all they hold. An unreadable folder is passed over.
 */
async function* walkEntries(root: string, skip?: (name: string) => boolean): AsyncGenerator<{ file: string; entry: Dirent }> {
  const folders = [root];
  let walked = 0;
  while (folders.length && walked < MAX_WALKED_ENTRIES) {
    const folder = folders.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      walked++;
      if (skip?.(entry.name)) continue;
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(file);
      yield { file, entry };
    }
  }
}

/**
 * Every symbolic link and every entry that is neither a regular file nor a folder, anywhere in `siteDir` (the
 * folder itself included), sorted by path. Nothing is followed or read.
 */
export async function findUnsafeEntries(siteDir: string): Promise<UnsafeEntry[]> {
  const found: UnsafeEntry[] = [];
  const root = path.resolve(siteDir);
  let info;
  try {
    info = await lstat(root);
  } catch {
    return [];
  }
  if (info.isSymbolicLink()) return [{ file: root, error: await symlinkError(root) }];
  if (!info.isDirectory()) return [];
  for await (const { file, entry } of walkEntries(root)) {
    if (entry.isSymbolicLink()) found.push({ file, error: await symlinkError(file) });
    else if (!entry.isFile() && !entry.isDirectory()) {
      found.push({
        file,
        error: new SiteFileError('not-a-regular-file', file, `is ${kindOf(entry)}, not a regular file; a buurt folder holds only regular files: remove it`),
      });
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Every regular file below `dir` (sorted absolute paths), walking no symbolic link: `readdir`'s own recursive
 * mode descends into linked folders. Names starting with a dot are skipped when `hidden` is false.
 */
export async function listRegularFiles(dir: string, options: { hidden?: boolean } = {}): Promise<string[]> {
  const files: string[] = [];
  const skip = options.hidden === false ? (name: string) => name.startsWith('.') : undefined;
  for await (const { file, entry } of walkEntries(path.resolve(dir), skip)) if (entry.isFile()) files.push(file);
  return files.sort();
}
