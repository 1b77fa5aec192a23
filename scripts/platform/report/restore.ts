/**
 * `buurt restore`: puts one buurt's folder back to an earlier state as ONE new commit. Files added since are
 * removed, files deleted since come back, changed files get their earlier content; no other buurt and no file
 * outside the folder is touched (the commit is limited to the folder's path). Nothing is rewritten: the
 * history before the restore stays, so a restore can itself be undone with another restore.
 */
import { DATE_PATTERN, DATE_TIME_PATTERN, addDays, fromWallClock, isValidDate, isValidDateTime, parseWallClock } from '../../../src/dates/dates.ts';
import { diffNames, git, GitError, resolveCommit, status, type Commit } from '../../../src/core/git.ts';
import { buurtCommits, buurtPath, formatLocalDateTime, requireBuurtRepository, type BuurtRepository } from './history.ts';
import { PlatformError } from '../../../src/core/errors.ts';

/** Why a restore cannot go ahead; `code` names the reason for tests and `--json` consumers. */
export class RestoreError extends PlatformError {
  readonly code: 'dirty' | 'unknown-target' | 'no-earlier-state' | 'missing-at-target' | 'commit-failed';
  constructor(code: RestoreError['code'], message: string) {
    super(message, { kind: 'state' });
    this.name = 'RestoreError';
    this.code = code;
  }
}

/** What happens to one file: it comes back, is removed, or gets its earlier content. */
export type RestoreAction = 'restore' | 'remove' | 'revert';

export interface RestoreChange {
  action: RestoreAction;
  /** Path inside the buurt as editors know it ("nieuws/buurtfeest.md"). */
  path: string;
  /** Path in the repository ("sites/oost/content/nieuws/buurtfeest.md"). */
  repoPath: string;
}

export interface RestorePlan {
  slug: string;
  repository: BuurtRepository;
  /** What was asked for: "2026-03-01" or a commit. */
  requested: string;
  /** The commit whose state of the folder comes back. */
  target: { commit: string; date: string; localDate: string; subject: string };
  /** The commit the restore goes on top of. */
  head: string;
  changes: RestoreChange[];
}

/**
 * The moment a `--to` date stands for: a date alone is the end of that day in Amsterdam ("how it was on
 * 1 March"), a date and time the end of that minute.
 */
export function endOfRequested(value: string): Date {
  const wall = parseWallClock(value);
  if (DATE_PATTERN.test(value)) return new Date(fromWallClock({ ...addDays(wall, 1), hour: 0, minute: 0 }).getTime() - 1);
  return new Date(fromWallClock(wall).getTime() + 59_999);
}

function isDateLike(value: string): boolean {
  return DATE_PATTERN.test(value) || DATE_TIME_PATTERN.test(value);
}

async function findTarget(repository: BuurtRepository, slug: string, to: string): Promise<Commit | { hash: string; date: Date; subject: string }> {
  if (isDateLike(to)) {
    if (!isValidDate(to) && !isValidDateTime(to)) {
      throw new RestoreError('unknown-target', `"${to}" is not a real date; write it as 2026-03-01 or 2026-03-01T10:00 (Amsterdam time).`);
    }
    const moment = endOfRequested(to);
    const commits = await buurtCommits(repository);
    const target = commits.find((c) => c.date.getTime() <= moment.getTime());
    if (!target) {
      const first = commits[commits.length - 1];
      throw new RestoreError(
        'no-earlier-state',
        first
          ? `${repository.folder} has no commit at or before ${to}; its first commit is of ${formatLocalDateTime(first.date)}. Choose a later date.`
          : `${repository.folder} has no commits yet, so there is nothing to restore.`,
      );
    }
    return target;
  }
  const hash = await resolveCommit(repository.root, to);
  if (!hash) {
    throw new RestoreError(
      'unknown-target',
      `"${to}" is neither a date (2026-03-01 or 2026-03-01T10:00, Amsterdam time) nor a commit in this repository. "buurt history ${slug}" lists the commits of this buurt.`,
    );
  }
  try {
    await git(repository.root, ['cat-file', '-e', `${hash}:${repository.folder}`]);
  } catch {
    throw new RestoreError(
      'missing-at-target',
      `${repository.folder} did not exist at commit ${hash.slice(0, 7)}; choose a commit from "buurt history ${slug}".`,
    );
  }
  const [time, subject] = (await git(repository.root, ['show', '-s', '--format=%ct%x1f%s', hash])).trim().split('\x1f');
  return { hash, date: new Date(Number(time) * 1000), subject: subject ?? '' };
}

/** Refuses when the buurt's folder has uncommitted changes, which a restore would overwrite. */
async function assertClean(repository: BuurtRepository, slug: string): Promise<void> {
  const dirty = await status(repository.root, [repository.folder]);
  if (!dirty.length) return;
  const shown = dirty.slice(0, 10).map((e) => `  ${e.code.replace(' ', '.')} ${buurtPath(repository, e.path)}`);
  if (dirty.length > 10) shown.push(`  … and ${dirty.length - 10} more`);
  throw new RestoreError(
    'dirty',
    `${repository.folder} has changes that are not committed:\n${shown.join('\n')}\n` +
      `A restore would overwrite them. Commit them first (then a restore can still undo them), or discard them with ` +
      `"git restore --staged --worktree -- ${repository.folder}" and "git clean" for new files. Nothing was changed; run "buurt restore ${slug}" again afterwards.`,
  );
}

/**
 * Works out what restoring `slug` to `to` (a date "2026-03-01", a date and time "2026-03-01T10:00", or a
 * commit) would change, without changing anything. Throws `RestoreError` when it cannot be done.
 */
export async function planRestore(slug: string, to: string): Promise<RestorePlan> {
  const repository = await requireBuurtRepository(slug);
  const request = to.trim();
  const target = await findTarget(repository, slug, request);
  await assertClean(repository, slug);
  const head = (await git(repository.root, ['rev-parse', 'HEAD'])).trim();
  const diff = await diffNames(repository.root, head, target.hash, [repository.folder]);
  const actions = { added: 'restore', deleted: 'remove', modified: 'revert', renamed: 'revert' } as const;
  return {
    slug,
    repository,
    requested: request,
    target: { commit: target.hash, date: target.date.toISOString(), localDate: formatLocalDateTime(target.date), subject: target.subject },
    head,
    changes: diff.map((change) => ({ action: actions[change.status], path: buurtPath(repository, change.path), repoPath: change.path })),
  };
}

/** The commit message of a restore: what was restored, from when and from which commit. */
export function restoreMessage(plan: RestorePlan): { subject: string; body: string } {
  const counts = (['restore', 'remove', 'revert'] as const).map((a) => plan.changes.filter((c) => c.action === a).length);
  return {
    subject: `Restore ${plan.repository.folder} to its state of ${plan.target.localDate}`,
    body:
      `Restored with "buurt restore ${plan.slug} --to ${plan.requested}" from commit ${plan.target.commit}\n` +
      `("${plan.target.subject}", ${plan.target.localDate} Amsterdam time).\n` +
      `${plan.changes.length} ${plan.changes.length === 1 ? 'file' : 'files'}: ${counts[0]} brought back, ${counts[1]} removed, ${counts[2]} reverted.`,
  };
}

/**
 * Carries out a plan as one new commit limited to the buurt's folder and returns its hash. When the commit
 * fails (no git identity, a hook refused), the folder is put back as it was and nothing is committed.
 */
export async function applyRestore(plan: RestorePlan, options: { env?: Record<string, string | undefined> } = {}): Promise<string> {
  const { root, folder } = plan.repository;
  await assertClean(plan.repository, plan.slug);
  const head = (await git(root, ['rev-parse', 'HEAD'])).trim();
  if (head !== plan.head) {
    throw new RestoreError(
      'dirty',
      `The repository moved on (HEAD is now ${head.slice(0, 7)}, was ${plan.head.slice(0, 7)}) while the restore was being confirmed. Nothing was changed; run "buurt restore ${plan.slug}" again.`,
    );
  }
  if (!plan.changes.length) return head;
  await git(root, ['restore', `--source=${plan.target.commit}`, '--staged', '--worktree', '--', folder]);
  const message = restoreMessage(plan);
  try {
    await git(root, ['commit', '--only', '--quiet', '-m', message.subject, '-m', message.body, '--', folder], options.env ? { env: options.env } : {});
  } catch (error) {
    await git(root, ['restore', '--source=HEAD', '--staged', '--worktree', '--', folder]);
    const reason = error instanceof GitError ? error.stderr.trim() || error.message : String(error);
    throw new RestoreError('commit-failed', `The restore could not be committed: ${reason}\n${folder} was put back as it was; nothing was committed.`);
  }
  return (await git(root, ['rev-parse', 'HEAD'])).trim();
}
