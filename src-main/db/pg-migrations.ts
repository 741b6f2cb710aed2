import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { PG_MIGRATION_MANIFEST } from './migration-manifest';
import {
  pendingMigrations,
  readTrustedMigrations,
  unknownAppliedMigrations,
  type AppliedMigration,
  type Migration,
  type MigrationManifestEntry,
} from './migrations';

/**
 * The zone's migrations on PostgreSQL, recorded where drizzle's own migrator records them
 * (`drizzle.__drizzle_migrations`, same hash and timestamp), so the two stores keep one history
 * format. The files come from readTrustedMigrations with PG_MIGRATION_MANIFEST, like SQLite's.
 */
const TABLE = '"drizzle"."__drizzle_migrations"';
/** Two server instances starting together: one migrates, the other waits and finds nothing to do. */
const MIGRATION_LOCK = 0x4844_4d49; // "HDMI"

export type PgMigrationErrorCode =
  'DATABASE_TOO_NEW' | 'BACKUP_NOT_CONFIRMED' | 'BACKUP_FAILED' | 'DATABASE_MIGRATION_FAILED';

/** A zone database that cannot be migrated as asked; nothing has been written to it. */
export class PgMigrationError extends Error {
  constructor(
    readonly code: PgMigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PgMigrationError';
  }
}

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

/**
 * How the zone's IT says its data is safe before a migration: PostgreSQL's own backups (a
 * base backup with WAL archiving, or a dump) confirmed by the person running it, or a dump this
 * command takes itself with pg_dump.
 */
export type PgBackupBeforeMigration =
  { kind: 'confirmed'; by: string } | { kind: 'dump'; file: string; pgDump?: string };

export interface MigratePgOptions {
  /** node-postgres settings of the migrations' role (the tables' owner). */
  connection: pg.ClientConfig;
  migrationsFolder: string;
  manifest?: readonly MigrationManifestEntry[];
  /** Required when there is anything to migrate; not asked when the database is up to date. */
  backup?: PgBackupBeforeMigration;
}

export interface PgMigrationOutcome {
  applied: string[];
  /** The dump taken first, when the command took one. */
  dumpFile: string | null;
}

/**
 * Brings a zone database up to this version: refuses one written by a newer version, and one
 * that needs migrating without a backup, in both cases before writing anything.
 */
export async function migratePgDatabase(options: MigratePgOptions): Promise<PgMigrationOutcome> {
  const known = readTrustedMigrations(options.migrationsFolder, options.manifest ?? PG_MIGRATION_MANIFEST);
  const client = new pg.Client(options.connection);
  await client.connect();
  try {
    const applied = await readAppliedPgMigrations(client);
    const unknown = unknownAppliedMigrations(applied, known);
    if (unknown.length > 0) {
      throw new PgMigrationError(
        'DATABASE_TOO_NEW',
        `This database was migrated by a newer version of Hearing Desk (${unknown.length} unknown migration(s)); install that version or newer`,
      );
    }
    const pending = pendingMigrations(known, applied);
    if (pending.length === 0) return { applied: [], dumpFile: null };
    if (!options.backup) {
      throw new PgMigrationError(
        'BACKUP_NOT_CONFIRMED',
        `${pending.length} migration(s) to run: confirm that a backup of this database exists, or let the command take a dump first`,
      );
    }
    const dumpFile = options.backup.kind === 'dump' ? await dump(options.connection, options.backup) : null;
    try {
      await applyPgMigrations(client, pending);
    } catch (error) {
      throw new PgMigrationError(
        'DATABASE_MIGRATION_FAILED',
        `The migration failed and was rolled back, nothing changed: ${(error as Error).message}`,
      );
    }
    return { applied: pending.map((m) => m.tag), dumpFile };
  } finally {
    await client.end();
  }
}

/** pg_dump's custom format (restorable with pg_restore), written beside and renamed when complete. */
async function dump(connection: pg.ClientConfig, backup: { file: string; pgDump?: string }): Promise<string> {
  if (fs.existsSync(backup.file)) {
    throw new PgMigrationError('BACKUP_FAILED', `${backup.file} exists already: a dump never replaces another`);
  }
  const partial = `${backup.file}.partial`;
  const args = ['--format=custom', `--file=${partial}`, '--no-password'];
  if (connection.host) args.push(`--host=${connection.host}`);
  if (connection.port) args.push(`--port=${connection.port}`);
  if (connection.user) args.push(`--username=${connection.user}`);
  if (connection.database) args.push(`--dbname=${connection.database}`);
  try {
    // Made first, readable by this account only: pg_dump writes into it and keeps its mode (a
    // dump holds every hearing).
    fs.writeFileSync(partial, '', { mode: 0o600 });
    await promisify(execFile)(backup.pgDump ?? 'pg_dump', args, {
      env: { ...process.env, ...(typeof connection.password === 'string' ? { PGPASSWORD: connection.password } : {}) },
    });
    fs.renameSync(partial, backup.file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new PgMigrationError('BACKUP_FAILED', `pg_dump failed, nothing was migrated: ${(error as Error).message}`);
  }
  return backup.file;
}
