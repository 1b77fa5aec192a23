import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from '../../../tests/helpers/fixtures.ts';
import { loadSite } from '../../../src/model/content.ts';
import { parseAmsterdam } from '../../../src/dates/dates.ts';
import {
  BUILD_ID_FILE,
  fingerprint,
  hashSharedInputs,
  hashSiteInputs,
  nextAmsterdamMidnight,
  nextOutputChange,
  outputEnv,
  rebuildReason,
  writeBuildRecord,
} from './fingerprint.ts';

const at = (wallClock: string) => parseAmsterdam(wallClock);

describe('the next moment the output changes by the date alone', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await createWorkspace();
  });
  afterEach(async () => {
    await workspace.dispose();
  });

  async function siteWith(files: Record<string, string>) {
    await workspace.writeBuurt('oost', { 'site.yaml': stringify(baseSiteYaml), ...files });
    return loadSite('oost');
  }

  it('is the next midnight in Amsterdam when nothing is scheduled, also on the night the clocks change', () => {
    expect(nextAmsterdamMidnight(at('2026-03-10T12:00')).toISOString()).toBe('2026-03-10T23:00:00.000Z');
    // Summer time starts on 29 March 2026: midnight after 28 March is still winter time (UTC+1).
    expect(nextAmsterdamMidnight(at('2026-03-28T23:30')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(nextAmsterdamMidnight(at('2026-03-29T12:00')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('is the publication of a scheduled news item later today', async () => {
    const site = await siteWith({
      'content/nieuws/gepland.md': markdown({ title: 'Gepland', date: '2026-03-01', publishAt: '2026-03-10T15:30', summary: 'Straks.' }),
      'content/nieuws/concept.md': markdown({ title: 'Concept', date: '2026-03-10T13:00', summary: 'Nooit.', draft: true }),
    });
    expect(nextOutputChange(site, at('2026-03-10T12:00')).toISOString()).toBe(at('2026-03-10T15:30').toISOString());
    expect(nextOutputChange(site, at('2026-03-10T16:00')).toISOString()).toBe('2026-03-10T23:00:00.000Z');
  });

  it('is the moment after an activity ends, when it leaves the agenda', async () => {
    const site = await siteWith({
      'content/agenda/borrel.md': markdown({
        title: 'Borrel',
        start: '2026-03-10T10:00',
        end: '2026-03-10T12:00',
        location: { name: 'Buurthuis' },
        summary: 'Proost.',
      }),
    });
    expect(nextOutputChange(site, at('2026-03-10T11:00')).getTime()).toBe(at('2026-03-10T12:00').getTime() + 1);
  });

  it('is the moment a recurring activity comes within the agenda’s three months', async () => {
    // Weekly on Tuesdays from 9 June 2026. On 10 March at 12:00 the window reaches 10 June, so 9 June is listed
    // and 16 June enters 92 days before it starts: 16 March, 09:00 winter time (10:00 summer time minus 92 days).
    const site = await siteWith({
      'content/agenda/koffie.md': markdown({
        title: 'Koffie',
        start: '2026-06-09T10:00',
        end: '2026-06-09T11:00',
        location: { name: 'Buurthuis' },
        summary: 'Elke week.',
        recurrence: { frequency: 'weekly' },
      }),
    });
    const now = at('2026-03-10T12:00');
    expect(nextOutputChange(site, now).toISOString()).toBe('2026-03-10T23:00:00.000Z');
    expect(nextOutputChange(site, at('2026-03-16T08:00')).toISOString()).toBe(at('2026-03-16T09:00').toISOString());
  });
});

describe('which environment is part of the fingerprint', () => {
  it('keeps variables that change the output and drops those that only say where things are', () => {
    expect(outputEnv({ BUURT: 'oost', BUURT_NOW: '2026-03-01T12:00', BUURT_SITES_DIR: '/x', CONTEXT: 'deploy-preview', PATH: '/bin', HOME: '/root' })).toEqual({
      BUURT_NOW: '2026-03-01T12:00',
      CONTEXT: 'deploy-preview',
    });
  });
});

describe('deciding whether a buurt must be rebuilt', () => {
  let workspace: Workspace;
  const now = at('2026-03-10T12:00');

  beforeEach(async () => {
    workspace = await createWorkspace();
    await workspace.writeBuurt('oost', {
      'site.yaml': stringify(baseSiteYaml),
      'content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Hallo.' }),
      'media/foto.jpg': Buffer.alloc(1000, 1),
    });
  });
  afterEach(async () => {
    await workspace.dispose();
  });

  /** Records a successful "build" of the buurt's current inputs, as buildIfChanged does after buildSite. */
  async function recordBuild(env: Record<string, string> = {}, validUntil = at('2026-03-11T00:00')) {
    await mkdir(path.join(workspace.distDir, 'oost'), { recursive: true });
    await writeFile(path.join(workspace.distDir, 'oost', 'index.html'), '<!doctype html>');
    return writeBuildRecord('oost', await fingerprint('oost', env), { validUntil, pages: 1, durationMs: 10 });
  }

  it('builds a buurt that was never built', async () => {
    expect(await rebuildReason('oost', await fingerprint('oost', {}), now)).toBe('never built');
  });

  it('skips a buurt whose inputs and date did not change, unless forced', async () => {
    await recordBuild();
    const current = await fingerprint('oost', {});
    expect(await rebuildReason('oost', current, now)).toBeUndefined();
    expect(await rebuildReason('oost', current, now, { force: true })).toBe('forced');
  });

  it('rebuilds when a content file or a photo changed, was added or was removed', async () => {
    await recordBuild();
    await workspace.writeBuurt('oost', { 'content/paginas/welkom.md': markdown({ title: 'Welkom!', summary: 'Hallo.' }) });
    expect(await rebuildReason('oost', await fingerprint('oost', {}), now)).toBe('content changed');
    await recordBuild();
    await workspace.writeBuurt('oost', { 'media/nieuw.jpg': Buffer.alloc(10, 2) });
    expect(await rebuildReason('oost', await fingerprint('oost', {}), now)).toBe('content changed');
    await recordBuild();
    await rm(path.join(workspace.sitesDir, 'oost', 'media', 'nieuw.jpg'));
    expect(await rebuildReason('oost', await fingerprint('oost', {}), now)).toBe('content changed');
  });

  it('rebuilds when the output-changing environment differs', async () => {
    await recordBuild({ BUURT_NOW: '2026-03-10T12:00' });
    expect(await rebuildReason('oost', await fingerprint('oost', { BUURT_NOW: '2026-03-10T12:00' }), now)).toBeUndefined();
    expect(await rebuildReason('oost', await fingerprint('oost', { BUURT_NOW: '2026-04-01T12:00' }), now)).toBe('environment changed');
    expect(await rebuildReason('oost', await fingerprint('oost', { BUURT_NOW: '2026-03-10T12:00', CONTEXT: 'deploy-preview' }), now)).toBe(
      'environment changed',
    );
  });

  it('rebuilds once now has passed the moment the output would change', async () => {
    await recordBuild({}, at('2026-03-10T15:30'));
    const current = await fingerprint('oost', {});
    expect(await rebuildReason('oost', current, at('2026-03-10T15:29'))).toBeUndefined();
    expect(await rebuildReason('oost', current, at('2026-03-10T15:30'))).toBe('date passed');
  });

  it('rebuilds when the published folder is gone or was written by another build', async () => {
    await recordBuild();
    const current = await fingerprint('oost', {});
    await writeFile(path.join(workspace.distDir, 'oost', BUILD_ID_FILE), 'someone-else\n');
    expect(await rebuildReason('oost', current, now)).toBe('output missing');
    await rm(path.join(workspace.distDir, 'oost'), { recursive: true });
    expect(await rebuildReason('oost', current, now)).toBe('output missing');
  });

  it('rebuilds when the shared code differs', async () => {
    const record = await recordBuild();
    const current = await fingerprint('oost', {}, 'other-shared-hash');
    expect(record.shared).not.toBe('other-shared-hash');
    expect(await rebuildReason('oost', current, now)).toBe('shared code changed');
  });

  it('does not read a file again while its size and modification time are unchanged', async () => {
    const photo = path.join(workspace.sitesDir, 'oost', 'media', 'foto.jpg');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(photo, anHourAgo, anHourAgo);
    const first = await hashSiteInputs('oost');
    const cacheFile = path.join(workspace.cacheDir, 'oost', 'input-hashes.json');
    const cache = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, { hash: string }>;
    expect(Object.keys(cache).sort()).toEqual(['content/paginas/welkom.md', 'media/foto.jpg', 'site.yaml']);
    // Tamper with the cached hash of the photo: an unchanged file is taken from the cache, so the result moves.
    cache['media/foto.jpg']!.hash = 'f'.repeat(64);
    await writeFile(cacheFile, JSON.stringify(cache));
    expect(await hashSiteInputs('oost')).not.toBe(first);
    // Touching the file makes it be read again, and the true hash returns.
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    await utimes(photo, twoHoursAgo, twoHoursAgo);
    expect(await hashSiteInputs('oost')).toBe(first);
  });

  it('always reads a file modified in the last seconds, even when size and time match the cache', async () => {
    const first = await hashSiteInputs('oost');
    const cacheFile = path.join(workspace.cacheDir, 'oost', 'input-hashes.json');
    const cache = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, { hash: string }>;
    cache['media/foto.jpg']!.hash = 'f'.repeat(64);
    await writeFile(cacheFile, JSON.stringify(cache));
    expect(await hashSiteInputs('oost')).toBe(first);
  });
});

describe('the shared code', () => {
  it('hashes the listed files and folders, not test files or files outside the list', async () => {
    const { mkdtemp, cp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(path.join(tmpdir(), 'buurt-shared-'));
    try {
      await mkdir(path.join(root, 'src', 'lib'), { recursive: true });
      await writeFile(path.join(root, 'src', 'lib', 'a.ts'), 'export const a = 1;\n');
      await writeFile(path.join(root, 'src', 'lib', 'guard.ts'), 'export const g = 1;\n');
      await writeFile(path.join(root, 'package-lock.json'), '{}');
      const inputs = ['src/lib/a.ts', 'package-lock.json', 'public/'];
      const before = await hashSharedInputs(root, inputs);
      await writeFile(path.join(root, 'src', 'lib', 'a.test.ts'), 'test\n');
      await writeFile(path.join(root, 'src', 'lib', 'guard.ts'), 'export const g = 2;\n');
      await writeFile(path.join(root, 'README.md'), 'docs\n');
      expect(await hashSharedInputs(root, inputs)).toBe(before);
      await writeFile(path.join(root, 'src', 'lib', 'a.ts'), 'export const a = 2;\n');
      const changed = await hashSharedInputs(root, inputs);
      expect(changed).not.toBe(before);
      await cp(path.join(root, 'src'), path.join(root, 'public'), { recursive: true });
      expect(await hashSharedInputs(root, inputs)).not.toBe(changed);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reads the committed list of the repository by default, and says how to make it when it is missing', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(path.join(tmpdir(), 'buurt-shared-'));
    try {
      await mkdir(path.join(root, 'scripts', 'netlify'), { recursive: true });
      await writeFile(path.join(root, 'package.json'), '{}');
      await expect(hashSharedInputs(root)).rejects.toThrow(/shared-inputs\.txt, cannot be read/);
      await writeFile(path.join(root, 'scripts', 'netlify', 'shared-inputs.txt'), '# list\npackage.json\n');
      expect(await hashSharedInputs(root)).toBe(await hashSharedInputs(root, ['package.json']));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
