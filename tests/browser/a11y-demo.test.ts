/**
 * The demo buurt voorbeeldwijk, built from sites/ at a pinned "now", passes every accessibility and speed check
 * on every page: axe-core WCAG 2.2 AA, headings, skip link, targets, focus, text size, reflow, reduced motion,
 * photo sizes on phones and the page-weight budgets (see tests/helpers/a11y-suite.ts).
 */
import { buildDemo } from '../helpers/a11y-fixture.ts';
import { accessibilitySuite } from '../helpers/a11y-suite.ts';

accessibilitySuite(buildDemo);
