/**
 * `buurt preview` in its own process answers with exactly the headers of the deploy config, one CSP per
 * response, and the MDN HTTP Observatory grades it A+ (with only the TLS-bound tests excused).
 */
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../src/headers/headers.ts';
import { headersForPath, readHeaderRules, urlPathsOf } from '../src/headers/netlify-headers.ts';
import { probePaths } from '../src/headers/deploy-headers.ts';
import { normalizeRequestPath } from '../scripts/platform/serve/serve.ts';
import { createWorkspace, type Workspace } from './helpers/fixtures.ts';
import { EXCUSED_TESTS, observatoryScan } from './helpers/observatory.ts';
import { startPreview, type RunningPreview } from './helpers/preview.ts';
import { addMergedFeatures, buildSecurityFixture } from './helpers/security-site.ts';
import type { Header } from '@netlify/headers-parser';

let workspace: Workspace;
let outDir: string;
let preview: RunningPreview;
let rules: Header[];

beforeAll(async () => {
  workspace = await createWorkspace();
  outDir = await buildSecurityFixture(workspace);
  await addMergedFeatures('veilig', outDir);
  rules = await readHeaderRules(path.join(outDir, '_headers'));
  preview = await startPreview('veilig', workspace.env);
});

afterAll(async () => {
  await preview?.stop();
  await workspace?.dispose();
});

interface RawResponse {
  status: number;
  /** Header names (lower case) with every value sent, in order. */
  headers: Map<string, string[]>;
}

/** One GET without following redirects, keeping repeated headers apart; the path is sent as written. */
function get(urlPath: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: preview.port, path: urlPath, method }, (res) => {
      const headers = new Map<string, string[]>();
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        const name = res.rawHeaders[i]!.toLowerCase();
        headers.set(name, [...(headers.get(name) ?? []), res.rawHeaders[i + 1]!]);
      }
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('buurt preview', () => {
  it('sends every response exactly the headers the _headers rules give its path, with one CSP', async () => {
    const files = (await listFiles(outDir)).filter((f) => f !== '_headers');
    const urlPaths = [...new Set([...files.flatMap(urlPathsOf), ...probePaths(files), '/onbekend/pad', '/agenda/bestaat-niet'])];
    expect(urlPaths.length).toBeGreaterThan(40);
    const statuses = new Set<number>();
    for (const urlPath of urlPaths) {
      const response = await get(urlPath);
      statuses.add(response.status);
      const expected = headersForPath(rules, urlPath);
      for (const [name, value] of Object.entries(expected)) {
        expect(response.headers.get(name.toLowerCase()), `${name} of ${urlPath}`).toEqual([value]);
      }
      if (urlPath !== '/onbekend/pad') {
        expect(response.headers.get('content-security-policy'), `CSP of ${urlPath}`).toHaveLength(1);
      }
    }
    // Pages, redirects to the trailing-slash address, and the 404 page: all with their headers.
    expect([...statuses].sort()).toEqual([200, 301, 404]);
  });

  it('answers HEAD and other methods with the same security headers', async () => {
    const head = await get('/nieuws/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toEqual([headersForPath(rules, '/nieuws/')['Content-Security-Policy']]);
    const post = await get('/nieuws/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('x-frame-options')).toEqual(['DENY']);
  });

  it('never serves the deploy config itself, like Netlify', async () => {
    expect((await get('/_headers')).status).toBe(404);
    expect((await get('/_redirects')).status).toBe(404);
  });

  it('serves the CMS with its own policy and no-store, the pages with the strict one', async () => {
    const admin = await get('/admin/');
    expect(admin.headers.get('cache-control')).toEqual(['no-store']);
    expect(admin.headers.get('content-security-policy')![0]).toContain("'unsafe-eval'");
    const home = await get('/');
    expect(home.headers.get('content-security-policy')![0]).not.toContain('unsafe');
    expect(home.headers.get('strict-transport-security')).toEqual(['max-age=63072000; includeSubDomains']);
  });
});

describe('buurt preview normalises a path once', () => {
  const csp = (response: RawResponse) => response.headers.get('content-security-policy');

  it('makes one canonical path: decoded once, without dot segments or repeated slashes', () => {
    expect(normalizeRequestPath('/%61dmin/')).toEqual({ ok: true, path: '/admin/', search: '' });
    expect(normalizeRequestPath('/.//nieuws?x=1#y')).toEqual({ ok: true, path: '/nieuws', search: '?x=1' });
    expect(normalizeRequestPath('//nieuws/./')).toEqual({ ok: true, path: '/nieuws/', search: '' });
    expect(normalizeRequestPath('/nieuws/%2e/')).toEqual({ ok: true, path: '/nieuws/', search: '' });
    expect(normalizeRequestPath('/')).toEqual({ ok: true, path: '/', search: '' });
    for (const bad of ['/%zz', '/nieuws/%', '/a%00b', '/a%0d%0aSet-Cookie:x', '/../etc/passwd', '/nieuws/%2e%2e/%2e%2e/x', 'nieuws', 'http://evil.example/']) {
      expect(normalizeRequestPath(bad), bad).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('gives an encoded address the headers of the page it serves', async () => {
    for (const [encoded, plain] of [
      ['/%61dmin/', '/admin/'],
      ['/%6eieuws/', '/nieuws/'],
      ['/%6Eieuws/%62uurtfeest-was-een-succes/', '/nieuws/buurtfeest-was-een-succes/'],
      ['/.//nieuws/', '/nieuws/'],
      ['//admin/', '/admin/'],
    ] as const) {
      const [response, expected] = [await get(encoded), await get(plain)];
      expect(response.status, encoded).toBe(expected.status);
      expect(csp(response), encoded).toEqual(csp(expected));
      expect(csp(response), encoded).toEqual([headersForPath(rules, plain)['Content-Security-Policy']]);
    }
    expect(csp(await get('/%61dmin/'))![0]).toContain("'unsafe-eval'");
    expect(csp(await get('/%6eieuws/'))![0]).not.toContain('unsafe');
  });

  it('never redirects to a protocol-relative address', async () => {
    for (const raw of ['/.//nieuws', '//nieuws', '/./nieuws', '///nieuws', '/%2e//nieuws']) {
      const response = await get(raw);
      expect(response.status, raw).toBe(301);
      expect(response.headers.get('location'), raw).toEqual(['/nieuws/']);
    }
  });

  it('answers malformed paths with 400 and the strict headers, never 500', async () => {
    for (const raw of [
      '/%zz',
      '/nieuws/%',
      '/a%00b',
      '/nieuws%00.html',
      '/../../etc/passwd',
      '/nieuws/../../',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/nieuws/..%2f..%2f',
      '/%c0%ae%c0%ae/',
    ]) {
      const response = await get(raw);
      expect(response.status, raw).toBe(400);
      expect(csp(response), raw).toEqual([headersForPath(rules, '/')['Content-Security-Policy']]);
    }
    // Not a ".." segment on this platform: an unknown page.
    expect((await get('/\\..\\x')).status).toBe(404);
  });
});

describe('MDN HTTP Observatory', () => {
  it('grades the home page A+ with every test passing except the excused TLS tests', async () => {
    const result = await observatoryScan(preview.port);
    const { 'subresource-integrity': sri, ...rest } = Object.fromEntries(Object.entries(result.tests).map(([name, t]) => [name, t.result]));
    // No scripts on the home page, or only the site's own (same origin needs no SRI).
    expect(['sri-not-implemented-but-no-scripts-loaded', 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin']).toContain(sri);
    expect(rest).toEqual({
      'content-security-policy': 'csp-implemented-with-no-unsafe-default-src-none',
      cookies: 'cookies-not-found',
      'cross-origin-resource-sharing': 'cross-origin-resource-sharing-not-implemented',
      'referrer-policy': 'referrer-policy-private',
      'strict-transport-security': EXCUSED_TESTS['strict-transport-security'],
      'x-content-type-options': 'x-content-type-options-nosniff',
      'x-frame-options': 'x-frame-options-implemented-via-csp',
      'cross-origin-resource-policy': 'corp-implemented-with-same-origin',
    });
    for (const [name, test] of Object.entries(result.tests)) {
      if (!test.excused) expect(test.pass, `${name}: ${test.result}`).toBe(true);
    }
    expect(result.score).toBeGreaterThanOrEqual(100);
    expect(result.grade).toBe('A+');
  });
});
