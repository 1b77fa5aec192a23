/**
 * The page-weight budget fails a real build: a buurt whose welcome text makes the home page too heavy for the
 * first round trip, built by the real code, fails the budget check and `npm run audit` (exit 1, naming it).
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets } from '../../scripts/audit/budgets.ts';
import { buildSite } from '../../scripts/platform/build/build.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from '../helpers/fixtures.ts';
import { runBuurt } from '../helpers/git-fixture.ts';

let workspace: Workspace;
let distDir: string;

/** Paragraphs of made-up words: text that compresses about as badly as real prose does. */
function longText(paragraphs: number): string {
  let state = 7;
  const word = () => {
    state = (state * 48271) % 2147483647;
    return 'buurt' + state.toString(36).replace(/\d/g, '');
  };
  return Array.from({ length: paragraphs }, () => Array.from({ length: 60 }, word).join(' ') + '.').join('\n\n');
}

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.writeBuurt('zwaar', {
    'site.yaml': stringify({ ...baseSiteYaml, name: 'Zwaarwijk' }),
    'content/paginas/welkom.md': markdown({ title: 'Welkom in Zwaarwijk', summary: 'Een heel lange welkomsttekst.' }, longText(100)),
    'content/nieuws/bericht.md': markdown({ title: 'Een bericht', date: '2026-03-01', summary: 'Een bericht om de pagina van te kunnen meten.' }, 'Tekst.'),
    'content/agenda/koffie.md': markdown(
      { title: 'Koffie', start: '2026-03-20T10:00', location: { name: 'Buurthuis' }, summary: 'Koffie drinken met de buren.' },
      'Tekst.',
    ),
    'content/groepen/koor.md': markdown({ name: 'Buurtkoor', summary: 'Samen zingen op donderdagavond.' }, 'Tekst.'),
  });
  distDir = (await buildSite('zwaar', { env: { BUURT_NOW: '2026-03-10T12:00' } })).outDir;
}, 600_000);

afterAll(async () => {
  await workspace?.dispose();
});

describe('the first-round-trip budget', () => {
  it('fails a home page whose HTML and CSS do not fit in 14 KB compressed, and only that budget', async () => {
    const results = await checkBudgets(distDir);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['home page HTML+CSS, compressed (first round trip)', false],
      ['no JavaScript outside /zoeken/', true],
      ['web fonts: none, or self-hosted under 30 KB', true],
      ['photos have srcset, sizes, width and height', true],
    ]);
  });

  it('makes npm run audit fail, naming the budget', async () => {
    // The budgets read every page of the output whatever pages the browser opens: the home page alone is enough.
    const run = await runBuurt(['audit', 'zwaar', '--no-build', '--no-lighthouse', '--pages', 'home'], workspace.env);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^ {2}FAIL {2}home page HTML\+CSS, compressed \(first round trip\): \d+\.\d KB gzip, \d+\.\d KB brotli, of 14\.0 KB$/m);
    expect(run.stdout).toContain('zwaar: the audit found 1 problem:\n  budget exceeded: home page HTML+CSS');
    expect(run.stdout).toContain('Summary: not written (it needs the Lighthouse scores)');
    expect(run.stdout).toContain(`Audit of zwaar (${path.join(workspace.distDir, 'zwaar')}), 1 page`);
  }, 600_000);
});
