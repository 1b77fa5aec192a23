import { describe, expect, it } from 'vitest';
import { isBrokenLinkProblem, isMeaninglessAlt } from './measures.ts';
import type { ProblemCode } from '../../../src/model/problems.ts';

describe('alt texts that describe nothing', () => {
  it('are empty, generic words or the file name', () => {
    expect(isMeaninglessAlt('', '../../media/x.jpg')).toBe(true);
    expect(isMeaninglessAlt('  Foto ', '../../media/x.jpg')).toBe(true);
    expect(isMeaninglessAlt('IMG_2041.JPG', '../../media/IMG_2041.JPG')).toBe(true);
    expect(isMeaninglessAlt('img_2041', '../../media/IMG_2041.jpg')).toBe(true);
    expect(isMeaninglessAlt('buurtfeest-2026', '../../media/buurtfeest-2026.webp')).toBe(true);
  });

  it('do not include real descriptions, however short', () => {
    expect(isMeaninglessAlt('Kat', '../../media/kat.jpg')).toBe(false);
    expect(isMeaninglessAlt('Kinderen planten bollen', '../../media/foto.jpg')).toBe(false);
  });
});

describe('broken links from buurt check', () => {
  it('are missing images, unknown groups and menu items, and any link or anchor problem', () => {
    const codes: ProblemCode[] = [
      'missing-image',
      'image-outside-media',
      'unknown-group',
      'unknown-menu-item',
      'broken-link',
      'broken-anchor',
      'http-link',
      'missing-alt',
      'invalid-field',
    ];
    expect(codes.filter((code) => isBrokenLinkProblem({ code }))).toEqual(codes.slice(0, 7));
  });
});
