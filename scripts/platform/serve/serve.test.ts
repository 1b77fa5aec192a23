import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get as request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETLIFY_DEFAULT_CACHE_CONTROL, serveStatic } from './serve.ts';

let root: string;
let server: Server;
let origin: string;

const HEADERS = `/*
  X-Frame-Options: DENY
/agenda/*
  Content-Security-Policy: default-src 'none'
/_astro/*
  Cache-Control: public, max-age=31536000, immutable
`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'buurt-serve-'));
  await mkdir(path.join(root, 'agenda'));
  await mkdir(path.join(root, '_astro'));
  await writeFile(path.join(root, '_headers'), HEADERS);
  await writeFile(path.join(root, 'index.html'), '<h1>Thuis</h1>');
  await writeFile(path.join(root, 'agenda/index.html'), '<h1>Agenda</h1>');
  await writeFile(path.join(root, '_astro/site.css'), 'body { color: black; }');
  await writeFile(path.join(root, '404.html'), '<h1>Niet gevonden</h1>');
  await writeFile(path.join(root, 'met spatie.txt'), 'één');
  server = await serveStatic({ root, port: 0 });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(root, { recursive: true, force: true });
});

const get = (urlPath: string, init: RequestInit = {}) => fetch(`${origin}${urlPath}`, { redirect: 'manual', ...init });

describe('serveStatic', () => {
  it("serves a folder's index.html with the _headers of its path and Netlify's default Cache-Control", async () => {
    const response = await get('/agenda/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<h1>Agenda</h1>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe(NETLIFY_DEFAULT_CACHE_CONTROL);
  });

  it('lets a _headers rule replace the default Cache-Control', async () => {
    const response = await get('/_astro/site.css');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('redirects a folder to its trailing-slash address, with the headers of the path', async () => {
    const response = await get('/agenda?maand=mei');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/agenda/?maand=mei');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
  });

  it('answers an unknown path with the 404 page, status 404 and the headers of the path', async () => {
    const response = await get('/agenda/bestaat-niet');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('<h1>Niet gevonden</h1>');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    // The 404 page is served at its own path as a page, as on Netlify; "/404" is not a file.
    expect((await get('/404')).status).toBe(404);
    expect((await get('/404.html')).status).toBe(200);
  });

  it('never serves the deploy config', async () => {
    const response = await get('/_headers');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('X-Frame-Options');
  });

  it('serves a file whose name needs percent-encoding', async () => {
    const response = await get('/met%20spatie.txt');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('één');
  });

  it('answers a repeated request with 304 by its ETag, keeping the headers', async () => {
    const first = await get('/agenda/');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await get('/agenda/', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe("default-src 'none'");
  });

  it('answers a byte range', async () => {
    const response = await get('/_astro/site.css', { headers: { Range: 'bytes=0-3' } });
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('body');
    expect(response.headers.get('content-range')).toBe('bytes 0-3/22');
  });

  it('sends a file changed after the server started, as after a rebuild', async () => {
    await writeFile(path.join(root, 'agenda/index.html'), '<h1>Nieuwe agenda</h1>');
    await writeFile(path.join(root, 'nieuw.txt'), 'nieuw');
    expect(await (await get('/agenda/')).text()).toBe('<h1>Nieuwe agenda</h1>');
    expect(await (await get('/nieuw.txt')).text()).toBe('nieuw');
  });

  it('sends the body an encode option returns, compressed, with the headers of the path', async () => {
    const compressing = await serveStatic({
      root,
      port: 0,
      encode: async (file, type, accepted) =>
        type.startsWith('text/html') && accepted.includes('gzip') ? { body: gzipSync(await readFile(file)), encoding: 'gzip' } : undefined,
    });
    try {
      const response = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const { port } = compressing.address() as AddressInfo;
        // node:http, so the body arrives as sent (fetch would decompress it).
        request({ host: '127.0.0.1', port, path: '/agenda/', headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'");
      expect(gunzipSync(response.body).toString()).toBe(await readFile(path.join(root, 'agenda/index.html'), 'utf8'));
    } finally {
      await new Promise((resolve) => compressing.close(resolve));
    }
  });
});
