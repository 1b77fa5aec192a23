import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heicBytes, phonePhoto, photo, pngBomb, SVG_WITH_SCRIPT, truncated } from '../../tests/helpers/images.ts';
import { hasGps, ImageError, inspectImage, inspectImageCached, processImage, sniffImageType } from './images.ts';

let dir: string;
let media: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'buurt-images-'));
  media = path.join(dir, 'media');
  await import('node:fs/promises').then((fs) => fs.mkdir(media));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sentence `inspectImage` throws for a file written with `bytes` under `name`. */
async function refusal(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(media, name);
  await writeFile(file, bytes);
  try {
    await inspectImage(file);
  } catch (error) {
    if (error instanceof ImageError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('images that are refused, with a sentence that says what to do', () => {
  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const bomb = await pngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(100);
    expect(await refusal('bom.png', bomb)).toMatchInlineSnapshot(
      `"image-too-many-pixels: media/bom.png says it is 30000×30000 pixels (900 megapixels), more than the 50 megapixels an image may have; a small file claiming that many pixels can be a decompression bomb. Export it at most 2560 pixels wide and upload it again"`,
    );
  });

  it('refuses a file of more than 25 MB', async () => {
    const file = path.join(media, 'groot.jpg');
    await writeFile(file, await photo(10, 10));
    await truncate(file, 26 * 1024 * 1024);
    await expect(inspectImage(file)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ImageError: media/groot.jpg is 26 MB, more than the 25 MB an image may be; make it smaller with "buurt media fix", or export it at most 2560 pixels wide]`,
    );
  });

  it('refuses a truncated JPEG', async () => {
    expect(await refusal('half.jpg', truncated(await photo(800, 600)))).toMatchInlineSnapshot(
      `"corrupt-image: media/half.jpg is damaged or incomplete (the file stops before the image ends); the upload was probably cut off, so upload the photo again"`,
    );
  });

  it.each(['png', 'webp', 'gif'] as const)('names a cut-off %s file from its bytes, not from the decoder', async (format) => {
    const bytes = truncated(await photo(800, 600, format, '#a47'), 0.9);
    expect(await refusal(`half.${format}`, bytes)).toBe(
      `corrupt-image: media/half.${format} is damaged or incomplete (the file stops before the image ends); the upload was probably cut off, so upload the photo again`,
    );
  });

  it('refuses bytes that are no image at all', async () => {
    expect(await refusal('ruis.jpg', Buffer.from('dit is geen foto, maar tekst'))).toMatchInlineSnapshot(
      `"corrupt-image: media/ruis.jpg is not an image: its bytes match no image type (JPEG, PNG, WebP, GIF, AVIF); upload the photo again"`,
    );
  });

  it('refuses a file whose bytes are another type than its name says', async () => {
    expect(await refusal('eigenlijk-png.jpg', await photo(20, 20, 'png'))).toMatchInlineSnapshot(
      `"image-type-mismatch: media/eigenlijk-png.jpg is named as a JPEG image but its bytes are a PNG file; rename it to eigenlijk-png.png and correct the files that name it"`,
    );
    expect(await refusal('pdf.jpg', Buffer.from('%PDF-1.7\n...'))).toMatchInlineSnapshot(
      `"image-type-mismatch: media/pdf.jpg is named as a JPEG image but its bytes are a PDF file; save it as JPEG or PNG and upload it again"`,
    );
    expect(await refusal('tekening.png', SVG_WITH_SCRIPT)).toMatchInlineSnapshot(
      `"image-type-mismatch: media/tekening.png is named as a PNG image but contains SVG text, not a picture; upload a real PNG or JPEG file"`,
    );
  });

  it('refuses SVG uploads, because they can carry scripts', async () => {
    expect(await refusal('logo.svg', SVG_WITH_SCRIPT)).toMatchInlineSnapshot(
      `"svg-not-allowed: media/logo.svg is an SVG drawing; SVG files can carry scripts, so the site does not publish them. Save it as PNG (logos and drawings) or JPEG (photos) and use that file"`,
    );
  });

  it('explains HEIC photos, by name or by content', async () => {
    expect(await refusal('IMG_0001.heic', heicBytes())).toMatchInlineSnapshot(
      `"heic-not-supported: media/IMG_0001.heic is a HEIC photo (the iPhone's own format), which most browsers cannot show; save it as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible) and upload that"`,
    );
    expect(await refusal('IMG_0002.jpg', heicBytes())).toMatch(/^heic-not-supported: media\/IMG_0002.jpg is a HEIC photo/);
  });

  it('refuses other file types and missing files', async () => {
    expect(await refusal('oud.bmp', Buffer.from('BM....'))).toMatchInlineSnapshot(
      `"unsupported-image-type: media/oud.bmp is a .bmp file, which the site does not publish as an image; use a JPEG (.jpg), PNG, WebP, GIF or AVIF file"`,
    );
    await expect(inspectImage(path.join(media, 'weg.jpg'))).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ImageError: media/weg.jpg does not exist; upload it to the media folder or correct the path]`,
    );
  });
});

describe('photos from phones', () => {
  it('sees the orientation, the location and the other metadata', async () => {
    const file = path.join(media, 'telefoon.jpg');
    await writeFile(file, await phonePhoto(1200, 900));
    expect(await inspectImage(file)).toMatchObject({ type: 'jpeg', width: 900, height: 1200, orientation: 6, hasLocation: true, hasMetadata: true });
  });

  it('does not mistake camera data without GPS for a location', async () => {
    const jpeg = await sharp(await photo(50, 50))
      .withExif({ IFD0: { Make: 'Camera' } })
      .toBuffer();
    const meta = await sharp(jpeg).metadata();
    expect(hasGps(meta.exif)).toBe(false);
    const file = path.join(media, 'camera.jpg');
    await writeFile(file, jpeg);
    expect(await inspectImage(file)).toMatchObject({ hasLocation: false, hasMetadata: true });
  });

  it('publishes variants with the orientation applied and no EXIF, GPS, XMP or IPTC left', async () => {
    const file = path.join(media, 'telefoon-publiceren.jpg');
    await writeFile(file, await phonePhoto(1200, 900));
    const cacheDir = path.join(dir, 'cache');
    const processed = await processImage(file, cacheDir);
    expect(processed.variants.map((v) => `${v.format} ${v.width}×${v.height}`)).toEqual(['jpeg 480×640', 'webp 480×640', 'jpeg 900×1200', 'webp 900×1200']);
    expect([processed.width, processed.height]).toEqual([900, 1200]);
    for (const variant of processed.variants) {
      const bytes = await readFile(path.join(cacheDir, 'images', variant.name));
      const meta = await sharp(bytes).metadata();
      expect(meta, variant.name).toMatchObject({ width: variant.width, height: variant.height });
      expect(meta.exif, variant.name).toBeUndefined();
      expect(meta.xmp, variant.name).toBeUndefined();
      expect(meta.iptc, variant.name).toBeUndefined();
      expect(meta.orientation, variant.name).toBeUndefined();
      expect(bytes.includes('Fruitphone'), variant.name).toBe(false);
      expect(bytes.includes('Kroonstraat'), variant.name).toBe(false);
      // The stored left half (red) is on top once turned a quarter clockwise.
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
      expect(pixel(info.width / 2, Math.floor(info.height / 4)), variant.name).toBeGreaterThan(150);
      expect(pixel(info.width / 2, Math.floor((info.height * 3) / 4)), variant.name).toBeLessThan(100);
    }
  });
});

describe('inspectImageCached', () => {
  it('remembers a verified photo by its content, and checks changed bytes again', async () => {
    const file = path.join(media, 'onthouden.jpg');
    const cacheDir = path.join(dir, 'verify-cache');
    const bytes = await photo(640, 480);
    await writeFile(file, bytes);
    expect(await inspectImageCached(file, cacheDir)).toMatchObject({ width: 640, height: 480 });
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.join(cacheDir, 'verified'))).toHaveLength(1);
    await writeFile(file, truncated(bytes));
    await expect(inspectImageCached(file, cacheDir)).rejects.toThrow(/is damaged or incomplete/);
    expect(await readdir(path.join(cacheDir, 'verified'))).toHaveLength(1);
  });
});

describe('sniffImageType', () => {
  it('knows images by their first bytes', async () => {
    expect(sniffImageType(await photo(4, 4, 'jpeg'))).toBe('jpeg');
    expect(sniffImageType(await photo(4, 4, 'png'))).toBe('png');
    expect(sniffImageType(await photo(4, 4, 'webp'))).toBe('webp');
    expect(sniffImageType(await photo(4, 4, 'gif'))).toBe('gif');
    expect(sniffImageType(heicBytes())).toBe('heic');
    expect(sniffImageType(Buffer.from(SVG_WITH_SCRIPT))).toBe('svg');
    expect(sniffImageType(Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImageType(Buffer.from('<html><script>x</script>'))).toBe('html');
    expect(sniffImageType(Buffer.from('niets'))).toBeUndefined();
  });
});
