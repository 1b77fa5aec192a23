/**
 * Chromium loads every page of a fixture buurt, served by the real `buurt preview` with the deploy config's
 * headers, and the CMS (the real Decap CMS bundle from node_modules) at /admin/: zero CSP violations, no
 * request leaves the site, every photo loads, and the Permissions-Policy names only features Chromium knows.
 */
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDeployHeaders } from '../../src/headers/deploy-headers.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { watchCsp } from '../helpers/csp-watch.ts';
import { builtSite, createWorkspace, repoDir, type Workspace } from '../helpers/fixtures.ts';
import { startPreview, type RunningPreview } from '../helpers/preview.ts';
import { addMergedFeatures, buildSecurityFixture } from '../helpers/security-site.ts';

let workspace: Workspace;
let outDir: string;
let preview: RunningPreview;
let browser: TestBrowser;

/** Puts the real Decap CMS (bundle, chunks, WebAssembly; no source maps) into the built site's /admin/. */
async function installDecap(dir: string): Promise<void> {
  const dist = path.join(repoDir, 'node_modules/decap-cms/dist');
  const admin = path.join(dir, 'admin');
  await mkdir(admin, { recursive: true });
  for (const name of await readdir(dist)) {
    if (/^(\d+\.)?decap-cms\.js$|\.wasm$/.test(name)) await cp(path.join(dist, name), path.join(admin, name));
  }
  const css = (await readdir(path.join(dir, '_astro'))).find((f) => f.endsWith('.css'))!;
  await writeFile(
    path.join(admin, 'index.html'),
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
      '<title>Beheer</title></head><body><script src="/admin/decap-cms.js"></script><script src="/admin/cms.js"></script></body></html>',
  );
  await writeFile(path.join(admin, 'cms.js'), `CMS.registerPreviewStyle('/_astro/${css}');\n`);
  await writeFile(
    path.join(admin, 'config.yml'),
    [
      'backend:',
      '  name: test-repo',
      'media_folder: media',
      'public_folder: /media',
      'collections:',
      '  - name: nieuws',
      '    label: Nieuws',
      '    folder: content/nieuws',
      '    create: true',
      '    fields:',
      '      - { label: Titel, name: title, widget: string }',
      '      - { label: Datum, name: date, widget: datetime }',
      '      - { label: Afbeelding, name: image, widget: image, required: false }',
      '      - { label: Tekst, name: body, widget: markdown }',
      '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  workspace = await createWorkspace();
  outDir = await buildSecurityFixture(workspace);
  await addMergedFeatures('veilig', outDir);
  await installDecap(outDir);
  await writeDeployHeaders('veilig', outDir);
  preview = await startPreview('veilig', workspace.env);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  await workspace?.dispose();
});

describe('the public pages in Chromium', () => {
  it('load every page with zero CSP violations, all photos shown and nothing fetched from elsewhere', async () => {
    const { page, context, blocked, errors } = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const csp = await watchCsp(context);
    csp.watch(page);
    const urlPaths = (await builtSite(outDir).pages()).filter((p) => !p.startsWith('/admin/'));
    expect(urlPaths).toEqual(expect.arrayContaining(['/', '/nieuws/buurtfeest/', '/agenda/', '/wie-helpt/anna/', '/zoeken/', '/404.html']));
    const broken: string[] = [];
    for (const urlPath of urlPaths) {
      const response = await page.goto(`${preview.origin}${urlPath}`, { waitUntil: 'load' });
      expect(response?.status(), urlPath).toBe(200);
      // Lazy photos load once scrolled into view.
      await page.evaluate(async () => {
        for (const img of Array.from(document.images)) img.loading = 'eager';
        window.scrollTo(0, document.body.scrollHeight);
        const pending = Array.from(document.images).filter((img) => !img.complete);
        await Promise.all(
          pending.map(
            (img) =>
              new Promise((resolve) => {
                img.addEventListener('load', resolve, { once: true });
                img.addEventListener('error', resolve, { once: true });
              }),
          ),
        );
      });
      const images = await page.evaluate(() => Array.from(document.images).map((img) => ({ src: img.currentSrc, ok: img.complete && img.naturalWidth > 0 })));
      for (const image of images) if (!image.ok) broken.push(`${urlPath}: ${image.src}`);
    }
    // The real Pagefind UI finds a page: its worker fetched the index and ran WebAssembly under the policy.
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${preview.origin}/zoeken/`);
    await page.locator('.pagefind-ui__search-input').fill('buurtfeest');
    await expect
      .poll(() => page.locator('.pagefind-ui__result').count(), { timeout: 20_000 })
      .toBeGreaterThan(0)
      .catch((error: Error) => {
        throw new Error(`${error.message}\nCSP violations so far:\n${csp.violations.join('\n') || '(none)'}`, { cause: error });
      });
    expect(await page.locator('.pagefind-ui__result-link').first().getAttribute('href')).toBe('/nieuws/buurtfeest/');
    expect(workers).toEqual([`${preview.origin}/pagefind/pagefind-worker.js`]);
    expect(csp.violations).toEqual([]);
    expect(csp.policyErrors).toEqual([]);
    expect(broken).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors.map(String)).toEqual([]);
    await context.close();
  });

  it('blocks what the policy forbids: an injected inline script and a style attribute, also on the 404 page of any address', async () => {
    const { page, context } = await browser.newPage();
    const csp = await watchCsp(context);
    csp.watch(page);
    const response = await page.goto(`${preview.origin}/nieuws/`);
    expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => csp.violations.some((v) => v.includes('script-src'))).toBe(true);
    const background = await page.evaluate(() => {
      document.body.setAttribute('style', 'background-color: rgb(255, 0, 0)');
      return getComputedStyle(document.body).backgroundColor;
    });
    expect(background).not.toBe('rgb(255, 0, 0)');
    await expect.poll(() => csp.violations.some((v) => v.includes('style-src-attr'))).toBe(true);
    // An address under no section gets the 404 page, whose own meta policy still blocks scripts.
    const missing = await page.goto(`${preview.origin}/onbekend/pad`);
    expect(missing?.status()).toBe(404);
    expect(missing?.headers()['content-security-policy']).toBeUndefined();
    expect(missing?.headers()['x-frame-options']).toBe('DENY');
    const ranOn404 = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ranOn404).toBe(false);
    await context.close();
  });
});

describe('the CMS at /admin/ in Chromium', () => {
  it('runs the real Decap CMS under its own policy with zero CSP violations: login, editor, preview, upload', async () => {
    const { page, context, blocked, errors } = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const csp = await watchCsp(context);
    csp.watch(page);
    const response = await page.goto(`${preview.origin}/admin/`);
    expect(response?.headers()['content-security-policy']).toContain("'unsafe-eval'");
    // A step that fails says which CSP violations came before it.
    const step = async (action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error) {
        throw new Error(`${(error as Error).message}\nCSP violations so far:\n${csp.violations.join('\n') || '(none)'}`, {
          cause: error,
        });
      }
    };
    await step(() => page.getByRole('button', { name: /login/i }).click({ timeout: 20_000 }));
    await page.goto(`${preview.origin}/admin/#/collections/nieuws/new`);
    const title = page.locator('input[id^="title-field"]');
    await step(() => title.waitFor({ timeout: 20_000 }));
    await title.fill('Een nieuw bericht');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('Tekst met nadruk.');
    // The preview pane renders the entry inside its iframe with the site's stylesheet.
    const pane = page.frameLocator('iframe').first();
    await step(() => expect.poll(() => pane.locator('body').textContent(), { timeout: 15_000 }).toContain('Een nieuw bericht'));
    // Upload a photo through the media library: shown as a blob: image.
    await page.getByRole('button', { name: /choose an image/i }).click();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    await page.locator('input[type="file"]').setInputFiles({ name: 'rood.png', mimeType: 'image/png', buffer: png });
    await step(() => expect.poll(() => page.locator('img[src^="blob:"]').count(), { timeout: 15_000 }).toBeGreaterThan(0));
    expect(csp.violations).toEqual([]);
    expect(blocked).toEqual([]);
    expect(errors.map(String)).toEqual([]);
    await context.close();
  });
});
