/**
 * The demo buurt voorbeeldwijk, built from sites/ at a pinned "now", passes every accessibility and speed check
 * on every page: axe-core WCAG 2.2 AA, headings, skip link, targets, focus, text size, reflow, reduced motion
 * and the page-weight budgets (see tests/helpers/a11y-suite.ts). Which photo file a phone gets follows from
 * the templates, and is checked on the long-content buurt (tests/browser/a11y-long-content.test.ts).
 */
import { buildDemo } from '../helpers/a11y-fixture.ts';
import { accessibilitySuite } from '../helpers/a11y-suite.ts';

accessibilitySuite(buildDemo, { photos: false });
