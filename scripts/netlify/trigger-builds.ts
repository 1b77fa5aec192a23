#!/usr/bin/env node
/**
 * The nightly rebuild (.github/workflows/nightly.yml): calls the Netlify build hook of every buurt, so past
 * activities leave the agenda and scheduled news appears even when nobody edits anything.
 *
 * Each buurt's hook URL is a repository secret named NETLIFY_BUILD_HOOK_<SLUG> (upper case, dashes as
 * underscores: NETLIFY_BUILD_HOOK_OOSTERPARK_ZUID). The workflow hands the secrets over as JSON in SECRETS_JSON;
 * only those names are read, and no URL is ever printed. Uses nothing outside Node itself, so the workflow needs no
 * `npm ci`.
 *
 *   SECRETS_JSON='{"NETLIFY_BUILD_HOOK_OOST":"https://api.netlify.com/build_hooks/…"}' node scripts/netlify/trigger-builds.ts
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The secret that holds a buurt's build hook: "oosterpark-zuid" → NETLIFY_BUILD_HOOK_OOSTERPARK_ZUID. */
export function hookSecretName(slug: string): string {
  return `NETLIFY_BUILD_HOOK_${slug.toUpperCase().replace(/-/g, '_')}`;
}

export interface TriggerPlan {
  /** Buurten with a hook, and its URL. */
  hooks: { slug: string; url: string }[];
  /** Buurten without a (usable) hook secret. */
  missing: string[];
  /** Hook secrets that match no buurt (a removed or renamed buurt). */
  unused: string[];
  /** Buurten whose secret is not a Netlify build hook URL. */
  invalid: string[];
}

/** Which hooks to call for `slugs`, given the repository secrets. */
export function planTriggers(slugs: readonly string[], secrets: Record<string, string | undefined>, allowedOrigin = 'https://api.netlify.com'): TriggerPlan {
  const plan: TriggerPlan = { hooks: [], missing: [], unused: [], invalid: [] };
  const expected = new Set(slugs.map(hookSecretName));
  for (const slug of slugs) {
    const url = secrets[hookSecretName(slug)]?.trim();
    if (!url) plan.missing.push(slug);
    else if (!url.startsWith(`${allowedOrigin}/build_hooks/`)) plan.invalid.push(slug);
    else plan.hooks.push({ slug, url });
  }
  plan.unused = Object.keys(secrets)
    .filter((name) => name.startsWith('NETLIFY_BUILD_HOOK_') && !expected.has(name))
    .sort();
  return plan;
}

/** POSTs to each hook (a few at a time); returns the buurten whose hook failed, with the reason. */
export async function callHooks(
  hooks: TriggerPlan['hooks'],
  options: { title?: string; concurrency?: number } = {},
): Promise<{ slug: string; reason: string }[]> {
  const failures: { slug: string; reason: string }[] = [];
  const queue = [...hooks];
  const title = options.title ?? 'Nightly rebuild';
  const worker = async () => {
    for (let hook = queue.shift(); hook; hook = queue.shift()) {
      try {
        const url = new URL(hook.url);
        url.searchParams.set('trigger_title', title);
        const response = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(30_000) });
        if (!response.ok) failures.push({ slug: hook.slug, reason: `HTTP ${response.status}` });
      } catch (error) {
        failures.push({ slug: hook.slug, reason: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, hooks.length) }, worker));
  return failures;
}

/** The buurten in sites/ (folders with a site.yaml), without importing the platform's code. */
export async function listBuurten(sitesDir: string): Promise<string[]> {
  const names = await readdir(sitesDir).catch(() => [] as string[]);
  const slugs: string[] = [];
  for (const name of names.sort()) {
    if (
      await stat(path.join(sitesDir, name, 'site.yaml')).then(
        () => true,
        () => false,
      )
    )
      slugs.push(name);
  }
  return slugs;
}

async function main(): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const slugs = await listBuurten(process.env.BUURT_SITES_DIR ?? path.join(root, 'sites'));
  let secrets: Record<string, string>;
  try {
    secrets = JSON.parse(process.env.SECRETS_JSON || '{}') as Record<string, string>;
  } catch {
    console.error('SECRETS_JSON is not JSON; in the workflow set it to ${{ toJSON(secrets) }}.');
    return 1;
  }
  const plan = planTriggers(slugs, secrets, process.env.BUILD_HOOK_ORIGIN ?? 'https://api.netlify.com');
  for (const slug of plan.missing)
    console.log(`::warning::${slug} has no build hook: add the repository secret ${hookSecretName(slug)} (README: "Nightly rebuild").`);
  for (const slug of plan.invalid)
    console.log(`::error::The secret ${hookSecretName(slug)} is not a Netlify build hook URL (https://api.netlify.com/build_hooks/…).`);
  for (const name of plan.unused) console.log(`::warning::The secret ${name} belongs to no buurt in sites/; remove it.`);
  const failures = await callHooks(plan.hooks);
  for (const failure of failures) console.log(`::error::The build hook of ${failure.slug} failed: ${failure.reason}.`);
  console.log(`Triggered ${plan.hooks.length - failures.length} of ${slugs.length} buurten.`);
  return failures.length || plan.invalid.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main();
