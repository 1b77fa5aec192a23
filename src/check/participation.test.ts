import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from '../../tests/helpers/fixtures.ts';
import { formatProblem } from '../model/problems.ts';
import { checkSite } from './index.ts';
import { checkParticipation } from './participation.ts';

describe('participation settings in buurt check', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => workspace.dispose());

  const write = (site: Record<string, unknown>) =>
    workspace.writeBuurt('proef', {
      'site.yaml': stringify({ ...baseSiteYaml, ...site }),
      'content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Home.' }),
    });

  it('refuses participation with a backend without editorial workflow', async () => {
    await write({
      cms: { backend: 'gitea', repo: 'buurt/site', app_id: 'abc', api_root: 'https://gitea.example/api/v1' },
      participation: { forms: ['activiteit'] },
    });
    const { problems } = await checkSite('proef', [checkParticipation]);
    expect(problems.map(formatProblem).map((line) => line.replace(/^.*site\.yaml:\d+: /, ''))).toMatchInlineSnapshot(`
      [
        "field "participation": residents' submissions need the editorial workflow, so that an editor reviews every submission before it is published, and the CMS backend "gitea" has none; choose github, gitlab or forgejo as cms.backend, or set participation.enabled: false.",
      ]
    `);
    expect(problems[0]!.severity).toBe('error');
  });

  it('accepts participation with a forge that has the workflow, and warns about a menu link to closed forms', async () => {
    await write({
      cms: { backend: 'forgejo', repo: 'buurt/site', app_id: 'abc', api_root: 'https://codeberg.org/api/v1' },
      participation: { forms: ['nieuwtje'] },
    });
    expect((await checkSite('proef', [checkParticipation])).problems).toEqual([]);
    await write({ menu: ['nieuws', 'meedoen'] });
    const { problems } = await checkSite('proef', [checkParticipation]);
    expect(problems.map((p) => [p.code, p.severity, p.field])).toEqual([['participation-closed-in-menu', 'warning', 'menu.1']]);
  });

  it('refuses an unknown form name through the schema', async () => {
    await write({ participation: { forms: ['kookclub'] } });
    const { problems } = await checkSite('proef', [checkParticipation]);
    expect(problems.map(formatProblem).join('\n')).toContain('"kookclub" is not a form; choose from activiteit, nieuwtje, helpen, prikbord');
  });
});
