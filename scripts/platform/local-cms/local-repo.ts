/**
 * The git side of local editing that happens before the CMS answers: the buurt's CMS branch
 * `buurt-cms/<slug>` (created from HEAD on the first start, reused afterwards), the identity its commits are
 * made under, and the served folder `.cache/local-cms/<slug>/sites/<slug>/`: the published state of that branch,
 * and nothing else of the repository (no other buurt, no platform code, no `.git`). The maintainer's own
 * checkout is never read or written. Edits reach the main branch with an ordinary `git merge buurt-cms/<slug>`
 * after `buurt guard` (docs/maintainers/local-editing.md).
 */
import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { PlatformError, type PlatformErrorOptions } from '../../../src/core/errors.ts';
import { git, spawnGit } from '../../../src/core/git.ts';
import type { CommitIdentity } from '../../../src/cms/local-backend.ts';

/**
 * Thrown when local editing cannot start; `message` says why and what to do. An `environment` error (no git
 * repository, no identity, a port in use, astro dev stopping) unless the caller says otherwise.
 */
export class LocalEditingError extends PlatformError {
  constructor(message: string, options: Partial<PlatformErrorOptions> = {}) {
    super(message, { kind: 'environment', ...options });
    this.name = 'LocalEditingError';
  }
}

export interface CmsBranch {
  /** The repository's top folder. */
  repoDir: string;
  /** The branch the CMS publishes to and the site is served from. */
  branch: string;
  /** True when this start created it. */
  created: boolean;
  /** Holds `sites/<slug>/` as of the branch's commit (see `exportBuurt`). */
  servedDir: string;
}

/** The branch local editing of a buurt publishes to. */
export function cmsBranch(slug: string): string {
  return `buurt-cms/${slug}`;
}

const run = async (cwd: string, args: string[]) => (await git(cwd, args)).trim();

/**
 * Finds the repository holding `repoDir` and creates (or reuses) the CMS branch of `slug`. Refuses clearly when
 * `repoDir` is not a git repository or has no commit yet.
 */
export async function prepareCmsBranch(repoDir: string, slug: string): Promise<CmsBranch> {
  let top: string;
  try {
    top = await run(repoDir, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new LocalEditingError(
      `${repoDir} is not a git repository. Local editing saves every change as a git commit, so it needs one: ` +
        'clone the repository with git (or run "git init && git add -A && git commit -m Start") and try again.',
    );
  }
  try {
    await run(top, ['rev-parse', '--verify', 'HEAD^{commit}']);
  } catch {
    throw new LocalEditingError(`The git repository in ${top} has no commit yet; commit the sites first (git add -A && git commit -m Start).`, {
      kind: 'state',
    });
  }
  const branch = cmsBranch(slug);
  const exists = await run(top, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).then(
    () => true,
    () => false,
  );
  if (!exists) await run(top, ['branch', '--no-track', branch, 'HEAD']);
  return { repoDir: top, branch, created: !exists, servedDir: path.join(top, '.cache', 'local-cms', slug) };
}

/**
 * Who the CMS's commits are by: BUURT_CMS_AUTHOR_NAME and BUURT_CMS_AUTHOR_EMAIL, else git's configured
 * user.name and user.email for the repository. Refuses clearly when neither is there.
 */
export async function resolveAuthor(repoDir: string, env: NodeJS.ProcessEnv = process.env): Promise<CommitIdentity> {
  const configured = async (key: string) => run(repoDir, ['config', '--get', key]).catch(() => '');
  const name = env.BUURT_CMS_AUTHOR_NAME?.trim() || (await configured('user.name'));
  const email = env.BUURT_CMS_AUTHOR_EMAIL?.trim() || (await configured('user.email'));
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  const control = /[\u0000-\u001f\u007f<>]/;
  if (!name || !email || control.test(name) || control.test(email)) {
    throw new LocalEditingError(
      'Local editing makes a git commit for every save and needs a name and e-mail address to make them under. ' +
        (name || email ? `The ones found ("${(name || '').slice(0, 80)}", "${(email || '').slice(0, 80)}") are not usable. ` : 'None is set. ') +
        'Set BUURT_CMS_AUTHOR_NAME and BUURT_CMS_AUTHOR_EMAIL (e.g. BUURT_CMS_AUTHOR_NAME="Redactie Oost" BUURT_CMS_AUTHOR_EMAIL=redactie@users.noreply.github.com npm start), ' +
        'or git\'s own: git config user.name "Your Name" && git config user.email you@example.org. The address ends up in the public history: use a no-reply address if you prefer.',
    );
  }
  return { name, email };
}

/** The commit a branch points at. */
export function headOf(repoDir: string, branch: string): Promise<string> {
  return run(repoDir, ['rev-parse', `refs/heads/${branch}^{commit}`]);
}

/**
 * Writes `sites/<slug>/` of `commit` into `target/sites/<slug>/` (emptying `target` first) and returns
 * `target/sites`. Only regular files come out: `git archive` writes symbolic links as links, so those are
 * left out by name.
 */
export async function exportBuurt(repoDir: string, commit: string, slug: string, target: string): Promise<string> {
  await rm(target, { recursive: true, force: true });
  await mkdir(path.join(target, 'sites', slug), { recursive: true });
  const links = (await git(repoDir, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', `sites/${slug}/`]))
    .split('\0')
    .filter((line) => /^(120000|160000) /.test(line))
    .map((line) => line.slice(line.indexOf('\t') + 1));
  await new Promise<void>((resolve, reject) => {
    const archive = spawnGit(repoDir, ['archive', '--format=tar', commit, `sites/${slug}`]);
    const tar = spawn('tar', ['-x', '-C', target, ...links.flatMap((link) => ['--exclude', link])], { stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin!);
    let failed = false;
    archive.once('exit', (code) => {
      if (code !== 0) failed = true;
    });
    tar.once('exit', (code) =>
      code === 0 && !failed
        ? resolve()
        : reject(
            new LocalEditingError(`Could not export ${commit} of sites/${slug} (git archive | tar failed).`, {
              hint: 'Check that git and tar work in this repository ("git status"), then start again.',
            }),
          ),
    );
  });
  return path.join(target, 'sites');
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
