import { describe, expect, it } from 'vitest';
import { random } from '../../scripts/seeded-random.ts';
import { boundedEditDistance, closestName, NearestIndex } from './suggest.ts';
import { editDistance } from '../model/yaml-source.ts';

const slugs = Array.from({ length: 1000 }, (_, i) => `/nieuws/bericht-over-de-buurt-nummer-${i}/`);

describe('boundedEditDistance', () => {
  it('equals the full edit distance up to the bound, and is bound + 1 beyond it', () => {
    const rand = random(7);
    const word = () => Array.from({ length: Math.floor(rand() * 12) }, () => 'abcde'[Math.floor(rand() * 5)]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b, max] = [word(), word(), Math.floor(rand() * 6)];
      const full = editDistance(a, b);
      expect(boundedEditDistance(a, b, max), `${a} ${b} ${max}`).toBe(full <= max ? full : max + 1);
    }
  });
});

describe('NearestIndex', () => {
  it('suggests the address one typo away among a thousand that look alike', () => {
    const index = new NearestIndex(slugs);
    expect(index.nearest('/nieuws/bericht-over-de-buurt-numer-417/', 10)).toEqual({ word: '/nieuws/bericht-over-de-buurt-nummer-417/', distance: 1 });
    expect(index.nearest('/nieuws/bericht-over-de-buurt-nummer-41x7/', 10)).toEqual({ word: '/nieuws/bericht-over-de-buurt-nummer-417/', distance: 1 });
    expect(index.nearest('/niews/bericht-over-de-buurt-nummer-12/', 10)?.word).toBe('/nieuws/bericht-over-de-buurt-nummer-12/');
    expect(index.nearest('/agenda/zomerfeest/', 4)).toBeUndefined();
  });

  it('computes at most `candidates` edit distances per distinct miss, and each miss once', () => {
    const index = new NearestIndex(slugs, 16);
    const misses = Array.from({ length: 3000 }, (_, i) => `/nieuws/bericht-over-de-buurt-nummer-${(i * 7) % 1000}-extra-${i % 3}/`);
    for (const miss of misses) index.nearest(miss, Math.floor(miss.length / 4));
    const distinct = new Set(misses).size;
    expect(index.comparisons).toBeLessThanOrEqual(16 * distinct);
    // Comparing every miss with every address would be 3,000,000.
    expect(index.comparisons).toBeLessThan(misses.length * slugs.length * 0.02);
  });

  it('closestName keeps the rule of closest(): two edits, or the same first four letters', () => {
    const index = new NearestIndex(['tuin.jpg', 'logo.png', 'buurtfeest-2026.jpg']);
    expect(closestName('tiun.jpg', index)).toBe('tuin.jpg');
    expect(closestName('buurtfeest.jpg', index)).toBe('buurtfeest-2026.jpg');
    expect(closestName('zomer.jpg', index)).toBeUndefined();
  });
});
