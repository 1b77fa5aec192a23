/**
 * `buurt guard`: checks every commit of a change (base..head) against the platform's rules, so one buurt's
 * editor can never change another buurt, the shared code or the deploy config, and no private e-mail address
 * enters the history.
 *
 * Rules, with the roster (maintainers, editors) read from the BASE commit so a change cannot grant itself
 * rights:
 * - the author of every commit (identified by author e-mail) is a maintainer or an editor of some buurt;
 *   the committer is a known person or the git host itself (web merges);
 * - an editor's commit touches only `sites/<slug>/` of their own buurt(s), both sides of a rename and
 *   deletions included, and never the protected keys of site.yaml (`editors`, `cms`, `domain`);
 * - only maintainers touch anything outside `sites/<slug>/` (code, templates, deploy config, CI, .buurt/);
 * - a buurt folder holds only markdown, YAML and raster images whose content matches their name, as regular
 *   files (no symlinks, submodules or executables), from anyone;
 * - author and committer addresses are no-reply or platform addresses (emails.ts).
 * Merge commits are checked for what they change themselves (conflict resolutions: the combined diff);
 * the commits they bring in are in the range and checked one by one.
 */
import { parse } from 'yaml';
import { buurtFileProblem, buurtOf, MODE_FILE } from './buurt-files.ts';
import { classifyEmail, emailAdvice, HOST_COMMITTER_EMAILS } from './emails.ts';
import { git, gitBuffer, resolveCommit, showFile } from './git.ts';
import { describeRoles, rolesOfEmail, rolesOfUsername, rosterAt, type Roles, type Roster } from './roster.ts';

/** Keys of site.yaml only maintainers may change: who edits, where the CMS saves, the site's address. */
export const PROTECTED_SITE_KEYS: readonly string[] = ['editors', 'cms', 'domain'];

export type ViolationCode =
  | 'unknown-author'
  | 'unknown-committer'
  | 'private-email'
  | 'outside-own-buurt'
  | 'shared-path'
  | 'file-type'
  | 'protected-setting'
  | 'unknown-actor'
  | 'actor-outside-own-buurt';

export interface Violation {
  code: ViolationCode;
  /** The repository path concerned, if any. */
  file?: string;
  message: string;
}

export interface FileChange {
  /** A (added), M (modified), D (deleted), R (renamed), C (copied), T (type changed). */
  status: string;
  path: string;
  /** For renames and copies: the old path. */
  from?: string;
  /** Mode and blob after the change ("000000" when deleted). */
  mode: string;
  blob: string;
}

export interface CommitReport {
  sha: string;
  parents: string[];
  subject: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
  /** "maintainer", "editor of oost", "unknown". */
  role: string;
  changes: FileChange[];
  violations: Violation[];
}

export interface GuardResult {
  base: string;
  head: string;
  commits: CommitReport[];
  /** Violations of the accounts given with --actor. */
  actorViolations: Violation[];
}

/** Thrown for a ref that names no commit. */
export class GuardRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardRefError';
  }
}

export interface GuardOptions {
  repoDir: string;
  base: string;
  head?: string;
  /** Accounts on the git host that made the change (the PR's author, the pusher): checked like authors. */
  actors?: readonly string[];
}

const ZERO = /^0+$/;

function parseRawChanges(output: string): FileChange[] {
  const fields = output.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const meta = fields[i++]!;
    if (!meta.startsWith(':')) continue;
    const [, newMode, , newBlob, statusField] = meta.slice(1).split(' ');
    const status = statusField!.charAt(0);
    if (status === 'R' || status === 'C') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      changes.push({ status, path: to, from, mode: newMode!, blob: newBlob! });
    } else {
      changes.push({ status, path: fields[i++]!, mode: newMode!, blob: newBlob! });
    }
  }
  return changes;
}

/** What a commit changes: for a merge, only what differs from every parent (its own resolutions). */
async function changesOf(repoDir: string, sha: string, parents: string[]): Promise<FileChange[]> {
  if (parents.length <= 1) {
    const args = ['diff-tree', '-r', '-M', '--raw', '-z', '--no-commit-id', ...(parents.length ? [] : ['--root']), sha];
    return parseRawChanges(await git(repoDir, args));
  }
  const paths = (await git(repoDir, ['diff-tree', '-r', '--cc', '--name-only', '-z', '--no-commit-id', sha])).split('\0').filter(Boolean);
  const changes: FileChange[] = [];
  for (const file of paths) {
    const entry = (await git(repoDir, ['ls-tree', '-z', sha, '--', file])).split('\0')[0] ?? '';
    const [mode, , blob] = entry.split(/\s+/);
    changes.push(mode && blob ? { status: 'M', path: file, mode, blob } : { status: 'D', path: file, mode: '000000', blob: '0'.repeat(40) });
  }
  return changes;
}

function protectedKeys(text: string | undefined): Record<string, string> {
  let data: unknown;
  try {
    data = text === undefined ? {} : parse(text);
  } catch {
    data = {};
  }
  const object = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(PROTECTED_SITE_KEYS.map((key) => [key, JSON.stringify(object[key] ?? null)]));
}

/** The violations of one path in a commit by someone with `roles`. */
async function checkPath(
  repoDir: string,
  commit: { sha: string; parents: string[] },
  change: FileChange,
  file: string,
  side: 'old' | 'new',
  roles: Roles,
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const buurt = buurtOf(file);
  const what =
    side === 'old'
      ? change.status === 'R'
        ? 'renamed away'
        : 'deleted'
      : change.status === 'D'
        ? 'deleted'
        : change.status === 'A' || change.status === 'C'
          ? 'added'
          : change.status === 'R'
            ? 'renamed here'
            : 'changed';
  if (buurt === undefined) {
    if (!roles.maintainer) {
      violations.push({
        code: 'shared-path',
        file,
        message: `${what}: only maintainers may change shared code, templates, the deploy config, CI or platform settings (anything outside sites/<buurt>/)`,
      });
    }
    return violations;
  }
  if (!roles.maintainer && roles.buurten.length && !roles.buurten.includes(buurt)) {
    const own = roles.buurten.map((b) => `sites/${b}/`).join(' or ');
    violations.push({
      code: 'outside-own-buurt',
      file,
      message: `${what}: belongs to buurt ${buurt}, but the author edits ${roles.buurten.join(' and ')} and may only change ${own}`,
    });
  }
  if (side === 'new' && change.status !== 'D' && !ZERO.test(change.blob)) {
    const content = change.mode === MODE_FILE ? await gitBuffer(repoDir, ['cat-file', 'blob', change.blob]) : undefined;
    const problem = buurtFileProblem(file, change.mode, content);
    if (problem) violations.push({ code: 'file-type', file, message: `${what}: ${problem}` });
  }
  if (!roles.maintainer && /^sites\/[^/]+\/site\.yaml$/.test(file) && (side === 'new' || change.status === 'D')) {
    const before = commit.parents[0] ? await showFile(repoDir, commit.parents[0], change.status === 'R' ? change.from! : file) : undefined;
    const after = change.status === 'D' || side === 'old' ? undefined : await showFile(repoDir, commit.sha, file);
    if (after === undefined) {
      violations.push({ code: 'protected-setting', file, message: "deleted: only maintainers may remove a buurt's site.yaml" });
    } else {
      const [a, b] = [protectedKeys(before), protectedKeys(after)];
      const changed = PROTECTED_SITE_KEYS.filter((key) => a[key] !== b[key]);
      if (changed.length) {
        violations.push({
          code: 'protected-setting',
          file,
          message: `changes ${changed.map((k) => `"${k}"`).join(', ')}: only maintainers may change who edits a buurt, its CMS settings or its domain`,
        });
      }
    }
  }
  return violations;
}

function identityViolations(roster: Roster, report: Omit<CommitReport, 'violations' | 'changes' | 'role'>, roles: Roles): Violation[] {
  const violations: Violation[] = [];
  const { author, committer } = report;
  if (!roles.maintainer && !roles.buurten.length) {
    violations.push({
      code: 'unknown-author',
      message: `the author ${author.name} <${author.email}> is neither a maintainer (.buurt/platform.yaml) nor an editor of any buurt (editors: in site.yaml); add them there first, in a separate change by a maintainer`,
    });
  }
  const committerRoles = rolesOfEmail(roster, committer.email);
  const isHost = HOST_COMMITTER_EMAILS.includes(committer.email.toLowerCase());
  if (!isHost && !committerRoles.maintainer && !committerRoles.buurten.length && committer.email.toLowerCase() !== author.email.toLowerCase()) {
    violations.push({
      code: 'unknown-committer',
      message: `the committer ${committer.name} <${committer.email}> is not a maintainer, an editor or the git host`,
    });
  }
  for (const [who, email] of [
    ['author', author.email],
    ['committer', committer.email],
  ] as const) {
    if (who === 'committer' && (isHost || email.toLowerCase() === author.email.toLowerCase())) continue;
    const kind = classifyEmail(email, roster.platformEmailDomains);
    if (kind === 'personal' || kind === 'unknown') violations.push({ code: 'private-email', message: `the ${who} address ${emailAdvice(email, kind)}` });
  }
  return violations;
}

/** Checks every commit in base..head. Throws `GuardRefError` for refs that name no commit. */
export async function runGuard(options: GuardOptions): Promise<GuardResult> {
  const { repoDir } = options;
  const base = await resolveCommit(repoDir, options.base);
  if (!base) throw new GuardRefError(`--base "${options.base}" names no commit in this repository (fetch it first, e.g. git fetch origin ${options.base}).`);
  const headRef = options.head ?? 'HEAD';
  const head = await resolveCommit(repoDir, headRef);
  if (!head) throw new GuardRefError(`--head "${headRef}" names no commit in this repository.`);
  const roster = await rosterAt(repoDir, base);

  const log = await git(repoDir, ['log', '--reverse', '--topo-order', '-z', '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%s', `${base}..${head}`]);
  const commits: CommitReport[] = [];
  for (const record of log.split('\0').filter((r) => r.trim())) {
    const [sha, parents, an, ae, cn, ce, subject] = record.replace(/^\n/, '').split('\x1f') as string[];
    const report = {
      sha: sha!,
      parents: parents ? parents.split(' ') : [],
      subject: subject ?? '',
      author: { name: an!, email: ae! },
      committer: { name: cn!, email: ce! },
    };
    const roles = rolesOfEmail(roster, report.author.email);
    const changes = await changesOf(repoDir, report.sha, report.parents);
    const violations = identityViolations(roster, report, roles);
    for (const change of changes) {
      if (change.from) violations.push(...(await checkPath(repoDir, report, change, change.from, 'old', roles)));
      violations.push(...(await checkPath(repoDir, report, change, change.path, 'new', roles)));
    }
    commits.push({ ...report, role: describeRoles(roles), changes, violations });
  }

  const actorViolations: Violation[] = [];
  const touched = [...new Set(commits.flatMap((c) => c.changes.flatMap((ch) => (ch.from ? [ch.from, ch.path] : [ch.path]))))].sort();
  for (const actor of options.actors ?? []) {
    const roles = rolesOfUsername(roster, actor);
    if (roles.maintainer) continue;
    if (!roles.buurten.length) {
      actorViolations.push({
        code: 'unknown-actor',
        message: `the account "${actor}" that made this change is neither a maintainer nor an editor of any buurt`,
      });
      continue;
    }
    for (const file of touched) {
      const buurt = buurtOf(file);
      if (buurt === undefined || !roles.buurten.includes(buurt)) {
        actorViolations.push({ code: 'actor-outside-own-buurt', file, message: `the account "${actor}" (${describeRoles(roles)}) may not change this file` });
      }
    }
  }
  return { base, head, commits, actorViolations };
}

/** The number of violations in a result. */
export function countViolations(result: GuardResult): number {
  return result.actorViolations.length + result.commits.reduce((n, c) => n + c.violations.length, 0);
}

/** The report for a terminal: one block per offending commit, one line per file. */
export function formatGuardReport(result: GuardResult): string {
  const lines: string[] = [];
  const short = (sha: string) => sha.slice(0, 10);
  lines.push(`Checked ${result.commits.length} commit${result.commits.length === 1 ? '' : 's'} in ${short(result.base)}..${short(result.head)}.`);
  for (const commit of result.commits) {
    const who = `${commit.author.name} <${commit.author.email}>, ${commit.role}`;
    if (!commit.violations.length) {
      lines.push(`  ok   ${short(commit.sha)} ${commit.subject} (${who})`);
      continue;
    }
    lines.push(`  FAIL ${short(commit.sha)} ${commit.subject} (${who})`);
    for (const violation of commit.violations) {
      lines.push(`         ${violation.file ? `${violation.file}: ` : ''}${violation.message}.`);
    }
  }
  for (const violation of result.actorViolations) lines.push(`  FAIL ${violation.file ? `${violation.file}: ` : ''}${violation.message}.`);
  const total = countViolations(result);
  const offending = result.commits.filter((c) => c.violations.length).length;
  lines.push(
    total
      ? `${total} violation${total === 1 ? '' : 's'} in ${offending} of ${result.commits.length} commit${result.commits.length === 1 ? '' : 's'}${result.actorViolations.length ? ` and ${result.actorViolations.length} by the accounts given` : ''}.`
      : 'No violations.',
  );
  return lines.join('\n');
}
