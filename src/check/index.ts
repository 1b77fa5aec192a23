/**
 * `checkSite`: every problem in a buurt, found without building it. Each check is a small module that
 * returns problems of its own kinds; this entry composes them. The build runs the same checks first.
 */
import { loadSite } from '../model/content.ts';
import { buildNow } from '../dates/dates.ts';
import { sortProblems } from '../model/problems.ts';
import { checkContrast } from './contrast.ts';
import { checkEditorEmails } from './editor-emails.ts';
import { checkHtml } from './html.ts';
import { checkHttp } from './http.ts';
import { checkImages } from './images.ts';
import { checkPersonalData } from './personal-data.ts';
import { checkLinks } from './links.ts';
import { checkMedia } from './media.ts';
import { checkNewsletter } from './newsletter.ts';
import { checkParticipation } from './participation.ts';
import { checkPrikbord } from './prikbord.ts';
import { checkReferences } from './references.ts';
import { checkSlugs } from './slugs.ts';
import type { CheckContext, CheckResult, SiteCheck } from './types.ts';

export type { CheckContext, CheckResult, SiteCheck } from './types.ts';

/** The checks run by `buurt check` and before every build, in order. */
export const siteChecks: readonly SiteCheck[] = [
  checkReferences,
  checkImages,
  checkSlugs,
  checkLinks,
  checkHttp,
  checkHtml,
  checkMedia,
  checkPersonalData,
  checkEditorEmails,
  checkContrast,
  checkParticipation,
  checkNewsletter,
  checkPrikbord,
];

/**
 * Problem codes that concern what a file shows or links to. In a draft (never built) they are warnings,
 * so an editor's unfinished concept cannot stop the buurt's site from being rebuilt.
 */
const DRAFT_TOLERANT = new Set([
  'missing-image',
  'missing-alt',
  'image-outside-media',
  'broken-link',
  'broken-anchor',
  'media-link',
  'http-resource',
  'unknown-group',
]);

/** Loads a buurt and runs every check on it. `now` defaults to `BUURT_NOW` or the real time. */
export async function checkSite(slug: string, checks: readonly SiteCheck[] = siteChecks, context: Partial<CheckContext> = {}): Promise<CheckResult> {
  const site = await loadSite(slug);
  const full: CheckContext = { now: context.now ?? buildNow() };
  const problems = [...site.problems];
  if (site.config || Object.values(site.entries).some((e) => e.length)) {
    for (const results of await Promise.all(checks.map((check) => check(site, full)))) problems.push(...results);
  }
  const drafts = new Set(Object.values(site.entries).flatMap((entries) => entries.filter((e) => (e.data as { draft?: boolean }).draft).map((e) => e.file)));
  for (const problem of problems) {
    if (problem.severity === 'error' && drafts.has(problem.file) && DRAFT_TOLERANT.has(problem.code)) {
      problem.severity = 'warning';
      problem.message += ' (this file is a draft, so it does not stop the build)';
    }
  }
  return { site, problems: sortProblems(problems) };
}
