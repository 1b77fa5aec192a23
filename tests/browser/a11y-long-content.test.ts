/**
 * A buurt that tests the layout's limits (tests/fixtures/a11y-long-content/, "Kastanjeboomgaardwijk"): Dutch
 * compound words in titles, names and the menu, 40 tags, many photos, long addresses, tables and lists in
 * texts. Every page passes every accessibility and speed check (tests/helpers/a11y-suite.ts). `npm run audit`
 * on the same build is tested in tests/browser/audit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildLongContentFixture } from '../helpers/a11y-fixture.ts';
import { accessibilitySuite } from '../helpers/a11y-suite.ts';

const ctx = accessibilitySuite(buildLongContentFixture);

describe('the long-content buurt', () => {
  it('really has long words, 40 tags, many photos and a long menu', async () => {
    const news = await ctx.site.page('/nieuws/buurtpreventie/');
    expect(news('h1').text()).toContain('Buurtpreventievrijwilligersbijeenkomst');
    expect(news('.tags .tag')).toHaveLength(40);
    expect(news('.site-nav li').length).toBeGreaterThanOrEqual(10);
    expect(news('main img[src^="/_fotos/"]').length).toBeGreaterThanOrEqual(2);
    const person = await ctx.site.page('/wie-helpt/fatima/');
    expect(person('.topics li')).toHaveLength(40);
    const home = await ctx.site.page('/');
    expect(home('.site-name .name').text()).toBe('Bewonersvereniging Kastanjeboomgaardwijk-Zuidoost');
    expect(home('main img[src^="/_fotos/"]').length).toBeGreaterThanOrEqual(4);
  });
});
