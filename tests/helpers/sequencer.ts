/**
 * Runs the longest test files first, so the two workers finish together instead of one starting a
 * ten-minute file when the other has nothing left. A file's weight is its duration in vitest's cache of the
 * last run on this machine, or else the one measured in tests/durations.json (a clean CI clone has no
 * cache), or else a guess by tier. Why not vitest's own order: it puts files it has never seen first and
 * otherwise orders by file size, and it sorts project by project.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds of wall time per file (path from the repository root), from a run on a 2-core machine. */
const measured = JSON.parse(readFileSync(new URL('../durations.json', import.meta.url), 'utf8')) as Record<string, number>;

/** A guess for a file never measured: browser files open Chromium, integration files build a buurt. */
const GUESS: Record<string, number> = { browser: 60, integration: 20, unit: 1, 'unit-platform': 1 };

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification): number => {
      const file = path.relative(root, spec.moduleId).split(path.sep).join('/');
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (cached && cached.duration > 0 && !cached.failed) return cached.duration / 1000;
      return measured[file] ?? GUESS[spec.project.name] ?? 20;
    };
    const weights = new Map(files.map((spec) => [spec, weight(spec)]));
    return [...files].sort((a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || weights.get(b)! - weights.get(a)!);
  }
}
