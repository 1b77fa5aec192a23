/**
 * Accessibility checks of one page in a real browser (Playwright `Page`), shared by `npm run audit` and the
 * tests. Each returns a list of problems as sentences (empty: the page passes), so a failing test or audit
 * says what to fix where.
 *
 * - `axeProblems`: axe-core with the WCAG 2.0/2.1/2.2 A and AA rules;
 * - `smallTargets`: links, buttons and fields smaller than 24×24 CSS px (WCAG 2.5.8), except links inside a
 *   sentence (the "inline" exception);
 * - `focusProblems`: every focusable element shows a focus ring that stands out 3:1 from what is behind it;
 * - `smallText`: visible text under 18 CSS px;
 * - `horizontalScroll`: the page scrolls sideways (WCAG 1.4.10 reflow);
 * - `motionProblems`: animations or transitions left running when the reader asked for reduced motion;
 * - `skipLinkProblems`: the first Tab reaches a visible "skip to content" link that moves focus to <main>;
 * - `imageChoices`: which photo files the browser chose, against the file the displayed size needs.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core tags for WCAG 2.2 level AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The smallest target (WCAG 2.2 AA, 2.5.8) and the smallest text this audience gets, in CSS px. */
export const MIN_TARGET_PX = 24;
export const MIN_TEXT_PX = 18;

/** What counts as an interactive target. */
const TARGETS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';

export interface AxeProblem {
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core's browser build, read once per process. */
let axeSource: Promise<string> | undefined;

/**
 * axe-core violations of WCAG 2.2 AA (or of the rules tagged `tags`) on the page as it is now.
 *
 * Why not `@axe-core/playwright`: its `analyze()` runs axe in parts and opens a second page for every run to
 * put the parts together (made for cross-origin iframes, which a buurt's pages do not have); on these pages that
 * took four times as long as injecting axe-core and calling `axe.run` here (1.6 s against 0.4 s a page). Only the
 * violations are collected in detail (`resultTypes`), not the passes.
 */
export async function axeViolations(page: Page, tags: string[] = WCAG_TAGS): Promise<AxeProblem[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' ') : String(t))).join(' ')),
    }));
  }, tags);
}

export async function axeProblems(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map((v) => `axe ${v.rule} (${v.impact}): ${v.help}: ${v.targets.slice(0, 5).join(', ')}`);
}

/**
 * Targets under 24×24 px. A link is exempt when it is laid out inline in running text: its display is inline
 * and the block around it has visible words of its own (not only other links or punctuation), like a link in a
 * sentence. A link alone in a paragraph, list item or heading is not in a sentence and must be big enough.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) => {
      const problems: string[] = [];
      const targets = [...document.querySelectorAll<HTMLElement>(selector)];
      const isTarget = (el: Element | null) => !!el?.closest(selector);
      const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true } as CheckVisibilityOptions);
      const blockOf = (el: Element): Element => {
        let node: Element | null = el.parentElement;
        while (node && ['inline', 'contents'].includes(getComputedStyle(node).display)) node = node.parentElement;
        return node ?? document.body;
      };
      const hasOwnWords = (block: Element) => {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || isTarget(parent) || !/[\p{L}\p{N}]/u.test(node.textContent ?? '')) continue;
          if (shown(parent) && parent.getBoundingClientRect().width > 1) return true;
        }
        return false;
      };
      for (const el of targets) {
        if (!shown(el) || (el as HTMLInputElement).disabled) continue;
        const rect = el.getBoundingClientRect();
        // Visually hidden until focused (the skip link) or clipped to nothing: not a target for a pointer.
        if (rect.bottom <= 0 || rect.right <= 0 || rect.width <= 1 || rect.height <= 1) continue;
        if (rect.width >= min - 0.01 && rect.height >= min - 0.01) continue;
        if (getComputedStyle(el).display === 'inline' && hasOwnWords(blockOf(el))) continue;
        const label = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().slice(0, 60);
        problems.push(`target <${el.tagName.toLowerCase()}> "${label}" is ${rect.width.toFixed(1)}×${rect.height.toFixed(1)} px, under ${min}×${min}`);
      }
      return problems;
    },
    { selector: TARGETS, min: MIN_TARGET_PX },
  );
}

/**
 * Focuses every focusable element as a keyboard user would and checks that it shows an outline of at least
 * 2 px (or a box shadow) whose colour stands out 3:1 from the background around it.
 */
export async function focusProblems(page: Page): Promise<string[]> {
  // A key press first: browsers show the focus ring for keyboard users, and keep doing so for script focus.
  await page.keyboard.press('Shift');
  return page.evaluate((selector) => {
    const parse = (colour: string): [number, number, number, number] => {
      const m = colour.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    // Why not culori (as src/theme/colours.ts): this function runs inside the page, where culori is not loaded.
    const luminance = ([r, g, b]: number[]) => {
      const c = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * c(r!) + 0.7152 * c(g!) + 0.0722 * c(b!);
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const backgroundBehind = (el: Element | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0.5) return bg;
      }
      return [255, 255, 255, 1];
    };
    const problems: string[] = [];
    const targets = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (el) => el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) && !(el as HTMLInputElement).disabled,
    );
    for (const el of targets) {
      el.focus();
      const label = `<${el.tagName.toLowerCase()}> "${(el.innerText || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 50)}"`;
      if (document.activeElement !== el) {
        problems.push(`${label} cannot take focus`);
        continue;
      }
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const shadow = style.boxShadow !== 'none';
      if (!el.matches(':focus-visible') || (!outline && !shadow)) {
        problems.push(`${label} shows no focus ring (outline ${style.outlineStyle} ${style.outlineWidth}, box-shadow ${style.boxShadow})`);
      } else if (outline) {
        // The ring is drawn outside the element (outline-offset ≥ 0), on what is behind it.
        const behind = parseFloat(style.outlineOffset) >= 0 ? backgroundBehind(el.parentElement) : backgroundBehind(el);
        const contrast = ratio(parse(style.outlineColor), behind);
        if (contrast < 3)
          problems.push(
            `${label} has a focus ring of ${style.outlineColor} with only ${contrast.toFixed(2)}:1 contrast against rgb(${behind.slice(0, 3).join(', ')})`,
          );
      }
      el.blur();
    }
    return problems;
  }, TARGETS);
}

/** Visible text smaller than 18 CSS px. */
export async function smallText(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const found = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (!text || !parent || !parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      const rect = parent.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size >= min - 0.01) continue;
      const where = `<${parent.tagName.toLowerCase()}${parent.className ? ` class="${parent.className}"` : ''}>`;
      if (!found.has(where)) found.set(where, `text "${text.slice(0, 40)}" in ${where} is ${size}px, under ${min}px`);
    }
    return [...found.values()];
  }, MIN_TEXT_PX);
}

/** A problem when the page is wider than the window (it would scroll sideways), naming what sticks out. */
export async function horizontalScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const problems: string[] = [];
    for (const el of [root, document.body]) {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow === 'hidden' || overflow === 'clip')
        problems.push(`<${el.tagName.toLowerCase()}> hides horizontal overflow (overflow-x: ${overflow}), which would hide content instead of reflowing it`);
    }
    if (root.scrollWidth > root.clientWidth) {
      const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5)
        .slice(0, 5)
        .map(
          (el) =>
            `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${(el.innerText ?? '').trim().slice(0, 40)}" (right edge ${Math.round(el.getBoundingClientRect().right)}px)`,
        );
      problems.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window: ${wide.join(', ') || 'no single element found'}`);
    }
    return problems;
  });
}

/** Animations and transitions that still run with `prefers-reduced-motion: reduce`, and smooth scrolling. */
export async function motionProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches) return ['the browser does not ask for reduced motion; emulate it before checking'];
    const problems: string[] = [];
    const seconds = (value: string) => Math.max(...value.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1)));
    for (const el of [document.documentElement, ...document.body.querySelectorAll('*')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(el, pseudo);
        const where = `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}>${pseudo ?? ''}`;
        if (style.animationName !== 'none' && seconds(style.animationDuration) > 0) problems.push(`${where} animates (${style.animationName})`);
        if (seconds(style.transitionDuration) > 0) problems.push(`${where} has a transition of ${style.transitionDuration}`);
      }
    }
    if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') problems.push('the page scrolls smoothly');
    return problems.slice(0, 10);
  });
}

/** The first Tab on a freshly loaded page must reach a visible skip link; Enter must move focus to <main>. */
export async function skipLinkProblems(page: Page): Promise<string[]> {
  await page.keyboard.press('Tab');
  const link = await page.evaluate((min) => {
    const el = document.activeElement as HTMLAnchorElement | null;
    if (!el || el === document.body) return { problem: 'the first Tab focuses nothing' };
    const rect = el.getBoundingClientRect();
    const href = el.getAttribute('href') ?? '';
    if (el.tagName !== 'A' || !href.startsWith('#'))
      return { problem: `the first Tab focuses <${el.tagName.toLowerCase()}> "${el.innerText}", not a skip link` };
    const visible = rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight && rect.right <= innerWidth && rect.width >= min && rect.height >= min;
    if (!visible)
      return {
        problem: `the skip link "${el.innerText}" is not fully visible when focused (${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)})`,
      };
    return { href, text: el.innerText.trim() };
  }, MIN_TARGET_PX);
  if ('problem' in link) return [link.problem!];
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}#${el.id}` : 'nothing';
  });
  return focused === `main${link.href}` ? [] : [`the skip link "${link.text}" (${link.href}) moves focus to ${focused}, not to <main${link.href}>`];
}

/** A photo as the browser shows it and the file it chose. */
export interface ImageChoice {
  /** The chosen file's URL path. */
  file: string;
  /** Width of the chosen file, from the srcset. */
  chosen: number;
  /** Widths on offer. */
  offered: number[];
  /** Displayed width in CSS px. */
  displayed: number;
  /** The smallest file that covers the displayed width at this screen's pixel density. */
  enough: number;
}

/**
 * Scrolls through the page so every lazy photo loads, then reports for each photo the file the browser chose
 * and the smallest file that would have been sharp enough. A chosen file wider than that means its `sizes`
 * promises a bigger image than the page shows.
 */
export async function imageChoices(page: Page): Promise<ImageChoice[]> {
  // Which candidate of a srcset the browser picks depends on the viewport and the pixel ratio, not on when the
  // photo loads: every photo is loaded at once instead of scrolled into view. A lazy photo's decode() waits
  // until it loads, and a scroll on a busy machine can pass a photo before the browser notices it (a check
  // that then waited forever): the wait is bounded, and a photo still loading is judged by its choice.
  await page.evaluate(async (limitMs) => {
    for (const img of document.images) img.loading = 'eager';
    const decoded = Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    await Promise.race([decoded, new Promise((resolve) => setTimeout(resolve, limitMs))]);
  }, 20_000);
  return page.evaluate(() => {
    const choices: ImageChoice[] = [];
    for (const img of document.images) {
      if (!img.currentSrc || !img.srcset) continue;
      const file = new URL(img.currentSrc).pathname;
      const source =
        img.parentElement?.tagName === 'PICTURE' ? [...img.parentElement.querySelectorAll('source')].find((s) => s.srcset.includes(file)) : undefined;
      const candidates = (source?.srcset ?? img.srcset).split(',').map((c) => c.trim().split(/\s+/) as [string, string]);
      const offered = candidates.map(([, w]) => parseInt(w, 10)).sort((a, b) => a - b);
      const chosen = parseInt(candidates.find(([url]) => url === file)?.[1] ?? '0', 10);
      const displayed = img.getBoundingClientRect().width;
      const needed = displayed * devicePixelRatio;
      const enough = offered.find((w) => w >= needed - 0.5) ?? offered[offered.length - 1]!;
      choices.push({ file, chosen, offered, displayed: Math.round(displayed), enough });
    }
    return choices;
  }) as Promise<ImageChoice[]>;
}
