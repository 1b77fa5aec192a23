/**
 * Local editing without a browser: the CMS's own worktree, decap-server bound to 127.0.0.1 committing there,
 * and clear refusals (no git repository, port in use).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDecapServer, type DecapServer } from '../src/lib/cms/decap-server.ts';
import { assertPortFree } from '../src/lib/cms/local-editing.ts';
import { LocalEditingError, prepareCmsWorktree, type CmsWorktree } from '../src/lib/cms/local-repo.ts';
import { isSameLocalOrigin } from '../src/lib/cms/proxy.ts';
import type { IncomingMessage } from 'node:http';
import { markdown } from './helpers/fixtures.ts';
import { gitIn } from './helpers/cms.ts';

let root: string;
let repo: string;
let worktree: CmsWorktree;
let decap: DecapServer;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'buurt-cms-local-'));
  repo = path.join(root, 'repo');
  await mkdir(path.join(repo, 'sites/oost/content/nieuws'), { recursive: true });
  await writeFile(path.join(repo, '.gitignore'), '.cache/\n');
  await writeFile(path.join(repo, 'sites/oost/content/nieuws/eerste.md'), markdown({ title: 'Eerste', date: '2026-01-02', summary: 'Begin.' }));
  await gitIn(repo, 'init', '-q', '-b', 'main');
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'Start');
  // Unrelated work in the maintainer's checkout: a stray file and an uncommitted change.
  await writeFile(path.join(repo, 'geheim.txt'), 'niet committen');
  await writeFile(path.join(repo, 'sites/oost/content/nieuws/eerste.md'), 'half af');
  worktree = await prepareCmsWorktree(repo, 'oost');
  decap = await startDecapServer({ repoDir: worktree.dir });
});

afterAll(async () => {
  await decap?.stop();
  await rm(root, { recursive: true, force: true });
});

/** A save as Decap's proxy backend sends it without the editorial workflow. */
async function persist(file: string, raw: string): Promise<Response> {
  return fetch(`${decap.url}/api/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'persistEntry',
      params: {
        branch: worktree.branch,
        dataFiles: [{ path: file, raw, slug: path.basename(file, '.md') }],
        assets: [],
        options: { collectionName: 'nieuws', commitMessage: 'Nieuwsbericht “tweede” toegevoegd (oost)', useWorkflow: false, status: 'draft' },
      },
    }),
  });
}

describe('local editing', () => {
  it('gives the CMS its own worktree on buurt-cms/<slug>, created from HEAD and reused', async () => {
    expect(worktree).toMatchObject({
      dir: path.join(await gitIn(repo, 'rev-parse', '--show-toplevel'), '.cache/cms/oost'),
      branch: 'buurt-cms/oost',
      created: true,
    });
    expect(await gitIn(worktree.dir, 'rev-parse', 'HEAD')).toBe(await gitIn(repo, 'rev-parse', 'main'));
    const again = await prepareCmsWorktree(repo, 'oost');
    expect(again).toMatchObject({ dir: worktree.dir, created: false });
  });

  it('commits a save in the worktree only: unrelated work in the checkout is never swept in', async () => {
    const response = await persist('sites/oost/content/nieuws/tweede.md', markdown({ title: 'Tweede', date: '2026-01-03', summary: 'Meer.' }));
    expect(`${response.status} ${await response.text()}`).toMatch(/^200 /);
    expect(await gitIn(repo, 'log', '-1', '--format=%s|%an|%ae', worktree.branch)).toBe(
      'Nieuwsbericht “tweede” toegevoegd (oost)|Buurtredactie (lokaal)|buurt-cms@users.noreply.localhost',
    );
    expect(await gitIn(repo, 'show', '--name-only', '--format=', worktree.branch)).toBe('sites/oost/content/nieuws/tweede.md');
    // The checkout is as the maintainer left it.
    expect(await gitIn(repo, 'status', '--porcelain')).toBe('M sites/oost/content/nieuws/eerste.md\n?? geheim.txt'); // (leading space trimmed)
    expect(await readFile(path.join(repo, 'sites/oost/content/nieuws/eerste.md'), 'utf8')).toBe('half af');
    expect(existsSync(path.join(repo, 'sites/oost/content/nieuws/tweede.md'))).toBe(false);
    expect(await gitIn(repo, 'rev-parse', 'main')).toBe(await gitIn(repo, 'rev-parse', `${worktree.branch}~1`));
  });

  it('binds decap-server to 127.0.0.1 only', async () => {
    const port = Number(new URL(decap.url).port).toString(16).toUpperCase().padStart(4, '0');
    const listening = (await readFile('/proc/net/tcp', 'utf8')).split('\n').filter((line) => / 0A /.test(line) && line.includes(`:${port} `));
    const local = listening.map((line) => line.trim().split(/\s+/)[1]);
    expect(local).toEqual([`0100007F:${port}`]);
  });

  it('refuses outside a git repository, and on a port in use, saying what to do', async () => {
    const plain = await mkdtemp(path.join(tmpdir(), 'buurt-no-git-'));
    try {
      await expect(prepareCmsWorktree(plain, 'oost')).rejects.toThrow(LocalEditingError);
      await expect(prepareCmsWorktree(plain, 'oost')).rejects.toThrow(/is not a git repository\. Local editing saves every change as a git commit/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      await expect(assertPortFree(port)).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use (is "npm start" or "buurt dev" already running?). Stop that program, or choose another port with --port (buurt dev) or PORT=4322 npm start.`,
      );
    } finally {
      busy.close();
    }
  });

  it('forwards the CMS API only for the local site itself', () => {
    const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    expect(isSameLocalOrigin(request({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321' }))).toBe(true);
    expect(isSameLocalOrigin(request({ host: 'localhost:4321' }))).toBe(true);
    expect(isSameLocalOrigin(request({ host: '127.0.0.1:4321', origin: 'https://evil.example' }))).toBe(false);
    expect(isSameLocalOrigin(request({ host: 'evil.example:4321', origin: 'http://evil.example:4321' }))).toBe(false);
  });
});
