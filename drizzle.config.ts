import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this; the app applies migrations itself (src-main/db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/db/schema.ts',
  out: './migrations',
});
