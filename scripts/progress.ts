/**
 * The progress display of `buurt build`: in a terminal, one live line per running build under the finished
 * ones, redrawn in place; in CI (CI=true) or when output goes to a file or pipe, plain lines, one when a build
 * starts and one when it ends. Both end with the same summary table.
 */
import type { BuildEvent, BuildOutcome } from './platform/build/build-many.ts';
import { formatProblem } from '../src/model/problems.ts';
import { MAX_LINE_LENGTH, terminalValue } from '../src/core/terminal-text.ts';
import { formatDuration, formatTable } from './cli.ts';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

export interface ProgressOptions {
  stream: ProgressStream;
  total: number;
  /** Redraw lines in place (a terminal) instead of printing plain lines. */
  live: boolean;
  /** Also print Astro's own output, prefixed with the buurt. */
  verbose?: boolean;
  /** Milliseconds, for elapsed times (tests pin it). */
  clock?: () => number;
  /** Redraw interval in a terminal, ms. */
  interval?: number;
}

/** True when the display should redraw in place: a terminal, and not CI. */
export function isLiveTerminal(stream: ProgressStream, env: Record<string, string | undefined> = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return Boolean(stream.isTTY) && !ci && env.TERM !== 'dumb';
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A progress display that consumes `BuildEvent`s. Call `stop()` before printing anything else. */
export function createProgress(options: ProgressOptions) {
  const { stream, total, live } = options;
  const clock = options.clock ?? (() => performance.now());
  const running = new Map<string, number>();
  let finished = 0;
  let failed = 0;
  let drawn = 0;
  let frame = 0;
  const width = () => Math.max(40, (stream.columns ?? 100) - 1);
  const fit = (line: string) => (line.length > width() ? `${line.slice(0, width() - 1)}…` : line);

  const block = (): string[] => {
    const lines = [...running].map(([slug, since]) => fit(`${SPINNER[frame % SPINNER.length]} ${slug}  building… ${formatDuration(clock() - since)}`));
    lines.push(fit(`[${finished}/${total}] ${running.size} running${failed ? `, ${failed} failed` : ''}`));
    return lines;
  };

  /** Prints permanent lines; in a terminal, above the redrawn block. */
  const print = (lines: string[]) => {
    if (!live) {
      if (lines.length) stream.write(`${lines.join('\n')}\n`);
      return;
    }
    const clear = drawn ? `\x1b[${drawn}A\x1b[J` : '';
    const current = block();
    stream.write(`${clear}${lines.map((l) => `${l}\n`).join('')}${current.join('\n')}\n`);
    drawn = current.length;
  };

  const timer = live
    ? setInterval(() => {
        frame++;
        print([]);
      }, options.interval ?? 200)
    : undefined;
  timer?.unref();

  return {
    onEvent(event: BuildEvent) {
      if (event.type === 'start') {
        running.set(event.slug, clock());
        print(live ? [] : [`${event.slug}: started.`]);
      } else if (event.type === 'log') {
        // Astro's output quotes content: escaped like everything else this command prints.
        if (options.verbose) print([`  ${event.slug} | ${terminalValue(event.line, MAX_LINE_LENGTH)}`]);
      } else {
        running.delete(event.outcome.slug);
        finished++;
        if (event.outcome.status === 'failed' || event.outcome.status === 'content-errors') failed++;
        print(outcomeLines(event.outcome, options.verbose));
      }
    },
    /** Stops redrawing and removes the live block. */
    stop() {
      if (timer) clearInterval(timer);
      if (live && drawn) stream.write(`\x1b[${drawn}A\x1b[J`);
      drawn = 0;
    },
  };
}

/** The lines printed when a buurt is done. */
export function outcomeLines(outcome: BuildOutcome, verbose = false): string[] {
  const { slug } = outcome;
  const pages = `${outcome.pages} page${outcome.pages === 1 ? '' : 's'}`;
  switch (outcome.status) {
    case 'built':
      return [`${slug}: built ${pages} in ${formatDuration(outcome.durationMs)} (${outcome.reason}).`, ...outcome.warnings.map((w) => `  ${formatProblem(w)}`)];
    case 'unchanged':
      return [`${slug}: unchanged since its last build (${pages}).`];
    case 'content-errors':
      return [
        `${slug}: not built, the content has errors; ${outcome.kept ?? `the previous site in dist/${slug}/ was kept`}.`,
        ...(outcome.problems ?? []).map((p) => `  ${formatProblem(p)}`),
      ];
    case 'failed':
      return [
        ...(outcome.error ?? `The build of ${slug} failed.`)
          .split('\n')
          .map((line, i) => (i ? `  ${terminalValue(line, MAX_LINE_LENGTH)}` : `${slug}: ${terminalValue(line, MAX_LINE_LENGTH)}`)),
        ...(verbose && outcome.log ? outcome.log.split('\n').map((l) => `  | ${terminalValue(l, MAX_LINE_LENGTH)}`) : []),
      ];
  }
}

/** Result column of the summary table. */
export function resultLabel(outcome: BuildOutcome): string {
  switch (outcome.status) {
    case 'built':
      return `built (${outcome.reason})`;
    case 'unchanged':
      return 'unchanged';
    case 'content-errors':
      return 'FAILED: content errors';
    case 'failed':
      return 'FAILED: build error';
  }
}

/** The table printed at the end, and a line of totals. */
export function summary(outcomes: readonly BuildOutcome[], elapsedMs: number, jobs: number): string {
  const table = formatTable(
    ['buurt', 'pages', 'time', 'result'],
    outcomes.map((o) => [o.slug, o.pages, o.status === 'unchanged' ? '-' : formatDuration(o.durationMs), resultLabel(o)]),
  );
  const count = (status: BuildOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const failed = count('failed') + count('content-errors');
  const totals = [`${count('built')} built`, `${count('unchanged')} unchanged`, ...(failed ? [`${failed} failed`] : [])].join(', ');
  return `${table}\n\n${totals} in ${formatDuration(elapsedMs)} (${jobs} at a time).`;
}
