/**
 * Draws the illustrations of the demo buurten (sites/voorbeeldwijk/media/, sites/bloemenbuurt/media/) as SVG
 * and rasterises them with sharp: no downloads, no photos of real people or places.
 *
 *   npx node scripts/platform/demo/generate-demo-media.ts            (Node 24 from the devDependency, not the system node)
 *
 * The output is deterministic: every "random" choice comes from a seeded generator, no text is drawn (fonts
 * differ between machines), and sharp writes no metadata (no EXIF, no GPS) because `keepMetadata()` is never
 * called. Scenes are 2000 × 1333 JPEGs, portraits 1200 × 1200 JPEGs, logos 512 × 512 PNGs.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { random } from '../../seeded-random.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const W = 2000;
const H = 1333;

type Rng = () => number;

const between = (rng: Rng, min: number, max: number) => min + (max - min) * rng();
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length) % items.length]!;
/** Numbers in SVG with one decimal: short files, stable output. */
const n = (v: number) => String(Math.round(v * 10) / 10);

function svgDocument(width: number, height: number, defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` + `<defs>${defs}</defs>${body}</svg>`;
}

function linear(id: string, stops: [number, string][], vertical = true): string {
  const dir = vertical ? 'x1="0" y1="0" x2="0" y2="1"' : 'x1="0" y1="0" x2="1" y2="0"';
  return `<linearGradient id="${id}" ${dir}>${stops.map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`).join('')}</linearGradient>`;
}

function radial(id: string, stops: [number, string, number?][]): string {
  return `<radialGradient id="${id}">${stops.map(([o, c, a]) => `<stop offset="${o}" stop-color="${c}" stop-opacity="${a ?? 1}"/>`).join('')}</radialGradient>`;
}

/** A soft darkening of the corners, so flat drawings feel like a picture. */
const VIGNETTE_DEF = radial('vignette', [
  [0.55, '#000000', 0],
  [1, '#1a1020', 0.28],
]);
const vignette = (w = W, h = H) => `<rect width="${w}" height="${h}" fill="url(#vignette)"/>`;

function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}" ${extra}/>`;
}

function circle(cx: number, cy: number, r: number, fill: string, extra = ''): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}" ${extra}/>`;
}

function ellipse(cx: number, cy: number, rx: number, ry: number, fill: string, extra = ''): string {
  return `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" fill="${fill}" ${extra}/>`;
}

function polygon(points: [number, number][], fill: string, extra = ''): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}" ${extra}/>`;
}

function pathEl(d: string, fill: string, extra = ''): string {
  return `<path d="${d}" fill="${fill}" ${extra}/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${n(width)}" stroke-linecap="round" ${extra}/>`;
}

/** A rolling horizon from x=0 to x=w, filled down to the bottom. */
function hills(rng: Rng, y: number, amplitude: number, fill: string, w = W, h = H, waves = 4): string {
  let d = `M0 ${n(h)} L0 ${n(y)}`;
  const step = w / waves;
  for (let i = 0; i < waves; i++) {
    const x0 = i * step;
    const peak = y - between(rng, 0.3, 1) * amplitude;
    d += ` Q${n(x0 + step / 2)} ${n(peak)} ${n(x0 + step)} ${n(y + between(rng, -0.3, 0.3) * amplitude)}`;
  }
  d += ` L${n(w)} ${n(h)} Z`;
  return pathEl(d, fill);
}

function cloud(cx: number, cy: number, s: number, fill = '#ffffff', opacity = 0.9): string {
  return (
    `<g opacity="${opacity}">` +
    ellipse(cx, cy, 120 * s, 42 * s, fill) +
    circle(cx - 55 * s, cy - 20 * s, 48 * s, fill) +
    circle(cx + 10 * s, cy - 42 * s, 62 * s, fill) +
    circle(cx + 70 * s, cy - 16 * s, 44 * s, fill) +
    `</g>`
  );
}

function sun(cx: number, cy: number, r: number, colour = '#ffe08a'): string {
  return circle(cx, cy, r * 2.4, 'url(#sunglow)') + circle(cx, cy, r, colour);
}
const SUNGLOW_DEF = radial('sunglow', [
  [0, '#fff6c8', 0.9],
  [1, '#fff6c8', 0],
]);

/** A round deciduous tree: a trunk with a few overlapping blobs of leaves. */
function tree(rng: Rng, x: number, ground: number, size: number, greens: readonly string[]): string {
  const trunkH = size * 0.9;
  let g = rect(x - size * 0.07, ground - trunkH, size * 0.14, trunkH, '#6b4a32');
  const blobs = 6;
  for (let i = 0; i < blobs; i++) {
    const angle = (i / blobs) * Math.PI * 2 + rng();
    const dist = size * between(rng, 0.15, 0.38);
    g += circle(x + Math.cos(angle) * dist, ground - trunkH - size * 0.35 + Math.sin(angle) * dist * 0.8, size * between(rng, 0.32, 0.45), pick(rng, greens));
  }
  g += circle(x - size * 0.12, ground - trunkH - size * 0.5, size * 0.22, '#ffffff', 'opacity="0.08"');
  return g;
}

/** A tall poplar-like tree for the background. */
function poplar(x: number, ground: number, height: number, fill: string): string {
  return rect(x - 6, ground - height * 0.25, 12, height * 0.25, '#5a4030') + ellipse(x, ground - height * 0.6, height * 0.16, height * 0.42, fill);
}

interface HouseOptions {
  x: number;
  ground: number;
  w: number;
  h: number;
  wall: string;
  roof: string;
  door: string;
  roofStyle: 'gable' | 'step' | 'flat';
  lit?: boolean;
  snow?: boolean;
}

/** A Dutch terraced house: brick front, white window frames, a coloured front door. */
function house(o: HouseOptions): string {
  const top = o.ground - o.h;
  let g = rect(o.x, top, o.w, o.h, o.wall);
  // Brick courses: faint horizontal lines.
  for (let y = top + 18; y < o.ground; y += 18) g += line(o.x + 2, y, o.x + o.w - 2, y, '#000000', 1.5, 'opacity="0.07"');
  if (o.roofStyle === 'gable') {
    g += polygon(
      [
        [o.x - 12, top + 2],
        [o.x + o.w / 2, top - o.w * 0.55],
        [o.x + o.w + 12, top + 2],
      ],
      o.roof,
    );
    if (o.snow)
      g += polygon(
        [
          [o.x - 12, top + 2],
          [o.x + o.w / 2, top - o.w * 0.55],
          [o.x + o.w + 12, top + 2],
          [o.x + o.w / 2, top - o.w * 0.45],
        ],
        '#f4f8ff',
      );
    g += rect(o.x + o.w / 2 - 22, top - o.w * 0.3, 44, 56, '#ffffff', 'rx="4"');
    g += rect(o.x + o.w / 2 - 15, top - o.w * 0.3 + 7, 30, 42, o.lit ? '#ffd36b' : '#9cc3dd');
  } else if (o.roofStyle === 'step') {
    const s = o.w / 5;
    const pts: [number, number][] = [[o.x, top]];
    for (let i = 0; i < 2; i++) pts.push([o.x + s * i, top - s * (i + 0.6)], [o.x + s * (i + 1), top - s * (i + 0.6)]);
    pts.push([o.x + s * 2, top - s * 2.8], [o.x + s * 3, top - s * 2.8]);
    for (let i = 1; i >= 0; i--) pts.push([o.x + o.w - s * (i + 1), top - s * (i + 0.6)], [o.x + o.w - s * i, top - s * (i + 0.6)]);
    pts.push([o.x + o.w, top]);
    g += polygon(pts, o.wall);
    g += polygon(
      pts.map(([px, py]) => [px, py - 10] as [number, number]),
      o.roof,
      'opacity="0.35"',
    );
    g += circle(o.x + o.w / 2, top - s * 1.5, s * 0.38, '#ffffff');
    g += circle(o.x + o.w / 2, top - s * 1.5, s * 0.28, o.lit ? '#ffd36b' : '#9cc3dd');
  } else {
    g += rect(o.x - 8, top - 16, o.w + 16, 18, o.roof);
    if (o.snow) g += rect(o.x - 8, top - 26, o.w + 16, 12, '#f4f8ff', 'rx="6"');
  }
  // Windows: two floors.
  const floors = Math.max(1, Math.floor((o.h - 150) / 150));
  const winW = o.w * 0.28;
  for (let f = 0; f < floors; f++) {
    const wy = top + 40 + f * 150;
    for (const wx of [o.x + o.w * 0.12, o.x + o.w * 0.6]) {
      g += rect(wx - 6, wy - 6, winW + 12, 106, '#fbfbf7');
      g += rect(wx, wy, winW, 94, o.lit ? '#ffd36b' : '#a9cfe6');
      g += line(wx + winW / 2, wy, wx + winW / 2, wy + 94, '#fbfbf7', 6);
      g += line(wx, wy + 34, wx + winW, wy + 34, '#fbfbf7', 6);
      if (!o.lit)
        g += polygon(
          [
            [wx, wy],
            [wx + winW * 0.45, wy],
            [wx, wy + 60],
          ],
          '#ffffff',
          'opacity="0.25"',
        );
    }
  }
  // Ground floor: a door and a wide window.
  const doorW = o.w * 0.22;
  g += rect(o.x + o.w * 0.12 - 6, o.ground - 140, doorW + 12, 140, '#fbfbf7');
  g += rect(o.x + o.w * 0.12, o.ground - 132, doorW, 132, o.door);
  g += circle(o.x + o.w * 0.12 + doorW * 0.8, o.ground - 66, 4, '#e8c25a');
  g += rect(o.x + o.w * 0.45, o.ground - 130, o.w * 0.45, 90, '#fbfbf7');
  g += rect(o.x + o.w * 0.45 + 6, o.ground - 124, o.w * 0.45 - 12, 78, o.lit ? '#ffcf5c' : '#a9cfe6');
  return `<g>${g}</g>`;
}

function bicycle(x: number, y: number, s: number, frame: string): string {
  const r = 34 * s;
  return (
    `<g fill="none" stroke-linecap="round" stroke-linejoin="round">` +
    `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" stroke="#2b2b2b" stroke-width="${n(5 * s)}"/>` +
    `<circle cx="${n(x + 100 * s)}" cy="${n(y)}" r="${n(r)}" stroke="#2b2b2b" stroke-width="${n(5 * s)}"/>` +
    `<path d="M${n(x)} ${n(y)} L${n(x + 38 * s)} ${n(y - 52 * s)} L${n(x + 86 * s)} ${n(y - 52 * s)} L${n(x + 100 * s)} ${n(y)} M${n(x + 38 * s)} ${n(y - 52 * s)} L${n(x + 52 * s)} ${n(y)} L${n(x + 86 * s)} ${n(y - 52 * s)} M${n(x + 30 * s)} ${n(y - 64 * s)} L${n(x + 48 * s)} ${n(y - 64 * s)} M${n(x + 86 * s)} ${n(y - 52 * s)} L${n(x + 82 * s)} ${n(y - 72 * s)} L${n(x + 96 * s)} ${n(y - 76 * s)}" stroke="${frame}" stroke-width="${n(7 * s)}"/>` +
    `</g>`
  );
}

function flower(cx: number, cy: number, r: number, petal: string, heart = '#f3c64b'): string {
  let g = '';
  for (let i = 0; i < 6; i++) {
    const a = (i / 6) * Math.PI * 2;
    g += circle(cx + Math.cos(a) * r, cy + Math.sin(a) * r, r * 0.75, petal);
  }
  return g + circle(cx, cy, r * 0.7, heart);
}

function tulip(x: number, ground: number, h: number, colour: string): string {
  return (
    line(x, ground, x, ground - h, '#3f8a3a', 5) +
    pathEl(
      `M${n(x - 16)} ${n(ground - h + 4)} Q${n(x - 18)} ${n(ground - h - 34)} ${n(x - 8)} ${n(ground - h - 26)} L${n(x)} ${n(ground - h - 40)} L${n(x + 8)} ${n(ground - h - 26)} Q${n(x + 18)} ${n(ground - h - 34)} ${n(x + 16)} ${n(ground - h + 4)} Z`,
      colour,
    ) +
    pathEl(
      `M${n(x)} ${n(ground - h * 0.4)} Q${n(x + 26)} ${n(ground - h * 0.55)} ${n(x + 30)} ${n(ground - h * 0.8)} Q${n(x + 10)} ${n(ground - h * 0.6)} ${n(x)} ${n(ground - h * 0.5)}`,
      '#4f9a45',
    )
  );
}

/** A string of bunting between two points, sagging in the middle. */
function bunting(rng: Rng, x1: number, y1: number, x2: number, y2: number, sag: number, colours: readonly string[]): string {
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2 + sag;
  let g = `<path d="M${n(x1)} ${n(y1)} Q${n(mx)} ${n(my + sag)} ${n(x2)} ${n(y2)}" fill="none" stroke="#5a4a3a" stroke-width="3"/>`;
  const flags = 16;
  for (let i = 1; i < flags; i++) {
    const t = i / flags;
    const x = (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * mx + t * t * x2;
    const y = (1 - t) * (1 - t) * y1 + 2 * (1 - t) * t * (my + sag) + t * t * y2;
    g += polygon(
      [
        [x - 22, y],
        [x + 22, y],
        [x, y + 52],
      ],
      pick(rng, colours),
    );
  }
  return g;
}

// ---------------------------------------------------------------------------------------------------------
// Scenes of Voorbeeldwijk
// ---------------------------------------------------------------------------------------------------------

function sceneMoestuin(): string {
  const rng = random(11);
  const defs =
    linear('sky', [
      [0, '#8fc9ea'],
      [0.7, '#d8eef5'],
      [1, '#f6f0d2'],
    ]) +
    SUNGLOW_DEF +
    VIGNETTE_DEF +
    linear('soil', [
      [0, '#7a5234'],
      [1, '#5e3d26'],
    ]);
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += sun(1640, 230, 90);
  b += cloud(420, 210, 1.2) + cloud(1100, 150, 0.9);
  b += hills(rng, 640, 60, '#9cc98a') + hills(rng, 700, 50, '#7fb46e');
  for (let i = 0; i < 9; i++) b += poplar(80 + i * 230 + rng() * 60, 690, between(rng, 220, 300), pick(rng, ['#5f9a55', '#6aa65d', '#578f4d']));
  // Shed.
  b +=
    rect(1480, 520, 300, 230, '#8a5a3b') +
    polygon(
      [
        [1460, 525],
        [1630, 420],
        [1800, 525],
      ],
      '#4b6b3f',
    );
  for (let x = 1490; x < 1780; x += 26) b += line(x, 530, x, 748, '#000000', 2, 'opacity="0.12"');
  b += rect(1520, 600, 90, 150, '#2f6d4f') + rect(1660, 580, 80, 70, '#cfe6ef', 'stroke="#f4efe4" stroke-width="8"');
  // Fence with sunflowers.
  for (let x = 0; x < W; x += 48) b += rect(x, 700, 34, 120, '#d9c29a', 'rx="6"');
  b += rect(0, 730, W, 14, '#c4ab80') + rect(0, 790, W, 14, '#c4ab80');
  for (let i = 0; i < 7; i++) {
    const x = 140 + i * 190 + rng() * 40;
    const top = 560 + rng() * 60;
    b += line(x, 840, x, top, '#4d8a3c', 9);
    b += ellipse(x + 26, top + 120, 34, 14, '#5b9b47', `transform="rotate(-25 ${n(x + 26)} ${n(top + 120)})"`);
    b += flower(x, top, 30, '#f6c431', '#7a4a1f');
  }
  // Ground and raised beds in perspective.
  b += rect(0, 820, W, H - 820, '#8fbf6a');
  const beds: [number, number, number, number][] = [
    [120, 880, 760, 150],
    [1080, 880, 800, 150],
    [60, 1090, 840, 190],
    [1040, 1090, 900, 190],
  ];
  const crops = ['#3f8f3a', '#4fa246', '#2f7a33'];
  for (const [x, y, w, h] of beds) {
    b += rect(x, y, w, h, '#8b5e3c', 'rx="10"') + rect(x + 14, y + 10, w - 28, h - 26, 'url(#soil)', 'rx="6"');
    const rows = 3;
    for (let r = 0; r < rows; r++) {
      const ry = y + 30 + r * ((h - 40) / rows);
      for (let x2 = x + 50; x2 < x + w - 40; x2 += between(rng, 55, 75)) {
        const kind = rng();
        if (kind < 0.5) {
          b += ellipse(x2, ry, 26, 20, pick(rng, crops)) + ellipse(x2 - 8, ry - 6, 10, 8, '#7ccb6a', 'opacity="0.7"');
        } else if (kind < 0.75) {
          b += pathEl(`M${n(x2)} ${n(ry + 12)} q-22 -40 -6 -52 q6 20 6 52 q0 -36 14 -50 q10 18 -14 50 Z`, '#5cb04f');
        } else {
          b += ellipse(x2, ry, 22, 18, '#3f8f3a') + circle(x2 - 8, ry + 4, 8, '#e0472f') + circle(x2 + 9, ry - 2, 7, '#e8553a');
        }
      }
    }
  }
  // Watering can.
  b +=
    `<g transform="translate(960 1010)">` +
    rect(-60, -60, 120, 90, '#3a8fb7', 'rx="14"') +
    polygon(
      [
        [55, -30],
        [140, -90],
        [150, -80],
        [60, 0],
      ],
      '#3a8fb7',
    ) +
    pathEl('M-40 -60 Q0 -130 40 -60', 'none', 'stroke="#2d7599" stroke-width="12"') +
    `</g>`;
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneStraat(): string {
  const rng = random(22);
  const defs =
    linear('sky', [
      [0, '#6fb1e0'],
      [1, '#d9eef7'],
    ]) +
    SUNGLOW_DEF +
    VIGNETTE_DEF +
    linear('street', [
      [0, '#8d8f93'],
      [1, '#6d6f74'],
    ]);
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += cloud(300, 160, 1.1) + cloud(980, 110, 0.8) + cloud(1650, 190, 1.3);
  const walls = ['#a4442f', '#b8573c', '#8f3b2a', '#c98a4b', '#7d4a35', '#b0643f'];
  const roofs = ['#3d3a3f', '#5a3b33', '#2f3b4a'];
  const doors = ['#1f5f8b', '#2e7d4f', '#b33a3a', '#e0a526', '#2b2b2b', '#5b3f8c'];
  const styles = ['gable', 'step', 'flat', 'gable'] as const;
  let x = -40;
  const ground = 1000;
  while (x < W) {
    const w = between(rng, 260, 330);
    b += house({
      x,
      ground,
      w,
      h: between(rng, 470, 560),
      wall: pick(rng, walls),
      roof: pick(rng, roofs),
      door: pick(rng, doors),
      roofStyle: pick(rng, styles),
    });
    x += w;
  }
  // Pavement, kerb and street.
  b += rect(0, ground, W, 90, '#c9c3b8');
  for (let px = 0; px < W; px += 60) b += line(px, ground, px, ground + 90, '#a9a398', 2);
  b += rect(0, ground + 90, W, 18, '#8a857c') + rect(0, ground + 108, W, H - ground - 108, 'url(#street)');
  for (let px = 40; px < W; px += 220) b += rect(px, 1230, 120, 12, '#f2f2f2', 'opacity="0.8"');
  // Trees in planters, bicycles, a street lamp.
  for (const tx of [260, 900, 1560]) b += tree(rng, tx, ground + 60, 260, ['#4e9a48', '#5cae4f', '#3f8a3c', '#6dbb5a']);
  b += bicycle(520, ground + 60, 1.2, '#c0392b') + bicycle(1180, ground + 60, 1.2, '#2e6fa3') + bicycle(1290, ground + 64, 1.15, '#2a2a2a');
  b += rect(1800, 640, 14, 420, '#2b3a40') + pathEl('M1790 640 Q1807 600 1824 640 Z', '#2b3a40') + ellipse(1807, 650, 30, 12, '#2b3a40');
  // Planters with flowers along the facades (geveltuintjes).
  for (let px = 60; px < W; px += between(rng, 240, 320)) {
    for (let i = 0; i < 5; i++) b += flower(px + i * 20, ground - 10 - rng() * 30, 9, pick(rng, ['#e85d75', '#f4a259', '#ffffff', '#9b6bd3']));
  }
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneKoffie(): string {
  const rng = random(33);
  const defs =
    linear('wall', [
      [0, '#f6e3c4'],
      [1, '#eccfa3'],
    ]) +
    linear('wood', [
      [0, '#b77b4a'],
      [1, '#8c5531'],
    ]) +
    linear('win', [
      [0, '#bfe3f2'],
      [1, '#e9f6f0'],
    ]) +
    radial('coffee', [
      [0, '#8a5a35'],
      [1, '#4a2c18'],
    ]) +
    radial('lamp', [
      [0, '#fff1c1', 0.9],
      [1, '#fff1c1', 0],
    ]) +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#wall)');
  // Window with a view of green and a plant on the sill.
  b += rect(1160, 110, 700, 520, '#ffffff', 'rx="10"') + rect(1185, 135, 650, 470, 'url(#win)');
  b += hills(random(3), 520, 50, '#a8d49a', 650, 605, 3).replace('<path d="M0', '<path transform="translate(1185 0)" d="M0');
  b += line(1510, 135, 1510, 605, '#ffffff', 16) + line(1185, 370, 1835, 370, '#ffffff', 16);
  b += rect(1140, 620, 740, 30, '#f4efe6');
  b += pathEl('M1300 620 L1320 540 L1400 540 L1420 620 Z', '#d06b3c');
  for (let i = 0; i < 9; i++)
    b += ellipse(
      1360 + between(rng, -60, 60),
      500 - rng() * 120,
      18,
      46,
      pick(rng, ['#3f8f3a', '#58a84a', '#2f7a33']),
      `transform="rotate(${n(between(rng, -40, 40))} 1360 540)"`,
    );
  // Lamp glow and a framed picture.
  b += circle(420, 160, 380, 'url(#lamp)') + line(420, 0, 420, 120, '#3b3b3b', 4) + pathEl('M340 200 L500 200 L460 120 L380 120 Z', '#2f6d8c');
  b +=
    rect(180, 330, 300, 220, '#7a5235') +
    rect(200, 350, 260, 180, '#cfe3d5') +
    circle(280, 430, 40, '#f3c64b') +
    hills(random(4), 500, 40, '#6fae63', 260, 530, 2).replace('<path d="M0', '<path transform="translate(200 0)" d="M0');
  // Table in perspective.
  b += polygon(
    [
      [0, 760],
      [W, 760],
      [W, H],
      [0, H],
    ],
    'url(#wood)',
  );
  for (let i = 0; i < 9; i++) b += line(0, 800 + i * 62, W, 790 + i * 66, '#000000', 2, 'opacity="0.08"');
  // Cups with saucers, coffee and steam.
  const cup = (cx: number, cy: number, colour: string) =>
    ellipse(cx, cy + 70, 190, 50, '#000000', 'opacity="0.15"') +
    ellipse(cx, cy + 55, 180, 48, '#f7f4ee') +
    pathEl(
      `M${n(cx - 120)} ${n(cy - 80)} L${n(cx + 120)} ${n(cy - 80)} Q${n(cx + 110)} ${n(cy + 60)} ${n(cx)} ${n(cy + 60)} Q${n(cx - 110)} ${n(cy + 60)} ${n(cx - 120)} ${n(cy - 80)} Z`,
      colour,
    ) +
    pathEl(`M${n(cx + 112)} ${n(cy - 40)} q80 0 60 60 q-16 36 -80 30`, 'none', `stroke="${colour}" stroke-width="22"`) +
    ellipse(cx, cy - 80, 120, 30, '#ffffff') +
    ellipse(cx, cy - 78, 104, 22, 'url(#coffee)') +
    pathEl(`M${n(cx - 30)} ${n(cy - 120)} q-30 -50 0 -100 q30 -50 0 -100`, 'none', 'stroke="#ffffff" stroke-width="10" opacity="0.55" stroke-linecap="round"') +
    pathEl(`M${n(cx + 30)} ${n(cy - 130)} q-30 -50 0 -100 q30 -50 0 -100`, 'none', 'stroke="#ffffff" stroke-width="10" opacity="0.4" stroke-linecap="round"');
  b += cup(620, 960, '#2f6d8c') + cup(1320, 1010, '#d9643a');
  // Plate with biscuits.
  b += ellipse(980, 1180, 200, 60, '#000000', 'opacity="0.12"') + ellipse(980, 1160, 200, 58, '#fbfaf6') + ellipse(980, 1160, 150, 40, '#efe9df');
  for (let i = 0; i < 5; i++) b += ellipse(900 + i * 40, 1150 - (i % 2) * 14, 42, 16, '#d9a25b', 'stroke="#b57d3a" stroke-width="3"');
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function scenePark(): string {
  const rng = random(44);
  const defs =
    linear('sky', [
      [0, '#9fd0ef'],
      [1, '#eef7e8'],
    ]) +
    linear('path', [
      [0, '#e8d7b0'],
      [1, '#cdb387'],
    ]) +
    linear('pond', [
      [0, '#6fb3d2'],
      [1, '#4b93b8'],
    ]) +
    SUNGLOW_DEF +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#sky)') + sun(420, 220, 70);
  b += cloud(1300, 170, 1.2) + cloud(1800, 260, 0.8);
  b += hills(rng, 600, 70, '#a9d38f') + hills(rng, 680, 40, '#8cc373');
  for (let i = 0; i < 14; i++) b += poplar(i * 150 + rng() * 40, 660, between(rng, 160, 240), pick(rng, ['#6aa65d', '#7fb46e', '#5f9a55']));
  b += rect(0, 660, W, H - 660, '#86c06a');
  // Pond with ducks.
  b += ellipse(1500, 820, 360, 80, 'url(#pond)') + ellipse(1460, 805, 200, 20, '#ffffff', 'opacity="0.25"');
  for (const [dx, dy] of [
    [1420, 820],
    [1560, 840],
  ] as const)
    b +=
      ellipse(dx, dy, 34, 16, '#f2f2f2') +
      circle(dx + 26, dy - 18, 13, '#2f7a4f') +
      polygon(
        [
          [dx + 36, dy - 20],
          [dx + 54, dy - 16],
          [dx + 36, dy - 12],
        ],
        '#f2a93b',
      );
  // A winding path into the distance.
  b += pathEl(
    'M760 1333 C820 1150 1180 1080 1000 930 C900 850 980 760 1040 680 L1070 680 C1020 770 960 850 1080 930 C1300 1080 1060 1180 1260 1333 Z',
    'url(#path)',
  );
  // Trees either side, a bench and a lamp post.
  const greens = ['#3f8a3c', '#4e9a48', '#5cae4f', '#2f7a33'];
  for (const [tx, s] of [
    [150, 520],
    [560, 380],
    [1750, 560],
    [1400, 330],
    [860, 220],
    [1180, 200],
  ] as const)
    b += tree(rng, tx, 700 + s * 0.9, s, greens);
  b +=
    `<g transform="translate(300 1120)">` +
    rect(0, 0, 360, 26, '#8b5e3c', 'rx="6"') +
    rect(0, -80, 360, 22, '#8b5e3c', 'rx="6"') +
    rect(0, -40, 360, 22, '#8b5e3c', 'rx="6"') +
    rect(20, 20, 16, 80, '#3b3b3b') +
    rect(324, 20, 16, 80, '#3b3b3b') +
    `</g>`;
  b += rect(1600, 880, 14, 360, '#2b3a40') + ellipse(1607, 880, 34, 14, '#2b3a40') + circle(1607, 905, 16, '#fff1b8');
  for (let i = 0; i < 40; i++) b += flower(between(rng, 0, W), between(rng, 1150, 1320), 6, pick(rng, ['#ffffff', '#f6d64a', '#e9869b']));
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneRepair(): string {
  const rng = random(55);
  const defs =
    linear('wall', [
      [0, '#dfe8e4'],
      [1, '#c9d6d1'],
    ]) +
    linear('bench', [
      [0, '#c08a57'],
      [1, '#94643a'],
    ]) +
    radial('lamp', [
      [0, '#fff3c4', 0.95],
      [1, '#fff3c4', 0],
    ]) +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#wall)');
  // Pegboard.
  b += rect(160, 90, 1680, 640, '#d9b98c', 'rx="12"');
  for (let x = 200; x < 1820; x += 40) for (let y = 120; y < 710; y += 40) b += circle(x, y, 4, '#a8875c');
  const tool = (d: string, fill: string) => pathEl(d, fill, 'stroke="#00000022" stroke-width="2"');
  // Hammer, spanner, screwdrivers, saw, pliers: simple silhouettes.
  b +=
    `<g transform="translate(300 160)">` +
    rect(40, 80, 26, 320, '#a0673c', 'rx="10"') +
    tool('M0 40 h120 q20 0 20 20 v20 q0 20 -20 20 h-120 z', '#50585f') +
    `</g>`;
  b +=
    `<g transform="translate(560 170) rotate(20)">` +
    rect(0, 40, 36, 340, '#8d99a3', 'rx="12"') +
    circle(18, 40, 48, '#8d99a3') +
    circle(18, 28, 22, '#d9b98c') +
    circle(18, 380, 42, '#8d99a3') +
    circle(18, 392, 20, '#d9b98c') +
    `</g>`;
  for (let i = 0; i < 4; i++) {
    const colour = pick(rng, ['#d6453d', '#f0b429', '#2f6d8c', '#3f8a3c']);
    b += `<g transform="translate(${820 + i * 80} 170)">` + rect(0, 0, 44, 150, colour, 'rx="18"') + rect(16, 150, 12, 190 - i * 20, '#9aa4ab') + `</g>`;
  }
  b +=
    `<g transform="translate(1220 200)">` +
    polygon(
      [
        [0, 0],
        [420, 40],
        [420, 150],
        [0, 140],
      ],
      '#b8c2c8',
    ) +
    rect(-110, 10, 120, 120, '#2f6d8c', 'rx="30"') +
    `</g>`;
  // A bicycle wheel on the wall.
  b +=
    `<g fill="none" stroke="#3a3a3a">` +
    `<circle cx="1560" cy="560" r="130" stroke-width="16"/><circle cx="1560" cy="560" r="112" stroke-width="4" stroke="#9aa4ab"/>`;
  for (let i = 0; i < 16; i++) {
    const a = (i / 16) * Math.PI * 2;
    b += `<line x1="1560" y1="560" x2="${n(1560 + Math.cos(a) * 112)}" y2="${n(560 + Math.sin(a) * 112)}" stroke-width="3" stroke="#9aa4ab"/>`;
  }
  b += `</g>` + circle(1560, 560, 16, '#3a3a3a');
  // Workbench with a radio, a toaster and a lamp.
  b += rect(0, 800, W, 80, 'url(#bench)') + rect(0, 880, W, H - 880, '#7a5233');
  for (let i = 0; i < 6; i++) b += line(0, 900 + i * 70, W, 900 + i * 70, '#000000', 3, 'opacity="0.12"');
  b += circle(560, 620, 420, 'url(#lamp)');
  b +=
    pathEl('M360 800 L400 780 L520 560 L540 570 L430 790 L470 800 Z', '#2f6d8c') +
    pathEl('M500 540 L640 520 L650 640 Z', '#2f6d8c') +
    circle(600, 600, 22, '#fff6cf');
  b +=
    `<g transform="translate(780 600)">` +
    rect(0, 0, 380, 200, '#c0392b', 'rx="26"') +
    circle(110, 100, 64, '#2b2b2b') +
    circle(110, 100, 48, '#5a5a5a') +
    rect(210, 50, 130, 40, '#f3e6c8', 'rx="8"') +
    circle(240, 140, 16, '#f3e6c8') +
    circle(300, 140, 16, '#f3e6c8') +
    line(300, 0, 360, -110, '#9aa4ab', 6) +
    `</g>`;
  b +=
    `<g transform="translate(1280 640)">` +
    rect(0, 0, 300, 160, '#cfd6da', 'rx="30"') +
    rect(50, -10, 80, 20, '#2b2b2b', 'rx="6"') +
    rect(170, -10, 80, 20, '#2b2b2b', 'rx="6"') +
    rect(310, 40, 20, 60, '#2b2b2b', 'rx="6"') +
    `</g>`;
  b += `<g transform="translate(1660 740)">` + rect(0, 0, 200, 60, '#f0b429', 'rx="8"') + rect(20, -30, 160, 30, '#d19a1d', 'rx="6"') + `</g>`;
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneBuurtfeest(): string {
  const rng = random(66);
  const defs =
    linear('sky', [
      [0, '#3e4a8c'],
      [0.45, '#c76b8f'],
      [0.8, '#f4a259'],
      [1, '#f9d38a'],
    ]) +
    radial('bulb', [
      [0, '#fff3b0', 1],
      [0.35, '#ffd66b', 0.8],
      [1, '#ffd66b', 0],
    ]) +
    linear('cloth', [
      [0, '#fdfaf3'],
      [1, '#e9e2d3'],
    ]) +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += circle(1500, 720, 160, '#ffcf73', 'opacity="0.9"');
  b += hills(rng, 780, 40, '#4a3f5c');
  // Silhouettes of houses around the square.
  let x = 0;
  while (x < W) {
    const w = between(rng, 160, 260);
    const h = between(rng, 220, 340);
    b +=
      rect(x, 800 - h, w, h, '#3a3150') +
      polygon(
        [
          [x - 6, 800 - h],
          [x + w / 2, 800 - h - w * 0.4],
          [x + w + 6, 800 - h],
        ],
        '#322a46',
      );
    for (let wy = 800 - h + 40; wy < 760; wy += 80)
      for (const wx of [x + w * 0.2, x + w * 0.6]) if (rng() < 0.65) b += rect(wx, wy, w * 0.2, 40, '#ffd36b', 'opacity="0.9"');
    x += w + between(rng, 0, 20);
  }
  b += rect(0, 800, W, H - 800, '#6d5a4e');
  for (let px = 0; px < W; px += 90) b += line(px, 800, px - 200, H, '#000000', 2, 'opacity="0.1"');
  // Bunting and lights.
  const colours = ['#e63946', '#f4a261', '#2a9d8f', '#e9c46a', '#457b9d', '#ffffff'];
  b += bunting(rng, -20, 120, 1020, 180, 60, colours) + bunting(rng, 980, 170, 2020, 110, 60, colours);
  for (let i = 0; i <= 24; i++) {
    const t = i / 24;
    const lx = t * W;
    const ly = 360 + Math.sin(t * Math.PI) * 120;
    b += circle(lx, ly, 34, 'url(#bulb)') + circle(lx, ly, 7, '#fff7d0');
  }
  b += `<path d="M0 360 Q1000 600 2000 360" fill="none" stroke="#2b2433" stroke-width="3"/>`;
  // Long tables with people around them, drawn as simple round shapes.
  for (const [ty, scale] of [
    [930, 0.8],
    [1120, 1],
  ] as const) {
    const tw = 1500 * scale;
    const tx = (W - tw) / 2;
    for (let px = tx + 60; px < tx + tw - 40; px += 130 * scale) {
      const colour = pick(rng, ['#e76f51', '#2a9d8f', '#e9c46a', '#8ab17d', '#457b9d', '#f4a261', '#b5838d']);
      b += circle(px, ty - 110 * scale, 34 * scale, pick(rng, ['#f1c27d', '#c68642', '#8d5524', '#e0ac69', '#ffdbac']));
      b += pathEl(`M${n(px - 52 * scale)} ${n(ty)} Q${n(px)} ${n(ty - 150 * scale)} ${n(px + 52 * scale)} ${n(ty)} Z`, colour);
    }
    b += rect(tx, ty - 10, tw, 60 * scale, 'url(#cloth)', 'rx="6"') + rect(tx, ty + 50 * scale - 10, tw, 70 * scale, '#e9e2d3');
    for (let px = tx + 80; px < tx + tw - 60; px += 170 * scale) {
      b += rect(px, ty - 40 * scale, 22 * scale, 40 * scale, pick(rng, ['#f2f2f2', '#f4a261', '#e9c46a']), 'rx="4"');
      b += ellipse(px + 70 * scale, ty + 4, 36 * scale, 10 * scale, '#ffffff');
    }
  }
  // Balloons.
  for (let i = 0; i < 7; i++) {
    const bx = between(rng, 80, 1900);
    const by = between(rng, 480, 650);
    b +=
      line(bx, by + 60, bx + between(rng, -30, 30), by + 260, '#2b2433', 2) +
      ellipse(bx, by, 44, 58, pick(rng, colours)) +
      ellipse(bx - 14, by - 20, 10, 16, '#ffffff', 'opacity="0.45"');
  }
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneWinter(): string {
  const rng = random(77);
  const defs =
    linear('sky', [
      [0, '#172447'],
      [0.7, '#37548a'],
      [1, '#6f8fbf'],
    ]) +
    radial('glow', [
      [0, '#ffe7a3', 0.9],
      [1, '#ffe7a3', 0],
    ]) +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#sky)');
  for (let i = 0; i < 90; i++) b += circle(between(rng, 0, W), between(rng, 0, 500), between(rng, 1, 3), '#ffffff', `opacity="${n(between(rng, 0.4, 0.9))}"`);
  b += circle(1660, 180, 70, '#f4f1e0') + circle(1690, 160, 62, '#2a3b68');
  const walls = ['#7a3a2e', '#8f4a35', '#6a3a30', '#9a6a42'];
  let x = -30;
  while (x < W) {
    const w = between(rng, 260, 320);
    b += house({
      x,
      ground: 1000,
      w,
      h: between(rng, 460, 540),
      wall: pick(rng, walls),
      roof: '#2c2f3a',
      door: pick(rng, ['#1f4f6b', '#6b1f2a', '#2e5d3f']),
      roofStyle: pick(rng, ['gable', 'flat', 'step'] as const),
      lit: true,
      snow: true,
    });
    x += w;
  }
  b += rect(0, 1000, W, H - 1000, '#eef3fb') + pathEl('M0 1000 Q500 970 1000 1005 T2000 990 L2000 1040 L0 1040 Z', '#ffffff');
  // Street lamps with glow.
  for (const lx of [380, 1240])
    b += circle(lx, 720, 160, 'url(#glow)') + rect(lx - 7, 720, 14, 330, '#1c2233') + ellipse(lx, 715, 30, 14, '#1c2233') + circle(lx, 735, 14, '#fff1b8');
  // Christmas tree with lights.
  b += `<g transform="translate(1650 1000)">` + rect(-18, -60, 36, 60, '#5a3b28');
  for (let i = 0; i < 4; i++)
    b += polygon(
      [
        [-180 + i * 35, -60 - i * 110],
        [180 - i * 35, -60 - i * 110],
        [0, -240 - i * 110],
      ],
      '#1f5e3a',
    );
  for (let i = 0; i < 30; i++) {
    const lvl = Math.floor(rng() * 4);
    const half = 150 - lvl * 35;
    b += circle(between(rng, -half, half) * 0.8, -80 - lvl * 110 - rng() * 90, 7, pick(rng, ['#ffd36b', '#ff6b6b', '#7fd1ff', '#ffffff']));
  }
  b +=
    polygon(
      [
        [0, -560],
        [14, -530],
        [46, -528],
        [20, -510],
        [30, -478],
        [0, -496],
        [-30, -478],
        [-20, -510],
        [-46, -528],
        [-14, -530],
      ],
      '#ffd36b',
    ) + `</g>`;
  for (let i = 0; i < 140; i++) b += circle(between(rng, 0, W), between(rng, 0, H), between(rng, 2, 6), '#ffffff', `opacity="${n(between(rng, 0.5, 0.95))}"`);
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneJongeren(): string {
  const rng = random(88);
  const defs =
    linear('sky', [
      [0, '#2b3d7a'],
      [0.5, '#e0708a'],
      [1, '#ffc27a'],
    ]) +
    linear('court', [
      [0, '#3f7f62'],
      [1, '#2f6a51'],
    ]) +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += circle(1000, 700, 200, '#ffd48a', 'opacity="0.9"');
  // Flats in the distance.
  for (const [fx, fw, fh] of [
    [60, 300, 420],
    [420, 220, 360],
    [1380, 260, 440],
    [1700, 280, 380],
  ] as const) {
    b += rect(fx, 760 - fh, fw, fh, '#3b3558');
    for (let wy = 760 - fh + 30; wy < 740; wy += 50)
      for (let wx = fx + 20; wx < fx + fw - 30; wx += 50) if (rng() < 0.55) b += rect(wx, wy, 26, 24, '#ffcf73', 'opacity="0.85"');
  }
  // Wall with colourful blocks (a mural painted by young people).
  b += rect(0, 700, W, 160, '#c9c1b5');
  for (let i = 0; i < 14; i++)
    b += pathEl(
      `M${n(i * 150 + rng() * 30)} 860 q${n(between(rng, 20, 60))} ${n(-between(rng, 60, 150))} ${n(between(rng, 100, 160))} 0 Z`,
      pick(rng, ['#e63946', '#f4a261', '#2a9d8f', '#e9c46a', '#6a4c93', '#1982c4']),
      'opacity="0.9"',
    );
  b += polygon(
    [
      [0, 860],
      [W, 860],
      [W, H],
      [0, H],
    ],
    'url(#court)',
  );
  b +=
    `<g fill="none" stroke="#f2f2f2" stroke-width="8" opacity="0.85">` +
    `<path d="M0 1100 L2000 1100"/><ellipse cx="1000" cy="1100" rx="220" ry="70"/><path d="M1000 860 L1000 1333"/></g>`;
  // Goal, basketball hoop and a football.
  b += `<g fill="none" stroke="#f7f7f7" stroke-width="14" stroke-linejoin="round">` + `<path d="M140 1080 L140 840 L620 840 L620 1080"/></g>`;
  for (let gx = 160; gx < 620; gx += 30) b += line(gx, 850, gx, 1070, '#ffffff', 2, 'opacity="0.45"');
  for (let gy = 870; gy < 1080; gy += 30) b += line(150, gy, 610, gy, '#ffffff', 2, 'opacity="0.45"');
  b +=
    rect(1700, 560, 18, 540, '#2b2b2b') +
    rect(1560, 520, 240, 160, '#f7f7f7', 'stroke="#2b2b2b" stroke-width="6"') +
    rect(1630, 590, 100, 70, 'none', 'stroke="#e63946" stroke-width="6"') +
    ellipse(1680, 690, 60, 14, 'none', 'stroke="#f26b1d" stroke-width="8"');
  b +=
    circle(1040, 1200, 56, '#ffffff') +
    polygon(
      [
        [1040, 1170],
        [1066, 1188],
        [1056, 1218],
        [1024, 1218],
        [1014, 1188],
      ],
      '#2b2b2b',
    );
  // Fence of the court.
  for (let fx = 0; fx <= W; fx += 200) b += rect(fx - 5, 560, 10, 300, '#5b6770');
  for (let fx = 0; fx < W; fx += 40)
    b += line(fx, 560, fx + 300, 860, '#9aa4ab', 2, 'opacity="0.35"') + line(fx + 300, 560, fx, 860, '#9aa4ab', 2, 'opacity="0.35"');
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneTaalcafe(): string {
  const rng = random(99);
  const defs =
    linear('wall', [
      [0, '#e9f1f4'],
      [1, '#d5e4ea'],
    ]) +
    linear('wood', [
      [0, '#c28d5c'],
      [1, '#9a6a40'],
    ]) +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#wall)');
  // Bookcase.
  b += rect(100, 80, 1000, 700, '#8b5e3c', 'rx="8"');
  for (let s = 0; s < 4; s++) {
    const shelfY = 100 + s * 170;
    b += rect(120, shelfY + 150, 960, 16, '#6f482c');
    let bx = 130;
    while (bx < 1060) {
      const bw = between(rng, 26, 52);
      const bh = between(rng, 100, 145);
      const colour = pick(rng, ['#c0392b', '#2f6d8c', '#3f8a3c', '#e0a526', '#6a4c93', '#e76f51', '#264653', '#f4f1de']);
      if (rng() < 0.08) {
        b += polygon(
          [
            [bx, shelfY + 150],
            [bx + bw, shelfY + 150],
            [bx + bw + 40, shelfY + 150 - bh + 10],
            [bx + 40, shelfY + 150 - bh + 10],
          ],
          colour,
        );
        bx += bw + 50;
      } else {
        b += rect(bx, shelfY + 150 - bh, bw, bh, colour, 'rx="3"') + rect(bx + 5, shelfY + 150 - bh + 16, bw - 10, 8, '#ffffff', 'opacity="0.5"');
        bx += bw + 3;
      }
    }
  }
  // Speech bubbles: people talking in many languages, without words.
  const bubble = (cx: number, cy: number, w: number, h: number, fill: string, tailLeft: boolean) =>
    rect(cx - w / 2, cy - h / 2, w, h, fill, 'rx="40"') +
    polygon(
      tailLeft
        ? [
            [cx - w / 4, cy + h / 2 - 5],
            [cx - w / 4 - 50, cy + h / 2 + 60],
            [cx - w / 4 + 40, cy + h / 2 - 5],
          ]
        : [
            [cx + w / 4, cy + h / 2 - 5],
            [cx + w / 4 + 50, cy + h / 2 + 60],
            [cx + w / 4 - 40, cy + h / 2 - 5],
          ],
      fill,
    ) +
    [0, 1, 2].map((i) => rect(cx - w / 2 + 40, cy - h / 2 + 34 + i * 36, (w - 80) * (i === 2 ? 0.55 : 1), 14, '#ffffff', 'rx="7" opacity="0.75"')).join('');
  b += bubble(1450, 240, 440, 170, '#2f6d8c', true) + bubble(1600, 520, 380, 150, '#e76f51', false);
  // Table with an open book, cups and a small plant.
  b += rect(0, 860, W, H - 860, 'url(#wood)');
  b +=
    `<g transform="translate(760 1000)">` +
    ellipse(0, 110, 420, 60, '#000000', 'opacity="0.15"') +
    pathEl('M-400 0 Q-200 -50 0 10 L0 120 Q-200 60 -400 110 Z', '#fbf8f0') +
    pathEl('M400 0 Q200 -50 0 10 L0 120 Q200 60 400 110 Z', '#f4efe2');
  for (let i = 0; i < 6; i++) b += line(-360, 12 + i * 16, -40, 28 + i * 14, '#9aa4ab', 4) + line(40, 28 + i * 14, 360, 12 + i * 16, '#9aa4ab', 4);
  b += `</g>`;
  const mug = (mx: number, my: number, colour: string) =>
    rect(mx, my, 140, 160, colour, 'rx="22"') +
    pathEl(`M${n(mx + 140)} ${n(my + 40)} q70 0 60 60 q-10 40 -60 40`, 'none', `stroke="${colour}" stroke-width="20"`) +
    ellipse(mx + 70, my + 8, 62, 14, '#6b4228');
  b += mug(1380, 920, '#3f8a3c') + mug(1640, 960, '#e0a526');
  b += pathEl('M220 960 L250 860 L350 860 L380 960 Z', '#d06b3c');
  for (let i = 0; i < 7; i++)
    b += ellipse(
      300 + between(rng, -50, 50),
      820 - rng() * 100,
      16,
      42,
      pick(rng, ['#3f8f3a', '#58a84a']),
      `transform="rotate(${n(between(rng, -40, 40))} 300 860)"`,
    );
  b += vignette();
  return svgDocument(W, H, defs, b);
}

// ---------------------------------------------------------------------------------------------------------
// Scenes of Bloemenbuurt
// ---------------------------------------------------------------------------------------------------------

function sceneGeveltuinen(): string {
  const rng = random(111);
  const defs =
    linear('sky', [
      [0, '#8ccbe8'],
      [1, '#eaf6f4'],
    ]) + VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#sky)') + cloud(500, 150, 1) + cloud(1500, 120, 1.2);
  const walls = ['#f1e4cf', '#e7d2b5', '#f3efe6', '#d9c2a3', '#c97b56'];
  let x = -30;
  const ground = 1020;
  while (x < W) {
    const w = between(rng, 300, 360);
    b += house({
      x,
      ground,
      w,
      h: between(rng, 520, 600),
      wall: pick(rng, walls),
      roof: pick(rng, ['#6b3e2e', '#3d3a3f']),
      door: pick(rng, ['#2f6b3a', '#d9692b', '#1f5f8b', '#7a2e4a']),
      roofStyle: pick(rng, ['gable', 'flat'] as const),
    });
    // Hollyhocks and climbing roses against each facade.
    for (let i = 0; i < 3; i++) {
      const hx = x + w * (0.05 + i * 0.4) + rng() * 30;
      const hh = between(rng, 220, 360);
      b += line(hx, ground + 10, hx, ground - hh, '#3f7f3a', 7);
      const colour = pick(rng, ['#e85d75', '#f7a1c4', '#ffffff', '#d9692b', '#b33a6b']);
      for (let k = 0; k < 7; k++) b += flower(hx + (k % 2 ? 10 : -10), ground - hh + k * 30, 11, colour, '#f6e27a');
    }
    x += w;
  }
  // Pavement with a strip of plants along the facades.
  b += rect(0, ground, W, H - ground, '#cfc7ba');
  for (let px = 0; px < W; px += 70) b += line(px, ground, px - 40, H, '#b6ae9f', 3);
  b += rect(0, ground, W, 40, '#6f4a32');
  for (let px = 10; px < W; px += 26) b += ellipse(px, ground + 4, 20, 26, pick(rng, ['#3f8a3c', '#4f9a45', '#2f7a33']));
  for (let i = 0; i < 40; i++)
    b += tulip(between(rng, 0, W), ground + 30, between(rng, 60, 110), pick(rng, ['#e63946', '#f4a261', '#ffd166', '#ef476f', '#ffffff']));
  b += bicycle(1300, 1200, 1.3, '#2f6b3a');
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function scenePlein(): string {
  const rng = random(122);
  const defs =
    linear('sky', [
      [0, '#a3d4ee'],
      [1, '#fdf1da'],
    ]) +
    SUNGLOW_DEF +
    VIGNETTE_DEF +
    linear('square', [
      [0, '#d8cfc0'],
      [1, '#bfb3a0'],
    ]);
  let b = rect(0, 0, W, H, 'url(#sky)') + sun(1700, 200, 80) + cloud(400, 180, 1.1);
  b += hills(rng, 620, 40, '#9cc98a');
  for (let i = 0; i < 12; i++) b += tree(rng, 80 + i * 170 + rng() * 40, 680, between(rng, 160, 220), ['#4e9a48', '#5cae4f', '#3f8a3c']);
  b += rect(0, 660, W, H - 660, 'url(#square)');
  for (let i = 0; i < 12; i++) b += line(-400 + i * 240, H, 700 + i * 60, 660, '#a89c88', 3, 'opacity="0.6"');
  // Round flower bed with lavender and a fountain.
  b += ellipse(1000, 960, 620, 170, '#6f4a32') + ellipse(1000, 950, 590, 150, '#7a5236');
  for (let i = 0; i < 220; i++) {
    const a = rng() * Math.PI * 2;
    const r = Math.sqrt(rng());
    const fx = 1000 + Math.cos(a) * r * 560;
    const fy = 950 + Math.sin(a) * r * 135;
    if (Math.hypot((fx - 1000) / 200, (fy - 950) / 60) < 1) continue;
    const colour = fy < 950 ? pick(rng, ['#8e6cc2', '#a58bd6', '#7a56b3']) : pick(rng, ['#f4a261', '#e76f51', '#ffd166', '#ef476f']);
    b += ellipse(fx, fy - 20, 12, 30, colour) + line(fx, fy - 10, fx, fy + 10, '#3f7f3a', 4);
  }
  b +=
    ellipse(1000, 950, 200, 60, '#9fb7c4') +
    ellipse(1000, 945, 170, 46, '#6fb3d2') +
    rect(985, 820, 30, 130, '#9fb7c4') +
    ellipse(1000, 820, 60, 18, '#9fb7c4');
  b += pathEl('M1000 800 q-60 40 -90 140 M1000 800 q60 40 90 140', 'none', 'stroke="#cdeaf5" stroke-width="8" opacity="0.8"');
  // Benches.
  for (const [bx, by, s] of [
    [180, 1180, 1],
    [1580, 1200, 1.1],
  ] as const) {
    b +=
      `<g transform="translate(${bx} ${by}) scale(${s})">` +
      rect(0, 0, 320, 24, '#2f6b3a', 'rx="6"') +
      rect(0, -70, 320, 20, '#2f6b3a', 'rx="6"') +
      rect(0, -36, 320, 20, '#2f6b3a', 'rx="6"') +
      rect(20, 20, 14, 70, '#2b2b2b') +
      rect(286, 20, 14, 70, '#2b2b2b') +
      `</g>`;
  }
  b += vignette();
  return svgDocument(W, H, defs, b);
}

function sceneSpeeltuin(): string {
  const rng = random(133);
  const defs =
    linear('sky', [
      [0, '#7cc3e8'],
      [1, '#e2f4f5'],
    ]) +
    SUNGLOW_DEF +
    VIGNETTE_DEF;
  let b = rect(0, 0, W, H, 'url(#sky)') + sun(300, 200, 80) + cloud(1200, 160, 1.2) + cloud(1750, 240, 0.9);
  b += hills(rng, 700, 50, '#8cc373');
  for (let i = 0; i < 8; i++) b += tree(rng, 120 + i * 260, 760, between(rng, 200, 260), ['#4e9a48', '#5cae4f', '#3f8a3c', '#6dbb5a']);
  b += rect(0, 760, W, H - 760, '#93c872');
  b += ellipse(1000, 1150, 900, 160, '#e9d6a3');
  // Swings.
  b +=
    `<g stroke-linecap="round">` +
    line(300, 1120, 420, 640, '#d9692b', 22) +
    line(780, 1120, 660, 640, '#d9692b', 22) +
    line(400, 640, 680, 640, '#d9692b', 22);
  for (const sx of [470, 610])
    b += line(sx, 650, sx, 960, '#555555', 5) + line(sx + 60, 650, sx + 60, 960, '#555555', 5) + rect(sx - 10, 955, 80, 18, '#2f6b3a', 'rx="6"');
  b += `</g>`;
  // Slide.
  b += rect(1200, 700, 20, 420, '#8a8f94') + rect(1360, 700, 20, 420, '#8a8f94') + rect(1190, 690, 200, 30, '#2f6b3a', 'rx="8"');
  for (let y = 760; y < 1120; y += 60) b += line(1210, y, 1370, y, '#8a8f94', 10);
  b += pathEl('M1390 700 L1430 700 Q1600 900 1760 1110 L1700 1130 Q1540 920 1390 730 Z', '#f4a261');
  b += polygon(
    [
      [1180, 690],
      [1290, 600],
      [1400, 690],
    ],
    '#d9692b',
  );
  // Sandbox with toys.
  b +=
    rect(820, 1130, 360, 120, '#b88a5a', 'rx="10"') +
    rect(836, 1142, 328, 96, '#f1dca7', 'rx="6"') +
    pathEl('M900 1200 l40 0 l-10 30 l-20 0 z', '#e63946') +
    circle(1080, 1195, 24, '#1982c4');
  for (let i = 0; i < 50; i++) b += flower(between(rng, 0, W), between(rng, 800, 1330), 5, pick(rng, ['#ffffff', '#ffd166', '#ef476f']));
  b += vignette();
  return svgDocument(W, H, defs, b);
}

// ---------------------------------------------------------------------------------------------------------
// Portraits: abstract figures, no faces
// ---------------------------------------------------------------------------------------------------------

interface PortraitOptions {
  seed: number;
  background: [string, string];
  skin: string;
  hair: string;
  hairStyle: 'short' | 'long' | 'bun' | 'cap' | 'scarf';
  shirt: string;
  /** A symbol of what the person helps with, drawn large in the background. */
  motif: 'leaf' | 'heart' | 'shield' | 'coins' | 'cross' | 'ball' | 'wrench' | 'speech' | 'flower';
  accent: string;
}

function motifShape(motif: PortraitOptions['motif'], colour: string): string {
  switch (motif) {
    case 'leaf':
      return pathEl('M0 -160 Q150 -80 0 160 Q-150 -80 0 -160 Z', colour) + line(0, -130, 0, 150, '#ffffff', 6, 'opacity="0.5"');
    case 'heart':
      return pathEl('M0 140 C-200 0 -130 -170 0 -70 C130 -170 200 0 0 140 Z', colour);
    case 'shield':
      return (
        pathEl('M0 -160 L140 -110 Q140 80 0 160 Q-140 80 -140 -110 Z', colour) +
        pathEl('M-50 0 L-10 40 L60 -40', 'none', 'stroke="#ffffff" stroke-width="18" opacity="0.6" stroke-linecap="round" stroke-linejoin="round"')
      );
    case 'coins':
      return [0, 1, 2].map((i) => ellipse(-60 + i * 60, 80 - i * 60, 90, 34, colour, 'stroke="#ffffff" stroke-width="6" stroke-opacity="0.5"')).join('');
    case 'cross':
      return rect(-45, -150, 90, 300, colour, 'rx="16"') + rect(-150, -45, 300, 90, colour, 'rx="16"');
    case 'ball':
      return circle(0, 0, 150, colour) + pathEl('M-150 0 Q0 -60 150 0 M0 -150 Q-60 0 0 150', 'none', 'stroke="#ffffff" stroke-width="8" opacity="0.5"');
    case 'wrench':
      return (
        `<g transform="rotate(35)">` +
        rect(-28, -40, 56, 220, colour, 'rx="20"') +
        circle(0, -90, 80, colour) +
        rect(-24, -190, 48, 100, '#ffffff', 'opacity="0.35" rx="8"') +
        `</g>`
      );
    case 'speech':
      return (
        rect(-170, -120, 340, 200, colour, 'rx="60"') +
        polygon(
          [
            [-80, 70],
            [-130, 160],
            [-20, 70],
          ],
          colour,
        )
      );
    case 'flower':
      return flower(0, 0, 80, colour, '#ffffff');
  }
}

function portrait(o: PortraitOptions): string {
  const S = 1200;
  const rng = random(o.seed);
  const defs =
    linear('bg', [
      [0, o.background[0]],
      [1, o.background[1]],
    ]) +
    radial('vignette', [
      [0.6, '#000000', 0],
      [1, '#1a1020', 0.22],
    ]);
  let b = rect(0, 0, S, S, 'url(#bg)');
  for (let i = 0; i < 14; i++) b += circle(between(rng, 0, S), between(rng, 0, S), between(rng, 20, 90), '#ffffff', `opacity="${n(between(rng, 0.05, 0.14))}"`);
  b += `<g transform="translate(880 330) scale(1.3)" opacity="0.85">${motifShape(o.motif, o.accent)}</g>`;
  // Shoulders and neck.
  b += pathEl(`M170 ${S} Q190 860 420 800 L780 800 Q1010 860 1030 ${S} Z`, o.shirt);
  b += rect(540, 660, 120, 170, o.skin, 'rx="40"');
  // Head: a smooth oval without features, so nobody is depicted.
  const hair = o.hair;
  if (o.hairStyle === 'long') b += pathEl('M380 520 Q380 240 600 240 Q820 240 820 520 L850 860 Q600 900 350 860 Z', hair);
  if (o.hairStyle === 'scarf') b += pathEl('M360 540 Q360 210 600 210 Q840 210 840 540 L880 880 Q600 940 320 880 Z', hair);
  b += ellipse(600, 500, 190, 235, o.skin);
  b += ellipse(530, 430, 60, 90, '#ffffff', 'opacity="0.12"');
  if (o.hairStyle === 'short') b += pathEl('M410 470 Q400 250 600 250 Q800 250 790 470 Q760 350 600 340 Q450 345 410 470 Z', hair);
  if (o.hairStyle === 'long') b += pathEl('M410 470 Q420 260 600 262 Q780 262 790 470 Q700 330 560 360 Q470 380 410 470 Z', hair);
  if (o.hairStyle === 'bun') b += circle(600, 250, 80, hair) + pathEl('M410 470 Q400 270 600 270 Q800 270 790 470 Q740 350 600 345 Q460 350 410 470 Z', hair);
  if (o.hairStyle === 'cap')
    b +=
      pathEl('M400 440 Q400 240 600 240 Q800 240 800 440 Z', hair) +
      pathEl('M400 430 L860 430 Q880 460 820 470 L400 460 Z', hair) +
      rect(540, 260, 120, 60, o.accent, 'rx="16" opacity="0.9"');
  if (o.hairStyle === 'scarf') b += pathEl('M400 480 Q400 250 600 250 Q800 250 800 480 Q760 330 600 320 Q440 330 400 480 Z', hair);
  // Collar detail.
  b += pathEl('M520 800 L600 900 L680 800 Z', '#ffffff', 'opacity="0.55"');
  b += `<rect width="${S}" height="${S}" fill="url(#vignette)"/>`;
  return svgDocument(S, S, defs, b);
}

// ---------------------------------------------------------------------------------------------------------
// Logos
// ---------------------------------------------------------------------------------------------------------

function logoVoorbeeldwijk(): string {
  const S = 512;
  const defs = linear('bg', [
    [0, '#1d5c8c'],
    [1, '#164a72'],
  ]);
  let b = `<rect width="${S}" height="${S}" rx="96" fill="url(#bg)"/>`;
  b += circle(370, 150, 56, '#f2b84b');
  // Three houses under a tree.
  b += rect(230, 200, 22, 150, '#f6efe1') + circle(241, 170, 70, '#7fc08a') + circle(200, 200, 46, '#6aae76') + circle(285, 205, 48, '#5f9f6b');
  const houseShape = (x: number, w: number, h: number, fill: string) =>
    rect(x, 420 - h, w, h, fill) +
    polygon(
      [
        [x - 10, 420 - h],
        [x + w / 2, 420 - h - w * 0.55],
        [x + w + 10, 420 - h],
      ],
      fill,
    ) +
    rect(x + w * 0.35, 420 - h * 0.45, w * 0.3, h * 0.45, '#164a72');
  b += houseShape(70, 110, 130, '#ffffff') + houseShape(330, 110, 150, '#ffffff') + houseShape(200, 110, 100, '#f2b84b');
  b += rect(50, 418, 412, 16, '#ffffff', 'rx="8"');
  return svgDocument(S, S, defs, b);
}

function logoBloemenbuurt(): string {
  const S = 512;
  const defs = linear('bg', [
    [0, '#2e6b3a'],
    [1, '#245530'],
  ]);
  let b = `<rect width="${S}" height="${S}" rx="256" fill="url(#bg)"/>`;
  b += line(256, 430, 256, 250, '#bfe3b4', 16);
  b += pathEl('M256 380 Q170 360 150 280 Q230 290 256 360 Z', '#8cc97f') + pathEl('M256 340 Q340 320 362 240 Q282 250 256 320 Z', '#8cc97f');
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    b += ellipse(
      256 + Math.cos(a) * 70,
      180 + Math.sin(a) * 70,
      58,
      34,
      '#e8772e',
      `transform="rotate(${n((a * 180) / Math.PI)} ${n(256 + Math.cos(a) * 70)} ${n(180 + Math.sin(a) * 70)})"`,
    );
  }
  b += circle(256, 180, 52, '#ffd166') + circle(256, 180, 26, '#f4a23a');
  return svgDocument(S, S, defs, b);
}

// ---------------------------------------------------------------------------------------------------------

interface Output {
  file: string;
  svg: () => string;
}

const voorbeeldwijk = (name: string) => path.join(root, 'sites', 'voorbeeldwijk', 'media', name);
const bloemenbuurt = (name: string) => path.join(root, 'sites', 'bloemenbuurt', 'media', name);

const outputs: Output[] = [
  { file: voorbeeldwijk('logo.png'), svg: logoVoorbeeldwijk },
  { file: voorbeeldwijk('moestuin.jpg'), svg: sceneMoestuin },
  { file: voorbeeldwijk('straat.jpg'), svg: sceneStraat },
  { file: voorbeeldwijk('koffie.jpg'), svg: sceneKoffie },
  { file: voorbeeldwijk('park.jpg'), svg: scenePark },
  { file: voorbeeldwijk('repaircafe.jpg'), svg: sceneRepair },
  { file: voorbeeldwijk('buurtfeest.jpg'), svg: sceneBuurtfeest },
  { file: voorbeeldwijk('winter.jpg'), svg: sceneWinter },
  { file: voorbeeldwijk('jongeren.jpg'), svg: sceneJongeren },
  { file: voorbeeldwijk('taalcafe.jpg'), svg: sceneTaalcafe },
  {
    file: voorbeeldwijk('portret-anna.jpg'),
    svg: () =>
      portrait({
        seed: 1,
        background: ['#f6d9a8', '#f2b84b'],
        skin: '#f1c9a5',
        hair: '#d9d4cc',
        hairStyle: 'bun',
        shirt: '#2f6d8c',
        motif: 'heart',
        accent: '#e76f51',
      }),
  },
  {
    file: voorbeeldwijk('portret-sander.jpg'),
    svg: () =>
      portrait({
        seed: 2,
        background: ['#cfe0f2', '#8fb3d9'],
        skin: '#e8b894',
        hair: '#1f2f4f',
        hairStyle: 'cap',
        shirt: '#1f2f4f',
        motif: 'shield',
        accent: '#2f5f9f',
      }),
  },
  {
    file: voorbeeldwijk('portret-fatma.jpg'),
    svg: () =>
      portrait({
        seed: 3,
        background: ['#e3f0dc', '#a9d39a'],
        skin: '#c68e63',
        hair: '#6a4c93',
        hairStyle: 'scarf',
        shirt: '#3f8a3c',
        motif: 'speech',
        accent: '#2f6d8c',
      }),
  },
  {
    file: voorbeeldwijk('portret-henk.jpg'),
    svg: () =>
      portrait({
        seed: 4,
        background: ['#f3e1d3', '#e0a57e'],
        skin: '#efc3a0',
        hair: '#8a8580',
        hairStyle: 'short',
        shirt: '#c0392b',
        motif: 'wrench',
        accent: '#50585f',
      }),
  },
  { file: bloemenbuurt('logo.png'), svg: logoBloemenbuurt },
  { file: bloemenbuurt('geveltuinen.jpg'), svg: sceneGeveltuinen },
  { file: bloemenbuurt('lavendelplein.jpg'), svg: scenePlein },
  { file: bloemenbuurt('speeltuin.jpg'), svg: sceneSpeeltuin },
  {
    file: bloemenbuurt('portret-noor.jpg'),
    svg: () =>
      portrait({
        seed: 5,
        background: ['#fde2c8', '#f4a261'],
        skin: '#8d5524',
        hair: '#2b1d14',
        hairStyle: 'long',
        shirt: '#2e6b3a',
        motif: 'flower',
        accent: '#e8772e',
      }),
  },
];

async function render(output: Output): Promise<number> {
  await mkdir(path.dirname(output.file), { recursive: true });
  const image = sharp(Buffer.from(output.svg()), { density: 72 });
  if (output.file.endsWith('.png')) await image.png({ compressionLevel: 9, palette: true, quality: 90, effort: 10 }).toFile(output.file);
  else await image.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true, chromaSubsampling: '4:2:0' }).toFile(output.file);
  return (await stat(output.file)).size;
}

for (const output of outputs) {
  const bytes = await render(output);
  console.log(`${path.relative(root, output.file).padEnd(46)} ${(bytes / 1024).toFixed(0).padStart(4)} KB`);
}
