/**
 * Reading a `_headers` file the way Netlify does, with Netlify's own parser (`@netlify/headers-parser`): which
 * rules match a path and which headers a response gets. `buurt preview` serves exactly these headers, the
 * build proves with `verifyHeaderRules` that every path gets exactly one CSP, and the tests check every rule.
 */
import { parseAllHeaders, type Header } from '@netlify/headers-parser';
import { PlatformError } from '../core/errors.ts';

/** Thrown when a `_headers` file does not parse. */
export class HeadersFileError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'content' });
    this.name = 'HeadersFileError';
  }
}

/** The rules of a `_headers` file, each with the RegExp Netlify matches paths with. */
export async function readHeaderRules(file: string): Promise<Header[]> {
  const { headers, errors } = await parseAllHeaders({ headersFiles: [file], configHeaders: [], minimal: false });
  if (errors.length) throw new HeadersFileError(`${file} does not parse:\n${errors.map((e) => `  ${e.message}`).join('\n')}`);
  return headers as Header[];
}

/** The rules that apply to a request for `urlPath` ("/agenda/"), in file order. */
export function matchingRules(rules: readonly Header[], urlPath: string): Header[] {
  return rules.filter((rule) => rule.forRegExp.test(urlPath));
}

/**
 * The headers a response to `urlPath` gets: every matching rule's headers together. A header set by two
 * matching rules is sent with both values joined by a comma (which `verifyHeaderRules` forbids).
 */
export function headersForPath(rules: readonly Header[], urlPath: string): Record<string, string> {
  const result: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const rule of matchingRules(rules, urlPath)) {
    for (const [name, value] of Object.entries(rule.values)) {
      const key = names.get(name.toLowerCase()) ?? name;
      names.set(name.toLowerCase(), key);
      result[key] = result[key] === undefined ? value : `${result[key]}, ${value}`;
    }
  }
  return result;
}

/** The URL paths that serve a built file: "agenda/index.html" → "/agenda/index.html", "/agenda/", "/agenda". */
export function urlPathsOf(file: string): string[] {
  const full = `/${file}`;
  if (file === 'index.html') return ['/', '/index.html'];
  if (file.endsWith('/index.html')) {
    const dir = full.slice(0, -'index.html'.length);
    return [full, dir, dir.slice(0, -1)];
  }
  return [full];
}

export interface HeaderProblem {
  urlPath: string;
  /** The header concerned ("Content-Security-Policy"). */
  header: string;
  /** The patterns of the rules that set it for this path: none, or more than one. */
  rules: string[];
}

/**
 * Checks that for every path exactly one matching rule sets Content-Security-Policy and no header is set by
 * two matching rules. Returns the problems found (none when the rules are sound).
 */
export function verifyHeaderRules(rules: readonly Header[], urlPaths: readonly string[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  for (const urlPath of urlPaths) {
    const setters = new Map<string, { header: string; rules: string[] }>();
    for (const rule of matchingRules(rules, urlPath)) {
      for (const name of Object.keys(rule.values)) {
        const entry = setters.get(name.toLowerCase()) ?? { header: name, rules: [] };
        entry.rules.push(rule.for);
        setters.set(name.toLowerCase(), entry);
      }
    }
    const csp = setters.get('content-security-policy');
    if (!csp) problems.push({ urlPath, header: 'Content-Security-Policy', rules: [] });
    for (const entry of setters.values()) {
      if (entry.rules.length > 1) problems.push({ urlPath, ...entry });
    }
  }
  return problems;
}

/** One line per problem, for errors. */
export function formatHeaderProblem(problem: HeaderProblem): string {
  return problem.rules.length
    ? `${problem.urlPath}: ${problem.header} is set by ${problem.rules.length} rules (${problem.rules.join(', ')}); a response may carry it only once`
    : `${problem.urlPath}: no rule sets ${problem.header}`;
}
