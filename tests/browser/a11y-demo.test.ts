/**
 * The demo buurt voorbeeldwijk, built from sites/ at a pinned "now", passes every accessibility and speed check
 * on every page: axe-core WCAG 2.2 AA, headings, skip link, targets, focus, text size, reflow, reduced motion
 * and the page-weight budgets (see tests/helpers/a11y-suite.ts). Which photo file a phone gets follows from
 * the templates, and is checked on the long-content buurt (tests/browser/a11y-long-content.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildDemo } from '../helpers/a11y-fixture.ts';
import { accessibilitySuite } from '../helpers/a11y-suite.ts';

const ctx = accessibilitySuite(buildDemo, { photos: false });

describe('the demo agenda', () => {
  it('reads in about three phone screens, from its title to the last activity', async () => {
    // A common phone today (390×844 CSS px); that every activity stays listed is tests/reader-feeds.test.ts's
    // comparison of the agenda pages with the calendar feed.
    const screen = { width: 390, height: 844 };
    const { page, context } = await ctx.browser.newPage({ viewport: screen, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${ctx.origin}/agenda/`);
      const { height, lines } = await page.evaluate(() => {
        const top = document.querySelector('main h1')!.getBoundingClientRect().top;
        const sections = [...document.querySelectorAll('.agenda-section')];
        return { height: sections.at(-1)!.getBoundingClientRect().bottom - top, lines: document.querySelectorAll('.agenda-line').length };
      });
      expect(lines).toBeGreaterThan(10);
      expect(height / screen.height).toBeLessThanOrEqual(3.25);
    } finally {
      await context.close();
    }
  });
});
