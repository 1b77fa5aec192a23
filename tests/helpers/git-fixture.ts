/**
 * Fixture git repositories with known histories, for the report, `buurt history` and `buurt restore` tests:
 * a temporary workspace (see fixtures.ts) whose root is a git repository, and commits made with fixed
 * author and committer names, e-mail addresses and dates (given as Amsterdam wall-clock time).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAmsterdam, toIsoWithOffset } from '../../src/dates/dates.ts';
import { runCli, type CliResult } from './cli.ts';
import { createWorkspace, type Workspace } from './fixtures.ts';

export type { CliResult };

export interface Author {
  name: string;
  email: string;
}

export interface CommitSpec {
  /** Amsterdam wall-clock time of the commit: "2026-02-09T20:00". */
  at: string;
  author: Author;
  message: string;
  /** Files to write, relative to the sites folder ("oost/content/nieuws/x.md"). */
  write?: Record<string, string | Buffer>;
  /** Files to delete, relative to the sites folder. */
  remove?: string[];
  /** Files to rename, [from, to], relative to the sites folder. */
  rename?: [string, string][];
}

export interface GitWorkspace extends Workspace {
  /** Runs git in the repository and returns its output. */
  git(...args: string[]): string;
  /** Makes one commit and returns its hash. */
  commit(spec: CommitSpec): Promise<string>;
}

/** Environment for git without variables that would point it at another repository (tests run in hooks too). */
export function cleanGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^GIT_/.test(key)) delete env[key];
  return { ...env, ...extra };
}

/** A workspace (sites/, dist/, cache/) whose root is a fresh git repository with a maintainer identity. */
export async function createGitWorkspace(): Promise<GitWorkspace> {
  const workspace = await createWorkspace();
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', args, { cwd: workspace.root, env: cleanGitEnv({ LC_ALL: 'C', ...env }), encoding: 'utf8' });
  run(['init', '-q', '-b', 'main']);
  run(['config', 'user.name', 'Platform Beheer']);
  run(['config', 'user.email', 'beheer@buurtsites.example']);
  run(['config', 'commit.gpgsign', 'false']);
  await writeFile(path.join(workspace.root, '.gitignore'), 'dist/\ncache/\n');
  return {
    ...workspace,
    git: (...args) => run(args),
    async commit(spec) {
      const touched: string[] = [];
      for (const [file, content] of Object.entries(spec.write ?? {})) {
        const full = path.join(workspace.sitesDir, file);
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, content);
        touched.push(path.join('sites', file));
      }
      for (const [from, to] of spec.rename ?? []) {
        await mkdir(path.dirname(path.join(workspace.sitesDir, to)), { recursive: true });
        run(['mv', path.join('sites', from), path.join('sites', to)]);
      }
      for (const file of spec.remove ?? []) {
        await rm(path.join(workspace.sitesDir, file));
        touched.push(path.join('sites', file));
      }
      if (touched.length) run(['add', '-A', '--', ...touched]);
      run(['add', '.gitignore']);
      const date = toIsoWithOffset(parseAmsterdam(spec.at));
      run(['commit', '-q', '--allow-empty', '-m', spec.message], {
        GIT_AUTHOR_NAME: spec.author.name,
        GIT_AUTHOR_EMAIL: spec.author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: spec.author.name,
        GIT_COMMITTER_EMAIL: spec.author.email,
        GIT_COMMITTER_DATE: date,
      });
      return run(['rev-parse', 'HEAD']).trim();
    },
  };
}

/** Runs the real `buurt` CLI (scripts/buurt.ts) in a child process with the workspace's environment. */
export function runBuurt(args: string[], env: Record<string, string>, input = ''): Promise<CliResult> {
  return runCli(args, { baseEnv: cleanGitEnv(env), input });
}
