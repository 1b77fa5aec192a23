/**
 * Decap CMS's Dutch interface with our changes (`interfaceTexts` in texts.ts) merged over it, phrase by
 * phrase: what the admin script registers as the "nl" locale.
 */
import { interfaceTexts } from './texts.ts';

/** Merges `extra` into `base`, object by object. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    result[key] =
      value && typeof value === 'object' && current && typeof current === 'object'
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return result;
}

/** Decap's own Dutch phrases (`base`) with ours over them. */
export function dutchInterface(base: Record<string, unknown>): Record<string, unknown> {
  return deepMerge(base, interfaceTexts);
}
