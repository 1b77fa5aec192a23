/**
 * `checkSite`: every problem in a buurt, found without building it. Each check is a small module that
 * returns problems of its own kinds; this entry composes them. The build runs the same checks first.
 */
import { loadSite, type LoadedSite } from '../content.ts';
import { sortProblems, type Problem } from '../problems.ts';
import { checkContrast } from './contrast.ts';
import { checkImages } from './images.ts';
import { checkPersonalData } from './personal-data.ts';
import { checkReferences } from './references.ts';

export interface CheckResult {
  site: LoadedSite;
  problems: Problem[];
}

/** A check over a loaded buurt. */
export type SiteCheck = (site: LoadedSite) => Problem[] | Promise<Problem[]>;

/** The checks run by `buurt check` and before every build, in order. */
export const siteChecks: readonly SiteCheck[] = [checkReferences, checkImages, checkPersonalData, checkContrast];

/** Loads a buurt and runs every check on it. */
export async function checkSite(slug: string, checks: readonly SiteCheck[] = siteChecks): Promise<CheckResult> {
  const site = await loadSite(slug);
  const problems = [...site.problems];
  if (site.config || Object.values(site.entries).some((e) => e.length)) {
    for (const results of await Promise.all(checks.map((check) => check(site)))) problems.push(...results);
  }
  return { site, problems: sortProblems(problems) };
}
