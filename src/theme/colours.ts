/**
 * Colours of a buurt's site, derived from the two colours in site.yaml, and their WCAG contrast. All colour
 * maths (parsing, mixing, WCAG luminance and contrast, OKLCH, bringing a colour into the sRGB gamut) is culori's;
 * this module decides which colours the site uses.
 */
import { clampChroma, converter, formatHex, interpolate, wcagContrast, wcagLuminance } from 'culori';

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  return wcagLuminance(hex);
}

/** WCAG contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  return wcagContrast(a, b);
}

/** Mixes `hex` with `other` in sRGB (0 = hex, 1 = other): `mix("#1d5c8c", "#ffffff", 0.92)` → "#edf2f6". */
export function mix(hex: string, other: string, amount: number): string {
  return formatHex(interpolate([hex, other], 'rgb')(amount));
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
  /**
   * The accent for decorative lines (under month headings, beside notices and quotes): the accent itself when it
   * stands out 3:1 from the white page and the grey notice background, else the nearest darker shade of it.
   */
  accentLine: string;
}

/** The colours the stylesheet uses, from site.yaml's colours. */
export function themeFromColours(colors: { primary: string; accent: string }): Theme {
  return {
    primary: colors.primary.toLowerCase(),
    onPrimary: readableOn(colors.primary),
    accent: colors.accent.toLowerCase(),
    onAccent: readableOn(colors.accent),
    primaryTint: mix(colors.primary, '#ffffff', 0.92),
    accentLine: visibleLine(colors.accent.toLowerCase()),
  };
}

/** The theme as CSS custom properties. */
export function themeCss(theme: Theme): string {
  return `:root{--c-primary:${theme.primary};--c-on-primary:${theme.onPrimary};--c-accent:${theme.accent};--c-on-accent:${theme.onAccent};--c-tint:${theme.primaryTint};--c-accent-line:${theme.accentLine}}\n`;
}

/** The light grey behind notices and code. */
export const SURFACE = '#f5f5f5';

/** Minimum contrast (WCAG 2.2 AA): 4.5:1 for text, 3:1 for large text and for lines and controls. */
export const MIN_TEXT_CONTRAST = 4.5;
export const MIN_NON_TEXT_CONTRAST = 3;

function visibleLine(accent: string): string {
  const visible = (c: string) => contrastRatio(c, BACKGROUND) >= MIN_NON_TEXT_CONTRAST && contrastRatio(c, SURFACE) >= MIN_NON_TEXT_CONTRAST;
  return visible(accent) ? accent : (nearestByLightness(accent, visible) ?? TEXT);
}

/** A colour in OKLCH: perceptual lightness 0–1, chroma, hue in degrees. */
export interface Oklch {
  l: number;
  c: number;
  h: number;
}

const oklch = converter('oklch');
const lrgb = converter('lrgb');

/** Within rounding of the sRGB gamut (culori's `displayable` has no tolerance: pure blue would fail it). */
const isShown = (colour: { mode: 'oklch'; l: number; c: number; h: number }) => {
  const { r, g, b } = lrgb(colour);
  return [r, g, b].every((channel) => channel >= -1e-4 && channel <= 1 + 1e-4);
};

/** "#1d5c8c" → its OKLCH coordinates (Björn Ottosson's OKLab, in polar form). */
export function toOklch(hex: string): Oklch {
  const colour = oklch(hex);
  if (!colour) throw new Error(`"${hex}" is not a colour`);
  return { l: colour.l, c: colour.c, h: colour.h ?? 0 };
}

/** An OKLCH colour as hex; when it is outside what a screen shows, its chroma is reduced (hue and lightness kept). */
export function fromOklch(colour: Oklch): string {
  const value = { mode: 'oklch' as const, l: colour.l, c: colour.c, h: colour.h };
  return formatHex(isShown(value) ? value : clampChroma(value, 'oklch'));
}

/**
 * The colour closest to `hex` in OKLCH lightness, with the same hue (and chroma where the screen allows), for
 * which `passes` holds; `hex` itself when it passes, undefined when no lightness does. On a tie the darker wins.
 */
export function nearestByLightness(hex: string, passes: (candidate: string) => boolean): string | undefined {
  const colour = hex.toLowerCase();
  if (passes(colour)) return colour;
  const start = toOklch(colour);
  const step = 0.0025;
  for (let distance = step; distance <= 1 + step; distance += step) {
    for (const l of [start.l - distance, start.l + distance]) {
      if (l < 0 || l > 1) continue;
      const candidate = fromOklch({ ...start, l });
      if (candidate !== colour && passes(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The two colours from site.yaml. */
export type ColourField = 'primary' | 'accent';

/** One place where a site.yaml colour meets another colour on the site, and the contrast it needs there. */
export interface ColourUse {
  field: ColourField;
  /** Where, in words: "as link text on the white page". */
  where: string;
  /** The minimum contrast ratio: MIN_TEXT_CONTRAST or MIN_NON_TEXT_CONTRAST. */
  minimum: number;
  /** The foreground and background colours of this use in a theme. */
  pair(theme: Theme): [string, string];
}

/**
 * Every place site.css puts a theme colour next to another colour where contrast matters (keep in step with
 * site.css). Uses that follow from these are not listed twice: the focus ring and search field border in the
 * header use the header's text colour on the primary colour (covered by the 4.5:1 there), the line under the
 * current menu item and the borders of buttons, page numbers and topic links are the primary colour on white or
 * on the tint (covered by the link rules). Lines in the accent colour are decorative and drawn in
 * `accentLine`, which always stands out 3:1.
 */
export const COLOUR_USES: readonly ColourUse[] = [
  { field: 'primary', where: 'as link text on the white page', minimum: MIN_TEXT_CONTRAST, pair: (t) => [t.primary, BACKGROUND] },
  {
    field: 'primary',
    where: 'as link text on the light background of the menu and footer',
    minimum: MIN_TEXT_CONTRAST,
    pair: (t) => [t.primary, t.primaryTint],
  },
  {
    field: 'primary',
    where: 'as the background of the header and of buttons, behind their text',
    minimum: MIN_TEXT_CONTRAST,
    pair: (t) => [t.onPrimary, t.primary],
  },
  { field: 'accent', where: 'behind highlighted words in search results', minimum: MIN_TEXT_CONTRAST, pair: (t) => [t.onAccent, t.accent] },
];

export interface ContrastShortfall {
  use: ColourUse;
  ratio: number;
}

export interface ColourContrastResult {
  field: ColourField;
  value: string;
  /** The uses of this colour that fall short, in COLOUR_USES order. */
  shortfalls: ContrastShortfall[];
  /** The nearest colour with the same hue for which every use of this field passes (the other colour unchanged). */
  suggestion: string | undefined;
}

function shortfallsOf(field: ColourField, colors: { primary: string; accent: string }): ContrastShortfall[] {
  const theme = themeFromColours(colors);
  const result: ContrastShortfall[] = [];
  for (const use of COLOUR_USES) {
    if (use.field !== field) continue;
    const [fg, bg] = use.pair(theme);
    const ratio = contrastRatio(fg, bg);
    if (ratio < use.minimum) result.push({ use, ratio });
  }
  return result;
}

/** For each site.yaml colour that falls short somewhere: where, by how much, and a nearby colour that passes. */
export function checkColourContrast(colors: { primary: string; accent: string }): ColourContrastResult[] {
  const results: ColourContrastResult[] = [];
  for (const field of ['primary', 'accent'] as const) {
    const shortfalls = shortfallsOf(field, colors);
    if (!shortfalls.length) continue;
    const suggestion = nearestByLightness(colors[field], (candidate) => shortfallsOf(field, { ...colors, [field]: candidate }).length === 0);
    results.push({ field, value: colors[field].toLowerCase(), shortfalls, suggestion });
  }
  return results;
}

/** A contrast ratio as people read it, never rounded up past a limit: 4.4999 → "4.49:1". */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
