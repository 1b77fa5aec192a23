import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo, type TestRepo } from '../../../tests/helpers/git-repo.ts';
import { cmsBranch } from '../local-cms/local-repo.ts';
import { localGitDrafts, SUBMISSION_TRAILER } from '../../../src/participation/drafts.ts';
import { readSubmissions, submissionSeries, submissionsWithin, formatSubmissionMonths } from './submissions.ts';

const EDITOR = { name: 'Anna', email: 'anna@example.org' };
const PLATFORM = { name: 'Buurtsite (inzending)', email: 'inzending@example.invalid' };
/** Measured at the end of October 2026 (Amsterdam). */
const NOW = new Date('2026-10-31T11:00:00Z');

let repo: TestRepo;

/** Runs `step` with git's clock at `iso`, for the commits it makes. */
async function at<T>(iso: string, step: () => T | Promise<T>): Promise<T> {
  Object.assign(process.env, { GIT_AUTHOR_DATE: iso, GIT_COMMITTER_DATE: iso });
  try {
    return await step();
  } finally {
    delete process.env.GIT_AUTHOR_DATE;
    delete process.env.GIT_COMMITTER_DATE;
  }
}

/** A resident's draft made by the real draft writer, as the /meedoen/ function makes it. */
function submit(buurt: string, baseBranch: string, collection: string, slug: string, form: string) {
  return localGitDrafts({ repoDir: repo.dir, buurt, baseBranch, author: PLATFORM }).createDraft({
    collection,
    slug,
    files: [{ path: `sites/${buurt}/content/${collection}/${slug}.md`, content: Buffer.from(`---\ntitle: ${slug}\n---\n`) }],
    commitMessage: `Inzending “${slug}”\n\n${SUBMISSION_TRAILER}: ${form}`,
  });
}

beforeAll(async () => {
  repo = await createTestRepo();
  // Who merges (the local CMS backend publishing).
  repo.git('config', 'user.name', EDITOR.name);
  repo.git('config', 'user.email', EDITOR.email);
  await repo.write({ 'sites/oost/site.yaml': 'name: Oost\n', 'sites/west/site.yaml': 'name: West\n' });
  await at('2026-08-01T10:00:00Z', () => repo.commit('Fixture', EDITOR));
  repo.git('branch', cmsBranch('oost'));

  // Received in September, published on the local CMS branch in October by a merge (the branch had moved on).
  const concert = await at('2026-09-10T10:00:00Z', () => submit('oost', cmsBranch('oost'), 'agenda', 'concert', 'activiteit'));
  await repo.write({ 'sites/oost/content/nieuws/editor.md': '---\ntitle: x\n---\n' });
  repo.git('checkout', '-q', cmsBranch('oost'));
  await at('2026-09-20T10:00:00Z', () => repo.commit('An editor adds news without the trailer', EDITOR));
  await at('2026-10-02T10:00:00Z', () => repo.git('merge', '-q', '--no-ff', '-m', 'Publish concert', concert.branch));
  repo.git('branch', '-q', '-D', concert.branch);
  repo.git('checkout', '-q', 'main');

  // Received in October: one published on main (HEAD) by a fast-forward, one still a draft, one rejected.
  const tip = await at('2026-10-07T10:00:00Z', () => submit('oost', 'main', 'nieuws', 'bankjes', 'nieuwtje'));
  repo.git('merge', '-q', '--ff-only', tip.branch);
  repo.git('branch', '-q', '-d', tip.branch);
  await at('2026-10-05T10:00:00Z', () => submit('oost', 'main', 'agenda', 'breicafe', 'activiteit'));
  const rejected = await at('2026-10-06T10:00:00Z', () => submit('oost', 'main', 'prikbord', 'fiets', 'prikbord'));
  repo.git('branch', '-q', '-D', rejected.branch);

  // Another buurt's, and one after the moment measured.
  await at('2026-10-08T10:00:00Z', () => submit('west', 'main', 'agenda', 'markt', 'activiteit'));
  await at('2026-11-02T10:00:00Z', () => submit('oost', 'main', 'agenda', 'later', 'activiteit'));
});

afterAll(async () => {
  await repo?.dispose();
});

describe('residents’ submissions in the git history', () => {
  it('are received on any branch and published when their entry reaches HEAD or the local CMS branch', async () => {
    const facts = await readSubmissions({ root: repo.dir, folder: 'sites/oost' }, 'oost', NOW);
    const shown = facts
      .map((f) => ({ form: f.form, file: f.file, received: f.received.toISOString(), published: f.published?.toISOString() ?? null }))
      .sort((a, b) => a.received.localeCompare(b.received));
    expect(shown).toEqual([
      { form: 'activiteit', file: 'content/agenda/concert.md', received: '2026-09-10T10:00:00.000Z', published: '2026-10-02T10:00:00.000Z' },
      { form: 'activiteit', file: 'content/agenda/breicafe.md', received: '2026-10-05T10:00:00.000Z', published: null },
      { form: 'nieuwtje', file: 'content/nieuws/bankjes.md', received: '2026-10-07T10:00:00.000Z', published: '2026-10-07T10:00:00.000Z' },
    ]);
  });

  it('leave out what was published after the moment measured', async () => {
    const facts = await readSubmissions({ root: repo.dir, folder: 'sites/oost' }, 'oost', new Date('2026-10-01T12:00:00Z'));
    expect(facts.map((f) => [f.file, f.published])).toEqual([['content/agenda/concert.md', null]]);
  });

  it('are counted per month and over the last 90 days, in Dutch for the report', async () => {
    const facts = await readSubmissions({ root: repo.dir, folder: 'sites/oost' }, 'oost', NOW);
    const series = submissionSeries(facts, NOW);
    expect(series.months.slice(-3)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(series.received.slice(-3)).toEqual([0, 1, 2]);
    expect(series.published.slice(-3)).toEqual([0, 0, 2]);
    expect(series.received.slice(0, -3).every((n) => n === 0)).toBe(true);
    expect(submissionsWithin(facts, NOW, 30)).toEqual({ received: 2, published: 2 });
    expect(formatSubmissionMonths(series)).toBe('Inzendingen van bewoners (ontvangen / gepubliceerd): oktober 2026: 2 / 2; september 2026: 1 / 0.');
    expect(formatSubmissionMonths(submissionSeries([], NOW))).toBe('Inzendingen van bewoners: geen in de afgelopen 12 maanden.');
  });
});
