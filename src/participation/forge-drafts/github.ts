/**
 * Drafts on GitHub, stored as Decap CMS 3's GitHub backend stores an unpublished entry with the editorial
 * workflow (decap-cms-backend-github src/API.ts, `editorialWorkflowGit`): blobs, a tree on the CMS branch's
 * tree and one commit; the branch `cms/<collection>/<slug>`; a pull request from it into the CMS branch, titled
 * with the commit message and with Decap's body; the label `decap-cms/draft`. The Redactie board lists open
 * pull requests into the CMS branch whose head starts with `cms/` and that carry a `decap-cms/` label
 * (`listUnpublishedBranches`), then reads the files from the comparison with the CMS branch.
 * REST reference: https://docs.github.com/en/rest/git, /rest/pulls/pulls, /rest/issues/labels, /rest/repos/contents.
 */
import { DRAFT_STATUS_LABEL, DraftError, draftBranch, type DraftBackend } from '../drafts.ts';
import { afterCleanup, DECAP_PR_BODY, forgeBackend, type ForgeDraftsOptions } from './common.ts';
import { encodePath, forgeHttp, subjectOf } from './http.ts';

interface GitHubBranch {
  commit: { sha: string; commit: { tree: { sha: string } } };
}
interface GitHubPull {
  number: number;
  head: { ref: string };
}

/** Decap's GitHub backend talks to this API unless the config names another (`backend.api_root`). */
export const GITHUB_API = 'https://api.github.com';

export function githubDrafts(options: ForgeDraftsOptions): DraftBackend {
  const http = forgeHttp({
    forge: 'GitHub',
    apiRoot: options.apiRoot,
    token: options.token,
    scheme: 'token',
    headers: { 'x-github-api-version': '2022-11-28' },
  });
  const repo = `/repos/${options.repo}`;
  const owner = options.repo.split('/')[0]!;
  const base = options.branch;

  const branchHead = (branch: string) => http.json<GitHubBranch>('GET', `${repo}/branches/${encodeURIComponent(branch)}`);
  const branchExists = async (branch: string) => (await http.send('GET', `${repo}/branches/${encodeURIComponent(branch)}`, { allow: [404] })).status !== 404;
  const fileExists = async (file: string) =>
    (await http.send('GET', `${repo}/contents/${encodePath(file)}`, { query: { ref: base }, allow: [404] })).status !== 404;
  const uploadBlob = async (content: Buffer) =>
    (await http.json<{ sha: string }>('POST', `${repo}/git/blobs`, { json: { content: content.toString('base64'), encoding: 'base64' } })).sha;

  /** One commit on top of `head` that sets (sha) or removes (null) files; returns its sha. */
  async function commitOn(head: GitHubBranch, entries: { path: string; sha: string | null }[], message: string): Promise<string> {
    const tree = await http.json<{ sha: string }>('POST', `${repo}/git/trees`, {
      json: { base_tree: head.commit.commit.tree.sha, tree: entries.map((e) => ({ path: e.path, mode: '100644', type: 'blob', sha: e.sha })) },
    });
    const commit = await http.json<{ sha: string }>('POST', `${repo}/git/commits`, {
      json: { message, tree: tree.sha, parents: [head.commit.sha], author: options.author },
    });
    return commit.sha;
  }

  /** Commits `entries` onto the CMS branch itself (a fast-forward: refused when the branch moved meanwhile). */
  async function commitOnBase(entries: { path: string; sha: string | null }[], message: string): Promise<void> {
    const head = await branchHead(base);
    const sha = await commitOn(head, entries, message);
    await http.send('PATCH', `${repo}/git/refs/heads/${encodeURIComponent(base)}`, { json: { sha, force: false } });
  }

  const backend = forgeBackend({
    name: 'GitHub',
    branchExists,
    fileExists,
    removeDraft,
    async createDraft(request) {
      const branch = draftBranch(request.collection, request.slug);
      const head = await branchHead(base);
      const entries: { path: string; sha: string }[] = [];
      for (const file of request.files) entries.push({ path: file.path, sha: await uploadBlob(file.content) });
      const commit = await commitOn(head, entries, request.commitMessage);
      const created = await http.send('POST', `${repo}/git/refs`, { json: { ref: `refs/heads/${branch}`, sha: commit }, allow: [422] });
      if (created.status === 422) throw new DraftError(`The draft branch ${branch} already exists on GitHub; nothing was written.`, { status: 422 });
      let pull: GitHubPull | undefined;
      try {
        pull = await http.json<GitHubPull>('POST', `${repo}/pulls`, {
          json: { title: subjectOf(request.commitMessage), body: DECAP_PR_BODY, head: `${owner}:${branch}`, base },
        });
        await http.send('PUT', `${repo}/issues/${pull.number}/labels`, { json: { labels: [DRAFT_STATUS_LABEL] } });
      } catch (error) {
        const numbers = pull ? [pull.number] : [];
        throw await afterCleanup(error, () => removeDraft(branch, numbers), `the branch ${branch}${pull ? ` and pull request #${pull.number}` : ''}`);
      }
      return { branch, commit };
    },
    async readPublished(file) {
      const response = await http.send('GET', `${repo}/contents/${encodePath(file)}`, {
        query: { ref: base },
        accept: 'application/vnd.github.raw+json',
        allow: [404],
      });
      return response.status === 404 ? undefined : response.body;
    },
    async deletePublished(paths, message) {
      const present: string[] = [];
      for (const file of paths) if (await fileExists(file)) present.push(file);
      if (!present.length) return false;
      await commitOnBase(
        present.map((path) => ({ path, sha: null })),
        message,
      );
      return true;
    },
    async updatePublished(request) {
      if (!(await fileExists(request.path))) throw new DraftError(`${request.path} is not published on ${base} on GitHub; nothing was changed.`);
      await commitOnBase([{ path: request.path, sha: await uploadBlob(request.content) }], request.commitMessage);
    },
  });

  /** Closes the branch's open pull requests (or the given ones) and deletes the branch, as Decap's "Delete". */
  async function removeDraft(branch: string, numbers?: number[]): Promise<void> {
    const pulls =
      numbers ??
      (await http.all<GitHubPull>(`${repo}/pulls`, { head: `${owner}:${branch}`, base, state: 'open', per_page: 100 }))
        .filter((pull) => pull.head.ref === branch)
        .map((pull) => pull.number);
    for (const number of pulls) await http.send('PATCH', `${repo}/pulls/${number}`, { json: { state: 'closed' } });
    await http.send('DELETE', `${repo}/git/refs/heads/${encodeURIComponent(branch)}`, { allow: [404, 422] });
  }

  return backend;
}
