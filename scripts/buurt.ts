#!/usr/bin/env node
/**
 * The `buurt` command for platform maintainers. Each command lives in scripts/commands/ and is a thin layer
 * over the library code (src/, scripts/platform/): it parses its arguments, calls one library function and prints a summary.
 *
 * Exit codes: 0 success, 1 the command ran and found problems or failed, 2 usage error; a thrown error is mapped
 * to its code in one place, `exitCodeFor` in cli.ts (see docs/architecture/mechanisms.md).
 * Everything the commands print through `console` is escaped for the terminal (`escapeConsoleOutput`).
 */
import module from 'node:module';

// Cache compiled (and type-stripped) modules between runs: the CLI starts about a third faster.
module.enableCompileCache?.();
const { commandLoaders, loadCommands } = await import('./commands/index.ts');
const { escapeConsoleOutput, exitCodeFor, formatError, printHelp } = await import('./cli.ts');

const [name, ...args] = process.argv.slice(2);
escapeConsoleOutput({ json: args.includes('--json') });

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
    // Printed here rather than by Node, so the message (which may quote a file name or git's words) is escaped.
    console.error(formatError(error, command));
    return exitCodeFor(error);
  }
}

process.exitCode = await main();
