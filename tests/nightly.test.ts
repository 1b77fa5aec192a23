/**
 * The nightly rebuild: the scheduled workflow, and the script it runs calling one build hook per buurt (here a
 * local server stands in for Netlify's API).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hookSecretName, planTriggers } from '../scripts/netlify/trigger-builds.ts';
import { createWorkspace, repoDir, type Workspace } from './helpers/fixtures.ts';

describe('the nightly workflow', () => {
  it('runs every night after midnight in Amsterdam and hands the hook secrets to the trigger script', async () => {
    const source = await readFile(path.join(repoDir, '.github/workflows/nightly.yml'), 'utf8');
    const workflow = parse(source);
    expect(workflow.on.schedule).toEqual([{ cron: '17 1 * * *' }]);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    const steps = workflow.jobs.rebuild.steps as { run?: string; env?: Record<string, string>; with?: Record<string, unknown> }[];
    expect(steps.find((s) => s.with?.['node-version'])?.with?.['node-version']).toBe(24);
    const trigger = steps.find((s) => s.run)!;
    expect(trigger.run).toBe('node scripts/netlify/trigger-builds.ts');
    expect(trigger.env).toEqual({ SECRETS_JSON: '${{ toJSON(secrets) }}' });
    expect(source).not.toMatch(/build_hooks\/[0-9a-f]/);
  });
});

describe('planning the hooks', () => {
  it('finds each buurt’s hook secret and reports missing, foreign and unused ones', () => {
    expect(hookSecretName('oosterpark-zuid')).toBe('NETLIFY_BUILD_HOOK_OOSTERPARK_ZUID');
    const plan = planTriggers(['noord', 'oost', 'west'], {
      NETLIFY_BUILD_HOOK_OOST: 'https://api.netlify.com/build_hooks/abc',
      NETLIFY_BUILD_HOOK_WEST: 'https://evil.example/build_hooks/abc',
      NETLIFY_BUILD_HOOK_OUD: 'https://api.netlify.com/build_hooks/def',
      OTHER_SECRET: 'x',
    });
    expect(plan).toEqual({
      hooks: [{ slug: 'oost', url: 'https://api.netlify.com/build_hooks/abc' }],
      missing: ['noord'],
      invalid: ['west'],
      unused: ['NETLIFY_BUILD_HOOK_OUD'],
    });
  });
});

describe('calling the hooks', () => {
  let workspace: Workspace;
  let server: Server;
  let origin: string;
  const received: { path: string; title: string | null; method: string }[] = [];

  beforeAll(async () => {
    workspace = await createWorkspace();
    for (const slug of ['noord', 'oost', 'west']) await workspace.writeBuurt(slug, { 'site.yaml': 'name: x\n' });
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      received.push({ path: url.pathname, title: url.searchParams.get('trigger_title'), method: req.method! });
      res.statusCode = url.pathname.endsWith('/kapot') ? 500 : 200;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await workspace?.dispose();
  });

  function trigger(secrets: Record<string, string>): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(repoDir, 'scripts/netlify/trigger-builds.ts')], {
        env: { PATH: process.env.PATH, BUURT_SITES_DIR: workspace.sitesDir, BUILD_HOOK_ORIGIN: origin, SECRETS_JSON: JSON.stringify(secrets) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    });
  }

  it('POSTs to the hook of every buurt that has one, warns about the others and never prints a URL', async () => {
    received.length = 0;
    const result = await trigger({
      NETLIFY_BUILD_HOOK_OOST: `${origin}/build_hooks/oost-geheim`,
      NETLIFY_BUILD_HOOK_WEST: `${origin}/build_hooks/west-geheim`,
      NETLIFY_BUILD_HOOK_WEG: `${origin}/build_hooks/weg-geheim`,
    });
    expect(result.code).toBe(0);
    expect(received.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '/build_hooks/oost-geheim', title: 'Nightly rebuild', method: 'POST' },
      { path: '/build_hooks/west-geheim', title: 'Nightly rebuild', method: 'POST' },
    ]);
    expect(result.stdout).toContain('::warning::noord has no build hook: add the repository secret NETLIFY_BUILD_HOOK_NOORD');
    expect(result.stdout).toContain('::warning::The secret NETLIFY_BUILD_HOOK_WEG belongs to no buurt in sites/');
    expect(result.stdout).toContain('Triggered 2 of 3 buurten.');
    expect(result.stdout).not.toContain('geheim');
  });

  it('fails the job when a hook fails, so maintainers hear of it', async () => {
    const result = await trigger({ NETLIFY_BUILD_HOOK_OOST: `${origin}/build_hooks/kapot` });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::The build hook of oost failed: HTTP 500.');
    expect(result.stdout).not.toContain('kapot');
  });
});
