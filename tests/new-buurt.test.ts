/**
 * `buurt new` end to end: templates/ is a fixture too. A buurt made from the real template passes `buurt check`
 * and builds at once; a failure halfway leaves nothing behind; the CLI works by flags and by questions.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { askForInput } from '../scripts/commands/new.ts';
import { buildSite } from '../scripts/platform/build/build.ts';
import { checkSite } from '../src/check/index.ts';
import { reportBuurt } from '../scripts/platform/report/index.ts';
import { parseAmsterdam } from '../src/dates/dates.ts';
import { createBuurt, listTemplates, newBuurtContext, NewBuurtError } from '../scripts/platform/new-buurt/new-buurt.ts';
import { runCli, type CliResult } from './helpers/cli.ts';
import { builtSite, createWorkspace, type BuiltSite, type Workspace } from './helpers/fixtures.ts';

// Tuesday 10 March 2026: the example activity lands on the first Saturday three weeks later, 4 April.
const NOW = '2026-03-10T12:00';
let workspace: Workspace;
let site: BuiltSite;

function runNew(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { env: { ...workspace.env, CI: 'true', ...env } });
}

beforeAll(async () => {
  workspace = await createWorkspace();
  await createBuurt(
    {
      slug: 'oosterpark',
      name: 'Oosterpark',
      domain: 'oosterpark.nl',
      email: 'contact@oosterpark.nl',
      primary: '#7a1f5c',
      accent: '#f2b84b',
      editor: { name: 'Anna de Vries', email: 'anna@users.noreply.github.com', username: 'annadv' },
    },
    { now: parseAmsterdam(NOW) },
  );
  const result = await buildSite('oosterpark', { env: { BUURT_NOW: NOW } });
  site = builtSite(result.outDir);
});

afterAll(async () => {
  await workspace?.dispose();
});

describe('a buurt made from the standaard template', () => {
  it('passes buurt check without errors or warnings', async () => {
    expect((await checkSite('oosterpark')).problems).toEqual([]);
  });

  it('has the filled-in settings and the first editor', async () => {
    const config = parse(await readFile(path.join(workspace.sitesDir, 'oosterpark', 'site.yaml'), 'utf8'));
    expect(config).toMatchObject({
      name: 'Oosterpark',
      domain: 'https://oosterpark.nl',
      email: 'contact@oosterpark.nl',
      colors: { primary: '#7a1f5c', accent: '#f2b84b' },
      editors: [{ name: 'Anna de Vries', email: 'anna@users.noreply.github.com', username: 'annadv' }],
    });
    const files = (await readdir(path.join(workspace.sitesDir, 'oosterpark'), { recursive: true })).map(String).sort();
    expect(files.join('\n')).not.toContain('{{');
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      expect(await readFile(path.join(workspace.sitesDir, 'oosterpark', file), 'utf8')).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('builds the starter pages with the buurt’s name', async () => {
    const $ = await site.page('/');
    expect($('h1').text()).toBe('Welkom in Oosterpark');
    expect($('.site-name .name').text()).toBe('Oosterpark');
    for (const page of ['/over-de-buurt/', '/contact/', '/privacy/', '/toegankelijkheid/']) expect(await site.has(page), page).toBe(true);
    expect($('footer a[href="mailto:contact@oosterpark.nl"]')).toHaveLength(1);
  });

  it('states the accessibility level aimed at and how to report a problem', async () => {
    const $ = await site.page('/toegankelijkheid/');
    expect($('main').text()).toContain('WCAG 2.2, niveau AA');
    expect(
      $('main h2')
        .map((_, el) => $(el).text())
        .get(),
    ).toContain('Een probleem melden');
    expect($('main a[href="mailto:contact@oosterpark.nl"]').length).toBeGreaterThan(0);
  });

  it('says on the privacy page who hosts the site, what is logged and how to have something removed', async () => {
    const $ = await site.page('/privacy/');
    const text = $('main').text();
    expect(text).toContain('Netlify');
    expect(text).toContain('IP-adres');
    expect(text).toContain('Je rechten en hoe je iets laat verwijderen');
    expect($('main a[href="mailto:contact@oosterpark.nl"]').length).toBeGreaterThan(0);
    expect(text).toContain('Geen cookies');
  });

  it('dates the example news today and the example activity on a Saturday three weeks ahead', async () => {
    const $news = await site.page('/nieuws/nieuwe-buurtsite/');
    expect($news('h1').text()).toBe('Oosterpark heeft een eigen buurtsite');
    expect($news('.meta time').attr('datetime')).toBe('2026-03-10T00:00:00+01:00');
    expect($news('.prose').text()).toContain('zaterdag 4 april 2026');
    // The home page's "Binnenkort" shows it as a card (the agenda itself lists it as one line).
    const $agenda = await site.page('/');
    const item = $agenda('.activity').filter((_, el) => $agenda(el).find('.card-title').text() === 'Kennismakingsborrel');
    expect(item.find('.when').text()).toBe('za 4 april 2026, 16:00–18:00');
    expect(await site.has('/agenda/kennismakingsborrel/')).toBe(true);
  });
});

describe('refusing and failing safely', () => {
  it('refuses to overwrite an existing buurt and leaves it as it was', async () => {
    const before = await readFile(path.join(workspace.sitesDir, 'oosterpark', 'site.yaml'), 'utf8');
    await expect(createBuurt({ slug: 'oosterpark', name: 'Ander', domain: 'ander.nl', email: 'a@ander.nl' })).rejects.toThrow(NewBuurtError);
    expect(await readFile(path.join(workspace.sitesDir, 'oosterpark', 'site.yaml'), 'utf8')).toBe(before);
  });

  it('leaves nothing behind when writing fails halfway', async () => {
    let written = 0;
    await expect(
      createBuurt(
        { slug: 'halverwege', name: 'Halverwege', domain: 'halverwege.nl', email: 'a@halverwege.nl' },
        {
          onFileWritten: () => {
            if (++written === 3) throw new Error('disk full (injected)');
          },
        },
      ),
    ).rejects.toThrow('disk full (injected)');
    expect(written).toBe(3);
    expect(await readdir(workspace.sitesDir)).not.toContain('halverwege');
    expect((await readdir(workspace.root)).filter((name) => name.startsWith('.buurt-new'))).toEqual([]);
  });
});

describe('the buurt new command', () => {
  it('creates a buurt from flags alone and prints the next steps', async () => {
    const { code, stdout } = await runNew([
      'new',
      'westpark',
      '--name',
      'Westpark',
      '--domain',
      'westpark.nl',
      '--email',
      'contact@westpark.nl',
      '--editor-name',
      'Bram',
      '--editor-email',
      'bram@users.noreply.github.com',
      '--yes',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('from the template "standaard"');
    expect(stdout).toContain('BUURT=westpark');
    expect(stdout).toContain('add westpark.nl and www.westpark.nl');
    expect(stdout).toContain('NETLIFY_BUILD_HOOK_WESTPARK');
    expect(stdout).toContain('stappenplan (Dutch) in docs/starten/README.md');
    expect((await checkSite('westpark')).problems).toEqual([]);
  });

  it('gives the new buurt a first report that lists the next steps from the stappenplan', async () => {
    const report = await reportBuurt('westpark');
    expect(report.nextSteps.length).toBeGreaterThan(0);
    expect(report.nextSteps.length).toBeLessThanOrEqual(3);
    expect(report.nextSteps[0]!.title).toMatch(/^Stap 3: /);
    const plan = await readFile(path.join(import.meta.dirname, '../docs/starten/README.md'), 'utf8');
    const anchors = [...plan.matchAll(/^## (.+)$/gm)].map(([, heading]) =>
      heading!
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, '')
        .replace(/ /g, '-'),
    );
    for (const step of report.nextSteps) expect(anchors).toContain(step.id);
  });

  it('explains what is missing without a terminal to ask in, and what is wrong with the input', async () => {
    const missing = await runNew(['new', 'zuid', '--name', 'Zuid']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('give --domain, --email');
    const wrong = await runNew(['new', 'zuid', '--name', 'Zuid', '--domain', 'westpark.nl', '--email', 'x', '--yes']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('westpark.nl is already the domain of the buurt "westpark"');
    expect(wrong.stderr).toContain('"x" is not an e-mail address');
    expect(wrong.stderr).toContain('Nothing was created.');
    expect(await readdir(workspace.sitesDir)).not.toContain('zuid');
  });

  it('asks for each value in a terminal, asks again after a wrong answer, and offers defaults', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let transcript = '';
    const answers = [
      'Noord Oost', // not a slug
      'noordoost',
      '', // name: default "Noordoost"
      'noordoost.nl/pad', // not a domain
      'noordoost.nl',
      '', // e-mail: default contact@noordoost.nl
      '#eeeeee', // too light
      '#0b5d3b',
      '', // accent: default
      'Carla', // editor
      'carla@users.noreply.github.com',
      '', // no username
      'j', // confirm
    ];
    // Answer each question when it is asked, as a person would.
    let next = 0;
    output.on('data', (chunk) => {
      transcript += chunk;
      if (/(: |\] )$/.test(String(chunk)) && next < answers.length) setImmediate(() => input.write(`${answers[next++]}\n`));
    });
    const result = await askForInput('', {}, await newBuurtContext(), input, output);
    expect(next).toBe(answers.length);
    expect(result).toEqual({
      slug: 'noordoost',
      name: 'Noordoost',
      domain: 'noordoost.nl',
      email: 'contact@noordoost.nl',
      primary: '#0b5d3b',
      accent: '#f2b84b',
      editor: { name: 'Carla', email: 'carla@users.noreply.github.com', username: undefined },
      template: 'standaard',
    });
    expect(transcript).toContain('"Noord Oost" cannot be used');
    expect(transcript).toContain('"https://noordoost.nl/pad" is not a domain');
    expect(transcript).toContain('links in #eeeeee on white have a contrast of 1.2:1');
  });

  it('knows the templates in templates/', async () => {
    expect(await listTemplates()).toContain('standaard');
  });
});
