/**
 * Every buurt in sites/ and every starter template in templates/ has a toegankelijkheid page that says which
 * level the site aims at (WCAG 2.2 AA) and how to report a problem.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../src/model/content.ts';
import { repoDir } from './helpers/fixtures.ts';

/** What the page must say, as patterns over its markdown (templates may hold placeholders like {{email}}). */
const LEVEL = /WCAG\s*2\.2[^\n]*?\b(niveau\s+)?AA\b/i;
const REPORTING = /\b(meld|melden|laat (het )?(ons )?weten|probleem)\b/i;
const CONTACT = /\]\((mailto:|tel:|\/contact\/)|[\w.+-]+@[\w-]+\.[a-z]{2,}|\{\{\s*email\s*\}\}|\b0\d{1,3}[ -]?\d{6,8}\b/i;

/** Every buurt folder and template folder that exists. */
async function folders(): Promise<string[]> {
  const found: string[] = [];
  for (const root of ['sites', 'templates']) {
    const dir = path.join(repoDir, root);
    if (!existsSync(dir)) continue;
    for (const entry of await readdir(dir, { withFileTypes: true })) if (entry.isDirectory()) found.push(path.join(root, entry.name));
  }
  return found;
}

describe('the toegankelijkheid page', async () => {
  const all = await folders();

  it('exists for the demo buurten at least', () => {
    expect(all).toEqual(expect.arrayContaining(['sites/voorbeeldwijk', 'sites/bloemenbuurt']));
  });

  for (const folder of all) {
    it(`in ${folder} names WCAG 2.2 AA and how to report a problem`, async () => {
      const file = path.join(repoDir, folder, 'content', 'paginas', 'toegankelijkheid.md');
      expect(existsSync(file), `${folder} has no content/paginas/toegankelijkheid.md`).toBe(true);
      const parts = splitFrontMatter(await readFile(file, 'utf8'));
      expect(parts, 'front matter').toBeDefined();
      const text = `${parts!.yaml}\n${parts!.body}`;
      expect(text).toMatch(LEVEL);
      expect(parts!.body).toMatch(REPORTING);
      expect(parts!.body).toMatch(CONTACT);
    });
  }
});
