/**
 * The local CMS backend for `buurt dev` and `npm start`: answers the API of Decap's `proxy` backend (the actions
 * decap-server 3.11 answers, with the same request and answer shapes) for ONE buurt, reading and writing its
 * branches with git plumbing only. Hand-written instead of decap-server, which runs one git command at a time
 * behind a 3 s timeout, checks branches out in the folder the site is served from and can write anywhere in
 * the repository (docs/maintainers/local-editing.md).
 *
 * - Reads come from commits (`ls-tree`, `cat-file --batch`), never from a work tree, and never wait.
 * - Writes build a commit from a temporary index (`hash-object`, `update-index`, `write-tree`, `commit-tree`) and
 *   move the branch with `update-ref <new> <old>`; they queue one after another, without a timeout.
 * - Every path must lie inside `sites/<slug>/`; the branch must be the buurt's CMS branch.
 * - Editorial workflow as decap-server keeps it: a concept is a branch (here `cms/<slug>/<collection>/<entry>`,
 *   so two buurten never share one), its status the branch's `description` in git config.
 * - Publishing merges the concept into the CMS branch (a fast-forward, or a merge commit from `merge-tree`) and
 *   then brings the served folder (`servedDir/sites/<slug>/`) to the new commit file by file, each written
 *   beside its place and renamed over it: the site never reads a half-written file or an unpublished concept.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git, gitBuffer, GitError } from '../core/git.ts';
import { LOCAL_CMS_ERRORS, LocalCmsError } from './local-errors.ts';

/** Who the CMS's commits are by. */
export interface CommitIdentity {
  name: string;
  email: string;
}

export interface LocalBackendOptions {
  /** The repository's top folder. */
  repoDir: string;
  /** The buurt: only `sites/<slug>/` can be read or written. */
  slug: string;
  /** The branch the site is served from: "buurt-cms/oost". */
  branch: string;
  /** Holds `sites/<slug>/` as of `servedCommit`; brought up to date after every commit on `branch`. */
  servedDir: string;
  /** The commit `servedDir` holds now. */
  servedCommit: string;
  author: CommitIdentity;
  /** Called (in order) after `branch` moved and `servedDir` shows the new commit. */
  onPublished?: (commit: string) => void | Promise<void>;
  log?: (line: string) => void;
}

/** An answer of the API: an HTTP status and a JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface LocalBackend {
  /** Answers one API request body (`{ action, params }`). Never throws: failures are answers with a Dutch `error`. */
  handle(request: unknown): Promise<ApiAnswer>;
  /** Resolves when every write asked for so far is done. */
  idle(): Promise<void>;
}

const CMS_BRANCH_PREFIX = 'cms';
const DEFAULT_LABEL_PREFIX = 'decap-cms/';
/** Larger files are not sent to the editor (the check refuses content files far smaller). */
const MAX_READ_BYTES = 40 * 1024 * 1024;
const WRITE_ACTIONS = new Set([
  'persistEntry',
  'persistMedia',
  'deleteFile',
  'deleteFiles',
  'publishUnpublishedEntry',
  'deleteUnpublishedEntry',
  'updateUnpublishedEntryStatus',
]);

type Params = Record<string, unknown>;

/** A concept's branch: "cms/oost/nieuws/straatspeeldag". */
export function conceptBranch(slug: string, collection: string, entry: string): string {
  return `${CMS_BRANCH_PREFIX}/${slug}/${collection}/${entry}`;
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Checks a repository path sent by the CMS and returns it: inside `sites/<slug>/`, relative, with forward
 * slashes, no empty, `.`, `..` or `.git` segment and no control character. Throws `LocalCmsError` otherwise.
 */
export function confinePath(slug: string, value: unknown, kind: 'file' | 'folder' = 'file'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) throw new LocalCmsError('badPath', { path: String(value).slice(0, 200), slug });
  const segments = value.replace(/\/$/, '').split('/');
  const bad =
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    /[\u0000-\u001f\u007f\\]/.test(value) ||
    value.normalize('NFC') !== value ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.toLowerCase() === '.git') ||
    segments[0] !== 'sites' ||
    segments[1] !== slug ||
    segments.length < (kind === 'file' ? 3 : 2);
  if (bad) throw new LocalCmsError('outsideBuurt', { path: value.slice(0, 200), slug });
  return segments.join('/');
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

function requireString(params: Params, key: string): string {
  const value = params[key];
  if (!isText(value) || value === '') throw new LocalCmsError('badRequest', { detail: `"${key}" ontbreekt` });
  return value;
}

function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/** Commit messages come from the browser: no control characters but newlines, at most 1,000 characters. */
function cleanMessage(message: string): string {
  const clean = message
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .slice(0, 1000)
    .trim();
  return clean || 'Wijziging via de lokale CMS';
}

interface TreeFile {
  mode: string;
  oid: string;
  path: string;
  size: number;
}

type Change = { path: string; content: Buffer } | { path: string; remove: true };

export function createLocalBackend(options: LocalBackendOptions): LocalBackend {
  const { repoDir, slug, branch } = options;
  const buurtDir = `sites/${slug}`;
  const conceptPrefix = `${CMS_BRANCH_PREFIX}/${slug}/`;
  const log = options.log ?? (() => {});
  const identity = {
    GIT_AUTHOR_NAME: options.author.name,
    GIT_AUTHOR_EMAIL: options.author.email,
    GIT_COMMITTER_NAME: options.author.name,
    GIT_COMMITTER_EMAIL: options.author.email,
  };
  let servedCommit = options.servedCommit;
  let writes: Promise<unknown> = Promise.resolve();
  let zeroOid: Promise<string> | undefined;

  const run = (args: string[], env?: Record<string, string>) => git(repoDir, args, env ? { env } : {}).then((out) => out.trim());
  const zero = () => (zeroOid ??= run(['rev-parse', '--show-object-format']).then((format) => '0'.repeat(format === 'sha256' ? 64 : 40)));

  async function tip(ref: string): Promise<string | undefined> {
    try {
      return await run(['rev-parse', '--verify', '--quiet', `refs/heads/${ref}^{commit}`]);
    } catch {
      return undefined;
    }
  }

  async function mainTip(): Promise<string> {
    const commit = await tip(branch);
    if (!commit) throw new LocalCmsError('branchMissing', { branch });
    return commit;
  }

  /** Regular files under `dir` in `commit`, at most `depth` levels deep (1: the folder itself). */
  async function listFiles(commit: string, dir: string, depth: number): Promise<TreeFile[]> {
    const out = (await gitBuffer(repoDir, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', `${dir}/`])).toString('utf8');
    const files: TreeFile[] = [];
    for (const record of out.split('\0')) {
      const match = /^(\d+) (\w+) ([0-9a-f]+) +(\S+)\t(.*)$/s.exec(record);
      if (!match) continue;
      const [, mode, type, oid, size, file] = match;
      // Only regular files: a symbolic link or a submodule in a buurt is never shown or followed.
      if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue;
      const relative = file!.slice(dir.length + 1);
      if (relative.split('/').length > depth) continue;
      files.push({ mode: mode!, oid: oid!, path: file!, size: Number(size) });
    }
    return files;
  }

  /** The contents of blobs, in order, read with one `cat-file --batch`. */
  async function readBlobs(oids: string[]): Promise<Buffer[]> {
    if (oids.length === 0) return [];
    const out = await gitBuffer(repoDir, ['cat-file', '--batch'], { input: oids.join('\n') + '\n' });
    const blobs: Buffer[] = [];
    let offset = 0;
    for (let i = 0; i < oids.length; i++) {
      const end = out.indexOf(10, offset);
      const header = out.subarray(offset, end).toString('utf8');
      const size = Number(header.split(' ')[2]);
      if (!Number.isFinite(size)) throw new Error(`git cat-file: ${header}`);
      blobs.push(out.subarray(end + 1, end + 1 + size));
      offset = end + 1 + size + 1;
    }
    return blobs;
  }

  /** A file of `commit`, or undefined when there is no regular file at `file`. */
  async function readFile(commit: string, file: string): Promise<Buffer | undefined> {
    const [found] = (await listFiles(commit, path.posix.dirname(file), 1)).filter((entry) => entry.path === file);
    if (!found) return undefined;
    if (found.size > MAX_READ_BYTES) throw new LocalCmsError('tooLarge', { path: file, size: found.size });
    return (await readBlobs([found.oid]))[0];
  }

  async function entries(commit: string, files: { path: string; label?: string }[]) {
    const found = new Map<string, TreeFile>();
    const dirs = [...new Set(files.map((file) => path.posix.dirname(file.path)))];
    for (const dir of dirs) for (const entry of await listFiles(commit, dir, 1)) found.set(entry.path, entry);
    const present = files.map((file) => found.get(file.path)).filter((entry): entry is TreeFile => entry !== undefined && entry.size <= MAX_READ_BYTES);
    const blobs = new Map<string, Buffer>();
    const contents = await readBlobs(present.map((entry) => entry.oid));
    present.forEach((entry, i) => blobs.set(entry.path, contents[i]!));
    return files.map((file) => {
      const content = blobs.get(file.path);
      const label = file.label === undefined ? {} : { label: file.label };
      return content
        ? { data: content.toString('utf8'), file: { path: file.path, ...label, id: sha256(content) } }
        : { data: null, file: { path: file.path, ...label, id: null } };
    });
  }

  function mediaFile(file: string, content: Buffer) {
    return { id: sha256(content), content: content.toString('base64'), encoding: 'base64', path: file, name: path.posix.basename(file) };
  }

  /** Files that differ between the merge base of `from` and `to`, and `to`, inside the buurt. */
  async function conceptDiffs(from: string, to: string) {
    const range = `${from}...${to}`;
    const status = (await gitBuffer(repoDir, ['diff', '-z', '--no-renames', '--name-status', range, '--', `${buurtDir}/`])).toString('utf8').split('\0');
    const numstat = (await gitBuffer(repoDir, ['diff', '-z', '--no-renames', '--numstat', range, '--', `${buurtDir}/`])).toString('utf8').split('\0');
    const binary = new Set<string>();
    for (const record of numstat) {
      const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(record.replace(/^\n/, ''));
      if (match && match[1] === '-') binary.add(match[3]!);
    }
    const diffs = [];
    for (let i = 0; i + 1 < status.length; i += 2) {
      const code = status[i]!.replace(/^\n/, '');
      const file = status[i + 1]!;
      if (!code) continue;
      const kind = code[0] === 'A' ? 'added' : code[0] === 'D' ? 'deleted' : 'modified';
      diffs.push({
        oldPath: kind === 'added' ? '' : file,
        newPath: kind === 'deleted' ? '' : file,
        status: kind,
        newFile: kind === 'added',
        path: file,
        id: file,
        binary: binary.has(file) || !/\.(md|markdown|ya?ml|json|toml)$/i.test(file),
      });
    }
    return diffs;
  }

  /** Builds a commit on `parent` with `changes`, moves `ref` from `expected` to it, and returns it. */
  async function commit(ref: string, parent: string, expected: string, changes: Change[], message: string): Promise<string> {
    const scratch = await mkdtemp(path.join(tmpdir(), 'buurt-cms-index-'));
    try {
      const env = { ...identity, GIT_INDEX_FILE: path.join(scratch, 'index') };
      await run(['read-tree', parent], env);
      const lines: string[] = [];
      for (const change of changes) {
        if ('remove' in change) lines.push(`0 ${await zero()}\t${change.path}`);
        else {
          const oid = (await gitBuffer(repoDir, ['hash-object', '-w', '--stdin'], { input: change.content })).toString('utf8').trim();
          lines.push(`100644 ${oid}\t${change.path}`);
        }
      }
      if (lines.length) await gitBuffer(repoDir, ['update-index', '-z', '--index-info'], { env, input: lines.join('\0') + '\0' });
      const tree = await run(['write-tree'], env);
      const created = await run(['commit-tree', tree, '-p', parent, '-m', cleanMessage(message)], env);
      await run(['update-ref', '-m', `buurt cms: ${ref}`, `refs/heads/${ref}`, created, expected]);
      return created;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Brings `servedDir/sites/<slug>/` from `servedCommit` to `commit`, one atomic rename per file. */
  async function updateServed(commit: string): Promise<void> {
    if (commit === servedCommit) return;
    const out = (await gitBuffer(repoDir, ['diff-tree', '-r', '-z', '--no-renames', servedCommit, commit, '--', `${buurtDir}/`])).toString('utf8').split('\0');
    const writesFirst: TreeFile[] = [];
    const removals: string[] = [];
    for (let i = 0; i + 1 < out.length; i += 2) {
      const match = /^:(\d+) (\d+) [0-9a-f]+ ([0-9a-f]+) (\w)/.exec(out[i]!.replace(/^\n/, ''));
      if (!match) continue;
      const [, , newMode, oid, status] = match;
      const file = out[i + 1]!;
      if (status === 'D' || !/^1006[04][04]$/.test(newMode!)) removals.push(file);
      else writesFirst.push({ mode: newMode!, oid: oid!, path: file, size: 0 });
    }
    // Photos before the pages that show them; pages removed before their photos.
    const isContent = (file: string) => /\.(md|ya?ml|json)$/.test(file);
    writesFirst.sort((a, b) => Number(isContent(a.path)) - Number(isContent(b.path)));
    removals.sort((a, b) => Number(isContent(b)) - Number(isContent(a)));
    const staging = path.join(options.servedDir, '.staging');
    await mkdir(staging, { recursive: true });
    const contents = await readBlobs(writesFirst.map((file) => file.oid));
    for (const [i, file] of writesFirst.entries()) {
      const target = path.join(options.servedDir, ...file.path.split('/'));
      const temporary = path.join(staging, `${i}-${process.pid}-${Date.now()}`);
      await writeFile(temporary, contents[i]!);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temporary, target);
    }
    for (const file of removals) {
      const target = path.join(options.servedDir, ...file.split('/'));
      await rm(target, { force: true, recursive: true });
      // Empty folders left behind go too (rmdir refuses a folder that is not empty).
      for (let dir = path.dirname(target); dir.startsWith(path.join(options.servedDir, 'sites', slug, path.sep)); dir = path.dirname(dir)) {
        if (
          !(await rmdir(dir).then(
            () => true,
            () => false,
          ))
        )
          break;
      }
    }
    servedCommit = commit;
  }

  async function published(commit: string): Promise<void> {
    await updateServed(commit);
    await options.onPublished?.(commit);
  }

  function dataChanges(dataFiles: Params[], assets: Params[]): Change[] {
    const changes: Change[] = [];
    for (const file of dataFiles) {
      const raw = file.raw;
      if (!isText(raw)) throw new LocalCmsError('badRequest', { detail: '"raw" ontbreekt' });
      const from = confinePath(slug, file.path);
      const to = file.newPath === undefined ? from : confinePath(slug, file.newPath);
      changes.push({ path: to, content: Buffer.from(raw, 'utf8') });
      if (to !== from) changes.push({ path: from, remove: true });
    }
    for (const asset of assets) changes.push({ path: confinePath(slug, asset.path), content: assetContent(asset) });
    return changes;
  }

  function assetContent(asset: Params): Buffer {
    if (asset.encoding !== 'base64' || !isText(asset.content)) throw new LocalCmsError('badRequest', { detail: 'een bestand zonder base64-inhoud' });
    return Buffer.from(asset.content, 'base64');
  }

  /** The concept named by `collection` and `slug`, or (`unpublishedEntry` only) by its content key `id`. */
  function conceptOf(params: Params, byId = false): { collection: string; entry: string; ref: string } {
    let collection = params.collection;
    let entry = params.slug;
    if (byId && isText(params.id) && params.id.includes('/')) {
      collection = params.id.slice(0, params.id.indexOf('/'));
      entry = params.id.slice(params.id.indexOf('/') + 1);
    }
    if (
      !isText(collection) ||
      !isText(entry) ||
      !SEGMENT.test(collection) ||
      !entry.split('/').every((part) => SEGMENT.test(part) && !part.endsWith('.lock'))
    ) {
      throw new LocalCmsError('badConcept', { collection: String(collection).slice(0, 100), entry: String(entry).slice(0, 100) });
    }
    return { collection, entry, ref: conceptBranch(slug, collection, entry) };
  }

  async function setStatus(ref: string, status: string, labelPrefix: unknown): Promise<string> {
    const label = `${isText(labelPrefix) && labelPrefix ? labelPrefix : DEFAULT_LABEL_PREFIX}${status}`;
    await run(['config', `branch.${ref}.description`, label]);
    return label;
  }

  async function deleteConcept(ref: string, expected: string): Promise<void> {
    await run(['update-ref', '-d', `refs/heads/${ref}`, expected]);
    await run(['config', '--remove-section', `branch.${ref}`]).catch(() => undefined);
  }

  async function read(action: string, params: Params): Promise<ApiAnswer> {
    const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
    switch (action) {
      case 'entriesByFolder': {
        const folder = confinePath(slug, params.folder, 'folder');
        const extension = isText(params.extension) ? params.extension : '';
        const depth = typeof params.depth === 'number' ? params.depth : 1;
        const commit = await mainTip();
        const files = (await listFiles(commit, folder, depth)).filter((file) => file.path.endsWith(extension));
        return ok(
          await entries(
            commit,
            files.map((file) => ({ path: file.path })),
          ),
        );
      }
      case 'entriesByFiles': {
        const files = Array.isArray(params.files) ? (params.files as Params[]) : [];
        const wanted = files.map((file) => ({ path: confinePath(slug, file.path), ...(isText(file.label) ? { label: file.label } : {}) }));
        return ok(await entries(await mainTip(), wanted));
      }
      case 'getEntry': {
        const [entry] = await entries(await mainTip(), [{ path: confinePath(slug, params.path) }]);
        return ok(entry);
      }
      case 'unpublishedEntries': {
        const refs = await run(['for-each-ref', '--format=%(refname)', `refs/heads/${conceptPrefix}`]);
        return ok(
          refs
            .split('\n')
            .filter(Boolean)
            .map((ref) => ref.slice(`refs/heads/${conceptPrefix}`.length)),
        );
      }
      case 'unpublishedEntry': {
        const { collection, entry, ref } = conceptOf(params, true);
        const concept = await tip(ref);
        if (!concept) return { status: 404, body: { message: 'Not Found' } };
        const diffs = await conceptDiffs(await mainTip(), concept);
        const label = await run(['config', `branch.${ref}.description`]).catch(() => '');
        const prefix = isText(params.cmsLabelPrefix) && params.cmsLabelPrefix ? params.cmsLabelPrefix : DEFAULT_LABEL_PREFIX;
        const status = label && label.startsWith(prefix) ? label.slice(prefix.length) : label;
        const updatedAt = new Date(Number(await run(['log', '-1', '--format=%ct', concept])) * 1000);
        return ok({ collection, slug: entry, status, diffs, updatedAt });
      }
      case 'unpublishedEntryDataFile':
      case 'unpublishedEntryMediaFile': {
        const { ref } = conceptOf(params);
        const file = confinePath(slug, params.path);
        const concept = await tip(ref);
        if (!concept) throw new LocalCmsError('conceptMissing', { branch: ref });
        const content = await readFile(concept, file);
        if (action === 'unpublishedEntryDataFile') return ok({ data: content ? content.toString('utf8') : null });
        if (!content) throw new LocalCmsError('fileMissing', { path: file });
        return ok(mediaFile(file, content));
      }
      case 'getMedia': {
        const folder = confinePath(slug, params.mediaFolder, 'folder');
        const commit = await mainTip();
        const files = (await listFiles(commit, folder, 1)).filter((file) => file.size <= MAX_READ_BYTES);
        const contents = await readBlobs(files.map((file) => file.oid));
        return ok(files.map((file, i) => mediaFile(file.path, contents[i]!)));
      }
      case 'getMediaFile': {
        const file = confinePath(slug, params.path);
        const content = await readFile(await mainTip(), file);
        if (!content) throw new LocalCmsError('fileMissing', { path: file });
        return ok(mediaFile(file, content));
      }
      case 'getDeployPreview':
        return ok(null);
      default:
        return { status: 422, body: { error: LOCAL_CMS_ERRORS.unknownAction({ action: action.slice(0, 100) }) } };
    }
  }

  async function write(action: string, params: Params): Promise<ApiAnswer> {
    const ok = (body: unknown): ApiAnswer => ({ status: 200, body });
    switch (action) {
      case 'persistEntry': {
        const options = (params.options ?? {}) as Params;
        const dataFiles = (Array.isArray(params.dataFiles) ? params.dataFiles : params.entry ? [params.entry] : []) as Params[];
        const assets = (Array.isArray(params.assets) ? params.assets : []) as Params[];
        if (dataFiles.length === 0) throw new LocalCmsError('badRequest', { detail: 'geen bestand om op te slaan' });
        const changes = dataChanges(dataFiles, assets);
        const message = isText(options.commitMessage) ? options.commitMessage : '';
        const main = await mainTip();
        if (options.useWorkflow !== true) {
          await published(await commit(branch, main, main, changes, message));
          return ok({ message: 'entry persisted' });
        }
        const { ref } = conceptOf({ collection: options.collectionName, slug: dataFiles[0]!.slug });
        const concept = await tip(ref);
        if (concept) {
          // As decap-server: photos no longer in the entry leave the concept.
          const kept = new Set(changes.map((change) => change.path));
          for (const diff of await conceptDiffs(main, concept)) {
            if (diff.binary && diff.status !== 'deleted' && !kept.has(diff.path)) changes.push({ path: diff.path, remove: true });
          }
          await commit(ref, concept, concept, changes, message);
        } else {
          await commit(ref, main, await zero(), changes, message);
          await setStatus(ref, isText(options.status) && options.status ? options.status : 'draft', params.cmsLabelPrefix);
        }
        return ok({ message: 'entry persisted' });
      }
      case 'updateUnpublishedEntryStatus': {
        const { ref } = conceptOf(params);
        if (!(await tip(ref))) throw new LocalCmsError('conceptMissing', { branch: ref });
        const label = await setStatus(ref, requireString(params, 'newStatus'), params.cmsLabelPrefix);
        return ok({ message: `${branch} description was updated to ${label}` });
      }
      case 'deleteUnpublishedEntry': {
        const { ref } = conceptOf(params);
        const concept = await tip(ref);
        if (concept) await deleteConcept(ref, concept);
        return ok({ message: `deleted branch: ${ref}` });
      }
      case 'publishUnpublishedEntry': {
        const { ref } = conceptOf(params);
        const concept = await tip(ref);
        if (!concept) throw new LocalCmsError('conceptMissing', { branch: ref });
        const main = await mainTip();
        const fastForward = await run(['merge-base', '--is-ancestor', main, concept]).then(
          () => true,
          () => false,
        );
        let merged = concept;
        if (!fastForward) {
          let tree: string;
          try {
            tree = (await run(['merge-tree', '--write-tree', '--no-messages', main, concept])).split('\n')[0]!;
          } catch (error) {
            if (error instanceof GitError && error.exitCode === 1) throw new LocalCmsError('conflict', { branch: ref });
            throw error;
          }
          merged = await run(['commit-tree', tree, '-p', main, '-p', concept, '-m', `Merge branch '${ref}' into ${branch}`], identity);
        }
        await run(['update-ref', '-m', `buurt cms: publish ${ref}`, `refs/heads/${branch}`, merged, main]);
        await deleteConcept(ref, concept);
        await published(merged);
        return ok({ message: `branch ${ref} merged to ${branch}` });
      }
      case 'persistMedia': {
        const asset = (params.asset ?? {}) as Params;
        const file = confinePath(slug, asset.path);
        const content = assetContent(asset);
        const main = await mainTip();
        await published(await commit(branch, main, main, [{ path: file, content }], String((params.options as Params | undefined)?.commitMessage ?? '')));
        return ok(mediaFile(file, content));
      }
      case 'deleteFile':
      case 'deleteFiles': {
        const paths = action === 'deleteFile' ? [params.path] : Array.isArray(params.paths) ? params.paths : [];
        const files = paths.map((file) => confinePath(slug, file));
        if (files.length === 0) throw new LocalCmsError('badRequest', { detail: 'geen bestand om te verwijderen' });
        const main = await mainTip();
        const message = String((params.options as Params | undefined)?.commitMessage ?? '');
        await published(
          await commit(
            branch,
            main,
            main,
            files.map((file) => ({ path: file, remove: true as const })),
            message,
          ),
        );
        return ok({ message: action === 'deleteFile' ? `deleted file ${files[0]}` : `deleted files ${files.join(', ')}` });
      }
      default:
        return read(action, params);
    }
  }

  async function answer(request: unknown): Promise<ApiAnswer> {
    const { action, params } = (request ?? {}) as { action?: unknown; params?: unknown };
    if (!isText(action)) throw new LocalCmsError('badRequest', { detail: '"action" ontbreekt' });
    if (action === 'info') return { status: 200, body: { repo: path.basename(repoDir), publish_modes: ['simple', 'editorial_workflow'], type: 'local_git' } };
    const given = (params ?? {}) as Params;
    if (given.branch !== branch) throw new LocalCmsError('wrongBranch', { given: String(given.branch).slice(0, 100), branch });
    if (!WRITE_ACTIONS.has(action)) return read(action, given);
    // Writes wait for each other, however long that takes; a failed write does not stop the next.
    const result = writes.then(() => write(action, given));
    writes = result.catch(() => undefined);
    return result;
  }

  return {
    async handle(request) {
      try {
        return await answer(request);
      } catch (error) {
        if (error instanceof LocalCmsError) return { status: error.status, body: { error: error.message } };
        const action = (request as { action?: unknown } | null)?.action;
        log(`local CMS: ${String(action)} failed: ${(error as Error).message}`);
        return { status: 500, body: { error: LOCAL_CMS_ERRORS.unexpected({ reason: (error as Error).message.split('\n')[0]!.slice(0, 300) }) } };
      }
    },
    idle: () => writes.then(() => undefined),
  };
}
