import { describe, expect, it } from 'vitest';
import { slugifyHeading } from '../markdown/sanitize-html.ts';
import { slugify, topicSlug } from './urls.ts';

describe('slugify', () => {
  it('drops accents and turns every run of other characters into one dash', () => {
    expect(slugify('geld & zaken')).toBe('geld-zaken');
    expect(slugify('  Café Één!  ')).toBe('cafe-een');
    expect(slugify('Buurt--Borrel 2026')).toBe('buurt-borrel-2026');
    expect(slugify('!!!')).toBe('');
  });

  it('is what a helper topic becomes in its address', () => {
    expect(topicSlug('Geld & zaken')).toBe(slugify('Geld & zaken'));
  });

  it('differs from heading ids on purpose: punctuation inside a word is dropped there', () => {
    expect(slugify('e.v.a. Wat?')).toBe('e-v-a-wat');
    expect(slugifyHeading('e.v.a. Wat?')).toBe('eva-wat');
  });
});
