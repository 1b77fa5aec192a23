/**
 * The secrets check: finds tokens and keys (built here at runtime, so this file holds none), ignores
 * placeholders and code, scans history, and finds nothing in this repository's own tracked files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { scanHistory, scanText, scanTrackedFiles } from '../scripts/platform/secrets/secrets.ts';
import { git } from '../src/core/git.ts';
import { runCli } from './helpers/cli.ts';
import { repoDir } from './helpers/fixtures.ts';
import { createTestRepo, type TestRepo } from './helpers/git-repo.ts';

/** A fake secret of `length` characters after `prefix`, assembled so no literal is in this file. */
const fake = (prefix: string, length: number, alphabet = 'aB3dE5gH7jK9mN2pQ4sT6vW8yZ1') =>
  prefix + Array.from({ length }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('');

const maintainer = { name: 'Mira', email: 'mira@users.noreply.buurtsites.nl' };
let repo: TestRepo | undefined;

afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});

describe('scanText', () => {
  it('finds git host, cloud and Netlify tokens, private keys and random passwords, redacted', () => {
    const text = [
      `token: ${fake('gh' + 'p_', 36)}`,
      `GITHUB=${fake('github' + '_pat_', 82)}`,
      `gitlab ${fake('gl' + 'pat-', 20)}`,
      `-----BEGIN ${'OPENSSH'} PRIVATE KEY-----`,
      `key id ${fake('AK' + 'IA', 16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}`,
      `aws_secret_access_key = ${fake('', 40, 'abcdEFGH1234/+xyzXYZ98')}`,
      `export NETLIFY_AUTH_TOKEN=${fake('', 43)}`,
      `netlify ${fake('nf' + 'p_', 40)}`,
      `registry ${fake('np' + 'm_', 36)}`,
      `const DB_PASSWORD = "${fake('', 24)}";`,
    ].join('\n');
    const findings = scanText(text, 'config.env');
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual([
      '1 github-token',
      '2 github-fine-grained-token',
      '3 gitlab-token',
      '4 private-key',
      '5 aws-access-key-id',
      '6 aws-secret-access-key',
      '7 netlify-auth-token',
      '8 netlify-token',
      '9 npm-token',
      '10 generic-secret',
    ]);
    expect(findings[0]!.redacted).toBe('ghp_…(40 characters)');
    expect(JSON.stringify(findings)).not.toContain(fake('', 24));
  });

  it('ignores placeholders, CI secret references, code and marked lines', () => {
    const text = [
      'NETLIFY_AUTH_TOKEN: ${{ secrets.NETLIFY_AUTH_TOKEN }}',
      'password: ""',
      'api_key = "<your key here>"',
      'tokenKeyword = config.tokenKeyword || "token"',
      'withXSRFToken: defaultToConfig2,',
      'secret: process.env.DECAP_SECRET_VALUE_123',
      'token = "xxxxxxxxxxxxxxxxxxxxxxxx"',
      `client_secret = "${fake('', 24)}" # buurt-secrets: allow`,
      'integrity: sha512-abcdefghijklmnopqrstuvwxyz0123456789',
    ].join('\n');
    expect(scanText(text, 'x.yml')).toEqual([]);
  });
});

describe('the repository', () => {
  it('holds no secret in its tracked files', async () => {
    const findings = await scanTrackedFiles(repoDir);
    expect(findings).toEqual([]);
    const tracked = (await git(repoDir, ['ls-files'])).split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(50);
  });
});

describe('history and the command line', () => {
  it('finds a key removed from the working tree in the history, with the commit that added it, and exits 1', async () => {
    repo = await createTestRepo();
    await repo.write({ 'README.md': 'hoi\n', 'deploy.env': `NETLIFY_AUTH_TOKEN=${fake('', 43)}\n` });
    const leaked = repo.commit('Add deploy settings', maintainer);
    await repo.remove('deploy.env');
    repo.commit('Remove deploy settings', maintainer);
    expect(await scanTrackedFiles(repo.dir)).toEqual([]);
    const history = await scanHistory(repo.dir);
    expect(history.map((f) => `${f.file}:${f.line} ${f.rule} ${f.commit}`)).toEqual([`deploy.env:1 netlify-auth-token ${leaked.slice(0, 7)}`]);
    const clean = await runCli(['secrets'], { cwd: repo.dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No secrets found in the tracked files.');
    const dirty = await runCli(['secrets', '--history'], { cwd: repo.dir });
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain(
      `deploy.env:1: Netlify auth token assignment (netlify-auth-token) ${fake('', 43).slice(0, 4)}…(43 characters) in commit ${leaked.slice(0, 7)}`,
    );
    expect(dirty.stdout).not.toContain(fake('', 43));
  });
});
