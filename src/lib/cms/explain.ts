/** What `buurt dev` and `npm start` tell the person who started them (English, like all CLI output). */
import type { LocalEditing } from './local-editing.ts';
import { LOCAL_AUTHOR } from './decap-server.ts';

export function explainLocalEditing(slug: string, editing: LocalEditing, mode: 'dev' | 'static'): string {
  const { worktree, url } = editing;
  const lines = [
    '',
    `${slug} is served at ${url}/ and its CMS at ${url}/admin/ (Ctrl+C stops both).`,
    '',
    'How local editing works:',
    `  - Every save in the CMS is a git commit by "${LOCAL_AUTHOR.name}", made by decap-server in the CMS's own`,
    `    worktree ${worktree.dir}`,
    `    on the branch ${worktree.branch} (${worktree.created ? 'created now from HEAD' : 'reused from an earlier start'}).`,
    '    Your own checkout is never touched: unrelated work cannot end up in a CMS commit.',
    '  - The editorial workflow is on: "Opslaan" keeps a concept on a branch cms/<collection>/<slug>;',
    `    "Publiceren" merges it into ${worktree.branch} and deletes that branch.`,
    mode === 'dev'
      ? "  - The site runs in dev mode on the worktree's files: reload a page to see a published edit."
      : `  - The site is the production build; after each published edit it is rebuilt from ${worktree.branch} (about 15 s).`,
    '',
    'To bring the edits into your branch:',
    `  git log --stat ${worktree.branch}        (what the CMS committed)`,
    `  git merge ${worktree.branch}`,
    `To start over: git worktree remove --force ${worktree.dir} && git branch -D ${worktree.branch}`,
    '',
  ];
  return lines.join('\n');
}
