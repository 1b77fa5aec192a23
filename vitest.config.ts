import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { HEADLESS_SHELL } from './scripts/audit/chromium.ts';
import { LongestFirst } from './tests/helpers/sequencer.ts';

/**
 * Three tiers a developer can run alone (docs/architecture/testing.md):
 *   unit         src/**, scripts/**: pure modules beside their code (seconds; projects unit and unit-platform)
 *   integration  tests/*.test.ts: real builds of fixture buurten, real git, real servers
 *   browser      tests/browser/: everything that opens Chromium
 * `vitest run` runs all three in one pool of two workers, longest files first (tests/helpers/sequencer.ts).
 */

/** Where this run's fixture buurten are built once and shared between files (tests/helpers/shared-build.ts). */
const sharedBuilds = path.join(tmpdir(), `buurt-shared-builds-${process.pid}-${Date.now()}`);

const shared = {
  // Upper bounds for a busy machine, not expectations: a build took over three minutes at a load of 40 on two
  // cores. A hang still fails.
  testTimeout: 600_000,
  hookTimeout: 900_000,
  // One compile cache of Node's for every Astro, `buurt dev` and `buurt` process of the run (Node checks each
  // entry against the file's content): a test's build would otherwise compile Astro's two thousand modules cold
  // in its own workspace. tests/site-build.test.ts unsets it to test a build's own cache.
  //
  // Chromium: Debian's headless shell when it is installed and CHROME_PATH names no other, for the tests and the
  // commands they start (audit, krant, poster). The same engine as /usr/bin/chromium at about two thirds of the
  // CPU per page (docs/architecture/testing.md); without it the tests use /usr/bin/chromium.
  env: {
    ASTRO_TELEMETRY_DISABLED: '1',
    NODE_COMPILE_CACHE: path.join(tmpdir(), 'buurt-test-node-compile-cache'),
    ...(!process.env.CHROME_PATH && existsSync(HEADLESS_SHELL) ? { CHROME_PATH: HEADLESS_SHELL } : {}),
  },
  provide: { sharedBuilds },
  globalSetup: ['tests/helpers/global-setup.ts'],
};

export default defineConfig({
  test: {
    // Builds and browsers are CPU-bound; two at a time fits these machines.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      // The site build's modules are pure: their test files share one module graph per worker (isolate: false
      // halves the tier's CPU, most of it importing). The platform's tests start servers, set the environment
      // and change the working folder, so each of their files gets its own (shuffled runs failed without).
      { test: { ...shared, name: 'unit', include: ['src/**/*.test.ts'], isolate: false } },
      { test: { ...shared, name: 'unit-platform', include: ['scripts/**/*.test.ts'] } },
      { test: { ...shared, name: 'integration', include: ['tests/*.test.ts'] } },
      { test: { ...shared, name: 'browser', include: ['tests/browser/**/*.test.ts'] } },
    ],
  },
});
