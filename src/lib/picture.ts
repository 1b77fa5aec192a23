/** The HTML of a responsive, metadata-free photo: WebP with a JPEG fallback, sized by srcset. */
import type { ProcessedImage } from './images.ts';
import { escapeHtml } from './markdown.ts';
import { urls } from './urls.ts';

export interface PictureOptions {
  alt: string;
  /** How wide the image is shown, for the browser to choose a file: "(min-width: 60rem) 40rem, 100vw". */
  sizes?: string;
  /** The first image in view loads at once; all others lazily. */
  eager?: boolean;
  className?: string;
}

/** Default `sizes`: the content column is at most about 44rem wide. */
export const CONTENT_SIZES = '(min-width: 48rem) 44rem, calc(100vw - 2rem)';

/** `<picture>` markup for a processed image; every value is escaped. */
export function pictureHtml(image: ProcessedImage, options: PictureOptions): string {
  const sizes = options.sizes ?? CONTENT_SIZES;
  const set = (format: 'webp' | 'jpeg') =>
    image.variants
      .filter((v) => v.format === format)
      .map((v) => `${urls.photo(v.name)} ${v.width}w`)
      .join(', ');
  const jpegs = image.variants.filter((v) => v.format === 'jpeg');
  const fallback = jpegs.find((v) => v.width >= 960) ?? jpegs[jpegs.length - 1]!;
  const loading = options.eager ? 'fetchpriority="high"' : 'loading="lazy"';
  const cls = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  return (
    `<picture${cls}><source type="image/webp" srcset="${set('webp')}" sizes="${escapeHtml(sizes)}">` +
    `<img src="${urls.photo(fallback.name)}" srcset="${set('jpeg')}" sizes="${escapeHtml(sizes)}" ` +
    `width="${image.width}" height="${image.height}" alt="${escapeHtml(options.alt)}" ${loading} decoding="async"></picture>`
  );
}
