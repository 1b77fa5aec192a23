/**
 * Build-time middleware of the search integration: hands every rendered HTML page to the search indexer
 * while Astro goes on with the next page (see src/lib/search-index.ts). The page itself is passed on
 * unchanged.
 */
import { defineMiddleware } from 'astro:middleware';
import { pageSink } from '../lib/search-index-handoff.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const sink = pageSink();
  if (!sink || !context.isPrerendered || response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  sink.add(context.url.pathname, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
