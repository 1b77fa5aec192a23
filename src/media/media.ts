/**
 * The originals in `sites/<slug>/media/`: what is wrong with them and how `buurt media fix` repairs them.
 *
 * The site never publishes an original (see images.ts), but originals live in git history, where anyone
 * with the repository can read the GPS position a phone wrote into a photo. Oversized originals only make
 * the repository heavy. `findMediaIssues` says what is wrong from the file's header (fast, no decoding);
 * `fixMediaFile` rewrites a file in place: upright, without metadata, at most `MEDIA_MAX_LONG_SIDE` pixels
 * on its long side, in the same format, written atomically, and only when that makes it better.
 */
import { constants } from 'node:fs';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { listRegularFiles } from '../model/site-files.ts';
import { hasGps, hasLocationMetadata, hasXmpLocation, IMAGE_TYPES, inspectImage, mediaName, readImageFile, sniffImageType } from './images.ts';
import { MEDIA_HEAVY_BYTES, MEDIA_MAX_LONG_SIDE } from './image-types.ts';

export { MEDIA_HEAVY_BYTES, MEDIA_MAX_LONG_SIDE };
/** `buurt media fix` refuses to read a larger original (a camera's RAW-size JPEG is 30 MB). */
export const MEDIA_FIX_MAX_BYTES = 200 * 1024 * 1024;
/** `buurt media fix` refuses to decode more pixels than this (sharp's own default limit, about 268 megapixels). */
export const MEDIA_FIX_MAX_PIXELS = 0x3fff * 0x3fff;
/** Encoder settings for rewritten originals: high quality, since these are the sources of every variant. */
export const MEDIA_ENCODER = {
  jpeg: { quality: 88, mozjpeg: true },
  webp: { quality: 88 },
  png: { compressionLevel: 9 },
  avif: { quality: 70 },
  gif: {},
} as const;

/** What a media original is, read from its header. */
export interface MediaHeader {
  file: string;
  /** The real type from the bytes: jpeg, png, webp, gif, avif; undefined for anything else. */
  type: string | undefined;
  bytes: number;
  /** Stored size (before orientation). */
  width: number;
  height: number;
  orientation: number;
  hasLocation: boolean;
  hasMetadata: boolean;
}

/** What makes an original worth fixing. */
export interface MediaIssues {
  /** GPS or other location data in EXIF, XMP or IPTC. */
  location: boolean;
  /** The long side is above `MEDIA_MAX_LONG_SIDE`. */
  oversized: boolean;
  /** More than `MEDIA_HEAVY_BYTES`. */
  heavy: boolean;
}

/** Every regular file in a media folder and its sub-folders (hidden files and symbolic links excluded), sorted. */
export async function listMediaFiles(mediaDir: string): Promise<string[]> {
  return listRegularFiles(mediaDir, { hidden: false });
}

/** Reads an original's header: type, size, orientation and metadata. Undefined when it is no readable image. */
export async function readMediaHeader(file: string, bytes?: Buffer): Promise<MediaHeader | undefined> {
  let head: Buffer;
  let size: number;
  try {
    head = bytes ?? (await readHead(file, 4096));
    size = bytes?.length ?? (await stat(file)).size;
  } catch {
    return undefined;
  }
  const type = sniffImageType(head);
  if (!type || !(Object.values(IMAGE_TYPES) as string[]).includes(type)) return undefined;
  try {
    // From a path sharp reads only what the header needs, not the whole photo.
    const meta = await sharp(bytes ?? file, { limitInputPixels: false }).metadata();
    return {
      file,
      type,
      bytes: size,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      orientation: meta.orientation ?? 1,
      hasLocation: hasLocationMetadata(meta),
      hasMetadata: Boolean(meta.exif || meta.xmp || meta.iptc || meta.comments?.length),
    };
  } catch {
    return undefined;
  }
}

async function readHead(file: string, length: number): Promise<Buffer> {
  // O_NOFOLLOW: a symbolic link is never read through (listMediaFiles lists none; this holds when one appears).
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What is wrong with an original, from its header. */
export function findMediaIssues(header: MediaHeader): MediaIssues {
  return {
    location: header.hasLocation,
    oversized: Math.max(header.width, header.height) > MEDIA_MAX_LONG_SIDE,
    heavy: header.bytes > MEDIA_HEAVY_BYTES,
  };
}

/** True when any issue is present. */
export function hasMediaIssues(issues: MediaIssues): boolean {
  return issues.location || issues.oversized || issues.heavy;
}

/** The issues as a phrase: "holds the GPS location where it was taken, is 4032×3024 pixels and 7.1 MB". */
export function describeMediaIssues(header: MediaHeader, issues: MediaIssues): string {
  const parts: string[] = [];
  if (issues.location) parts.push('holds the location where it was taken (GPS)');
  if (issues.oversized) parts.push(`is ${header.width}×${header.height} pixels`);
  if (issues.heavy) parts.push(`${parts.length ? '' : 'is '}${formatBytes(header.bytes)}`.trim());
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

/** What `findImageLocation` found in an image's bytes. */
export interface ImageLocation {
  /** False when sharp cannot read the bytes as an image at all. */
  readable: boolean;
  /** A location is stored somewhere in the file (EXIF GPS, XMP or IPTC place). */
  location: boolean;
}

/**
 * Whether an image's bytes hold a location anywhere: in the metadata sharp reads (as `readMediaHeader` does),
 * and in every EXIF block and XMP text in the file, since a JPEG can carry more than sharp reports (a preview
 * image appended after the main one, MPF, has its own EXIF). Used by `buurt guard` on every photo a change adds.
 */
export async function findImageLocation(bytes: Buffer): Promise<ImageLocation> {
  const header = await readMediaHeader('(image)', bytes);
  if (header?.hasLocation) return { readable: true, location: true };
  let location = hasXmpLocation(bytes);
  // "Exif\0\0" opens EXIF in JPEG (APP1) and often in WebP; "II*\0" and "MM\0*" open a bare TIFF header (PNG
  // eXIf, WebP EXIF, AVIF). A random match in compressed pixels is as good as impossible to also parse as GPS.
  const exifHeader = Buffer.from('Exif\0\0', 'latin1');
  for (const marker of ['Exif\0\0', 'II*\0', 'MM\0*']) {
    for (let at = bytes.indexOf(marker, 0, 'latin1'); at >= 0 && !location; at = bytes.indexOf(marker, at + 1, 'latin1')) {
      // hasGps reads the TIFF data after the first "Exif\0\0" it finds, so a bare TIFF header gets one in front.
      location = hasGps(marker === 'Exif\0\0' ? bytes.subarray(at) : Buffer.concat([exifHeader, bytes.subarray(at)]));
    }
  }
  return { readable: header !== undefined, location };
}

/** "7.1 MB", "850 kB". */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

export interface MediaFixResult {
  file: string;
  /**
   * `fixed` (rewritten, or would be with --dry-run), `unchanged` (nothing to do or no gain), `skipped` (cannot be
   * handled, left alone), `failed` (could not be written; the original is unchanged).
   */
  status: 'fixed' | 'unchanged' | 'skipped' | 'failed';
  /** What was (or would be) done: "removed the GPS location", "resized 4032×3024 → 2560×1920". */
  changes: string[];
  /** Why a file was skipped or left unchanged. */
  reason?: string | undefined;
  bytesBefore: number;
  bytesAfter: number;
}

export interface MediaFixOptions {
  /** Compute everything but write nothing. */
  dryRun?: boolean;
}

/**
 * Rewrites one original in place when it has location data, more than 2560 pixels on its long side, or more
 * than 3 MB: turned upright, every metadata block removed, capped at 2560 pixels, same format. A JPEG or PNG
 * that only needs its metadata removed keeps its pixels exactly (the metadata blocks are cut out, no
 * re-encoding). The result is decoded and checked before it replaces the file, through a temporary file and
 * a rename, so the original is never half-written. A file is never made worse: when re-encoding for size
 * alone does not save at least 10%, it is left as it is.
 */
export async function fixMediaFile(file: string, options: MediaFixOptions = {}): Promise<MediaFixResult> {
  // The fix reads photos too large to publish (that is what it is for), but never a link or a device.
  const bytes = await readImageFile(file, MEDIA_FIX_MAX_BYTES);
  const result: MediaFixResult = { file, status: 'unchanged', changes: [], bytesBefore: bytes.length, bytesAfter: bytes.length };
  const ext = path.extname(file).toLowerCase();
  const skip = (reason: string): MediaFixResult => ({ ...result, status: 'skipped', reason });
  if (!IMAGE_TYPES[ext]) return skip(ext === '.svg' ? 'an SVG drawing; the site does not publish SVG files' : 'not an image the site publishes');
  const header = await readMediaHeader(file, bytes);
  if (!header || header.type !== IMAGE_TYPES[ext]) return skip('not a readable image of the type its name says; run "buurt check" for details');
  if (header.width * header.height > MEDIA_FIX_MAX_PIXELS) return skip(`${header.width}×${header.height} pixels is too many to process safely`);
  const issues = findMediaIssues(header);
  if (!hasMediaIssues(issues)) return { ...result, reason: 'nothing to fix' };

  const lossless = !issues.oversized && !issues.heavy && header.orientation === 1 ? stripMetadata(header.type!, bytes) : undefined;
  let output: Buffer;
  let size = { width: header.width, height: header.height };
  if (lossless) {
    output = lossless;
  } else {
    const pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: MEDIA_FIX_MAX_PIXELS, animated: header.type === 'gif' || header.type === 'webp' })
      .rotate()
      .resize({ width: MEDIA_MAX_LONG_SIDE, height: MEDIA_MAX_LONG_SIDE, fit: 'inside', withoutEnlargement: true });
    let encoded: Sharp;
    switch (header.type) {
      case 'jpeg':
        encoded = pipeline.jpeg(MEDIA_ENCODER.jpeg);
        break;
      case 'png':
        encoded = pipeline.png(MEDIA_ENCODER.png);
        break;
      case 'webp':
        encoded = pipeline.webp(MEDIA_ENCODER.webp);
        break;
      case 'avif':
        encoded = pipeline.avif(MEDIA_ENCODER.avif);
        break;
      default:
        encoded = pipeline.gif(MEDIA_ENCODER.gif);
    }
    try {
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      output = data;
      size = { width: info.width, height: info.height };
    } catch (error) {
      return skip(`it cannot be decoded (${(error as Error).message.split('\n')[0]})`);
    }
    if (!issues.location && output.length > bytes.length * 0.9) {
      return { ...result, reason: `re-encoding saves too little (${formatBytes(bytes.length)} → ${formatBytes(output.length)}), so it was left as it is` };
    }
  }

  // Check the new file before it replaces the old one: same type, decodes completely, no metadata left.
  const checked = await readMediaHeader(file, output);
  if (!checked || checked.type !== header.type || checked.hasMetadata || checked.hasLocation) {
    return skip('the rewritten file did not pass its own check, so the original was kept');
  }
  try {
    await inspectImage(file, output, { maxBytes: Infinity, maxPixels: MEDIA_FIX_MAX_PIXELS });
  } catch (error) {
    return skip(`the rewritten file did not pass its own check (${(error as Error).message}), so the original was kept`);
  }

  if (issues.location) result.changes.push('removed the location (GPS)');
  if (header.hasMetadata) result.changes.push('removed the other metadata (EXIF, XMP, IPTC)');
  if (!lossless && header.orientation !== 1) result.changes.push('turned it upright');
  const shown = header.orientation >= 5 ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
  if (issues.oversized) result.changes.push(`resized ${shown.width}×${shown.height} → ${size.width}×${size.height}`);
  else if (!lossless) result.changes.push(`re-encoded as ${header.type!.toUpperCase()}`);
  if (lossless) result.changes.push('kept every pixel as it was');
  result.status = 'fixed';
  result.bytesAfter = output.length;
  if (!options.dryRun) await writeAtomically(file, output);
  return result;
}

/** Fixes every original in a media folder; other files are reported as skipped and left alone. */
export async function fixMediaFolder(
  mediaDir: string,
  options: MediaFixOptions & { onResult?: (result: MediaFixResult) => void } = {},
): Promise<MediaFixResult[]> {
  const results: MediaFixResult[] = [];
  for (const file of await listMediaFiles(mediaDir)) {
    let result: MediaFixResult;
    try {
      result = await fixMediaFile(file, options);
    } catch (error) {
      const size = await stat(file).then(
        (s) => s.size,
        () => 0,
      );
      result = { file, status: 'failed', changes: [], reason: `${(error as Error).message}; the original is unchanged`, bytesBefore: size, bytesAfter: size };
    }
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.fix-${process.pid}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Cuts the metadata blocks out of a JPEG or PNG without touching its pixels; undefined for other types. */
export function stripMetadata(type: string, bytes: Buffer): Buffer | undefined {
  if (type === 'jpeg') return stripJpeg(bytes);
  if (type === 'png') return stripPng(bytes);
  return undefined;
}

/**
 * A JPEG without APP1 (EXIF, XMP), APP13 (IPTC), comments and other application blocks, and without images
 * appended after the main one (MPF previews, which carry their own EXIF). Keeps JFIF (APP0), the colour
 * profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14). Undefined when the structure is unexpected.
 */
function stripJpeg(bytes: Buffer): Buffer | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xda) {
      // Start of scan: entropy-coded data follows; the first FFD9 after it ends the main image.
      const end = bytes.indexOf(Buffer.from([0xff, 0xd9]), pos);
      if (end < 0) return undefined;
      parts.push(bytes.subarray(pos, end + 2));
      return Buffer.concat(parts);
    }
    const length = bytes.readUInt16BE(pos + 2);
    const segment = bytes.subarray(pos, pos + 2 + length);
    const keep =
      !(marker >= 0xe1 && marker <= 0xef) && marker !== 0xfe
        ? true
        : marker === 0xee || (marker === 0xe2 && segment.subarray(4, 16).toString('latin1') === 'ICC_PROFILE\0');
    if (keep) parts.push(segment);
    pos += 2 + length;
  }
  return undefined;
}

/** A PNG without eXIf, tEXt, zTXt, iTXt (XMP) and tIME chunks. Undefined when the structure is unexpected. */
function stripPng(bytes: Buffer): Buffer | undefined {
  const signature = bytes.subarray(0, 8);
  if (signature.toString('latin1') !== '\x89PNG\r\n\x1a\n') return undefined;
  const drop = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);
  const parts: Buffer[] = [signature];
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.subarray(pos + 4, pos + 8).toString('latin1');
    const chunk = bytes.subarray(pos, pos + 12 + length);
    if (chunk.length !== 12 + length) return undefined;
    if (!drop.has(type)) parts.push(chunk);
    pos += 12 + length;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}

/** `media/foto.jpg` for messages. */
export { mediaName };
