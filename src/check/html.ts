/**
 * HTML in the text that the site removes (scripts, event handlers, styles, unsafe addresses, elements not on
 * the allowlist) and images from other websites, which are not shown. Warnings: the site stays safe either
 * way, but the editor should know their text does not appear as written.
 */
import type { LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';
import { allEntries, bodyLineOf, renderedBody } from './bodies.ts';

/** Problems with HTML the sanitiser removed and remote images it left out. */
export function checkHtml(site: LoadedSite): Problem[] {
  const problems: Problem[] = [];
  for (const entry of allEntries(site)) {
    const body = renderedBody(site, entry);
    const removed = [...new Set(body.removed)];
    if (removed.length) {
      const first = removed[0]!;
      const needle = first.startsWith('<') ? first.slice(0, -1) : first.endsWith(' address') ? first.replace(/ address$/, '') : first;
      problems.push({
        code: 'unsafe-html',
        severity: 'warning',
        file: entry.file,
        line: bodyLineOf(entry, needle) ?? caseInsensitiveLine(entry.body, needle, entry.bodyLine),
        message:
          `the text contains HTML that the site removes: ${removed.map(describe).join(', ')}; ` +
          'write it in markdown, or use only the HTML listed under "Untrusted content" in the README',
      });
    }
    for (const src of new Set(body.remoteImages)) {
      if (!/^\s*https:\/\//i.test(src)) continue;
      problems.push({
        code: 'remote-image',
        severity: 'warning',
        file: entry.file,
        line: bodyLineOf(entry, src),
        message: `the image "${src}" is not shown: the site loads nothing from other websites (that would tell them who visits); download it, upload it to media/ and use ![description](../../media/name.jpg)`,
      });
    }
  }
  return problems;
}

function describe(removed: string): string {
  if (removed.startsWith('<')) return `${removed} elements`;
  if (removed.endsWith(' address')) return `a ${removed}`;
  if (removed === 'deep nesting') return 'nesting deeper than 40 elements';
  if (removed === 'raw HTML') return removed;
  return `the ${removed} attribute`;
}

function caseInsensitiveLine(body: string, needle: string, bodyLine: number): number | undefined {
  const index = body
    .toLowerCase()
    .split('\n')
    .findIndex((line) => line.includes(needle.toLowerCase()));
  return index >= 0 ? bodyLine + index : undefined;
}
