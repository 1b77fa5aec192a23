import { defineConfig } from 'vitest/config';

/** The two suites that load every page of a buurt in Chromium, in several viewports (minutes each). */
const EVERY_PAGE_SUITES = ['tests/a11y-demo.test.ts', 'tests/a11y-long-content.test.ts'];

const shared = {
  testTimeout: 180_000,
  hookTimeout: 300_000,
  env: { ASTRO_TELEMETRY_DISABLED: '1' },
};

export default defineConfig({
  test: {
    // Builds and browsers are CPU-bound; two at a time fits these machines.
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'main',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: EVERY_PAGE_SUITES,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Run after everything else: next to them the 5 MB CMS in the browser tests took over a minute to start.
        test: { ...shared, name: 'every page', include: EVERY_PAGE_SUITES, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
