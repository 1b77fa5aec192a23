/**
 * GET /meedoen/uitdaging: a fresh ALTCHA proof-of-work challenge for the widget on /meedoen/ (see
 * src/function-runtime/altcha.ts). Never cached; same origin only, so no CORS headers.
 */
import { altchaSecret, createAltchaChallenge } from '../function-runtime/altcha.ts';

export default async function altchaChallenge(): Promise<Response> {
  const challenge = await createAltchaChallenge(altchaSecret());
  return new Response(JSON.stringify(challenge), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' },
  });
}

export const config = {
  path: '/meedoen/uitdaging',
  method: 'GET',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
