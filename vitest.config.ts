import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Builds are CPU-bound child processes; two at a time fits these machines.
    maxWorkers: 2,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
