/**
 * `buurt restore`: one buurt's folder back to an earlier state as one new commit, in a fixture git repository
 * with a known history; other buurten and files are never touched.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRestore, planRestore, RestoreError } from '../scripts/platform/report/restore.ts';
import { createGitWorkspace, runBuurt, type GitWorkspace } from './helpers/git-fixture.ts';
import { commitOostWest, type OostWestCommits } from './helpers/report-buurten.ts';

let ws: GitWorkspace;
let commits: OostWestCommits;

beforeEach(async () => {
  ws = await createGitWorkspace();
  commits = await commitOostWest(ws);
});

afterEach(async () => {
  await ws?.dispose();
});

const head = () => ws.git('rev-parse', 'HEAD').trim();
const commitCount = () => Number(ws.git('rev-list', '--count', 'HEAD').trim());
const status = () => ws.git('status', '--porcelain', '--untracked-files=all');

describe('buurt restore to a date', () => {
  it('shows what will change and changes nothing without --yes when not in a terminal', async () => {
    const result = await runBuurt(['restore', 'oost', '--to', '2026-01-31'], ws.env);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      'Restore sites/oost to its state of 2026-01-12 14:30 (Amsterdam time),',
      `from commit ${commits.feest.slice(0, 7)} "Buurtfeest en koffie later".`,
      '',
      'This will change 5 files in one new commit:',
      '  bring back  agenda/koffie.md',
      '  remove      nieuws/hallo.md',
      '  bring back  nieuws/welkom.md',
      '  remove      paginas/over-de-buurt.md',
      '  remove      media/foto.jpg',
    ]);
    expect(result.stderr).toContain('Nothing was changed. Run again with --yes');
    expect(head()).toBe(commits.pagina);
    expect(status()).toBe('');
  });

  it('restores the folder as one new commit with --yes, touching no other buurt', async () => {
    const before = commitCount();
    const result = await runBuurt(['restore', 'oost', '--to', '2026-01-31', '--yes'], ws.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Undo it with "buurt restore oost --to ${commits.pagina.slice(0, 7)}".`);
    expect(commitCount()).toBe(before + 1);
    expect(ws.git('rev-parse', 'HEAD~1').trim()).toBe(commits.pagina);
    // Exactly the expected files changed, all inside sites/oost/.
    expect(ws.git('diff', '--no-renames', '--name-status', 'HEAD~1', 'HEAD').trim().split('\n')).toEqual([
      'A\tsites/oost/content/agenda/koffie.md',
      'D\tsites/oost/content/nieuws/hallo.md',
      'A\tsites/oost/content/nieuws/welkom.md',
      'D\tsites/oost/content/paginas/over-de-buurt.md',
      'D\tsites/oost/media/foto.jpg',
    ]);
    // The folder is now exactly as it was at the target commit, in git and on disk.
    expect(ws.git('diff', '--name-only', commits.feest, 'HEAD', '--', 'sites/oost')).toBe('');
    expect(status()).toBe('');
    expect(await readFile(path.join(ws.sitesDir, 'oost/content/agenda/koffie.md'), 'utf8')).toContain('start: 2026-01-06T10:30');
    // West and oost-west keep their latest state.
    expect(ws.git('diff', '--name-only', commits.pagina, 'HEAD', '--', 'sites/west', 'sites/oost-west')).toBe('');
    expect(await readFile(path.join(ws.sitesDir, 'oost-west/content/nieuws/ow.md'), 'utf8')).toContain('Oost-West');
    // The message says what was restored from when.
    expect(ws.git('log', '-1', '--format=%B').trim()).toBe(
      'Restore sites/oost to its state of 2026-01-12 14:30\n\n' +
        `Restored with "buurt restore oost --to 2026-01-31" from commit ${commits.feest}\n` +
        '("Buurtfeest en koffie later", 2026-01-12 14:30 Amsterdam time).\n' +
        '5 files: 2 brought back, 3 removed, 0 reverted.',
    );
  });

  it('takes the last commit at or before a date and time (Amsterdam)', async () => {
    expect((await planRestore('oost', '2026-01-12T14:29')).target.commit).toBe(commits.start);
    expect((await planRestore('oost', '2026-01-12T14:30')).target.commit).toBe(commits.feest);
    // West's commit of 2 February is not oost's: oost's state then is that of 12 January.
    expect((await planRestore('oost', '2026-02-05')).target.commit).toBe(commits.feest);
  });
});

describe('buurt restore to a commit', () => {
  it('restores changed content and says when there is nothing to do', async () => {
    const first = await runBuurt(['restore', 'oost', '--to', commits.opruimen.slice(0, 10), '--yes'], ws.env);
    expect(first.code).toBe(0);
    expect(ws.git('diff', '--no-renames', '--name-status', 'HEAD~1', 'HEAD').trim()).toBe('D\tsites/oost/content/paginas/over-de-buurt.md');
    const count = commitCount();
    const again = await runBuurt(['restore', 'oost', '--to', commits.opruimen, '--yes'], ws.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('The folder is already in that state; nothing to do.');
    expect(commitCount()).toBe(count);
  });

  it('brings back a modified file as it was', async () => {
    await ws.commit({ at: '2026-03-02T10:00', author: { name: 'X', email: 'x@buurt.example' }, message: 'Oeps', write: { 'oost/site.yaml': 'name: kapot\n' } });
    const plan = await planRestore('oost', commits.pagina);
    expect(plan.changes).toEqual([{ action: 'revert', path: 'site.yaml', repoPath: 'sites/oost/site.yaml' }]);
    await applyRestore(plan);
    expect(await readFile(path.join(ws.sitesDir, 'oost/site.yaml'), 'utf8')).toContain('name: Oost');
  });
});

describe('buurt restore refuses', () => {
  it('when the folder has uncommitted changes, and says which and what to do', async () => {
    await writeFile(path.join(ws.sitesDir, 'oost/site.yaml'), 'name: half af\n');
    await writeFile(path.join(ws.sitesDir, 'oost/content/nieuws/nieuw.md'), 'nog niet opgeslagen\n');
    const result = await runBuurt(['restore', 'oost', '--to', '2026-01-31', '--yes'], ws.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('sites/oost has changes that are not committed:\n  .M site.yaml\n  ?? nieuws/nieuw.md\nA restore would overwrite them.');
    expect(head()).toBe(commits.pagina);
    expect(status()).toBe(' M sites/oost/site.yaml\n?? sites/oost/content/nieuws/nieuw.md\n');
  });

  it('not when another buurt has uncommitted changes, which stay uncommitted', async () => {
    await writeFile(path.join(ws.sitesDir, 'west/site.yaml'), 'name: gewijzigd\n');
    await writeFile(path.join(ws.sitesDir, 'west/nieuw.md'), 'nieuw\n');
    ws.git('add', 'sites/west/nieuw.md');
    const result = await runBuurt(['restore', 'oost', '--to', '2026-01-31', '--yes'], ws.env);
    expect(result.code).toBe(0);
    expect(
      ws
        .git('show', '--name-only', '--format=', 'HEAD')
        .trim()
        .split('\n')
        .every((f) => f.startsWith('sites/oost/')),
    ).toBe(true);
    expect(status()).toBe('A  sites/west/nieuw.md\n M sites/west/site.yaml\n');
  });

  it('a date before the buurt existed, or something that is neither a date nor a commit', async () => {
    await expect(planRestore('oost', '2025-12-31')).rejects.toThrow(
      'sites/oost has no commit at or before 2025-12-31; its first commit is of 2026-01-05 09:00. Choose a later date.',
    );
    await expect(planRestore('oost', '2026-02-30')).rejects.toThrow('"2026-02-30" is not a real date');
    const unknown = await runBuurt(['restore', 'oost', '--to', 'gisteren'], ws.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      '"gisteren" is neither a date (2026-03-01 or 2026-03-01T10:00, Amsterdam time) nor a commit in this repository. "buurt history oost" lists the commits of this buurt.',
    );
    const missing = await runBuurt(['restore', 'oost', '--to'], ws.env);
    expect(missing.code).toBe(2);
  });

  it('a commit in which the folder did not exist', async () => {
    await ws.commit({
      at: '2026-03-03T10:00',
      author: { name: 'X', email: 'x@buurt.example' },
      message: 'Noord',
      write: { 'noord/site.yaml': 'name: Noord\n' },
    });
    const error = await planRestore('noord', commits.start).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).code).toBe('missing-at-target');
  });

  it('to leave anything behind when the commit fails', async () => {
    const hook = path.join(ws.root, '.git', 'hooks', 'pre-commit');
    await writeFile(hook, '#!/bin/sh\necho "hook says no" >&2\nexit 1\n');
    await chmod(hook, 0o755);
    const result = await runBuurt(['restore', 'oost', '--to', '2026-01-31', '--yes'], ws.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The restore could not be committed: hook says no\nsites/oost was put back as it was; nothing was committed.');
    expect(head()).toBe(commits.pagina);
    expect(status()).toBe('');
  });
});
