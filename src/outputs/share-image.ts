/**
 * The default link-preview image of a buurt (1200×630, what WhatsApp, Facebook and Mastodon show when a page
 * has no photo of its own), drawn at build time with sharp from the buurt's name, tagline, colours and logo.
 * Why not satori (@vercel/og): sharp is already on the build path for photos and sets text with Pango; satori
 * would add a second renderer (resvg) and font files for one image per buurt.
 */
import sharp, { type OverlayOptions } from 'sharp';
import { readableOn } from '../theme/colours.ts';
import { escapeXml } from './feeds.ts';
import { inspectImage, readImageFile } from '../media/images.ts';
import { DEFAULT_SHARE_IMAGE } from './seo.ts';

export interface ShareImageInput {
  name: string;
  tagline?: string | undefined;
  colors: { primary: string; accent: string };
  /** Absolute path of the logo inside the buurt's media folder. */
  logoFile?: string | undefined;
}

/** Renders the default preview image as JPEG. */
export async function renderShareImage(input: ShareImageInput): Promise<Buffer> {
  const { width, height } = DEFAULT_SHARE_IMAGE;
  const margin = 80;
  const band = 28;
  const ink = readableOn(input.colors.primary);
  const layers: OverlayOptions[] = [];

  let textLeft = margin;
  if (input.logoFile) {
    const bytes = await readImageFile(input.logoFile);
    await inspectImage(input.logoFile, bytes);
    const box = 260;
    const logo = await sharp(bytes, { failOn: 'truncated' })
      .rotate()
      .resize(box - 40, box - 40, { fit: 'contain', background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#ffffff' })
      .png()
      .toBuffer();
    layers.push({ input: logo, left: margin, top: Math.round((height - band - box) / 2) });
    textLeft = margin + box + 60;
  }

  const textWidth = width - textLeft - margin;
  const markup =
    `<span foreground="${ink}" weight="bold">${escapeXml(input.name)}</span>` +
    (input.tagline ? `\n<span foreground="${ink}" size="60%">${escapeXml(input.tagline)}</span>` : '');
  const text = await sharp({
    text: { text: markup, font: 'sans-serif', width: textWidth, height: input.tagline ? 300 : 220, rgba: true, wrap: 'word' },
  })
    .png()
    .toBuffer();
  const textMeta = await sharp(text).metadata();
  layers.push({ input: text, left: textLeft, top: Math.max(margin / 2, Math.round((height - band - (textMeta.height ?? 0)) / 2)) });
  layers.push({
    input: { create: { width, height: band, channels: 3, background: input.colors.accent } },
    left: 0,
    top: height - band,
  });

  return sharp({ create: { width, height, channels: 3, background: input.colors.primary } })
    .composite(layers)
    .jpeg({ quality: 85, progressive: true })
    .toBuffer();
}
