/**
 * E-mail addresses that may appear in the public history: the classification, and the site.yaml check of
 * editors' addresses that `buurt check` and every build run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSite } from '../src/check/index.ts';
import { formatProblem } from '../src/model/problems.ts';
import { classifyEmail, isSafeCommitEmail } from '../src/model/emails.ts';
import { runCli } from './helpers/cli.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

let workspace: Workspace | undefined;

afterEach(async () => {
  await workspace?.dispose();
  workspace = undefined;
});

describe('classifyEmail', () => {
  it('knows no-reply, platform, reserved and private addresses', () => {
    const cases: Record<string, string> = {
      '1234+anna@users.noreply.github.com': 'no-reply',
      '5678-bram@users.noreply.gitlab.com': 'no-reply',
      'kees@noreply.codeberg.org': 'no-reply',
      'anna@users.noreply.voorbeeldwijk.nl': 'no-reply',
      'noreply@github.com': 'no-reply',
      'redactie@cms.buurtsites.nl': 'platform',
      'beheer@buurtsites.nl': 'platform',
      'test@example.org': 'reserved',
      'a@buurt.test': 'reserved',
      'anna.devries@gmail.com': 'personal',
      'Piet@Ziggo.NL': 'personal',
      'oma@kpnmail.nl': 'personal',
      'anna@bakkerij-devries.nl': 'unknown',
      'buurtsites.nl@evil.com': 'unknown',
    };
    const actual = Object.fromEntries(Object.keys(cases).map((email) => [email, classifyEmail(email, ['buurtsites.nl'])]));
    expect(actual).toEqual(cases);
    expect(isSafeCommitEmail('anna@gmail.com')).toBe(false);
    expect(isSafeCommitEmail('1+anna@users.noreply.github.com')).toBe(true);
  });
});

describe('the editors check of site.yaml', () => {
  it('fails a private mailbox, warns about other domains, accepts no-reply and platform addresses', async () => {
    workspace = await createWorkspace();
    const root = path.dirname(workspace.sitesDir);
    await mkdir(path.join(root, '.buurt'), { recursive: true });
    await writeFile(path.join(root, '.buurt/platform.yaml'), stringify({ platformEmailDomains: ['buurtsites.nl'] }));
    await workspace.writeBuurt('oost', {
      'site.yaml': stringify({
        ...baseSiteYaml,
        editors: [
          { name: 'Anna', email: '1001+anna@users.noreply.github.com', username: 'anna' },
          { name: 'Bram', email: 'bram.jansen@gmail.com' },
          { name: 'Carla', email: 'carla@bakkerij-carla.nl' },
          { name: 'Dirk', email: 'dirk@buurtsites.nl' },
        ],
      }),
      'content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Home.' }),
    });
    const { problems } = await checkSite('oost');
    const lines = problems.map((p) => formatProblem(p).replace(workspace!.sitesDir, 'sites'));
    expect(lines).toEqual([
      'sites/oost/site.yaml:19: field "editors.1.email": "bram.jansen@gmail.com" is a private mailbox; every CMS commit publishes it in the git history; use the git host\'s no-reply address (GitHub: "Keep my email addresses private", then 1234+name@users.noreply.github.com) or an address on a platform domain from .buurt/platform.yaml.',
      'sites/oost/site.yaml:21: warning: field "editors.2.email": "carla@bakkerij-carla.nl" is not a no-reply or platform address; every CMS commit publishes it in the git history; use the git host\'s no-reply address (GitHub: "Keep my email addresses private", then 1234+name@users.noreply.github.com) or an address on a platform domain from .buurt/platform.yaml.',
    ]);
    const check = await runCli(['check', 'oost'], { env: workspace.env });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('oost: 1 error, 1 warning.');
  });
});
