import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchablePart, separateBlocks, startSearchIndex } from './search-index.ts';

describe('separateBlocks', () => {
  it('keeps words in neighbouring list items and definitions apart', () => {
    expect(separateBlocks('<dl><dt>Waar</dt><dd>Buurthuis</dd></dl><ul><li>a</li><li>b</li></ul>')).toBe(
      '<dl><dt>Waar </dt><dd>Buurthuis </dd></dl><ul><li>a </li><li>b </li></ul>',
    );
  });
});

describe('searchablePart', () => {
  const page = (body: string) => `<!doctype html><html lang="nl"><head><title>t</title></head><body><nav>Menu</nav>${body}<footer>Voet</footer></body></html>`;

  it('keeps only the marked element, with the page language', () => {
    expect(searchablePart(page('<main><article class="item" data-pagefind-body><h1>Wandeling</h1></article><aside>Meer</aside></main>'))).toBe(
      '<!doctype html><html lang="nl"><body><article class="item" data-pagefind-body><h1>Wandeling</h1></article></body></html>',
    );
  });

  it('finds the end of the marked element past elements of the same name inside it', () => {
    const part = searchablePart(page('<article data-pagefind-body><article><p>binnen</p></article><p>erna</p></article><p>buiten</p>'));
    expect(part).toContain('<p>erna</p></article></body>');
    expect(part).not.toContain('buiten');
  });

  it('sends pages it cannot cut cleanly whole', () => {
    for (const html of [
      page('<p>geen markering</p>'),
      page('<div data-pagefind-body>a</div><div data-pagefind-body>b</div>'),
      page('<div data-pagefind-body>open'),
    ]) {
      expect(searchablePart(html)).toBe(html);
    }
  });
});

describe('startSearchIndex', () => {
  it('indexes pages handed over one by one, and leaves unmarked ones out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'buurt-search-'));
    try {
      const indexer = startSearchIndex();
      indexer.add('/', '<html lang="nl"><body><main><h1>Home</h1></main></body></html>');
      indexer.add('/agenda/wandeling/', '<html lang="nl"><body><main data-pagefind-body><h1>Wandeling</h1><p>Door het park.</p></main></body></html>');
      indexer.add('/nieuws/markt/', '<html lang="nl"><body><article data-pagefind-body><h1>Markt</h1></article></body></html>');
      const result = await indexer.finish(dir);
      expect(result.pages).toBe(2);
      expect(await readdir(path.join(result.outputPath, 'fragment'))).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('buildSearchIndex', () => {
  it('indexes only marked pages, in Dutch, and leaves out Pagefind’s unused interfaces', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'buurt-search-'));
    try {
      const page = (body: string) => `<!doctype html><html lang="nl"><head><title>t</title></head><body><nav>Menu</nav>${body}</body></html>`;
      await mkdir(path.join(dir, 'agenda', 'wandeling'), { recursive: true });
      await writeFile(path.join(dir, 'index.html'), page('<main><h1>Home</h1></main>'));
      await writeFile(path.join(dir, 'agenda', 'wandeling', 'index.html'), page('<main data-pagefind-body><h1>Wandeling</h1><p>Door het park.</p></main>'));
      const result = await buildSearchIndex(dir);
      expect(result.pages).toBe(1);
      const files = await readdir(result.outputPath);
      expect(files).toContain('pagefind.js');
      expect(files.filter((f) => /ui|highlight/.test(f))).toEqual([]);
      const entry = JSON.parse(await readFile(path.join(result.outputPath, 'pagefind-entry.json'), 'utf8'));
      expect(Object.keys(entry.languages)).toEqual(['nl']);
      expect(entry.languages.nl.page_count).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
