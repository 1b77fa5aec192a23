/**
 * "Did you mean …?" for many misses at once. Comparing every miss with every known name is quadratic: a buurt
 * with 1,000 pages and 3,000 broken links took a minute. `NearestIndex` keeps an index of the names' trigrams;
 * a miss is compared (edit distance) only with the few names that share the most rare trigrams with it, at most
 * `candidates` of them, and each distinct miss is looked up once.
 */

/** Trigrams of a word, with start and end marks so short words and their ends count. */
function gramsOf(word: string, q: number): Set<string> {
  const padded = `\u0002${word}\u0003`;
  const grams = new Set<string>();
  for (let i = 0; i + q <= padded.length; i++) grams.add(padded.slice(i, i + q));
  if (padded.length < q) grams.add(padded);
  return grams;
}

/**
 * Levenshtein distance between `a` and `b` when it is at most `max`, otherwise `max + 1`; cheap for long strings
 * with a common beginning and end (addresses), and stops as soon as the bound is passed.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (Math.abs(x.length - y.length) > max) return max + 1;
  if (!x.length || !y.length) return Math.max(x.length, y.length);
  const row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    let smallest = i;
    for (let j = 1; j <= y.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (x[i - 1] === y[j - 1] ? 0 : 1));
      previous = current;
      if (row[j]! < smallest) smallest = row[j]!;
    }
    if (smallest > max) return max + 1;
  }
  return Math.min(row[y.length]!, max + 1);
}

export interface Nearest {
  word: string;
  distance: number;
}

/** The names a miss can be matched to, indexed by trigram. */
export class NearestIndex {
  readonly words: readonly string[];
  /** How many edit distances were computed so far (for tests: at most `candidates` per distinct lookup). */
  comparisons = 0;
  private readonly postings = new Map<string, number[]>();
  private readonly gramCounts: Uint32Array;
  private readonly counts: Uint32Array;
  private readonly memo = new Map<string, Nearest | undefined>();
  private readonly q = 3;

  /** Edit distances computed per lookup, at most. */
  readonly candidates: number;

  constructor(words: readonly string[], candidates = 16) {
    this.candidates = candidates;
    this.words = [...new Set(words)];
    this.gramCounts = new Uint32Array(this.words.length);
    this.counts = new Uint32Array(this.words.length);
    this.words.forEach((word, id) => {
      const grams = gramsOf(word.toLowerCase(), this.q);
      this.gramCounts[id] = grams.size;
      for (const gram of grams) {
        const list = this.postings.get(gram);
        if (list) list.push(id);
        else this.postings.set(gram, [id]);
      }
    });
  }

  /** The known name nearest to `word` (case-insensitive) within `maxDistance` edits, or undefined. */
  nearest(word: string, maxDistance: number): Nearest | undefined {
    const key = `${maxDistance}\0${word}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const result = this.search(word.toLowerCase(), maxDistance);
    this.memo.set(key, result);
    return result;
  }

  private search(word: string, maxDistance: number): Nearest | undefined {
    const grams = [...gramsOf(word, this.q)].map((gram) => this.postings.get(gram)).filter((list): list is number[] => list !== undefined);
    // Grams most names share say little and cost most: count the rare ones; the common ones are assumed shared
    // by every candidate (the count filter below stays an upper bound). Only when a word has no rare gram at all
    // are the common ones counted.
    const common = Math.max(8, this.words.length / 4);
    const rare = grams.filter((list) => list.length <= common);
    const counted = rare.length ? rare : grams;
    const assumed = grams.length - counted.length;
    const touched: number[] = [];
    for (const list of counted) {
      for (const id of list) {
        if (this.counts[id] === 0) touched.push(id);
        this.counts[id] = this.counts[id]! + 1;
      }
    }
    // Count filter (q-gram lemma): within k edits a name shares at least max(|A|, |B|) - q·k grams with the word.
    const size = gramsOf(word, this.q).size;
    const ranked = touched
      .map((id) => ({ id, shared: this.counts[id]! + assumed }))
      .filter(({ id, shared }) => shared >= Math.max(size, this.gramCounts[id]!) - this.q * maxDistance)
      .sort((a, b) => b.shared - a.shared || Math.abs(this.words[a.id]!.length - word.length) - Math.abs(this.words[b.id]!.length - word.length) || a.id - b.id)
      .slice(0, this.candidates);
    for (const id of touched) this.counts[id] = 0;
    let best: Nearest | undefined;
    for (const { id } of ranked) {
      const bound = best ? best.distance - 1 : maxDistance;
      if (bound < 0) break;
      this.comparisons++;
      const distance = boundedEditDistance(word, this.words[id]!.toLowerCase(), bound);
      if (distance <= bound) best = { word: this.words[id]!, distance };
    }
    return best;
  }
}

/**
 * The name in `index` most like `word` when it is a likely typo: at most two edits away, or (for words of four
 * letters or more) the nearest name starting with the same four letters. The rule of `closest` in
 * yaml-source.ts, for many lookups.
 */
export function closestName(word: string, index: NearestIndex): string | undefined {
  const near = index.nearest(word, Math.max(2, word.length));
  if (!near) return undefined;
  const lower = word.toLowerCase();
  return near.distance <= 2 || (word.length >= 4 && near.word.toLowerCase().startsWith(lower.slice(0, 4))) ? near.word : undefined;
}
