/**
 * Building many buurten: each one incrementally (skipped when its inputs and the date have not changed since
 * its last successful build, see fingerprint.ts) and several at once. `buildSite` stays the unit of work; every
 * build runs Astro in its own process with its own root and cache, so parallel builds never share state.
 * One buurt failing never stops the others.
 */
import { availableParallelism } from 'node:os';
import { BuildError, buildSite, keptSiteNote } from './build.ts';
import { buildNow } from '../../../src/dates/dates.ts';
import {
  fingerprint,
  hashSharedInputs,
  inputsReason,
  lastBuild,
  nextOutputChange,
  readBuildRecord,
  writeBuildRecord,
  type RebuildReason,
} from './fingerprint.ts';
import { ContentError, type Problem } from '../../../src/model/problems.ts';

export type BuildStatus = 'built' | 'unchanged' | 'content-errors' | 'failed';

/** What happened to one buurt. */
export interface BuildOutcome {
  slug: string;
  status: BuildStatus;
  /** Pages in the published site (of the last successful build when unchanged or failed). */
  pages: number;
  durationMs: number;
  /** Why it was (re)built; undefined when unchanged. */
  reason?: RebuildReason | undefined;
  /** Until when an unchanged or just-built site stays right by the date alone. */
  validUntil?: Date | undefined;
  warnings: Problem[];
  /** The content errors that stopped the build. */
  problems?: readonly Problem[] | undefined;
  /** What went wrong, in a sentence, for a failed build. */
  error?: string | undefined;
  /** For a failed build: what stays published ("the previous site in dist/oost/ was kept, unchanged"). */
  kept?: string | undefined;
  /** The end of Astro's output, for a failed build. */
  log?: string | undefined;
}

export interface IncrementalOptions {
  /** Build even when nothing changed. */
  force?: boolean;
  /** Extra environment for the build (e.g. BUURT_NOW); also part of the fingerprint. */
  env?: Record<string, string | undefined>;
  /** Hash of the shared code, when the caller already computes it (once for many buurten). */
  shared?: string | Promise<string>;
  onLog?: (line: string) => void;
}

/** Builds one buurt unless its last build still stands. Never throws for content or build errors: see `status`. */
export async function buildIfChanged(slug: string, options: IncrementalOptions = {}): Promise<BuildOutcome> {
  const started = performance.now();
  const env = { ...process.env, ...options.env };
  const now = buildNow(env);
  // When the build is certain anyway, Astro starts while the inputs are hashed (buildSite's inputsRead).
  const last = await lastBuild(slug, { force: options.force });
  const hashing = fingerprint(slug, env, options.shared);
  hashing.catch(() => undefined);
  const reason = last.reason ?? inputsReason(last.record, await hashing, now);
  if (!reason) {
    const { record } = last;
    return {
      slug,
      status: 'unchanged',
      pages: record?.pages ?? 0,
      durationMs: performance.now() - started,
      validUntil: record ? new Date(record.validUntil) : undefined,
      warnings: [],
    };
  }
  try {
    const result = await buildSite(slug, { env: options.env, onLog: options.onLog, inputsRead: hashing });
    const validUntil = nextOutputChange(result.site, now);
    const durationMs = performance.now() - started;
    await writeBuildRecord(slug, await hashing, { validUntil, pages: result.pages, durationMs });
    return { slug, status: 'built', pages: result.pages, durationMs, reason, validUntil, warnings: result.warnings };
  } catch (error) {
    const previous = (await readBuildRecord(slug))?.pages ?? 0;
    const base = { slug, pages: previous, durationMs: performance.now() - started, reason, warnings: [], kept: keptSiteNote(slug) };
    if (error instanceof ContentError) {
      return {
        ...base,
        status: 'content-errors',
        problems: error.problems.filter((p) => p.severity === 'error'),
        warnings: error.problems.filter((p) => p.severity === 'warning'),
        error: error.message,
      };
    }
    if (error instanceof BuildError) return { ...base, status: 'failed', error: error.message, log: error.log };
    return { ...base, status: 'failed', error: `The build of ${slug} failed: ${(error as Error).message}` };
  }
}

/** Something that happened while building many buurten, for a progress display. */
export type BuildEvent = { type: 'start'; slug: string } | { type: 'log'; slug: string; line: string } | { type: 'done'; outcome: BuildOutcome };

export interface BuildManyOptions extends Omit<IncrementalOptions, 'onLog' | 'shared'> {
  /** Builds at once; default the number of cores. */
  jobs?: number;
  onEvent?: (event: BuildEvent) => void;
}

/** The default number of parallel builds: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Builds the buurten `slugs`, `jobs` at a time, each only when changed; outcomes in the order of `slugs`. */
export async function buildMany(slugs: readonly string[], options: BuildManyOptions = {}): Promise<BuildOutcome[]> {
  const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
  // Hashed once for all buurten, while the first builds already start.
  const shared = hashSharedInputs();
  shared.catch(() => undefined);
  const outcomes = new Array<BuildOutcome>(slugs.length);
  let next = 0;
  const worker = async () => {
    while (next < slugs.length) {
      const index = next++;
      const slug = slugs[index]!;
      options.onEvent?.({ type: 'start', slug });
      const outcome = await buildIfChanged(slug, {
        force: options.force,
        env: options.env,
        shared,
        onLog: options.onEvent ? (line) => options.onEvent!({ type: 'log', slug, line }) : undefined,
      });
      outcomes[index] = outcome;
      options.onEvent?.({ type: 'done', outcome });
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, slugs.length) }, worker));
  return outcomes;
}

/** True when an outcome counts as a failure for the exit code. */
export function isFailure(outcome: BuildOutcome): boolean {
  return outcome.status === 'failed' || outcome.status === 'content-errors';
}
