import type { APIRoute } from 'astro';
import { getSite } from '../data.ts';
import { faviconSvg } from '../lib/favicon.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(faviconSvg(site.colors), { headers: { 'Content-Type': 'image/svg+xml' } });
};
