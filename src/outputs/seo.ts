/**
 * What search engines and link previews (WhatsApp, Facebook, Mastodon) read about a page: absolute addresses
 * on the buurt's own domain and the image a preview shows.
 */
import type { ProcessedImage } from '../media/images.ts';
import { urls } from '../model/urls.ts';

/** The per-buurt default preview image, made at build time from the buurt's name, colours and logo. */
export const DEFAULT_SHARE_IMAGE = { path: '/deelafbeelding.jpg', width: 1200, height: 630 } as const;

export interface ShareImage {
  /** Absolute https address. */
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** `path` ("/agenda/") on the buurt's origin ("https://oostbuurt.nl"): "https://oostbuurt.nl/agenda/". */
export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, origin).href;
}

/**
 * The variant of a processed photo for link previews: the largest JPEG (960 px wide when the original was
 * that large, enough for a large preview card; every preview service reads JPEG, not all read WebP).
 */
export function shareImageOf(image: ProcessedImage, alt: string, origin: string): ShareImage {
  const jpegs = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width);
  const best = jpegs[0] ?? image.variants[image.variants.length - 1]!;
  return { url: absoluteUrl(origin, urls.photo(best.name)), width: best.width, height: best.height, alt };
}

/** The default preview image of a buurt. */
export function defaultShareImage(origin: string, siteName: string): ShareImage {
  return { url: absoluteUrl(origin, DEFAULT_SHARE_IMAGE.path), width: DEFAULT_SHARE_IMAGE.width, height: DEFAULT_SHARE_IMAGE.height, alt: siteName };
}
