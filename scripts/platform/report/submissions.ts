/**
 * The report's participation measure: residents' submissions (through /meedoen/) received and published, counted
 * from the repository's history alone (no tracking, no Blobs, nothing about who sent them).
 *
 * - **Received**: a commit carrying the `Buurt-Inzending` trailer (SUBMISSION_TRAILER, written by the function
 *   that makes the draft on a `cms/<collection>/<slug>` branch) that adds an entry file under the buurt's
 *   `content/`, on any branch (`git log --all`: open drafts, and drafts already merged). A rejected draft is a
 *   deleted branch: once git has collected its commit it is no longer counted.
 * - **Published**: that entry file reaching the branch the site is built from (HEAD) or the local CMS branch
 *   (`buurt-cms/<slug>`, where `npm start` publishes), at the first commit on that branch's first-parent line
 *   that added it (the merge commit of a publish; for a fast-forward, the submission's own commit).
 */
import { git, hasCommits, LOG_FORMAT, parseLog, resolveCommit } from '../../../src/core/git.ts';
import { cmsBranch } from '../local-cms/local-repo.ts';
import { SUBMISSION_TRAILER } from '../../../src/participation/drafts.ts';
import type { BuurtRepository } from './history.ts';
import { lastMonths, monthLabel } from './series.ts';
import { toWallClock } from '../../../src/dates/dates.ts';

/** One resident's submission as the history shows it. */
export interface SubmissionFact {
  /** The commit that brought it in (on its draft branch). */
  commit: string;
  /** The form it came from (the trailer's value): "activiteit", "nieuwtje", "prikbord". */
  form: string;
  /** The entry file inside the buurt's folder: "content/agenda/soep-en-praatje.md". */
  file: string;
  received: Date;
  /** When the entry first reached the published branch; null while it has not (a draft, or rejected). */
  published: Date | null;
}

/** Received and published submissions per month (Amsterdam), oldest first. */
export interface SubmissionSeries {
  /** "2026-03" keys, the last 12 months ending with the current one. */
  months: string[];
  /** Submissions received in each month. */
  received: number[];
  /** Submissions published in each month (whenever they were received). */
  published: number[];
}

/**
 * The submissions of a buurt received up to `now` (newest first), each with when it was published (null when
 * not yet at `now`).
 */
export async function readSubmissions(repository: BuurtRepository, slug: string, now: Date): Promise<SubmissionFact[]> {
  if (!(await hasCommits(repository.root))) return [];
  const content = `${repository.folder}/content/`;
  // parseLog reads the fifth field as the subject; here it holds the trailer's value(s).
  const format = LOG_FORMAT.replace('%s', `%(trailers:key=${SUBMISSION_TRAILER},valueonly,separator=%x2C)`);
  const received = parseLog(
    await git(repository.root, [
      'log',
      '--all',
      '--no-merges',
      `--grep=${SUBMISSION_TRAILER}:`,
      '-z',
      '--name-status',
      '--no-renames',
      '--diff-filter=A',
      `--format=${format}`,
      '--',
      content,
    ]),
  );
  const facts: SubmissionFact[] = [];
  for (const commit of received) {
    const form = commit.subject.split(',')[0]!.trim();
    const entry = commit.files.find((f) => f.status === 'added' && f.path.startsWith(content) && f.path.endsWith('.md'));
    if (!form || !entry || commit.date.getTime() > now.getTime()) continue;
    facts.push({ commit: commit.hash, form, file: entry.path.slice(repository.folder.length + 1), received: commit.date, published: null });
  }
  if (!facts.length) return facts;

  const refs = ['HEAD'];
  const local = `refs/heads/${cmsBranch(slug)}`;
  if (await resolveCommit(repository.root, local)) refs.push(local);
  const arrived = new Map<string, Date>();
  for (const ref of refs) {
    // Merges included, each compared with its first parent: a publish shows as the merge adding the file.
    const commits = parseLog(
      await git(repository.root, [
        'log',
        '--first-parent',
        '--diff-merges=first-parent',
        '-z',
        '--name-status',
        '--no-renames',
        '--diff-filter=A',
        `--format=${LOG_FORMAT}`,
        ref,
        '--',
        content,
      ]),
    );
    for (const commit of commits) {
      for (const file of commit.files) {
        const key = file.path.slice(repository.folder.length + 1);
        const known = arrived.get(key);
        if (commit.date.getTime() <= now.getTime() && (!known || commit.date < known)) arrived.set(key, commit.date);
      }
    }
  }
  for (const fact of facts) fact.published = arrived.get(fact.file) ?? null;
  return facts;
}

function monthKey(instant: Date): string {
  const w = toWallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

/** Received and published per month over the last 12 months at `now`. */
export function submissionSeries(facts: readonly SubmissionFact[], now: Date): SubmissionSeries {
  const months = lastMonths(now);
  const index = new Map(months.map((m, i) => [m, i]));
  const received = months.map(() => 0);
  const published = months.map(() => 0);
  for (const fact of facts) {
    const r = index.get(monthKey(fact.received));
    if (r !== undefined) received[r]!++;
    const p = fact.published ? index.get(monthKey(fact.published)) : undefined;
    if (p !== undefined) published[p]!++;
  }
  return { months, received, published };
}

/** Received and published within the `days` before `now`. */
export function submissionsWithin(facts: readonly SubmissionFact[], now: Date, days: number): { received: number; published: number } {
  const since = now.getTime() - days * 86_400_000;
  return {
    received: facts.filter((f) => f.received.getTime() >= since).length,
    published: facts.filter((f) => f.published && f.published.getTime() >= since).length,
  };
}

/** The months of a series with a submission received or published, newest first, as Dutch labels ("november 2026"). */
export function activeSubmissionMonths(series: SubmissionSeries): { month: string; received: number; published: number }[] {
  return series.months
    .map((key, i) => ({ month: monthLabel(key), received: series.received[i]!, published: series.published[i]! }))
    .filter((m) => m.received > 0 || m.published > 0)
    .reverse();
}

/** "Inzendingen van bewoners (ontvangen / gepubliceerd): november 2026: 3 / 2; oktober 2026: 1 / 1." */
export function formatSubmissionMonths(series: SubmissionSeries): string {
  const months = activeSubmissionMonths(series);
  if (!months.length) return 'Inzendingen van bewoners: geen in de afgelopen 12 maanden.';
  return `Inzendingen van bewoners (ontvangen / gepubliceerd): ${months.map((m) => `${m.month}: ${m.received} / ${m.published}`).join('; ')}.`;
}
