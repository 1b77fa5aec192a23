/**
 * The local runtime `npm start` runs, for the residents' journeys in Chromium (tests/browser/*-journey.test.ts): a
 * fresh git repository with one buurt "oost", the Netlify Functions mounted with Netlify's local Blobs server
 * (drafts on the local CMS branch), a real SMTP server on 127.0.0.1 receiving their mail, and local editing (the
 * production build served with /admin/). Also the wait for the ALTCHA widget a resident's form needs.
 */
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { stringify } from 'yaml';
import { expect, vi } from 'vitest';
import { startLocalEditing, type LocalEditing } from '../../scripts/platform/local-cms/local-editing.ts';
import { cmsBranch, freePort } from '../../scripts/platform/local-cms/local-repo.ts';
import { localDraftsEnv, startFunctionsRuntime, type FunctionsRuntime } from '../../scripts/functions/mount.ts';
import { CHALLENGE_SETTINGS } from '../../src/function-runtime/altcha.ts';
import { MIN_FILL_SECONDS } from '../../src/participation/tokens.ts';
import { gitIn } from './cms.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './fixtures.ts';

export interface ResidentSite {
  workspace: Workspace;
  repo: string;
  editing: LocalEditing;
  functions: FunctionsRuntime;
  /** Every mail the SMTP server received, parsed, in the order they arrived. */
  mails: ParsedMail[];
  /** Waits until at least `count` mails have arrived, and returns them all. */
  mailCount(count: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

/**
 * Starts the runtime on a repository with buurt "oost" (Oostbuurt, mail to redactie@oostbuurt.nl): `site` is merged
 * into its site.yaml, `files` (paths inside sites/oost/) are added to its welcome page.
 */
export async function startResidentSite(options: { site: Record<string, unknown>; files?: Record<string, string> }): Promise<ResidentSite> {
  const environment = { ...process.env };
  const workspace = await createWorkspace();
  const repo = path.join(workspace.root, 'repo');
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => void simpleParser(Buffer.concat(chunks)).then((mail) => (mails.push(mail), callback()), callback));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  await mkdir(repo, { recursive: true });
  await gitIn(repo, 'init', '-q', '-b', 'main');
  const files: Record<string, string> = {
    '.gitignore': '.cache/\n',
    'sites/oost/site.yaml': stringify({ ...baseSiteYaml, name: 'Oostbuurt', domain: 'https://oostbuurt.nl', email: 'redactie@oostbuurt.nl', ...options.site }),
    'sites/oost/content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Home.' }),
  };
  for (const [name, content] of Object.entries(options.files ?? {})) files[`sites/oost/${name}`] = content;
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await writeFile(path.join(repo, name), content);
  }
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'Fixture');
  const functions = await startFunctionsRuntime({
    blobsDir: path.join(workspace.root, 'blobs'),
    env: {
      ...localDraftsEnv('oost', repo, cmsBranch('oost')),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
      MAIL_FROM: 'Oostbuurt <noreply@oostbuurt.nl>',
    },
  });
  const editing = await startLocalEditing({ slug: 'oost', repoDir: repo, port: await freePort(), mode: 'static', functions });
  return {
    workspace,
    repo,
    editing,
    functions,
    mails,
    async mailCount(count) {
      await vi.waitFor(() => expect(mails.length).toBeGreaterThanOrEqual(count), { timeout: 60_000, interval: 25 });
      return mails;
    },
    async stop() {
      await editing.stop();
      await functions.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      // The runtime sets the functions' environment in this process: leave it as it was.
      for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
      Object.assign(process.env, environment);
      await workspace.dispose();
    },
  };
}

/** Waits until the ALTCHA widget has solved its challenge, and the minimum fill time has passed since the page loaded. */
export async function proofSolved(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((document.querySelector('input[name=altcha]') as HTMLInputElement | null)?.value), undefined, { timeout: 60_000 });
  // The server refuses a form sent within MIN_FILL_SECONDS of its challenge, which was made
  // CHALLENGE_SETTINGS.expiresInSeconds before the expiry it carries: wait until a second after that.
  await page.waitForFunction(
    ({ lifetime, minimum }) => {
      const payload = (document.querySelector('input[name=altcha]') as HTMLInputElement).value;
      const expires = (JSON.parse(atob(payload)) as { challenge: { parameters: { expiresAt: number } } }).challenge.parameters.expiresAt;
      return Date.now() / 1000 - (expires - lifetime) > minimum + 1;
    },
    { lifetime: CHALLENGE_SETTINGS.expiresInSeconds, minimum: MIN_FILL_SECONDS },
    { timeout: 15_000, polling: 200 },
  );
}
