import type { APIRoute } from 'astro';
import { getSite } from '../render/data.ts';
import { faviconPng, icoFromPng } from '../outputs/favicon.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const ico = icoFromPng(await faviconPng(site.colors, 32), 32);
  return new Response(new Uint8Array(ico), { headers: { 'Content-Type': 'image/x-icon' } });
};
