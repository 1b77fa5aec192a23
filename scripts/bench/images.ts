/**
 * Photo processing measurements: the real pipeline (`processImage` on an empty cache) and the encoder settings
 * it was chosen from, on photo-like 3000×2000 images (photos.ts). Wall time per source photo is what a build
 * waits; CPU time per photo is steadier on a busy machine. Run alone with `npm run bench -- --only images`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ENCODER, IMAGE_WIDTHS, JPEG_MAX_WIDTH, encodeVariants, processImage, targetWidths, type ProcessedImage } from '../../src/media/images.ts';
import { syntheticPhoto } from './photos.ts';

export interface EncoderResult {
  name: string;
  description: string;
  photos: number;
  /** Milliseconds of wall time per source photo, all widths and formats. */
  wallMsPerPhoto: number;
  /** Milliseconds of CPU time (all threads) per source photo. */
  cpuMsPerPhoto: number;
  /** Kilobytes of the 960 px version in the main format (WebP or AVIF). */
  kb960: number;
  /** Kilobytes of the 960 px JPEG fallback, when made. */
  kb960Jpeg: number | undefined;
  /** Kilobytes of all variants of one photo. */
  kbTotal: number;
}

interface Candidate {
  name: string;
  description: string;
  /** Photos to use at most (slow candidates get fewer). */
  maxPhotos?: number;
  run(photo: Buffer): Promise<{ format: string; width: number; bytes: number }[]>;
}

const widths = targetWidths(3000);

/** The foundation's pipeline: every variant decoded from the source on its own, JPEG at every width. */
const foundation: Candidate = {
  name: 'foundation',
  description: 'WebP q72 effort 4 + JPEG q76 at 480/960/1600, each variant decoded from the source',
  async run(photo) {
    const source = sharp(photo).rotate();
    return Promise.all(
      widths.flatMap((width) =>
        (['webp', 'jpeg'] as const).map(async (format) => {
          const p = source.clone().resize({ width });
          const data = await (format === 'webp' ? p.webp({ quality: 72, effort: 4 }) : p.jpeg({ quality: 76, progressive: true })).toBuffer();
          return { format, width, bytes: data.length };
        }),
      ),
    );
  },
};

function decodeOnce(name: string, effort: number, quality = 72): Candidate {
  return {
    name,
    description: `WebP q${quality} effort ${effort} at 480/960/1600 + JPEG q76 up to ${JPEG_MAX_WIDTH}, decoded once`,
    async run(photo) {
      const out = await encodeVariants(photo, widths, { webp: { quality, effort }, jpeg: ENCODER.jpeg, jpegMaxWidth: JPEG_MAX_WIDTH });
      return out.map((v) => ({ format: v.format, width: v.width, bytes: v.data.length }));
    },
  };
}

function avif(name: string, effort: number, maxPhotos?: number): Candidate {
  return {
    name,
    description: `AVIF q50 effort ${effort} at 480/960/1600 (no fallback)`,
    maxPhotos,
    async run(photo) {
      const source = sharp(photo).rotate();
      return Promise.all(
        widths.map(async (width) => ({
          format: 'avif',
          width,
          bytes: (await source.clone().resize({ width }).avif({ quality: 50, effort }).toBuffer()).length,
        })),
      );
    },
  };
}

/** Every candidate, the chosen settings first. */
export function candidates(options: { slow?: boolean } = {}): Candidate[] {
  return [
    decodeOnce('chosen', ENCODER.webp.effort, ENCODER.webp.quality),
    foundation,
    ...[4, 3, 2, 0].filter((effort) => effort !== ENCODER.webp.effort).map((effort) => decodeOnce(`webp-effort-${effort}`, effort)),
    avif('avif-effort-2', 2),
    ...(options.slow ? [avif('avif-effort-4 (Astro default)', 4, 2)] : []),
  ];
}

/** Measures each candidate on the same photos, one photo at a time (as a build processes them). */
export async function measureEncoders(photos: readonly Buffer[], list: Candidate[] = candidates()): Promise<EncoderResult[]> {
  const results: EncoderResult[] = [];
  for (const candidate of list) {
    const use = photos.slice(0, candidate.maxPhotos ?? photos.length);
    const sizes: { format: string; width: number; bytes: number }[][] = [];
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const photo of use) sizes.push(await candidate.run(photo));
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const mean = (pick: (s: { format: string; width: number; bytes: number }[]) => number | undefined) => {
      const values = sizes.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length / 1024 : undefined;
    };
    results.push({
      name: candidate.name,
      description: candidate.description,
      photos: use.length,
      wallMsPerPhoto: wall / use.length,
      cpuMsPerPhoto: (used.user + used.system) / 1000 / use.length,
      kb960: mean((s) => s.find((v) => v.width === 960 && v.format !== 'jpeg')?.bytes)!,
      kb960Jpeg: mean((s) => s.find((v) => v.width === 960 && v.format === 'jpeg')?.bytes),
      kbTotal: mean((s) => s.reduce((a, v) => a + v.bytes, 0))!,
    });
  }
  return results;
}

export interface PipelineResult {
  photos: number;
  /** Wall ms per source photo through `processImage` with an empty cache: check, decode, encode, write. */
  coldMsPerPhoto: number;
  cpuMsPerPhoto: number;
  /** Wall ms per photo a second time, from the cache. */
  cachedMsPerPhoto: number;
  kb960Webp: number;
  kb960Jpeg: number;
}

/** The real pipeline on an empty cache, then again from the cache. */
export async function measurePipeline(photos: readonly Buffer[]): Promise<PipelineResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'buurt-bench-images-'));
  try {
    const files: string[] = [];
    for (const [i, photo] of photos.entries()) {
      const file = path.join(dir, `foto-${i}.jpg`);
      await writeFile(file, photo);
      files.push(file);
    }
    const cache = path.join(dir, 'cache');
    const cpu = process.cpuUsage();
    const started = performance.now();
    const processed: ProcessedImage[] = [];
    for (const file of files) processed.push(await processImage(file, cache));
    const cold = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const again = performance.now();
    for (const file of files) await processImage(file, cache);
    const cached = performance.now() - again;
    const { stat } = await import('node:fs/promises');
    const size = async (format: string) => {
      let total = 0;
      for (const image of processed) {
        const variant = image.variants.find((v) => v.width === 960 && v.format === format)!;
        total += (await stat(path.join(cache, 'images', variant.name))).size;
      }
      return total / processed.length / 1024;
    };
    return {
      photos: files.length,
      coldMsPerPhoto: cold / files.length,
      cpuMsPerPhoto: (used.user + used.system) / 1000 / files.length,
      cachedMsPerPhoto: cached / files.length,
      kb960Webp: await size('webp'),
      kb960Jpeg: await size('jpeg'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Photo-like test photos for seeds `from`…`from + count - 1`. */
export async function makePhotos(count: number, from = 1000): Promise<Buffer[]> {
  const photos: Buffer[] = [];
  for (let i = 0; i < count; i++) photos.push(await syntheticPhoto(from + i));
  return photos;
}

export const widthsMeasured = IMAGE_WIDTHS;
