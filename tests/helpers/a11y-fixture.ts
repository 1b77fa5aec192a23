/**
 * The buurten the accessibility and speed tests run on: the fixture "a11y-long-content" (Dutch compound words in
 * titles and menus, 40 tags, many photos, every kind of page) with its photos made here, and the demo buurt
 * voorbeeldwijk copied from sites/. Both are built by the real `buildSite` at a pinned "now".
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { buildSite } from '../../scripts/platform/build/build.ts';
import { builtSite, repoDir, type BuiltSite, type Workspace } from './fixtures.ts';
import { sharedBuild } from './shared-build.ts';

export const LONG_SLUG = 'kastanjeboomgaardwijk';
export const LONG_NOW = '2026-03-10T12:00';
export const DEMO_SLUG = 'voorbeeldwijk';
/** The demo buurt's content is written around this moment. */
export const DEMO_NOW = '2026-11-28T12:00';

/** The photos the fixture names, each a different size and shape so every srcset variant exists. */
const PHOTOS: Record<string, [number, number, string]> = {
  'preventie.jpg': [2400, 1600, '#35506b'],
  'isolatie.jpg': [2000, 1333, '#8a5a2b'],
  'speeltuin.jpg': [1800, 1200, '#3f7a3a'],
  'mantelzorg.jpg': [2200, 1467, '#6b3550'],
  'verkeer.jpg': [2000, 1125, '#505050'],
  'moestuin.jpg': [2000, 1500, '#2f6b2a'],
  'repair.jpg': [1600, 1067, '#6b6235'],
  'feest.jpg': [2400, 1350, '#7a2e5a'],
  'markt.jpg': [2000, 1333, '#a0402a'],
  'avond.jpg': [2400, 1600, '#1e2a44'],
  'taal.jpg': [2000, 1333, '#4a6b8a'],
  'straat.jpg': [2400, 1600, '#6b4a2a'],
  'luchtfoto.jpg': [1200, 1600, '#7a7a5a'],
  'portret-fatima.jpg': [1000, 1000, '#8a6a5a'],
  'portret-henk.jpg': [800, 1000, '#5a6a8a'],
};

/** A photo-like JPEG: a gradient with noise, so it compresses like a photograph. */
async function photo(width: number, height: number, colour: string): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * The long-content fixture, built once per test run (shared-build.ts: the accessibility suite and the audit
 * read it) and copied into the workspace.
 */
export async function buildLongContentFixture(workspace: Workspace): Promise<BuiltSite> {
  return builtSite(await sharedBuild(workspace, 'a11y-long-content', LONG_SLUG, writeLongContent));
}

/** Copies the long-content fixture into the workspace, adds its photos and logo, and builds it. */
async function writeLongContent(workspace: Workspace): Promise<BuiltSite> {
  await workspace.copyFixture('a11y-long-content', LONG_SLUG);
  const files: Record<string, Buffer> = {};
  for (const [name, [width, height, colour]] of Object.entries(PHOTOS)) files[`media/${name}`] = await photo(width, height, colour);
  files['media/logo.png'] = await sharp({ create: { width: 512, height: 512, channels: 4, background: '#7a2e5aff' } })
    .png()
    .toBuffer();
  await workspace.writeBuurt(LONG_SLUG, files);
  const result = await buildSite(LONG_SLUG, { env: { BUURT_NOW: LONG_NOW } });
  return builtSite(result.outDir);
}

/** Copies the demo buurt from sites/ into the workspace and builds it. */
export async function buildDemo(workspace: Workspace): Promise<BuiltSite> {
  await cp(path.join(repoDir, 'sites', DEMO_SLUG), path.join(workspace.sitesDir, DEMO_SLUG), { recursive: true });
  const result = await buildSite(DEMO_SLUG, { env: { BUURT_NOW: DEMO_NOW } });
  return builtSite(result.outDir);
}
