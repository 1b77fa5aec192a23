import * as cheerio from 'cheerio';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { naughtyStrings, unsafeFindings, XSS_PAYLOADS } from '../../tests/helpers/hostile.ts';
import { fillImages, renderMarkdown, safeUrl } from './markdown.ts';

const origin = 'https://testbuurt.nl';
const render = (source: string) => renderMarkdown(source, { origin });
/** The HTML with the random placeholder token made stable. */
const html = (source: string) => {
  const rendered = render(source);
  return rendered.html.replaceAll(rendered.placeholderToken, 'T');
};

let warn: ReturnType<typeof vi.spyOn>;
let error: ReturnType<typeof vi.spyOn>;
let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn');
  error = vi.spyOn(console, 'error');
  log = vi.spyOn(console, 'log');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('hostile HTML in markdown', () => {
  it.each(XSS_PAYLOADS.map((payload) => [payload]))('makes %j safe', (payload) => {
    const out = render(`Tekst\n\n${payload}\n\nmeer ${payload} tekst`);
    const $ = cheerio.load(out.html, null, false);
    expect(unsafeFindings($)).toEqual([]);
    // Nothing outside the allowlist, and no placeholder an editor could forge.
    expect(out.html).not.toMatch(/<!--(?!buurt-image:[0-9a-f]{12}:\d+-->)/);
    expect(out.html.match(/<!--buurt-image:/g)?.length ?? 0).toBe(out.images.length);
  });

  it('prints nothing and never throws, whatever the input', () => {
    for (const payload of [...XSS_PAYLOADS, ...naughtyStrings()]) render(payload);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('stays safe for random tag soup made of hostile fragments', () => {
    const fragments = [
      '<',
      '>',
      '</',
      '/>',
      'script',
      'a',
      'img',
      'svg',
      'math',
      'style',
      'iframe',
      'font',
      'div',
      'p',
      'details',
      ' ',
      'href=',
      'src=',
      'srcset=',
      'onerror=',
      'onclick=',
      'style=',
      'xlink:href=',
      'formaction=',
      '"',
      "'",
      '`',
      '=',
      'javascript:',
      'java&#x09;script:',
      'JaVa\tScRiPt:',
      'data:text/html,',
      'vbscript:',
      '&#106;',
      '&colon;',
      '&#x3A;',
      'alert(1)',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '\n',
      '\n\n',
      '[x](',
      ')',
      '![y](',
      '<noscript>',
      '</noscript>',
      '<template>',
      '<textarea>',
      '</textarea>',
      '<xmp>',
      '<title>',
      '\u0000',
      '\u2028',
      '\ufeff',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const failures: string[] = [];
    for (let i = 0; i < 1500; i++) {
      let source = '';
      const length = 5 + Math.floor(next() * 40);
      for (let j = 0; j < length; j++) source += fragments[Math.floor(next() * fragments.length)];
      const findings = unsafeFindings(cheerio.load(render(source).html, null, false));
      if (findings.length) failures.push(`${JSON.stringify(source)}: ${findings.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the text of an unknown element but drops a script inside it', () => {
    expect(html('<font color=red>rood <script>alert(1)</script>blijft</font>')).toBe('<p>rood blijft</p>');
    expect(html('<center><b>vet <i>schuin<script>x</script></i></b></center>')).toBe('<b>vet <i>schuin</i></b>');
  });

  it('removes unsafe addresses from links and keeps their text', () => {
    expect(html('[klik](javascript:alert(1)) en <a href="jav&#x09;ascript:alert(1)">hier</a>')).toBe('<p>klik en hier</p>');
    expect(render('<a href="JaVaScRiPt:alert(1)">x</a> <img src="data:image/png;base64,AA" alt="foto">').removed).toEqual([
      'javascript: address',
      'data: address',
    ]);
  });

  it('sanitises inside headings too', () => {
    expect(html('# <a href="javascript:alert(1)" onclick="x">Kop</a>')).toBe('<h2 id="kop">Kop</h2>');
  });

  it('escapes text and attribute values', () => {
    expect(html('5 < 6 & 7 > 3, "quotes" en \'apostrof\'')).toBe('<p>5 &lt; 6 &amp; 7 &gt; 3, "quotes" en \'apostrof\'</p>');
    expect(html('<abbr title="&quot;><script>alert(1)</script>">x</abbr>')).toBe(
      '<p><abbr title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</abbr></p>',
    );
  });

  it('flattens absurdly deep nesting to its text instead of crashing', () => {
    const out = render(`${'<div>'.repeat(3000)}diep${'</div>'.repeat(3000)}`);
    expect(out.html).toContain('diep');
    expect(out.html.match(/<div>/g)!.length).toBeLessThanOrEqual(40);
    expect(out.removed).toContain('deep nesting');
  });
});

describe('the HTML editors may use', () => {
  it('keeps details, summary, sup, sub, abbr, mark, kbd, tables and definition lists', () => {
    const source = [
      '<details open><summary>Meer weten?</summary>',
      '',
      'Binnen **vet**.',
      '',
      '</details>',
      '',
      'H<sub>2</sub>O, 10<sup>3</sup>, <abbr title="Vereniging van Eigenaren">VvE</abbr>, <mark>let op</mark>, <kbd>Ctrl</kbd>, <small>klein</small>, <del>oud</del> <ins>nieuw</ins>.',
      '',
      '<dl><dt>Wat</dt><dd>Koffie</dd></dl>',
      '',
      '| wat | wanneer |',
      '| :-- | --: |',
      '| koffie | 10:00 |',
    ].join('\n');
    expect(html(source)).toMatchInlineSnapshot(`
      "<details open><summary>Meer weten?</summary>
      <p>Binnen <strong>vet</strong>.</p>
      </details>
      <p>H<sub>2</sub>O, 10<sup>3</sup>, <abbr title="Vereniging van Eigenaren">VvE</abbr>, <mark>let op</mark>, <kbd>Ctrl</kbd>, <small>klein</small>, <del>oud</del> <ins>nieuw</ins>.</p>
      <dl><dt>Wat</dt><dd>Koffie</dd></dl>
      <table>
      <thead>
      <tr>
      <th class="align-left">wat</th>
      <th class="align-right">wanneer</th>
      </tr>
      </thead>
      <tbody>
      <tr>
      <td class="align-left">koffie</td>
      <td class="align-right">10:00</td>
      </tr>
      </tbody>
      </table>"
    `);
  });

  it("keeps a table column's alignment as a class, never as a style attribute", () => {
    const out = renderMarkdown('| a | b |\n| :-: | -: |\n| 1 | 2 |\n\n<table><tr><td style="text-align: center; color: red" class="x">3</td></tr></table>');
    expect(out.html).toContain('<th class="align-center">a</th>');
    expect(out.html).toContain('<td class="align-right">2</td>');
    expect(out.html).toContain('<td>3</td>');
    expect(out.html).not.toContain('style=');
  });

  it('keeps task lists and Dutch footnotes working', () => {
    expect(html('- [x] klaar\n- [ ] te doen\n\nTekst[^1]\n\n[^1]: Uitleg.')).toMatchInlineSnapshot(`
      "<ul class="contains-task-list">
      <li class="task-list-item"><input type="checkbox" checked disabled> klaar</li>
      <li class="task-list-item"><input type="checkbox" disabled> te doen</li>
      </ul>
      <p>Tekst<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup></p>
      <section data-footnotes="" class="footnotes"><h2 class="sr-only" id="footnote-label">Voetnoten</h2>
      <ol>
      <li id="user-content-fn-1">
      <p>Uitleg. <a href="#user-content-fnref-1" data-footnote-backref="" aria-label="Terug naar verwijzing 1">↩</a></p>
      </li>
      </ol>
      </section>"
    `);
  });

  it('renumbers headings from h2 without gaps and gives them unique ids', () => {
    const out = render('# Over ons\n\n### Geschiedenis\n\n# Over ons\n\n##### Wie is wie?');
    expect(out.html).toBe(
      '<h2 id="over-ons">Over ons</h2>\n<h3 id="geschiedenis">Geschiedenis</h3>\n<h2 id="over-ons-1">Over ons</h2>\n<h4 id="wie-is-wie">Wie is wie?</h4>',
    );
    expect(out.headingIds).toEqual(['over-ons', 'geschiedenis', 'over-ons-1', 'wie-is-wie']);
  });

  it('drops editor-written ids, names and classes', () => {
    expect(html('<p id="inhoud" class="skip-link" name="x">tekst</p>')).toBe('<p>tekst</p>');
  });

  it('opens external links safely and leaves own links alone', () => {
    expect(html('[a](https://gemeente.nl/) [b](https://testbuurt.nl/agenda/) [c](/groepen/) [d](mailto:a@b.nl)')).toBe(
      '<p><a href="https://gemeente.nl/" rel="noopener noreferrer">a</a> <a href="https://testbuurt.nl/agenda/">b</a> <a href="/groepen/">c</a> <a href="mailto:a@b.nl">d</a></p>',
    );
  });

  it('turns images into placeholders, and remote images into their alt text', () => {
    const out = render('![Moestuin](../../media/tuin.jpg "Zomer") ![Logo](https://cdn.example/logo.png)');
    expect(out.images).toEqual([{ src: '../../media/tuin.jpg', alt: 'Moestuin', title: 'Zomer' }]);
    expect(out.remoteImages).toEqual(['https://cdn.example/logo.png']);
    expect(fillImages(out, (image) => `<img alt="${image.alt}">`)).toBe('<p><img alt="Moestuin"> Logo</p>');
  });

  it('does not fill a placeholder an editor wrote', () => {
    expect(fillImages(render('<!--buurt-image:0--> <abbr title="<!--buurt-image:0-->">x</abbr>'), () => '<b>FILLED</b>')).not.toContain('FILLED');
    // Also when the body has a real image: only its own placeholder is filled.
    const withImage = fillImages(
      render('![Tuin](../../media/tuin.jpg) <!--buurt-image:0--> <abbr title="<!--buurt-image:0-->">x</abbr>'),
      () => '<b>FILLED</b>',
    );
    expect(withImage.match(/FILLED/g)).toHaveLength(1);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://gemeente.nl/', 'https://gemeente.nl/'],
    ['http://oud.nl/', 'http://oud.nl/'],
    ['mailto:a@b.nl', 'mailto:a@b.nl'],
    ['tel:0201234567', 'tel:0201234567'],
    ['/agenda/', '/agenda/'],
    ['../x/', '../x/'],
    ['#kop', '#kop'],
    ['?a=b:c', '?a=b:c'],
    ['/pad/met:dubbelepunt', '/pad/met:dubbelepunt'],
    ['javascript:alert(1)', undefined],
    [' JAVASCRIPT:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['java\u200bscript:alert(1)', undefined],
    ['\u0001javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['vbscript:x', undefined],
    ['file:///etc/passwd', undefined],
    ['javascript&colon;alert(1)', undefined],
    ['//evil.example', undefined],
    ['\\\\evil.example', undefined],
    ['/\\evil.example', undefined],
    ['\\/evil.example', undefined],
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });

  it('agrees with the WHATWG URL parser on every unsafe spelling it lets through', () => {
    const spellings = ['javascript:x', 'JaVaScRiPt:x', 'java\nscript:x', 'java\rscript:x', ' \u0000javascript:x', 'java\u0009script:x', 'data:,x'];
    for (const spelling of spellings) {
      const kept = safeUrl(spelling);
      if (kept !== undefined) expect(['https:', 'http:', 'mailto:', 'tel:']).toContain(new URL(kept, 'https://testbuurt.nl/').protocol);
    }
  });
});
