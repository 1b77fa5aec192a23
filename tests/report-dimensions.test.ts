/**
 * The maturity report on fixture buurten with known content and git history (tests/helpers/report-buurten.ts),
 * measured at a pinned "now": exact figures and levels for every dimension.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { localGitDrafts, SUBMISSION_TRAILER } from '../src/participation/drafts.ts';
import { renderBuurtReportPage } from '../scripts/platform/report/buurt-page.ts';
import { reportBuurt, type BuurtReport, type DimensionReport } from '../scripts/platform/report/index.ts';
import { formatReport } from '../scripts/commands/report.ts';
import type { DimensionId } from '../scripts/platform/report/measures.ts';
import { baseSiteYaml, createWorkspace, markdown } from './helpers/fixtures.ts';
import { cleanGitEnv, createGitWorkspace, type GitWorkspace } from './helpers/git-fixture.ts';
import { commitBloeiend, commitStil, people, REPORT_NOW } from './helpers/report-buurten.ts';

let ws: GitWorkspace;
let bloeiend: BuurtReport;
let stil: BuurtReport;

const dimension = (report: BuurtReport, id: DimensionId): DimensionReport => report.dimensions.find((d) => d.id === id)!;
const levels = (report: BuurtReport) => Object.fromEntries(report.dimensions.map((d) => [d.id, d.level]));
const measures = (d: DimensionReport) => Object.fromEntries(d.measures.map((m) => [m.key, [m.value, m.level]]));

beforeAll(async () => {
  ws = await createGitWorkspace();
  await commitBloeiend(ws);
  await commitStil(ws);
  // "Now" comes from BUURT_NOW through buildNow(), as for the CLI.
  process.env.BUURT_NOW = REPORT_NOW;
  [bloeiend, stil] = await Promise.all([reportBuurt('bloeiend'), reportBuurt('stil')]);
});

afterAll(async () => {
  delete process.env.BUURT_NOW;
  await ws?.dispose();
});

describe('a thriving buurt', () => {
  it('is level 5 on every dimension and overall', () => {
    expect(bloeiend.now).toBe('2026-03-01T11:00:00.000Z');
    expect(bloeiend.name).toBe('Bloeiende Buurt');
    expect(levels(bloeiend)).toEqual({ actualiteit: 5, agenda: 5, betrokkenheid: 5, verbinding: 5, vindbaarheid: 5, toegankelijkheid: 5 });
    expect([bloeiend.level, bloeiend.levelLabel]).toEqual([5, 'bloeiend']);
  });

  it('shows the figures behind the levels', () => {
    expect(dimension(bloeiend, 'actualiteit').figures).toEqual({
      publishedNews: 26,
      lastNewsDate: '2026-02-27',
      daysSinceLastNews: 2,
      newsInLastHalfYear: 26,
      newsPerMonth: 4.33,
    });
    // Koffieochtend every Tuesday (5 in March up to the 31st at 10:00), Jeu de boules every Thursday (4).
    expect(dimension(bloeiend, 'agenda').figures).toMatchObject({
      activitiesNext30Days: 9,
      activitiesNext90Days: 26,
      recurringRunning: 2,
      recurringUpToDate: 2,
      recurringUpToDateShare: 1,
    });
    expect(dimension(bloeiend, 'betrokkenheid').figures).toEqual({
      editors: 5,
      editorNames: ['Anna de Vries', 'Bram Bakker', 'Cor Jansen', 'Dina El Amrani', 'Eef Smit'],
      organisations: ['Bibliotheek', 'Buurtzorg', 'Wijkteam Oost'],
      groupsWithActivities: ['jeu-de-boules', 'koffieclub', 'moestuin'],
      contributors: 6,
      submissionsReceived: 0,
      submissionsPublished: 0,
      takesSubmissions: false,
    });
    expect(dimension(bloeiend, 'verbinding').figures).toMatchObject({ groups: 3, reachableGroups: 3, helpers: 4, helpTopics: 11 });
    expect(dimension(bloeiend, 'vindbaarheid').figures).toMatchObject({
      items: 32,
      incompleteItems: 0,
      imagesWithoutAlt: 0,
      brokenLinks: 0,
      pages: 9,
      untouchedPages: 0,
    });
    expect(dimension(bloeiend, 'toegankelijkheid').summary).toBe('audit van 2026-02-20 (6 pagina’s): 0 axe-fouten, Lighthouse-toegankelijkheid 100');
    expect(dimension(bloeiend, 'toegankelijkheid').figures).toMatchObject({ auditAgeDays: 9, auditStale: false, lighthousePerformance: 98 });
  });

  it('gives one tip to keep it up per thriving dimension', () => {
    for (const d of bloeiend.dimensions) expect(d.tips).toHaveLength(1);
    expect(dimension(bloeiend, 'actualiteit').tips[0]).toMatch(/^Het nieuws is actueel\./);
  });

  it('counts news and activities per month over the last 12 months', () => {
    expect(bloeiend.history.months).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    // A weekly item on Fridays from 5 September 2025 to 27 February 2026.
    expect(bloeiend.history.news).toEqual([0, 0, 0, 0, 0, 4, 5, 4, 4, 5, 4, 0]);
  });
});

describe('a quiet buurt', () => {
  it('gets exact levels per dimension', () => {
    expect(levels(stil)).toEqual({ actualiteit: 2, agenda: 2, betrokkenheid: 2, verbinding: 3, vindbaarheid: 2, toegankelijkheid: null });
    // (2 + 2 + 2 + 3 + 2) / 5 = 2.2, rounded down; the missing audit does not count.
    expect([stil.level, stil.levelLabel]).toEqual([2, 'groeiend']);
    expect(stil.contentErrors).toBe(2);
  });

  it('actualiteit: days since the last published news item and news per month', () => {
    const d = dimension(stil, 'actualiteit');
    // Drafts and an item scheduled after "now" do not count; 2025-06-01 is older than half a year.
    expect(d.figures).toEqual({ publishedNews: 4, lastNewsDate: '2026-02-09', daysSinceLastNews: 20, newsInLastHalfYear: 3, newsPerMonth: 0.5 });
    expect(measures(d)).toEqual({ daysSinceLastNews: [20, 3], newsPerMonth: [0.5, 2] });
    expect(d.summary).toBe('laatste nieuws 20 dagen geleden (2026-02-09); 0,5 berichten per maand in het afgelopen halfjaar');
    expect(d.tips).toEqual([
      'In het afgelopen halfjaar verscheen gemiddeld 0,5 berichten per maand. Maak een vaste rubriek, zoals ‘Buurtgenoot van de maand’, en vraag de groepen om hun nieuws in te sturen.',
      'Het laatste nieuwsbericht is 20 dagen oud. Plaats elke week iets kleins: een verslag met foto van een activiteit, een vooraankondiging of een oproep.',
    ]);
  });

  it('agenda: occurrences ahead and recurring activities kept up to date', () => {
    const d = dimension(stil, 'agenda');
    // Repaircafé on the first Saturday (7 March, 4 April, 2 May), Paaseieren on 5 April, the meeting on 15 April;
    // the cancelled Yoga and the Breiclub that ended in January do not count.
    expect(d.figures).toEqual({
      activities: 4,
      activitiesNext30Days: 1,
      activitiesNext90Days: 5,
      recurringRunning: 1,
      recurringUpToDate: 0,
      recurringUpToDateShare: 0,
      recurringNotUpToDate: ['Repaircafé'],
    });
    expect(measures(d)).toEqual({ activitiesNext30Days: [1, 2], activitiesNext90Days: [5, 3], recurringUpToDateShare: [0, 1] });
    expect(d.tips[0]).toBe(
      '1 van de 1 terugkerende activiteiten is al een halfjaar niet bijgewerkt en heeft geen einddatum (Repaircafé). Vraag na of die nog doorgaat en vul ‘herhalen tot en met’ in.',
    );
  });

  it('betrokkenheid: editors of this buurt in the last 90 days, organisations and active groups', () => {
    const d = dimension(stil, 'betrokkenheid');
    // Anna's commit of 1 December 09:00 is just outside the 90 days; Cor's commit after "now" is ignored;
    // "Wijkteam Stil" and "wijkteam stil" are one organisation; the meeting's unknown group is no group.
    expect(d.figures).toEqual({
      editors: 1,
      editorNames: ['Anna de Vries'],
      organisations: ['wijkteam stil'],
      groupsWithActivities: ['repaircafe'],
      contributors: 2,
      submissionsReceived: 0,
      submissionsPublished: 0,
      takesSubmissions: false,
    });
    expect(measures(d)).toEqual({ editors: [1, 2], contributors: [2, 3] });
  });

  it('verbinding: reachable groups and topics of buurtverbinders and professionals', () => {
    const d = dimension(stil, 'verbinding');
    // The draft group is left out; the volunteer's topic "tuin" is not a help topic.
    expect(d.figures).toEqual({
      groups: 2,
      reachableGroups: 1,
      reachableGroupsShare: 0.5,
      unreachableGroups: ['Tuinclub'],
      helpers: 2,
      helpTopics: 3,
      topics: ['eenzaamheid', 'geldzaken', 'klussen'],
    });
    expect(d.tips[0]).toBe(
      '1 van de 2 groepen heeft geen e-mailadres, telefoonnummer of website (Tuinclub). Vraag hen hoe bewoners contact kunnen opnemen, en zet dat erbij.',
    );
  });

  it('vindbaarheid en kwaliteit: incomplete items, alt texts, broken links, untouched pages', () => {
    const d = dimension(stil, 'vindbaarheid');
    expect(d.figures).toEqual({
      items: 11,
      itemsWithoutPhoto: 9,
      itemsWithWeakSummary: 1,
      incompleteItems: 9,
      incompleteShare: 0.82,
      // alt "foto" on the Repaircafé photo, and an image without alt text in over-de-buurt.md.
      imagesWithoutAlt: 2,
      // The meeting's group "bestaat-niet", as `buurt check` reports it.
      brokenLinks: 1,
      pages: 7,
      untouchedPages: 3,
      untouchedShare: 0.43,
      untouchedFiles: ['content/groepen/tuinclub.md', 'content/mensen/kees.md', 'content/paginas/welkom.md'],
    });
    expect(measures(d)).toEqual({ incompleteShare: [0.82, 1], imagesWithoutAlt: [2, 3], brokenLinks: [1, 4], untouchedShare: [0.43, 3] });
    expect(d.tips).toHaveLength(2);
  });

  it('toegankelijkheid: says "nog geen audit" without an audit summary', () => {
    const d = dimension(stil, 'toegankelijkheid');
    expect([d.level, d.levelLabel, d.summary]).toEqual([null, 'nog geen audit', 'nog geen audit']);
    expect(d.tips[0]).toMatch(/^Er is nog geen toegankelijkheidscontrole gedaan\./);
  });

  it('counts recurring activities once per date in the monthly history', () => {
    expect(stil.history.news).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0]);
    // Repaircafé monthly from July; Breiclub weekly from 15 October to 31 January; the cancelled Yoga not at all.
    expect(stil.history.activities).toEqual([0, 0, 0, 1, 1, 1, 4, 5, 6, 5, 1, 1]);
  });
});

describe('without git or with a broken audit', () => {
  it('leaves editors and untouched pages unknown when the sites folder is not in git', async () => {
    const plain = await createWorkspace();
    try {
      await plain.writeBuurt('los', {
        'site.yaml': stringify({ ...baseSiteYaml, name: 'Losse Buurt' }),
        'content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Een samenvatting die lang genoeg is om iets te zeggen.' }),
      });
      const report = await reportBuurt('los', { now: new Date('2026-03-01T11:00:00Z') });
      expect(report.git).toBe(false);
      const betrokkenheid = dimension(report, 'betrokkenheid');
      expect(betrokkenheid.figures.editors).toBeNull();
      expect(betrokkenheid.measures.map((m) => m.key)).toEqual(['contributors']);
      expect(betrokkenheid.summary).toBe('redacteuren onbekend (geen git-geschiedenis); 0 bijdragend (0 organisaties, 0 groepen met activiteiten)');
      expect(dimension(report, 'vindbaarheid').figures).toMatchObject({ untouchedPages: null, untouchedShare: null, pages: 1 });
      expect(levels(report)).toEqual({ actualiteit: 1, agenda: 1, betrokkenheid: 1, verbinding: 1, vindbaarheid: 5, toegankelijkheid: null });
    } finally {
      await plain.dispose();
      // dispose() clears the BUURT_* variables; point them back at the git workspace.
      Object.assign(process.env, ws.env);
    }
  });

  it('says the audit summary cannot be read, and why', async () => {
    const file = path.join(ws.cacheDir, 'stil', 'audit', 'summary.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ date: 'gisteren', pages: 6, axeViolations: 0, lighthouse: {} }));
    try {
      const d = dimension(await reportBuurt('stil'), 'toegankelijkheid');
      expect([d.level, d.levelLabel]).toEqual([null, 'audit onleesbaar']);
      expect(d.summary).toMatch(/^de samenvatting van de audit is niet te lezen: date: .*; lighthouse\.accessibility: /);
    } finally {
      await writeFile(file, JSON.stringify({ date: '2025-10-01T09:00:00+02:00', pages: 6, axeViolations: 3, lighthouse: { accessibility: 85 } }));
    }
    // An older audit with problems: axe 3 → level 3, accessibility 85 → level 3, and a tip to run it again.
    const d = dimension(await reportBuurt('stil'), 'toegankelijkheid');
    expect(d.level).toBe(3);
    expect(d.figures).toMatchObject({ auditAgeDays: 151, auditStale: true, axeViolations: 3, lighthouseAccessibility: 85 });
    expect(d.tips).toEqual([
      'De laatste toegankelijkheidscontrole is 151 dagen oud. Vraag de beheerders om een nieuwe, want de site verandert elke week.',
      'De laatste toegankelijkheidscontrole vond 3 problemen. Vraag de beheerders welke; vaak gaat het om een foto zonder beschrijving of een link zonder duidelijke tekst.',
    ]);
  });
});

describe('residents’ submissions', () => {
  it('are counted from every branch, published or not, and a submission’s commit is no editor', async () => {
    await ws.commit({
      at: '2026-01-20T10:00',
      author: people.anna,
      message: 'Nieuwe buurt Meedoenwijk',
      write: {
        'meedoen/site.yaml': stringify({ ...baseSiteYaml, name: 'Meedoenwijk', participation: { forms: ['activiteit', 'nieuwtje'] } }),
        'meedoen/content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Een samenvatting die lang genoeg is om iets te zeggen.' }),
      },
    });
    // Two drafts as the /meedoen/ function writes them (by the platform, with the trailer): one published by a
    // merge, one still on the review board.
    const drafts = localGitDrafts({
      repoDir: ws.root,
      buurt: 'meedoen',
      baseBranch: 'main',
      author: { name: 'Buurtsite', email: 'inzending@example.invalid' },
    });
    const draft = async (at: string, collection: string, slug: string, form: string) => {
      Object.assign(process.env, { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at });
      try {
        return await drafts.createDraft({
          collection,
          slug,
          files: [
            { path: `sites/meedoen/content/${collection}/${slug}.md`, content: Buffer.from(markdown({ title: slug, date: '2026-02-10', summary: 'Kort.' })) },
          ],
          commitMessage: `Inzending ${slug}\n\n${SUBMISSION_TRAILER}: ${form}`,
        });
      } finally {
        delete process.env.GIT_AUTHOR_DATE;
        delete process.env.GIT_COMMITTER_DATE;
      }
    };
    const tip = await draft('2026-02-10T10:00:00+01:00', 'nieuws', 'bankjes', 'nieuwtje');
    await draft('2026-02-20T10:00:00+01:00', 'agenda', 'breicafe', 'activiteit');
    const publishedAt = '2026-02-12T10:00:00+01:00';
    execFileSync('git', ['merge', '-q', '--no-ff', '-m', 'Publiceren', tip.branch], {
      cwd: ws.root,
      env: cleanGitEnv({ GIT_AUTHOR_DATE: publishedAt, GIT_COMMITTER_DATE: publishedAt }),
    });
    ws.git('branch', '-q', '-D', tip.branch);

    const report = await reportBuurt('meedoen');
    const d = dimension(report, 'betrokkenheid');
    // Only Anna: the platform's draft commits are no editor's (and merges are not counted).
    expect(d.figures).toMatchObject({ editors: 1, submissionsReceived: 2, submissionsPublished: 1, takesSubmissions: true });
    expect(d.figures.editorNames).not.toContain('Buurtsite');
    expect(d.summary).toBe(
      '1 redacteur in de afgelopen 90 dagen; 0 bijdragend (0 organisaties, 0 groepen met activiteiten); inzendingen van bewoners: 2 ontvangen / 1 gepubliceerd in de afgelopen 90 dagen',
    );
    expect([report.submissions!.months.at(-2), report.submissions!.received.at(-2), report.submissions!.published.at(-2)]).toEqual(['2026-02', 2, 1]);
    const page = cheerio.load(renderBuurtReportPage(report));
    expect(
      page('h2:contains("Inzendingen van bewoners") + p + table tbody tr')
        .toArray()
        .map((tr) => page(tr).text()),
    ).toEqual(['februari 202621']);
    expect(formatReport(report)).toContain('Inzendingen van bewoners (ontvangen / gepubliceerd): februari 2026: 2 / 1.');
  });
});
