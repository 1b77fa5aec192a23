/**
 * Which drafts backend a deployed function writes to, from its environment:
 *
 * - `BUURT_DRAFTS=local` (set by `npm start`, `buurt dev` and `buurt preview`): the local repository at
 *   `BUURT_REPO_DIR`, drafts from the CMS branch `BUURT_CMS_BRANCH` (buurt-cms/<slug>); changes to what is
 *   published (a withdrawn prikbord post) go through the local CMS API at `BUURT_CMS_API`.
 * - Otherwise the buurt's production backend from site.yaml `cms:` (GitHub, GitLab or Forgejo, forge-drafts/),
 *   at the repository, branch and API address Decap's admin uses (`productionBackend`), with a
 *   repository-scoped token in `BUURT_DRAFTS_TOKEN` (docs/maintainers/participation.md says how to make one).
 *   A buurt without `cms:` or on a backend without the editorial workflow (Gitea) is refused.
 */
import { productionBackend, supportsEditorialWorkflow } from '../cms/backend.ts';
import type { SiteConfig } from '../model/schemas.ts';
import { DraftError, localGitDrafts, type DraftBackend } from './drafts.ts';
import { forgejoDrafts } from './forge-drafts/forgejo.ts';
import { GITHUB_API, githubDrafts } from './forge-drafts/github.ts';
import { GITLAB_API, gitlabDrafts } from './forge-drafts/gitlab.ts';

/** Who draft commits are by: the platform, never the resident. */
export const SUBMISSION_AUTHOR = { name: 'Buurtsite (inzending)', email: 'inzendingen@users.noreply.buurtsites.invalid' } as const;

/** The environment variable holding the git host token for drafts. */
export const DRAFTS_TOKEN_VARIABLE = 'BUURT_DRAFTS_TOKEN';

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
  if (!site.cms) {
    throw new DraftError(`Submissions for ${slug} need a git host, but sites/${slug}/site.yaml has no cms: section.`, {
      hint: 'Add cms: with backend github, gitlab or forgejo (docs/maintainers/cms-backends.md), or set BUURT_DRAFTS=local on a laptop.',
    });
  }
  const backend = productionBackend(site.cms);
  if (!supportsEditorialWorkflow(backend)) {
    throw new DraftError(`Submissions for ${slug} cannot become drafts: Decap CMS has no editorial workflow on ${backend.name}.`, {
      hint: 'Use github, gitlab or forgejo in site.yaml cms:, or turn participation off.',
    });
  }
  const token = env[DRAFTS_TOKEN_VARIABLE];
  if (!token) {
    throw new DraftError(`Submissions for ${slug} go to ${backend.name} as drafts, but the function has no token: ${DRAFTS_TOKEN_VARIABLE} is not set.`, {
      hint: `Make a repository-scoped token for ${site.cms.repo} and set it as ${DRAFTS_TOKEN_VARIABLE} in Netlify (docs/maintainers/participation.md).`,
    });
  }
  const common = { repo: site.cms.repo, branch: backend.branch, token, author: SUBMISSION_AUTHOR };
  switch (backend.name) {
    case 'github':
      return githubDrafts({ ...common, apiRoot: backend.api_root ?? GITHUB_API });
    case 'gitlab':
      return gitlabDrafts({ ...common, apiRoot: backend.api_root ?? GITLAB_API });
    case 'forgejo':
      return forgejoDrafts({ ...common, apiRoot: backend.api_root! });
    default:
      throw new DraftError(`Submissions for ${slug} cannot become drafts on the ${backend.name} backend.`);
  }
}
