/** The HTML of a responsive, metadata-free photo: WebP with a JPEG fallback, sized by srcset. */
import type { ProcessedImage } from './images.ts';
import { escapeHtml } from '../markdown/markdown.ts';
import { urls } from '../model/urls.ts';

export interface PictureOptions {
  alt: string;
  /** How wide the image is shown, for the browser to choose a file: "(min-width: 60rem) 40rem, 100vw". */
  sizes?: string;
  /** The first image in view loads at once; all others lazily. */
  eager?: boolean;
  className?: string;
}

/*
 * `sizes` values. Lengths in `sizes` and media queries count rem from the browser's default text size (16 px),
 * while the page's rem is 112.5% of it (18 px): a width of 44rem on the page is 49.5rem here. On phones with
 * screens of 2.5 times the pixel density and more, the photo is asked for at twice the density
 * (`min-resolution: 2.5dppx`, the slot counted at 2/3): sharp enough to see no difference, and a phone never
 * downloads the 1600 px photo meant for wide screens.
 */

/** Photos in the content column (at most 44rem of the page wide, the page's 1rem margins on each side). */
export const CONTENT_SIZES = '(min-width: 51.75rem) 49.5rem, (min-resolution: 2.5dppx) calc((100vw - 2.25rem) * 2 / 3), calc(100vw - 2.25rem)';

/** The photo beside a news item in a list: 12rem of the page wide from 40rem, else the card's full width. */
export const CARD_PHOTO_SIZES = '(min-width: 40rem) 13.5rem, (min-resolution: 2.5dppx) calc((100vw - 4.625rem) * 2 / 3), calc(100vw - 4.625rem)';

/** The portrait on a person's page: 12rem of the page wide. */
export const PORTRAIT_SIZES = '(min-resolution: 2.5dppx) 9rem, 13.5rem';

/** The small round photo of a person in a list: 5rem of the page wide. */
export const THUMBNAIL_SIZES = '5.625rem';

/** The logo in the header: 3.5rem of the page wide. */
export const LOGO_SIZES = '4rem';

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
