#!/usr/bin/env node
/**
 * The floor the benchmark compares builds with: the same markdown rendered by a plain gray-matter + remark/rehype
 * script in one process, one HTML file per content file, nothing else (no validation, sanitising, layout,
 * listings or photos). No site generator can turn the markdown into HTML faster than this.
 *
 *   node scripts/bench/floor.ts <buurt folder> <output folder>
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const [siteDir, outDir] = process.argv.slice(2);
if (!siteDir || !outDir) {
  console.error('Usage: node scripts/bench/floor.ts <buurt folder> <output folder>');
  process.exit(2);
}
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);
const contentDir = path.join(siteDir, 'content');
let pages = 0;
for (const collection of (await readdir(contentDir)).sort()) {
  for (const name of (await readdir(path.join(contentDir, collection))).filter((n) => n.endsWith('.md')).sort()) {
    const { data, content } = matter(await readFile(path.join(contentDir, collection, name), 'utf8'));
    const html = String(await processor.process(content));
    const out = path.join(outDir, collection, name.slice(0, -3), 'index.html');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `<!doctype html><title>${String(data.title ?? data.name ?? '')}</title>${html}`);
    pages++;
  }
}
console.log(`${pages} pages`);
