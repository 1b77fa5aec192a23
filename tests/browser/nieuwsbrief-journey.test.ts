/**
 * The newsletter as a resident meets it, in Chromium: the built reader fixture (Lindenbuurt, newsletter on
 * Tuesdays) served with its own `_headers` (the strict CSP) and the functions mounted as `npm start` mounts them,
 * Netlify's local Blobs server, and a real SMTP server on 127.0.0.1. The resident follows the footer link,
 * subscribes through the form (the ALTCHA widget solving in its worker), confirms through the link in the mail,
 * gets the issue the scheduled send makes (triggered as `netlify functions:invoke` would), unsubscribes through
 * the visible link in it, and gets nothing from the next send.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveStatic } from '../../scripts/platform/serve/serve.ts';
import { axeProblems } from '../../scripts/audit/page-checks.ts';
import { startFunctionsRuntime, type FunctionsRuntime } from '../../scripts/functions/mount.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { createWorkspace, type Workspace } from '../helpers/fixtures.ts';
import { buildReaderFixture, READER_NOW, READER_SLUG } from '../helpers/reader-fixture.ts';

const ADDRESS = 'bewoner.lindenbuurt@example.org';
const WAIT = { timeout: 20_000, interval: 50 };

let workspace: Workspace;
let blobsDir: string;
let runtime: FunctionsRuntime;
let server: Server;
let smtp: SMTPServer;
let browser: TestBrowser;
let origin: string;
const inbox: string[] = [];
const logs: string[] = [];

async function mail(n: number): Promise<ParsedMail> {
  await vi.waitFor(() => expect(inbox.length).toBeGreaterThanOrEqual(n), WAIT);
  return simpleParser(inbox[n - 1]!);
}

async function scheduledSend(now: string): Promise<Record<string, unknown>> {
  process.env.BUURT_NOW = now;
  const response = await fetch(`${origin}/.netlify/functions/nieuwsbrief-versturen`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  workspace = await createWorkspace();
  const site = await buildReaderFixture(workspace);
  blobsDir = await mkdtemp(path.join(os.tmpdir(), 'buurt-blobs-'));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        inbox.push(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  runtime = await startFunctionsRuntime({
    blobsDir,
    env: {
      BUURT: READER_SLUG,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
      MAIL_FROM: 'Lindenbuurt <nieuwsbrief@lindenbuurt.nl>',
    },
    onLog: (line) => logs.push(line),
  });
  server = await serveStatic({ root: site.dir, port: 0, intercept: runtime.intercept });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.BUURT_SITE_URL = origin;
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  browser = await launchBrowser();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await runtime?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  for (const key of ['BUURT', 'BUURT_NOW', 'BUURT_SITE_URL', 'SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM']) delete process.env[key];
  await rm(blobsDir, { recursive: true, force: true });
  await workspace?.dispose();
});

describe('the newsletter in a browser', () => {
  it('subscribes, confirms, receives the issue, unsubscribes and then receives nothing', async () => {
    const { page, errors, blocked } = await browser.newPage({ timezoneId: 'America/New_York' });
    // The widget fetches its challenge as soon as the form page loads and solves it in its worker; the server
    // refuses a form sent within 3 s of the challenge (the minimum fill time), so the test notes when the
    // challenge came and waits for that moment, as a person typing would.
    let challengeAt = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/meedoen/uitdaging')) challengeAt = Date.now();
    });
    await page.goto(`${origin}/`);
    expect(await page.getByRole('main').getByRole('link', { name: 'Krijg het buurtnieuws in je mailbox' }).getAttribute('href')).toBe('/nieuwsbrief/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Nieuwsbrief per e-mail' }).click();
    await page.waitForURL(`${origin}/nieuwsbrief/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nieuwsbrief');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByLabel('Je e-mailadres').fill(ADDRESS);
    await expect.poll(() => page.locator('input[name="altcha"]').inputValue(), WAIT).not.toBe('');
    await expect.poll(() => challengeAt > 0 && Date.now() - challengeAt >= 3_200, WAIT).toBe(true);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(`${origin}/nieuwsbrief/bedankt/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Kijk in je mailbox');

    const confirmation = await mail(1);
    const confirmLink = /http:\/\/127\.0\.0\.1:\d+\/nieuwsbrief\/bevestigen\?t=\S+/.exec(confirmation.text!)![0];
    await page.goto(confirmLink);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ja, stuur mij de nieuwsbrief' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Je bent aangemeld' }).count(), WAIT).toBe(1);

    // Tuesday 10 March 2026, 12:00 in Amsterdam: the buurt's day.
    expect(await scheduledSend(READER_NOW)).toMatchObject({ kind: 'sent', sent: 1, done: true });
    const issue = await mail(2);
    expect(inbox[1]).toMatch(/Content-Type: multipart\/alternative/i);
    expect(issue.subject).toBe('Nieuwsbrief Lindenbuurt, 10 maart 2026');
    for (const part of [issue.text!, issue.html as string]) {
      expect(part).toContain('za 14 maart, 10:00');
      expect(part).toContain('Ochtendwandeling door het Lindenpark');
      expect(part).toContain('Koffieochtend');
    }
    expect(inbox[1]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

    // The visible link in the mail: a page with one button, in the browser.
    const unsubscribeLink = /href="([^"]+\/nieuwsbrief\/afmelden\?t=[^"]+)"/.exec(issue.html as string)![1]!.replace(/&amp;/g, '&');
    await page.goto(unsubscribeLink);
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Je bent afgemeld' }).count(), WAIT).toBe(1);

    // Tuesday 7 April: an issue with news of the coming weeks (the quiz), and nobody to send it to.
    expect(await scheduledSend('2026-04-07T09:00')).toMatchObject({ kind: 'sent', sent: 0, done: true });
    expect(inbox).toHaveLength(2);

    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    for (const line of logs) expect(line).not.toContain(ADDRESS);
  });
});
