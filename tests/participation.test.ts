/**
 * The residents' path end to end against the real local runtime (as `npm start` runs it): a fresh git
 * repository, the production build served with /admin/ (the local CMS backend), the Functions mounted with Netlify's
 * local Blobs server and the outbox. A submission becomes a draft on the review board exactly as Decap stores
 * one (publishing it and the rebuilt site are proved in Chromium by tests/browser/resident-journeys.test.ts).
 * Hostile submissions are refused and write nothing.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { solveChallenge } from 'altcha-lib';
import { simpleParser } from 'mailparser';
import sharp from 'sharp';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEditing, type LocalEditing } from '../scripts/platform/local-cms/local-editing.ts';
import { cmsBranch, freePort } from '../scripts/platform/local-cms/local-repo.ts';
import { parseContentFile } from '../src/model/content.ts';
import { createAltchaChallenge } from '../src/function-runtime/altcha.ts';
import { readMediaHeader } from '../src/media/media.ts';
import { issueFormToken } from '../src/participation/tokens.ts';
import { localDraftsEnv, startFunctionsRuntime, type FunctionsRuntime } from '../scripts/functions/mount.ts';
import { baseSiteYaml, createWorkspace, markdown, type Workspace } from './helpers/fixtures.ts';
import { gitIn } from './helpers/cms.ts';
import { phonePhoto, pngBomb } from './helpers/images.ts';

const NOW = '2026-12-02T12:00';
const RESIDENT = { naam: 'Henriëtte Zonnebloem', email: 'henriette.zonnebloem@example.org' };

let workspace: Workspace;
let repo: string;
let editing: LocalEditing;
let functions: FunctionsRuntime;
let outbox: string;
let nextAddress = 2;

/** Posts `form` from its own loopback address (127.0.0.N), so the per-address limit of one test leaves the others alone. */
async function post(
  form: FormData | URLSearchParams,
  address = `127.0.0.${nextAddress++}`,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const url = new URL('/meedoen/verzenden', editing.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress: address, headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function solvedPayload(): Promise<string> {
  // Issued 10 s ago: past the minimum fill time without waiting in the test.
  const challenge = await createAltchaChallenge(process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

function noJsToken(form: string): string {
  return issueFormToken(form, process.env.ALTCHA_HMAC_SECRET!, new Date(Date.now() - 10_000));
}

function activity(extra: Record<string, string> = {}): FormData {
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
    tekst: 'Iedereen is welkom. Neem een **buur** mee!',
    ...RESIDENT,
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function cmsApi(action: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(new URL('/api/v1', editing.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action, params: { branch: cmsBranch('oost'), ...params } }),
  });
  return res.json();
}

async function draftBranches(): Promise<string[]> {
  return (await gitIn(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/')).split('\n').filter(Boolean);
}

async function outboxFiles(): Promise<string[]> {
  return readdir(outbox).catch(() => []);
}

beforeAll(async () => {
  workspace = await createWorkspace();
  repo = path.join(workspace.root, 'repo');
  outbox = path.join(workspace.root, 'outbox');
  await mkdir(repo, { recursive: true });
  await gitIn(repo, 'init', '-q', '-b', 'main');
  const files: Record<string, string> = {
    '.gitignore': '.cache/\n',
    'sites/oost/site.yaml': stringify({
      ...baseSiteYaml,
      name: 'Oostbuurt',
      domain: 'https://oostbuurt.nl',
      email: 'redactie@oostbuurt.nl',
      participation: { forms: ['activiteit', 'nieuwtje', 'helpen'] },
    }),
    'sites/oost/content/paginas/welkom.md': markdown({ title: 'Welkom', summary: 'Home.' }),
    'sites/oost/content/nieuws/eerste.md': markdown({ title: 'Eerste bericht', date: '2026-11-01', summary: 'Het begin.' }),
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, name)), { recursive: true });
    await writeFile(path.join(repo, name), content);
  }
  await gitIn(repo, 'add', '-A');
  await gitIn(repo, 'commit', '-q', '-m', 'Fixture');
  functions = await startFunctionsRuntime({
    blobsDir: path.join(workspace.root, 'blobs'),
    env: { ...localDraftsEnv('oost', repo, cmsBranch('oost')), BUURT_OUTBOX_DIR: outbox, BUURT_NOW: NOW },
  });
  editing = await startLocalEditing({
    slug: 'oost',
    repoDir: repo,
    port: await freePort(),
    mode: 'static',
    env: { BUURT_NOW: NOW },
    functions,
  });
});

afterAll(async () => {
  await editing?.stop();
  await functions?.stop();
  for (const key of ['BUURT', 'BUURT_DRAFTS', 'BUURT_REPO_DIR', 'BUURT_CMS_BRANCH', 'BUURT_OUTBOX_DIR', 'BUURT_NOW']) delete process.env[key];
  await workspace?.dispose();
});

describe('the /meedoen/ pages', () => {
  it('offer each form as a plain HTML form with labels, hints and autocomplete, and link it from the menu', async () => {
    const $ = cheerio.load(await (await fetch(new URL('/meedoen/activiteit/', editing.url))).text());
    const form = $('form.meedoen-form');
    expect(form.attr('method')).toBe('post');
    expect(form.attr('action')).toBe('/meedoen/verzenden');
    expect(form.attr('enctype')).toBe('multipart/form-data');
    for (const el of form.find('input:not([type=hidden]):not([type=radio]), textarea').toArray()) {
      const id = $(el).attr('id');
      expect($(`label[for="${id}"]`).length, `label for ${id}`).toBe(1);
    }
    expect($('#veld-email').attr('autocomplete')).toBe('email');
    expect($('#veld-naam').attr('autocomplete')).toBe('name');
    expect($('nav a[href="/meedoen/"]').length).toBeGreaterThan(0);
    const csp = (await fetch(new URL('/meedoen/activiteit/', editing.url))).headers.get('content-security-policy')!;
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect((await fetch(new URL('/agenda/', editing.url))).headers.get('content-security-policy')).not.toContain('worker-src');
  });
});

describe('a submission', () => {
  it('with the proof of work becomes a draft on the review board, with a clean photo, and the editors get a mail', async () => {
    const data = activity({ altcha: await solvedPayload(), fotobeschrijving: 'Een pan soep op tafel' });
    data.set('foto', new File([new Uint8Array(await phonePhoto())], 'IMG_0001.jpg', { type: 'image/jpeg' }));
    const res = await post(data);
    expect(res.status, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe('/meedoen/bedankt/');

    expect(await draftBranches()).toContain('cms/oost/agenda/soep-en-praatje');
    expect(await gitIn(repo, 'config', 'branch.cms/oost/agenda/soep-en-praatje.description')).toBe('decap-cms/draft');
    const source = await gitIn(repo, 'show', 'cms/oost/agenda/soep-en-praatje:sites/oost/content/agenda/soep-en-praatje.md');
    const { entry, problems } = parseContentFile('agenda', 'soep-en-praatje.md', source);
    expect(problems).toEqual([]);
    expect(entry!.data).toMatchObject({
      start: '2026-12-17T19:30',
      end: '2026-12-17T21:00',
      image: { src: '../../media/soep-en-praatje.jpg', alt: 'Een pan soep op tafel' },
      submission: { verified: true },
    });
    const jpeg = execFileSync('git', ['cat-file', 'blob', 'cms/oost/agenda/soep-en-praatje:sites/oost/media/soep-en-praatje.jpg'], { cwd: repo });
    const header = await readMediaHeader('x.jpg', jpeg);
    expect(header).toMatchObject({ type: 'jpeg', hasMetadata: false, hasLocation: false, orientation: 1 });
    expect((await sharp(jpeg).metadata()).width).toBe(900); // turned upright: 1200×900 stored with orientation 6

    const mails = await outboxFiles();
    expect(mails).toHaveLength(1);
    const mail = await simpleParser(await readFile(path.join(outbox, mails[0]!)));
    expect(mail.to).toMatchObject({ text: 'redactie@oostbuurt.nl' });
    expect(mail.replyTo?.value[0]).toMatchObject({ name: RESIDENT.naam, address: RESIDENT.email });
    expect(mail.subject).toBe('[Oostbuurt] Nieuwe activiteit ingestuurd: Soep en praatje');
    expect(mail.text).toContain(`${editing.url}/admin/#/collections/agenda/entries/soep-en-praatje`);

    // Decap's local backend lists it as a draft on the board.
    expect(await cmsApi('unpublishedEntries', {})).toContain('agenda/soep-en-praatje');
    expect(await cmsApi('unpublishedEntry', { collection: 'agenda', slug: 'soep-en-praatje' })).toMatchObject({ status: 'draft' });
  });

  it('without JavaScript comes back once to be sent again, then becomes an unverified draft', async () => {
    const first = await post(activity({ titel: 'Breicafé' }));
    expect(first.status).toBe(422);
    const $ = cheerio.load(first.body);
    expect($('.notice').text()).toContain('verstuur haar nog een keer');
    expect($('#veld-titel').attr('value')).toBe('Breicafé');
    const token = $('input[name=controle]').attr('value')!;
    expect(token).toMatch(/^\d+\.[0-9a-f]{64}$/);
    expect(await draftBranches()).not.toContain('cms/oost/agenda/breicafe');
    const second = await post(activity({ titel: 'Breicafé', controle: noJsToken('activiteit') }));
    expect(second.status).toBe(303);
    const source = await gitIn(repo, 'show', 'cms/oost/agenda/breicafe:sites/oost/content/agenda/breicafe.md');
    expect(source).toContain('verified: false');
  });

  it('of a news tip and of an offer to help: a draft for the one, only a mail for the other', async () => {
    const before = (await outboxFiles()).length;
    const tip = new FormData();
    for (const [k, v] of Object.entries({
      formulier: 'nieuwtje',
      titel: 'Nieuwe bankjes in het park',
      tekst: 'Er staan sinds gisteren drie nieuwe bankjes.',
      altcha: await solvedPayload(),
      ...RESIDENT,
    }))
      tip.set(k, v);
    expect((await post(tip)).status).toBe(303);
    expect(await draftBranches()).toContain('cms/oost/nieuws/nieuwe-bankjes-in-het-park');
    const help = new FormData();
    for (const [k, v] of Object.entries({ formulier: 'helpen', hulp: 'Ik kan klussen.', buurtverbinder: 'ja', altcha: await solvedPayload(), ...RESIDENT }))
      help.set(k, v);
    const branches = await draftBranches();
    expect((await post(help)).status).toBe(303);
    expect(await draftBranches()).toEqual(branches);
    const mails = (await outboxFiles()).sort();
    expect(mails.length).toBe(before + 2);
    expect((await simpleParser(await readFile(path.join(outbox, mails.at(-1)!)))).text).toMatch(/wil graag buurtverbinder worden/);
  });

  it('never puts the resident’s name or address into git', async () => {
    const history = await gitIn(repo, 'log', '-p', '--all');
    const config = await readFile(path.join(repo, '.git', 'config'), 'utf8');
    for (const secret of [RESIDENT.naam, RESIDENT.email, 'Zonnebloem', 'henriette']) {
      expect(history).not.toContain(secret);
      expect(config).not.toContain(secret);
    }
  });
});

describe('hostile submissions are refused with a Dutch message and write nothing', () => {
  const cases: [string, () => Promise<FormData>, number, RegExp][] = [
    ['HTML in the title', async () => activity({ titel: '<img src=x onerror=alert(1)>', altcha: await solvedPayload() }), 422, /Gebruik geen HTML-code/],
    [
      'a script in the text',
      async () => activity({ tekst: 'Hallo <script>alert(1)</script>', altcha: await solvedPayload() }),
      422,
      /HTML-code of een onveilige link/,
    ],
    ['a javascript: link in the text', async () => activity({ tekst: '[klik](javascript:alert(1))', altcha: await solvedPayload() }), 422, /onveilige link/],
    ['an http:// link in the text', async () => activity({ tekst: 'Zie [hier](http://example.org/)', altcha: await solvedPayload() }), 422, /https:\/\//],
    ['an oversized title', async () => activity({ titel: 'x'.repeat(141), altcha: await solvedPayload() }), 422, /hoogstens 140 tekens/],
    [
      'a missing place and a bad e-mail',
      async () => activity({ plaats: '', email: 'geen-adres', altcha: await solvedPayload() }),
      422,
      /Vul in waar de activiteit is/,
    ],
    [
      'a decompression-bomb photo',
      async () => {
        const d = activity({ altcha: await solvedPayload(), fotobeschrijving: 'Bom' });
        d.set('foto', new File([new Uint8Array(await pngBomb())], 'foto.png', { type: 'image/png' }));
        return d;
      },
      422,
      /te veel beeldpunten/,
    ],
    [
      'a file that lies about its type',
      async () => {
        const d = activity({ altcha: await solvedPayload(), fotobeschrijving: 'Nep' });
        d.set('foto', new File(['<html><script>alert(1)</script></html>'], 'foto.jpg', { type: 'image/jpeg' }));
        return d;
      },
      422,
      /geen foto in JPEG, PNG of WebP/,
    ],
    [
      'a forged proof of work',
      async () => activity({ altcha: Buffer.from('{"challenge":{},"solution":{}}').toString('base64') }),
      422,
      /controle tegen spam is verlopen of ongeldig/i,
    ],
    ['a missing proof of work', async () => activity(), 422, /verstuur haar nog een keer/],
    ['a form that does not exist', async () => activity({ formulier: 'prikbord', altcha: await solvedPayload() }), 403, /gesloten/],
  ];
  for (const [name, make, status, message] of cases) {
    it(name, async () => {
      const branches = await draftBranches();
      const mails = await outboxFiles();
      const res = await post(await make());
      expect(res.status).toBe(status);
      expect(cheerio.load(res.body)('.error-summary, .notice').text()).toMatch(message);
      expect(await draftBranches()).toEqual(branches);
      expect(await outboxFiles()).toEqual(mails);
    });
  }

  it('an error summary links to each field in the GOV.UK pattern and the page title starts with "Fout:"', async () => {
    const res = await post(activity({ titel: '', plaats: '', altcha: await solvedPayload() }));
    const $ = cheerio.load(res.body);
    expect($('title').text()).toMatch(/^Fout: /);
    expect(
      $('.error-summary a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#veld-titel', '#veld-plaats']);
    expect($('#veld-titel').attr('aria-invalid')).toBe('true');
    expect($('#veld-samenvatting').text()).toBe('Samen soep eten en bijpraten.');
  });

  it('a request larger than allowed', async () => {
    const d = activity({ altcha: await solvedPayload(), fotobeschrijving: 'Groot' });
    d.set('foto', new File([Buffer.alloc(11 * 1024 * 1024, 1)], 'groot.jpg', { type: 'image/jpeg' }));
    const branches = await draftBranches();
    const res = await post(d);
    expect(res.status).toBe(413);
    expect(res.body).toContain('hoogstens 10 MB');
    expect(await draftBranches()).toEqual(branches);
  });

  it('50 posts in a minute from one address: the ones past the limit are refused', async () => {
    const branches = await draftBranches();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await post(activity({ titel: '' }), '127.0.0.250')).status);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const last = await post(activity({ titel: '' }), '127.0.0.250');
    expect(last.body).toMatch(/Probeer het over een kwartier opnieuw|Te veel verzoeken/);
    expect(await draftBranches()).toEqual(branches);
  });
});
