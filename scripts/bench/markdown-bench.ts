#!/usr/bin/env node
/**
 * What sanitising costs: renders the same synthetic, realistic editor documents three ways and reports
 * milliseconds per document.
 *
 * - `satteri`: Sätteri's `markdownToHtml` with the same features and no plugin (the fast path, unsafe);
 * - `buurt`: our `renderMarkdown` (Sätteri's `markdownToHast` in Rust, then `sanitizeHast` and `toSafeHtml`);
 * - `unified`: the unified route Astro's rehype plugins need: remark-parse + remark-gfm + remark-rehype +
 *   rehype-raw + rehype-sanitize + rehype-stringify (also safe).
 *
 * The documents are generated from a fixed seed (the same every run): news-like text with headings,
 * lists, links, emphasis, a photo, sometimes a table, footnotes or a little allowed HTML.
 *
 * Standalone: `npx node scripts/bench/markdown-bench.ts [--documents 1000] [--rounds 5]` prints a table.
 * The platform benchmark imports `benchMarkdown`.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { markdownToHtml } from 'satteri';
import { unified } from 'unified';
import { MARKDOWN_FEATURES, renderMarkdown } from '../../src/markdown/markdown.ts';
import { random } from '../seeded-random.ts';

export interface MarkdownBenchOptions {
  /** Documents per round (default 1000). */
  documents?: number;
  /** Timed rounds per variant; the median round counts (default 5). */
  rounds?: number;
  /** Seed of the document generator (default 2026). */
  seed?: number;
}

export interface MarkdownBenchResult {
  documents: number;
  rounds: number;
  /** Average size of a document in bytes. */
  averageBytes: number;
  /** Median milliseconds per document of each variant. */
  msPerDoc: { satteri: number; buurt: number; unified: number };
  /** `buurt - satteri` in ms: what sanitising adds to each document. */
  sanitiserMsPerDoc: number;
  /** `buurt / satteri`: what sanitising costs on the fast path (1.0 = free). */
  buurtVsSatteri: number;
  /** `unified / satteri`: what the unified route costs. */
  unifiedVsSatteri: number;
  /** `unified / buurt`: how much slower the unified route is than ours. */
  unifiedVsBuurt: number;
}

/** Renders synthetic documents with plain Sätteri, our sanitising renderer and unified; see the module doc. */
export async function benchMarkdown(options: MarkdownBenchOptions = {}): Promise<MarkdownBenchResult> {
  const documents = options.documents ?? 1000;
  const rounds = options.rounds ?? 5;
  const docs = syntheticDocuments(documents, options.seed ?? 2026);
  const origin = 'https://voorbeeldwijk.nl';
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize)
    .use(rehypeStringify)
    .freeze();
  const variants = {
    satteri: (doc: string) => markdownToHtml(doc, { features: MARKDOWN_FEATURES }).html.length,
    buurt: (doc: string) => renderMarkdown(doc, { origin }).html.length,
    unified: (doc: string) => String(processor.processSync(doc)).length,
  };
  type Name = keyof typeof variants;
  const names = Object.keys(variants) as Name[];
  const times: Record<Name, number[]> = { satteri: [], buurt: [], unified: [] };
  let sink = 0;
  // Warm up every variant (JIT, native module), then interleave rounds so drift hits all alike.
  for (const name of names) for (const doc of docs.slice(0, Math.min(200, docs.length))) sink += variants[name](doc);
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const started = performance.now();
      for (const doc of docs) sink += variants[name](doc);
      times[name].push(performance.now() - started);
    }
  }
  if (sink < 0) throw new Error('unreachable');
  const msPerDoc = {
    satteri: median(times.satteri) / documents,
    buurt: median(times.buurt) / documents,
    unified: median(times.unified) / documents,
  };
  return {
    documents,
    rounds,
    averageBytes: Math.round(docs.reduce((sum, doc) => sum + Buffer.byteLength(doc), 0) / documents),
    msPerDoc,
    sanitiserMsPerDoc: msPerDoc.buurt - msPerDoc.satteri,
    buurtVsSatteri: msPerDoc.buurt / msPerDoc.satteri,
    unifiedVsSatteri: msPerDoc.unified / msPerDoc.satteri,
    unifiedVsBuurt: msPerDoc.unified / msPerDoc.buurt,
  };
}

const WORDS = (
  'de het een buurt buurthuis koffie tuin moestuin vrijwilligers samen bewoners straat plein speeltuin ' +
  'activiteit ochtend avond zaterdag dinsdag welkom iedereen kinderen ouderen hulp vragen wijkteam ' +
  'gemeente bijeenkomst opruimen bloembollen lente zomer feest muziek soep eten gezellig aanmelden gratis ' +
  'informatie verkeer veilig fiets parkeren groen bomen bankjes water zon regen nieuws plannen afspraak'
).split(' ');

/** `count` realistic markdown bodies of 1–4 kB, the same for the same seed. */
export function syntheticDocuments(count: number, seed = 2026): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => {
    const s = words(6 + Math.floor(next() * 12));
    const decorated = next() < 0.2 ? s.replace(/(\w+) (\w+)/, '**$1 $2**') : next() < 0.2 ? s.replace(/(\w+)$/, '_$1_') : s;
    const linked =
      next() < 0.15
        ? `${decorated} [${words(2)}](/agenda/${pick(WORDS)}/)`
        : next() < 0.1
          ? `${decorated} [${words(2)}](https://www.${pick(WORDS)}.nl/)`
          : decorated;
    return `${linked[0]!.toUpperCase()}${linked.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(next() * 4) }, sentence).join(' ');
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [paragraph()];
    const sections = 1 + Math.floor(next() * 4);
    for (let s = 0; s < sections; s++) {
      parts.push(`## ${words(3)}`, paragraph());
      const r = next();
      if (r < 0.3) parts.push(Array.from({ length: 3 + Math.floor(next() * 3) }, () => `- ${words(4)}`).join('\n'));
      else if (r < 0.4) parts.push(`![${words(4)}](../../media/${pick(WORDS)}.jpg)`);
      else if (r < 0.5) parts.push(`| wat | wanneer |\n| --- | --- |\n| ${words(2)} | ${words(2)} |\n| ${words(2)} | ${words(2)} |`);
      else if (r < 0.58) parts.push(`<details>\n<summary>${words(3)}</summary>\n\n${paragraph()}\n\n</details>`);
      else if (r < 0.64) parts.push(`${sentence()} Het kost <abbr title="euro">€</abbr> 2<sup>50</sup>.`);
      else if (r < 0.7) parts.push(`> ${paragraph()}`);
      parts.push(paragraph());
    }
    if (next() < 0.1) parts.push(`${sentence()}[^1]\n\n[^1]: ${sentence()}`);
    docs.push(parts.join('\n\n'));
  }
  return docs;
}

/** The comparison as a small table with one sentence of conclusion. */
export function formatMarkdownBench(result: MarkdownBenchResult): string {
  const rows = [
    ['Sätteri, no sanitiser (unsafe)', result.msPerDoc.satteri, 1],
    ['Sätteri + buurt sanitiser (ours)', result.msPerDoc.buurt, result.buurtVsSatteri],
    ['unified + rehype-sanitize', result.msPerDoc.unified, result.unifiedVsSatteri],
  ] as const;
  return [
    `${result.documents} documents (average ${result.averageBytes} bytes), median of ${result.rounds} rounds`,
    '',
    'renderer                           ms/doc   × Sätteri',
    '---------------------------------  -------  ---------',
    ...rows.map(([name, ms, ratio]) => `${name.padEnd(33)}  ${ms.toFixed(4).padStart(7)}  ${ratio.toFixed(2).padStart(9)}`),
    '',
    `Sanitising adds ${result.sanitiserMsPerDoc.toFixed(3)} ms per document (${result.sanitiserMsPerDoc.toFixed(2)} s per 1,000 documents); unified is ${result.unifiedVsBuurt.toFixed(1)}× slower than ours.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { documents: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' }, json: { type: 'boolean' } },
  });
  const result = await benchMarkdown({ documents: Number(values.documents), rounds: Number(values.rounds) });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatMarkdownBench(result));
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
