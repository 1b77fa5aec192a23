import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPS_EXIF, phonePhoto, photo } from '../../tests/helpers/images.ts';
import { fixMediaFile, readMediaHeader, stripMetadata } from './media.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'buurt-media-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pixels = async (bytes: Buffer) => (await sharp(bytes).raw().toBuffer()).toString('base64');

describe('stripMetadata', () => {
  it('cuts EXIF, XMP and IPTC out of a JPEG and leaves every pixel as it was', async () => {
    const original = await phonePhoto(400, 300);
    const upright = await sharp(await photo(400, 300))
      .withExif({ IFD0: { Make: 'Camera' }, IFD3: GPS_EXIF })
      .jpeg()
      .toBuffer();
    for (const jpeg of [original, upright]) {
      const stripped = stripMetadata('jpeg', jpeg)!;
      const meta = await sharp(stripped).metadata();
      expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
      expect(await pixels(stripped)).toBe(await pixels(jpeg));
      expect(stripped.length).toBeLessThan(jpeg.length);
    }
  });

  it('keeps the colour profile of a JPEG', async () => {
    const withProfile = await sharp(await photo(64, 64))
      .withIccProfile('p3')
      .withExif({ IFD3: GPS_EXIF })
      .jpeg()
      .toBuffer();
    const stripped = stripMetadata('jpeg', withProfile)!;
    expect((await sharp(stripped).metadata()).icc).toBeDefined();
    expect((await sharp(stripped).metadata()).exif).toBeUndefined();
  });

  it('cuts text and EXIF chunks out of a PNG and leaves every pixel as it was', async () => {
    const png = await sharp(await photo(64, 64, 'png'))
      .withExif({ IFD3: GPS_EXIF })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
      .png()
      .toBuffer();
    const stripped = stripMetadata('png', png)!;
    const meta = await sharp(stripped).metadata();
    expect([meta.exif, meta.xmp]).toEqual([undefined, undefined]);
    expect(await pixels(stripped)).toBe(await pixels(png));
  });
});

describe('fixMediaFile', () => {
  it('leaves a file alone when there is nothing to fix', async () => {
    const file = path.join(dir, 'schoon.jpg');
    const bytes = await photo(800, 600);
    await writeFile(file, bytes);
    expect(await fixMediaFile(file)).toMatchObject({ status: 'unchanged', reason: 'nothing to fix' });
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it('never makes a heavy file worse: when re-encoding saves too little, the original stays', async () => {
    const file = path.join(dir, 'ruis.png');
    const noise = await sharp({ create: { width: 1100, height: 1000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png()
      .toBuffer();
    expect(noise.length).toBeGreaterThan(3 * 1024 * 1024);
    await writeFile(file, noise);
    const result = await fixMediaFile(file);
    expect(result.status).toBe('unchanged');
    expect(result.reason).toMatch(/^re-encoding saves too little \(.* → .*\), so it was left as it is$/);
    expect((await readFile(file)).equals(noise)).toBe(true);
  });

  it('turns a phone photo upright and removes its location even when that costs a few bytes', async () => {
    const file = path.join(dir, 'telefoon.jpg');
    await writeFile(file, await phonePhoto(1200, 900));
    const result = await fixMediaFile(file);
    expect(result).toMatchObject({
      status: 'fixed',
      changes: ['removed the location (GPS)', 'removed the other metadata (EXIF, XMP, IPTC)', 'turned it upright', 're-encoded as JPEG'],
    });
    const header = await readMediaHeader(file);
    expect(header).toMatchObject({ width: 900, height: 1200, orientation: 1, hasLocation: false, hasMetadata: false });
  });

  it('skips files it cannot handle, and leaves no temporary files behind', async () => {
    await writeFile(path.join(dir, 'kapot.jpg'), Buffer.from('geen foto'));
    expect(await fixMediaFile(path.join(dir, 'kapot.jpg'))).toMatchObject({ status: 'skipped' });
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});
