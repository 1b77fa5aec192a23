import { describe, expect, it } from 'vitest';
import type { BuildOutcome } from './platform/build/build-many.ts';
import { createProgress, isLiveTerminal, summary } from './progress.ts';

function collector(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 80, write: (t: string) => writes.push(t) }, writes };
}

const built: BuildOutcome = { slug: 'oost', status: 'built', pages: 14, durationMs: 3200, reason: 'content changed', warnings: [] };
const unchanged: BuildOutcome = { slug: 'west', status: 'unchanged', pages: 9, durationMs: 12, warnings: [] };
const failed: BuildOutcome = {
  slug: 'zuid',
  status: 'content-errors',
  pages: 0,
  durationMs: 200,
  reason: 'never built',
  warnings: [],
  problems: [{ code: 'invalid-field', severity: 'error', file: '/x/sites/zuid/site.yaml', line: 3, field: 'email', message: '"x" is not an e-mail address' }],
};

describe('the build progress display', () => {
  it('redraws live lines in place in a terminal and prints finished builds above them', () => {
    let now = 0;
    const { stream, writes } = collector(true);
    const progress = createProgress({ stream, total: 2, live: true, clock: () => now, interval: 60_000 });
    progress.onEvent({ type: 'start', slug: 'oost' });
    progress.onEvent({ type: 'start', slug: 'west' });
    now = 2500;
    progress.onEvent({ type: 'done', outcome: built });
    progress.stop();
    const out = writes.join('');
    // The first draw has two lines (one running build + status), the second three; each redraw moves up first.
    expect(writes[0]).toBe('⠋ oost  building… 0 ms\n[0/2] 1 running\n');
    expect(writes[1]).toBe('\x1b[2A\x1b[J⠋ oost  building… 0 ms\n⠋ west  building… 0 ms\n[0/2] 2 running\n');
    expect(writes[2]).toBe('\x1b[3A\x1b[Joost: built 14 pages in 3.2 s (content changed).\n⠋ west  building… 2.5 s\n[1/2] 1 running\n');
    expect(writes[3]).toBe('\x1b[2A\x1b[J');
    expect(out).not.toContain('started');
  });

  it('prints plain lines without escape codes in CI or a pipe', () => {
    const { stream, writes } = collector(false);
    const progress = createProgress({ stream, total: 3, live: false });
    progress.onEvent({ type: 'start', slug: 'oost' });
    progress.onEvent({ type: 'log', slug: 'oost', line: 'astro says hi' });
    progress.onEvent({ type: 'done', outcome: built });
    progress.onEvent({ type: 'done', outcome: unchanged });
    progress.onEvent({ type: 'done', outcome: failed });
    progress.stop();
    expect(writes.join('')).toBe(
      'oost: started.\n' +
        'oost: built 14 pages in 3.2 s (content changed).\n' +
        'west: unchanged since its last build (9 pages).\n' +
        'zuid: not built, the content has errors; the previous site in dist/zuid/ was kept.\n' +
        '  /x/sites/zuid/site.yaml:3: field "email": "x" is not an e-mail address.\n',
    );
  });

  it('is live only in a terminal outside CI', () => {
    expect(isLiveTerminal({ isTTY: true, write: () => 0 }, {})).toBe(true);
    expect(isLiveTerminal({ isTTY: true, write: () => 0 }, { CI: 'true' })).toBe(false);
    expect(isLiveTerminal({ isTTY: true, write: () => 0 }, { CI: 'false' })).toBe(true);
    expect(isLiveTerminal({ isTTY: false, write: () => 0 }, {})).toBe(false);
  });

  it('ends with a table of every buurt and the totals', () => {
    expect(summary([built, unchanged, failed], 4200, 2)).toBe(
      [
        'buurt  pages  time    result',
        '-----  -----  ------  -----------------------',
        'oost      14  3.2 s   built (content changed)',
        'west       9  -       unchanged',
        'zuid       0  200 ms  FAILED: content errors',
        '',
        '1 built, 1 unchanged, 1 failed in 4.2 s (2 at a time).',
      ].join('\n'),
    );
  });
});
