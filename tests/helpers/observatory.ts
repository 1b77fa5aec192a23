/**
 * The MDN HTTP Observatory (npm `@mdn/mdn-http-observatory`, the scanner behind developer.mozilla.org's
 * Observatory) run against a local preview, graded the way its `scan()` grades.
 *
 * `scan(hostname)` itself cannot be pointed at a port, so this calls its parts: `retrieve()` (which takes the
 * ports), every test in `ALL_TESTS`, and the grader. Two tests need TLS and are EXCUSED locally:
 *
 * - `redirection` (http must redirect to https): the preview has no https, and the test reads the HSTS
 *   preload list that the package's postinstall downloads from GitHub (denied here: no network during
 *   installs), so it is not run. Netlify redirects http to https itself on every custom domain.
 * - `strict-transport-security`: browsers ignore HSTS over plain http, so the scanner reports
 *   `hsts-not-implemented-no-https`; the test asserts exactly that result, and the header's value is checked
 *   separately.
 *
 * Excused tests count 0 points, as if they passed without bonus; every other test must pass.
 */
import { retrieve } from '@mdn/mdn-http-observatory/src/retriever/retriever.js';
import { ALL_TESTS } from '@mdn/mdn-http-observatory/src/constants.js';
import { getGradeForScore, getScoreModifier } from '@mdn/mdn-http-observatory/src/grader/grader.js';
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from '@mdn/mdn-http-observatory/src/grader/charts.js';

/** Observatory tests that need TLS, with the only result each may have locally (null: not run). */
export const EXCUSED_TESTS: Readonly<Record<string, string | null>> = {
  redirection: null,
  'strict-transport-security': 'hsts-not-implemented-no-https',
};

export interface ObservatoryResult {
  grade: string;
  score: number;
  /** Every test run, by name: its result, whether it passed, its score modifier. */
  tests: Record<string, { result: string | null; pass: boolean; modifier: number; excused: boolean }>;
  /** The response headers the scanner saw. */
  headers: Record<string, string>;
}

/** Scans http://127.0.0.1:<port>/ with the Observatory's own retriever, tests and grader. */
export async function observatoryScan(port: number): Promise<ObservatoryResult> {
  // https on the same port fails the TLS handshake, so the scanner sees a site without https.
  const requests = await retrieve('127.0.0.1', { httpPort: port, httpsPort: port });
  if (!requests.responses.auto) throw new Error(`The Observatory could not reach http://127.0.0.1:${port}/`);
  let score = 100;
  let uncurved = 100;
  const tests: ObservatoryResult['tests'] = {};
  for (const test of ALL_TESTS) {
    // Not run: it needs the downloaded preload list (see above).
    if (test.name === 'redirectionTest') continue;
    const output = test(requests);
    const name = (output.constructor as { name: string }).name;
    const excused = name in EXCUSED_TESTS;
    const modifier = excused ? 0 : getScoreModifier(output.result ?? '');
    score += modifier;
    if (modifier < 0) uncurved += modifier;
    tests[name] = { result: output.result, pass: output.pass === true, modifier, excused };
  }
  const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? score : uncurved);
  return { grade: final.grade, score: final.score, tests, headers: requests.responses.auto.headers };
}
