import type { APIRoute } from 'astro';
import { getSite } from '../render/data.ts';
import { faviconSvg } from '../outputs/favicon.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(faviconSvg(site.colors), { headers: { 'Content-Type': 'image/svg+xml' } });
};
