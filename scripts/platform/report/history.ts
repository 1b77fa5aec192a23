/**
 * A buurt's history from git: the commits that changed `sites/<slug>/`, who made them and what they changed.
 * The repository is found from the sites folder (`git rev-parse --show-toplevel`), so `BUURT_SITES_DIR` can
 * point at any checkout.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readLog, relativeToRoot, repositoryRoot, type Commit, type FileChange } from '../../../src/core/git.ts';
import { sitePaths, sitesDir } from '../../../src/core/paths.ts';
import { toWallClock } from '../../../src/dates/dates.ts';
import { PlatformError } from '../../../src/core/errors.ts';
import { readSubmissions, type SubmissionFact } from './submissions.ts';

/** The sites folder is not inside a git repository, or the buurt's folder does not exist. */
export class HistoryError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'environment' });
    this.name = 'HistoryError';
  }
}

/** Where a buurt lives in its git repository. */
export interface BuurtRepository {
  /** The repository's top folder. */
  root: string;
  /** The buurt's folder relative to the root, with forward slashes: "sites/oost". */
  folder: string;
}

/** The repository of a buurt, or undefined when the sites folder is not in a git repository. */
export async function findBuurtRepository(slug: string): Promise<BuurtRepository | undefined> {
  const { siteDir } = sitePaths(slug);
  const base = (await existingDir(siteDir)) ? siteDir : sitesDir();
  const root = await repositoryRoot(base);
  if (!root) return undefined;
  const folder = (await existingDir(siteDir)) ? await relativeToRoot(root, siteDir) : path.posix.join(await relativeToRoot(root, sitesDir()), slug);
  return { root, folder };
}

/** Like `findBuurtRepository`, but explains what is wrong instead of returning undefined. */
export async function requireBuurtRepository(slug: string): Promise<BuurtRepository> {
  const repository = await findBuurtRepository(slug);
  if (!repository) {
    throw new HistoryError(
      `The sites folder ${sitesDir()} is not inside a git repository, so ${slug} has no history. ` +
        'Run this in a clone of the platform repository (every CMS save is a git commit there).',
    );
  }
  return repository;
}

async function existingDir(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** The commits that changed a buurt's folder, newest first (optionally at most `limit`). */
export async function buurtCommits(repository: BuurtRepository, limit?: number): Promise<Commit[]> {
  return readLog(repository.root, { paths: [repository.folder], ...(limit === undefined ? {} : { limit }) });
}

/** A path inside the buurt's folder as editors know it: "nieuws/buurtfeest.md", "site.yaml", "media/tuin.jpg". */
export function buurtPath(repository: BuurtRepository, repoPath: string): string {
  const inFolder = repoPath.startsWith(`${repository.folder}/`) ? repoPath.slice(repository.folder.length + 1) : repoPath;
  return inFolder.startsWith('content/') ? inFolder.slice('content/'.length) : inFolder;
}

/** Dutch words for what happened to a file, as in "Nieuw: nieuws/buurtfeest.md". */
export const CHANGE_WORDS: Readonly<Record<FileChange['status'], string>> = {
  added: 'Nieuw',
  modified: 'Gewijzigd',
  deleted: 'Verwijderd',
  renamed: 'Hernoemd',
};

export interface HistoryChange {
  status: FileChange['status'];
  /** Path inside the buurt ("nieuws/buurtfeest.md"). */
  path: string;
  /** For a rename: the earlier path. */
  from?: string;
  /** "Nieuw: nieuws/buurtfeest.md", "Hernoemd: nieuws/a.md → nieuws/b.md". */
  text: string;
}

export interface HistoryEntry {
  commit: string;
  /** ISO 8601 instant the change entered the repository. */
  date: string;
  /** "2026-03-01 10:15", Amsterdam time. */
  localDate: string;
  /** The author's name as git recorded it (the editor in the CMS). Their e-mail address is never shown. */
  editor: string;
  subject: string;
  changes: HistoryChange[];
}

/** "2026-03-01 10:15" in Amsterdam time. */
export function formatLocalDateTime(instant: Date): string {
  const w = toWallClock(instant);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}

/** Turns a commit into a history entry with paths inside the buurt. */
export function toHistoryEntry(repository: BuurtRepository, commit: Commit): HistoryEntry {
  return {
    commit: commit.hash,
    date: commit.date.toISOString(),
    localDate: formatLocalDateTime(commit.date),
    editor: commit.authorName,
    subject: commit.subject,
    changes: commit.files.map((file) => {
      const to = buurtPath(repository, file.path);
      if (file.status === 'renamed' && file.from) {
        const from = buurtPath(repository, file.from);
        return { status: file.status, path: to, from, text: `${CHANGE_WORDS.renamed}: ${from} → ${to}` };
      }
      return { status: file.status, path: to, text: `${CHANGE_WORDS[file.status]}: ${to}` };
    }),
  };
}

/** The recent changes to a buurt's folder, newest first: `buurt history`. */
export async function readHistory(slug: string, options: { limit?: number } = {}): Promise<HistoryEntry[]> {
  const repository = await requireBuurtRepository(slug);
  const commits = await buurtCommits(repository, options.limit);
  return commits.map((commit) => toHistoryEntry(repository, commit));
}

/** What the report needs from git: commits up to `now` and when each current file last changed. */
export interface GitFacts {
  repository: BuurtRepository;
  /** Commits at or before `now`, newest first. */
  commits: Commit[];
  /** Last change of each file, keyed by its path inside the buurt's folder ("content/nieuws/x.md"). */
  lastChanged: Map<string, Date>;
  /** Residents' submissions received up to `now`, newest first (see submissions.ts). */
  submissions: SubmissionFact[];
}

/** Reads the git facts of a buurt as they were at `now`; undefined when there is no repository. */
export async function readGitFacts(slug: string, now: Date): Promise<GitFacts | undefined> {
  const repository = await findBuurtRepository(slug);
  if (!repository) return undefined;
  const commits = (await buurtCommits(repository)).filter((c) => c.date.getTime() <= now.getTime());
  const lastChanged = new Map<string, Date>();
  const prefix = `${repository.folder}/`;
  for (const commit of commits) {
    for (const file of commit.files) {
      if (file.status === 'deleted' || !file.path.startsWith(prefix)) continue;
      const key = file.path.slice(prefix.length);
      if (!lastChanged.has(key)) lastChanged.set(key, commit.date);
    }
  }
  return { repository, commits, lastChanged, submissions: await readSubmissions(repository, slug, now) };
}
