import { describe, expect, it } from 'vitest';
import { MEDIA_HEAVY_BYTES } from '../media/image-types.ts';
import { cleanableType, cleanedName, CLEAN_MAX_INPUT_BYTES, CLEAN_MIN_QUALITY, firstEncodeStep, fitWithin, nextEncodeStep } from './photo-cleaning.ts';

const jpegHead = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, 0]);
const heicHead = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheicmif1heic')]);
const gifHead = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');

describe('photo cleaning decisions', () => {
  it('cleans JPEG, PNG and WebP by their bytes, and refuses HEIC, other formats and huge files by name', () => {
    expect(cleanableType('foto.jpg', jpegHead, 1000)).toBe('jpeg');
    // The bytes decide, not the name.
    expect(cleanableType('foto.png', jpegHead, 1000)).toBe('jpeg');
    expect(cleanableType('IMG_0001.jpg', heicHead, 1000)).toEqual({ reason: 'heic', name: 'IMG_0001.jpg' });
    expect(cleanableType('IMG_0001.HEIC', new Uint8Array(16), 1000)).toEqual({ reason: 'heic', name: 'IMG_0001.HEIC' });
    expect(cleanableType('kat.gif', gifHead, 1000)).toEqual({ reason: 'unsupported', name: 'kat.gif', type: 'gif' });
    expect(cleanableType('brief.txt', new TextEncoder().encode('hallo'), 5)).toEqual({ reason: 'unsupported', name: 'brief.txt', type: undefined });
    expect(cleanableType('groot.jpg', jpegHead, CLEAN_MAX_INPUT_BYTES + 1)).toEqual({
      reason: 'too-large',
      name: 'groot.jpg',
      bytes: CLEAN_MAX_INPUT_BYTES + 1,
    });
  });

  it('scales the long side down to 2560 pixels, keeping the shape, and never scales up', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2560, height: 1920 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1920, height: 2560 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(100_000, 10)).toEqual({ width: 2560, height: 1 });
  });

  it('lowers the quality first, then the size, until the photo is at most 3 MB', () => {
    let step = firstEncodeStep('jpeg', 4032, 3024);
    expect(step).toEqual({ width: 2560, height: 1920, quality: 0.88 });
    expect(nextEncodeStep('jpeg', step, MEDIA_HEAVY_BYTES)).toBeUndefined();
    const qualities: number[] = [];
    while (step.quality! > CLEAN_MIN_QUALITY) {
      step = nextEncodeStep('jpeg', step, 5_000_000)!;
      qualities.push(step.quality!);
    }
    expect(qualities).toEqual([0.8, 0.72]);
    const smaller = nextEncodeStep('jpeg', step, 6_000_000)!;
    expect(smaller.quality).toBe(CLEAN_MIN_QUALITY);
    expect(smaller.width * smaller.height).toBeLessThan(((2560 * 1920) / 2) * 0.9);
    // PNG has no quality: only the size goes down.
    const png = nextEncodeStep('png', firstEncodeStep('png', 2000, 1000), 4 * MEDIA_HEAVY_BYTES)!;
    expect(png).toEqual({ width: 900, height: 450, quality: undefined });
  });

  it('names the cleaned file after the original, with the extension of what it became', () => {
    expect(cleanedName('Tuin.JPEG', 'jpeg')).toBe('Tuin.JPEG');
    expect(cleanedName('tuin.webp', 'jpeg')).toBe('tuin.jpg');
    expect(cleanedName('tuin.png', 'png')).toBe('tuin.png');
    expect(cleanedName('.webp', 'jpeg')).toBe('foto.jpg');
  });
});
