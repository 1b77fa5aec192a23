import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsForwarder, startFunctionsBridge, type FunctionsBridge, type LocalFunctions } from './dev-functions.ts';

/** Functions that echo what reached them: the method, the path, the body, the socket address, the Host. */
const echo: LocalFunctions = {
  functions: [{ paths: ['/meedoen/verzenden'], methods: ['POST'] }, { paths: ['/overal'] }],
  intercept: async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/boom') throw new Error('kapot');
    if (path !== '/meedoen/verzenden' && path !== '/overal' && path !== '/geen-route') return false;
    let body = '';
    for await (const chunk of req) body += String(chunk);
    res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, ip: req.socket.remoteAddress, host: req.headers.host }));
    return true;
  },
};

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(port: number, method: string, path: string, body?: string, localAddress = '127.0.0.1', chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, localAddress, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined && chunked) {
      // Two writes without a Content-Length: a chunked body.
      req.write(body.slice(0, 3));
      req.end(body.slice(3));
    } else req.end(body);
  });
}

describe('the functions bridge of buurt dev', () => {
  let bridge: FunctionsBridge;
  let devServer: Server;
  let port: number;

  beforeAll(async () => {
    bridge = await startFunctionsBridge(echo);
    // Stands in for Astro's dev server: the forwarder first, then "the site".
    const forward = functionsForwarder(bridge.env)!;
    devServer = createServer((req, res) => {
      if (!forward(req, res)) res.writeHead(200).end('site');
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    port = (devServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await bridge.close();
    devServer.closeAllConnections();
    await new Promise((resolve) => devServer.close(resolve));
  });

  it('forwards a function path with its method, query, body, Host and cookies', async () => {
    const answer = await send(port, 'POST', '/meedoen/verzenden?x=1', 'titel=Soep', '127.0.0.1', true);
    expect(answer.status).toBe(201);
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(answer.body)).toMatchObject({ method: 'POST', url: '/meedoen/verzenden?x=1', body: 'titel=Soep', host: `127.0.0.1:${port}` });
  });

  it("hands the function the resident's own loopback address, not the dev server's", async () => {
    expect(JSON.parse((await send(port, 'POST', '/meedoen/verzenden', '', '127.0.0.7')).body).ip).toBe('127.0.0.7');
    expect(JSON.parse((await send(port, 'GET', '/overal', undefined, '127.0.0.8')).body).ip).toBe('127.0.0.8');
  });

  it('leaves every other path, and a function path with another method, to the site', async () => {
    expect((await send(port, 'GET', '/meedoen/verzenden')).body).toBe('site');
    expect((await send(port, 'GET', '/geen-route')).body).toBe('site');
    expect((await send(port, 'GET', '/meedoen/')).body).toBe('site');
  });

  it('passes only the routes in the environment, as JSON', () => {
    expect(JSON.parse(bridge.env.BUURT_FUNCTIONS_ROUTES!)).toEqual(echo.functions);
    expect(bridge.env.BUURT_FUNCTIONS_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(functionsForwarder({})).toBeUndefined();
  });

  it('answers 500 in Dutch when a function throws, and 502 in Dutch once the bridge is closed', async () => {
    const broken = await startFunctionsBridge(echo);
    const direct = Number(new URL(broken.env.BUURT_FUNCTIONS_URL!).port);
    const failed = await send(direct, 'GET', '/boom');
    expect(failed).toMatchObject({ status: 500, body: 'Er ging iets mis op de server.' });
    await broken.close();
    await expect(send(direct, 'GET', '/overal')).rejects.toThrow(/ECONNREFUSED/);

    const forward = functionsForwarder(broken.env)!;
    const site = createServer((req, res) => void forward(req, res));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await send((site.address() as AddressInfo).port, 'GET', '/overal');
      expect(answer.status).toBe(502);
      expect(answer.body).toContain('De formulieren werken nu niet');
    } finally {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
