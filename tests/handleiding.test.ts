/**
 * The editors' handleiding (docs/redactie/): every problem code explained, the generated chapter up to date,
 * every chapter listed and reachable, links that stay inside the handleiding, and screenshots that the current
 * screenshot test made (its manifest records the test's own hash and each image's hash).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { EXPLANATION_GROUPS, PROBLEM_EXPLANATIONS } from '../src/check/explanations.ts';
import { CHAPTER_ORDER, HANDLEIDING_DIR, renderChapter } from '../src/cms/handleiding.ts';
import { PROBLEM_CODES } from '../src/model/problems.ts';
import { MELDINGEN_FILE, meldingenMarkdown } from '../scripts/docs/meldingen.ts';
import { englishWords } from './helpers/english.ts';

const chapter = (file: string) => readFile(path.join(HANDLEIDING_DIR, file), 'utf8');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('the chapter on messages', () => {
  it('explains every problem code exactly once, in one of its groups', () => {
    const grouped = EXPLANATION_GROUPS.flatMap((g) => g.codes as readonly string[]);
    expect([...grouped].sort()).toEqual([...PROBLEM_CODES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const code of PROBLEM_CODES) expect(PROBLEM_EXPLANATIONS[code].action.length, code).toBeGreaterThan(10);
  });

  it('is up to date with the catalogue (run npm run docs:meldingen)', async () => {
    expect(await readFile(MELDINGEN_FILE, 'utf8')).toBe(meldingenMarkdown());
  });

  it('names every code, in Dutch', async () => {
    const text = await chapter('meldingen.md');
    for (const code of PROBLEM_CODES) expect(text).toContain(`(\`${code}\`)`);
    const prose = text.replace(/`[^`]*`/g, '').replace(/<!--.*?-->/gs, '');
    expect(englishWords(prose)).toEqual([]);
  });
});

describe('the chapters', () => {
  it('are all listed in reading order, and the table of contents links every one', async () => {
    const files = (await readdir(HANDLEIDING_DIR)).filter((f) => f.endsWith('.md')).sort();
    expect([...CHAPTER_ORDER].sort()).toEqual(files);
    const contents = await chapter('README.md');
    for (const file of CHAPTER_ORDER.slice(1)) expect(contents).toContain(`](${file})`);
  });

  it('link only to each other and to their own screenshots', async () => {
    for (const file of CHAPTER_ORDER) {
      const text = await chapter(file);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const local = target!.replace(/#.*$/, '');
        expect(/^(https?:|\/)/.test(target!), `${file} → ${target}`).toBe(false);
        if (local.startsWith('img/')) expect(/^img\/[a-z0-9-]+\.png$/.test(local), `${file} → ${target}`).toBe(true);
        else expect(CHAPTER_ORDER as readonly string[], `${file} → ${target}`).toContain(local);
      }
    }
  });

  it('become pages whose links lead to other pages of the handleiding', async () => {
    const page = renderChapter('werkwijze.md', await chapter('werkwijze.md'), 'Voorbeeldwijk');
    expect(page.url).toBe('/admin/handleiding/werkwijze/');
    const $ = cheerio.load(page.html);
    expect($('html').attr('lang')).toBe('nl');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex, nofollow');
    expect($('h1').text()).toBe('Van concept tot publicatie');
    expect($('main a[href="../activiteit/"]').length).toBeGreaterThan(0);
    expect($('main img').first().attr('src')).toBe('../img/redactie.png');
    expect($('script').length).toBe(0);
  });
});

describe('the screenshots', () => {
  it('are exactly the ones the current screenshot test made', async () => {
    const manifest = JSON.parse(await readFile(path.join(HANDLEIDING_DIR, 'img/manifest.json'), 'utf8')) as {
      test: string;
      testHash: string;
      images: Record<string, string>;
    };
    expect(manifest.testHash, `${manifest.test} changed since the screenshots were taken: run it again`).toBe(
      sha256(await readFile(path.resolve(HANDLEIDING_DIR, '../..', manifest.test))),
    );
    const used = new Set<string>();
    for (const file of CHAPTER_ORDER) for (const [, src] of (await chapter(file)).matchAll(/!\[[^\]]*\]\(img\/([^)\s]+)\)/g)) used.add(src!);
    for (const name of used) {
      expect(Object.keys(manifest.images), `img/${name} is not made by ${manifest.test}`).toContain(name);
      expect(sha256(await readFile(path.join(HANDLEIDING_DIR, 'img', name))), `img/${name} is not the one the test made`).toBe(manifest.images[name]);
    }
  });
});
