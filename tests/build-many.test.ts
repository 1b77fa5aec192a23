/**
 * `buurt build` for many buurten, through the real CLI: parallel builds, plain progress lines in CI, a live
 * display in a terminal, the summary table, the exit code, and incremental rebuilds.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, type CliResult } from './helpers/cli.ts';
import { baseSiteYaml, builtSite, createWorkspace, markdown, repoDir, type Workspace } from './helpers/fixtures.ts';

const NOW = '2026-03-10T12:00';
let workspace: Workspace;

type Run = CliResult;

function buurt(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { env: { ...workspace.env, BUURT_NOW: NOW, CI: 'true', ...env } });
}

/** The result column of the summary table, per buurt. */
function results(stdout: string): Record<string, string> {
  const table = stdout.slice(stdout.lastIndexOf('buurt  '));
  const rows = table
    .split('\n')
    .slice(2)
    .filter((line) => /^\S+\s+\d+\s/.test(line));
  return Object.fromEntries(rows.map((row) => [row.split(/\s+/)[0]!, row.split(/\s{2,}/).pop()!]));
}

const buurtFiles = (name: string, welcome: string) => ({
  'site.yaml': stringify({ ...baseSiteYaml, name, domain: `https://${name.toLowerCase()}.nl` }),
  'content/paginas/welkom.md': markdown({ title: welcome, summary: 'Home.' }),
  'content/agenda/borrel.md': markdown({
    title: 'Borrel',
    start: '2026-03-14T16:00',
    end: '2026-03-14T18:00',
    location: { name: 'Buurthuis' },
    summary: 'Proost.',
  }),
});

beforeAll(async () => {
  workspace = await createWorkspace();
  await workspace.writeBuurt('noord', buurtFiles('Noord', 'Welkom in het noorden'));
  await workspace.writeBuurt('zuid', buurtFiles('Zuid', 'Welkom in het zuiden'));
  await workspace.writeBuurt('kapot', { ...buurtFiles('Kapot', 'Kapot'), 'site.yaml': stringify({ ...baseSiteYaml, email: 'geen adres' }) });
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('building many buurten', () => {
  let first: Run;
  beforeAll(async () => {
    first = await buurt(['build', '--all', '--jobs', '2']);
  });

  it('builds every buurt it can and exits 1 when one failed', async () => {
    expect(first.code).toBe(1);
    expect(results(first.stdout)).toEqual({ kapot: 'FAILED: content errors', noord: 'built (never built)', zuid: 'built (never built)' });
    expect((await builtSite(path.join(workspace.distDir, 'noord')).page('/'))('h1').text()).toBe('Welkom in het noorden');
    expect((await builtSite(path.join(workspace.distDir, 'zuid')).page('/'))('h1').text()).toBe('Welkom in het zuiden');
    await expect(stat(path.join(workspace.distDir, 'kapot'))).rejects.toThrow();
  });

  it('prints plain lines in CI, with the content errors of the failed buurt', () => {
    expect(first.stdout).not.toContain('\x1b[');
    expect(first.stdout).toMatch(/^noord: started\.$/m);
    expect(first.stdout).toMatch(/^noord: built \d+ pages in .+ \(never built\)\.$/m);
    expect(first.stdout).toContain('kapot: not built, the content has errors; nothing was published (there is no earlier site in dist/kapot/).');
    expect(first.stdout).toContain('field "email": "geen adres" is not an e-mail address.');
    expect(first.stdout).toMatch(/2 built, 0 unchanged, 1 failed in .+ \(2 at a time\)\.$/m);
  });

  it('skips buurten whose inputs did not change', async () => {
    const again = await buurt(['build', 'noord', 'zuid']);
    expect(again.code).toBe(0);
    expect(results(again.stdout)).toEqual({ noord: 'unchanged', zuid: 'unchanged' });
    expect(again.stdout).toContain('noord: unchanged since its last build');
  });

  it('rebuilds only the buurt whose content changed, and any buurt when forced', async () => {
    await workspace.writeBuurt('noord', { 'content/paginas/welkom.md': markdown({ title: 'Nieuw welkom in het noorden', summary: 'Home.' }) });
    const changed = await buurt(['build', 'noord', 'zuid']);
    expect(results(changed.stdout)).toEqual({ noord: 'built (content changed)', zuid: 'unchanged' });
    expect((await builtSite(path.join(workspace.distDir, 'noord')).page('/'))('h1').text()).toBe('Nieuw welkom in het noorden');
    const forced = await buurt(['build', 'zuid', '--force']);
    expect(results(forced.stdout)).toEqual({ zuid: 'built (forced)' });
  });

  it('rebuilds when the date it builds for changed', async () => {
    const later = await buurt(['build', 'zuid'], { BUURT_NOW: '2026-03-15T12:00' });
    expect(results(later.stdout)).toEqual({ zuid: 'built (environment changed)' });
    const $ = await builtSite(path.join(workspace.distDir, 'zuid')).page('/agenda/');
    expect(
      $('.activity .card-title')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual([]);
  });

  it('draws live progress in a terminal', async () => {
    // `script` runs the command in a pseudo-terminal, as a maintainer's shell would.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(repoDir, 'scripts/buurt.ts'))} build noord --force`;
    const tty = await new Promise<Run>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        cwd: repoDir,
        env: { ...process.env, ...workspace.env, BUURT_NOW: '2026-03-15T12:00', CI: '', TERM: 'xterm' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr: '' }));
    });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('noord  building…');
    expect(tty.stdout).toContain('\x1b[J');
    expect(tty.stdout).not.toContain('noord: started.');
    expect(tty.stdout).toMatch(/noord: built \d+ pages/);
  });

  it('refuses a bad --jobs value', async () => {
    const bad = await buurt(['build', '--all', '--jobs', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--jobs must be a whole number of 1 or more, not "0".');
  });

  it('keeps the build record out of the way of the site', async () => {
    const record = JSON.parse(await readFile(path.join(workspace.cacheDir, 'noord', 'last-build.json'), 'utf8'));
    expect(record).toMatchObject({ version: 1, pages: expect.any(Number), env: { BUURT_NOW: '2026-03-15T12:00' } });
    expect((await readFile(path.join(workspace.distDir, 'noord', '.buurt-build'), 'utf8')).trim()).toBe(record.buildId);
  });

  it('stops Astro and keeps the previous site when the content has errors', async () => {
    const before = await readFile(path.join(workspace.distDir, 'noord', 'index.html'), 'utf8');
    await workspace.writeBuurt('noord', { 'content/nieuws/kapot.md': markdown({ title: 'Kapot', date: 'gisteren', summary: 'x' }) });
    const broken = await buurt(['build', 'noord']);
    expect(broken.code).toBe(1);
    expect(results(broken.stdout)).toEqual({ noord: 'FAILED: content errors' });
    expect(broken.stdout).toContain('field "date": "gisteren" is not a date');
    expect(await readFile(path.join(workspace.distDir, 'noord', 'index.html'), 'utf8')).toBe(before);
    expect((await readdir(workspace.distDir)).filter((name) => name.includes('.building-'))).toEqual([]);
  });
});
