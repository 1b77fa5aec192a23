/**
 * Decap CMS backends: where editors log in and where their saves become commits.
 *
 * - Production (site.yaml `cms:`): GitHub through an OAuth provider the maintainers run, or GitLab, Forgejo or
 *   Gitea with PKCE (a public application id, no secret), so editors need no GitHub account.
 * - Local (`buurt dev`, `npm start`, tests): Decap's proxy backend talking to our local backend
 *   (local-backend.ts) on the site's own origin (`/api/v1`), on a branch of its own.
 */
import type { CmsSettings } from '../model/schemas.ts';
import { commitMessageTexts } from './texts.ts';

/** The `backend` section of a Decap config. */
export interface CmsBackendConfig {
  name: 'github' | 'gitlab' | 'forgejo' | 'gitea' | 'proxy';
  repo?: string;
  branch: string;
  base_url?: string;
  auth_endpoint?: string;
  api_root?: string;
  app_id?: string;
  auth_type?: 'pkce';
  proxy_url?: string;
  squash_merges?: boolean;
  commit_messages?: Record<string, string>;
}

/** The path of the local CMS API, on the site's own origin. */
export const CMS_API_PATH = '/api/v1';

/** The local backend on the site's own origin, committing to `branch`. */
export function localBackend(branch: string): CmsBackendConfig {
  return { name: 'proxy', proxy_url: CMS_API_PATH, branch };
}

/** The production backend from site.yaml's `cms:` settings; the local one when a buurt has none. */
export function productionBackend(settings: CmsSettings | undefined): CmsBackendConfig {
  if (!settings) return localBackend('main');
  const common = { repo: settings.repo, branch: settings.branch };
  switch (settings.backend) {
    case 'github':
      return { name: 'github', ...common, base_url: settings.base_url, ...(settings.auth_endpoint ? { auth_endpoint: settings.auth_endpoint } : {}) };
    case 'gitlab':
      return {
        name: 'gitlab',
        ...common,
        auth_type: 'pkce',
        app_id: settings.app_id,
        ...(settings.base_url ? { base_url: settings.base_url } : {}),
        ...(settings.api_root ? { api_root: settings.api_root } : {}),
      };
    case 'forgejo':
      return { name: 'forgejo', ...common, app_id: settings.app_id, api_root: settings.api_root };
    case 'gitea':
      return {
        name: 'gitea',
        ...common,
        app_id: settings.app_id,
        api_root: settings.api_root,
        base_url: settings.base_url ?? forgeAddress(settings.api_root!),
      };
  }
}

/** "https://gitea.example/api/v1" → "https://gitea.example". */
function forgeAddress(apiRoot: string): string {
  return apiRoot.replace(/\/api\/[^/]+\/?$/, '');
}

/** Decap's Gitea backend has no editorial workflow; every other backend has. */
export function supportsEditorialWorkflow(backend: CmsBackendConfig): boolean {
  return backend.name !== 'gitea';
}

/** The backend with the buurt's Dutch commit messages. */
export function withCommitMessages(backend: CmsBackendConfig, slug: string): CmsBackendConfig {
  return { ...backend, commit_messages: commitMessageTexts(slug) };
}

/** The longest title a commit message quotes; longer titles are cut with "…". */
const COMMIT_TITLE_MAX = 72;

/**
 * A commit message of `commitMessageTexts` with the title the editor typed in place of the file name:
 * `Nieuwsbericht “buurtfeest-cafe” toegevoegd (oost)` → `Nieuwsbericht “Buurtfeest: café!” toegevoegd (oost)`.
 * Decap's templates know only the file name (`{{slug}}`); the admin script calls this for every save, with the
 * title from the form (decap-cms-core lib/formatters.ts `commitMessageFormatter` has no title variable).
 * The message is returned unchanged when it does not quote `slug` or the title is empty.
 */
export function titledCommitMessage(message: string, slug: string | undefined, title: string | undefined): string {
  const quoted = `“${slug ?? ''}”`;
  const clean = (title ?? '').replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
  if (!slug || !clean || !message.includes(quoted)) return message;
  const cut = clean.length > COMMIT_TITLE_MAX ? `${clean.slice(0, COMMIT_TITLE_MAX - 1).trimEnd()}…` : clean;
  return message.replace(quoted, () => `“${cut}”`);
}
