import type { APIRoute } from 'astro';
import { getSite } from '../render/data.ts';
import { absoluteUrl } from '../outputs/seo.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const body = [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin/',
    'Disallow: /pagefind/',
    '',
    `Sitemap: ${absoluteUrl(site.domain, '/sitemap-index.xml')}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
