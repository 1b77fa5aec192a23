/**
 * `buurt report` as maintainers run it: the real CLI in a child process over fixture buurten in a git
 * repository, its terminal table, its JSON, and the HTML dashboard read with a real parser and validator.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuurtReport } from '../scripts/platform/report/index.ts';
import { englishWords } from './helpers/english.ts';
import { baseSiteYaml, markdown } from './helpers/fixtures.ts';
import { createGitWorkspace, runBuurt, type CliResult, type GitWorkspace } from './helpers/git-fixture.ts';
import { commitBloeiend, commitStil, people, REPORT_NOW } from './helpers/report-buurten.ts';

const HOSTILE = `<script>alert("buurt")</script> & <img src=x onerror=alert(1)>`;

let ws: GitWorkspace;
let env: Record<string, string>;
let json: CliResult;
let table: CliResult;
let htmlRun: CliResult;
let htmlFile: string;
let $: cheerio.CheerioAPI;

beforeAll(async () => {
  ws = await createGitWorkspace();
  await commitBloeiend(ws);
  await commitStil(ws);
  // A buurt whose name and group come from a hostile editor: the dashboard must show them as text.
  await ws.commit({
    at: '2026-02-01T10:00',
    author: people.eef,
    message: 'Vreemde buurt',
    write: {
      'vreemd/site.yaml': stringify({ ...baseSiteYaml, name: HOSTILE }),
      'vreemd/content/groepen/feest.md': markdown({ name: `Feest ${HOSTILE}`, summary: 'Een groep met een vreemde naam om te testen.' }),
    },
  });
  env = { ...ws.env, BUURT_NOW: REPORT_NOW };
  htmlFile = path.join(ws.root, 'out', 'dashboard.html');
  [json, table, htmlRun] = await Promise.all([
    runBuurt(['report', '--all', '--json'], env),
    runBuurt(['report', 'stil', 'bloeiend'], env),
    runBuurt(['report', '--all', '--html', htmlFile], env),
  ]);
  $ = cheerio.load(await readFile(htmlFile, 'utf8'));
});

afterAll(async () => {
  await ws?.dispose();
});

describe('buurt report --json', () => {
  it('prints one report per buurt with levels, figures and tips', () => {
    expect(json.code).toBe(0);
    const reports = JSON.parse(json.stdout) as BuurtReport[];
    expect(reports.map((r) => [r.slug, r.level])).toEqual([
      ['bloeiend', 5],
      ['stil', 2],
      ['vreemd', 1],
    ]);
    const stil = reports.find((r) => r.slug === 'stil')!;
    expect(stil.now).toBe('2026-03-01T11:00:00.000Z');
    expect(stil.dimensions.map((d) => [d.id, d.name, d.level, d.levelLabel])).toEqual([
      ['actualiteit', 'Actualiteit', 2, 'groeiend'],
      ['agenda', 'Agenda', 2, 'groeiend'],
      ['betrokkenheid', 'Betrokkenheid', 2, 'groeiend'],
      ['verbinding', 'Verbinding', 3, 'actief'],
      ['vindbaarheid', 'Vindbaarheid en kwaliteit', 2, 'groeiend'],
      ['toegankelijkheid', 'Toegankelijkheid', null, 'nog geen audit'],
    ]);
    expect(stil.dimensions[0]!.figures).toEqual({
      publishedNews: 4,
      lastNewsDate: '2026-02-09',
      daysSinceLastNews: 20,
      newsInLastHalfYear: 3,
      newsPerMonth: 0.5,
    });
    expect(stil.dimensions[0]!.measures).toEqual([
      { key: 'daysSinceLastNews', value: 20, level: 3 },
      { key: 'newsPerMonth', value: 0.5, level: 2 },
    ]);
    expect(stil.history.activities).toEqual([0, 0, 0, 1, 1, 1, 4, 5, 6, 5, 1, 1]);
    for (const report of reports) for (const d of report.dimensions) expect(d.tips.length).toBeGreaterThanOrEqual(1);
  });
});

describe('buurt report in a terminal', () => {
  it('prints a table per buurt, the Dutch tips, and an overview of all buurten', () => {
    expect(table.code).toBe(0);
    const out = table.stdout;
    expect(out).toContain('Gemeten op 2026-03-01 12:00 (Amsterdamse tijd).');
    expect(out).toContain('Stille Hoek (stil): niveau 2 groeiend');
    expect(out).toMatch(/^Actualiteit +2 groeiend +laatste nieuws 20 dagen geleden \(2026-02-09\); 0,5 berichten per maand in het afgelopen halfjaar$/m);
    expect(out).toMatch(/^Toegankelijkheid +nog geen audit +nog geen audit$/m);
    expect(out).toContain('    - 1 van de 2 groepen heeft geen e-mailadres, telefoonnummer of website (Tuinclub).');
    expect(out).toContain('Let op: 2 fouten in de inhoud; zie "buurt check stil"');
    // The overview follows the order given on the command line.
    expect(out).toMatch(/^buurt +niveau +actualiteit +agenda +betrokkenheid +verbinding +vindbaarheid +toegankelijkheid$/m);
    expect(out).toMatch(/^stil +2 groeiend +2 +2 +2 +3 +2 +-$/m);
    expect(out).toMatch(/^bloeiend +5 bloeiend +5 +5 +5 +5 +5 +5$/m);
  });

  it('speaks no English to the buurt', () => {
    expect(englishWords(table.stdout)).toEqual([]);
  });

  it('refuses unknown buurten with a usage error', async () => {
    const result = await runBuurt(['report', 'nergens'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown buurt "nergens"');
  });
});

describe('the HTML dashboard', () => {
  it('speaks no English to the buurt, also in titles and text alternatives', () => {
    expect(englishWords(`${$('title').text()} ${$('body').text()}`)).toEqual([]);
  });

  it('is written where asked', () => {
    expect(htmlRun.code).toBe(0);
    expect(htmlRun.stdout).toContain('Wrote the dashboard of 3 buurten to');
  });

  it('is an accessible document: language, title, one h1, a table with caption and headers', () => {
    expect($('html').attr('lang')).toBe('nl');
    expect($('head > title').text()).toBe('Hoe levendig is elke buurtsite? Rapport van 1 maart 2026 om 12:00');
    expect($('h1')).toHaveLength(1);
    const table = $('table.overview');
    expect(table.find('caption').text()).toBe('Niveau van elke buurt per onderdeel, en nieuws en activiteiten per maand over de laatste 12 maanden');
    expect(
      table
        .find('thead th')
        .map((_, th) => $(th).text())
        .get(),
    ).toEqual([
      'Buurt',
      'Niveau',
      'Actualiteit',
      'Agenda',
      'Betrokkenheid',
      'Verbinding',
      'Vindbaarheid en kwaliteit',
      'Toegankelijkheid',
      'Nieuws per maand',
      'Activiteiten per maand',
    ]);
    expect(
      table
        .find('thead th')
        .map((_, th) => $(th).attr('scope'))
        .get()
        .every((s) => s === 'col'),
    ).toBe(true);
  });

  it('has one row per buurt with every level as text', () => {
    const rows = $('table.overview tbody tr');
    expect(rows).toHaveLength(3);
    const cells = (i: number) =>
      rows
        .eq(i)
        .find('td')
        .map((_, td) => $(td).find('.level').text())
        .get()
        .slice(0, 7);
    expect(rows.eq(0).find('th[scope="row"] a').text()).toBe('Bloeiende Buurt');
    expect(cells(0)).toEqual(['5 bloeiend', '5 bloeiend', '5 bloeiend', '5 bloeiend', '5 bloeiend', '5 bloeiend', '5 bloeiend']);
    expect(rows.eq(1).find('th[scope="row"] a').attr('href')).toBe('#buurt-stil');
    expect(cells(1)).toEqual(['2 groeiend', '2 groeiend', '2 groeiend', '2 groeiend', '3 actief', '2 groeiend', 'nog geen audit']);
    // Colour classes go with the text.
    expect(rows.eq(1).find('td .level-3').text()).toBe('3 actief');
    expect(rows.eq(1).find('td .level-none').text()).toBe('nog geen audit');
  });

  it('draws news and activities per month as inline SVG with a text alternative', () => {
    const svgs = $('table.overview tbody tr').eq(1).find('svg');
    expect(svgs).toHaveLength(2);
    const news = svgs.eq(0);
    expect(news.attr('role')).toBe('img');
    expect(news.attr('aria-labelledby')).toBe('spark-stil-news-title spark-stil-news-desc');
    expect(news.find('title').text()).toBe('Stille Hoek: nieuwsberichten per maand, april 2025 tot en met maart 2026');
    expect(news.find('desc').text()).toBe(
      'apr 2025: 0, mei 2025: 0, jun 2025: 1, jul 2025: 0, aug 2025: 0, sep 2025: 0, okt 2025: 1, nov 2025: 0, dec 2025: 1, jan 2026: 0, feb 2026: 1, mrt 2026: 0',
    );
    expect(news.find('rect')).toHaveLength(4);
    expect(svgs.eq(1).find('rect')).toHaveLength(9);
    expect(svgs.eq(1).parent().find('.spark-total').text()).toBe('25 in 12 maanden');
    // Every id the SVGs point at exists once.
    for (const id of $('svg')
      .map((_, svg) => ($(svg).attr('aria-labelledby') ?? '').split(' '))
      .get())
      expect($(`[id="${id}"]`)).toHaveLength(1);
  });

  it('has a section per buurt with figures and Dutch tips', () => {
    const section = $('#buurt-stil');
    expect(section.find('h2').text()).toBe('Stille Hoek (stil)');
    const rows = section.find('table.details tbody tr');
    expect(rows).toHaveLength(6);
    expect(rows.eq(1).find('th').text()).toBe('Agenda');
    expect(rows.eq(1).find('td').eq(1).text()).toBe('1 in de komende 30 dagen, 5 in de komende 90 dagen; herhalende activiteiten bijgewerkt 0/1');
    expect(rows.eq(1).find('td li').first().text()).toMatch(/^1 van de 1 terugkerende activiteiten/);
    expect(section.find('.note').text()).toContain('2 fouten in de inhoud');
  });

  it('shows content from editors as text, never as markup', () => {
    expect($('script')).toHaveLength(0);
    expect($('img')).toHaveLength(0);
    expect($('[onerror]')).toHaveLength(0);
    expect($('table.overview tbody tr').eq(2).find('th a').text()).toBe(HOSTILE);
    expect($('#buurt-vreemd h2').text()).toBe(`${HOSTILE} (vreemd)`);
    expect($('#buurt-vreemd').text()).toContain(`(Feest ${HOSTILE})`);
  });

  it('needs no JavaScript and loads nothing from elsewhere', async () => {
    const source = await readFile(htmlFile, 'utf8');
    expect($('script, link, iframe, object, embed, img')).toHaveLength(0);
    expect($('[style]')).toHaveLength(0);
    expect(source).not.toMatch(/https?:\/\//);
    expect(source).not.toMatch(/url\(/);
  });

  it('is valid HTML', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    const report = await validator.validateString(await readFile(htmlFile, 'utf8'));
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    expect(messages).toEqual([]);
  });
});
