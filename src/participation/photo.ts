/**
 * A resident's photo, cleaned with the media pipeline editors' originals go through (media.ts, images.ts):
 * refused when it is not a JPEG, PNG or WebP by its bytes (whatever its name or declared type says), when it is
 * larger than 10 MB or has more pixels than the site processes (a decompression bomb is refused from its
 * header, before decoding), or when it does not decode completely. What is kept is always re-encoded: turned
 * upright, at most 2560 pixels on its long side, as a JPEG without any metadata (no EXIF, no GPS), then checked
 * again before it is used.
 */
import sharp from 'sharp';
import { ImageError, inspectImage, sniffImageType } from '../media/images.ts';
import { MEDIA_ENCODER, MEDIA_MAX_LONG_SIDE, readMediaHeader } from '../media/media.ts';
import { MAX_PHOTO_BYTES } from './forms.ts';

/** Pixels a resident's photo may have: a 48-megapixel phone photo fits, a bomb does not. */
export const MAX_PHOTO_PIXELS = 50_000_000;

const ACCEPTED: Readonly<Record<string, string>> = { jpeg: '.jpg', png: '.png', webp: '.webp' };

/** Thrown with a Dutch sentence for the resident. */
export class PhotoRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoRefused';
  }
}

/** The cleaned photo as JPEG bytes; throws PhotoRefused with a Dutch reason. */
export async function cleanPhoto(bytes: Buffer): Promise<Buffer> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoRefused('De foto is groter dan 10 MB. Kies een kleinere foto.');
  const type = sniffImageType(bytes);
  const ext = type ? ACCEPTED[type] : undefined;
  if (!ext) {
    throw new PhotoRefused(
      type === 'heic'
        ? 'Deze foto is een HEIC-bestand (iPhone). Kies bij het delen “Meest compatibel” of stuur een JPEG.'
        : 'Het bestand is geen foto in JPEG, PNG of WebP. Kies een foto.',
    );
  }
  try {
    await inspectImage(`inzending${ext}`, bytes, { maxBytes: MAX_PHOTO_BYTES, maxPixels: MAX_PHOTO_PIXELS });
  } catch (error) {
    if (error instanceof ImageError) {
      throw new PhotoRefused(
        error.code === 'image-too-many-pixels'
          ? 'De foto heeft te veel beeldpunten. Kies een kleinere foto.'
          : 'De foto is beschadigd of onvolledig en kan niet worden gelezen. Kies een andere foto.',
      );
    }
    throw error;
  }
  let output: Buffer;
  try {
    output = await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PHOTO_PIXELS })
      .rotate()
      .resize({ width: MEDIA_MAX_LONG_SIDE, height: MEDIA_MAX_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg(MEDIA_ENCODER.jpeg)
      .toBuffer();
  } catch {
    throw new PhotoRefused('De foto is beschadigd of onvolledig en kan niet worden gelezen. Kies een andere foto.');
  }
  const header = await readMediaHeader('inzending.jpg', output);
  if (!header || header.type !== 'jpeg' || header.hasMetadata || header.hasLocation) {
    throw new PhotoRefused('De foto kon niet veilig worden verwerkt. Kies een andere foto.');
  }
  return output;
}
