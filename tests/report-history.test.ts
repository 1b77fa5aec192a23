/**
 * `buurt history`: the changes to one buurt's folder from a fixture git repository with a known history,
 * through the real CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../scripts/platform/report/history.ts';
import { createGitWorkspace, runBuurt, type GitWorkspace } from './helpers/git-fixture.ts';
import { commitOostWest, type OostWestCommits } from './helpers/report-buurten.ts';

let ws: GitWorkspace;
let commits: OostWestCommits;

beforeAll(async () => {
  ws = await createGitWorkspace();
  commits = await commitOostWest(ws);
});

afterAll(async () => {
  await ws?.dispose();
});

const short = (hash: string) => hash.slice(0, 7);

describe('buurt history', () => {
  it('lists date, editor and what changed in that buurt only, newest first', async () => {
    const result = await runBuurt(['history', 'oost'], ws.env);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'Latest 4 changes to oost, newest first (Amsterdam time):',
      '',
      `${short(commits.pagina)}  2026-03-01 20:15  Dina El Amrani  Nieuw: paginas/over-de-buurt.md`,
      `${short(commits.opruimen)}  2026-02-10 16:45  Anna de Vries   Verwijderd: agenda/koffie.md`,
      '                                           Hernoemd: nieuws/welkom.md → nieuws/hallo.md',
      '                                           Nieuw: media/foto.jpg',
      `${short(commits.feest)}  2026-01-12 14:30  Bram Bakker     Gewijzigd: agenda/koffie.md`,
      '                                           Nieuw: nieuws/buurtfeest.md',
      `${short(commits.start)}  2026-01-05 09:00  Anna de Vries   Nieuw: agenda/koffie.md`,
      '                                           Nieuw: nieuws/welkom.md',
      '                                           Nieuw: site.yaml',
      '',
    ]);
    // Commits to west and oost-west (a folder whose name starts like oost's) are not oost's history.
    expect(result.stdout).not.toContain(short(commits.west));
    expect(result.stdout).not.toContain('ow.md');
  });

  it('shows the last N changes with --limit, and JSON with --json', async () => {
    const result = await runBuurt(['history', 'oost', '--limit', '2', '--json'], ws.env);
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as HistoryEntry[];
    expect(entries).toHaveLength(2);
    expect(entries[1]).toEqual({
      commit: commits.opruimen,
      date: '2026-02-10T15:45:00.000Z',
      localDate: '2026-02-10 16:45',
      editor: 'Anna de Vries',
      subject: 'Opruimen',
      changes: [
        { status: 'deleted', path: 'agenda/koffie.md', text: 'Verwijderd: agenda/koffie.md' },
        { status: 'renamed', path: 'nieuws/hallo.md', from: 'nieuws/welkom.md', text: 'Hernoemd: nieuws/welkom.md → nieuws/hallo.md' },
        { status: 'added', path: 'media/foto.jpg', text: 'Nieuw: media/foto.jpg' },
      ],
    });
    // Editors' e-mail addresses never appear.
    expect(result.stdout).not.toContain('@');
  });

  it('lists the history of the other buurten separately', async () => {
    const result = await runBuurt(['history', 'oost-west'], ws.env);
    expect(result.stdout).toContain('Nieuw: nieuws/ow.md');
    expect(result.stdout).toContain('Nieuw: site.yaml');
    expect(result.stdout).not.toContain('oost/');
    expect(result.stdout.match(/^[0-9a-f]{7} /gm)).toHaveLength(2);
  });

  it('refuses a bad --limit or more than one buurt', async () => {
    const limit = await runBuurt(['history', 'oost', '--limit', 'veel'], ws.env);
    expect([limit.code, limit.stderr.split('\n')[0]]).toEqual([2, '--limit must be a whole number of 1 or more, not "veel".']);
    const two = await runBuurt(['history', 'oost', 'west'], ws.env);
    expect([two.code, two.stderr.split('\n')[0]]).toEqual([2, 'Name exactly one buurt.']);
  });
});
