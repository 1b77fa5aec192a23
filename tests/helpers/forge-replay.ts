/**
 * Replays recorded forge REST exchanges (tests/fixtures/forge-exchanges/<forge>/<scenario>.json) on
 * 127.0.0.1 with node:http, in order. Each request must match the next recording: method, path, query (all
 * keys), the Authorization header (scheme and the test's token) and the recorded body fields (a subset match:
 * every recorded field must be there with the same value; `"$any"` matches any value that is present). A match
 * is answered with the recorded response; a mismatch with 599 and a description, kept in `mismatches` so a test
 * can show what the code sent wrongly.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface RecordedExchange {
  /** Where this exchange is documented: the forge's API page and Decap's code that sends or reads it. */
  note?: string;
  request: { method: string; path: string; query?: Record<string, string>; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown; text?: string };
}

export interface Recording {
  description: string;
  /** "token" or "Bearer": the Authorization scheme the forge expects. */
  auth: 'token' | 'Bearer';
  exchanges: RecordedExchange[];
}

export const EXCHANGES_DIR = path.resolve(import.meta.dirname, '../fixtures/forge-exchanges');

export async function loadRecording(forge: string, scenario: string): Promise<Recording> {
  return JSON.parse(await readFile(path.join(EXCHANGES_DIR, forge, `${scenario}.json`), 'utf8')) as Recording;
}

export interface ReplayServer {
  /** "http://127.0.0.1:<port>" + `prefix`: the API root to give the backend. */
  apiRoot: string;
  mismatches: string[];
  /** How many recorded exchanges were answered. */
  readonly used: number;
  /** The recorded exchanges nobody asked for. */
  remaining(): RecordedExchange[];
  close(): Promise<void>;
}

/** Starts a replay of `recording` for a client using `token`; `prefix` is the API root's path ("/api/v4"). */
export async function replayServer(recording: Recording, token: string, prefix = ''): Promise<ReplayServer> {
  const mismatches: string[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const expected = recording.exchanges[next];
      const problems = expected ? compare(expected, req, url, Buffer.concat(chunks), token, recording.auth, prefix) : ['no more recorded exchanges'];
      if (problems.length) {
        const text = `${req.method} ${url.pathname}${url.search}: ${problems.join('; ')}`;
        mismatches.push(text);
        res.writeHead(599, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `replay mismatch: ${text}` }));
        return;
      }
      next++;
      const { status, headers = {}, body, text } = expected!.response;
      const payload = text ?? (body === undefined ? '' : JSON.stringify(body));
      const type = text !== undefined ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(req.method === 'HEAD' ? undefined : payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}${prefix}`,
    mismatches,
    get used() {
      return next;
    },
    remaining: () => recording.exchanges.slice(next),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function compare(expected: RecordedExchange, req: http.IncomingMessage, url: URL, body: Buffer, token: string, scheme: string, prefix: string): string[] {
  const problems: string[] = [];
  const want = expected.request;
  if (req.method !== want.method) problems.push(`method ${req.method}, recorded ${want.method}`);
  const actualPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  if (actualPath !== want.path) problems.push(`path ${actualPath}, recorded ${want.path}`);
  const query = Object.fromEntries(url.searchParams);
  if (JSON.stringify(sorted(query)) !== JSON.stringify(sorted(want.query ?? {})))
    problems.push(`query ${JSON.stringify(query)}, recorded ${JSON.stringify(want.query ?? {})}`);
  if (req.headers.authorization !== `${scheme} ${token}`) problems.push(`Authorization is not "${scheme} <token>"`);
  if (want.body !== undefined) {
    let sent: unknown;
    try {
      sent = JSON.parse(body.toString('utf8'));
    } catch {
      problems.push('the body is not JSON');
    }
    if (sent !== undefined) problems.push(...subsetProblems(want.body, sent, 'body'));
  } else if (body.length) problems.push('a body was sent where the recording has none');
  return problems;
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Where `actual` differs from the recorded `expected` (objects: recorded keys only; arrays: same length). */
function subsetProblems(expected: unknown, actual: unknown, at: string): string[] {
  if (expected === '$any') return actual === undefined ? [`${at} is missing`] : [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at} is not a list`];
    if (actual.length !== expected.length) return [`${at} has ${actual.length} items, recorded ${expected.length}`];
    return expected.flatMap((item, i) => subsetProblems(item, actual[i], `${at}[${i}]`));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${at} is not an object`];
    return Object.entries(expected).flatMap(([key, value]) => subsetProblems(value, (actual as Record<string, unknown>)[key], `${at}.${key}`));
  }
  return Object.is(expected, actual) ? [] : [`${at} is ${JSON.stringify(actual)}, recorded ${JSON.stringify(expected)}`];
}
