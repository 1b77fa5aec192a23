/**
 * Drafts on GitLab, stored as Decap CMS 3's GitLab backend stores an unpublished entry with the editorial
 * workflow (decap-cms-backend-gitlab src/API.ts, `editorialWorkflowGit`): one commit with the entry and its
 * photo that also creates the branch `cms/<collection>/<slug>` from the CMS branch (`start_branch`), then a
 * merge request from it into the CMS branch titled with the commit message, with Decap's description, the
 * label `decap-cms/draft` and "delete the source branch when merged". The Redactie board lists open merge
 * requests into the CMS branch whose source branch starts with `cms` and that carry a `decap-cms/` label
 * (`getMergeRequests`). REST reference: https://docs.gitlab.com/api/commits/, /api/merge_requests/,
 * /api/branches/, /api/repository_files/.
 */
import { DRAFT_STATUS_LABEL, DraftError, draftBranch, type DraftBackend } from '../drafts.ts';
import { afterCleanup, DECAP_PR_BODY, forgeBackend, type ForgeDraftsOptions } from './common.ts';
import { forgeHttp, subjectOf } from './http.ts';

interface GitLabMergeRequest {
  iid: number;
  source_branch: string;
}
type CommitAction = { action: 'create' | 'update' | 'delete'; file_path: string; content?: string; encoding?: 'base64' };

/** Decap's GitLab backend talks to this API unless the config names another (`backend.api_root`). */
export const GITLAB_API = 'https://gitlab.com/api/v4';

export function gitlabDrafts(options: ForgeDraftsOptions): DraftBackend {
  const http = forgeHttp({ forge: 'GitLab', apiRoot: options.apiRoot, token: options.token, scheme: 'Bearer' });
  const project = `/projects/${encodeURIComponent(options.repo)}`;
  const base = options.branch;

  const branchExists = async (branch: string) =>
    (await http.send('GET', `${project}/repository/branches/${encodeURIComponent(branch)}`, { allow: [404] })).status !== 404;
  const fileExists = async (file: string) =>
    (await http.send('HEAD', `${project}/repository/files/${encodeURIComponent(file)}`, { query: { ref: base }, allow: [404] })).status !== 404;
  /** One commit with `actions` on `branch` (made from the CMS branch when `start` is set); returns its sha. */
  async function commit(branch: string, actions: CommitAction[], message: string, start?: string): Promise<string> {
    const result = await http.json<{ id: string }>('POST', `${project}/repository/commits`, {
      json: {
        branch,
        ...(start ? { start_branch: start } : {}),
        commit_message: message,
        actions,
        author_name: options.author.name,
        author_email: options.author.email,
      },
    });
    return result.id;
  }

  /** Closes the branch's open merge requests (or the given ones) and deletes the branch, as Decap's "Delete". */
  async function removeDraft(branch: string, iids?: number[]): Promise<void> {
    const requests =
      iids ??
      (await http.all<GitLabMergeRequest>(`${project}/merge_requests`, { state: 'opened', source_branch: branch, target_branch: base, per_page: 100 }))
        .filter((request) => request.source_branch === branch)
        .map((request) => request.iid);
    for (const iid of requests) await http.send('PUT', `${project}/merge_requests/${iid}`, { json: { state_event: 'close' } });
    await http.send('DELETE', `${project}/repository/branches/${encodeURIComponent(branch)}`, { allow: [404] });
  }

  return forgeBackend({
    name: 'GitLab',
    branchExists,
    fileExists,
    removeDraft,
    async createDraft(request) {
      const branch = draftBranch(request.collection, request.slug);
      const sha = await commit(
        branch,
        request.files.map((file) => ({ action: 'create', file_path: file.path, content: file.content.toString('base64'), encoding: 'base64' })),
        request.commitMessage,
        base,
      );
      try {
        await http.json<GitLabMergeRequest>('POST', `${project}/merge_requests`, {
          json: {
            source_branch: branch,
            target_branch: base,
            title: subjectOf(request.commitMessage),
            description: DECAP_PR_BODY,
            labels: DRAFT_STATUS_LABEL,
            remove_source_branch: true,
            squash: false,
          },
        });
      } catch (error) {
        throw await afterCleanup(error, () => removeDraft(branch, []), `the branch ${branch}`);
      }
      return { branch, commit: sha };
    },
    async readPublished(file) {
      const response = await http.send('GET', `${project}/repository/files/${encodeURIComponent(file)}/raw`, {
        query: { ref: base },
        accept: '*/*',
        allow: [404],
      });
      return response.status === 404 ? undefined : response.body;
    },
    async deletePublished(paths, message) {
      const present: CommitAction[] = [];
      for (const file of paths) if (await fileExists(file)) present.push({ action: 'delete', file_path: file });
      if (!present.length) return false;
      await commit(base, present, message);
      return true;
    },
    async updatePublished(request) {
      if (!(await fileExists(request.path))) throw new DraftError(`${request.path} is not published on ${base} on GitLab; nothing was changed.`);
      await commit(
        base,
        [{ action: 'update', file_path: request.path, content: request.content.toString('base64'), encoding: 'base64' }],
        request.commitMessage,
      );
    },
  });
}
