/**
 * The every-page suites open one page per template in Chromium (tests/helpers/a11y-suite.ts): the grouping of
 * pages by the route files of src/pages/ must put pages of one template together and no two templates together.
 */
import { describe, expect, it } from 'vitest';
import { templatesOf } from './helpers/a11y-suite.ts';

describe('pages grouped by template', () => {
  it('follows the route files, a static route before a dynamic one, and keeps an unknown page on its own', async () => {
    const templates = await templatesOf([
      '/',
      '/404.html',
      '/nieuws/',
      '/nieuws/bankjes/',
      '/nieuws/feest/',
      '/nieuws/pagina/2/',
      '/agenda/',
      '/agenda/archief/',
      '/agenda/koffie/',
      '/wie-helpt/onderwerp/tuin/',
      '/zoeken/',
      '/over-de-buurt/',
      '/privacy/',
      '/iets/heel/anders/',
    ]);
    expect(Object.fromEntries(templates)).toEqual({
      'index.astro': ['/'],
      '404.astro': ['/404.html'],
      'nieuws/index.astro': ['/nieuws/'],
      'nieuws/[slug].astro': ['/nieuws/bankjes/', '/nieuws/feest/'],
      'nieuws/pagina/[page].astro': ['/nieuws/pagina/2/'],
      'agenda/index.astro': ['/agenda/'],
      'agenda/archief.astro': ['/agenda/archief/'],
      'agenda/[slug].astro': ['/agenda/koffie/'],
      'wie-helpt/onderwerp/[topic].astro': ['/wie-helpt/onderwerp/tuin/'],
      'zoeken.astro': ['/zoeken/'],
      '[page].astro': ['/over-de-buurt/', '/privacy/'],
      '/iets/heel/anders/': ['/iets/heel/anders/'],
    });
  });
});
