/**
 * Types every check shares: what a check receives and what `checkSite` returns. They live apart from the
 * entry (index.ts) so that a check can name them without importing the module that imports it.
 */
import type { LoadedSite } from '../model/content.ts';
import type { Problem } from '../model/problems.ts';

export interface CheckResult {
  site: LoadedSite;
  problems: Problem[];
}

/** What every check may need besides the buurt: the moment the build treats as now. */
export interface CheckContext {
  /** Drafts and news not yet published are not built at this moment. */
  now: Date;
}

/** A check over a loaded buurt. */
export type SiteCheck = (site: LoadedSite, context: CheckContext) => Problem[] | Promise<Problem[]>;
