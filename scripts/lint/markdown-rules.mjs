// Custom markdownlint rules for README.md and docs/ (loaded by .markdownlint-cli2.jsonc). markdownlint's own
// rules check the shape of what it parsed; these catch what a renderer silently gets wrong instead:
// a code fence that is never closed (everything after it renders as code), a table without its header rule
// (it renders as a paragraph of pipes), and relative links to files or headings that do not exist.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every micromark token in the tree, depth first. */
function* walk(tokens) {
  for (const token of tokens) {
    yield token;
    if (token.children) yield* walk(token.children);
  }
}

/** @type {import('markdownlint').Rule} */
const closedCodeFences = {
  names: ['BS001', 'closed-code-fences'],
  description: 'Every fenced code block is closed (an open fence turns the rest of the file into code)',
  tags: ['code'],
  parser: 'micromark',
  function(params, onError) {
    for (const token of walk(params.parsers.micromark.tokens)) {
      if (token.type !== 'codeFenced') continue;
      const fences = token.children.filter((child) => child.type === 'codeFencedFence');
      if (fences.length < 2) {
        onError({ lineNumber: token.startLine, detail: 'this code fence is never closed' });
      }
    }
  },
};

/** @type {import('markdownlint').Rule} */
const tableHeaderRule = {
  names: ['BS002', 'table-header-rule'],
  description: 'Rows of pipes form a table (a table needs its header rule, | --- |, under the first row)',
  tags: ['table'],
  parser: 'micromark',
  function(params, onError) {
    for (const token of walk(params.parsers.micromark.tokens)) {
      if (token.type !== 'paragraph') continue;
      const lines = params.lines.slice(token.startLine - 1, token.endLine);
      if (lines.length > 0 && lines.every((line) => /^\s*\|.*\|\s*$/.test(line))) {
        onError({ lineNumber: token.startLine, detail: 'rows of pipes that do not form a table' });
      }
    }
  },
};

/** GitHub's anchor for a heading text: lower case, punctuation dropped, spaces to dashes. */
function slugify(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map();

/** The anchors GitHub gives the headings of a markdown file (duplicates get -1, -2, …). */
function anchorsOf(file) {
  let anchors = anchorCache.get(file);
  if (anchors) return anchors;
  anchors = new Set();
  const counts = new Map();
  let fence = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1];
      else if (fenceMatch[1].startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = slugify(text);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** @type {import('markdownlint').Rule} */
const relativeLinks = {
  names: ['BS003', 'relative-links-exist'],
  description: 'Relative links lead to a file in the repository (and to a heading in it, for #anchors)',
  tags: ['links'],
  parser: 'micromark',
  function(params, onError) {
    const from = path.dirname(path.resolve(params.name));
    for (const token of walk(params.parsers.micromark.tokens)) {
      if (token.type !== 'resourceDestinationString' && token.type !== 'definitionDestinationString') continue;
      const target = token.text;
      // Web addresses, mail links and in-page anchors (MD051 checks those) are not files.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
      const [pathPart, anchor] = target.split('#', 2);
      const file = path.resolve(from, decodeURIComponent(pathPart.split('?')[0]));
      if (target.startsWith('/') || !existsSync(file)) {
        onError({ lineNumber: token.startLine, detail: `no such file: ${target}` });
        continue;
      }
      if (anchor && file.endsWith('.md') && statSync(file).isFile() && !anchorsOf(file).has(anchor)) {
        onError({ lineNumber: token.startLine, detail: `no heading #${anchor} in ${pathPart}` });
      }
    }
  },
};

export default [closedCodeFences, tableHeaderRule, relativeLinks];
