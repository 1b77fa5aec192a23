import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, separateBlocks } from './search-index.ts';

describe('separateBlocks', () => {
  it('keeps words in neighbouring list items and definitions apart', () => {
    expect(separateBlocks('<dl><dt>Waar</dt><dd>Buurthuis</dd></dl><ul><li>a</li><li>b</li></ul>')).toBe(
      '<dl><dt>Waar </dt><dd>Buurthuis </dd></dl><ul><li>a </li><li>b </li></ul>',
    );
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
