import path from 'node:path';
import type { APIRoute } from 'astro';
import sharp from 'sharp';
import { getSite } from '../../render/data.ts';
import { buildContext } from '../../core/build-context.ts';
import { faviconPng } from '../../outputs/favicon.ts';
import { sitePaths } from '../../core/paths.ts';
import { isNewsletterOpen } from '../../newsletter/subscribe.ts';

/** Only a buurt with a newsletter gets /nieuwsbrief/logo.png. */
export async function getStaticPaths() {
  return isNewsletterOpen(await getSite()) ? [{ params: { logo: 'logo' } }] : [];
}

/** The logo at the top of the newsletter: the buurt's logo as a 96 px PNG (mail clients show no WebP or SVG). */
export const GET: APIRoute = async () => {
  const site = await getSite();
  const configFile = sitePaths(buildContext().slug).configFile;
  const png = site.logo
    ? await sharp(path.resolve(path.dirname(configFile), site.logo.src), { limitInputPixels: 50_000_000 })
        .resize(96, 96, { fit: 'contain', background: { r: 255, g: 255, b: 255, alpha: 0 } })
        .png()
        .toBuffer()
    : await faviconPng(site.colors, 96, false);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
