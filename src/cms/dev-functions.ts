/**
 * `buurt dev` answers the residents' forms too: the Netlify Functions run in the `buurt` process, in the very
 * runtime `npm start` and `buurt preview` mount (scripts/functions/mount.ts: handlers loaded by Node, the local
 * Blobs server, drafts on the CMS branch, the .eml outbox), behind a bridge on a loopback port; Astro's dev
 * server, a child process, forwards each request for a function's path to it (src/integrations/cms.ts).
 *
 * Why a bridge and not the runtime inside the dev server: there the handlers would be loaded through Vite's
 * module runner and a second copy of the runtime would start per dev server; here the same code path serves all
 * three commands, the command that starts the runtime stops it, and site code (src/) never imports the
 * Node-only tools in scripts/.
 *
 * The handler must see the resident's socket address (`context.ip`, never a header). The dev server listens on
 * 127.0.0.1, so every resident arrives from a loopback address: the forward is sent FROM that same address
 * (any 127.x.y.z can be bound on Linux), and the bridge hands the runtime the address it sees on its socket.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFunctionRoute, type FunctionRoute } from '../function-runtime/routes.ts';

/** The mounted functions (scripts/functions/mount.ts `FunctionsRuntime`), as local editing needs them. */
export interface LocalFunctions {
  functions: readonly FunctionRoute[];
  /** Answers a request for a function's path; false for any other request. */
  intercept(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export interface FunctionsBridge {
  /** For the dev server's environment: where to forward (`BUURT_FUNCTIONS_URL`) and what (`BUURT_FUNCTIONS_ROUTES`). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Serves `functions` on a free loopback port for the dev server to forward to. */
export async function startFunctionsBridge(functions: LocalFunctions, log: (line: string) => void = () => {}): Promise<FunctionsBridge> {
  const server = createServer((req, res) => {
    functions.intercept(req, res).then(
      (answered) => {
        if (!answered) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Niet gevonden.');
      },
      (error: unknown) => {
        log(`the functions bridge failed: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Er ging iets mis op de server.');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const routes: FunctionRoute[] = functions.functions.map(({ paths, methods }) => ({ paths, ...(methods ? { methods } : {}) }));
  return {
    env: {
      BUURT_FUNCTIONS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      BUURT_FUNCTIONS_ROUTES: JSON.stringify(routes),
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/**
 * In the dev server: forwards a request for a function's path to the bridge named in the environment and
 * returns true, or returns false for every other request. Undefined when no functions are mounted.
 */
export function functionsForwarder(
  env: Record<string, string | undefined> = process.env,
): ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined {
  if (!env.BUURT_FUNCTIONS_URL || !env.BUURT_FUNCTIONS_ROUTES) return undefined;
  const target = new URL(env.BUURT_FUNCTIONS_URL);
  const routes = JSON.parse(env.BUURT_FUNCTIONS_ROUTES) as FunctionRoute[];
  return (req, res) => {
    if (!findFunctionRoute(routes, req.method, req.url)) return false;
    const from = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: endToEnd(req.headers),
        agent: false,
        ...(/^127\.\d+\.\d+\.\d+$/.test(from) ? { localAddress: from } : {}),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      console.error(`forwarding ${req.method} ${req.url} to the functions failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('De formulieren werken nu niet: het programma achter de site is gestopt.');
    });
    // The resident went away before the answer was written: stop the forward too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
    return true;
  };
}
