/**
 * The newsletter's handlers end to end, called as Netlify calls them (`Request → Response`), against Netlify's
 * real local Blobs server and a real SMTP server on 127.0.0.1: subscribe (proof of work) → the confirmation mail
 * → confirm through its link → the scheduled send → a multipart issue with the right items in Amsterdam time →
 * one-click unsubscribe (RFC 8058) → the next send reaches nobody. Forged links are refused, and no address
 * appears in any answer or log line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { solveChallenge } from 'altcha-lib';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import aanmelden from '../src/functions/nieuwsbrief-aanmelden.ts';
import afmelden from '../src/functions/nieuwsbrief-afmelden.ts';
import bevestigen from '../src/functions/nieuwsbrief-bevestigen.ts';
import versturen from '../src/functions/nieuwsbrief-versturen.ts';
import { createAltchaChallenge } from '../src/function-runtime/altcha.ts';
import { openStore, STORE_NAMES } from '../src/function-runtime/blobs.ts';
import { previewIssue } from '../src/newsletter/preview.ts';
import { Subscribers } from '../src/newsletter/subscribers.ts';
import { subscriberCounts } from '../scripts/commands/report.ts';
import { parseAmsterdam } from '../src/dates/dates.ts';
import { issueFormToken } from '../src/participation/tokens.ts';
import { startLocalBlobs, type LocalBlobs } from '../scripts/functions/blobs-server.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';

const SLUG = 'oost';
const ADDRESS = 'henriette.zonnebloem@example.org';
// Nothing listens on port 9 (discard): the handlers' fetch of the built page fails at once and they answer
// with their own bare page, which is what this file reads.
const ORIGIN = 'http://127.0.0.1:9';

let workspace: Workspace;
let blobs: LocalBlobs;
let blobsDir: string;
let smtp: SMTPServer;
const inbox: { to: string[]; raw: string }[] = [];
const logs: string[] = [];
const bodies: string[] = [];

async function call(handler: (request: Request, context: { ip: string }) => Promise<Response>, request: Request, ip = '192.0.2.10'): Promise<Response> {
  const response = await handler(request, { ip });
  const text = await response.clone().text();
  bodies.push(text);
  return response;
}

async function solvedPayload(): Promise<string> {
  const challenge = await createAltchaChallenge(process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

function subscribeRequest(fields: Record<string, string>): Request {
  return new Request(`${ORIGIN}/nieuwsbrief/aanmelden`, { method: 'POST', body: new URLSearchParams(fields) });
}

async function nextMail(count: number): Promise<ParsedMail> {
  await vi.waitFor(() => expect(inbox.length).toBeGreaterThanOrEqual(count), { timeout: 10_000, interval: 20 });
  return simpleParser(inbox[count - 1]!.raw);
}

/** A header of a received message, unfolded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim();
}

async function send(now: string): Promise<Record<string, unknown>> {
  process.env.BUURT_NOW = now;
  const response = await call(versturen as never, new Request(`${ORIGIN}/.netlify/functions/nieuwsbrief-versturen`, { method: 'POST' }));
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  workspace = await createWorkspace();
  blobsDir = await mkdtemp(path.join(os.tmpdir(), 'buurt-blobs-'));
  blobs = await startLocalBlobs(blobsDir);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    BUURT: SLUG,
    BUURT_SITE_URL: ORIGIN,
    NETLIFY_BLOBS_CONTEXT: blobs.context,
    ALTCHA_HMAC_SECRET: 'a'.repeat(64),
    BUURT_STATE_SECRET: 'b'.repeat(64),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
    MAIL_FROM: 'Oostbuurt <nieuwsbrief@oostbuurt.nl>',
  });
  const site = { ...baseSiteYaml, name: 'Oostbuurt', domain: 'https://oostbuurt.nl', newsletter: { day: 'maandag', every: 'week', hour: 8 } };
  await workspace.writeBuurt(SLUG, {
    'site.yaml': stringify(site),
    'content/nieuws/nieuwe-bomen.md': markdown({ title: 'Nieuwe bomen in de Oostlaan', date: '2026-12-03', summary: 'Twaalf linden erbij.' }),
    'content/nieuws/later.md': markdown({ title: 'Het nieuws van later', date: '2026-12-10', summary: 'Voor het tweede nummer.' }),
    'content/agenda/kerstmarkt.md': markdown({
      title: 'Kerstmarkt',
      start: '2026-12-12T14:00',
      end: '2026-12-12T17:30',
      location: { name: 'Buurthuis De Kroon' },
      summary: 'Kraampjes en warme chocolademelk.',
    }),
    'content/agenda/koffie.md': markdown({
      title: 'Koffieochtend',
      start: '2026-11-03T10:00',
      end: '2026-11-03T12:00',
      location: { name: 'Buurthuis De Kroon' },
      summary: 'Elke dinsdag koffie.',
      recurrence: { frequency: 'weekly' },
    }),
    'content/nieuwsbrief.md': markdown({ until: '2026-12-07' }, 'Fijne feestdagen van de redactie!'),
    'content/prikbord/ladder-lenen.md': markdown(
      { kind: 'vraag', title: 'Wie leent mij een ladder?', category: 'klussen', date: '2026-12-04', name: 'Joke' },
      'Voor de dakgoot.',
    ),
    'content/prikbord/oude-oproep.md': markdown(
      { kind: 'aanbod', title: 'Een verlopen oproep', category: 'spullen', date: '2026-11-01', validUntil: '2026-11-20', name: 'Piet' },
      'Weg.',
    ),
  });
  await workspace.writeBuurt('stil', { 'site.yaml': stringify({ ...site, name: 'Stille buurt', newsletter: { day: 'maandag' } }) });
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const key of [
    'BUURT',
    'BUURT_SITE_URL',
    'BUURT_NOW',
    'NETLIFY_BLOBS_CONTEXT',
    'ALTCHA_HMAC_SECRET',
    'BUURT_STATE_SECRET',
    'SMTP_HOST',
    'SMTP_PORT',
    'MAIL_FROM',
  ]) {
    delete process.env[key];
  }
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await blobs.stop();
  await rm(blobsDir, { recursive: true, force: true });
  await workspace.dispose();
});

describe('the newsletter from subscription to unsubscription', () => {
  let confirmUrl: string;
  let unsubscribeUrl: string;

  it('sends the form back once without JavaScript, without writing the address into it', async () => {
    const response = await call(aanmelden, subscribeRequest({ email: ADDRESS }), '192.0.2.20');
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('name="controle"');
    expect(html).toContain('Zonder JavaScript vragen we dat één keer');
    expect(html).not.toContain(ADDRESS);
    expect(inbox).toHaveLength(0);
  });

  it('refuses an address that is not one, and says so in Dutch', async () => {
    const token = issueFormToken('nieuwsbrief', process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
    const response = await call(aanmelden, subscribeRequest({ email: 'henriette at example', controle: token }), '192.0.2.21');
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Dit is geen e-mailadres');
  });

  it('subscribes with proof of work and mails a confirmation link with a one-click unsubscribe', async () => {
    const response = await call(aanmelden, subscribeRequest({ email: ADDRESS, altcha: await solvedPayload() }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/nieuwsbrief/bedankt/');
    const mail = await nextMail(1);
    expect(inbox[0]!.to).toEqual([ADDRESS]);
    expect(mail.subject).toBe('Bevestig je aanmelding voor de nieuwsbrief van Oostbuurt');
    expect(header(inbox[0]!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(inbox[0]!.raw, 'List-Unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:9\/nieuwsbrief\/afmelden\?t=\S+>$/);
    confirmUrl = /http:\/\/127\.0\.0\.1:9\/nieuwsbrief\/bevestigen\?t=\S+/.exec(mail.text!)![0];
    expect(await new Subscribers(openStore(STORE_NAMES.newsletter), SLUG, process.env.BUURT_STATE_SECRET!).count()).toBe(0);
  });

  it('refuses a forged confirmation link and confirms only after the button, once', async () => {
    // One character of the subscription id changed, the signature kept.
    const forged = confirmUrl.replace(/(t=[^.]*)([0-9a-f])\./, (_, head: string, c: string) => `${head}${c === '0' ? '1' : '0'}.`);
    expect(forged).not.toBe(confirmUrl);
    const refused = await call(bevestigen as never, new Request(forged, { method: 'POST' }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Deze link klopt niet');

    const shown = await call(bevestigen as never, new Request(confirmUrl));
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain('Ja, stuur mij de nieuwsbrief');
    const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), SLUG, process.env.BUURT_STATE_SECRET!);
    expect(await subscribers.count()).toBe(0);

    const confirmed = await call(bevestigen as never, new Request(confirmUrl, { method: 'POST', body: new URLSearchParams() }));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Je bent aangemeld');
    expect(await subscribers.count()).toBe(1);

    const again = await call(bevestigen as never, new Request(confirmUrl, { method: 'POST' }));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('al gebruikt');
  });

  it('refuses an expired confirmation link with a Dutch page, changing nothing', async () => {
    const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), SLUG, process.env.BUURT_STATE_SECRET!);
    const { token } = await subscribers.addPending('laat@example.org', new Date(Date.now() - 49 * 3600_000));
    const expired = await call(bevestigen as never, new Request(`${ORIGIN}/nieuwsbrief/bevestigen?t=${token}`, { method: 'POST' }));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Deze link is verlopen');
    expect(await subscribers.count()).toBe(1);
    expect(await subscribers.remove('laat@example.org')).toBe(true);
  });

  it('counts the confirmed subscribers for the report, per buurt with a newsletter', async () => {
    expect(Object.fromEntries(await subscriberCounts([SLUG, 'stil']))).toEqual({ [SLUG]: 1, stil: 0 });
  });

  it('sends nothing before the buurt’s day and hour', async () => {
    expect(await send('2026-12-07T07:50')).toEqual({ kind: 'not-due' });
    expect(inbox).toHaveLength(1);
  });

  it('sends the issue on the day: multipart, the right items in Amsterdam time, a one-click unsubscribe', async () => {
    expect(await send('2026-12-07T08:10')).toMatchObject({ kind: 'sent', key: '2026-12-07', sent: 1, remaining: 0, done: true });
    const mail = await nextMail(2);
    expect(inbox[1]!.to).toEqual([ADDRESS]);
    expect(inbox[1]!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.subject).toBe('Nieuwsbrief Oostbuurt, 7 december 2026');
    for (const part of [mail.text!, mail.html as string]) {
      expect(part).toContain('Nieuwe bomen in de Oostlaan');
      expect(part).not.toContain('Het nieuws van later');
      expect(part).toContain('za 12 december, 14:00–17:30');
      expect(part).toContain('Elke dinsdag, 10:00–12:00');
      expect(part).toContain('Fijne feestdagen van de redactie!');
      expect(part).toContain('Wie leent mij een ladder?');
      expect(part).not.toContain('Een verlopen oproep');
    }
    expect(mail.html).toContain('href="http://127.0.0.1:9/prikbord/ladder-lenen/"');
    expect(mail.html).toContain('href="http://127.0.0.1:9/nieuws/nieuwe-bomen/"');
    expect(mail.html).not.toMatch(/utm_|<img[^>]+width="1"/);
    expect(header(inbox[1]!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    unsubscribeUrl = /^<(.+)>$/.exec(header(inbox[1]!.raw, 'List-Unsubscribe')!)![1]!;
    expect(mail.html).toContain(`href="${unsubscribeUrl.replace(/&/g, '&amp;')}"`);
    expect(mail.text).toContain(unsubscribeUrl);
  });

  it('never sends an issue twice when the run is retried', async () => {
    expect(await send('2026-12-07T08:20')).toEqual({ kind: 'not-due' });
    expect(await send('2026-12-07T17:00')).toEqual({ kind: 'not-due' });
    expect(inbox).toHaveLength(2);
  });

  it('refuses a forged unsubscribe link and unsubscribes with RFC 8058’s one-click POST, deleting the address', async () => {
    const forged = unsubscribeUrl.replace(/t=([0-9a-f])/, (_, c: string) => `t=${c === 'a' ? 'b' : 'a'}`);
    const refused = await call(afmelden as never, new Request(forged, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }));
    expect(refused.status).toBe(400);
    const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), SLUG, process.env.BUURT_STATE_SECRET!);
    expect(await subscribers.count()).toBe(1);

    const page = await call(afmelden as never, new Request(unsubscribeUrl));
    expect(await page.text()).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await subscribers.count()).toBe(1);

    const done = await call(afmelden as never, new Request(unsubscribeUrl, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Je bent afgemeld');
    expect(await subscribers.count()).toBe(0);
    expect(await subscribers.isSubscribed(ADDRESS)).toBe(false);
    const dump = JSON.stringify(await openStore(STORE_NAMES.newsletter).list());
    expect(dump).not.toContain('henriette');
  });

  it('reaches nobody on the next send', async () => {
    expect(await send('2026-12-14T09:00')).toMatchObject({ kind: 'sent', key: '2026-12-14', sent: 0, done: true });
    expect(inbox).toHaveLength(2);
  });

  it('does not send an issue with nothing new', async () => {
    process.env.BUURT = 'stil';
    try {
      expect(await send('2026-12-07T09:00')).toEqual({ kind: 'empty', key: '2026-12-07' });
    } finally {
      process.env.BUURT = SLUG;
    }
  });

  it('never showed the address in an answer or a log line', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body).not.toContain(ADDRESS);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) expect(line.toLowerCase()).not.toContain('henriette');
  });
});

describe('the next issue for a look (buurt nieuwsbrief)', () => {
  it('writes the issue the send would make as a whole message, sending nothing', async () => {
    const before = inbox.length;
    const preview = await previewIssue(SLUG, { now: parseAmsterdam('2026-12-07T08:10') });
    expect(preview.empty).toBe(false);
    const eml = preview.eml.toString();
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(eml).toMatch(/^Subject: Nieuwsbrief Oostbuurt, 7 december 2026$/m);
    expect(eml).toMatch(/Content-Type: multipart\/alternative/);
    expect(preview.rendered.html).toContain('https://oostbuurt.nl/nieuws/nieuwe-bomen/');
    expect(inbox).toHaveLength(before);
  });
});

describe('subscriber records', () => {
  it('deletes requests that were not confirmed within 48 hours, and deletes an address on request', async () => {
    const subscribers = new Subscribers(openStore(STORE_NAMES.newsletter), 'expiry', process.env.BUURT_STATE_SECRET!);
    await subscribers.addPending('oud@example.org', new Date('2026-12-01T08:00:00Z'));
    await subscribers.addPending('nieuw@example.org', new Date('2026-12-03T07:00:00Z'));
    expect(await subscribers.expirePending(new Date('2026-12-03T09:00:00Z'))).toBe(1);
    expect(await subscribers.remove('NIEUW@example.org ')).toBe(true);
    expect(await subscribers.remove('nieuw@example.org')).toBe(false);
  });
});
