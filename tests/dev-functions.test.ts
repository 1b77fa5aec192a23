/**
 * `buurt dev` answers the residents' forms: local editing in dev mode (Astro's dev server, a child process)
 * with the Netlify Functions mounted as the command mounts them, on a fresh repository. A resident's activity
 * posted to the dev server becomes a concept on the buurt's CMS branch that the CMS in the dev server lists;
 * the ALTCHA challenge, the no-JavaScript path and the per-address rate limit work through the dev server too.
 */
import { request } from 'node:http';
import { readdir } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAltchaChallenge, verifyAltchaPayload } from '../src/function-runtime/altcha.ts';
import { issueFormToken } from '../src/participation/tokens.ts';
import { gitIn, startCmsRepo, type CmsRepo } from './helpers/cms.ts';

const NOW = '2026-12-02T12:00';
const RESIDENT = { naam: 'Wilhelmina Dwarsligger', email: 'wilhelmina.dwarsligger@example.org' };

let cms: CmsRepo;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request to the dev server from the loopback address `from`, as a resident's browser would send it. */
async function send(method: string, pathname: string, from: string, form?: FormData): Promise<Answer> {
  const encoded = form ? new Request('http://x/', { method: 'POST', body: form }) : undefined;
  const body = encoded ? Buffer.from(await encoded.arrayBuffer()) : undefined;
  const headers = encoded ? { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body!.length) } : {};
  return new Promise((resolve, reject) => {
    const req = request(new URL(pathname, cms.editing.url), { method, localAddress: from, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function activity(extra: Record<string, string>): FormData {
  const data = new FormData();
  const fields: Record<string, string> = {
    formulier: 'activiteit',
    titel: 'Soep en praatje',
    datum: '17-12-2026',
    begintijd: '19:30',
    eindtijd: '21:00',
    herhaling: 'eenmalig',
    plaats: 'Buurthuis De Kroon',
    samenvatting: 'Samen soep eten en bijpraten.',
    tekst: 'Iedereen is welkom.',
    ...RESIDENT,
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function cmsApi(action: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(new URL('/api/v1', cms.editing.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, params: { branch: cms.branch, ...params } }),
  });
  return res.json();
}

beforeAll(async () => {
  cms = await startCmsRepo({ now: NOW, mode: 'dev', functions: true, site: { participation: { forms: ['activiteit'] } } });
});

afterAll(async () => {
  await cms?.stop();
});

describe('buurt dev with the Netlify Functions', () => {
  it('answers GET /meedoen/uitdaging with a fresh challenge signed with the runtime’s secret', async () => {
    const answer = await send('GET', '/meedoen/uitdaging', '127.0.0.2');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    // Solved and verified as the submit function verifies the widget's answer.
    const challenge = JSON.parse(answer.body) as Parameters<typeof solveChallenge>[0]['challenge'];
    const solution = await solveChallenge({ challenge, deriveKey });
    const payload = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    expect(await verifyAltchaPayload(payload, process.env.ALTCHA_HMAC_SECRET!)).toEqual({ verified: true });
    expect(await verifyAltchaPayload(payload, 'een ander geheim')).toMatchObject({ verified: false });
  });

  it('turns a resident’s activity with the proof of work into a concept on buurt-cms/oost, listed by the CMS', async () => {
    // Issued 10 s ago: past the minimum fill time without waiting.
    const challenge = await createAltchaChallenge(process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
    const solution = await solveChallenge({ challenge, deriveKey });
    const altcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    const answer = await send('POST', '/meedoen/verzenden', '127.0.0.3', activity({ altcha }));
    expect(answer.status, answer.body.slice(0, 500)).toBe(303);
    expect(answer.headers.location).toBe('/meedoen/bedankt/');

    const concept = 'cms/oost/agenda/soep-en-praatje';
    expect(await gitIn(cms.repo, 'config', `branch.${concept}.description`)).toBe('decap-cms/draft');
    expect(await gitIn(cms.repo, 'merge-base', concept, cms.branch)).toBe(await gitIn(cms.repo, 'rev-parse', cms.branch));
    const source = await gitIn(cms.repo, 'show', `${concept}:sites/oost/content/agenda/soep-en-praatje.md`);
    expect(source).toContain('start: 2026-12-17T19:30');
    expect(source).toContain('verified: true');
    expect(await gitIn(cms.repo, 'log', '--all', '-p')).not.toContain(RESIDENT.email);
    // The editors' mail went to the outbox; the CMS in the dev server's process sees the concept.
    expect((await readdir(cms.outbox)).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
    expect(await cmsApi('unpublishedEntries', {})).toContain('agenda/soep-en-praatje');
  });

  it('sends the form back without JavaScript inside the dev server’s own page, then accepts it', async () => {
    const first = await send('POST', '/meedoen/verzenden', '127.0.0.4', activity({ titel: 'Breicafé' }));
    expect(first.status).toBe(422);
    const $ = cheerio.load(first.body);
    expect($('#veld-titel').attr('value')).toBe('Breicafé');
    expect($('input[name=controle]').attr('value')).toMatch(/^\d+\.[0-9a-f]{64}$/);
    const controle = issueFormToken('activiteit', process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
    const second = await send('POST', '/meedoen/verzenden', '127.0.0.4', activity({ titel: 'Breicafé', controle }));
    expect(second.status, second.body.slice(0, 500)).toBe(303);
    expect(await gitIn(cms.repo, 'show', 'cms/oost/agenda/breicafe:sites/oost/content/agenda/breicafe.md')).toContain('verified: false');
  });

  it('limits per resident address as Netlify does: the 31st challenge in a minute from one address is refused, not another’s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await send('GET', '/meedoen/uitdaging', '127.0.0.5')).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses[30]).toBe(429);
    expect((await send('GET', '/meedoen/uitdaging', '127.0.0.6')).status).toBe(200);
  });

  it('leaves pages and other methods to the dev server', async () => {
    const page = await send('GET', '/meedoen/activiteit/', '127.0.0.7');
    expect(page.status).toBe(200);
    expect(cheerio.load(page.body)('form.meedoen-form').attr('action')).toBe('/meedoen/verzenden');
    expect((await send('GET', '/meedoen/verzenden', '127.0.0.7')).status).toBe(404);
  });
});
