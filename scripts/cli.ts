/** Small helpers shared by the `buurt` commands: argument parsing, usage errors, tables. */
import { format, parseArgs, type ParseArgsConfig } from 'node:util';
import { PlatformError, type ErrorKind } from '../src/core/errors.ts';
import { escapeTerminalOutput } from '../src/core/terminal-text.ts';

export interface Command {
  name: string;
  /** Arguments after the command name: "<slug…> | --all [--json]". */
  usage: string;
  description: string;
  run(args: string[]): Promise<number>;
}

/**
 * Makes everything printed through `console` safe for a terminal (`escapeTerminalOutput`): commands print editors'
 * text (values, file names, commit subjects), and no escape sequence, CR or C1 control from a buurt may reach the
 * maintainer's terminal. Lines longer than `MAX_LINE_LENGTH` are shortened, except with `json` (shortening would
 * change the data; the escapes keep JSON valid).
 */
export function escapeConsoleOutput(options: { json?: boolean } = {}): void {
  const maxLineLength = options.json ? false : undefined;
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    const print = console[method].bind(console);
    console[method] = (...values: unknown[]) => print(escapeTerminalOutput(format(...values), { maxLineLength }));
  }
}

/** A mistake in how a command was called; exits with code 2. */
export class UsageError extends PlatformError {
  constructor(message: string, hint?: string) {
    super(message, { kind: 'usage', hint });
    this.name = 'UsageError';
  }
}

/**
 * The exit code of each kind of error: the only place that decides it. 0 is success; a command that ran and
 * found problems returns 1 itself.
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = { usage: 2, content: 1, build: 1, environment: 1, state: 1 };

/** The exit code for an error that is not a `PlatformError`: a bug. */
export const EXIT_CODE_BUG = 1;

/** The exit code a command ends with when it throws `error`. */
export function exitCodeFor(error: unknown): number {
  return error instanceof PlatformError ? EXIT_CODES[error.kind] : EXIT_CODE_BUG;
}

/**
 * What the CLI prints when a command throws `error`: the message and hint of a `PlatformError` (plus the
 * command's usage for a usage error), the stack of anything else (a bug, where the stack helps).
 */
export function formatError(error: unknown, command?: Pick<Command, 'name' | 'usage'>): string {
  if (!(error instanceof PlatformError)) return error instanceof Error ? (error.stack ?? error.message) : String(error);
  const text = error.hint ? `${error.message}\n${error.hint}` : error.message;
  return error.kind === 'usage' && command ? `${text}\n\nUsage: buurt ${command.name} ${command.usage}` : text;
}

/** `parseArgs` that turns its errors into usage errors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function printHelp(commands: readonly Command[]): void {
  const width = Math.max(...commands.map((c) => c.name.length));
  console.log('Usage: buurt <command> [arguments]\n\nCommands:');
  for (const c of commands) console.log(`  ${c.name.padEnd(width)}  ${c.description}\n  ${' '.repeat(width)}  buurt ${c.name} ${c.usage}`);
}

/** A plain text table with a header row; numbers are right-aligned. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** "1.2 s", "850 ms" */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
