/**
 * The small HTTP part the forge draft backends share: JSON requests against a forge's REST API with the
 * repository-scoped token, every refusal turned into a `DraftError` that names the forge, the request and the
 * status but never the token, and list endpoints followed page by page (`Link: <…>; rel="next"`, which GitHub,
 * GitLab and Forgejo all send) without ever leaving the API's own origin.
 *
 * Hand-written: Octokit and friends cover one forge each; these backends need a dozen calls per forge.
 */
import { DraftError } from '../drafts.ts';

export interface ForgeHttpOptions {
  /** "GitHub", "GitLab", "Forgejo": for messages. */
  forge: string;
  /** "https://api.github.com", "https://gitlab.com/api/v4", "https://codeberg.org/api/v1". */
  apiRoot: string;
  token: string;
  /** The Authorization header's value for a token: `token <t>` (GitHub, Forgejo) or `Bearer <t>` (GitLab). */
  scheme: 'token' | 'Bearer';
  /** Extra headers every request carries (GitHub's API version). */
  headers?: Record<string, string>;
}

export interface ForgeRequest {
  query?: Record<string, string | number | boolean>;
  json?: unknown;
  /** The Accept header, when not JSON (GitHub's raw file contents). */
  accept?: string;
  /** Statuses that are an answer rather than a refusal (404: "does not exist"). */
  allow?: readonly number[];
}

export interface ForgeResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** No request waits longer than this for the forge. */
const TIMEOUT_MS = 20_000;
/** Lists are read to at most this many pages (drafts of one buurt are far fewer). */
const MAX_PAGES = 20;

/** A client for one forge's API; see the module comment. */
export function forgeHttp(options: ForgeHttpOptions) {
  const root = options.apiRoot.replace(/\/+$/, '');
  const origin = new URL(root).origin;
  const scrub = (text: string) => (options.token ? text.split(options.token).join('[token]') : text);

  async function send(method: string, target: string, request: ForgeRequest = {}): Promise<ForgeResponse> {
    const url = target.startsWith('/') ? new URL(root + target) : new URL(target);
    if (url.origin !== origin) throw new DraftError(`${options.forge} pointed to ${url.origin}, outside its API at ${origin}; the request was not sent.`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = {
      accept: request.accept ?? 'application/json',
      authorization: `${options.scheme} ${options.token}`,
      'user-agent': 'buurtsites-drafts',
      ...options.headers,
    };
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    const where = `${method} ${url.pathname}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new DraftError(scrub(`${options.forge} could not be reached for ${where}: ${(error as Error).message}.`));
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok && !request.allow?.includes(response.status)) {
      throw new DraftError(scrub(`${options.forge} refused ${where} (${response.status}): ${reasonOf(body, response.statusText)}`), {
        status: response.status,
        hint: hintFor(response.status, options.forge),
      });
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** The parsed JSON answer of a request that must succeed. */
  async function json<T>(method: string, target: string, request: ForgeRequest = {}): Promise<T> {
    const response = await send(method, target, request);
    return parseJson<T>(response, `${method} ${target.split('?')[0]}`, options.forge);
  }

  /** Every item of a list endpoint, following `rel="next"` links. */
  async function all<T>(target: string, query: ForgeRequest['query']): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = target;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const response = await send('GET', next, page === 0 ? { query } : {});
      items.push(...parseJson<T[]>(response, `GET ${target}`, options.forge));
      next = nextLink(response.headers.get('link'));
    }
    return items;
  }

  return { send, json, all, forge: options.forge };
}

export type ForgeHttp = ReturnType<typeof forgeHttp>;

function parseJson<T>(response: ForgeResponse, where: string, forge: string): T {
  try {
    return JSON.parse(response.body.toString('utf8')) as T;
  } catch {
    throw new DraftError(`${forge} answered ${where} (${response.status}) with something that is not JSON.`, { status: response.status });
  }
}

/** The forge's own short reason: `message` (GitHub, Forgejo, GitLab) or `error` (GitLab), cut to 200 characters. */
function reasonOf(body: Buffer, statusText: string): string {
  let reason = statusText || 'no reason given';
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { message?: unknown; error?: unknown };
    const message = parsed.message ?? parsed.error;
    if (message !== undefined) reason = typeof message === 'string' ? message : JSON.stringify(message);
  } catch {
    const text = body.toString('utf8').trim();
    if (text && !text.startsWith('<')) reason = text;
  }
  return reason.replace(/\s+/g, ' ').slice(0, 200);
}

function hintFor(status: number, forge: string): string | undefined {
  if (status === 401)
    return `The token in BUURT_DRAFTS_TOKEN is not accepted by ${forge} (expired or revoked?); make a new one (docs/maintainers/participation.md).`;
  if (status === 403) return `The token in BUURT_DRAFTS_TOKEN may lack a permission; docs/maintainers/participation.md lists what it needs on ${forge}.`;
  return undefined;
}

/** The `rel="next"` address of a Link header: `<https://api.github.com/…?page=2>; rel="next", <…>; rel="last"`. */
export function nextLink(header: string | null): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** A repository path for a URL, each segment encoded: "sites/oost/media/a b.jpg" → "sites/oost/media/a%20b.jpg". */
export function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The first line of a commit message: the title of a pull or merge request. */
export function subjectOf(message: string): string {
  return message.split('\n')[0]!.trim();
}
