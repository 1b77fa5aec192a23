import type { Command } from '../cli.ts';

/**
 * Every `buurt` command, in the order `buurt help` lists them. Commands are imported only when run, so a
 * quick command does not pay for loading sharp, Sätteri and Astro's zod.
 */
export const commandLoaders: Readonly<Record<string, () => Promise<Command>>> = {
  list: async () => (await import('./list.ts')).list,
  check: async () => (await import('./check.ts')).check,
  build: async () => (await import('./build.ts')).build,
  preview: async () => (await import('./preview.ts')).preview,
  krant: async () => (await import('./krant.ts')).krant,
  nieuwsbrief: async () => (await import('./nieuwsbrief.ts')).nieuwsbrief,
  poster: async () => (await import('./poster.ts')).poster,
  media: async () => (await import('./media.ts')).media,
  report: async () => (await import('./report.ts')).report,
  history: async () => (await import('./history.ts')).history,
  restore: async () => (await import('./restore.ts')).restore,
  audit: async () => (await import('./audit.ts')).audit,
  guard: async () => (await import('./guard.ts')).guard,
  codeowners: async () => (await import('./codeowners.ts')).codeowners,
  secrets: async () => (await import('./secrets.ts')).secrets,
  erase: async () => (await import('./erase.ts')).erase,
  dev: async () => (await import('./dev.ts')).dev,
  prikbord: async () => (await import('./prikbord.ts')).prikbord,
  new: async () => (await import('./new.ts')).newCommand,
};

/** All commands, loaded (for `buurt help`). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(commandLoaders).map((load) => load()));
}
