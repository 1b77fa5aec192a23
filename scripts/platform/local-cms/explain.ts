/** What `buurt dev` and `npm start` tell the person who started them (English, like all CLI output). */
import type { LocalEditing } from './local-editing.ts';

export function explainLocalEditing(slug: string, editing: LocalEditing, mode: 'dev' | 'static'): string {
  const { cms, url, author } = editing;
  const lines = [
    '',
    `${slug} is served at ${url}/ and its CMS at ${url}/admin/ (Ctrl+C stops both).`,
    '',
    'How local editing works:',
    `  - Every save in the CMS is a git commit by "${author.name} <${author.email}>" on the branch ${cms.branch}`,
    `    (${cms.created ? 'created now from HEAD' : 'reused from an earlier start'}), made with git plumbing: your checkout is never touched,`,
    `    and only files in sites/${slug}/ can be read or written.`,
    `  - The editorial workflow is on: "Opslaan" keeps a concept on a branch cms/${slug}/<collection>/<entry>;`,
    `    "Publiceren" merges it into ${cms.branch} and deletes that branch.`,
    mode === 'dev'
      ? `  - The site runs in dev mode on ${cms.servedDir}, which shows only published edits: reload a page to see one.`
      : `  - The site is the production build; after each published edit it is rebuilt from ${cms.branch} (about 15 s).`,
    `  - The residents' forms (/meedoen/, /nieuwsbrief/) work as on Netlify: a submission becomes a concept on the board,`,
    `    and mail is written to .cache/outbox/ (unless SMTP_HOST is set).`,
    '',
    'To bring the edits into your branch (check them first):',
    `  npm run buurt -- guard --base HEAD --head ${cms.branch}   (what the CMS committed, judged as an editor's change)`,
    `  git merge ${cms.branch}`,
    `To start over: git branch -D ${cms.branch}`,
    '',
  ];
  return lines.join('\n');
}
