/**
 * `buurt prikbord opruimen <slug>`: removes the buurt's prikbord posts that expired more than the grace period
 * ago (PRIKBORD_GRACE_DAYS) from the repository, with their photos, as ONE commit, and deletes their posters'
 * records (the e-mail addresses) from Blobs. Records whose post never reached the repository (a draft the editors
 * rejected) are deleted once they are older than any post can live.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '@netlify/blobs';
import { loadSite } from '../../src/model/content.ts';
import { addDays, formatIsoDate, parseWallClock, toDateString } from '../../src/dates/dates.ts';
import { git } from '../../src/core/git.ts';
import { resolveMediaPath } from '../../src/media/images.ts';
import { isPastGrace, lastDay, PRIKBORD_GRACE_DAYS } from '../../src/prikbord/posts.ts';
import { deletePoster, listPosters, readPoster } from '../../src/prikbord/store.ts';
import { addMonthsToDate, PRIKBORD_MAX_MONTHS } from '../../src/model/schemas.ts';

export interface CleanupOptions {
  slug: string;
  /** The repository holding sites/<slug>/. */
  repoDir: string;
  now: Date;
  /** The prikbord store; without it, records are left (and the result says so). */
  store?: Store | undefined;
  /** False: only say what would go. */
  apply: boolean;
}

export interface CleanupResult {
  /** The posts removed (or to remove), with their last day. */
  posts: { id: string; lastDay: string; files: string[] }[];
  /** The commit made, when something was removed. */
  commit?: string;
  /** Records deleted from Blobs (posts removed now, and old records without a post). */
  records: string[];
}

/** Finds (and with `apply`, removes) the posts past their grace period. */
export async function cleanUpPrikbord(options: CleanupOptions): Promise<CleanupResult> {
  const site = await loadSite(options.slug);
  const posts: CleanupResult['posts'] = [];
  for (const post of site.entries.prikbord) {
    if (!isPastGrace(post.data, options.now)) continue;
    const files = [post.file];
    const photo = post.data.image ? resolveMediaPath(post.data.image.src, post.file, site.paths.siteDir) : undefined;
    const used =
      photo &&
      Object.values(site.entries)
        .flat()
        .some((e) => e !== post && JSON.stringify(e.data).includes(path.basename(photo)));
    if (photo && !used && (await stat(photo).catch(() => undefined))) files.push(photo);
    posts.push({ id: post.id, lastDay: lastDay(post.data), files: files.map((f) => path.relative(options.repoDir, f)) });
  }
  const result: CleanupResult = { posts, records: [] };
  if (!options.apply) return result;
  if (posts.length) {
    const files = posts.flatMap((p) => p.files);
    await git(options.repoDir, ['rm', '-q', '--', ...files]);
    const message = [
      `Prikbord: ${posts.length} verlopen oproep${posts.length === 1 ? '' : 'en'} opgeruimd (${options.slug})`,
      '',
      ...posts.map((p) => `- ${p.id} (laatste dag ${p.lastDay})`),
    ].join('\n');
    // Only these paths: whatever else is staged stays staged and out of this commit.
    await git(options.repoDir, ['commit', '-q', '-m', message, '--', ...files]);
    result.commit = (await git(options.repoDir, ['rev-parse', 'HEAD'])).trim();
  }
  if (options.store) {
    for (const post of posts) {
      await deletePoster(options.store, options.slug, post.id);
      result.records.push(post.id);
    }
    const present = new Set(site.entries.prikbord.map((p) => p.id));
    const today = toDateString(options.now);
    for (const id of await listPosters(options.store, options.slug)) {
      if (present.has(id) || result.records.includes(id)) continue;
      const record = await readPoster(options.store, options.slug, id);
      const created = record?.created ? toDateString(new Date(record.created)) : undefined;
      const gone = created ? formatIsoDate(addDays(parseWallClock(addMonthsToDate(created, PRIKBORD_MAX_MONTHS)), PRIKBORD_GRACE_DAYS)) < today : true;
      if (!gone) continue;
      await deletePoster(options.store, options.slug, id);
      result.records.push(id);
    }
  }
  return result;
}
