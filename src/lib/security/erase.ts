/**
 * `buurt erase`: removes a person's data from a buurt, including from the git history, with git's own tools
 * (`git filter-branch`; git-filter-repo is not needed):
 *
 * 1. every historic name of the person's files (renames followed) is removed from every commit of every ref;
 * 2. the person's name and other given texts are replaced by "[verwijderd]" in every markdown and YAML file of
 *    the buurt, in every commit, and in commit messages (with the names of the removed files);
 * 3. commits authored or committed with the person's e-mail addresses get a neutral identity;
 * 4. commits left empty are dropped, the backup refs, reflogs and unreachable objects are deleted;
 * 5. the result is verified: no path, blob, address or text of the person is reachable from any ref or
 *    left in the object store.
 *
 * It rewrites this clone only; the README says how to publish the result (force push) and what to clean up
 * elsewhere (git host caches, pull request refs, old Netlify deploys, other clones).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PlatformError } from '../errors.ts';
import { git, GitError } from '../git.ts';

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

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

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

/** A Node script run by filter-branch in each commit: replaces texts in the buurt's text files of the index. */
const INDEX_SCRIPT = `
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pattern = new RegExp(config.pattern, 'giu');
const cache = existsSync(config.cache) ? JSON.parse(readFileSync(config.cache, 'utf8')) : {};
const listing = execFileSync('git', ['ls-files', '-s', '-z', '--', config.prefix], { encoding: 'utf8' });
for (const entry of listing.split('\\0').filter(Boolean)) {
  const [meta, file] = entry.split('\\t');
  const [mode, sha] = meta.split(' ');
  if (!/\\.(md|ya?ml)$/i.test(file)) continue;
  if (!(sha in cache)) {
    const text = execFileSync('git', ['cat-file', 'blob', sha], { encoding: 'utf8' });
    const replaced = text.replace(pattern, config.replacement);
    cache[sha] = replaced === text ? sha : execFileSync('git', ['hash-object', '-w', '--stdin'], { input: replaced, encoding: 'utf8' }).trim();
  }
  if (cache[sha] !== sha) execFileSync('git', ['update-index', '--cacheinfo', mode + ',' + cache[sha] + ',' + file]);
}
writeFileSync(config.cache, JSON.stringify(cache));
`;

const MESSAGE_SCRIPT = `
import { readFileSync } from 'node:fs';
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pattern = new RegExp(config.pattern, 'giu');
process.stdout.write(readFileSync(0, 'utf8').replace(pattern, config.replacement));
`;

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
  const identities = (await git(repoDir, ['log', '--all', '--format=%ae%n%ce'])).toLowerCase();
  for (const email of emails) if (identities.split('\n').includes(email.toLowerCase())) traces.push(`address ${email} is still in a commit`);
  const pattern = textPattern(plan.texts);
  if (pattern && pattern.test(await git(repoDir, ['log', '--all', '--format=%B%n%an%n%cn'])))
    traces.push('an erased text is still in a commit message or name');
  for (const text of contentTexts) {
    const commits = (await git(repoDir, ['log', '--all', '--format=%h', '-i', '--pickaxe-regex', `-S${escapeRegExp(text)}`, '--', `sites/${slug}/`])).trim();
    if (commits) traces.push(`"${text}" is still in the files of sites/${slug}/ in commit ${commits.split('\n')[0]}`);
  }
  return traces;
}

/** Erases the person from every ref of the repository and verifies it. Throws `EraseError` before changing anything. */
export async function erasePerson(options: EraseOptions): Promise<EraseResult> {
  const { repoDir, slug } = options;
  const dirty = (await git(repoDir, ['status', '--porcelain', '--untracked-files=no'])).trim();
  if (dirty) throw new EraseError(`The working tree has uncommitted changes; commit or stash them first (nothing was changed):\n${dirty}`);
  const plan = await planErase(options);
  const emails = [...new Set((options.emails ?? []).map((e) => e.trim().toLowerCase()))];
  const contentTexts = (options.texts ?? []).map((t) => t.trim()).filter((t) => t.length >= 3);
  const work = await mkdtemp(path.join(tmpdir(), 'buurt-erase-'));
  try {
    const node = shellQuote(process.execPath);
    const args = ['filter-branch', '-f', '--prune-empty', '--tag-name-filter', 'cat'];
    const indexSteps: string[] = [];
    if (plan.paths.length) indexSteps.push(`git rm -r -q --cached --ignore-unmatch -- ${plan.paths.map(shellQuote).join(' ')}`);
    const contentPattern = textPattern(contentTexts);
    if (contentPattern) {
      const config = path.join(work, 'index.json');
      await writeFile(
        config,
        JSON.stringify({ pattern: contentPattern.source, replacement: ERASED, prefix: `sites/${slug}/`, cache: path.join(work, 'blobs.json') }),
      );
      await writeFile(path.join(work, 'index.mjs'), INDEX_SCRIPT);
      indexSteps.push(`${node} ${shellQuote(path.join(work, 'index.mjs'))} ${shellQuote(config)}`);
    }
    if (indexSteps.length) args.push('--index-filter', indexSteps.join(' && '));
    const messagePattern = textPattern(plan.texts);
    if (messagePattern) {
      const config = path.join(work, 'message.json');
      await writeFile(config, JSON.stringify({ pattern: messagePattern.source, replacement: ERASED }));
      await writeFile(path.join(work, 'message.mjs'), MESSAGE_SCRIPT);
      args.push('--msg-filter', `${node} ${shellQuote(path.join(work, 'message.mjs'))} ${shellQuote(config)}`);
    }
    if (emails.length) {
      const cases = emails.map(shellQuote).join('|');
      const { name, email } = ERASED_IDENTITY;
      args.push(
        '--env-filter',
        [
          `case "$(printf %s "$GIT_AUTHOR_EMAIL" | tr A-Z a-z)" in ${cases}) GIT_AUTHOR_NAME=${shellQuote(name)}; GIT_AUTHOR_EMAIL=${shellQuote(email)}; export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL;; esac`,
          `case "$(printf %s "$GIT_COMMITTER_EMAIL" | tr A-Z a-z)" in ${cases}) GIT_COMMITTER_NAME=${shellQuote(name)}; GIT_COMMITTER_EMAIL=${shellQuote(email)}; export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL;; esac`,
        ].join('\n'),
      );
    }
    args.push('--', '--all');
    try {
      await git(repoDir, args, { env: { FILTER_BRANCH_SQUELCH_WARNING: '1' } });
    } catch (error) {
      if (!(error instanceof GitError && /Found nothing to rewrite|unchanged/.test(error.stderr))) throw error;
    }
    // Drop filter-branch's backups, every reflog and every object no ref reaches any more.
    const backups = (await git(repoDir, ['for-each-ref', '--format=%(refname)', 'refs/original/'])).split('\n').filter(Boolean);
    for (const ref of backups) await git(repoDir, ['update-ref', '-d', ref]);
    await git(repoDir, ['reflog', 'expire', '--expire=now', '--expire-unreachable=now', '--all']);
    await git(repoDir, ['gc', '--prune=now', '--quiet']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const remaining = await findTraces(repoDir, slug, plan, emails, contentTexts);
  return { ...plan, remaining };
}
