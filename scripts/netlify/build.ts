#!/usr/bin/env node
/**
 * Netlify's build command (netlify.toml): builds the buurt named by the site's BUURT environment variable,
 * incrementally (the cache plugin restores .cache/<slug>/ and dist/<slug>/ from the previous build), and
 * publishes it to dist/_netlify/ with the buurt's `_redirects` and, outside production, a noindex header.
 */
import { listSlugs } from '../platform/build/build.ts';
import { buildIfChanged, isFailure } from '../platform/build/build-many.ts';
import { netlifyPublishDir, publishForNetlify } from '../platform/netlify/netlify.ts';
import { displayPath } from '../../src/core/paths.ts';
import { outcomeLines } from '../progress.ts';

async function main(): Promise<number> {
  const slug = process.env.BUURT?.trim();
  const known = await listSlugs();
  if (!slug) {
    console.error(
      'BUURT is not set, so there is no buurt to build. In Netlify: Site configuration › Environment variables › ' +
        `add BUURT with the name of the buurt's folder in sites/ (one of: ${known.join(', ') || 'none yet'}).`,
    );
    return 1;
  }
  if (!known.includes(slug)) {
    console.error(`BUURT=${slug}, but there is no sites/${slug}/site.yaml. Known buurten: ${known.join(', ') || 'none yet'}.`);
    return 1;
  }
  const context = process.env.CONTEXT;
  console.log(`Building ${slug} for Netlify (${context ?? 'no CONTEXT: treated as production'}).`);
  const outcome = await buildIfChanged(slug, { force: process.env.BUURT_FORCE === '1', onLog: (line) => console.log(`  ${line}`) });
  for (const line of outcomeLines(outcome, true)) (isFailure(outcome) ? console.error : console.log)(line);
  if (isFailure(outcome)) return 1;
  const published = await publishForNetlify(slug, { context, publishDir: netlifyPublishDir() });
  console.log(
    `Published to ${displayPath(published.publishDir)}: ${published.redirects.length} redirect rules` +
      `${published.noindex ? ', marked noindex (not production)' : ''}.`,
  );
  return 0;
}

process.exitCode = await main();
