/**
 * Markdown from editors to safe HTML, on Astro 7's native markdown engine (Sätteri) so the fast path stays.
 *
 * Editors are untrusted: raw HTML in markdown is parsed into real elements (Sätteri's `rawHtml`) and a
 * sanitising HAST plugin keeps only an allowlist of elements and attributes:
 * - dropped with their content: script, style, iframe, object, embed, form and form controls, meta, base,
 *   link, svg, math, template, noscript, and other active or embedding elements;
 * - unwrapped (their text kept): every other element not on the allowlist (font, center, marquee, …);
 * - attributes: only those listed per element; every `on*` handler, `style` and `class` is removed;
 * - URLs (href, src): only https:, http:, mailto:, tel: and relative addresses; `javascript:`, `data:`,
 *   `vbscript:` and anything else, however it is spelled (case, entities, whitespace, control characters),
 *   removes the attribute;
 * - headings are renumbered from h2 without gaps (the page has one h1, its title; "#" then "###" become
 *   h2 and h3) and get ids for anchors;
 * - external links get rel="noopener noreferrer"; images become placeholders the caller replaces with
 *   resized, metadata-free pictures (remote images are dropped: no third-party requests).
 */
import type { Element as HastElement } from 'hast';
import { defineHastPlugin, markdownToHtml } from 'satteri';

/** Elements editors may use, with the attributes (HAST property names) each may carry. */
export const ALLOWED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  hr: [],
  h2: ['id'],
  h3: ['id'],
  h4: ['id'],
  h5: ['id'],
  h6: ['id'],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  del: [],
  ins: [],
  mark: [],
  small: [],
  sub: [],
  sup: [],
  abbr: ['title'],
  q: [],
  cite: [],
  blockquote: [],
  code: [],
  pre: [],
  kbd: [],
  ul: [],
  ol: ['start', 'reversed'],
  li: ['id'],
  dl: [],
  dt: [],
  dd: [],
  a: ['href', 'title', 'id', 'ariaDescribedBy', 'ariaLabel', 'dataFootnoteRef', 'dataFootnoteBackref'],
  img: ['src', 'alt', 'title'],
  figure: [],
  figcaption: [],
  table: [],
  caption: [],
  thead: [],
  tbody: [],
  tfoot: [],
  tr: [],
  th: ['scope', 'colSpan', 'rowSpan'],
  td: ['colSpan', 'rowSpan'],
  details: ['open'],
  summary: [],
  section: ['dataFootnotes'],
  span: [],
  div: [],
  input: ['type', 'checked', 'disabled'],
};

/** Elements removed together with everything inside them. */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'form', 'button',
  'textarea', 'select', 'option', 'optgroup', 'datalist', 'meta', 'base', 'link', 'svg', 'math', 'template',
  'noscript', 'noembed', 'noframes', 'title', 'head', 'html', 'body', 'audio', 'video', 'source', 'track',
  'canvas', 'portal', 'dialog', 'slot', 'xmp', 'plaintext', 'listing', 'image', 'picture', 'map', 'area',
]);

const URL_PROPERTIES = new Set(['href', 'src']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * The URL when it is safe to put in href or src, else undefined. Relative addresses are kept; an address
 * with a scheme must use http(s), mailto or tel. Control characters and whitespace that browsers ignore
 * inside a scheme ("java\tscript:") are removed before looking.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact);
  if (scheme) return SAFE_SCHEMES.has(scheme[1]!.toLowerCase()) ? value.trim() : undefined;
  // No scheme, but a colon before any slash would make browsers read one ("javascript&colon;").
  if (/^[^/?#]*:/.test(compact)) return undefined;
  // Protocol-relative "//evil.example" is an external address; require the scheme to be written.
  if (compact.startsWith('//') || compact.startsWith('\\\\') || compact.startsWith('/\\')) return undefined;
  return value.trim();
}

/** True for an absolute http(s) address outside the buurt's own domain. */
export function isExternal(href: string, origin: string | undefined): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  if (!origin) return true;
  try {
    return new URL(href).origin !== new URL(origin).origin;
  } catch {
    return true;
  }
}

/** An image found in the body, to be replaced by the caller. */
export interface BodyImage {
  /** The path as written: "../../media/moestuin.jpg". */
  src: string;
  alt: string;
  title: string | undefined;
}

export interface RenderedMarkdown {
  /** Safe HTML; images are `<!--buurt-image:N-->` placeholders indexing `images`. */
  html: string;
  images: BodyImage[];
  /** Ids of the headings, for anchor checks. */
  headingIds: string[];
  /** Every link target in the body, as written. */
  links: string[];
}

export interface RenderOptions {
  /** The buurt's https origin, to tell own links from external ones. */
  origin?: string | undefined;
}

/** "Wat doen we?" → "wat-doen-we" (ids for headings). */
export function slugifyHeading(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .replace(/[\s-]+/g, '-') || 'kop'
  );
}

/** Renders editor markdown to sanitised HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): RenderedMarkdown {
  const images: BodyImage[] = [];
  const headingIds: string[] = [];
  const links: string[] = [];
  const usedIds = new Map<string, number>();
  const levels = new Set<number>();
  let levelMap = new Map<number, number>();

  // First pass: which heading levels the editor used, so they can be mapped onto h2, h3, … without gaps.
  const collectLevels = defineHastPlugin({
    name: 'buurt-heading-levels',
    element: {
      filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
      visit(node) {
        levels.add(Number(node.tagName[1]));
      },
    },
    after() {
      levelMap = new Map([...levels].sort((a, b) => a - b).map((level, i) => [level, Math.min(6, 2 + i)]));
    },
  });

  const sanitize = defineHastPlugin({
    name: 'buurt-sanitize',
    element: {
      filter: [],
      visit(node, ctx): HastElement | undefined {
        const tag = node.tagName.toLowerCase();
        if (DROPPED_ELEMENTS.has(tag)) {
          ctx.removeNode(node);
          return;
        }
        if (tag === 'h1' || tag === 'h2' || tag === 'h3' || tag === 'h4' || tag === 'h5' || tag === 'h6') {
          const level = levelMap.get(Number(tag[1])) ?? 2;
          const base = slugifyHeading(ctx.textContent(node));
          const n = usedIds.get(base) ?? 0;
          usedIds.set(base, n + 1);
          const id = n === 0 ? base : `${base}-${n}`;
          headingIds.push(id);
          return { type: 'element', tagName: `h${level}`, properties: { id }, children: node.children };
        }
        const allowed = ALLOWED_ELEMENTS[tag];
        if (!allowed) {
          ctx.replaceNode(node, [...node.children]);
          return;
        }
        if (tag === 'input' && (node.properties.type !== 'checkbox' || !('disabled' in node.properties))) {
          ctx.removeNode(node);
          return;
        }
        for (const [key, value] of Object.entries(node.properties)) {
          if (!allowed.includes(key)) {
            ctx.setProperty(node, key, undefined);
          } else if (URL_PROPERTIES.has(key)) {
            const safe = safeUrl(Array.isArray(value) ? value.join(' ') : value);
            if (safe === undefined) ctx.setProperty(node, key, undefined);
          } else if (key === 'id' && typeof value === 'string' && !/^user-content-[a-z0-9-]+$/.test(value)) {
            ctx.setProperty(node, key, undefined);
          }
        }
        if (tag === 'a') {
          const href = safeUrl(node.properties.href);
          if (href) {
            links.push(href);
            if (isExternal(href, options.origin)) ctx.setProperty(node, 'rel', 'noopener noreferrer');
          }
        }
        if (tag === 'img') {
          const src = safeUrl(node.properties.src);
          if (!src || /^[a-z]+:/i.test(src) || src.startsWith('//')) {
            // Remote or unusable image: no third-party request; keep its description as text.
            const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
            ctx.replaceNode(node, alt ? [{ type: 'text', value: alt }] : []);
            return;
          }
          images.push({
            src,
            alt: typeof node.properties.alt === 'string' ? node.properties.alt : '',
            title: typeof node.properties.title === 'string' ? node.properties.title : undefined,
          });
          ctx.replaceNode(node, { type: 'raw', value: `<!--buurt-image:${images.length - 1}-->` });
        }
        return undefined;
      },
    },
    comment(node, ctx) {
      ctx.removeNode(node);
    },
    raw(node, ctx) {
      // With rawHtml parsing on no raw nodes should remain; any that do are not trusted.
      ctx.removeNode(node);
    },
    doctype(node, ctx) {
      ctx.removeNode(node);
    },
  });

  const { html } = markdownToHtml(source, {
    features: {
      gfm: {
        footnotes: { label: 'Voetnoten', backLabel: 'Terug naar verwijzing {reference}', backContent: '↩' },
      },
      frontmatter: false,
      rawHtml: true,
    },
    hastPlugins: [collectLevels, sanitize],
  });
  return { html, images, headingIds, links };
}

/** Replaces the image placeholders of rendered markdown with HTML made by `render` (already safe). */
export function fillImages(rendered: RenderedMarkdown, render: (image: BodyImage, index: number) => string): string {
  return rendered.html.replace(/<!--buurt-image:(\d+)-->/g, (_, n: string) => {
    const image = rendered.images[Number(n)];
    return image ? render(image, Number(n)) : '';
  });
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
