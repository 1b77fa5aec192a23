/**
 * Drafts on the editors' review board, stored exactly as Decap CMS stores an unpublished entry with the
 * editorial workflow: a branch `cms/<collection>/<slug>` from the CMS's branch with one commit holding the
 * entry file (and its photo), and the status "draft". Editors then edit, review and publish it in /admin/
 * as any draft; rejecting is deleting it.
 *
 * `localGitDrafts` writes them into the local repository as concepts of the local CMS backend (status in
 * the git config, `branch.<branch>.description = decap-cms/draft`), with git plumbing only (hash-object,
 * a temporary index, write-tree, commit-tree, update-ref): no work tree is ever switched, so it never
 * disturbs the CMS worktree or an editor's checkout. The production backends (GitHub, GitLab, Forgejo) are in
 * forge-drafts/ (one file per forge, over their REST APIs); backends.ts picks one from the environment.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { git, gitBuffer, GitError } from '../core/git.ts';
import { conceptBranch } from '../cms/local-backend.ts';
import { PlatformError } from '../core/errors.ts';

/** The prefix Decap CMS gives its workflow branches and the status label of a new draft. */
export const CMS_BRANCH_PREFIX = 'cms';
export const DRAFT_STATUS_LABEL = 'decap-cms/draft';
/** The trailer that marks a commit as a resident's submission (counted by the maturity report). */
export const SUBMISSION_TRAILER = 'Buurt-Inzending';

export interface DraftFile {
  /** Path from the repository root: "sites/voorbeeldwijk/content/agenda/soep.md". */
  path: string;
  content: Buffer;
}

export interface DraftRequest {
  collection: string;
  slug: string;
  files: DraftFile[];
  commitMessage: string;
}

export interface CreatedDraft {
  branch: string;
  commit?: string;
}

/** Where drafts are written: the local repository or a git host. */
export interface DraftBackend {
  /** "local git", "GitHub", … for messages. */
  readonly name: string;
  /** True when `path` exists on the CMS branch, or a draft branch already uses `collection`/`slug`. */
  isTaken(collection: string, slug: string, paths: readonly string[]): Promise<boolean>;
  createDraft(request: DraftRequest): Promise<CreatedDraft>;
  /** Removes a draft this process just created (when telling the editors failed). */
  deleteDraft(draft: CreatedDraft): Promise<void>;
  /** A file as published on the CMS branch ("sites/oost/content/prikbord/soep.md"), or undefined. */
  readPublished(path: string): Promise<Buffer | undefined>;
  /**
   * Removes an entry on a resident's request (a withdrawn prikbord post): its draft when it has one, otherwise
   * its published `paths` in one commit. Says which it was ("none" when neither exists).
   */
  removeEntry(request: EntryRemoval): Promise<'draft' | 'published' | 'none'>;
  /** Replaces a published file in one commit (an extended prikbord post). */
  updatePublished(request: { path: string; content: Buffer; commitMessage: string }): Promise<void>;
}

export interface EntryRemoval {
  collection: string;
  slug: string;
  /** The published files: the entry and its photo. */
  paths: readonly string[];
  commitMessage: string;
}

/**
 * Thrown when a draft could not be written or changed (nothing was left behind), or when the function's
 * environment does not say where drafts go. Never carries a token.
 */
export class DraftError extends PlatformError {
  /** The git host's HTTP status, when the host refused. */
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; hint?: string } = {}) {
    super(message, { kind: 'environment', ...(options.hint ? { hint: options.hint } : {}) });
    this.name = 'DraftError';
    this.status = options.status;
  }
}

/**
 * The workflow branch of an entry as Decap's git-host backends name it: "cms/agenda/soep-en-praatje". The local
 * backend adds the buurt ("cms/oost/agenda/soep-en-praatje", see `conceptBranch` in cms/local-backend.ts).
 */
export function draftBranch(collection: string, slug: string): string {
  return `${CMS_BRANCH_PREFIX}/${collection}/${slug}`;
}

export interface LocalGitDraftsOptions {
  /** A folder inside the repository (the repository itself or the CMS worktree). */
  repoDir: string;
  /** The buurt: drafts are concepts of its local backend (`conceptBranch`). */
  buurt: string;
  /** The CMS's branch drafts start from and are published into (locally `buurt-cms/<slug>`). */
  baseBranch: string;
  /** Who the commit is by: the platform, never the resident. */
  author: { name: string; email: string };
  /**
   * The local CMS API ("http://127.0.0.1:4321/api/v1"): changes to what is published go through it, as an
   * editor's would, so the served site is rebuilt (cms/local-backend.ts).
   */
  cmsApi?: string | undefined;
}

/** Drafts in a local git repository, stored as concepts of the local CMS backend (cms/local-backend.ts). */
export function localGitDrafts(options: LocalGitDraftsOptions): DraftBackend {
  const cwd = options.repoDir;
  const exists = async (ref: string) =>
    git(cwd, ['rev-parse', '--verify', '--quiet', ref]).then(
      () => true,
      () => false,
    );
  return {
    name: 'local git',
    async isTaken(collection, slug, paths) {
      if (await exists(`refs/heads/${conceptBranch(options.buurt, collection, slug)}`)) return true;
      for (const file of paths) if (await exists(`refs/heads/${options.baseBranch}:${file}`)) return true;
      return false;
    },
    async createDraft(request) {
      const branch = conceptBranch(options.buurt, request.collection, request.slug);
      const base = (
        await git(cwd, ['rev-parse', '--verify', `refs/heads/${options.baseBranch}^{commit}`]).catch(() => {
          throw new DraftError(
            `The CMS branch ${options.baseBranch} does not exist in ${cwd}; start local editing once (npm start or buurt dev) to create it.`,
          );
        })
      ).trim();
      const temp = await mkdtemp(path.join(os.tmpdir(), 'buurt-draft-'));
      const env = { GIT_INDEX_FILE: path.join(temp, 'index') };
      try {
        await git(cwd, ['read-tree', base], { env });
        for (const [i, file] of request.files.entries()) {
          const source = path.join(temp, `file-${i}`);
          await writeFile(source, file.content);
          const blob = (await git(cwd, ['hash-object', '-w', '--no-filters', source])).trim();
          await git(cwd, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
        }
        const tree = (await git(cwd, ['write-tree'], { env })).trim();
        const author = {
          GIT_AUTHOR_NAME: options.author.name,
          GIT_AUTHOR_EMAIL: options.author.email,
          GIT_COMMITTER_NAME: options.author.name,
          GIT_COMMITTER_EMAIL: options.author.email,
        };
        const commit = (await git(cwd, ['commit-tree', tree, '-p', base, '-m', request.commitMessage], { env: author })).trim();
        // The empty old value makes this create-only: a branch of the same name is never overwritten.
        try {
          await git(cwd, ['update-ref', `refs/heads/${branch}`, commit, '']);
        } catch (error) {
          if (error instanceof GitError) throw new DraftError(`The draft branch ${branch} already exists; nothing was written.`);
          throw error;
        }
        await git(cwd, ['config', `branch.${branch}.description`, DRAFT_STATUS_LABEL]);
        return { branch, commit };
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    },
    async deleteDraft(draft) {
      await git(cwd, ['update-ref', '-d', `refs/heads/${draft.branch}`, ...(draft.commit ? [draft.commit] : [])]);
      await git(cwd, ['config', '--unset', `branch.${draft.branch}.description`]).catch(() => undefined);
    },
    async readPublished(file) {
      return gitBuffer(cwd, ['cat-file', 'blob', `refs/heads/${options.baseBranch}:${file}`]).catch(() => undefined);
    },
    async removeEntry(request) {
      const branch = conceptBranch(options.buurt, request.collection, request.slug);
      if (await exists(`refs/heads/${branch}`)) {
        await this.deleteDraft({ branch });
        return 'draft';
      }
      const present: string[] = [];
      for (const file of request.paths) if (await exists(`refs/heads/${options.baseBranch}:${file}`)) present.push(file);
      if (!present.length) return 'none';
      await cmsApiCall(options, 'deleteFiles', { paths: present, options: { commitMessage: request.commitMessage } });
      return 'published';
    },
    async updatePublished(request) {
      await cmsApiCall(options, 'persistEntry', {
        dataFiles: [{ path: request.path, raw: request.content.toString('utf8'), slug: path.basename(request.path, '.md') }],
        assets: [],
        options: { commitMessage: request.commitMessage, useWorkflow: false },
      });
    },
  };
}

/** One request to the local CMS API, from its own origin (the API refuses others). */
async function cmsApiCall(options: LocalGitDraftsOptions, action: string, params: Record<string, unknown>): Promise<void> {
  if (!options.cmsApi) throw new DraftError(`Changing what is published needs the local CMS API (cmsApi); ${action} was not done.`);
  const api = new URL(options.cmsApi);
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api.origin },
    body: JSON.stringify({ action, params: { branch: options.baseBranch, ...params } }),
  });
  if (!response.ok) throw new DraftError(`The local CMS refused ${action} (${response.status}): ${(await response.text()).slice(0, 300)}`);
}
