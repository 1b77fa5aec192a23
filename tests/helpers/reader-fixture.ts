/**
 * The fixture buurt of the reader-features tests (tests/fixtures/reader-features/, "Lindenbuurt"), with its
 * photo and logo made here, built by the real `buildSite` at a pinned "now", once per test run
 * (shared-build.ts).
 */
import sharp from 'sharp';
import { buildSite } from '../../scripts/platform/build/build.ts';
import { builtSite, type BuiltSite, type Workspace } from './fixtures.ts';
import { sharedBuild } from './shared-build.ts';

export const READER_SLUG = 'lindenbuurt';
export const READER_NOW = '2026-03-10T12:00';
export const READER_ORIGIN = 'https://lindenbuurt.nl';

/** The built fixture, copied into the workspace (sites/ and dist/). */
export async function buildReaderFixture(workspace: Workspace): Promise<BuiltSite> {
  return builtSite(await sharedBuild(workspace, 'reader-features', READER_SLUG, writeAndBuild));
}

/** Copies the fixture into the workspace, adds its images and builds it. */
async function writeAndBuild(workspace: Workspace): Promise<BuiltSite> {
  await workspace.copyFixture('reader-features', READER_SLUG);
  const park = await sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#5a8f3c' } })
    .jpeg()
    .toBuffer();
  const logo = await sharp({ create: { width: 400, height: 400, channels: 4, background: '#2e6b30ff' } })
    .png()
    .toBuffer();
  await workspace.writeBuurt(READER_SLUG, { 'media/park.jpg': park, 'media/logo.png': logo });
  const result = await buildSite(READER_SLUG, { env: { BUURT_NOW: READER_NOW } });
  return builtSite(result.outDir);
}
