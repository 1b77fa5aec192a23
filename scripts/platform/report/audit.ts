/**
 * The contract between the accessibility audit (`npm run audit`) and the report: the audit writes a summary of
 * its last run to `.cache/<slug>/audit/summary.json`, the report reads it. Example:
 *
 *   {
 *     "date": "2026-11-28T10:00:00Z",
 *     "pages": 6,
 *     "axeViolations": 0,
 *     "lighthouse": { "accessibility": 100, "performance": 98, "best-practices": 100, "seo": 100 }
 *   }
 *
 * `date` is when the audit ran (ISO 8601 with an offset or Z), `pages` how many pages were audited,
 * `axeViolations` the total number of axe-core violations over those pages, and `lighthouse` the lowest score
 * (0–100) per Lighthouse category over those pages. Other keys are allowed and ignored, so the audit can say
 * more without breaking the report.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { sitePaths } from '../../../src/core/paths.ts';

const score = z.number().min(0).max(100);

/** The shape of `.cache/<slug>/audit/summary.json`. */
export const auditSummarySchema = z.object({
  /** When the audit ran: "2026-11-28T10:00:00Z". */
  date: z.iso.datetime({ offset: true }),
  /** Pages audited. */
  pages: z.number().int().min(0),
  /** Total axe-core violations over all audited pages. */
  axeViolations: z.number().int().min(0),
  /** Lowest Lighthouse score (0–100) per category over the audited pages. */
  lighthouse: z.object({
    accessibility: score,
    performance: score.optional(),
    'best-practices': score.optional(),
    seo: score.optional(),
  }),
});

export type AuditSummary = z.output<typeof auditSummarySchema>;

/** The audit summary of a buurt's last audit run. */
export function auditSummaryFile(slug: string): string {
  return path.join(sitePaths(slug).cacheDir, 'audit', 'summary.json');
}

export type AuditReading =
  { state: 'missing'; file: string } | { state: 'invalid'; file: string; reason: string } | { state: 'present'; file: string; summary: AuditSummary };

/** Reads the last audit summary: missing (no audit yet), invalid (with the reason) or present. */
export async function readAuditSummary(slug: string): Promise<AuditReading> {
  const file = auditSummaryFile(slug);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { state: 'missing', file };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { state: 'invalid', file, reason: `it is not JSON (${(error as Error).message})` };
  }
  const result = auditSummarySchema.safeParse(data);
  if (!result.success) {
    const reason = result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
    return { state: 'invalid', file, reason };
  }
  return { state: 'present', file, summary: result.data };
}
