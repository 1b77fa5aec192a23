/** The link-preview image of a page during an Astro render: its own photo, or the buurt's default image. */
import { preparePhoto } from './photos.ts';
import type { SiteConfig } from '../model/schemas.ts';
import { defaultShareImage, shareImageOf, type ShareImage } from '../outputs/seo.ts';
import { nl } from '../model/strings.ts';

/** The preview image for a page showing `image` (named in the content file `from`), or the default. */
export async function pageShareImage(site: SiteConfig, image?: { src: string; alt: string }, from?: string): Promise<ShareImage> {
  if (image && from) return shareImageOf(await preparePhoto(image.src, from), image.alt, site.domain);
  return { ...defaultShareImage(site.domain, site.name), alt: nl.shareImageAlt(site.name) };
}
