/**
 * Which drafts backend a deployed function writes to, from its environment:
 *
 * - `BUURT_DRAFTS=local` (set by `npm start`, `buurt dev` and `buurt preview`): the local repository at
 *   `BUURT_REPO_DIR`, drafts from the CMS branch `BUURT_CMS_BRANCH` (buurt-cms/<slug>); changes to what is
 *   published (a withdrawn prikbord post) go through the local CMS API at `BUURT_CMS_API`.
 * - Otherwise the buurt's production backend from site.yaml `cms:`, with a repository-scoped token in
 *   `BUURT_DRAFTS_TOKEN`. Not built yet: the function refuses with a message that says so (see
 *   docs/maintainers/participation.md).
 */
import type { SiteConfig } from '../schemas.ts';
import { DraftError, localGitDrafts, type DraftBackend } from './drafts.ts';

/** Who draft commits are by: the platform, never the resident. */
export const SUBMISSION_AUTHOR = { name: 'Buurtsite (inzending)', email: 'inzendingen@users.noreply.buurtsites.invalid' } as const;

export function draftBackendFromEnv(site: SiteConfig, slug: string, env: Record<string, string | undefined> = process.env): DraftBackend {
  if (env.BUURT_DRAFTS === 'local') {
    if (!env.BUURT_REPO_DIR) throw new DraftError('BUURT_DRAFTS=local needs BUURT_REPO_DIR, the folder of the local repository.');
    return localGitDrafts({
      repoDir: env.BUURT_REPO_DIR,
      buurt: slug,
      baseBranch: env.BUURT_CMS_BRANCH ?? `buurt-cms/${slug}`,
      author: SUBMISSION_AUTHOR,
      cmsApi: env.BUURT_CMS_API,
    });
  }
  throw new DraftError(
    `Submissions for ${slug} would go to its ${site.cms?.backend ?? 'unconfigured'} backend, but writing drafts to a git host is not available in this version; see docs/maintainers/participation.md.`,
  );
}
