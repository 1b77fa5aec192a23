/**
 * Drafts on Forgejo (Codeberg and other Forgejo hosts), stored as Decap CMS 3's Forgejo backend stores an
 * unpublished entry with the editorial workflow (decap-cms-backend-forgejo src/API.ts, `editorialWorkflowGit`):
 * the branch `cms/<collection>/<slug>` made from the CMS branch, one commit with the entry and its photo through
 * the "change files" endpoint, a pull request from it into the CMS branch titled with the commit message and
 * with Decap's body, and the label `decap-cms/draft` (found by name or created, then set by id). The Redactie
 * board lists open pull requests whose head starts with `cms/` and that carry a `decap-cms/` label
 * (`listUnpublishedBranches`). REST reference: https://codeberg.org/api/swagger (repository, issue).
 */
import { DRAFT_STATUS_LABEL, DraftError, draftBranch, type DraftBackend } from '../drafts.ts';
import { afterCleanup, DECAP_PR_BODY, forgeBackend, type ForgeDraftsOptions } from './common.ts';
import { encodePath, forgeHttp, subjectOf } from './http.ts';

interface ForgejoPull {
  number: number;
  head: { ref: string };
  base?: { ref?: string };
}
interface ForgejoLabel {
  id: number;
  name: string;
}
type FileChange = { operation: 'create' | 'update' | 'delete'; path: string; content?: string; sha?: string };

/** The colour Decap gives a status label it creates (`createLabel`). */
const LABEL_COLOR = '0052cc';

export function forgejoDrafts(options: ForgeDraftsOptions): DraftBackend {
  const http = forgeHttp({ forge: 'Forgejo', apiRoot: options.apiRoot, token: options.token, scheme: 'token' });
  const repo = `/repos/${options.repo}`;
  const owner = options.repo.split('/')[0]!;
  const base = options.branch;

  const branchExists = async (branch: string) => (await http.send('GET', `${repo}/branches/${encodeURIComponent(branch)}`, { allow: [404] })).status !== 404;
  /** The blob sha of a file on the CMS branch, or undefined when it is not there. */
  async function fileSha(file: string): Promise<string | undefined> {
    const response = await http.send('GET', `${repo}/contents/${encodePath(file)}`, { query: { ref: base }, allow: [404] });
    return response.status === 404 ? undefined : (JSON.parse(response.body.toString('utf8')) as { sha: string }).sha;
  }
  /** One commit on `branch` with all `files` (POST /repos/{owner}/{repo}/contents); returns its sha. */
  async function changeFiles(branch: string, files: FileChange[], message: string): Promise<string> {
    const result = await http.json<{ commit: { sha: string } }>('POST', `${repo}/contents`, {
      json: { branch, files, message, author: options.author },
    });
    return result.commit.sha;
  }
  async function statusLabel(): Promise<ForgejoLabel> {
    const labels = await http.all<ForgejoLabel>(`${repo}/labels`, { limit: 100 });
    return (
      labels.find((label) => label.name === DRAFT_STATUS_LABEL) ??
      (await http.json<ForgejoLabel>('POST', `${repo}/labels`, { json: { name: DRAFT_STATUS_LABEL, color: LABEL_COLOR } }))
    );
  }

  /** Closes the branch's open pull requests (or the given ones) and deletes the branch, as Decap's "Delete". */
  async function removeDraft(branch: string, numbers?: number[]): Promise<void> {
    const pulls =
      numbers ??
      (await http.all<ForgejoPull>(`${repo}/pulls`, { state: 'open', base, limit: 100 }))
        .filter((pull) => pull.head.ref === branch && (pull.base?.ref ?? base) === base)
        .map((pull) => pull.number);
    for (const number of pulls) await http.send('PATCH', `${repo}/pulls/${number}`, { json: { state: 'closed' } });
    await http.send('DELETE', `${repo}/branches/${encodeURIComponent(branch)}`, { allow: [404] });
  }

  return forgeBackend({
    name: 'Forgejo',
    branchExists,
    fileExists: async (file) => (await fileSha(file)) !== undefined,
    removeDraft,
    async createDraft(request) {
      const branch = draftBranch(request.collection, request.slug);
      const created = await http.send('POST', `${repo}/branches`, { json: { new_branch_name: branch, old_ref_name: base }, allow: [409] });
      if (created.status === 409) throw new DraftError(`The draft branch ${branch} already exists on Forgejo; nothing was written.`, { status: 409 });
      let pull: ForgejoPull | undefined;
      try {
        const commit = await changeFiles(
          branch,
          request.files.map((file) => ({ operation: 'create', path: file.path, content: file.content.toString('base64') })),
          request.commitMessage,
        );
        pull = await http.json<ForgejoPull>('POST', `${repo}/pulls`, {
          json: { title: subjectOf(request.commitMessage), head: `${owner}:${branch}`, base, body: DECAP_PR_BODY },
        });
        const label = await statusLabel();
        await http.send('PUT', `${repo}/issues/${pull.number}/labels`, { json: { labels: [label.id] } });
        return { branch, commit };
      } catch (error) {
        const numbers = pull ? [pull.number] : [];
        throw await afterCleanup(error, () => removeDraft(branch, numbers), `the branch ${branch}${pull ? ` and pull request #${pull.number}` : ''}`);
      }
    },
    async readPublished(file) {
      const response = await http.send('GET', `${repo}/raw/${encodePath(file)}`, { query: { ref: base }, accept: '*/*', allow: [404] });
      return response.status === 404 ? undefined : response.body;
    },
    async deletePublished(paths, message) {
      const present: FileChange[] = [];
      for (const path of paths) {
        const sha = await fileSha(path);
        if (sha) present.push({ operation: 'delete', path, sha });
      }
      if (!present.length) return false;
      await changeFiles(base, present, message);
      return true;
    },
    async updatePublished(request) {
      const sha = await fileSha(request.path);
      if (!sha) throw new DraftError(`${request.path} is not published on ${base} on Forgejo; nothing was changed.`);
      await changeFiles(base, [{ operation: 'update', path: request.path, content: request.content.toString('base64'), sha }], request.commitMessage);
    },
  });
}
