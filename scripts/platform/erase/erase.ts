/**
 * `buurt erase`: removes a person's data from a buurt, including from the git history, with git-filter-repo
 * (Debian package `git-filter-repo`, or pip), which git recommends instead of the deprecated `git filter-branch`:
 *
 * 1. every historic name of the person's files (renames followed) is removed from every commit of every ref;
 * 2. the person's name and other given texts are replaced by "[verwijderd]" in every markdown and YAML file of
 *    the buurt, in every commit, and in commit and tag messages (with the names of the removed files);
 * 3. commits and tags made with the person's e-mail addresses get a neutral identity;
 * 4. commits left empty are dropped, reflogs and unreachable objects are deleted;
 * 5. the result is verified: no path, blob, address or text of the person is reachable from any ref or
 *    left in the object store.
 *
 * This module decides every change (which blobs and messages change, with `textPattern`, the same pattern the
 * verification uses) and writes the new blobs; `erase_filter.py` beside it applies them in one filter-repo pass.
 * It rewrites this clone only; docs/maintainers/security.md says how to publish the result (force push) and
 * what to clean up elsewhere (git host caches, pull request refs, old Netlify deploys, other clones).
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlatformError } from '../../../src/core/errors.ts';
import { git, gitBuffer, gitEnv } from '../../../src/core/git.ts';

/** What replaces erased texts. */
export const ERASED = '[verwijderd]';

/** The identity that replaces the person's in rewritten commits. */
export const ERASED_IDENTITY = { name: 'Verwijderd', email: 'verwijderd@users.noreply.buurtsites.invalid' };

export interface EraseOptions {
  repoDir: string;
  slug: string;
  /** The person's files and folders, relative to sites/<slug>/: "content/mensen/anna.md", "media/anna.jpg". */
  paths: readonly string[];
  /** Addresses the person committed with. */
  emails?: readonly string[];
  /** Texts to replace in the buurt's files and in commit messages: the person's name, phone number, … */
  texts?: readonly string[];
}

/** Thrown when erasure cannot start (nothing changed). */
export class EraseError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'usage' });
    this.name = 'EraseError';
  }
}

export interface ErasePlan {
  /** Every name the files had in history, repository-relative. */
  paths: string[];
  /** Blob ids of every version of those files. */
  blobs: string[];
  /** Commits that touch those files. */
  commits: number;
  /** Commits authored or committed by the addresses. */
  commitsByEmail: number;
  /** Texts that will be replaced (given texts and, in messages, the files' names). */
  texts: string[];
  /** Refs whose names contain the name of an erased file (Decap's cms/<collection>/<slug> branches). */
  refsNamedAfter: string[];
}

export interface EraseResult extends ErasePlan {
  /** Traces that remain after erasure; empty when the person is gone. */
  remaining: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive pattern for whole occurrences of any of `texts`. */
export function textPattern(texts: readonly string[]): RegExp | undefined {
  const parts = texts.filter((t) => t.trim().length >= 3).map((t) => escapeRegExp(t.trim()));
  return parts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'giu') : undefined;
}

function normaliseInside(slug: string, file: string): string {
  const clean = path.posix.normalize(file.replace(/\\/g, '/').replace(/^\/+/, '')).replace(/\/$/, '');
  const relative = clean.startsWith(`sites/${slug}/`) ? clean.slice(`sites/${slug}/`.length) : clean;
  if (!relative || relative === '.' || relative.startsWith('..') || relative === 'site.yaml') {
    throw new EraseError(`"${file}" is not a file or folder inside sites/${slug}/ that can be erased (site.yaml cannot; edit it instead).`);
  }
  return `sites/${slug}/${relative}`;
}

/** Every name the given paths had, following renames in both directions across all refs. */
async function historicNames(repoDir: string, start: readonly string[]): Promise<string[]> {
  const log = await git(repoDir, ['log', '--all', '-M', '--name-status', '-z', '--format=']);
  const fields = log.split('\0').map((f) => f.replace(/^\n+/, ''));
  const edges: [string, string][] = [];
  for (let i = 0; i < fields.length; i++) {
    if (/^[RC]\d*$/.test(fields[i]!)) {
      edges.push([fields[i + 1]!, fields[i + 2]!]);
      i += 2;
    }
  }
  const names = new Set(start);
  const within = (file: string, root: string) => file === root || file.startsWith(`${root}/`);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, to] of edges) {
      for (const [a, b] of [
        [from, to],
        [to, from],
      ] as const) {
        if (!names.has(b) && [...names].some((name) => within(a, name))) {
          names.add(b);
          grew = true;
        }
      }
    }
  }
  return [...names].sort();
}

/** Blob ids of every version of files at or under `paths` in any commit of any ref. */
async function blobsOf(repoDir: string, paths: readonly string[]): Promise<string[]> {
  const blobs = new Set<string>();
  const commits = (await git(repoDir, ['rev-list', '--all'])).split('\n').filter(Boolean);
  for (const commit of commits) {
    const listing = await git(repoDir, ['ls-tree', '-r', '-z', commit, '--', ...paths]);
    for (const entry of listing.split('\0').filter(Boolean)) {
      const [, type, sha] = entry.split(/\s+/);
      if (type === 'blob') blobs.add(sha!);
    }
  }
  return [...blobs].sort();
}

async function countCommits(repoDir: string, args: string[]): Promise<number> {
  const out = await git(repoDir, ['rev-list', '--all', ...args]);
  return out.split('\n').filter(Boolean).length;
}

/** What `erase` would remove, without changing anything. */
export async function planErase(options: EraseOptions): Promise<ErasePlan> {
  const { repoDir, slug } = options;
  if (!options.paths.length && !options.emails?.length && !options.texts?.length) {
    throw new EraseError("Name what to erase: the person's files (--path), addresses (--email) or texts such as their name (--text).");
  }
  const given = options.paths.map((p) => normaliseInside(slug, p));
  const paths = given.length ? await historicNames(repoDir, given) : [];
  const blobs = paths.length ? await blobsOf(repoDir, paths) : [];
  const commits = paths.length ? await countCommits(repoDir, ['--', ...paths]) : 0;
  let commitsByEmail = 0;
  for (const email of options.emails ?? []) {
    commitsByEmail += await countCommits(repoDir, ['--author', `<${email}>`]);
    commitsByEmail += await countCommits(repoDir, ['--committer', `<${email}>`]);
  }
  const fileNames = paths.map((p) => path.posix.basename(p).replace(/\.[^.]+$/, '')).filter((n) => n.length >= 3);
  const texts = [...new Set([...(options.texts ?? []).map((t) => t.trim()).filter(Boolean), ...fileNames])];
  const refs = (await git(repoDir, ['for-each-ref', '--format=%(refname)'])).split('\n').filter(Boolean);
  const refsNamedAfter = refs.filter((ref) => fileNames.some((name) => ref.split('/').includes(name)));
  return { paths, blobs, commits, commitsByEmail, texts, refsNamedAfter };
}

/** Looks for every trace of the person in all refs and the object store; returns what it finds. */
export async function findTraces(
  repoDir: string,
  slug: string,
  plan: Pick<ErasePlan, 'paths' | 'blobs' | 'texts'>,
  emails: readonly string[],
  contentTexts: readonly string[],
): Promise<string[]> {
  const traces: string[] = [];
  const objects = await git(repoDir, ['rev-list', '--objects', '--all']);
  for (const line of objects.split('\n')) {
    const file = line.slice(line.indexOf(' ') + 1);
    if (line.includes(' ') && plan.paths.some((p) => file === p || file.startsWith(`${p}/`))) traces.push(`path ${file} is still in a commit`);
  }
  for (const blob of plan.blobs) {
    try {
      await git(repoDir, ['cat-file', '-e', blob]);
      traces.push(`blob ${blob} (a version of an erased file) is still in the object store`);
    } catch {
      // Gone, as it should be.
    }
  }
  const tags = await git(repoDir, ['for-each-ref', '--format=%(taggeremail:trim)%00%(taggername)%00%(contents)%00', 'refs/tags/']);
  const tagFields = tags.split('\0');
  const taggers = tagFields.filter((_, i) => i % 3 === 0).map((field) => field.trim().toLowerCase());
  const identities = [...(await git(repoDir, ['log', '--all', '--format=%ae%n%ce'])).toLowerCase().split('\n'), ...taggers];
  for (const email of emails) if (identities.includes(email.toLowerCase())) traces.push(`address ${email} is still in a commit or tag`);
  const pattern = textPattern(plan.texts);
  if (pattern && pattern.test(`${await git(repoDir, ['log', '--all', '--format=%B%n%an%n%cn'])}\n${tagFields.join('\n')}`))
    traces.push('an erased text is still in a commit or tag message or name');
  for (const text of contentTexts) {
    const commits = (await git(repoDir, ['log', '--all', '--format=%h', '-i', '--pickaxe-regex', `-S${escapeRegExp(text)}`, '--', `sites/${slug}/`])).trim();
    if (commits) traces.push(`"${text}" is still in the files of sites/${slug}/ in commit ${commits.split('\n')[0]}`);
  }
  return traces;
}

/** git-filter-repo is not installed, or no Python can load it. */
export class FilterRepoMissingError extends PlatformError {
  constructor(detail: string) {
    super(`buurt erase rewrites history with git-filter-repo, which is not available here (${detail}). Nothing was changed.`, {
      kind: 'environment',
      hint: 'Install it with "apt-get install git-filter-repo" (Debian, Ubuntu) or "pip install git-filter-repo", then run the command again.',
    });
    this.name = 'FilterRepoMissingError';
  }
}

/** The rewrite itself (git-filter-repo, run by erase_filter.py) failed. */
export class EraseRewriteError extends PlatformError {
  constructor(stderr: string) {
    super(
      `git filter-repo failed, so the person is not erased:\n${stderr.trim()}\nIt updates the refs only at its very end; "git log --all" shows whether they moved.`,
      { kind: 'environment' },
    );
    this.name = 'EraseRewriteError';
  }
}

/** The Python module that applies the rewrite (see its docstring). */
const FILTER_SCRIPT = new URL('./erase_filter.py', import.meta.url);

/** What erase_filter.py reads: every change, decided here. */
interface FilterConfig {
  paths: string[];
  blobs: Record<string, string>;
  prefix: string;
  commitMessages: Record<string, string>;
  tagMessages: Record<string, string>;
  emails: string[];
  identity: { name: string; email: string };
}

function runPython(python: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(python, [...args], { cwd, env: gitEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/**
 * The Python that runs git-filter-repo: the interpreter named in the `#!` line of the `git-filter-repo` on PATH
 * (Debian's is /usr/bin/python3, which a python3 of pyenv or a virtualenv earlier on PATH cannot import it
 * from), else `python3` (a pip install). Throws `FilterRepoMissingError` when it cannot load the library.
 */
export async function findFilterRepoPython(): Promise<string> {
  let python = 'python3';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, 'git-filter-repo');
    try {
      await access(file, constants.X_OK);
    } catch {
      continue;
    }
    const handle = await open(file);
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(200), 0, 200, 0);
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]!);
      if (shebang) python = path.basename(shebang[1]!) === 'env' && shebang[2] ? shebang[2] : shebang[1]!;
    } finally {
      await handle.close();
    }
    break;
  }
  let check;
  try {
    check = await runPython(python, [fileURLToPath(FILTER_SCRIPT), '--check'], tmpdir());
  } catch (error) {
    throw new FilterRepoMissingError(`${python} cannot be started: ${(error as Error).message}`);
  }
  if (check.code !== 0) throw new FilterRepoMissingError(check.stderr.trim() || `${python} exited with code ${check.code}`);
  return python;
}

/** The objects `ids` as `git cat-file --batch` gives them, by id (missing ones left out). */
async function readObjects(repoDir: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const objects = new Map<string, Buffer>();
  if (!ids.length) return objects;
  const out = await gitBuffer(repoDir, ['cat-file', '--batch'], { input: `${ids.join('\n')}\n` });
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [id, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing' || size === undefined) {
      at = eol + 1;
      continue;
    }
    objects.set(id!, out.subarray(eol + 1, eol + 1 + Number(size)));
    at = eol + 1 + Number(size) + 1;
  }
  return objects;
}

/** The message of a commit or tag object: what follows its headers, without a tag's signature. */
function messageOf(object: Buffer): string {
  const text = object.toString('utf8');
  const start = text.indexOf('\n\n');
  return start === -1 ? '' : text.slice(start + 2).replace(/-----BEGIN [A-Z ]*SIGNATURE-----[\s\S]*$/, '');
}

/**
 * Every version of the buurt's markdown and YAML files (in any commit of any ref, merges included) in which
 * `pattern` finds something, each mapped to a new blob with those texts replaced, written to the object store.
 */
async function erasedBlobs(repoDir: string, prefix: string, pattern: RegExp): Promise<Record<string, string>> {
  const log = await git(repoDir, ['log', '--all', '--root', '-m', '--raw', '--no-abbrev', '--no-renames', '-z', '--format=', '--', prefix]);
  const fields = log.split('\0');
  const ids = new Set<string>();
  for (let i = 0; i < fields.length - 1; i++) {
    const entry = fields[i]!.replace(/^\n+/, '');
    if (!entry.startsWith(':')) continue;
    const [, , , id, status] = entry.split(' ');
    const file = fields[++i]!;
    if (status !== 'D' && /\.(md|ya?ml)$/i.test(file) && file.startsWith(prefix)) ids.add(id!);
  }
  const replaced: Record<string, string> = {};
  for (const [id, content] of await readObjects(repoDir, [...ids])) {
    const text = content.toString('utf8');
    const erased = text.replace(pattern, ERASED);
    if (erased !== text) replaced[id] = (await git(repoDir, ['hash-object', '-w', '--stdin'], { input: erased })).trim();
  }
  return replaced;
}

/** The new message of every commit and annotated tag whose message `pattern` finds something in. */
async function erasedMessages(repoDir: string, pattern: RegExp): Promise<Pick<FilterConfig, 'commitMessages' | 'tagMessages'>> {
  const erase = async (ids: string[]) => {
    const messages: Record<string, string> = {};
    for (const [id, object] of await readObjects(repoDir, ids)) {
      const message = messageOf(object);
      const erased = message.replace(pattern, ERASED);
      if (erased !== message) messages[id] = erased;
    }
    return messages;
  };
  const commits = (await git(repoDir, ['rev-list', '--all'])).split('\n').filter(Boolean);
  const tags = (await git(repoDir, ['for-each-ref', '--format=%(objectname) %(objecttype)']))
    .split('\n')
    .filter((line) => line.endsWith(' tag'))
    .map((line) => line.split(' ')[0]!);
  return { commitMessages: await erase(commits), tagMessages: await erase([...new Set(tags)]) };
}

/**
 * Erases the person from every ref of the repository and verifies it. Throws `EraseError` or
 * `FilterRepoMissingError` before changing anything.
 */
export async function erasePerson(options: EraseOptions): Promise<EraseResult> {
  const { repoDir, slug } = options;
  const dirty = (await git(repoDir, ['status', '--porcelain', '--untracked-files=no'])).trim();
  if (dirty) throw new EraseError(`The working tree has uncommitted changes; commit or stash them first (nothing was changed):\n${dirty}`);
  const plan = await planErase(options);
  const python = await findFilterRepoPython();
  const emails = [...new Set((options.emails ?? []).map((e) => e.trim().toLowerCase()))];
  const contentTexts = (options.texts ?? []).map((t) => t.trim()).filter((t) => t.length >= 3);
  const prefix = `sites/${slug}/`;
  const contentPattern = textPattern(contentTexts);
  const messagePattern = textPattern(plan.texts);
  const config: FilterConfig = {
    paths: plan.paths,
    blobs: contentPattern ? await erasedBlobs(repoDir, prefix, contentPattern) : {},
    prefix,
    ...(messagePattern ? await erasedMessages(repoDir, messagePattern) : { commitMessages: {}, tagMessages: {} }),
    emails,
    identity: ERASED_IDENTITY,
  };
  const work = await mkdtemp(path.join(tmpdir(), 'buurt-erase-'));
  try {
    const configFile = path.join(work, 'erase.json');
    await writeFile(configFile, JSON.stringify(config));
    const run = await runPython(python, [fileURLToPath(FILTER_SCRIPT), configFile], repoDir);
    if (run.code !== 0) throw new EraseRewriteError(run.stderr || run.stdout);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  // filter-repo's own notes hold the old commit ids; then every reflog and every object no ref reaches any more.
  await rm(path.join(await gitDir(repoDir), 'filter-repo'), { recursive: true, force: true });
  await git(repoDir, ['reflog', 'expire', '--expire=now', '--expire-unreachable=now', '--all']);
  await git(repoDir, ['gc', '--prune=now', '--quiet']);
  const remaining = await findTraces(repoDir, slug, plan, emails, contentTexts);
  return { ...plan, remaining };
}

/** The repository's git folder (absolute). */
async function gitDir(repoDir: string): Promise<string> {
  return path.resolve(repoDir, (await git(repoDir, ['rev-parse', '--git-dir'])).trim());
}
