import { describe, expect, it } from 'vitest';
import { bodyHtml } from './photos.ts';

describe('bodyHtml', () => {
  const origin = 'https://buurt.example.nl';
  const from = '/sites/oost/content/paginas/over.md';

  it('shows the body as the check rendered it when that was handed over, without rendering it again', async () => {
    const rendered = { html: '<p>Zoals de controle het zag.</p>\n', images: [], placeholderToken: 'abc123' };
    expect(await bodyHtml({ data: { _file: from, _rendered: rendered } }, origin)).toBe(rendered.html);
    expect(await bodyHtml({ data: { _file: from, _rendered: { ...rendered, html: '' } } }, origin)).toBe('');
  });

  it('renders and sanitises the body itself otherwise (dev server, a bare astro build)', async () => {
    expect(await bodyHtml({ body: 'Buren <script>x</script>samen.', data: { _file: from } }, origin)).toBe('<p>Buren samen.</p>');
  });

  it('shows nothing for an empty body', async () => {
    expect(await bodyHtml({ body: '  \n', data: { _file: from } }, origin)).toBe('');
  });
});
