/**
 * Photos from editors, made safe and small.
 *
 * Every published image is decoded and re-encoded by sharp: EXIF/GPS/XMP/IPTC metadata never survives,
 * the orientation is applied, and it is written at a few widths as WebP with a JPEG fallback. The original
 * is never published. Bad files fail loudly (Astro's own image service would ship the original): too many
 * pixels, too many bytes, corrupt or truncated data, or bytes that are not the type the name says.
 *
 * Work is cached per buurt by content hash in `.cache/<slug>/images/`, so a rebuild only processes new photos.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, link, lstat, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type * as Sharp from 'sharp';
import { PlatformError } from '../core/errors.ts';
import { IMAGE_TYPES, sniffImageType } from './image-types.ts';
import { readConfinedFile, SiteFileError, type SiteFileErrorCode } from '../model/site-files.ts';

/** Widths (CSS px of a full-width phone, a content column, a wide screen) each photo is made in as WebP. */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;
/**
 * Widths of the JPEG fallback. Only browsers without WebP use it (iOS 13 and older, old Android browsers):
 * phones with small screens, for which 960 px is plenty; the 1600 px JPEG was the slowest and largest variant.
 */
export const JPEG_MAX_WIDTH = 960;
/** Larger files are refused: a phone photo is 2–8 MB. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** More pixels are refused (decompression bombs): 50 megapixels is more than any phone camera. */
export const MAX_IMAGE_PIXELS = 50_000_000;
/**
 * Encoder settings, chosen from measurements (README, "Photos: formats and encoder settings"); part of the
 * cache key, so changing them re-processes every photo.
 */
export const ENCODER = { webp: { quality: 72, effort: 2 }, jpeg: { quality: 76, progressive: true, mozjpeg: false } } as const;
const PIPELINE_VERSION = 2;

export { IMAGE_TYPES, sniffImageType };

/** Names of image types for messages. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  gif: 'GIF',
  avif: 'AVIF',
  heic: 'HEIC',
  svg: 'SVG',
  html: 'HTML',
  pdf: 'PDF',
  bmp: 'BMP',
  tiff: 'TIFF',
};

/** The stable names of image problems (`Problem.code`). */
export type ImageErrorCode =
  | 'missing-image'
  | 'image-outside-media'
  | 'svg-not-allowed'
  | 'heic-not-supported'
  | 'unsupported-image-type'
  | 'image-too-large'
  | 'image-too-many-pixels'
  | 'image-type-mismatch'
  | 'corrupt-image'
  | Exclude<SiteFileErrorCode, 'file-too-large'>;

/** Thrown when an image cannot be published; `message` is a sentence for the editor naming the file. */
export class ImageError extends PlatformError {
  readonly file: string;
  readonly code: ImageErrorCode;
  constructor(code: ImageErrorCode, file: string, message: string) {
    super(message, { kind: 'content' });
    this.name = 'ImageError';
    this.code = code;
    this.file = file;
  }
}

/** "media/fotos/tuin.jpg": the path from the buurt's media folder on, for messages. */
export function mediaName(file: string): string {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('media');
  return at >= 0 ? parts.slice(at).join('/') : path.basename(file);
}

export interface ImageInfo {
  type: string;
  /** Size as shown, with the EXIF orientation applied. */
  width: number;
  height: number;
  bytes: number;
  /** The EXIF orientation (1 = upright; 6 = needs a quarter turn clockwise). */
  orientation: number;
  /** True when EXIF GPS coordinates or XMP location data are present. */
  hasLocation: boolean;
  /** True when EXIF, XMP or IPTC metadata is present. */
  hasMetadata: boolean;
}

export interface InspectLimits {
  maxBytes?: number;
  maxPixels?: number;
}

/**
 * Checks that `file` is an image the site can publish, and returns what it is. Throws `ImageError` with a
 * sentence for the editor otherwise: the file is missing, an SVG, a HEIC photo, not an allowed type, more
 * bytes or pixels than allowed (decompression bombs are refused from their header, before decoding), bytes
 * of another type than its name says, or damaged or cut off (every pixel is decoded once).
 */
export async function inspectImage(file: string, bytes?: Buffer, limits: InspectLimits = {}): Promise<ImageInfo> {
  const maxBytes = limits.maxBytes ?? MAX_IMAGE_BYTES;
  const maxPixels = limits.maxPixels ?? MAX_IMAGE_PIXELS;
  const ext = path.extname(file).toLowerCase();
  const name = mediaName(file);
  if (ext === '.svg' || ext === '.svgz') {
    throw new ImageError(
      'svg-not-allowed',
      file,
      `${name} is an SVG drawing; SVG files can carry scripts, so the site does not publish them. Save it as PNG (logos and drawings) or JPEG (photos) and use that file`,
    );
  }
  if (ext === '.heic' || ext === '.heif') throw heicError(file, name);
  const expected = IMAGE_TYPES[ext];
  if (!expected) {
    throw new ImageError(
      'unsupported-image-type',
      file,
      `${name} is ${ext ? `a ${ext} file` : 'a file without an extension'}, which the site does not publish as an image; use a JPEG (.jpg), PNG, WebP, GIF or AVIF file`,
    );
  }
  if (bytes && bytes.length > maxBytes) throw tooLargeError(file, name, bytes.length, maxBytes);
  const data = bytes ?? (await readImageFile(file, maxBytes));
  const size = data.length;
  const actual = sniffImageType(data);
  if (actual === 'heic') throw heicError(file, name);
  if (actual === 'svg' || actual === 'html') {
    throw new ImageError(
      'image-type-mismatch',
      file,
      `${name} is named as a ${TYPE_NAMES[expected]} image but contains ${TYPE_NAMES[actual]} text, not a picture; upload a real ${TYPE_NAMES[expected]} or JPEG file`,
    );
  }
  if (!actual) {
    throw new ImageError('corrupt-image', file, `${name} is not an image: its bytes match no image type (JPEG, PNG, WebP, GIF, AVIF); upload the photo again`);
  }
  if (actual !== expected) {
    const published = (Object.values(IMAGE_TYPES) as string[]).includes(actual);
    throw new ImageError(
      'image-type-mismatch',
      file,
      `${name} is named as a ${TYPE_NAMES[expected]} image but its bytes are a ${TYPE_NAMES[actual] ?? actual} file; ` +
        (published
          ? `rename it to ${path.basename(file, ext)}.${actual === 'jpeg' ? 'jpg' : actual} and correct the files that name it`
          : `save it as JPEG or PNG and upload it again`),
    );
  }
  let meta: Sharp.Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch (error) {
    if (cutOff(data, actual)) throw incomplete(file, name);
    throw new ImageError('corrupt-image', file, `${name} cannot be read as a ${TYPE_NAMES[actual]} image (${sharpReason(error)}); upload the photo again`);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new ImageError('corrupt-image', file, `${name} has no width or height; upload the photo again`);
  if (width * height > maxPixels) {
    throw new ImageError(
      'image-too-many-pixels',
      file,
      `${name} says it is ${width}×${height} pixels (${Math.round((width * height) / 1_000_000)} megapixels), more than the ${maxPixels / 1_000_000} megapixels an image may have; ` +
        `a small file claiming that many pixels can be a decompression bomb. Export it at most 2560 pixels wide and upload it again`,
    );
  }
  // Decode every pixel once: a truncated or corrupt file fails here, not silently later.
  try {
    await sharp(data, { failOn: 'truncated', limitInputPixels: maxPixels }).rotate().resize(64).raw().toBuffer();
  } catch (error) {
    throw incomplete(file, name, cutOff(data, actual) ? undefined : sharpReason(error));
  }
  return {
    type: actual,
    width,
    height,
    bytes: size,
    orientation: meta.orientation ?? 1,
    hasLocation: hasLocationMetadata(meta),
    hasMetadata: Boolean(meta.exif || meta.xmp || meta.iptc),
  };
}

/** True when sharp's metadata names where the image was made: EXIF GPS, XMP or IPTC location fields. */
export function hasLocationMetadata(meta: Pick<Sharp.Metadata, 'exif' | 'xmp' | 'iptc'>): boolean {
  return hasGps(meta.exif) || hasXmpLocation(meta.xmp) || hasIptcLocation(meta.iptc);
}

/** Bump when `inspectImage` gets stricter, so photos it passed before are checked again. */
const VALIDATION_VERSION = 1;

/**
 * `inspectImage`, remembered by content hash in `<cacheDir>/verified/`: a rebuild does not decode unchanged
 * photos again (hashing a phone photo takes milliseconds, decoding it a hundred). Refusals are not
 * remembered, so they are reported every time.
 */
export async function inspectImageCached(file: string, cacheDir: string): Promise<ImageInfo> {
  const bytes = await readImageFile(file);
  const key = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify({ VALIDATION_VERSION, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, ext: path.extname(file).toLowerCase() }))
    .digest('hex')
    .slice(0, 32);
  const remembered = path.join(cacheDir, 'verified', `${key}.json`);
  try {
    return JSON.parse(await readFile(remembered, 'utf8')) as ImageInfo;
  } catch {
    // Not verified yet.
  }
  const info = await inspectImage(file, bytes);
  try {
    await mkdir(path.dirname(remembered), { recursive: true });
    await writeAtomic(remembered, JSON.stringify(info));
  } catch {
    // Remembering is an optimisation; a read-only cache only costs time.
  }
  return info;
}

/**
 * The bytes of a photo in a buurt's media folder, read only when it is a regular file inside the buurt (no
 * symbolic link) and at most `maxBytes` large (checked with `stat` before reading). Throws `ImageError`.
 */
export async function readImageFile(file: string, maxBytes = MAX_IMAGE_BYTES): Promise<Buffer> {
  const name = mediaName(file);
  try {
    return await readConfinedFile(file, { maxBytes, kind: 'an image', advice: 'make it smaller' });
  } catch (error) {
    if (error instanceof SiteFileError) {
      if (error.code === 'file-too-large') throw tooLargeError(file, name, error.size ?? 0, maxBytes);
      throw new ImageError(error.code, file, `${name} ${error.message}`);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new ImageError('missing-image', file, `${name} does not exist; upload it to the media folder or correct the path`);
    }
    throw new ImageError('corrupt-image', file, `${name} cannot be read (${(error as Error).message})`);
  }
}

function tooLargeError(file: string, name: string, size: number, maxBytes: number): ImageError {
  return new ImageError(
    'image-too-large',
    file,
    `${name} is ${megabytes(size)}, more than the ${megabytes(maxBytes)} an image may be; make it smaller with "buurt media fix", or export it at most 2560 pixels wide`,
  );
}

function heicError(file: string, name: string): ImageError {
  return new ImageError(
    'heic-not-supported',
    file,
    `${name} is a HEIC photo (the iPhone's own format), which most browsers cannot show; save it as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible) and upload that`,
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** The refusal of a file that does not decode to its end; without `reason`, its bytes showed it was cut off. */
function incomplete(file: string, name: string, reason = 'the file stops before the image ends'): ImageError {
  return new ImageError('corrupt-image', file, `${name} is damaged or incomplete (${reason}); the upload was probably cut off, so upload the photo again`);
}

/**
 * The first line of a sharp/libvips error, without the library's prefixes. libvips's error buffer is shared by
 * the whole process, so when two images fail at once a reason can be lost ("Unknown error"): say so plainly then.
 */
function sharpReason(error: unknown): string {
  const reason = String((error as Error).message ?? error)
    .split('\n')[0]!
    .replace(/^Input (buffer|file) /, '')
    .trim();
  return reason === '' || reason === 'Unknown error' ? 'the image decoder gave no reason' : reason;
}

/**
 * True when `data` lacks the end its type must have: a JPEG's end-of-image marker (phones may add data after
 * it, so this is only asked once decoding failed), a PNG's IEND chunk, a GIF's trailer, a WebP's full RIFF
 * length. Found from the bytes, so the message does not depend on libvips's shared error text.
 */
function cutOff(data: Buffer, type: string): boolean {
  switch (type) {
    case 'jpeg':
      // Cut off when no end marker follows the last scan, or there is no end marker at all.
      return data.lastIndexOf(JPEG_END) < Math.max(0, data.lastIndexOf(JPEG_SCAN));
    case 'png':
      return !data.includes('IEND', Math.max(0, data.length - 64), 'latin1');
    case 'gif':
      return data.at(-1) !== 0x3b;
    case 'webp':
      return data.length >= 12 && data.readUInt32LE(4) + 8 > data.length;
    default:
      return false;
  }
}
const JPEG_END = Buffer.from([0xff, 0xd9]);
const JPEG_SCAN = Buffer.from([0xff, 0xda]);

/**
 * True when an EXIF block holds GPS coordinates: a GPS IFD (tag 0x8825 in IFD0) with a latitude or
 * longitude (tags 2 and 4). Reads the TIFF structure by hand; a damaged block counts as no GPS.
 */
export function hasGps(exif: Buffer | undefined): boolean {
  if (!exif || exif.length < 14) return false;
  let start = exif.indexOf('Exif\0\0');
  start = start >= 0 ? start + 6 : 0;
  const tiff = exif.subarray(start);
  const little = tiff[0] === 0x49;
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const tagsOf = (ifd: number) => {
    const count = u16(ifd);
    return Array.from({ length: Math.min(count, 500) }, (_, i) => ({ tag: u16(ifd + 2 + i * 12), value: u32(ifd + 2 + i * 12 + 8) }));
  };
  try {
    const gps = tagsOf(u32(4)).find((entry) => entry.tag === 0x8825);
    if (!gps || gps.value === 0) return false;
    return tagsOf(gps.value).some((entry) => entry.tag === 0x0002 || entry.tag === 0x0004);
  } catch {
    return false;
  }
}

/**
 * True when an IPTC block (Photoshop APP13) names a place: datasets 2:26 location code, 2:27 location name,
 * 2:90 city, 2:92 sublocation, 2:95 province, 2:100/101 country.
 */
export function hasIptcLocation(iptc: Buffer | undefined): boolean {
  if (!iptc) return false;
  const places = new Set([26, 27, 90, 92, 95, 100, 101]);
  for (let i = 0; i + 4 < iptc.length; i++) {
    if (iptc[i] === 0x1c && iptc[i + 1] === 0x02 && places.has(iptc[i + 2]!) && iptc.readUInt16BE(i + 3) > 0) return true;
  }
  return false;
}

/** True when XMP metadata names a place: GPS coordinates, or a city, location or address field. */
export function hasXmpLocation(xmp: Buffer | undefined): boolean {
  if (!xmp) return false;
  return /GPS(Latitude|Longitude)|LocationCreated|LocationShown|photoshop:City|Iptc4xmpCore:Location/.test(xmp.toString('utf8'));
}

export interface ImageVariant {
  format: 'webp' | 'jpeg';
  width: number;
  height: number;
  /** File name inside the cache and the published `_fotos/` folder: "3f2a…-960.webp". */
  name: string;
}

export interface ProcessedImage {
  /** Content hash of the source plus encoder settings. */
  key: string;
  /** Size of the largest variant; use for width/height attributes (the aspect ratio). */
  width: number;
  height: number;
  variants: ImageVariant[];
}

/** The widths to make for a source of `sourceWidth` px: never upscaled, at least one. */
export function targetWidths(sourceWidth: number, widths: readonly number[] = IMAGE_WIDTHS): number[] {
  const fitting = widths.filter((w) => w < sourceWidth);
  return fitting.length === widths.length ? [...widths] : [...fitting, Math.min(sourceWidth, widths[widths.length - 1]!)];
}

const inFlight = new Map<string, Promise<ProcessedImage>>();

/**
 * Makes the published variants of `file` in `cacheDir` (or finds them there from an earlier build) and
 * returns their names. Throws `ImageError` for anything that is not a safe, readable image.
 */
export function processImage(file: string, cacheDir: string): Promise<ProcessedImage> {
  const key = `${cacheDir}\0${file}`;
  let job = inFlight.get(key);
  if (!job) {
    job = processUncached(file, cacheDir).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
  }
  return job;
}

async function processUncached(file: string, cacheDir: string): Promise<ProcessedImage> {
  const dir = path.join(cacheDir, 'images');
  // A photo seen before with the same size and modification time: its manifest, without reading and hashing the
  // photo again (a rebuild of a buurt with hundreds of photos otherwise re-reads them all).
  const sourceMemo = path.join(dir, 'sources', `${createHash('sha1').update(file).digest('hex')}.json`);
  const seen = await lstat(file).catch(() => undefined);
  if (seen?.isFile() && Date.now() - seen.mtimeMs > 3000) {
    try {
      const memo = JSON.parse(await readFile(sourceMemo, 'utf8')) as { size: number; mtimeMs: number; key: string };
      if (memo.size === seen.size && memo.mtimeMs === seen.mtimeMs) {
        return JSON.parse(await readFile(path.join(dir, `${memo.key}.json`), 'utf8')) as ProcessedImage;
      }
    } catch {
      // Not seen, or its versions are gone: read the photo.
    }
  }
  const bytes = await readImageFile(file);
  const key = createHash('sha256').update(bytes).update(JSON.stringify({ ENCODER, IMAGE_WIDTHS, JPEG_MAX_WIDTH, PIPELINE_VERSION })).digest('hex').slice(0, 20);
  const manifestFile = path.join(dir, `${key}.json`);
  const remember = async () => {
    if (!seen) return;
    await mkdir(path.dirname(sourceMemo), { recursive: true });
    await writeAtomic(sourceMemo, JSON.stringify({ size: seen.size, mtimeMs: seen.mtimeMs, key }));
  };
  try {
    const cached = JSON.parse(await readFile(manifestFile, 'utf8')) as ProcessedImage;
    await remember();
    return cached;
  } catch {
    // Not processed yet.
  }
  const info = await inspectImage(file, bytes);
  await mkdir(dir, { recursive: true });
  const encoded = await encodeVariants(bytes, targetWidths(info.width));
  const variants: ImageVariant[] = [];
  await Promise.all(
    encoded.map(async ({ data, ...variant }) => {
      const name = `${key}-${variant.width}.${variant.format === 'jpeg' ? 'jpg' : 'webp'}`;
      await writeAtomic(path.join(dir, name), data);
      variants.push({ ...variant, name });
    }),
  );
  variants.sort((a, b) => a.width - b.width || a.format.localeCompare(b.format));
  const largest = variants[variants.length - 1]!;
  const result: ProcessedImage = { key, width: largest.width, height: largest.height, variants };
  await writeAtomic(manifestFile, JSON.stringify(result));
  await remember();
  return result;
}

export interface EncoderSettings {
  webp: Sharp.WebpOptions;
  jpeg: Sharp.JpegOptions;
  /** Widths above this get no JPEG. */
  jpegMaxWidth: number;
}

/**
 * Encodes the variants of an image at `widths` (from `targetWidths`): WebP at every width, JPEG up to
 * `jpegMaxWidth`. The source is decoded, oriented and scaled to the largest width once; the smaller widths are
 * made from that, so a 3000×2000 phone photo is decoded one time instead of once per variant. Metadata never
 * reaches the output. Exported for the benchmark, which compares settings with this same code.
 */
export async function encodeVariants(
  bytes: Buffer,
  widths: readonly number[],
  settings: EncoderSettings = { webp: ENCODER.webp, jpeg: ENCODER.jpeg, jpegMaxWidth: JPEG_MAX_WIDTH },
): Promise<(Omit<ImageVariant, 'name'> & { data: Buffer })[]> {
  const largest = Math.max(...widths);
  const { data: pixels, info } = await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .resize({ width: largest, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const jobs = widths.flatMap((width) => [
    { width, format: 'webp' as const },
    ...(width <= settings.jpegMaxWidth || width === Math.min(...widths) ? [{ width, format: 'jpeg' as const }] : []),
  ]);
  return Promise.all(
    jobs.map(async ({ width, format }) => {
      let pipeline = sharp(pixels, { raw });
      if (width < info.width) pipeline = pipeline.resize({ width });
      const out = format === 'webp' ? pipeline.webp(settings.webp) : pipeline.flatten({ background: '#ffffff' }).jpeg(settings.jpeg);
      const { data, info: size } = await out.toBuffer({ resolveWithObject: true });
      return { format, width: size.width, height: size.height, data };
    }),
  );
}

async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

/** Copies (or hard-links) the variants of a processed image into a published folder. */
export async function publishVariants(image: ProcessedImage, cacheDir: string, targetDir: string): Promise<void> {
  await mkdir(targetDir, { recursive: true });
  await Promise.all(
    image.variants.map(async (variant) => {
      const from = path.join(cacheDir, 'images', variant.name);
      const to = path.join(targetDir, variant.name);
      try {
        await stat(to);
        return;
      } catch {
        // Not there yet.
      }
      try {
        await link(from, to);
      } catch {
        await copyFile(from, to);
      }
    }),
  );
}

/**
 * Resolves an image path from content to a file inside the buurt's media folder. `from` is the file that
 * names it; "/media/x.jpg" is relative to the buurt. Returns undefined for a path that leaves `media/`.
 */
export function resolveMediaPath(src: string, from: string, siteDir: string): string | undefined {
  const mediaDir = path.join(siteDir, 'media');
  const clean = decodeURIComponentSafe(src.split(/[?#]/)[0]!);
  const resolved = clean.startsWith('/media/') ? path.join(siteDir, clean) : path.resolve(path.dirname(from), clean);
  return resolved.startsWith(mediaDir + path.sep) ? resolved : undefined;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
