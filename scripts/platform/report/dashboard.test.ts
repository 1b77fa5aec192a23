import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../src/theme/colours.ts';
import { BAR_COLOUR, html, levelBadge, lowestLevelContrast, SafeHtml, sparkline } from './dashboard.ts';

describe('the html template tag', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const name = `<script>alert("x")</script> & 'Buurt'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Buurt&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Buurt&#39;</p>',
    );
  });

  it('inserts nested templates and arrays as they are, and leaves out empty values', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${new SafeHtml('<br>')}`.value).toBe('<br>');
  });
});

describe('levels and sparklines', () => {
  it('say the level in text, never by colour alone', () => {
    expect(levelBadge(3, 'actief').value).toBe('<span class="level level-3"><span class="level-number">3</span> actief</span>');
    expect(levelBadge(null, 'nog geen audit').value).toBe('<span class="level level-none">nog geen audit</span>');
  });

  it('have text on every level colour with a contrast of at least 4.5:1, and bars of at least 3:1', () => {
    expect(lowestLevelContrast()).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(BAR_COLOUR, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('draw one bar per month with a non-zero count and describe every month in text', () => {
    const svg = sparkline('s', 'Nieuwsberichten', ['2026-01', '2026-02', '2026-03'], [2, 0, 4]).value;
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('role="img" aria-labelledby="s-title s-desc"');
    expect(svg).toContain('<title id="s-title">Nieuwsberichten per maand, januari 2026 tot en met maart 2026</title>');
    expect(svg).toContain('<desc id="s-desc">jan 2026: 2, feb 2026: 0, mrt 2026: 4</desc>');
    expect(svg).toContain('<span class="spark-total">6 in 3 maanden</span>');
  });
});
