import { describe, expect, it } from 'vitest';
import {
  BACKGROUND,
  COLOUR_USES,
  SURFACE,
  checkColourContrast,
  contrastRatio,
  formatRatio,
  fromOklch,
  mix,
  nearestByLightness,
  themeFromColours,
  toOklch,
} from './colours.ts';

/** Deterministic colours spread over the whole cube (a small linear congruential generator). */
function colours(count: number, seed = 7): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: count }, () => `#${(next() % 0x1000000).toString(16).padStart(6, '0')}`);
}

const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe('contrast', () => {
  it('computes the WCAG ratio of known pairs', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#1d5c8c', '#ffffff')).toBe(contrastRatio('#ffffff', '#1d5c8c'));
  });

  it('never rounds a ratio up past a limit', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(4.5)).toBe('4.50:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });
});

describe('mix', () => {
  it('mixes two colours channel by channel in sRGB', () => {
    expect(mix('#1d5c8c', '#ffffff', 0.92)).toBe('#edf2f6');
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#1d5c8c', '#f2b84b', 0)).toBe('#1d5c8c');
    expect(mix('#1d5c8c', '#f2b84b', 1)).toBe('#f2b84b');
  });
});

describe('OKLCH', () => {
  it('converts colours there and back without change', () => {
    for (const hex of ['#000000', '#ffffff', '#1d5c8c', '#f2b84b', '#ff0000', '#00ff00', '#0000ff', '#808080', ...colours(200)]) {
      expect(fromOklch(toOklch(hex)), hex).toBe(hex);
    }
  });

  it('gives the lightness people see: yellow is lighter than blue of the same sRGB brightness', () => {
    expect(toOklch('#ffff00').l).toBeGreaterThan(toOklch('#0000ff').l + 0.4);
    expect(toOklch('#000000').l).toBeCloseTo(0, 4);
    expect(toOklch('#ffffff').l).toBeCloseTo(1, 4);
  });

  it('keeps hue and lightness and gives up chroma for a colour no screen can show', () => {
    const vivid = { l: 0.5, c: 0.4, h: 145 };
    const shown = toOklch(fromOklch(vivid));
    expect(shown.c).toBeLessThan(0.4);
    expect(shown.l).toBeCloseTo(0.5, 2);
    expect(hueDistance(shown.h, 145)).toBeLessThan(2);
  });
});

describe('nearestByLightness', () => {
  it('returns the colour itself when it passes', () => {
    expect(nearestByLightness('#1D5C8C', () => true)).toBe('#1d5c8c');
  });

  it('finds the closest lightness of the same hue that passes, darker or lighter', () => {
    const onWhite = (c: string) => contrastRatio(c, '#ffffff') >= 4.5;
    const darker = nearestByLightness('#8fb3d9', onWhite)!;
    expect(onWhite(darker)).toBe(true);
    expect(toOklch(darker).l).toBeLessThan(toOklch('#8fb3d9').l);
    expect(hueDistance(toOklch(darker).h, toOklch('#8fb3d9').h)).toBeLessThan(2);
    // One step lighter would fail: it is the nearest.
    expect(onWhite(fromOklch({ ...toOklch(darker), l: toOklch(darker).l + 0.005 }))).toBe(false);

    const onBlack = (c: string) => contrastRatio(c, '#000000') >= 7;
    const lighter = nearestByLightness('#1d5c8c', onBlack)!;
    expect(onBlack(lighter)).toBe(true);
    expect(toOklch(lighter).l).toBeGreaterThan(toOklch('#1d5c8c').l);
  });

  it('returns undefined when no lightness passes', () => {
    expect(nearestByLightness('#1d5c8c', () => false)).toBeUndefined();
  });
});

describe('the theme', () => {
  it('draws accent lines that stand out 3:1 from the page and from notices, in the accent when it can', () => {
    expect(themeFromColours({ primary: '#1d5c8c', accent: '#1d5c8c' }).accentLine).toBe('#1d5c8c');
    const light = themeFromColours({ primary: '#1d5c8c', accent: '#f2b84b' });
    expect(light.accentLine).not.toBe('#f2b84b');
    for (const accent of colours(300, 11)) {
      const { accentLine } = themeFromColours({ primary: '#1d5c8c', accent });
      expect(contrastRatio(accentLine, BACKGROUND), accent).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(accentLine, SURFACE), accent).toBeGreaterThanOrEqual(3);
      expect(hueDistance(toOklch(accentLine).h, toOklch(accent).h) < 3 || toOklch(accent).c < 0.02, accent).toBe(true);
    }
  });
});

describe('checkColourContrast', () => {
  it('passes the colours of the demo buurten', () => {
    expect(checkColourContrast({ primary: '#1d5c8c', accent: '#f2b84b' })).toEqual([]);
    expect(checkColourContrast({ primary: '#2e6b3a', accent: '#d9692b' })).toEqual([]);
  });

  it('names every use a light primary colour fails, with its ratio', () => {
    const [result, ...rest] = checkColourContrast({ primary: '#8fb3d9', accent: '#f2b84b' });
    expect(rest).toEqual([]);
    expect(result!.field).toBe('primary');
    expect(result!.shortfalls.map((s) => [s.use.where, formatRatio(s.ratio)])).toEqual([
      ['as link text on the white page', '2.18:1'],
      ['as link text on the light background of the menu and footer', '2.06:1'],
    ]);
  });

  it('suggests, for any colour that fails, one of the same hue that passes every use of it', () => {
    let failures = 0;
    for (const [primary, accent] of colours(160, 3).map((c, i, all) => [c, all[(i + 1) % all.length]!] as const)) {
      for (const result of checkColourContrast({ primary, accent })) {
        failures++;
        const fixed = { primary, accent, [result.field]: result.suggestion! };
        expect(result.suggestion, `${result.field} ${result.value}`).toMatch(/^#[0-9a-f]{6}$/);
        expect(
          checkColourContrast(fixed).filter((r) => r.field === result.field),
          `${result.field} ${result.value} → ${result.suggestion}`,
        ).toEqual([]);
        const before = toOklch(result.value);
        if (before.c > 0.03) expect(hueDistance(toOklch(result.suggestion!).h, before.h), result.value).toBeLessThan(3);
      }
    }
    expect(failures).toBeGreaterThan(30);
  });

  it('checks every use against the colours the stylesheet draws', () => {
    const theme = themeFromColours({ primary: '#1d5c8c', accent: '#f2b84b' });
    expect(COLOUR_USES.map((u) => [u.field, u.minimum, u.pair(theme)])).toEqual([
      ['primary', 4.5, ['#1d5c8c', '#ffffff']],
      ['primary', 4.5, ['#1d5c8c', theme.primaryTint]],
      ['primary', 4.5, ['#ffffff', '#1d5c8c']],
      ['accent', 4.5, ['#1a1a1a', '#f2b84b']],
    ]);
  });
});
