import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/function-runtime/blobs.ts';
import { rootDir } from '../../src/core/paths.ts';
import { startFunctionsRuntime, type FunctionsRuntime } from './mount.ts';

describe('the local functions runtime', () => {
  let runtime: FunctionsRuntime;
  let server: Server;
  let base: string;
  let blobsDir: string;
  beforeAll(async () => {
    blobsDir = await mkdtemp(path.join(os.tmpdir(), 'buurt-blobs-'));
    runtime = await startFunctionsRuntime({ dir: path.join(rootDir, 'tests/fixtures/functions'), blobsDir });
    server = createServer(async (req, res) => {
      if (!(await runtime.intercept(req, res))) res.writeHead(404).end('static');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await runtime.stop();
    await rm(blobsDir, { recursive: true, force: true });
  });

  it('mounts a handler at each path of its config and passes the form and the socket address', async () => {
    const res = await fetch(`${base}/echo/too`, { method: 'POST', body: new URLSearchParams({ naam: 'Anna' }), headers: { 'x-forwarded-for': '6.6.6.6' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('1');
    expect(await res.json()).toMatchObject({ method: 'POST', form: { naam: 'Anna' }, ip: '127.0.0.1' });
  });

  it('leaves other paths and methods to the static server', async () => {
    expect(await (await fetch(`${base}/echoes`)).text()).toBe('static');
    expect(await (await fetch(`${base}/echo`, { method: 'DELETE' })).text()).toBe('static');
  });

  it('mounts a scheduled function where `netlify functions:invoke` calls it, for POST only', async () => {
    const res = await fetch(`${base}/.netlify/functions/tick`, { method: 'POST' });
    expect(await res.json()).toEqual({ ticked: true });
    expect(await (await fetch(`${base}/.netlify/functions/tick`)).text()).toBe('static');
    expect(runtime.functions.find((fn) => fn.name === 'tick')).toMatchObject({ schedule: '@hourly', paths: ['/.netlify/functions/tick'] });
  });

  it('enforces the declared rate limit like Netlify: the fourth request in a minute gets 429', async () => {
    // One request to an /echo path was made above; two more pass, then the limit of 3 holds.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${base}/echo`)).status);
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('points getStore at the local Blobs server, with the data under the given folder', async () => {
    const store = openStore('buurt-test');
    await store.setJSON('greeting', { hello: 'buurt' });
    expect(await store.get('greeting', { type: 'json' })).toEqual({ hello: 'buurt' });
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.join(blobsDir, 'entries', 'local'))).toContain('site:buurt-test');
  });
});
