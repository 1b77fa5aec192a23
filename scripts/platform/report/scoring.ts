/**
 * From figures to levels: each measure gets a level 1–5 from its threshold, each dimension the average of its
 * measures' levels rounded down, and the buurt as a whole the average of its dimensions rounded down.
 */
import { thresholds, type MeasureKey, type Threshold } from './thresholds.ts';

export type Level = 1 | 2 | 3 | 4 | 5;

/** The Dutch name of each level, as the report prints it: "3 actief". */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  1: 'startend',
  2: 'groeiend',
  3: 'actief',
  4: 'levendig',
  5: 'bloeiend',
};

/** "3 actief"; `none` for an unscored dimension. */
export function describeLevel(level: Level | null, none = 'geen niveau'): string {
  return level === null ? none : `${level} ${LEVEL_LABELS[level]}`;
}

/** The level a value earns against a threshold: 1 plus the number of cut-offs it reaches. */
export function levelFor(threshold: Threshold, value: number): Level {
  let level = 1;
  for (const cutoff of threshold.cutoffs) {
    const reached = threshold.direction === 'atLeast' ? value >= cutoff - 1e-9 : value <= cutoff + 1e-9;
    if (reached) level++;
    else break;
  }
  return level as Level;
}

/** One scored measure: the figure and the level it earns. */
export interface Measure {
  key: MeasureKey;
  /** Null when there is nothing to measure and the measure was given a fixed level (no news at all: level 1). */
  value: number | null;
  level: Level;
}

/**
 * Scores `value` on the named measure. A null value is not scored (undefined), unless `whenMissing` gives the
 * level it stands for (no news at all is level 1, not "unknown").
 */
export function measure(key: MeasureKey, value: number | null, whenMissing?: Level): Measure | undefined {
  if (value === null || !Number.isFinite(value)) return whenMissing === undefined ? undefined : { key, value: null, level: whenMissing };
  return { key, value, level: levelFor(thresholds[key], value) };
}

/** The average of levels rounded down; null when there are none. */
export function averageLevel(levels: readonly (Level | null)[]): Level | null {
  const scored = levels.filter((l): l is Level => l !== null);
  if (!scored.length) return null;
  return Math.floor(scored.reduce((sum, l) => sum + l, 0) / scored.length + 1e-9) as Level;
}
