import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown.ts';
import { benchMarkdown, syntheticDocuments } from './markdown-bench.ts';

describe('the markdown benchmark', () => {
  it('generates the same realistic documents for the same seed', () => {
    const docs = syntheticDocuments(50, 7);
    expect(syntheticDocuments(50, 7)).toEqual(docs);
    expect(syntheticDocuments(50, 8)).not.toEqual(docs);
    const all = docs.join('\n');
    for (const feature of ['## ', '- ', '](/agenda/', '](https://www.', '![', '| wat |', '<details>']) expect(all).toContain(feature);
    // Every generated document is clean content: nothing for the sanitiser to remove.
    expect(docs.flatMap((doc) => renderMarkdown(doc).removed)).toEqual([]);
  });

  it('reports milliseconds per document and ratios for the three renderers (figures only, no timing asserted)', async () => {
    const result = await benchMarkdown({ documents: 20, rounds: 1 });
    expect(result).toMatchObject({ documents: 20, rounds: 1 });
    for (const ms of Object.values(result.msPerDoc)) expect(ms).toBeGreaterThan(0);
    expect(result.buurtVsSatteri).toBeCloseTo(result.msPerDoc.buurt / result.msPerDoc.satteri, 6);
    expect(result.unifiedVsBuurt).toBeCloseTo(result.msPerDoc.unified / result.msPerDoc.buurt, 6);
  });
});
