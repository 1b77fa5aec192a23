/**
 * Netlify, one site per buurt: netlify.toml, the ignore script on a real git history, the build command on a
 * real fixture buurt (publish folder, _redirects, noindex outside production), and the cache plugin's paths.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isNoindexContext, publishForNetlify, redirectRules } from '../scripts/platform/netlify/netlify.ts';
import { readSharedInputs } from '../scripts/platform/build/shared-inputs.ts';
import { baseSiteYaml, builtSite, createWorkspace, markdown, repoDir, type Workspace } from './helpers/fixtures.ts';
import { trackedFilesNamed } from './helpers/repo-files.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('netlify.toml', () => {
  it('names a build command, ignore script and cache plugin that exist, the Node of the project, and no headers', async () => {
    const config = parseToml(await readFile(path.join(repoDir, 'netlify.toml'), 'utf8')) as {
      build: { command: string; publish: string; ignore: string; environment: Record<string, string> };
      plugins: { package: string }[];
      headers?: unknown;
    };
    // The files the commands run, not the commands' wording: a renamed script breaks every deploy.
    const script = (command: string) => /\b(scripts\/\S+)/.exec(command)?.[1];
    for (const command of [config.build.command, config.build.ignore]) {
      expect(script(command), command).toBeDefined();
      await stat(path.join(repoDir, script(command)!));
    }
    for (const plugin of config.plugins) await stat(path.join(repoDir, plugin.package, 'manifest.yml'));
    // Netlify runs the Node the project pins (the npm package "node"), which Astro's engines accept.
    const pkg = JSON.parse(await readFile(path.join(repoDir, 'package.json'), 'utf8'));
    const pinned = /\d+/.exec(pkg.dependencies.node ?? pkg.devDependencies.node)![0];
    expect(config.build.environment.NODE_VERSION).toBe(pinned);
    // Headers come only from the _headers file each build writes (one rule per header, see security-headers).
    expect(config.headers).toBeUndefined();
    expect(config.build.publish.startsWith('dist/')).toBe(true);
  });
});

describe('the ignore script', () => {
  let repo: string;
  const commits: Record<string, string> = {};
  const env = { BUURT: 'oost' } as Record<string, string | undefined>;
  // This repository's own files, wherever they live now (the script reads the real shared-inputs.txt).
  const [guard, report] = [trackedFilesNamed('guard.ts'), trackedFilesNamed('report.ts')];
  const [component, schemas] = [trackedFilesNamed('NewsItem.astro'), trackedFilesNamed('schemas.ts')];
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.nl', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.nl' },
    }).trim();
  async function commit(name: string, files: Record<string, string>) {
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
      await writeFile(path.join(repo, file), text);
    }
    git('add', '.');
    git('commit', '-qm', name);
    commits[name] = git('rev-parse', 'HEAD');
  }
  const each = (files: string[], text: string) => Object.fromEntries(files.map((file) => [file, text]));
  const ignore = (vars: Record<string, string | undefined>, script = path.join(repoDir, 'scripts/netlify/ignore.sh')) =>
    run('bash', [script], { cwd: repo, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...vars } });

  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'buurt-ignore-'));
    git('init', '-q', '-b', 'main');
    const code = [...guard, ...report, ...component, ...schemas];
    await commit('start', { 'sites/oost/site.yaml': 'name: Oost\n', 'sites/west/site.yaml': 'name: West\n', 'README.md': 'a\n', ...each(code, '1\n') });
    await commit('west', { 'sites/west/content/nieuws/a.md': 'nieuw\n' });
    await commit('oost', { 'sites/oost/content/nieuws/a.md': 'nieuw\n' });
    await commit('shared', each(schemas, '2\n'));
    await commit('docs', { 'README.md': 'b\n' });
    await commit('netlify', { 'netlify.toml': '[build]\n' });
    await commit('platform', each([...guard, ...report], '2\n'));
    await commit('component', each(component, '2\n'));
    // A test file inside a folder whose every other file is a shared input (src/functions/, src/pages/).
    const folder = readSharedInputs(repoDir).find((input) => input.startsWith('src/') && input.endsWith('/'))!;
    await commit('test file', { [`${folder}a.test.ts`]: 'test\n' });
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  const between = (from: string, to: string, vars: Record<string, string | undefined> = env) =>
    ignore({ ...vars, CACHED_COMMIT_REF: commits[from], COMMIT_REF: commits[to] });

  it('skips the build when only another buurt, the documentation, a test or platform code changed', async () => {
    const other = await between('start', 'west');
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('skipping: nothing in sites/oost/ or the shared inputs changed');
    expect((await between('shared', 'docs')).code).toBe(0);
    expect((await between('oost', 'shared', { BUURT: 'west' })).code).toBe(1);
    // The guard and the report commands: no site imports them.
    for (const slug of ['oost', 'west']) expect((await between('netlify', 'platform', { BUURT: slug })).code).toBe(0);
    expect((await between('component', 'test file')).code).toBe(0);
  });

  it('builds when the buurt’s own folder, a component, the schemas or the Netlify setup changed', async () => {
    expect((await between('west', 'oost')).code).toBe(1);
    expect((await between('west', 'oost', { BUURT: 'west' })).code).toBe(0);
    for (const slug of ['oost', 'west']) {
      expect((await between('oost', 'shared', { BUURT: slug })).code).toBe(1);
      expect((await between('platform', 'component', { BUURT: slug })).code).toBe(1);
    }
    expect((await between('docs', 'netlify')).code).toBe(1);
  });

  it('builds when in doubt', async () => {
    const cases: [string, Record<string, string | undefined>][] = [
      ['no previous deploy to compare with', { BUURT: 'oost', COMMIT_REF: commits.west }],
      ['CACHED_COMMIT_REF is COMMIT_REF', { BUURT: 'oost', CACHED_COMMIT_REF: commits.west, COMMIT_REF: commits.west }],
      ['is not in this clone', { BUURT: 'oost', CACHED_COMMIT_REF: 'f'.repeat(40), COMMIT_REF: commits.west }],
      ['started by a build hook', { BUURT: 'oost', CACHED_COMMIT_REF: commits.start, COMMIT_REF: commits.west, INCOMING_HOOK_TITLE: 'nightly' }],
      ['BUURT is not set', { CACHED_COMMIT_REF: commits.start, COMMIT_REF: commits.west }],
    ];
    for (const [why, vars] of cases) {
      const result = await ignore(vars);
      expect(result.code, why).toBe(1);
      expect(result.stdout, why).toContain(why);
    }
    // A copy of the script without its list beside it.
    const alone = await mkdtemp(path.join(tmpdir(), 'buurt-ignore-alone-'));
    try {
      await writeFile(path.join(alone, 'ignore.sh'), await readFile(path.join(repoDir, 'scripts/netlify/ignore.sh')));
      const result = await ignore({ ...env, CACHED_COMMIT_REF: commits.start, COMMIT_REF: commits.west }, path.join(alone, 'ignore.sh'));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('shared-inputs.txt is missing or empty');
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  });
});

describe('redirects and noindex', () => {
  it('sends www and http to the one https address', () => {
    expect(redirectRules('https://oostbuurt.nl')).toEqual([
      'http://oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!',
      'http://www.oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!',
      'https://www.oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!',
    ]);
    expect(redirectRules('https://www.oostbuurt.nl')).toEqual([
      'http://oostbuurt.nl/*  https://www.oostbuurt.nl/:splat  301!',
      'https://oostbuurt.nl/*  https://www.oostbuurt.nl/:splat  301!',
      'http://www.oostbuurt.nl/*  https://www.oostbuurt.nl/:splat  301!',
    ]);
    expect(redirectRules('https://oost.netlify.app')).toEqual(['http://oost.netlify.app/*  https://oost.netlify.app/:splat  301!']);
  });

  it('marks every deploy but production noindex', () => {
    expect(isNoindexContext('production')).toBe(false);
    expect(isNoindexContext(undefined)).toBe(false);
    expect(isNoindexContext('deploy-preview')).toBe(true);
    expect(isNoindexContext('branch-deploy')).toBe(true);
  });
});

describe('publishing a built buurt', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await createWorkspace();
  });
  afterAll(async () => {
    await workspace?.dispose();
  });

  it('keeps redirect and header rules the site ships, after its own', async () => {
    await workspace.writeBuurt('oost', { 'site.yaml': stringify({ ...baseSiteYaml, domain: 'https://oostbuurt.nl' }) });
    const dist = path.join(workspace.distDir, 'oost');
    await mkdir(dist, { recursive: true });
    await writeFile(path.join(dist, 'index.html'), '<!doctype html>');
    await writeFile(path.join(dist, '_redirects'), '/oud  /nieuw  301\n');
    await writeFile(path.join(dist, '_headers'), '/*\n  X-Frame-Options: DENY\n');
    await writeFile(path.join(dist, '.buurt-build'), 'id\n');
    const publishDir = path.join(workspace.distDir, '_netlify');
    await publishForNetlify('oost', { context: 'branch-deploy', publishDir });
    expect(await readFile(path.join(publishDir, '_redirects'), 'utf8')).toBe(
      '# https://oostbuurt.nl: one address, always https (written by scripts/netlify/build.ts)\n' +
        'http://oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!\n' +
        'http://www.oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!\n' +
        'https://www.oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!\n' +
        '\n/oud  /nieuw  301\n',
    );
    expect(await readFile(path.join(publishDir, '_headers'), 'utf8')).toBe(
      '/*\n  X-Frame-Options: DENY\n\n# A branch-deploy deploy: keep it out of search engines (written by scripts/netlify/build.ts)\n/*\n  X-Robots-Tag: noindex\n',
    );
    expect((await readdir(publishDir)).sort()).toEqual(['_headers', '_redirects', 'index.html']);
    await rm(path.join(workspace.sitesDir, 'oost'), { recursive: true });
    await rm(dist, { recursive: true });
  });
});

describe('the Netlify build command', () => {
  let workspace: Workspace;
  const netlifyBuild = (vars: Record<string, string | undefined>) =>
    run(process.execPath, [path.join(repoDir, 'scripts/netlify/build.ts')], {
      cwd: repoDir,
      env: { ...process.env, ...workspace.env, BUURT_NOW: '2026-03-10T12:00', ...vars },
    });

  beforeAll(async () => {
    workspace = await createWorkspace();
    await workspace.writeBuurt('oost', {
      'site.yaml': stringify({ ...baseSiteYaml, name: 'Oostbuurt', domain: 'https://oostbuurt.nl' }),
      'content/paginas/welkom.md': markdown({ title: 'Welkom in de Oostbuurt', summary: 'Home.' }),
    });
  });
  afterAll(async () => {
    await workspace?.dispose();
  });

  it('explains a missing or unknown BUURT', async () => {
    const missing = await netlifyBuild({ BUURT: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('BUURT is not set, so there is no buurt to build');
    expect(missing.stderr).toContain('(one of: oost)');
    const unknown = await netlifyBuild({ BUURT: 'west' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('BUURT=west, but there is no sites/west/site.yaml. Known buurten: oost.');
  });

  it('builds a deploy preview into the publish folder, marked noindex, with the buurt’s redirects', async () => {
    const preview = await netlifyBuild({ BUURT: 'oost', CONTEXT: 'deploy-preview' });
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('oost: built');
    const publishDir = path.join(workspace.distDir, '_netlify');
    expect((await builtSite(publishDir).page('/'))('h1').text()).toBe('Welkom in de Oostbuurt');
    expect(await readFile(path.join(publishDir, '_headers'), 'utf8')).toContain('X-Robots-Tag: noindex');
    expect(await readFile(path.join(publishDir, '_redirects'), 'utf8')).toContain('https://www.oostbuurt.nl/*  https://oostbuurt.nl/:splat  301!');
    expect(await readdir(publishDir)).not.toContain('.buurt-build');
  });

  it('publishes production without noindex, and an unchanged production build without rebuilding', async () => {
    const production = await netlifyBuild({ BUURT: 'oost', CONTEXT: 'production' });
    expect(production.code, production.stderr).toBe(0);
    expect(production.stdout).toContain('oost: built');
    const publishDir = path.join(workspace.distDir, '_netlify');
    // The buurt's own security headers are published; no noindex in production.
    const headers = await readFile(path.join(publishDir, '_headers'), 'utf8');
    expect(headers).toContain('Content-Security-Policy:');
    expect(headers).not.toMatch(/X-Robots-Tag: noindex$/m);
    const again = await netlifyBuild({ BUURT: 'oost', CONTEXT: 'production' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('oost: unchanged since its last build');
    expect((await builtSite(publishDir).page('/'))('h1').text()).toBe('Welkom in de Oostbuurt');
  });
});

describe('the cache plugin', () => {
  it('restores before and saves after the build the buurt’s cache and last build', async () => {
    const plugin = (await import('../scripts/netlify/cache-plugin/index.js')) as {
      cachePaths(env: Record<string, string | undefined>): string[];
      onPreBuild(args: unknown): Promise<void>;
      onPostBuild(args: unknown): Promise<void>;
    };
    expect(plugin.cachePaths({ BUURT: 'oost' })).toEqual(['.cache/oost', 'dist/oost', '.cache/node-compile-cache']);
    expect(plugin.cachePaths({ BUURT: '../etc' })).toEqual([]);
    expect(plugin.cachePaths({})).toEqual([]);
    // Netlify's own cache utilities cannot run here; record what the plugin asks of them.
    const calls: string[] = [];
    const utils = {
      cache: {
        restore: async (paths: string[]) => (calls.push(`restore ${paths.join(' ')}`), true),
        save: async (paths: string[]) => (calls.push(`save ${paths.join(' ')}`), true),
      },
    };
    const previous = process.env.BUURT;
    process.env.BUURT = 'oost';
    try {
      await plugin.onPreBuild({ utils });
      await plugin.onPostBuild({ utils });
    } finally {
      if (previous === undefined) delete process.env.BUURT;
      else process.env.BUURT = previous;
    }
    expect(calls).toEqual(['restore .cache/oost dist/oost .cache/node-compile-cache', 'save .cache/oost dist/oost .cache/node-compile-cache']);
  });
});
