import { describe, expect, it } from 'vitest';
import { endOfRequested } from './restore.ts';

describe('what a --to date means', () => {
  it('a date alone is the end of that day in Amsterdam', () => {
    expect(endOfRequested('2026-03-01').toISOString()).toBe('2026-03-01T22:59:59.999Z');
    expect(endOfRequested('2026-07-01').toISOString()).toBe('2026-07-01T21:59:59.999Z');
  });

  it('a date and time is the end of that minute', () => {
    expect(endOfRequested('2026-03-01T10:15').toISOString()).toBe('2026-03-01T09:15:59.999Z');
  });
});
