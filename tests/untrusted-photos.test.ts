/**
 * gps-photo: a phone photo (EXIF Orientation 6, GPS, camera data, XMP location, IPTC caption and city) used as
 * a hero and in the text of a built buurt. The published files carry no metadata, are turned upright, come
 * in several widths as WebP with a JPEG fallback, and the original never reaches dist/.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../scripts/platform/build/build.ts';
import { builtSite, createWorkspace, type BuiltSite, type Workspace } from './helpers/fixtures.ts';
import { phonePhoto, photo } from './helpers/images.ts';

let workspace: Workspace;
let site: BuiltSite;
const originals: Record<string, Buffer> = {};

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.copyFixture('gps-photo');
  originals['telefoon.jpg'] = await phonePhoto(1200, 900);
  originals['plein.jpg'] = await photo(2400, 1200);
  originals['schets.png'] = await photo(300, 200, 'png');
  await workspace.writeBuurt('gps-photo', Object.fromEntries(Object.entries(originals).map(([name, bytes]) => [`media/${name}`, bytes])));
  site = builtSite((await buildSite('gps-photo', { env: { BUURT_NOW: '2026-03-10T12:00' } })).outDir);
});
afterAll(async () => {
  await workspace?.dispose();
});

describe('published photos', () => {
  it('carry no EXIF, GPS, XMP or IPTC, are turned upright and are exactly the size their name says', async () => {
    const dir = path.join(site.dir, '_fotos');
    const files = (await readdir(dir)).sort();
    expect(files.length).toBeGreaterThanOrEqual(10);
    const phone: string[] = [];
    for (const name of files) {
      const bytes = await readFile(path.join(dir, name));
      const meta = await sharp(bytes).metadata();
      expect([meta.exif, meta.xmp, meta.iptc, meta.orientation], name).toEqual([undefined, undefined, undefined, undefined]);
      for (const secret of ['Fruitphone', 'Kroonstraat', 'Amsterdam', 'GPS']) expect(bytes.includes(secret), `${name} contains ${secret}`).toBe(false);
      const width = Number(/-(\d+)\.(webp|jpg)$/.exec(name)![1]);
      expect(meta.width, name).toBe(width);
      expect(meta.format, name).toBe(name.endsWith('.webp') ? 'webp' : 'jpeg');
      if (meta.height! > meta.width!) phone.push(`${meta.width}×${meta.height}`);
    }
    // The phone photo is stored 1200×900 but shown upright: 900×1200, made at 480 and 900 wide.
    expect(phone.sort()).toEqual(['480×640', '480×640', '900×1200', '900×1200']);
  });

  it('never copies an original into dist/', async () => {
    const hashes = new Set(Object.values(originals).map((bytes) => createHash('sha256').update(bytes).digest('hex')));
    const files = (await readdir(site.dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    for (const file of files) {
      expect(Object.keys(originals), file.name).not.toContain(file.name);
      const bytes = await readFile(path.join(file.parentPath, file.name));
      expect(hashes.has(createHash('sha256').update(bytes).digest('hex')), file.name).toBe(false);
    }
  });

  it('are responsive pictures: WebP with a JPEG fallback, srcset and sizes, width and height, alt', async () => {
    const $ = await site.page('/nieuws/nieuwe-bankjes/');
    const hero = $('.hero');
    expect(hero.is('picture')).toBe(true);
    expect(hero.find('source').attr('type')).toBe('image/webp');
    expect(hero.find('source').attr('srcset')).toMatch(/^\/_fotos\/[0-9a-f]{20}-480\.webp 480w, \/_fotos\/[0-9a-f]{20}-900\.webp 900w$/);
    const img = hero.find('img');
    expect(img.attr('src')).toMatch(/^\/_fotos\/[0-9a-f]{20}-900\.jpg$/);
    expect(img.attr('srcset')).toMatch(/-480\.jpg 480w, .*-900\.jpg 900w$/);
    expect(img.attr('sizes')).toBeTruthy();
    expect(hero.find('source').attr('sizes')).toBe(img.attr('sizes'));
    expect([img.attr('width'), img.attr('height')]).toEqual(['900', '1200']);
    expect(img.attr('alt')).toBe('Vier bankjes op het plein');
    for (const url of [
      img.attr('src')!,
      ...img
        .attr('srcset')!
        .split(', ')
        .map((s) => s.split(' ')[0]!),
    ]) {
      expect(await site.has(url), url).toBe(true);
    }
  });

  it('always have width and height, so nothing jumps while loading', async () => {
    for (const url of await site.pages()) {
      const $ = await site.page(url);
      $('img').each((_, el) => {
        expect($(el).attr('width'), `${url} ${$(el).attr('src')}`).toMatch(/^\d+$/);
        expect($(el).attr('height'), `${url} ${$(el).attr('src')}`).toMatch(/^\d+$/);
      });
    }
  });

  it('load lazily, except the first image in view', async () => {
    const $ = await site.page('/nieuws/nieuwe-bankjes/');
    expect($('.hero img').attr('loading')).toBeUndefined();
    expect($('.hero img').attr('fetchpriority')).toBe('high');
    expect(
      $('.prose img')
        .map((_, el) => $(el).attr('loading'))
        .get(),
    ).toEqual(['lazy', 'lazy']);
    const $list = await site.page('/nieuws/');
    const loading = $list('.news img')
      .map((_, el) => $list(el).attr('loading') ?? 'eager')
      .get();
    expect(loading).toEqual(['eager', 'lazy', 'lazy', 'lazy']);
  });

  it('keeps a PNG drawing as a picture too, resized as JPEG and WebP', async () => {
    const $ = await site.page('/nieuws/nieuwe-bankjes/');
    const schets = $('.prose img[alt="Een schets"]');
    expect([schets.attr('width'), schets.attr('height')]).toEqual(['300', '200']);
    expect(schets.attr('src')).toMatch(/-300\.jpg$/);
  });
});
