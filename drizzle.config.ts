import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses these; the app applies migrations itself (src-main/db/migrations.ts).
// One schema per dialect (src-main/db/schema.ts, schema-pg.ts), kept equal by test/unit/store-schemas.test.ts.
const dialect = process.env.DRIZZLE_DIALECT === 'postgresql' ? 'postgresql' : 'sqlite';

export default defineConfig(
  dialect === 'postgresql'
    ? { dialect, schema: './src-main/db/schema-pg.ts', out: './migrations/pg' }
    : { dialect, schema: './src-main/db/schema.ts', out: './migrations/sqlite' },
);
