/**
 * The buurt's colours from site.yaml against the colours they meet on the site (see COLOUR_USES in colours.ts):
 * text needs a contrast of 4.5:1 (WCAG 2.2 AA, 1.4.3), lines and controls 3:1 (1.4.11). A colour that falls
 * short is an error naming each place it fails, its ratio there, and the nearest colour of the same hue that
 * passes everywhere.
 */
import type { LoadedSite } from '../model/content.ts';
import { checkColourContrast, formatRatio } from '../theme/colours.ts';
import type { Problem } from '../model/problems.ts';

export function checkContrast(site: LoadedSite): Problem[] {
  if (!site.config) return [];
  return checkColourContrast(site.config.colors).map((result) => {
    const where = result.shortfalls.map((s) => `${formatRatio(s.ratio)} ${s.use.where} (needs ${s.use.minimum}:1)`).join('; ');
    const advice = result.suggestion
      ? `a nearby colour with the same hue that passes is ${result.suggestion}`
      : 'no colour of this hue passes; choose a darker or lighter colour';
    return {
      code: 'low-contrast',
      severity: 'error',
      file: site.paths.configFile,
      line: site.configLineOf(['colors', result.field]),
      field: `colors.${result.field}`,
      message: `${result.value} has too little contrast: ${where}; ${advice}`,
    };
  });
}
