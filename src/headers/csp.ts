/**
 * Content Security Policies: the strict policy of the public pages, derived from what a page needs, and the
 * separate policy of the CMS at /admin/, derived from the git host it talks to.
 *
 * Public pages only ever load from their own origin ('self'): no inline code, no eval, no other host.
 */

/** A policy: directive name → sources, in the order written. An empty list writes the bare directive. */
export type Policy = ReadonlyMap<string, readonly string[]>;

/** What the pages of a part of the site use, found in the built HTML (see headers.ts). */
export interface PageNeeds {
  /** A `<script src>` that is not a data block (JSON-LD). */
  scripts: boolean;
  /** A `<form>`: the search form GETs /zoeken/ on the same origin. */
  forms: boolean;
  /** A `<link rel="manifest">`. */
  manifest: boolean;
  /** The site ships font files. */
  fonts: boolean;
}

export const NO_NEEDS: PageNeeds = { scripts: false, forms: false, manifest: false, fonts: false };

/**
 * Extra sources for parts of the site that need more than the rest, by the first segment of their URL path.
 * Search (Pagefind 1.6, measured in Chromium): the page at /zoeken/ runs WebAssembly, fetches its index and
 * shows its search icon as a data: SVG; its web worker /pagefind/pagefind-worker.js runs under the policy of
 * its own response, so /pagefind/ needs the same fetch and WebAssembly rights. Nothing else gets these.
 */
export const SECTION_EXTRAS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  zoeken: { 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] },
  pagefind: { 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'connect-src': ["'self'"] },
  // The residents' forms: the ALTCHA widget fetches its challenge and solves it in a worker from /_astro/.
  meedoen: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'worker-src': ["'self'"] },
  // The newsletter's subscribe form: the same widget.
  nieuwsbrief: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'worker-src': ["'self'"] },
  // The reply form on each prikbord post: the same widget.
  prikbord: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'worker-src': ["'self'"] },
};

/** The policy of a public page with the given needs (plus `extra` sources, merged per directive). */
export function publicPolicy(needs: PageNeeds, extra: Readonly<Record<string, readonly string[]>> = {}): Policy {
  const policy = new Map<string, string[]>([
    ['default-src', ["'none'"]],
    ['img-src', ["'self'"]],
    ['style-src', ["'self'"]],
    // Harmless without scripts (script-src stays 'none'), needed by tools that read the page: Lighthouse
    // fetches /robots.txt in the page's own context and calls it invalid when the policy refuses
    // (GoogleChrome/lighthouse#4386), which cost every page 8 SEO points in PageSpeed Insights too.
    ['connect-src', ["'self'"]],
  ]);
  if (needs.scripts) policy.set('script-src', ["'self'"]);
  if (needs.fonts) policy.set('font-src', ["'self'"]);
  if (needs.manifest) policy.set('manifest-src', ["'self'"]);
  for (const [directive, sources] of Object.entries(extra)) {
    policy.set(directive, [...new Set([...(policy.get(directive) ?? []), ...sources])]);
  }
  // Directives that default-src does not cover: set them explicitly.
  policy.set('form-action', needs.forms ? ["'self'"] : ["'none'"]);
  policy.set('frame-ancestors', ["'none'"]);
  policy.set('base-uri', ["'none'"]);
  policy.set('upgrade-insecure-requests', []);
  return policy;
}

/** The CMS settings of a buurt as far as the policy needs them (site.yaml `cms`, all optional). */
export interface CmsBackend {
  /** "github" (the default), "gitlab", "gitea" (also Forgejo), "bitbucket", "git-gateway", "proxy", "test-repo". */
  name: string;
  /** Origins the CMS fetches from (the git host's API, its OAuth token endpoint). */
  connect: string[];
  /** Origins of images the CMS shows (the editor's avatar). */
  images: string[];
}

/** An origin from a configured URL, or undefined for anything that is not https (or http on localhost). */
export function originOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const local = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || local ? url.origin : undefined;
}

const BACKEND_DEFAULTS: Readonly<Record<string, { api: string[]; auth: string[]; images: string[] }>> = {
  github: { api: ['https://api.github.com'], auth: [], images: ['https://avatars.githubusercontent.com'] },
  gitlab: { api: ['https://gitlab.com'], auth: ['https://gitlab.com'], images: ['https://gitlab.com'] },
  gitea: { api: [], auth: [], images: [] },
  bitbucket: { api: ['https://api.bitbucket.org'], auth: ['https://bitbucket.org'], images: ['https://bitbucket.org'] },
  'git-gateway': { api: [], auth: [], images: [] },
  proxy: { api: [], auth: [], images: [] },
  'test-repo': { api: [], auth: [], images: [] },
};

/**
 * The git host the CMS of a buurt talks to, read defensively from site.yaml's optional `cms` key
 * (`backend`, `repo`, `base_url`, `api_root`, `graphql_api_root`, `proxy_url`). Without it: GitHub.
 * Values that are not https URLs are ignored, so a typo can never open the policy to more than an origin.
 */
export function cmsBackend(cms: unknown): CmsBackend {
  const outer = (cms && typeof cms === 'object' ? cms : {}) as Record<string, unknown>;
  // Also accept Decap's own shape, `backend: { name, api_root, … }`.
  const nested = outer.backend && typeof outer.backend === 'object' ? (outer.backend as Record<string, unknown>) : {};
  const settings = { ...outer, ...nested };
  const rawName = typeof settings.backend === 'string' ? settings.backend : typeof settings.name === 'string' ? settings.name : 'github';
  const name = rawName === 'forgejo' ? 'gitea' : rawName;
  const defaults = BACKEND_DEFAULTS[name] ?? { api: [], auth: [], images: [] };
  const apiRoot = originOf(settings.api_root);
  const graphQl = originOf(settings.graphql_api_root);
  const baseUrl = originOf(settings.base_url);
  const proxy = originOf(settings.proxy_url);
  const connect = new Set<string>(apiRoot ? [apiRoot] : defaults.api);
  if (graphQl) connect.add(graphQl);
  if (proxy) connect.add(proxy);
  // The OAuth token exchange (GitLab and Gitea PKCE, token refresh) is a fetch to base_url.
  for (const origin of baseUrl ? [baseUrl] : defaults.auth) connect.add(origin);
  const images = new Set<string>(defaults.images);
  // Self-hosted GitLab and Gitea serve avatars from the instance itself.
  if ((name === 'gitlab' || name === 'gitea') && (baseUrl ?? apiRoot)) images.add((baseUrl ?? apiRoot)!);
  return { name, connect: [...connect], images: [...images] };
}

/**
 * The policy of the CMS at /admin/: what Decap CMS 3.16 needs and nothing else, measured in Chromium
 * (tests/security-browser.test.ts runs the real bundle under this policy):
 * - 'unsafe-eval': Decap compiles its config schema with `new Function` (ajv) at start-up, and instantiates
 *   WebAssembly (its WebP encoder); without it the CMS does not start;
 * - 'unsafe-inline' styles: its components inject `<style>` elements at runtime (emotion);
 * - blob: images and fetches: uploaded photos are shown and read back as blob: URLs;
 * - the git host's API (and OAuth token endpoint) for loading and saving, its avatar host for the editor's
 *   picture. Its preview pane is an about:blank frame and needs no frame-src; its status check of
 *   www.githubstatus.com is left blocked on purpose (it fails quietly and would tell a third party who edits).
 */
export function adminPolicy(cms: unknown): Policy {
  const backend = cmsBackend(cms);
  return new Map<string, string[]>([
    ['default-src', ["'none'"]],
    ['script-src', ["'self'", "'unsafe-eval'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'blob:', ...backend.images]],
    ['connect-src', ["'self'", 'blob:', ...backend.connect]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['upgrade-insecure-requests', []],
  ]);
}

/** The header value: "default-src 'none'; img-src 'self'; …; upgrade-insecure-requests". */
export function formatPolicy(policy: Policy): string {
  return [...policy].map(([directive, sources]) => [directive, ...sources].join(' ')).join('; ');
}

/** Parses a header value back into a policy (for tests and checks). */
export function parsePolicy(value: string): Policy {
  const policy = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [directive, ...sources] = part.trim().split(/\s+/);
    if (directive && !policy.has(directive.toLowerCase())) policy.set(directive.toLowerCase(), sources);
  }
  return policy;
}
