/**
 * Photo-like test images for the benchmark, made deterministically with sharp: a sky-to-ground gradient,
 * cloud- and foliage-like texture at several scales, shapes with hard edges (houses, windows, trees, a street),
 * and fine sensor grain, saved as a phone would (JPEG, quality 90). A 3000×2000 one is about as large and as
 * hard to compress as a phone photo of a street; pure noise or flat colour would flatter or punish the encoders.
 */
import sharp from 'sharp';
import { random } from '../seeded-random.ts';

/** Smooth random texture: low-resolution noise scaled up with a cubic filter. Values 0–255, one channel. */
async function texture(rand: () => number, width: number, height: number, cells: number): Promise<Uint8Array> {
  const w = Math.max(2, Math.round(cells));
  const h = Math.max(2, Math.round((cells * height) / width));
  const small = Buffer.alloc(w * h);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(rand() * 256);
  const { data } = await sharp(small, { raw: { width: w, height: h, channels: 1 } })
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data;
}

function colour(rand: () => number, base: [number, number, number], spread: number): string {
  const c = base.map((v) => Math.max(0, Math.min(255, Math.round(v + (rand() - 0.5) * spread))));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Shapes with hard edges, as SVG: a row of houses with windows and roofs, trees, a street and a few people. */
function scene(rand: () => number, width: number, height: number): string {
  const parts: string[] = [];
  const horizon = height * (0.35 + rand() * 0.15);
  parts.push(`<rect x="0" y="${height * 0.8}" width="${width}" height="${height * 0.2}" fill="${colour(rand, [90, 90, 95], 30)}" fill-opacity="0.85"/>`);
  let x = -rand() * 200;
  while (x < width) {
    const w = 250 + rand() * 350;
    const h = 400 + rand() * 500;
    const top = horizon + (height * 0.8 - horizon) - h;
    parts.push(`<rect x="${x}" y="${top}" width="${w}" height="${h}" fill="${colour(rand, [150, 90, 70], 90)}"/>`);
    parts.push(`<polygon points="${x - 20},${top} ${x + w / 2},${top - 80 - rand() * 120} ${x + w + 20},${top}" fill="${colour(rand, [70, 60, 60], 40)}"/>`);
    for (let wy = top + 40; wy < top + h - 120; wy += 110 + rand() * 30) {
      for (let wx = x + 30; wx < x + w - 70; wx += 90 + rand() * 30) {
        parts.push(`<rect x="${wx}" y="${wy}" width="55" height="75" fill="${colour(rand, [60, 80, 100], 80)}" stroke="#eee" stroke-width="6"/>`);
      }
    }
    x += w + rand() * 60;
  }
  for (let i = 0; i < 6; i++) {
    const cx = rand() * width;
    const r = 80 + rand() * 200;
    parts.push(`<circle cx="${cx}" cy="${height * 0.78 - r}" r="${r}" fill="${colour(rand, [60, 110, 50], 60)}" fill-opacity="0.9"/>`);
    parts.push(`<rect x="${cx - 15}" y="${height * 0.78 - r / 2}" width="30" height="${r / 2 + 30}" fill="#4a3728"/>`);
  }
  for (let i = 0; i < 8; i++) {
    const px = rand() * width;
    const py = height * (0.8 + rand() * 0.12);
    parts.push(`<ellipse cx="${px}" cy="${py - 150}" rx="28" ry="34" fill="${colour(rand, [200, 160, 130], 60)}"/>`);
    parts.push(`<rect x="${px - 45}" y="${py - 115}" width="90" height="170" rx="30" fill="${colour(rand, [80, 80, 140], 160)}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/**
 * A photo-like JPEG of `width`×`height` (default 3000×2000) for `seed`. Different seeds give different photos
 * (different content hashes), the same seed the same bytes.
 */
export async function syntheticPhoto(seed: number, width = 3000, height = 2000): Promise<Buffer> {
  const rand = random(seed * 7919 + 17);
  const [clouds, light, foliage, detail] = await Promise.all([
    texture(rand, width, height, 12),
    texture(rand, width, height, 40),
    texture(rand, width, height, 220),
    texture(rand, width, height, 900),
  ]);
  // Sky and ground with clouds, then the scene drawn on top.
  const base = Buffer.alloc(width * height * 3);
  const sky: [number, number, number] = [110 + rand() * 40, 150 + rand() * 40, 200 + rand() * 40];
  const ground: [number, number, number] = [90 + rand() * 40, 110 + rand() * 30, 70 + rand() * 30];
  for (let y = 0; y < height; y++) {
    const t = y / height;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const c = clouds[i]! / 255;
      for (let ch = 0; ch < 3; ch++) base[i * 3 + ch] = Math.max(0, Math.min(255, sky[ch]! * (1 - t) + ground[ch]! * t + c * 70 - 25));
    }
  }
  const { data: drawn } = await sharp(base, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(scene(rand, width, height)), blend: 'over' }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Light, surface texture and sensor grain over everything, as in a photo.
  for (let i = 0; i < width * height; i++) {
    const shade = 0.8 + (light[i]! / 255) * 0.4;
    const surface = (foliage[i]! / 255 - 0.5) * 46 + (detail[i]! / 255 - 0.5) * 34;
    const grain = (rand() + rand() - 1) * 12;
    for (let ch = 0; ch < 3; ch++) {
      const value = drawn[i * 3 + ch]! * shade + surface + grain;
      drawn[i * 3 + ch] = value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
  return sharp(drawn, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90, chromaSubsampling: '4:2:0' })
    .toBuffer();
}
