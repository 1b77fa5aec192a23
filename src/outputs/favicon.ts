/**
 * The buurt's icon for browser tabs, bookmarks and phone home screens: a house in the header's text colour on
 * the buurt's primary colour, drawn at build time. Served from the site itself (`/favicon.svg`, `/favicon.ico`,
 * `/apple-touch-icon.png`), so browsers do not ask for a missing `/favicon.ico` and log an error.
 */
import sharp from 'sharp';
import { themeFromColours } from '../theme/colours.ts';

/** The icon as SVG; `rounded` false for the square home-screen icon (phones round the corners themselves). */
export function faviconSvg(colors: { primary: string; accent: string }, rounded = true): string {
  const theme = themeFromColours(colors);
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<rect width="32" height="32" rx="${rounded ? 6 : 0}" fill="${theme.primary}"/>` +
    `<path d="M16 5 4 15.5h3.5V27h6.5v-7h4v7h6.5V15.5H28z" fill="${theme.onPrimary}"/>` +
    '</svg>\n'
  );
}

/** The icon as a square PNG of `size` pixels. */
export async function faviconPng(colors: { primary: string; accent: string }, size: number, rounded = true): Promise<Buffer> {
  return sharp(Buffer.from(faviconSvg(colors, rounded)), { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toBuffer();
}

/** A Windows icon file holding one PNG image (all current browsers read PNG inside .ico). */
export function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the header
  return Buffer.concat([header, png]);
}
