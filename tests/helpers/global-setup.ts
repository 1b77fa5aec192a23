/** Removes the run's shared fixture builds (tests/helpers/shared-build.ts) when the run ends. */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => Promise<void> {
  return () => rm(project.getProvidedContext().sharedBuilds, { recursive: true, force: true });
}
