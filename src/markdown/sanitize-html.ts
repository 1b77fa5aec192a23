/**
 * Why not rehype-sanitize or DOMPurify: unified + rehype-sanitize would add 29% to a text build, this sanitiser
 * 1.8% (docs/benchmarks/2026-11-29.md, docs/architecture/content-safety.md); DOMPurify needs a DOM (jsdom) in
 * Node and works on HTML strings, not on the HAST tree Sätteri gives us. rehype-sanitize stays a devDependency
 * as the reference in scripts/bench/markdown-bench.ts.
 *
 * The allowlist sanitiser for HTML that comes from editors: a pure function from a HAST tree (as Sätteri
 * parses markdown with raw HTML) to a new HAST tree that holds only what `ALLOWED_ELEMENTS` allows.
 *
 * It builds a fresh tree instead of editing the old one in place, so no combination of nesting, unclosed
 * tags or unknown elements can carry an unchecked node through: every node in the output was made here.
 *
 * - Dropped with everything inside: `DROPPED_ELEMENTS` (script, style, iframe, object, embed, form and its
 *   controls, meta, base, link, svg, math, template, noscript, media, …), comments, doctypes and raw nodes.
 * - Unwrapped (their content kept and sanitised): every other element that is not allowed (font, center,
 *   marquee, custom elements, `<a>` without a usable address, …).
 * - Attributes: only those listed per element, each checked by kind (text, number, on/off, a fixed set of
 *   values). Every `on*` handler, `style`, `name`, `srcset`, `formaction`, `xlink:href`, `target` and
 *   editor-written `class` or `id` is removed.
 * - Addresses: only https:, http:, mailto:, tel: and relative ones (`safeUrl`), however they are spelled.
 * - Headings are renumbered from h2 without gaps and get ids from their text; external links get
 *   rel="noopener noreferrer"; images become placeholders the caller fills with processed photos.
 * - Nesting deeper than `MAX_NESTING` elements is flattened to text (no honest text needs it, and it keeps
 *   the work linear).
 */
import type { Element, ElementContent, Properties } from 'hast';

/** How an attribute's value is checked. */
type AttributeKind = 'text' | 'url' | 'on' | 'count' | 'number' | 'footnote-id' | 'footnote-flag' | 'classes' | readonly string[];

/**
 * Elements editors may use in markdown (or that markdown itself produces), with the attributes (HAST property
 * names) each may carry and how their values are checked.
 */
export const ALLOWED_ELEMENTS: Readonly<Record<string, Readonly<Record<string, AttributeKind>>>> = {
  p: {},
  br: {},
  hr: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  strong: {},
  b: {},
  em: {},
  i: {},
  u: {},
  s: {},
  del: {},
  ins: {},
  mark: {},
  small: {},
  sub: {},
  sup: {},
  abbr: { title: 'text' },
  dfn: { title: 'text' },
  q: {},
  cite: {},
  blockquote: {},
  code: {},
  pre: {},
  kbd: {},
  samp: {},
  var: {},
  time: {},
  wbr: {},
  ul: { className: 'classes' },
  ol: { start: 'number', reversed: 'on' },
  li: { id: 'footnote-id', className: 'classes' },
  dl: {},
  dt: {},
  dd: {},
  a: {
    href: 'url',
    title: 'text',
    id: 'footnote-id',
    ariaDescribedBy: ['footnote-label'],
    ariaLabel: 'text',
    dataFootnoteRef: 'footnote-flag',
    dataFootnoteBackref: 'footnote-flag',
  },
  img: { src: 'url', alt: 'text', title: 'text' },
  figure: {},
  figcaption: {},
  table: {},
  caption: {},
  thead: {},
  tbody: {},
  tfoot: {},
  tr: {},
  th: { scope: ['row', 'col', 'rowgroup', 'colgroup'], colSpan: 'count', rowSpan: 'count' },
  td: { colSpan: 'count', rowSpan: 'count' },
  details: { open: 'on' },
  summary: {},
  section: { dataFootnotes: 'footnote-flag', className: 'classes' },
  span: {},
  div: {},
  input: { type: ['checkbox'], checked: 'on', disabled: 'on' },
};

/** Elements removed together with everything inside them. */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'form',
  'button',
  'input',
  'textarea',
  'select',
  'option',
  'optgroup',
  'datalist',
  'output',
  'fieldset',
  'legend',
  'label',
  'meta',
  'base',
  'link',
  'svg',
  'math',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'title',
  'head',
  'audio',
  'video',
  'source',
  'track',
  'canvas',
  'portal',
  'fencedframe',
  'dialog',
  'slot',
  'xmp',
  'plaintext',
  'listing',
  'image',
  'picture',
  'map',
  'area',
  'search',
  'selectedcontent',
  'marquee',
]);

/**
 * Classes the markdown engine itself writes (task lists, footnotes) and the site's stylesheet knows; an
 * editor's own classes are removed so content cannot dress up as the site's interface.
 */
export const ALLOWED_CLASSES: ReadonlySet<string> = new Set(['contains-task-list', 'task-list-item', 'footnotes', 'sr-only']);

/** Deeper nesting than this is flattened to its text. */
export const MAX_NESTING = 40;

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// Characters browsers ignore or strip inside a URL's scheme, and invisible ones an attacker could hide there.
const IGNORED_IN_URL =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- matching these characters one by one is the point
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0\ufff0-\ufff8]/g;

/**
 * The URL when it is safe to put in href or src, else undefined. Relative addresses are kept; an address
 * with a scheme must use https, http, mailto or tel. Whitespace, control and invisible characters are
 * removed before looking (browsers ignore them inside "java\tscript:"), entities are already decoded by
 * the HTML parser, and a colon before the first slash is read as a scheme, as browsers do.
 * Protocol-relative addresses ("//evil.example", "\\evil.example") are refused: write the scheme.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(IGNORED_IN_URL, '').replace(/\\/g, '/');
  const scheme = /^([^/?#]*):/.exec(compact);
  if (scheme) return /^[a-z][a-z0-9+.-]*$/i.test(scheme[1]!) && SAFE_SCHEMES.has(scheme[1]!.toLowerCase()) ? value.trim() : undefined;
  if (compact.startsWith('//')) return undefined;
  // A colon still written as an entity ("javascript&colon;") would become a scheme if anything decoded it twice.
  if (/^[^/?#]*&(colon|#0*58|#x0*3a)/i.test(compact)) return undefined;
  return value.trim();
}

/** True for an absolute http(s) address outside the buurt's own origin. */
export function isExternal(href: string, origin: string | undefined): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  if (!origin) return true;
  try {
    return new URL(href).origin !== new URL(origin).origin;
  } catch {
    return true;
  }
}

/**
 * "Wat doen we?" → "wat-doen-we" (ids for headings). Deliberately not `slugify` from urls.ts: punctuation is
 * dropped rather than turned into a dash, ids are capped at 80 characters and fall back to "kop", and changing
 * that would break every existing link to a heading.
 */
export function slugifyHeading(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .replace(/[\s-]+/g, '-')
      .slice(0, 80)
      .replace(/-+$/, '') || 'kop'
  );
}

/** An image found in the body, to be replaced by the caller. */
export interface BodyImage {
  /** The path as written: "../../media/moestuin.jpg". */
  src: string;
  alt: string;
  title?: string | undefined;
}

/** An address an element wanted to load. */
export interface Resource {
  tag: string;
  attribute: string;
  url: string;
}

const RESOURCE_ATTRIBUTES: Readonly<Record<string, string>> = { src: 'src', srcSet: 'srcset', data: 'data', poster: 'poster', background: 'background' };

/** The addresses one element wants to load. */
function ownResources(tag: string, properties: Properties | undefined, into: Resource[]): void {
  for (const key in properties) {
    const attribute = RESOURCE_ATTRIBUTES[key] ?? (key === 'href' && (tag === 'link' || tag === 'image') ? 'href' : undefined);
    if (!attribute) continue;
    const value = properties[key];
    if (typeof value !== 'string' && !Array.isArray(value)) continue;
    const text = Array.isArray(value) ? value.join(' ') : value;
    const urls = attribute === 'srcset' ? text.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [text.trim()];
    for (const url of urls) if (url) into.push({ tag, attribute, url });
  }
}

/** The addresses an element and its descendants want to load, without recursion. */
function resourcesOf(root: InputNode, into: Resource[]): void {
  const stack: InputNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    ownResources((node.tagName ?? '').toLowerCase(), node.properties, into);
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

export interface SanitizeOptions {
  /** The buurt's https origin, to tell own links from external ones. */
  origin?: string | undefined;
  /** Makes the node that stands for body image number `index` (default: a comment placeholder). */
  imagePlaceholder?: (index: number) => ElementContent;
}

export interface SanitizedTree {
  children: ElementContent[];
  images: BodyImage[];
  /** Ids of the headings, for anchor checks. */
  headingIds: string[];
  /** Every link target kept in the body, as written. */
  links: string[];
  /** Images with a web address or an unusable one, left out of the page (as written). */
  remoteImages: string[];
  /** Every address the input wanted to load (img src, iframe src, srcset, poster, …), kept or removed. */
  resources: Resource[];
  /** What was removed, for `buurt check` hints: "<script>", "onclick", "javascript: address". */
  removed: string[];
}

/** Any HAST node as Sätteri hands it over; only the fields read here. */
interface InputNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Properties;
  children?: readonly InputNode[];
}

/** Sanitises the children of a HAST root (or element) into a new, safe list of nodes. */
export function sanitizeHast(nodes: readonly InputNode[], options: SanitizeOptions = {}): SanitizedTree {
  const result: SanitizedTree = { children: [], images: [], headingIds: [], links: [], remoteImages: [], resources: [], removed: [] };
  const headings: { element: Element; level: number }[] = [];
  const usedIds = new Map<string, number>();
  const placeholder = options.imagePlaceholder ?? ((index: number) => ({ type: 'comment', value: `buurt-image:${index}` }) as ElementContent);

  const sanitizeList = (list: readonly InputNode[], depth: number, inFootnotes: boolean): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const node of list) {
      const nodes = sanitizeNode(node, depth, inFootnotes);
      if (nodes.length === 1) out.push(nodes[0]!);
      else for (const n of nodes) out.push(n);
    }
    return out;
  };

  const sanitizeNode = (node: InputNode, depth: number, inFootnotes: boolean): ElementContent[] => {
    if (node.type === 'text') return typeof node.value === 'string' && node.value ? [{ type: 'text', value: node.value }] : [];
    if (node.type !== 'element' || typeof node.tagName !== 'string') {
      if (node.type === 'raw') result.removed.push('raw HTML');
      return [];
    }
    const tag = node.tagName.toLowerCase();
    const children = node.children ?? [];
    if (DROPPED_ELEMENTS.has(tag) && !(tag === 'input' && isTaskCheckbox(node.properties))) {
      result.removed.push(`<${tag}>`);
      resourcesOf(node, result.resources);
      return [];
    }
    if (depth >= MAX_NESTING) {
      result.removed.push('deep nesting');
      const text = textOf(node);
      return text ? [{ type: 'text', value: text }] : [];
    }
    if (HEADINGS.has(tag)) {
      const element: Element = { type: 'element', tagName: 'h2', properties: {}, children: sanitizeList(children, depth + 1, inFootnotes) };
      const given = node.properties?.id;
      let id: string;
      if (inFootnotes && given === 'footnote-label') {
        id = given;
        element.properties.className = ['sr-only'];
      } else {
        const base = slugifyHeading(plainText(element.children));
        const n = usedIds.get(base) ?? 0;
        usedIds.set(base, n + 1);
        id = n === 0 ? base : `${base}-${n}`;
        result.headingIds.push(id);
      }
      element.properties.id = id;
      headings.push({ element, level: Number(tag[1]) });
      reportDroppedAttributes(node.properties, {});
      return [element];
    }
    const allowed = ALLOWED_ELEMENTS[tag];
    if (!allowed) {
      result.removed.push(`<${tag}>`);
      ownResources(tag, node.properties, result.resources);
      return sanitizeList(children, depth + 1, inFootnotes);
    }
    ownResources(tag, node.properties, result.resources);
    const properties = sanitizeProperties(node.properties, allowed, tag);
    if (tag === 'img') {
      const src = typeof properties.src === 'string' ? properties.src : undefined;
      const alt = typeof properties.alt === 'string' ? properties.alt : '';
      if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src)) {
        // A remote or unusable image: no third-party request; keep its description as text.
        const written = node.properties?.src;
        if (typeof written === 'string' && written.trim()) result.remoteImages.push(written.trim());
        return alt ? [{ type: 'text', value: alt }] : [];
      }
      result.images.push({ src, alt, title: typeof properties.title === 'string' ? properties.title : undefined });
      return [placeholder(result.images.length - 1)];
    }
    if (tag === 'a') {
      const href = properties.href;
      if (typeof href !== 'string') return sanitizeList(children, depth + 1, inFootnotes);
      result.links.push(href);
      if (isExternal(href, options.origin)) properties.rel = ['noopener', 'noreferrer'];
    }
    const footnotes = inFootnotes || (tag === 'section' && properties.dataFootnotes !== undefined);
    return [{ type: 'element', tagName: tag, properties, children: sanitizeList(children, depth + 1, footnotes) }];
  };

  const sanitizeProperties = (input: Properties | undefined, allowed: Readonly<Record<string, AttributeKind>>, tag: string): Properties => {
    const out: Properties = {};
    for (const key in input) {
      const value = input[key];
      const kind = allowed[key];
      const checked = kind === undefined ? undefined : checkValue(kind, value);
      if (checked === undefined) {
        // GFM writes a table column's alignment as a style attribute, which the Content-Security-Policy
        // forbids: it becomes one of the stylesheet's classes. Other classes are harmless to drop quietly.
        const align =
          key === 'style' && (tag === 'th' || tag === 'td') && typeof value === 'string' ? /^text-align:\s*(left|center|right);?$/.exec(value.trim()) : null;
        if (align) out.className = [`align-${align[1]}`];
        else if (key !== 'className') result.removed.push(describeAttribute(key, value));
        continue;
      }
      out[key] = checked;
    }
    return out;
  };

  const reportDroppedAttributes = (input: Properties | undefined, allowed: Readonly<Record<string, AttributeKind>>) => {
    for (const [key, value] of Object.entries(input ?? {})) {
      if (!(key in allowed) && key !== 'id' && key !== 'className') result.removed.push(describeAttribute(key, value));
    }
  };

  result.children = sanitizeList(nodes, 0, false);

  // Headings: the page's title is its only h1, so the levels an editor used become h2, h3, … without gaps.
  const levels = [...new Set(headings.map((h) => h.level))].sort((a, b) => a - b);
  for (const heading of headings) heading.element.tagName = `h${Math.min(6, 2 + levels.indexOf(heading.level))}`;
  return result;
}

function checkValue(kind: AttributeKind, value: unknown): Properties[string] | undefined {
  if (Array.isArray(kind)) {
    const text = Array.isArray(value) ? value.join(' ') : value;
    return typeof text === 'string' && kind.includes(text.trim().toLowerCase()) ? text.trim().toLowerCase() : undefined;
  }
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : typeof value === 'number' ? String(value) : undefined;
    case 'url':
      return safeUrl(Array.isArray(value) ? value.join(' ') : value);
    case 'on':
      return value === true || value === '' ? true : undefined;
    case 'count': {
      const n = Number(value);
      return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : undefined;
    }
    case 'number': {
      const n = Number(value);
      return Number.isInteger(n) && Math.abs(n) <= 1_000_000 ? n : undefined;
    }
    case 'footnote-id':
      return typeof value === 'string' && /^user-content-fn(ref)?-[a-z0-9-]{1,60}$/i.test(value) ? value : undefined;
    case 'footnote-flag':
      return value === '' || value === true ? '' : undefined;
    case 'classes': {
      const tokens = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : []).filter(
        (token): token is string => typeof token === 'string' && ALLOWED_CLASSES.has(token),
      );
      return tokens.length ? tokens : undefined;
    }
  }
  return undefined;
}

function isTaskCheckbox(properties: Properties | undefined): boolean {
  return properties?.type === 'checkbox' && properties.disabled !== undefined && properties.disabled !== false;
}

function describeAttribute(key: string, value: unknown): string {
  if (key === 'href' || key === 'src') {
    const scheme = /^\s*([^:/?#]*):/.exec(String(value).replace(IGNORED_IN_URL, ''));
    return scheme ? `${scheme[1]!.toLowerCase()}: address` : `unsafe ${key}`;
  }
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The text of an input node and its descendants, without recursion (nesting may be very deep). */
function textOf(node: InputNode): string {
  let text = '';
  const stack: InputNode[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'text') text += current.value ?? '';
    else if (current.type === 'element' && !DROPPED_ELEMENTS.has((current.tagName ?? '').toLowerCase()) && current.children) {
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
    }
  }
  return text;
}

function plainText(nodes: readonly ElementContent[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : n.type === 'element' ? plainText(n.children) : '')).join('');
}

const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'input', 'wbr']);
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  className: 'class',
  colSpan: 'colspan',
  rowSpan: 'rowspan',
  ariaDescribedBy: 'aria-describedby',
  ariaLabel: 'aria-label',
  dataFootnoteRef: 'data-footnote-ref',
  dataFootnoteBackref: 'data-footnote-backref',
  dataFootnotes: 'data-footnotes',
};
/** Attributes the sanitiser itself adds, besides those in `ALLOWED_ELEMENTS`. */
const ADDED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['rel'],
  h2: ['id', 'className'],
  h3: ['id'],
  h4: ['id'],
  h5: ['id'],
  h6: ['id'],
  th: ['className'],
  td: ['className'],
};

/**
 * Writes a sanitised tree as HTML. A second line of defence: it writes only allowlisted elements and
 * attributes (anything else throws, as it would be a bug in `sanitizeHast`), escapes every text and
 * attribute value, and writes comments only when they are image placeholders (`buurt-image:<token>:<n>`).
 */
export function toSafeHtml(nodes: readonly ElementContent[]): string {
  let html = '';
  const write = (node: ElementContent): void => {
    if (node.type === 'text') {
      html += escapeText(node.value);
      return;
    }
    if (node.type === 'comment') {
      if (/^buurt-image:[0-9a-f]+:\d+$/.test(node.value)) html += `<!--${node.value}-->`;
      return;
    }
    if (node.type !== 'element') return;
    const tag = node.tagName;
    const allowed = ALLOWED_ELEMENTS[tag];
    if (!allowed || (DROPPED_ELEMENTS.has(tag) && tag !== 'input')) throw new Error(`toSafeHtml: <${tag}> is not allowed`);
    html += `<${tag}`;
    for (const [key, value] of Object.entries(node.properties)) {
      if (value === undefined || value === null || value === false) continue;
      if (!(key in allowed) && !ADDED_ATTRIBUTES[tag]?.includes(key)) throw new Error(`toSafeHtml: attribute ${key} is not allowed on <${tag}>`);
      const name = ATTRIBUTE_NAMES[key] ?? key;
      if (value === true) html += ` ${name}`;
      else html += ` ${name}="${escapeAttribute(Array.isArray(value) ? value.join(' ') : String(value))}"`;
    }
    html += '>';
    if (VOID_ELEMENTS.has(tag)) return;
    for (const child of node.children) write(child);
    html += `</${tag}>`;
  };
  for (const node of nodes) write(node);
  return html;
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
