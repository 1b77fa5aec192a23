// The parts of @mdn/mdn-http-observatory (plain JavaScript) that tests/helpers/observatory.ts uses.
declare module '@mdn/mdn-http-observatory/src/retriever/retriever.js' {
  export interface ObservatoryResponse {
    status: number;
    headers: Record<string, string>;
    verified: boolean;
  }
  export interface Requests {
    hostname: string;
    responses: { auto: ObservatoryResponse | null; http: ObservatoryResponse | null; https: ObservatoryResponse | null };
  }
  export function retrieve(hostname: string, options?: { httpPort?: number; httpsPort?: number; path?: string }): Promise<Requests>;
}
declare module '@mdn/mdn-http-observatory/src/constants.js' {
  import type { Requests } from '@mdn/mdn-http-observatory/src/retriever/retriever.js';
  export interface ObservatoryTest {
    (requests: Requests): { result: string | null; pass: boolean | null; data?: unknown; constructor: unknown };
    name: string;
  }
  export const ALL_TESTS: ObservatoryTest[];
}
declare module '@mdn/mdn-http-observatory/src/grader/grader.js' {
  export function getGradeForScore(score: number): { score: number; grade: string };
  export function getScoreModifier(expectation: string): number;
}
declare module '@mdn/mdn-http-observatory/src/grader/charts.js' {
  export const MINIMUM_SCORE_FOR_EXTRA_CREDIT: number;
}
