#!/usr/bin/env node
/**
 * The `buurt` command for platform maintainers. Each command lives in scripts/commands/ and is a thin layer
 * over src/lib/: it parses its arguments, calls one library function and prints a summary.
 *
 * Exit codes: 0 success, 1 the command ran and found problems or failed, 2 usage error.
 *
 * Commands print editors' text (values, file names, commit subjects): everything printed through `console`
 * passes through `escapeTerminalOutput`, so no escape sequence, CR or C1 control from a buurt reaches the
 * maintainer's terminal, and no line is longer than `MAX_LINE_LENGTH` (except with --json, where shortening
 * would change the data; the escapes keep JSON valid).
 */
import module from 'node:module';
import { format } from 'node:util';

// Cache compiled (and type-stripped) modules between runs: the CLI starts about a third faster.
module.enableCompileCache?.();
const { commandLoaders, loadCommands } = await import('./commands/index.ts');
const { UsageError, printHelp } = await import('./cli.ts');
const { escapeTerminalOutput } = await import('../src/lib/terminal-text.ts');

const [name, ...args] = process.argv.slice(2);

const maxLineLength = args.includes('--json') ? false : undefined;
for (const method of ['log', 'info', 'warn', 'error'] as const) {
  const print = console[method].bind(console);
  console[method] = (...values: unknown[]) => print(escapeTerminalOutput(format(...values), { maxLineLength }));
}

async function main(): Promise<number> {
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    printHelp(await loadCommands());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
  if (!load) {
    console.error(`Unknown command "${name}".\n`);
    printHelp(await loadCommands());
    return 2;
  }
  const command = await load();
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\nUsage: buurt ${command.name} ${command.usage}`);
      return 2;
    }
    // Printed here rather than by Node, so the message (which may quote a file name or git's words) is escaped.
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}

process.exitCode = await main();
