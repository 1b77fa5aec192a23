/**
 * Which mounted function answers a request: its path exactly (no patterns: every `config.path` is a plain
 * path) and, when the function declares `config.method`, one of its methods. Shared by the local runtime
 * (scripts/functions/mount.ts) and the dev server's forwarding (src/cms/dev-functions.ts), so `npm start`,
 * `buurt preview` and `buurt dev` answer the same requests.
 */

/** The part of a mounted function that routing needs, e.g. `{ paths: ['/meedoen/verzenden'], methods: ['POST'] }`. */
export interface FunctionRoute {
  paths: string[];
  /** Upper case; absent: every method. */
  methods?: string[];
}

/** The function that answers `method` on `url` (a request target such as `/meedoen/uitdaging?x=1`), if any. */
export function findFunctionRoute<T extends FunctionRoute>(routes: readonly T[], method: string | undefined, url: string | undefined): T | undefined {
  const pathname = (url ?? '/').split('?')[0]!;
  const verb = (method ?? 'GET').toUpperCase();
  return routes.find((route) => route.paths.includes(pathname) && (!route.methods || route.methods.includes(verb)));
}
