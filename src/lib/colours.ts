/**
 * Colours of a buurt's site, derived from the two colours in site.yaml, and their WCAG contrast.
 */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** "#1d5c8c" → { r: 29, g: 92, b: 140 } */
export function parseHex(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** { r: 29, g: 92, b: 140 } → "#1d5c8c" */
export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const { r, g, b } = parseHex(hex);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes `hex` with `other` (0 = hex, 1 = other). */
export function mix(hex: string, other: string, amount: number): string {
  const a = parseHex(hex);
  const b = parseHex(other);
  return toHex({ r: a.r + (b.r - a.r) * amount, g: a.g + (b.g - a.g) * amount, b: a.b + (b.b - a.b) * amount });
}

/** The site's text colour and page background. */
export const TEXT = '#1a1a1a';
export const BACKGROUND = '#ffffff';

/** Black-ish or white text, whichever reads better on `background`. */
export function readableOn(background: string): string {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, TEXT) ? '#ffffff' : TEXT;
}

export interface Theme {
  primary: string;
  onPrimary: string;
  accent: string;
  onAccent: string;
  /** A light tint of the primary colour for backgrounds of cards and the footer. */
  primaryTint: string;
}

/** The colours the stylesheet uses, from site.yaml's colours. */
export function themeFromColours(colors: { primary: string; accent: string }): Theme {
  return {
    primary: colors.primary.toLowerCase(),
    onPrimary: readableOn(colors.primary),
    accent: colors.accent.toLowerCase(),
    onAccent: readableOn(colors.accent),
    primaryTint: mix(colors.primary, '#ffffff', 0.92),
  };
}

/** The theme as CSS custom properties. */
export function themeCss(theme: Theme): string {
  return `:root{--c-primary:${theme.primary};--c-on-primary:${theme.onPrimary};--c-accent:${theme.accent};--c-on-accent:${theme.onAccent};--c-tint:${theme.primaryTint}}\n`;
}
