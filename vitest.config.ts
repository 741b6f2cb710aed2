import { defineConfig } from 'vitest/config';

/**
 * The service and API tests that run on both stores (zone.md, "The store layer"): once on the
 * standalone app's encrypted SQLite (project `unit`), once more on PostgreSQL (`unit-postgres`).
 * The other unit tests concern one store, or none.
 */
const ON_BOTH_STORES = [
  'test/unit/api.test.ts',
  'test/unit/api-channels.test.ts',
  'test/unit/audit-trail.test.ts',
  'test/unit/browser-host.test.ts',
  'test/unit/accounts.test.ts',
  'test/unit/sign-in-lockout.test.ts',
  'test/unit/malformed-payloads.test.ts',
  'test/unit/answers.test.ts',
  'test/unit/forms.test.ts',
  'test/unit/digital-violence.test.ts',
  'test/unit/measures-history.test.ts',
  'test/unit/statement-and-close.test.ts',
  'test/unit/ask-once.test.ts',
  'test/unit/risk-service.test.ts',
  'test/unit/follow-ups.test.ts',
  'test/unit/persons.test.ts',
  'test/unit/pair-history.test.ts',
  'test/unit/directory.test.ts',
  'test/unit/evidence.test.ts',
  'test/unit/evidence-hardening.test.ts',
  'test/unit/victim-documents.test.tsx',
  'test/unit/statistics.test.ts',
  'test/unit/phone-check/service.test.ts',
  'test/unit/victim-catalog-reviews.test.ts',
];

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
          name: 'unit-postgres',
          include: ON_BOTH_STORES,
          environment: 'node',
          env: { HD_TEST_STORE: 'postgresql' },
          globalSetup: ['test/helpers/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // The zone scenario's server runs on PostgreSQL.
          globalSetup: ['test/helpers/postgres-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One Chromium and one host at a time on a two-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
