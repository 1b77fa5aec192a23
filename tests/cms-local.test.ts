/**
 * The local CMS backend without a browser, over real HTTP against a real git repository: Decap's proxy API
 * answered with git plumbing on buurt-cms/oost, the editorial workflow as decap-server keeps it, the served
 * folder changing only on publish, writes queueing instead of failing, and the attacks of issue 16 (a foreign
 * Host, paths outside sites/oost/, another buurt's site.yaml) refused.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPortFree } from '../scripts/platform/local-cms/local-editing.ts';
import { handleCmsApi, isSameLocalOrigin } from '../src/cms/local-api.ts';
import { confinePath, createLocalBackend, type LocalBackend } from '../src/cms/local-backend.ts';
import { exportBuurt, freePort, headOf, LocalEditingError, prepareCmsBranch, resolveAuthor, type CmsBranch } from '../scripts/platform/local-cms/local-repo.ts';
import { markdown } from './helpers/fixtures.ts';
import { CMS_AUTHOR, gitIn } from './helpers/cms.ts';

let root: string;
let repo: string;
let cms: CmsBranch;
let backend: LocalBackend;
let server: Server;
let port: number;
const published: string[] = [];
const BRANCH = 'buurt-cms/oost';

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'buurt-cms-local-'));
  repo = path.join(root, 'repo');
  await mkdir(path.join(repo, 'sites/oost/content/nieuws'), { recursive: true });
  await mkdir(path.join(repo, 'sites/oost/media'), { recursive: true });
  await mkdir(path.join(repo, 'sites/west'), { recursive: true });
  await mkdir(path.join(repo, 'src'), { recursive: true });
  await writeFile(path.join(repo, '.gitignore'), '.cache/\n');
  await writeFile(path.join(repo, 'src/code.ts'), 'export {};\n');
  await writeFile(path.join(repo, 'sites/west/site.yaml'), 'name: Westbuurt\ngeheim: ja\n');
  await writeFile(path.join(repo, 'sites/oost/site.yaml'), 'name: Oostbuurt\n');
  await writeFile(path.join(repo, 'sites/oost/media/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  await writeFile(path.join(repo, 'sites/oost/content/nieuws/eerste.md'), markdown({ title: 'Eerste', date: '2026-01-02', summary: 'Begin.' }));
  await gitIn(repo, 'init', '-q', '-b', 'main');
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'Start');
  // A symbolic link in the buurt pointing at another buurt: never shown, never followed.
  await symlink('../../../west/site.yaml', path.join(repo, 'sites/oost/content/nieuws/link.md'));
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'A link');
  // Unrelated work in the maintainer's checkout: a stray file and an uncommitted change.
  await writeFile(path.join(repo, 'geheim.txt'), 'niet committen');
  await writeFile(path.join(repo, 'sites/oost/content/nieuws/eerste.md'), 'half af');
  cms = await prepareCmsBranch(repo, 'oost');
  const head = await headOf(cms.repoDir, cms.branch);
  await exportBuurt(cms.repoDir, head, 'oost', cms.servedDir);
  backend = createLocalBackend({
    repoDir: cms.repoDir,
    slug: 'oost',
    branch: cms.branch,
    servedDir: cms.servedDir,
    servedCommit: head,
    author: CMS_AUTHOR,
    onPublished: (commit) => void published.push(commit),
  });
  port = await freePort();
  server = createServer((req, res) => void handleCmsApi(req, res, backend, port));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(root, { recursive: true, force: true });
});

/** A raw HTTP request (fetch cannot set Host), as a browser or an attacker would send it. */
function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> & { error?: string } }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1',
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json; charset=utf-8', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const api = (action: string, params: Record<string, unknown> = {}) => post({ action, params: { branch: BRANCH, ...params } });

function persist(file: string, raw: string, useWorkflow: boolean, extra: { assets?: unknown[]; slug?: string } = {}) {
  return api('persistEntry', {
    dataFiles: [{ path: file, raw, slug: extra.slug ?? path.basename(file, '.md') }],
    assets: extra.assets ?? [],
    options: { collectionName: 'nieuws', commitMessage: `Nieuwsbericht “${path.basename(file, '.md')}” (oost)`, useWorkflow, status: 'draft' },
  });
}

const served = (file: string) => path.join(cms.servedDir, file);

describe('the local CMS backend', () => {
  it('keeps the buurt on its own branch, created from HEAD, and serves only sites/<slug>/', async () => {
    expect(cms).toMatchObject({
      branch: BRANCH,
      created: true,
      servedDir: path.join(await gitIn(repo, 'rev-parse', '--show-toplevel'), '.cache/local-cms/oost'),
    });
    expect(await gitIn(repo, 'rev-parse', BRANCH)).toBe(await gitIn(repo, 'rev-parse', 'main'));
    expect(await prepareCmsBranch(repo, 'oost')).toMatchObject({ created: false });
    expect(existsSync(served('sites/oost/site.yaml'))).toBe(true);
    expect(existsSync(served('sites/west'))).toBe(false);
    expect(existsSync(served('src'))).toBe(false);
    expect(existsSync(served('sites/oost/content/nieuws/link.md'))).toBe(false);
    expect(await api('info')).toEqual({ status: 200, json: { repo: 'repo', publish_modes: ['simple', 'editorial_workflow'], type: 'local_git' } });
  });

  it('lists and reads entries from the branch, not from a work tree; links are not followed', async () => {
    const { status, json } = await api('entriesByFolder', { folder: 'sites/oost/content/nieuws', extension: 'md', depth: 1 });
    expect(status).toBe(200);
    expect(json).toEqual([
      {
        data: expect.stringContaining('title: Eerste'),
        file: { path: 'sites/oost/content/nieuws/eerste.md', id: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
    expect((await api('getEntry', { path: 'sites/oost/content/nieuws/nieuw.md' })).json).toEqual({
      data: null,
      file: { path: 'sites/oost/content/nieuws/nieuw.md', id: null },
    });
    const media = await api('getMedia', { mediaFolder: 'sites/oost/media' });
    expect(media.json).toEqual([{ id: expect.any(String), content: 'iVBORwABAgM=', encoding: 'base64', path: 'sites/oost/media/logo.png', name: 'logo.png' }]);
  });

  it('commits a save without the workflow on the branch only: the checkout is never touched', async () => {
    const before = await gitIn(repo, 'rev-parse', BRANCH);
    const response = await persist('sites/oost/content/nieuws/tweede.md', markdown({ title: 'Tweede', date: '2026-01-03', summary: 'Meer.' }), false);
    expect(response).toEqual({ status: 200, json: { message: 'entry persisted' } });
    expect(await gitIn(repo, 'log', '-1', '--format=%s|%an|%ae|%P', BRANCH)).toBe(
      `Nieuwsbericht “tweede” (oost)|Buurtredactie (lokaal)|buurt-cms@users.noreply.localhost|${before}`,
    );
    expect(await gitIn(repo, 'show', '--name-only', '--format=', BRANCH)).toBe('sites/oost/content/nieuws/tweede.md');
    expect(await gitIn(repo, 'status', '--porcelain')).toBe('M sites/oost/content/nieuws/eerste.md\n?? geheim.txt');
    expect(await readFile(path.join(repo, 'sites/oost/content/nieuws/eerste.md'), 'utf8')).toBe('half af');
    expect(await gitIn(repo, 'rev-parse', 'main')).toBe(before);
    // Published at once: the served folder has it.
    expect(await readFile(served('sites/oost/content/nieuws/tweede.md'), 'utf8')).toContain('title: Tweede');
    expect(published.at(-1)).toBe(await gitIn(repo, 'rev-parse', BRANCH));
  });

  it('keeps a concept on its own branch with its status in git config, away from the served folder until published', async () => {
    const main = await gitIn(repo, 'rev-parse', BRANCH);
    const photo = { path: 'sites/oost/media/plein.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0, 0, 1]).toString('base64'), encoding: 'base64' };
    expect((await persist('sites/oost/content/nieuws/feest.md', 'title: Feest v1\n', true, { assets: [photo] })).status).toBe(200);
    const concept = 'cms/oost/nieuws/feest';
    expect(await gitIn(repo, 'config', `branch.${concept}.description`)).toBe('decap-cms/draft');
    expect(await gitIn(repo, 'rev-parse', BRANCH)).toBe(main);
    expect(existsSync(served('sites/oost/content/nieuws/feest.md'))).toBe(false);
    expect((await api('unpublishedEntries')).json).toEqual(['nieuws/feest']);
    const entry = await api('unpublishedEntry', { id: 'nieuws/feest' });
    expect(entry.json).toMatchObject({ collection: 'nieuws', slug: 'feest', status: 'draft' });
    expect((entry.json.diffs as { path: string; binary: boolean }[]).map((d) => [d.path, d.binary]).sort()).toEqual([
      ['sites/oost/content/nieuws/feest.md', false],
      ['sites/oost/media/plein.jpg', true],
    ]);
    expect(
      (
        await api('unpublishedEntryDataFile', {
          collection: 'nieuws',
          slug: 'feest',
          id: 'sites/oost/content/nieuws/feest.md',
          path: 'sites/oost/content/nieuws/feest.md',
        })
      ).json,
    ).toEqual({
      data: 'title: Feest v1\n',
    });
    expect(
      (await api('unpublishedEntryMediaFile', { collection: 'nieuws', slug: 'feest', id: 'sites/oost/media/plein.jpg', path: 'sites/oost/media/plein.jpg' }))
        .json,
    ).toMatchObject({
      content: photo.content,
      name: 'plein.jpg',
    });
    // A second save without the photo: the photo leaves the concept, as with decap-server.
    expect((await persist('sites/oost/content/nieuws/feest.md', 'title: Feest v2\n', true)).status).toBe(200);
    expect(await gitIn(repo, 'diff', '--name-only', `${BRANCH}...${concept}`)).toBe('sites/oost/content/nieuws/feest.md');
    expect((await api('updateUnpublishedEntryStatus', { collection: 'nieuws', slug: 'feest', newStatus: 'pending_publish' })).status).toBe(200);
    expect(await gitIn(repo, 'config', `branch.${concept}.description`)).toBe('decap-cms/pending_publish');
    // Meanwhile another edit is published directly: publishing the concept then merges.
    expect((await persist('sites/oost/content/nieuws/derde.md', 'title: Derde\n', false)).status).toBe(200);
    const conceptTip = await gitIn(repo, 'rev-parse', concept);
    expect(await api('publishUnpublishedEntry', { collection: 'nieuws', slug: 'feest' })).toEqual({
      status: 200,
      json: { message: `branch ${concept} merged to ${BRANCH}` },
    });
    expect(await gitIn(repo, 'merge-base', '--is-ancestor', conceptTip, BRANCH).then(() => true)).toBe(true);
    expect(await gitIn(repo, 'show', `${BRANCH}:sites/oost/content/nieuws/derde.md`)).toBe('title: Derde');
    expect(await gitIn(repo, 'branch', '--list', 'cms/*')).toBe('');
    expect(await gitIn(repo, 'config', '--get-regexp', 'branch\\.cms/').catch(() => 'none')).toBe('none');
    expect(await readFile(served('sites/oost/content/nieuws/feest.md'), 'utf8')).toBe('title: Feest v2\n');
    expect((await api('unpublishedEntry', { id: 'nieuws/feest' })).status).toBe(404);
  });

  it('queues concurrent saves and publishes instead of timing out: every one is answered 200 and committed', async () => {
    const titles = Array.from({ length: 6 }, (_, i) => `gelijk-${i}`);
    const answers = await Promise.all(
      titles.flatMap((slug) => [
        persist(`sites/oost/content/nieuws/${slug}.md`, `title: ${slug}\n`, true),
        api('entriesByFolder', { folder: 'sites/oost/content/nieuws', extension: 'md', depth: 1 }),
        api('unpublishedEntries'),
      ]),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const publishes = await Promise.all(titles.map((slug) => api('publishUnpublishedEntry', { collection: 'nieuws', slug })));
    expect(publishes.map((a) => a.status)).toEqual(titles.map(() => 200));
    for (const slug of titles) expect(await readFile(served(`sites/oost/content/nieuws/${slug}.md`), 'utf8')).toBe(`title: ${slug}\n`);
    expect((await api('unpublishedEntries')).json).toEqual([]);
    expect(existsSync(served('.staging')) ? await readdir(served('.staging')) : []).toEqual([]);
  });

  it('removes a deleted entry from the branch and the served folder', async () => {
    const answer = await api('deleteFiles', { paths: ['sites/oost/content/nieuws/derde.md'], options: { commitMessage: 'Weg' } });
    expect(answer.status).toBe(200);
    expect(existsSync(served('sites/oost/content/nieuws/derde.md'))).toBe(false);
    expect(await gitIn(repo, 'log', '-1', '--format=%s', BRANCH)).toBe('Weg');
  });
});

describe('attacks on the local CMS (issue 16)', () => {
  it('refuses a foreign Host (DNS rebinding), a foreign Origin and a cross-site request', async () => {
    const before = await gitIn(repo, 'rev-parse', BRANCH);
    const save = {
      action: 'persistEntry',
      params: {
        branch: BRANCH,
        dataFiles: [{ path: 'sites/oost/content/nieuws/x.md', raw: 'x', slug: 'x' }],
        assets: [],
        options: { commitMessage: 'x', useWorkflow: false },
      },
    };
    const attacks: Record<string, string>[] = [
      { host: `evil.example:${port}` },
      { host: `127.0.0.1:${port + 1}` },
      { origin: 'http://evil.example' },
      { origin: `http://localhost:${port}` },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attacks) {
      const answer = await post(save, headers);
      expect(answer.status).toBe(403);
      expect(answer.json.error).toBe(`De lokale CMS antwoordt alleen aan de site zelf op http://127.0.0.1:${port}. Open /admin/ via dat adres.`);
    }
    expect((await post({ action: 'info' }, { host: `evil.example:${port}` })).status).toBe(403);
    expect(await gitIn(repo, 'rev-parse', BRANCH)).toBe(before);
    const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
    expect(isSameLocalOrigin(request({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321' }), 4321)).toBe(true);
    expect(isSameLocalOrigin(request({ host: 'localhost:4321' }), 4321)).toBe(true);
    expect(isSameLocalOrigin(request({ host: 'localhost:4322' }), 4321)).toBe(false);
  });

  it('refuses to write outside sites/<slug>/: shared code, CI, another buurt, traversal, .git', async () => {
    const before = await gitIn(repo, 'rev-parse', BRANCH);
    for (const file of [
      'src/code.ts',
      '.github/workflows/deploy.yml',
      'sites/west/site.yaml',
      'sites/oost/../west/site.yaml',
      'sites/oost/./content/x.md',
      'sites/Oost/content/x.md',
      'sites/oost/.git/config',
      '/etc/passwd',
      'sites/oost\\..\\west\\x.md',
      'sites/oost/content/x\u001b[31m.md',
    ]) {
      const answer = await persist(file, 'gehackt', false);
      expect(answer.status, file).toBeGreaterThanOrEqual(403);
      expect(answer.status, file).toBeLessThan(500);
      expect(answer.json.error, file).toMatch(/sites\/oost\//);
    }
    const asset = await persist('sites/oost/content/nieuws/ok.md', 'x', true, {
      assets: [{ path: '.github/workflows/x.yml', content: 'eA==', encoding: 'base64' }],
    });
    expect(asset.status).toBe(403);
    const media = await api('persistMedia', { asset: { path: 'src/x.ts', content: 'eA==', encoding: 'base64' }, options: { commitMessage: 'x' } });
    expect(media.status).toBe(403);
    const moved = await api('persistEntry', {
      dataFiles: [{ path: 'sites/oost/content/nieuws/eerste.md', newPath: 'sites/west/content/paginas/welkom.md', raw: 'x', slug: 'eerste' }],
      assets: [],
      options: { commitMessage: 'x', useWorkflow: false },
    });
    expect(moved.status).toBe(403);
    expect(await gitIn(repo, 'rev-parse', BRANCH)).toBe(before);
    expect(await gitIn(repo, 'branch', '--list', 'cms/*')).toBe('');
  });

  it('cannot read another buurt’s site.yaml or anything outside the buurt, nor work on another branch', async () => {
    for (const [action, params] of [
      ['getEntry', { path: 'sites/west/site.yaml' }],
      ['entriesByFiles', { files: [{ path: 'sites/west/site.yaml' }] }],
      ['entriesByFolder', { folder: 'sites/west', extension: 'yaml', depth: 5 }],
      ['entriesByFolder', { folder: 'sites', extension: 'yaml', depth: 5 }],
      ['getMediaFile', { path: 'sites/oost/../west/site.yaml' }],
      ['getMedia', { mediaFolder: 'src' }],
    ] as const) {
      const answer = await api(action, params);
      expect(answer.status, action).toBe(403);
      expect(JSON.stringify(answer.json)).not.toContain('geheim');
    }
    const other = await post({ action: 'getEntry', params: { branch: 'main', path: 'sites/oost/site.yaml' } });
    expect(other.status).toBe(403);
    expect(other.json.error).toBe('De lokale CMS werkt alleen op de tak "buurt-cms/oost", niet op "main". Laad /admin/ opnieuw.');
    // A concept name that would make a branch elsewhere.
    const branchName = await persist('sites/oost/content/nieuws/x.md', 'x', true, { slug: '../../heads/main' });
    expect(branchName.status).toBe(422);
  });

  it('pins the wording of its refusals (Dutch, for the editor)', async () => {
    expect(() => confinePath('oost', 'sites/west/site.yaml')).toThrowErrorMatchingInlineSnapshot(
      `[LocalCmsError: "sites/west/site.yaml" ligt buiten de map van deze buurt. De lokale CMS leest en schrijft alleen in sites/oost/; andere buurten en de code van het platform blijven dicht.]`,
    );
    expect(confinePath('oost', 'sites/oost/content/nieuws/a.md')).toBe('sites/oost/content/nieuws/a.md');
    expect((await post({ action: 'nope', params: { branch: BRANCH } })).json.error).toBe('De lokale CMS kent de opdracht "nope" niet.');
  });
});

describe('starting local editing', () => {
  it('commits under BUURT_CMS_AUTHOR_*, else git’s identity, else refuses saying what to set', async () => {
    expect(await resolveAuthor(repo, { BUURT_CMS_AUTHOR_NAME: 'Redactie', BUURT_CMS_AUTHOR_EMAIL: 'r@example.org' })).toEqual({
      name: 'Redactie',
      email: 'r@example.org',
    });
    await gitIn(repo, 'config', 'user.name', 'Beheerder');
    await gitIn(repo, 'config', 'user.email', 'beheer@example.org');
    expect(await resolveAuthor(repo, {})).toEqual({ name: 'Beheerder', email: 'beheer@example.org' });
    const bare = await mkdtemp(path.join(tmpdir(), 'buurt-no-identity-'));
    try {
      await gitIn(bare, 'init', '-q');
      const env = { HOME: bare, XDG_CONFIG_HOME: bare, GIT_CONFIG_NOSYSTEM: '1' };
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        await expect(resolveAuthor(bare, {})).rejects.toThrow(/needs a name and e-mail address.*Set BUURT_CMS_AUTHOR_NAME and BUURT_CMS_AUTHOR_EMAIL/s);
      } finally {
        for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
        Object.assign(process.env, saved);
      }
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  it('refuses outside a git repository, and on a port in use, saying what to do', async () => {
    const plain = await mkdtemp(path.join(tmpdir(), 'buurt-no-git-'));
    try {
      await expect(prepareCmsBranch(plain, 'oost')).rejects.toThrow(LocalEditingError);
      await expect(prepareCmsBranch(plain, 'oost')).rejects.toThrow(/is not a git repository\. Local editing saves every change as a git commit/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
    const busy = createNetServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port: taken } = busy.address() as { port: number };
    try {
      await expect(assertPortFree(taken)).rejects.toThrow(
        `Port ${taken} on 127.0.0.1 is already in use (is "npm start" or "buurt dev" already running?). Stop that program, or choose another port with --port (buurt dev) or PORT=4322 npm start.`,
      );
    } finally {
      busy.close();
    }
  });
});
