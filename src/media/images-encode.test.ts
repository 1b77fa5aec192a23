import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeVariants, processImage, targetWidths } from './images.ts';

let dir: string;

/** A 3000×2000 JPEG with texture, an EXIF block with a GPS position, and orientation 6 (rotated 90°). */
async function phonePhoto(): Promise<Buffer> {
  const noise = Buffer.alloc(300 * 200 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width: 300, height: 200, channels: 3 } })
    .resize(3000, 2000)
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'Telefoon' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'buurt-images-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encoding the variants of a photo', () => {
  it('makes WebP at every width and a JPEG fallback up to 960 px, oriented and without metadata', async () => {
    const photo = await phonePhoto();
    expect(await sharp(photo).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    const variants = await encodeVariants(photo, targetWidths(2000));
    // Orientation 6: the 3000×2000 source is shown 2000 wide and 3000 high.
    expect(variants.map((v) => `${v.format} ${v.width}×${v.height}`).sort()).toEqual([
      'jpeg 480×720',
      'jpeg 960×1440',
      'webp 1600×2400',
      'webp 480×720',
      'webp 960×1440',
    ]);
    for (const variant of variants) {
      const meta = await sharp(variant.data).metadata();
      expect(meta.format).toBe(variant.format === 'jpeg' ? 'jpeg' : 'webp');
      expect(meta.exif, `${variant.format} ${variant.width}`).toBeUndefined();
      expect(meta.width).toBe(variant.width);
    }
  });

  it('keeps a JPEG for a photo narrower than every JPEG width would need', async () => {
    const small = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#4a7' } })
      .png()
      .toBuffer();
    const variants = await encodeVariants(small, targetWidths(400));
    expect(variants.map((v) => `${v.format} ${v.width}`).sort()).toEqual(['jpeg 400', 'webp 400']);
  });

  it('flattens transparency onto white in the JPEG and keeps it in the WebP', async () => {
    const transparent = await sharp({ create: { width: 1000, height: 500, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const variants = await encodeVariants(transparent, targetWidths(1000));
    const jpeg = variants.find((v) => v.format === 'jpeg' && v.width === 960)!;
    const { channels } = await sharp(jpeg.data).stats();
    expect(channels.map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
    const webp = variants.find((v) => v.format === 'webp' && v.width === 960)!;
    expect((await sharp(webp.data).metadata()).hasAlpha).toBe(true);
  });
});

describe('the image cache', () => {
  it('processes a photo once, and after adding a photo only that photo', async () => {
    const cache = path.join(dir, 'cache');
    const first = path.join(dir, 'eerste.jpg');
    const second = path.join(dir, 'tweede.jpg');
    await writeFile(
      first,
      await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#357' } })
        .jpeg()
        .toBuffer(),
    );
    const a = await processImage(first, cache);
    const filesBefore = (await readdir(path.join(cache, 'images'), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    const times = new Map(await Promise.all(filesBefore.map(async (f) => [f, (await stat(path.join(cache, 'images', f))).mtimeMs] as const)));
    expect(await processImage(first, cache)).toEqual(a);
    await writeFile(
      second,
      await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#753' } })
        .jpeg()
        .toBuffer(),
    );
    const b = await processImage(second, cache);
    expect(b.key).not.toBe(a.key);
    const filesAfter = (await readdir(path.join(cache, 'images'), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    const added = filesAfter.filter((f) => !filesBefore.includes(f)).sort();
    expect(added).toEqual([`${b.key}-1200.webp`, `${b.key}-480.jpg`, `${b.key}-480.webp`, `${b.key}-960.jpg`, `${b.key}-960.webp`, `${b.key}.json`]);
    for (const [file, mtime] of times) expect((await stat(path.join(cache, 'images', file))).mtimeMs, file).toBe(mtime);
  });

  it('does not read a photo again while its size and modification time are unchanged', async () => {
    const cache = path.join(dir, 'cache-memo');
    const photo = path.join(dir, 'derde.jpg');
    await writeFile(
      photo,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: '#537' } })
        .jpeg()
        .toBuffer(),
    );
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(photo, anHourAgo, anHourAgo);
    const first = await processImage(photo, cache);
    // Same size and time, other bytes: the cached result comes back, so the photo was not read.
    const { size } = await stat(photo);
    await writeFile(photo, Buffer.alloc(size, 0));
    await utimes(photo, anHourAgo, anHourAgo);
    expect(await processImage(photo, cache)).toEqual(first);
    // A new modification time makes it read (and here refused, since the bytes are no image).
    const later = new Date(Date.now() - 1_800_000);
    await utimes(photo, later, later);
    await expect(processImage(photo, cache)).rejects.toThrow(/derde.jpg is not an image/);
  });
});
