import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { solveChallenge } from 'altcha-lib';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBlobs, type LocalBlobs } from '../../scripts/functions/blobs-server.ts';
import { createAltchaChallenge, verifyAltchaPayload } from './altcha.ts';
import { openStore } from './blobs.ts';
import { countUse, hashAddress } from './limits.ts';
import { MailError, sendMail } from './mail.ts';
import { readFormLimited, RequestTooLargeError } from './request.ts';

let blobs: LocalBlobs;
let blobsDir: string;
beforeAll(async () => {
  blobsDir = await mkdtemp(path.join(os.tmpdir(), 'buurt-blobs-'));
  blobs = await startLocalBlobs(blobsDir);
  process.env.NETLIFY_BLOBS_CONTEXT = blobs.context;
});
afterAll(async () => {
  await blobs.stop();
  await rm(blobsDir, { recursive: true, force: true });
});

describe('mail', () => {
  it('writes an .eml into the outbox when no SMTP server is configured, and says where', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'buurt-outbox-'));
    const lines: string[] = [];
    const result = await sendMail(
      { to: 'redactie@voorbeeldwijk.nl', subject: 'Nieuwe activiteit: Soep', text: 'Van Anna', replyTo: 'anna@example.org' },
      { env: { BUURT_OUTBOX_DIR: dir }, log: (l) => lines.push(l) },
    );
    expect(result.transport).toBe('outbox');
    expect(await readdir(dir)).toEqual([path.basename(result.file!)]);
    const eml = await readFile(result.file!, 'utf8');
    expect(eml).toMatch(/^To: redactie@voorbeeldwijk\.nl$/m);
    expect(eml).toMatch(/^Reply-To: anna@example\.org$/m);
    expect(eml).toContain('Van Anna');
    expect(lines.join('\n')).toContain(result.file!);
    // A recipient may be a resident (the newsletter): no address in the log.
    expect(lines.join('\n')).not.toContain('redactie@voorbeeldwijk.nl');
    await rm(dir, { recursive: true });
  });

  it('refuses to fall back to a disk outbox on Netlify', async () => {
    await expect(sendMail({ to: 'a@b.nl', subject: 's', text: 't' }, { env: { NETLIFY: 'true' } })).rejects.toThrow(MailError);
  });

  it('delivers over SMTP to a real server on 127.0.0.1 when SMTP_HOST is set', async () => {
    const received: { from?: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
            ...(session.envelope.mailFrom ? { from: session.envelope.mailFrom.address } : {}),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const result = await sendMail(
        { to: 'redactie@voorbeeldwijk.nl', subject: 'Nieuw nieuwtje', text: 'Hallo redactie' },
        { env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: 'Buurtsite <noreply@voorbeeldwijk.nl>' } },
      );
      expect(result.transport).toBe('smtp');
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toEqual(['redactie@voorbeeldwijk.nl']);
      expect(received[0]!.from).toBe('noreply@voorbeeldwijk.nl');
      expect(received[0]!.data).toContain('Hallo redactie');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('limits in Blobs', () => {
  it('allows the limit within a window, refuses the next, and counts concurrent uses exactly', async () => {
    const store = openStore('limits-test');
    const rule = { key: 'submit/test/ip/abc', limit: 5, windowSeconds: 600 };
    const now = new Date('2026-12-02T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 8 }, () => countUse(store, rule, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.filter((r) => !r.allowed)).toHaveLength(3);
    expect((await countUse(store, rule, new Date('2026-12-02T10:10:00Z'))).allowed).toBe(true);
  });

  it('never stores the address itself', () => {
    const hash = hashAddress('192.0.2.7', 'secret-secret-secret-secret-1234');
    expect(hash).not.toContain('192');
    expect(hash).toHaveLength(32);
  });
});

describe('ALTCHA', () => {
  const secret = 'a'.repeat(64);
  it('accepts a solved challenge once, and refuses it the second time', async () => {
    const challenge = await createAltchaChallenge(secret);
    const solution = await solveChallenge({ challenge, deriveKey });
    const payload = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    const store = openStore('altcha-test');
    expect(await verifyAltchaPayload(payload, secret, store)).toEqual({ verified: true });
    expect(await verifyAltchaPayload(payload, secret, store)).toEqual({ verified: false, reason: 'used' });
  });

  it('refuses a missing payload, a forged one and one signed with another secret', async () => {
    expect(await verifyAltchaPayload(undefined, secret)).toEqual({ verified: false, reason: 'missing' });
    expect(await verifyAltchaPayload('bm90IGpzb24=', secret)).toEqual({ verified: false, reason: 'invalid' });
    const challenge = await createAltchaChallenge('b'.repeat(64));
    const solution = await solveChallenge({ challenge, deriveKey });
    const payload = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    expect(await verifyAltchaPayload(payload, secret)).toEqual({ verified: false, reason: 'invalid' });
  });

  it('refuses an expired challenge', async () => {
    const challenge = await createAltchaChallenge(secret, new Date(Date.now() - 60 * 60 * 1000));
    const solution = await solveChallenge({ challenge, deriveKey });
    const payload = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    expect(await verifyAltchaPayload(payload, secret)).toEqual({ verified: false, reason: 'expired' });
  });
});

describe('request limits', () => {
  it('refuses a body over the limit by its Content-Length and while streaming', async () => {
    const big = new Request('http://x/', {
      method: 'POST',
      body: new URLSearchParams({ a: 'x'.repeat(2000) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expect(readFormLimited(big, 1000)).rejects.toThrow(RequestTooLargeError);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('a='.padEnd(200, 'x')));
        controller.close();
      },
    });
    const chunked = new Request('http://x/', {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    } as RequestInit);
    await expect(readFormLimited(chunked, 1000)).rejects.toThrow(RequestTooLargeError);
    const ok = new Request('http://x/', { method: 'POST', body: new URLSearchParams({ titel: 'Soep' }) });
    expect((await readFormLimited(ok, 1000)).get('titel')).toBe('Soep');
  });
});
