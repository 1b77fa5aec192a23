/** The page kinds `buurt audit --pages` accepts (the audit of real pages is in tests/browser/audit.test.ts). */
import { describe, expect, it } from 'vitest';
import { PAGE_TYPES, pageTypeName, parsePageTypes } from './pages.ts';

describe('--pages', () => {
  it('takes the kinds by their file names, in the audit’s own order, each once', () => {
    expect(PAGE_TYPES.map(pageTypeName)).toEqual(['home', 'news-item', 'agenda', 'activity', 'group', 'search']);
    expect(parsePageTypes('search,news-item')).toEqual(['news item', 'search']);
    expect(parsePageTypes(' home , home,')).toEqual(['home']);
  });

  it('refuses a kind it does not know, or none, naming the kinds', () => {
    const kinds = 'the kinds are home, news-item, agenda, activity, group, search';
    expect(() => parsePageTypes('home,nieuws,news item')).toThrow(`unknown page kind "nieuws", "news item"; ${kinds}`);
    expect(() => parsePageTypes(',')).toThrow(`no page kind given; ${kinds}`);
  });
});
