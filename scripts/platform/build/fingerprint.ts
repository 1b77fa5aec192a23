/**
 * Incremental builds: what a buurt's site is made from, and whether it changed since its last successful build.
 *
 * A build's inputs are
 * - every file in the buurt's folder `sites/<slug>/`;
 * - the shared code every buurt is built with: the files of scripts/netlify/shared-inputs.txt, derived from the
 *   build's import graph (shared-inputs.ts), test files excluded;
 * - the environment that can change the output (`BUURT_*` variables, Netlify's CONTEXT, BRANCH, URL, …) and the
 *   Node version;
 * - the date: the agenda and scheduled news depend on "now". After a build we compute the next moment its output
 *   would change (an occurrence ending, a recurring activity entering the agenda's window, a scheduled news item
 *   appearing) and at the latest the next midnight in Amsterdam, so anything else that depends on the day is never
 *   more than a day stale. A later build rebuilds once now has passed that moment.
 *
 * The record of the last successful build is `.cache/<slug>/last-build.json`; the published folder carries a
 * random build id in `dist/<slug>/.buurt-build`, so a record never vouches for a folder it did not write.
 * File hashes are cached by size and modification time in `.cache/<slug>/input-hashes.json`, so an unchanged
 * buurt with hundreds of photos is recognised without reading them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ACTIVITY_PAGE_HORIZON_DAYS, RECURRING_HORIZON_DAYS } from '../../../src/listings/agenda.ts';
import type { LoadedSite } from '../../../src/model/content.ts';
import { addDays, fromWallClock, toWallClock } from '../../../src/dates/dates.ts';
import { publicationMoment } from '../../../src/listings/news.ts';
import { cacheRoot, rootDir, sitePaths } from '../../../src/core/paths.ts';
import { occurrences } from '../../../src/dates/recurrence.ts';
import { isIgnoredSharedFile, readSharedInputs } from './shared-inputs.ts';
import { listRegularFiles } from '../../../src/model/site-files.ts';

/** Environment variables other than `BUURT_*` that can change what a build writes (Netlify's build metadata). */
export const OUTPUT_ENV = ['CONTEXT', 'BRANCH', 'HEAD', 'URL', 'DEPLOY_PRIME_URL', 'REPOSITORY_URL', 'NODE_ENV'] as const;
/** `BUURT_*` variables that only say where things are, not what is built. */
const LOCATION_ENV = new Set([
  'BUURT',
  'BUURT_OUT_DIR',
  'BUURT_SITES_DIR',
  'BUURT_DIST_DIR',
  'BUURT_CACHE_DIR',
  'BUURT_TEMPLATES_DIR',
  'BUURT_CHECKED',
  'BUURT_CHECKED_CONTENT',
]);

const RECORD_VERSION = 1;
/** Name of the build-id file in a published folder. */
export const BUILD_ID_FILE = '.buurt-build';

/** The record of a buurt's last successful build. */
export interface BuildRecord {
  version: number;
  /** Hash of all inputs (site, shared code, environment, Node version). */
  inputs: string;
  site: string;
  shared: string;
  env: Record<string, string>;
  node: string;
  /** ISO time of the next moment the output would change by the date alone. */
  validUntil: string;
  builtAt: string;
  /** Random id, also written to dist/<slug>/.buurt-build. */
  buildId: string;
  pages: number;
  durationMs: number;
}

export interface Fingerprint {
  inputs: string;
  site: string;
  shared: string;
  env: Record<string, string>;
  node: string;
}

/** Why a buurt must be built, or undefined when its last build still stands. */
export type RebuildReason = 'forced' | 'never built' | 'output missing' | 'content changed' | 'shared code changed' | 'environment changed' | 'date passed';

/** Files modified more recently than this are always read, whatever the cache says. */
const RACY_MS = 3000;

interface HashCacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
}

/** The sha256 of a file, streamed. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Every regular file below `dir`, as sorted paths relative to it with forward slashes; [] when it does not exist.
 * Symbolic links are not followed (a buurt folder may hold none; `buurt check` refuses them).
 */
async function listFiles(dir: string): Promise<string[]> {
  return (await listRegularFiles(dir)).map((file) => path.relative(dir, file).split(path.sep).join('/')).sort();
}

/**
 * Hashes a list of files (paths relative to `base`) into one digest of their names and contents. With a
 * `cache` (path → size, mtime, hash), files whose size and modification time did not change are not read.
 */
async function hashTree(
  base: string,
  files: readonly string[],
  cache?: Map<string, HashCacheEntry>,
): Promise<{ hash: string; entries: Map<string, HashCacheEntry> }> {
  const entries = new Map<string, HashCacheEntry>();
  const digests = await mapLimit(files, 32, async (file) => {
    const full = path.join(base, file);
    const info = await stat(full);
    const cached = cache?.get(file);
    // Like git's "racy" check: a file modified in the last seconds may change again within the same mtime.
    const settled = Date.now() - info.mtimeMs > RACY_MS;
    const hash = cached && settled && cached.size === info.size && cached.mtimeMs === info.mtimeMs ? cached.hash : await hashFile(full);
    entries.set(file, { size: info.size, mtimeMs: info.mtimeMs, hash });
    return `${file}\0${hash}\n`;
  });
  const total = createHash('sha256');
  for (const line of digests) total.update(line);
  return { hash: total.digest('hex'), entries };
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Hash of the shared code (the shared inputs of the repository at `root`), the same for every buurt of one run. */
export async function hashSharedInputs(root: string = rootDir, inputs: readonly string[] = readSharedInputs(root)): Promise<string> {
  const files: string[] = [];
  for (const listed of inputs) {
    const input = listed.replace(/\/$/, '');
    const full = path.join(root, input);
    const info = await stat(full).catch(() => undefined);
    if (!info) continue;
    if (info.isFile()) files.push(input);
    else for (const file of await listFiles(full)) files.push(`${input}/${file}`);
  }
  return (
    await cachedHashTree(
      root,
      files.filter((f) => !isIgnoredSharedFile(f)),
      path.join(cacheRoot(), `shared-input-hashes-${createHash('sha1').update(root).digest('hex').slice(0, 10)}.json`),
    )
  ).hash;
}

/** `hashTree` with its size/mtime cache kept in `cacheFile` (rewritten only when something changed). */
async function cachedHashTree(base: string, files: readonly string[], cacheFile: string): Promise<{ hash: string }> {
  let cache: Map<string, HashCacheEntry> | undefined;
  try {
    cache = new Map(Object.entries(JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, HashCacheEntry>));
  } catch {
    cache = undefined;
  }
  const { hash, entries } = await hashTree(base, files, cache);
  const changed =
    !cache ||
    cache.size !== entries.size ||
    [...entries].some(([file, entry]) => cache.get(file)?.hash !== entry.hash || cache.get(file)?.mtimeMs !== entry.mtimeMs);
  if (changed) await writeJsonAtomic(cacheFile, Object.fromEntries(entries));
  return { hash };
}

/** Hash of every file in the buurt's folder, reusing and refreshing the size/mtime cache in its cache folder. */
export async function hashSiteInputs(slug: string): Promise<string> {
  const { siteDir, cacheDir } = sitePaths(slug);
  return (await cachedHashTree(siteDir, await listFiles(siteDir), path.join(cacheDir, 'input-hashes.json'))).hash;
}

/** The environment variables that can change a build's output, sorted. */
export function outputEnv(env: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (value === undefined) continue;
    if ((key.startsWith('BUURT_') && !LOCATION_ENV.has(key)) || (OUTPUT_ENV as readonly string[]).includes(key)) picked[key] = value;
  }
  return picked;
}

/** The fingerprint of a buurt's inputs now. Pass `shared` when building many buurten, to hash the shared code once. */
export async function fingerprint(slug: string, env: Record<string, string | undefined>, shared?: string | Promise<string>): Promise<Fingerprint> {
  const [site, sharedHash] = await Promise.all([hashSiteInputs(slug), shared ?? hashSharedInputs()]);
  const picked = outputEnv(env);
  const node = process.version;
  const inputs = createHash('sha256')
    .update(JSON.stringify({ site, shared: sharedHash, env: picked, node }))
    .digest('hex');
  return { inputs, site, shared: sharedHash, env: picked, node };
}

function recordFile(slug: string): string {
  return path.join(sitePaths(slug).cacheDir, 'last-build.json');
}

/** The record of the buurt's last successful build, if any. */
export async function readBuildRecord(slug: string): Promise<BuildRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(recordFile(slug), 'utf8')) as BuildRecord;
    return record.version === RECORD_VERSION ? record : undefined;
  } catch {
    return undefined;
  }
}

/** What the last build says before the inputs are known: a reason to rebuild, or its record to compare them with. */
export type LastBuild = { reason: RebuildReason; record?: undefined } | { reason?: undefined; record: BuildRecord };

/**
 * The reasons to rebuild that do not depend on the inputs (forced, never built, the published folder is not the
 * one the record vouches for), or the record that still stands.
 */
export async function lastBuild(slug: string, options: { force?: boolean } = {}): Promise<LastBuild> {
  if (options.force) return { reason: 'forced' };
  const record = await readBuildRecord(slug);
  if (!record) return { reason: 'never built' };
  const published = await readFile(path.join(sitePaths(slug).distDir, BUILD_ID_FILE), 'utf8').catch(() => undefined);
  if (published?.trim() !== record.buildId) return { reason: 'output missing' };
  return { record };
}

/** Why a buurt whose last build still stands must be rebuilt given its current fingerprint, if at all. */
export function inputsReason(record: BuildRecord, current: Fingerprint, now: Date): RebuildReason | undefined {
  if (record.site !== current.site) return 'content changed';
  if (record.shared !== current.shared) return 'shared code changed';
  if (record.inputs !== current.inputs) return 'environment changed';
  if (now.getTime() >= Date.parse(record.validUntil)) return 'date passed';
  return undefined;
}

/** Why the buurt must be rebuilt given its current fingerprint, or undefined when its published site is up to date. */
export async function rebuildReason(slug: string, current: Fingerprint, now: Date, options: { force?: boolean } = {}): Promise<RebuildReason | undefined> {
  const last = await lastBuild(slug, options);
  return last.reason ?? inputsReason(last.record, current, now);
}

/**
 * Records a successful build: writes the build id into the published folder, then the record into the cache.
 * A crash between the two leaves them disagreeing, which makes the next build rebuild (the safe direction).
 */
export async function writeBuildRecord(
  slug: string,
  current: Fingerprint,
  details: { validUntil: Date; pages: number; durationMs: number; builtAt?: Date },
): Promise<BuildRecord> {
  const record: BuildRecord = {
    version: RECORD_VERSION,
    ...current,
    validUntil: details.validUntil.toISOString(),
    builtAt: (details.builtAt ?? new Date()).toISOString(),
    buildId: randomUUID(),
    pages: details.pages,
    durationMs: Math.round(details.durationMs),
  };
  await writeFile(path.join(sitePaths(slug).distDir, BUILD_ID_FILE), `${record.buildId}\n`);
  await writeJsonAtomic(recordFile(slug), record);
  return record;
}

/** The first moment after `now` at which Amsterdam's calendar day changes. */
export function nextAmsterdamMidnight(now: Date): Date {
  const today = toWallClock(now);
  return fromWallClock({ ...addDays(today, 1), hour: 0, minute: 0 });
}

const DAY = 86_400_000;

/**
 * The next moment after `now` at which the buurt's site would look different with the same content: a news
 * item's publication, an occurrence ending (it leaves the agenda), an occurrence coming within the agenda's or
 * an activity page's window, or else the next midnight in Amsterdam.
 */
export function nextOutputChange(site: Pick<LoadedSite, 'entries'>, now: Date): Date {
  let next = nextAmsterdamMidnight(now).getTime();
  const consider = (moment: number) => {
    if (moment > now.getTime() && moment < next) next = moment;
  };
  for (const item of site.entries.nieuws) {
    if (!item.data.draft) consider(publicationMoment(item).getTime());
  }
  const horizons = [RECURRING_HORIZON_DAYS, ACTIVITY_PAGE_HORIZON_DAYS].map((days) => days * DAY);
  for (const activity of site.entries.agenda) {
    if (activity.data.draft) continue;
    // Beyond the largest window nothing can change before the next midnight.
    const coming = occurrences(activity.data, now, new Date(now.getTime() + (ACTIVITY_PAGE_HORIZON_DAYS + 2) * DAY));
    // An occurrence leaves the agenda the moment after it ends.
    for (const occurrence of coming) consider((occurrence.end ?? occurrence.start).getTime() + 1);
    // A later occurrence enters a window when now + window reaches its start.
    for (const horizon of horizons) {
      const entering = coming.find((o) => o.start.getTime() > now.getTime() + horizon);
      if (entering) consider(entering.start.getTime() - horizon);
    }
  }
  return new Date(next);
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temp, JSON.stringify(value));
  await rename(temp, file);
}
