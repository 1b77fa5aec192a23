/**
 * What the admin does with a photo an editor picks, before Decap CMS sees it (the browser side is
 * src/admin/photo-cleaning.ts): which files it can clean, how large the cleaned photo becomes, and how it is
 * encoded. Plain TypeScript without DOM or Node, so the tests can check the decisions directly.
 *
 * Cleaning means: decode (with the EXIF orientation applied), draw on a canvas, encode again. A canvas holds
 * pixels only, so EXIF (GPS position, camera, date), XMP and IPTC never reach the new file.
 */
import { MEDIA_HEAVY_BYTES, MEDIA_MAX_LONG_SIDE, sniffImageType } from '../media/image-types.ts';

/** The types the browser can decode and encode again: JPEG, PNG and WebP. */
export type CleanableType = 'jpeg' | 'png' | 'webp';

export const CLEANABLE_MIME: Readonly<Record<CleanableType, string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** A file this large is refused before decoding: a phone photo is 2–12 MB; decoding more can exhaust a phone. */
export const CLEAN_MAX_INPUT_BYTES = 40 * 1024 * 1024;

/** Quality of the first encoding of JPEG and WebP (0–1), and the lowest quality tried before shrinking. */
export const CLEAN_QUALITY = 0.88;
export const CLEAN_MIN_QUALITY = 0.72;

/** Why a file cannot be cleaned; each has a Dutch message in texts.ts (`adminTexts.photo`). */
export type CleanRefusal =
  | { reason: 'heic'; name: string }
  | { reason: 'unsupported'; name: string; type: string | undefined }
  | { reason: 'too-large'; name: string; bytes: number }
  | { reason: 'unreadable'; name: string };

/** The type of a picked file from its first bytes (at least 32), or why it cannot be cleaned. */
export function cleanableType(name: string, head: Uint8Array, bytes: number): CleanableType | CleanRefusal {
  const type = sniffImageType(head);
  if (type === 'heic' || /\.hei[cf]$/i.test(name)) return { reason: 'heic', name };
  if (type !== 'jpeg' && type !== 'png' && type !== 'webp') return { reason: 'unsupported', name, type };
  if (bytes > CLEAN_MAX_INPUT_BYTES) return { reason: 'too-large', name, bytes };
  return type;
}

/** `width`×`height` scaled down (never up) so the long side is at most `maxLongSide`, keeping the shape. */
export function fitWithin(width: number, height: number, maxLongSide = MEDIA_MAX_LONG_SIDE): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxLongSide) return { width, height };
  const scale = maxLongSide / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** One encoding attempt: size and (for JPEG and WebP) quality. */
export interface EncodeStep {
  width: number;
  height: number;
  quality: number | undefined;
}

/**
 * The next attempt after an encoding of `bytes` came out heavier than `maxBytes`: a lower quality for JPEG
 * and WebP first, then fewer pixels (by the square root of the overshoot, a little more to be sure).
 * Undefined when the result is light enough.
 */
export function nextEncodeStep(type: CleanableType, step: EncodeStep, bytes: number, maxBytes = MEDIA_HEAVY_BYTES): EncodeStep | undefined {
  if (bytes <= maxBytes) return undefined;
  if (type !== 'png' && step.quality !== undefined && step.quality > CLEAN_MIN_QUALITY) {
    return { ...step, quality: Math.max(CLEAN_MIN_QUALITY, Math.round((step.quality - 0.08) * 100) / 100) };
  }
  const scale = Math.sqrt(maxBytes / bytes) * 0.9;
  return { ...step, width: Math.max(1, Math.floor(step.width * scale)), height: Math.max(1, Math.floor(step.height * scale)) };
}

/** The first attempt for a decoded photo of `width`×`height` (orientation applied). */
export function firstEncodeStep(type: CleanableType, width: number, height: number): EncodeStep {
  return { ...fitWithin(width, height), quality: type === 'png' ? undefined : CLEAN_QUALITY };
}

/** The file name for the cleaned photo: the same, with the extension of the type it was written as. */
export function cleanedName(name: string, type: CleanableType): string {
  const extension = type === 'jpeg' ? (/\.jpe?g$/i.test(name) ? name.slice(name.lastIndexOf('.')) : '.jpg') : `.${type}`;
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  return `${base || 'foto'}${extension}`;
}
