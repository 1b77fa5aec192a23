import { describe, expect, it } from 'vitest';
import { averageLevel, describeLevel, levelFor, measure } from './scoring.ts';
import { thresholds } from './thresholds.ts';

describe('levels from thresholds', () => {
  it('gives one level per cut-off reached when more is better', () => {
    const t = thresholds.newsPerMonth; // 0.5, 1, 2, 4
    expect([0, 0.49, 0.5, 0.99, 1, 2, 3.99, 4, 12].map((v) => levelFor(t, v))).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 5]);
  });

  it('gives one level per cut-off reached when less is better', () => {
    const t = thresholds.daysSinceLastNews; // 90, 30, 14, 7
    expect([400, 91, 90, 31, 30, 15, 14, 8, 7, 0].map((v) => levelFor(t, v))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('treats shares computed with rounding as reaching their cut-off', () => {
    expect(levelFor(thresholds.reachableGroupsShare, 3 / 4)).toBe(4);
    expect(levelFor(thresholds.incompleteShare, 0.1)).toBe(5);
  });

  it('leaves a missing figure unscored unless it stands for a level', () => {
    expect(measure('editors', null)).toBeUndefined();
    expect(measure('daysSinceLastNews', null, 1)).toEqual({ key: 'daysSinceLastNews', value: null, level: 1 });
    expect(measure('editors', 2)).toEqual({ key: 'editors', value: 2, level: 3 });
  });

  it('averages levels rounding down and skips unscored ones', () => {
    expect(averageLevel([5, 4])).toBe(4);
    expect(averageLevel([2, 3, null])).toBe(2);
    expect(averageLevel([3, 3, 3])).toBe(3);
    expect(averageLevel([null])).toBeNull();
  });

  it('names levels', () => {
    expect(describeLevel(1)).toBe('1 startend');
    expect(describeLevel(5)).toBe('5 bloeiend');
    expect(describeLevel(null, 'nog geen audit')).toBe('nog geen audit');
  });
});

describe('thresholds', () => {
  it('has four cut-offs per measure, in the order of the levels', () => {
    for (const [key, t] of Object.entries(thresholds)) {
      const c = [...t.cutoffs];
      const sorted = [...c].sort((a, b) => (t.direction === 'atLeast' ? a - b : b - a));
      expect(c, key).toEqual(sorted);
    }
  });
});
