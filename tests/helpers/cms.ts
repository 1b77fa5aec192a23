/**
 * A fresh git repository with fixture buurten for CMS tests, and local editing started on it with the real
 * code of `npm start` (our local backend committing on buurt-cms/oost, the production build served with /admin/)
 * or of `buurt dev` (Astro's dev server on the served folder, answering the CMS API itself); with `functions`,
 * the Netlify Functions mounted as those commands mount them (drafts on buurt-cms/oost, a local Blobs server and
 * an outbox in the workspace).
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startLocalEditing, type LocalEditing } from '../../scripts/platform/local-cms/local-editing.ts';
import { cmsBranch, freePort } from '../../scripts/platform/local-cms/local-repo.ts';
import { localDraftsEnv, startFunctionsRuntime, type FunctionsRuntime } from '../../scripts/functions/mount.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './fixtures.ts';

const run = promisify(execFile);

/** Who the CMS commits as in tests (BUURT_CMS_AUTHOR_NAME / _EMAIL for a maintainer). */
export const CMS_AUTHOR = { name: 'Buurtredactie (lokaal)', email: 'buurt-cms@users.noreply.localhost' };

/** Identity for the fixture's own commits (the CMS commits under its own). */
export const FIXTURE_AUTHOR = {
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
};

export async function gitIn(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env: { ...process.env, ...FIXTURE_AUTHOR }, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export interface CmsRepo {
  workspace: Workspace;
  repo: string;
  editing: LocalEditing;
  /** The branch the CMS publishes to. */
  branch: string;
  /** Every line the site's server logged (Astro's dev server in dev mode, rebuilds in static mode). */
  log: string[];
  /** With `functions`: the mounted runtime, and the folder its mail goes to as .eml files. */
  functions?: FunctionsRuntime;
  outbox: string;
  stop(): Promise<void>;
}

/** The site.yaml of the fixture buurt "oost", with maintainer-only fields the CMS must keep. */
export const oostSiteYaml = {
  ...baseSiteYaml,
  name: 'Oostbuurt',
  domain: 'https://oostbuurt.nl',
  menu: ['nieuws', 'agenda', 'over-de-buurt'],
  editors: [{ name: 'Anna', email: '1234+anna@users.noreply.github.com', username: 'anna' }],
  cms: { backend: 'gitlab', repo: 'buurten/oost', app_id: 'abc123' },
};

/** Files of the fixture buurt "oost" (paths inside sites/oost/). */
export function oostFiles(): Record<string, string> {
  return {
    'site.yaml': stringify(oostSiteYaml),
    'content/paginas/welkom.md': markdown({ title: 'Welkom in de Oostbuurt', summary: 'Home.' }, 'Fijn dat je er bent.'),
    'content/paginas/over-de-buurt.md': markdown({ title: 'Over de buurt', summary: 'Wie we zijn.' }, 'Een buurt.'),
    'content/groepen/moestuin.md': markdown({ name: 'Buurtmoestuin', summary: 'Samen groente kweken.', topics: ['tuinieren'] }),
    'content/agenda/winterborrel.md': markdown(
      { title: 'Winterborrel', start: '2026-01-15T19:30', end: '2026-01-15T21:00', location: { name: 'Buurthuis' }, summary: 'Proosten in de winter.' },
      'Welkom!',
    ),
    'content/agenda/zomerfeest.md': markdown(
      { title: 'Zomerfeest', start: '2026-07-04T14:00', end: '2026-07-04T18:00', location: { name: 'Park' }, summary: 'Feest in de zomer.' },
      'Welkom!',
    ),
    'content/nieuws/eerste.md': markdown({ title: 'Eerste bericht', date: '2025-12-01', summary: 'Het begin.' }),
  };
}

/**
 * A fresh repository (main branch) with the buurten "oost" and "west", committed, and local editing of "oost"
 * started on it: the production build (`npm start`) or Astro's dev server (`buurt dev`).
 */
export async function startCmsRepo(options: {
  now: string;
  mode?: 'dev' | 'static';
  /** Fields merged into oost's site.yaml (e.g. `participation`). */
  site?: Record<string, unknown>;
  /** Mount the Netlify Functions (src/functions/) as `npm start` and `buurt dev` do. */
  functions?: boolean;
}): Promise<CmsRepo> {
  const workspace = await createWorkspace();
  const repo = path.join(workspace.root, 'repo');
  await mkdir(repo, { recursive: true });
  await gitIn(repo, 'init', '-q', '-b', 'main');
  const files: Record<string, string> = { '.gitignore': '.cache/\n' };
  for (const [name, content] of Object.entries(oostFiles())) files[`sites/oost/${name}`] = content;
  if (options.site) files['sites/oost/site.yaml'] = stringify({ ...oostSiteYaml, ...options.site });
  files['sites/west/site.yaml'] = stringify({ ...baseSiteYaml, name: 'Westbuurt', domain: 'https://westbuurt.nl' });
  files['sites/west/content/paginas/welkom.md'] = markdown({ title: 'Welkom', summary: 'Home.' });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await writeFile(path.join(repo, name), content);
  }
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'Fixture');
  const log: string[] = [];
  const outbox = path.join(workspace.root, 'outbox');
  const environment = { ...process.env };
  const functions = options.functions
    ? await startFunctionsRuntime({
        blobsDir: path.join(workspace.root, 'blobs'),
        env: { ...localDraftsEnv('oost', repo, cmsBranch('oost')), BUURT_OUTBOX_DIR: outbox, BUURT_NOW: options.now },
        onLog: (line) => log.push(line),
      })
    : undefined;
  const editing = await startLocalEditing({
    slug: 'oost',
    repoDir: repo,
    port: await freePort(),
    mode: options.mode ?? 'static',
    env: { BUURT_NOW: options.now },
    author: CMS_AUTHOR,
    ...(functions ? { functions } : {}),
    onLog: (line) => log.push(line),
  });
  return {
    workspace,
    repo,
    editing,
    branch: editing.cms.branch,
    log,
    ...(functions ? { functions } : {}),
    outbox,
    stop: async () => {
      await editing.stop();
      await functions?.stop();
      if (functions) {
        // The runtime and dev mode set the functions' environment in this process: leave it as it was.
        for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
        Object.assign(process.env, environment);
      }
      await workspace.dispose();
    },
  };
}
