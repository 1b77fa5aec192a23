/**
 * `buurt guard`: judges what a change (base..head) does to the target branch, so one buurt's editor can never
 * change another buurt, the shared code or the deploy config, no private e-mail address enters the history and
 * no photo brings its location into it. docs/maintainers/guard.md says what it judges and what it cannot.
 *
 * The roster (maintainers, editors) is read from the BASE commit, so a change cannot grant itself rights.
 * Three views of the change, each judged:
 * - **every commit in base..head**: its author (by e-mail) is a maintainer or an editor, its committer a known
 *   person or the git host; addresses are no-reply or platform addresses (emails.ts); names and addresses hold
 *   no control characters. A plain commit is judged on its diff against its parent.
 * - **every merge** is judged on what it brings in: each file that differs from one of its parents (so also
 *   from its first parent) and whose version the target does not already have (neither the base nor the merge
 *   base holds it). Such a version must be one the merge's author may change: a merge that takes shared code,
 *   CI workflows or another buurt's files whole from an old commit fails, though its combined diff is empty.
 * - **the change as a whole**: every file that differs between the merge base and the head (what merging the
 *   head changes on the target), attributed to the commits that made its new version. A file no commit in the
 *   range made is judged against the authors of the merges that brought it in.
 * The rules for a file: an editor touches only `sites/<slug>/` of their own buurt(s), both sides of a rename
 * and deletions included, never the protected keys of site.yaml (`editors`, `cms`, `domain`) and never
 * removes or renames site.yaml; only maintainers touch anything else. From anyone: paths are plain (no "..",
 * ".git", control characters, case or Unicode variants of a buurt folder, two names one file system would
 * merge), and a buurt folder holds only markdown, YAML and raster images whose content matches their name, as
 * regular files, and no photo holding a location.
 *
 * git's output is always read NUL-separated (`-z`, `%x00`), so no name, address, subject or path can shift a
 * field.
 */
import { parse } from 'yaml';
import { terminalValue } from '../../../src/core/terminal-text.ts';
import { buurtFileProblem, buurtOf, MODE_FILE, pathFoldKey, pathProblem, sniffImage } from './buurt-files.ts';
import { classifyEmail, emailAdvice, HOST_COMMITTER_EMAILS } from '../../../src/model/emails.ts';
import { git, gitBuffer, resolveCommit, showFile } from '../../../src/core/git.ts';
import { describeRoles, rolesOfEmail, rolesOfUsername, rosterAt, type Roles, type Roster } from './roster.ts';
import { PlatformError } from '../../../src/core/errors.ts';

/** Keys of site.yaml only maintainers may change: who edits, where the CMS saves, the site's address. */
export const PROTECTED_SITE_KEYS: readonly string[] = ['editors', 'cms', 'domain'];

export type ViolationCode =
  | 'unknown-author'
  | 'unknown-committer'
  | 'private-email'
  | 'control-character'
  | 'outside-own-buurt'
  | 'shared-path'
  | 'unsafe-path'
  | 'file-type'
  | 'photo-location'
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
  /** Set on a merge's changes: a version of the file the merge brings in and the target does not have. */
  merged?: true;
}

export interface CommitReport {
  sha: string;
  parents: string[];
  subject: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
  /** "maintainer", "editor of oost", "unknown". */
  role: string;
  /** What the commit was judged on: a plain commit's diff; for a merge, the versions it brings in. */
  changes: FileChange[];
  violations: Violation[];
}

/** A file the change as a whole changes on the target branch. */
export interface NetChange {
  /** A (added), M (modified), D (deleted), T (type changed), relative to the merge base. */
  status: string;
  path: string;
  /** Mode and blob in the head ("000000" when deleted). */
  mode: string;
  blob: string;
  /** The commits in the range that made this version (for a file only a merge brought in: those merges). */
  commits: string[];
}

export interface GuardResult {
  base: string;
  head: string;
  /** Where the head's history meets the base's; undefined for unrelated histories. */
  mergeBase: string | undefined;
  commits: CommitReport[];
  /** Every file that merging the head would change on the target branch. */
  changes: NetChange[];
  /** Violations of the change as a whole (file names that collide in the head). */
  changeViolations: Violation[];
  /** Violations of the accounts given with --actor. */
  actorViolations: Violation[];
}

/** Thrown for a ref that names no commit. */
export class GuardRefError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'usage' });
    this.name = 'GuardRefError';
  }
}

/** Thrown when git's answer cannot be read unambiguously (e.g. a NUL byte in a hand-made commit header). */
export class GuardReadError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'environment' });
    this.name = 'GuardReadError';
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
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DELETED_MODE = '000000';
const SITE_YAML = /^sites\/[^/]+\/site\.yaml$/;
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}]/u;

interface TreeEntry {
  mode: string;
  blob: string;
}
type Tree = Map<string, TreeEntry>;

/** Every file of a commit's tree: path → mode and blob. */
async function readTree(repoDir: string, ref: string | undefined): Promise<Tree> {
  const tree: Tree = new Map();
  if (!ref) return tree;
  for (const record of (await git(repoDir, ['ls-tree', '-r', '-z', '--full-tree', ref])).split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , blob] = record.slice(0, tab).split(' ');
    tree.set(record.slice(tab + 1), { mode: mode!, blob: blob! });
  }
  return tree;
}

const sameEntry = (a: TreeEntry | undefined, b: TreeEntry | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.mode === b.mode && a.blob === b.blob;

/** `git diff-tree --raw -z` output: `:old new oldblob newblob status` then one or two paths, all NUL-separated. */
function parseRawChanges(output: string): (FileChange & { old: TreeEntry | undefined })[] {
  const fields = output.split('\0');
  const changes: (FileChange & { old: TreeEntry | undefined })[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const meta = fields[i++]!;
    if (!meta.startsWith(':')) continue;
    const [oldMode, newMode, oldBlob, newBlob, statusField] = meta.slice(1).split(' ');
    const status = statusField!.charAt(0);
    const old = ZERO.test(oldMode!) ? undefined : { mode: oldMode!, blob: oldBlob! };
    if (status === 'R' || status === 'C') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      changes.push({ status, path: to, from, mode: newMode!, blob: newBlob!, old });
    } else {
      changes.push({ status, path: fields[i++]!, mode: newMode!, blob: newBlob!, old });
    }
  }
  return changes;
}

interface CommitHeader {
  sha: string;
  parents: string[];
  subject: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
}

const HEADER_FIELDS = 7;

/**
 * The commits in base..head, parents before children. Fields are NUL-separated and checked against
 * `git rev-list`, so a name that holds a NUL byte (only possible in a hand-made object) cannot shift them.
 */
async function readCommits(repoDir: string, base: string, head: string): Promise<CommitHeader[]> {
  const range = [`${base}..${head}`];
  const shas = (await git(repoDir, ['rev-list', '--reverse', '--topo-order', ...range])).split('\n').filter(Boolean);
  if (!shas.length) return [];
  const output = await git(repoDir, ['log', '--reverse', '--topo-order', '-z', '--format=%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%s', ...range]);
  const fields = output.split('\0');
  if (fields.at(-1) === '') fields.pop();
  const misread = () =>
    new GuardReadError(
      `git's list of the commits in ${base.slice(0, 10)}..${head.slice(0, 10)} cannot be read unambiguously (a commit header holds a NUL byte, which only a hand-made commit can); refusing the change. Inspect it with: git log --format=raw ${base.slice(0, 10)}..${head.slice(0, 10)}`,
    );
  if (fields.length !== shas.length * HEADER_FIELDS) throw misread();
  return shas.map((expected, index) => {
    const [sha, parents, an, ae, cn, ce, subject] = fields.slice(index * HEADER_FIELDS, (index + 1) * HEADER_FIELDS);
    const parentList = parents ? parents.split(' ') : [];
    if (sha !== expected || !parentList.every((p) => OBJECT_ID.test(p))) throw misread();
    return { sha, parents: parentList, subject: subject!, author: { name: an!, email: ae! }, committer: { name: cn!, email: ce! } };
  });
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

/** How a change is named in messages: "added", "renamed away", "brought in by this merge (…)". */
function describeChange(change: FileChange, side: 'old' | 'new', origin: 'commit' | 'merge' | 'outside'): string {
  if (origin === 'outside') return 'differs from the base, but no commit in the change made this version (a merge took it from outside the change)';
  if (origin === 'merge') {
    const what = change.mode === DELETED_MODE ? 'deleted' : 'brought in';
    return `${what} by this merge (a version the base does not have)`;
  }
  if (side === 'old') return change.status === 'R' ? 'renamed away' : 'deleted';
  if (change.status === 'D') return 'deleted';
  if (change.status === 'A' || change.status === 'C') return 'added';
  if (change.status === 'R') return 'renamed here';
  return 'changed';
}

interface PathContext {
  repoDir: string;
  /** The commit that has the new version. */
  sha: string;
  /** Commits and paths whose site.yaml counts as "before": the parent for a plain commit; base and merge base for a merge. */
  before: { ref: string; file: string }[];
  origin: 'commit' | 'merge' | 'outside';
  roles: Roles;
  /** Blobs already checked for type and location, with what was found. */
  checkedBlobs: Map<string, Violation[]>;
}

/** The violations of one side of one file change by someone with `roles`. */
async function checkPath(context: PathContext, change: FileChange, file: string, side: 'old' | 'new'): Promise<Violation[]> {
  const { roles } = context;
  const violations: Violation[] = [];
  const what = describeChange(change, side, context.origin);
  const removed = side === 'old' || change.mode === DELETED_MODE;
  if (!removed) {
    const problem = pathProblem(file);
    if (problem) violations.push({ code: 'unsafe-path', file, message: `${what}: ${problem}` });
  }
  const buurt = buurtOf(file);
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
  if (!removed && !ZERO.test(change.blob)) violations.push(...(await checkContent(context, change, file, what)));
  if (!roles.maintainer && SITE_YAML.test(file)) {
    if (removed) {
      violations.push({
        code: 'protected-setting',
        file,
        message: `${what}: only maintainers may remove or rename a buurt's site.yaml (it says who edits the buurt and where it is published)`,
      });
    } else {
      const after = protectedKeys(await showFile(context.repoDir, context.sha, file));
      // A root commit has nothing before it: compared with no settings at all.
      const befores = context.before.length
        ? await Promise.all(context.before.map(async ({ ref, file: old }) => protectedKeys(await showFile(context.repoDir, ref, old))))
        : [protectedKeys(undefined)];
      const changedFromAll = befores.map((before) => PROTECTED_SITE_KEYS.filter((key) => before[key] !== after[key]));
      if (changedFromAll.every((changed) => changed.length)) {
        violations.push({
          code: 'protected-setting',
          file,
          message: `changes ${changedFromAll[0]!.map((k) => `"${k}"`).join(', ')}: only maintainers may change who edits a buurt, its CMS settings or its domain`,
        });
      }
    }
  }
  return violations;
}

/** File type and photo location of a new version in a buurt folder; each blob is read once per run. */
async function checkContent(context: PathContext, change: FileChange, file: string, what: string): Promise<Violation[]> {
  const key = `${change.mode} ${change.blob} ${file}`;
  let found = context.checkedBlobs.get(key);
  if (!found) {
    found = [];
    const content = change.mode === MODE_FILE ? await gitBuffer(context.repoDir, ['cat-file', 'blob', change.blob]) : undefined;
    const problem = buurtFileProblem(file, change.mode, content);
    if (problem) found.push({ code: 'file-type', file, message: problem });
    else if (content && sniffImage(content)) {
      // Loaded only when a change holds a photo: the guard stays light for everything else.
      const { findImageLocation } = await import('../../../src/media/media.ts');
      const photo = await findImageLocation(content);
      if (photo.location) {
        found.push({
          code: 'photo-location',
          file,
          message:
            'holds the location where the photo was taken (GPS, or a place in its XMP or IPTC data), which would stay readable in the public git history for good; remove it before committing (buurt media fix, or upload it through the CMS, which cleans photos) and rewrite this commit',
        });
      } else if (!photo.readable) {
        found.push({ code: 'file-type', file, message: 'is not a readable image (corrupt or truncated)' });
      }
    }
    context.checkedBlobs.set(key, found);
  }
  return found.map((v) => ({ ...v, message: `${what}: ${v.message}` }));
}

function identityViolations(roster: Roster, header: CommitHeader, roles: Roles): Violation[] {
  const violations: Violation[] = [];
  const { author, committer } = header;
  for (const [who, person] of [
    ['author', author],
    ['committer', committer],
  ] as const) {
    for (const [field, value] of [
      ['name', person.name],
      ['e-mail address', person.email],
    ] as const) {
      if (HIDDEN_CHARACTER.test(value)) {
        violations.push({
          code: 'control-character',
          message: `the ${who}'s ${field} "${terminalValue(value, 120)}" holds control or invisible characters, which no real name or address has; they can make one person look like another in git's output`,
        });
      }
    }
  }
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

/** What a plain commit changes: its diff against its parent (renames paired). */
async function commitChanges(repoDir: string, header: CommitHeader): Promise<FileChange[]> {
  const args = ['diff-tree', '-r', '-M', '--raw', '-z', '--no-commit-id', ...(header.parents.length ? [] : ['--root']), header.sha];
  return parseRawChanges(await git(repoDir, args)).map(({ old: _old, ...change }) => change);
}

/**
 * What a merge brings in: every file that differs from one of its parents, whose version the target has in
 * neither the base nor the merge base, and that either reaches the head or is the merge's own (it differs from
 * every parent). A version taken whole from a parent that the head replaces again does not reach the target.
 */
async function mergeChanges(repoDir: string, header: CommitHeader, targets: Tree[], net: ReadonlySet<string>): Promise<FileChange[]> {
  const differing = new Map<string, { entry: TreeEntry | undefined; parents: number }>();
  for (const parent of header.parents) {
    for (const change of parseRawChanges(await git(repoDir, ['diff-tree', '-r', '--no-renames', '--raw', '-z', parent, header.sha]))) {
      const entry = change.mode === DELETED_MODE ? undefined : { mode: change.mode, blob: change.blob };
      const seen = differing.get(change.path);
      differing.set(change.path, { entry, parents: (seen?.parents ?? 0) + 1 });
    }
  }
  const changes: FileChange[] = [];
  for (const [file, { entry, parents }] of [...differing].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (targets.some((tree) => sameEntry(tree.get(file), entry))) continue;
    if (parents < header.parents.length && !net.has(file)) continue;
    const inBase = targets.some((tree) => tree.has(file));
    changes.push({
      status: entry ? (inBase ? 'M' : 'A') : 'D',
      path: file,
      mode: entry?.mode ?? DELETED_MODE,
      blob: entry?.blob ?? '0'.repeat(40),
      merged: true,
    });
  }
  return changes;
}

/** Runs the guard on base..head. Throws `GuardRefError` for refs that name no commit. */
export async function runGuard(options: GuardOptions): Promise<GuardResult> {
  const { repoDir } = options;
  const base = await resolveCommit(repoDir, options.base);
  if (!base) throw new GuardRefError(`--base "${options.base}" names no commit in this repository (fetch it first, e.g. git fetch origin ${options.base}).`);
  const headRef = options.head ?? 'HEAD';
  const head = await resolveCommit(repoDir, headRef);
  if (!head) throw new GuardRefError(`--head "${headRef}" names no commit in this repository.`);
  const roster = await rosterAt(repoDir, base);
  let mergeBase: string | undefined;
  try {
    mergeBase = (await git(repoDir, ['merge-base', base, head])).trim() || undefined;
  } catch {
    mergeBase = undefined; // Unrelated histories: every file of the head is new to the target.
  }

  const [baseTree, mergeBaseTree, headTree] = await Promise.all([
    readTree(repoDir, base),
    mergeBase === base ? undefined : readTree(repoDir, mergeBase),
    readTree(repoDir, head),
  ]);
  const targets = mergeBaseTree ? [baseTree, mergeBaseTree] : [baseTree];
  const fromTree = mergeBaseTree ?? (mergeBase ? baseTree : new Map<string, TreeEntry>());

  // The change as a whole: what differs between the merge base and the head, where the base does not already agree.
  const net: NetChange[] = [];
  for (const file of new Set([...fromTree.keys(), ...headTree.keys()])) {
    const before = fromTree.get(file);
    const after = headTree.get(file);
    if (sameEntry(before, after) || sameEntry(baseTree.get(file), after)) continue;
    const status = !after ? 'D' : !before ? 'A' : before.mode !== after.mode ? 'T' : 'M';
    net.push({ status, path: file, mode: after?.mode ?? DELETED_MODE, blob: after?.blob ?? '0'.repeat(40), commits: [] });
  }
  net.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const netPaths = new Set(net.map((n) => n.path));

  const checkedBlobs = new Map<string, Violation[]>();
  const commits: CommitReport[] = [];
  for (const header of await readCommits(repoDir, base, head)) {
    const roles = rolesOfEmail(roster, header.author.email);
    const isMerge = header.parents.length > 1;
    const changes = isMerge ? await mergeChanges(repoDir, header, targets, netPaths) : await commitChanges(repoDir, header);
    const violations = identityViolations(roster, header, roles);
    for (const change of changes) {
      const before = isMerge
        ? [base, ...(mergeBase && mergeBase !== base ? [mergeBase] : [])].map((ref) => ({ ref, file: change.path }))
        : header.parents[0]
          ? [{ ref: header.parents[0], file: change.from ?? change.path }]
          : [];
      const context: PathContext = { repoDir, sha: header.sha, before, origin: isMerge ? 'merge' : 'commit', roles, checkedBlobs };
      // A rename removes its old path; a copy (never detected with -M alone) would leave it in place.
      if (change.from && change.status === 'R') violations.push(...(await checkPath(context, change, change.from, 'old')));
      violations.push(...(await checkPath(context, change, change.path, 'new')));
    }
    commits.push({ ...header, role: describeRoles(roles), changes, violations });
  }

  // Attribute every file of the change as a whole to the commits that made its version.
  const merges = commits.filter((c) => c.parents.length > 1);
  for (const change of net) {
    change.commits = commits.filter((c) => c.changes.some((ch) => ch.path === change.path || ch.from === change.path)).map((c) => c.sha);
    if (change.commits.length) continue;
    const judges = merges.length ? merges : commits.slice(-1);
    for (const commit of judges) {
      const roles = rolesOfEmail(roster, commit.author.email);
      const before = [base, ...(mergeBase && mergeBase !== base ? [mergeBase] : [])].map((ref) => ({ ref, file: change.path }));
      const context: PathContext = { repoDir, sha: head, before, origin: 'outside', roles, checkedBlobs };
      commit.violations.push(...(await checkPath(context, change, change.path, 'new')));
      change.commits.push(commit.sha);
    }
  }

  // Names that one file system would make one file: checked on the head, where they would be checked out.
  const changeViolations: Violation[] = [];
  const byKey = new Map<string, string[]>();
  for (const file of headTree.keys()) byKey.set(pathFoldKey(file), [...(byKey.get(pathFoldKey(file)) ?? []), file]);
  for (const change of net) {
    if (change.mode === DELETED_MODE) continue;
    const others = (byKey.get(pathFoldKey(change.path)) ?? []).filter((f) => f !== change.path);
    if (others.length) {
      changeViolations.push({
        code: 'unsafe-path',
        file: change.path,
        message: `differs from ${others.join(', ')} only in upper and lower case or Unicode form; a Mac or Windows checkout makes them one file, so what was judged is not what is built`,
      });
    }
  }

  const actorViolations: Violation[] = [];
  const touched = [
    ...new Set([...commits.flatMap((c) => c.changes.flatMap((ch) => (ch.from ? [ch.from, ch.path] : [ch.path]))), ...net.map((n) => n.path)]),
  ].sort();
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
  return { base, head, mergeBase, commits, changes: net, changeViolations, actorViolations };
}

/** The number of violations in a result. */
export function countViolations(result: GuardResult): number {
  return result.actorViolations.length + result.changeViolations.length + result.commits.reduce((n, c) => n + c.violations.length, 0);
}

/**
 * The report for a terminal: one block per offending commit, one line per file. Subjects, names, addresses and
 * paths come from the change: each is escaped and shortened, so none can forge a line or drive the terminal.
 */
export function formatGuardReport(result: GuardResult): string {
  const lines: string[] = [];
  const short = (sha: string) => sha.slice(0, 10);
  const violationLine = (indent: string, violation: Violation) =>
    `${indent}${violation.file ? `${terminalValue(violation.file)}: ` : ''}${terminalValue(violation.message, 800)}.`;
  const changed = result.changes.length;
  lines.push(
    `Checked ${result.commits.length} commit${result.commits.length === 1 ? '' : 's'} in ${short(result.base)}..${short(result.head)} (${changed} file${changed === 1 ? '' : 's'} differ${changed === 1 ? 's' : ''} from the base).`,
  );
  for (const commit of result.commits) {
    const who = `${terminalValue(commit.author.name, 100)} <${terminalValue(commit.author.email, 100)}>, ${commit.role}`;
    const subject = terminalValue(commit.subject, 120);
    const merge = commit.parents.length > 1 ? ' [merge]' : '';
    if (!commit.violations.length) {
      lines.push(`  ok   ${short(commit.sha)} ${subject}${merge} (${who})`);
      continue;
    }
    lines.push(`  FAIL ${short(commit.sha)} ${subject}${merge} (${who})`);
    for (const violation of commit.violations) lines.push(violationLine('         ', violation));
  }
  for (const violation of [...result.changeViolations, ...result.actorViolations]) lines.push(violationLine('  FAIL ', violation));
  const total = countViolations(result);
  const offending = result.commits.filter((c) => c.violations.length).length;
  const extra = [
    ...(result.changeViolations.length ? [`${result.changeViolations.length} in the change as a whole`] : []),
    ...(result.actorViolations.length ? [`${result.actorViolations.length} by the accounts given`] : []),
  ];
  lines.push(
    total
      ? `${total} violation${total === 1 ? '' : 's'} in ${offending} of ${result.commits.length} commit${result.commits.length === 1 ? '' : 's'}${extra.length ? ` and ${extra.join(' and ')}` : ''}.`
      : 'No violations.',
  );
  return lines.join('\n');
}
