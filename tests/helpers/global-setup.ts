/**
 * Removes the run's shared fixture builds (tests/helpers/shared-build.ts) when the run ends, with the Astro roots
 * their builds left in the repository.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeAstroRoots } from './fixtures.ts';

export default function setup(project: TestProject): () => Promise<void> {
  return async () => {
    const shared = project.getProvidedContext().sharedBuilds;
    const fixtures = await readdir(shared).catch(() => []);
    await Promise.all(fixtures.map((name) => removeAstroRoots(path.join(shared, name, 'cache'))));
    await rm(shared, { recursive: true, force: true });
  };
}
