import type pg from 'pg';
import type { AppliedMigration, Migration } from './migrations';

/**
 * The zone's migrations on PostgreSQL, recorded where drizzle's own migrator records them
 * (`drizzle.__drizzle_migrations`, same hash and timestamp), so the two stores keep one history
 * format. The files come from readTrustedMigrations with PG_MIGRATION_MANIFEST, like SQLite's.
 */
const TABLE = '"drizzle"."__drizzle_migrations"';
/** Two server instances starting together: one migrates, the other waits and finds nothing to do. */
const MIGRATION_LOCK = 0x4844_4d49; // "HDMI"

export async function readAppliedPgMigrations(client: pg.ClientBase): Promise<AppliedMigration[]> {
  const exists = await client.query<{ found: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS found",
  );
  if (!exists.rows[0]?.found) return [];
  const rows = await client.query<{ hash: string; created_at: string }>(
    `SELECT hash, created_at FROM ${TABLE} ORDER BY created_at`,
  );
  return rows.rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

/** Runs `pending` in one transaction (PostgreSQL's DDL is transactional): all or nothing. */
export async function applyPgMigrations(client: pg.ClientBase, pending: readonly Migration[]): Promise<void> {
  if (pending.length === 0) return;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE SCHEMA IF NOT EXISTS "drizzle"');
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    );
    const done = new Set((await client.query<{ hash: string }>(`SELECT hash FROM ${TABLE}`)).rows.map((r) => r.hash));
    for (const migration of pending) {
      if (done.has(migration.hash)) continue;
      for (const statement of migration.statements) if (statement.trim()) await client.query(statement);
      await client.query(`INSERT INTO ${TABLE} (hash, created_at) VALUES ($1, $2)`, [migration.hash, migration.when]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
