import type { APIRoute } from 'astro';
import { getSite } from '../render/data.ts';
import { faviconPng } from '../outputs/favicon.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  return new Response(new Uint8Array(await faviconPng(site.colors, 180, false)), { headers: { 'Content-Type': 'image/png' } });
};
