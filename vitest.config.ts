import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // A real PostgreSQL for the store tests, started once per run (zone.md, "Testing").
          globalSetup: ['test/helpers/postgres-global-setup.ts'],
          // scrypt at its production cost takes a few hundred milliseconds per password, and set-ups
          // create several accounts: on a loaded two-core machine that outlasts vitest's 10 s hook default.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One Chromium and one host at a time on a two-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
