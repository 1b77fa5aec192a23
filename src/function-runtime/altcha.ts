/**
 * ALTCHA proof of work, verified on our own server: nothing is sent to a third party. The widget (`altcha`
 * package, served from the site itself) fetches a challenge from the challenge function, solves it in a Web
 * Worker and puts the solution in the form field `altcha`; the handler verifies it here and remembers the
 * challenge in Blobs so one solution cannot be used twice.
 *
 * The HMAC secret comes from `ALTCHA_HMAC_SECRET`; locally the function runtime makes one per start.
 */
import type { Store } from '@netlify/blobs';
import { createChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { verify } from 'altcha-lib/frameworks/shared';

/**
 * The algorithm and cost of our challenges. Cost is SHA-256 rounds per attempt; about 256 attempts are needed
 * on average, so 200 is some 51,000 hashes: under a second in a phone's Web Workers, about 1.5 s in Node.
 */
export const CHALLENGE_SETTINGS = { algorithm: 'SHA-256', cost: 200, expiresInSeconds: 20 * 60 } as const;

/** The form field the widget writes its solution into. */
export const ALTCHA_FIELD = 'altcha';

/** The secret from the environment, or an error that says which variable to set. */
export function altchaSecret(env: Record<string, string | undefined> = process.env): string {
  const secret = env.ALTCHA_HMAC_SECRET?.trim();
  if (!secret || secret.length < 32) {
    throw new Error('ALTCHA_HMAC_SECRET is not set (or shorter than 32 characters); set it to a long random value, e.g. the output of "openssl rand -hex 32".');
  }
  return secret;
}

/** A new signed challenge for the widget. */
export async function createAltchaChallenge(secret: string, now: Date = new Date()): Promise<Challenge> {
  return createChallenge({
    algorithm: CHALLENGE_SETTINGS.algorithm,
    cost: CHALLENGE_SETTINGS.cost,
    deriveKey,
    hmacSignatureSecret: secret,
    expiresAt: Math.floor(now.getTime() / 1000) + CHALLENGE_SETTINGS.expiresInSeconds,
  });
}

export type AltchaOutcome = { verified: true } | { verified: false; reason: 'missing' | 'invalid' | 'expired' | 'used' };

/**
 * Verifies the widget's payload (base64 JSON of challenge and solution). With `store`, a payload is accepted
 * only once.
 */
export async function verifyAltchaPayload(payload: string | undefined, secret: string, store?: Store): Promise<AltchaOutcome> {
  if (!payload) return { verified: false, reason: 'missing' };
  const used = store
    ? {
        get: async (id: string) => (await store.get(`used/${id}`)) !== null,
        set: async (id: string) => void (await store.set(`used/${id}`, '1')),
        setIfAbsent: async (id: string) => (await store.set(`used/${id}`, '1', { onlyIfNew: true })).modified,
      }
    : undefined;
  const result = await verify(payload, deriveKey, secret, undefined, used as never);
  if (!result.error) return { verified: true };
  if (/already used/i.test(result.error)) return { verified: false, reason: 'used' };
  if (result.verification && 'expired' in result.verification && result.verification.expired) return { verified: false, reason: 'expired' };
  return { verified: false, reason: 'invalid' };
}
