import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * The migrations a build may run, and the runner. Migrations run with the database key, so the
 * SQL must come from the signed build, not from whatever lies in `migrations/sqlite/` on the officer's
 * computer (the packaged app ships that folder unpacked, outside the asar integrity check). The
 * SHA-256 of each one is compiled into main (migration-manifest.ts, inside the archive): every
 * file is read once, checked against it and executed from that same text, and a folder with an
 * extra, missing or changed migration is refused before any of them runs.
 */
export interface MigrationManifestEntry {
  /** drizzle-kit's tag: the file is `<tag>.sql`. */
  tag: string;
  /** drizzle-kit's timestamp, stored as `created_at` in the migrations table. */
  when: number;
  /** SHA-256 (hex) of the file's text: drizzle's own hash, stored as `hash`. */
  sha256: string;
}

export interface Migration {
  tag: string;
  when: number;
  hash: string;
  /** The SQL between drizzle-kit's statement breakpoints. */
  statements: string[];
}

export const MIGRATIONS_TABLE = '__drizzle_migrations';
const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/** Planted, missing or changed migration files: refused before any migration runs. */
export class UntrustedMigrationsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedMigrationsError';
  }
}

/** The text drizzle hashes and this runner executes: the file decoded as UTF-8. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads the migrations of `manifest` from `folder`, each checked against its SHA-256. Throws
 * UntrustedMigrationsError if the folder holds an SQL file the manifest does not list, or lacks
 * or changes one it does.
 */
export function readTrustedMigrations(folder: string, manifest: readonly MigrationManifestEntry[]): Migration[] {
  const expected = new Set(manifest.map((entry) => `${entry.tag}.sql`));
  const extra = fs
    .readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.sql') && !expected.has(name))
    .sort();
  if (extra.length > 0) {
    throw new UntrustedMigrationsError(
      `${folder} holds migration files this version was not built with: ${extra.join(', ')}`,
    );
  }
  return manifest.map((entry) => {
    const file = path.join(folder, `${entry.tag}.sql`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UntrustedMigrationsError(
        `The migration ${entry.tag}.sql this version was built with is missing from ${folder}`,
      );
    }
    const hash = sha256(text);
    if (hash !== entry.sha256) {
      throw new UntrustedMigrationsError(
        `${file} differs from the migration this version was built with (SHA-256 ${hash}, expected ${entry.sha256})`,
      );
    }
    return { tag: entry.tag, when: entry.when, hash, statements: text.split(STATEMENT_BREAKPOINT) };
  });
}

/**
 * The manifest of a migrations folder as drizzle-kit wrote it (its journal and SQL files): what
 * `npm run db:manifest` compiles into main, and what a test compares with the compiled one.
 */
export function manifestOfFolder(folder: string): MigrationManifestEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({
    tag,
    when,
    sha256: sha256(fs.readFileSync(path.join(folder, `${tag}.sql`), 'utf8')),
  }));
}

export interface AppliedMigration {
  hash: string;
  createdAt: number;
}

export function readAppliedMigrations(sqlite: Database.Database): AppliedMigration[] {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (!table) return [];
  const rows = sqlite
    .prepare(`SELECT hash, created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`)
    .all() as { hash: string; createdAt: number | string }[];
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

/** The known migrations newer than the last one applied, in order. */
export function pendingMigrations(known: readonly Migration[], applied: readonly AppliedMigration[]): Migration[] {
  const lastApplied = applied.at(-1)?.createdAt ?? -Infinity;
  return known.filter((m) => m.when > lastApplied);
}

/**
 * Migrations recorded in a database that this build does not know: it was written by a newer
 * version, and running an older one against it would go unnoticed. Both stores refuse it.
 */
export function unknownAppliedMigrations(
  applied: readonly AppliedMigration[],
  known: readonly Migration[],
): AppliedMigration[] {
  const knownTimes = new Set(known.map((m) => m.when));
  return applied.filter((m) => !knownTimes.has(m.createdAt));
}

/**
 * Runs `pending` in one transaction, recording each in drizzle's migrations table exactly as
 * drizzle's own migrator does (same table, hash and timestamp), so databases migrated before
 * and after this runner read the same.
 */
export function applyMigrations(sqlite: Database.Database, pending: readonly Migration[]): void {
  if (pending.length === 0) return;
  sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
    );
    const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
    for (const migration of pending) {
      for (const statement of migration.statements) sqlite.exec(statement);
      record.run(migration.hash, migration.when);
    }
  })();
}
