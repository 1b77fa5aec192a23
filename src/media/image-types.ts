/**
 * The image types editors may upload, by file extension, how to recognise them from their bytes, and the
 * limits of an original: one source for the photo pipeline (images.ts), `buurt media fix` (media.ts),
 * `buurt guard`, which must stay light because it runs on every pull request (it loads sharp only when a change
 * holds a photo, to look for its location), and the photo cleaning in the editors' browser
 * (src/admin/photo-cleaning.ts), which must not import Node modules.
 */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export const IMAGE_TYPES: Readonly<Record<string, ImageType>> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.gif': 'gif',
  '.avif': 'avif',
};

/** Originals are capped at this long side: more than the widest published variant (1600 px), with room to crop. */
export const MEDIA_MAX_LONG_SIDE = 2560;
/** An original heavier than this is worth re-encoding. */
export const MEDIA_HEAVY_BYTES = 3 * 1024 * 1024;

/**
 * The real type of image bytes, from their first bytes ("magic numbers"): jpeg, png, gif, webp, avif, heic,
 * svg, html, pdf, bmp or tiff; undefined when they match none.
 */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && ascii(1, 8) === 'PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (/^hei[cxsm]|^mif1|^msf1|^hev[cxms]/.test(brand)) return 'heic';
  }
  if (ascii(0, 5) === '%PDF-') return 'pdf';
  if (ascii(0, 2) === 'BM') return 'bmp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || head.startsWith('<!doctype svg')) return 'svg';
  if (head.startsWith('<')) return 'html';
  return undefined;
}
