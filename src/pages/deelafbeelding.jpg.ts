import type { APIRoute } from 'astro';
import { getSite } from '../render/data.ts';
import { buildContext } from '../core/build-context.ts';
import { resolveMediaPath } from '../media/images.ts';
import { renderShareImage } from '../outputs/share-image.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const context = buildContext();
  const logoFile = site.logo ? resolveMediaPath(site.logo.src, context.configFile, context.siteDir) : undefined;
  const image = await renderShareImage({ name: site.name, tagline: site.tagline, colors: site.colors, logoFile });
  return new Response(new Uint8Array(image), { headers: { 'Content-Type': 'image/jpeg' } });
};
