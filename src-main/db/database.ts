import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema';

/** Drizzle for most queries; `$client` for the few hot ones written as prepared SQL. */
export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type DatabaseErrorCode =
  | 'DATABASE_WRONG_KEY'
  | 'DATABASE_TOO_NEW'
  | 'DATABASE_DAMAGED'
  | 'DATABASE_MIGRATION_FAILED';

/** A database that cannot be used as it is; nothing has been written to it. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenDatabaseOptions {
  file: string;
  /** 32 random bytes; never stored in clear (the Electron shell wraps it with safeStorage). */
  key: Buffer;
  migrationsFolder: string;
  /** Where the copy taken before a migration goes. */
  backupsFolder: string;
  now?: () => number;
}

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: AppDatabase;
  /** Set when the previous run did not close the database cleanly. */
  recoveredFromUncleanShutdown: boolean;
  backupFile: string | null;
  close(): void;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  if (options.key.length !== 32) throw new Error('The database key must be 32 bytes');
  const now = options.now ?? Date.now;
  const isNew = !fs.existsSync(options.file);
  const runningMarker = `${options.file}.running`;
  const recoveredFromUncleanShutdown = !isNew && fs.existsSync(runningMarker);

  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  try {
    // The key must be the first statement: anything else would read the file unkeyed.
    sqlite.pragma(`hexkey='${options.key.toString('hex')}'`);
    try {
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if (isNotADatabase(error)) {
        throw new DatabaseOpenError('DATABASE_WRONG_KEY', 'The database key does not open this database file');
      }
      throw error;
    }

    const known = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
    const applied = readAppliedMigrations(sqlite);
    refuseNewerDatabase(applied, known);

    if (recoveredFromUncleanShutdown) {
      const result = sqlite.pragma('integrity_check', { simple: true });
      if (result !== 'ok') {
        throw new DatabaseOpenError('DATABASE_DAMAGED', `Integrity check failed: ${String(result)}`);
      }
    }

    sqlite.pragma('journal_mode = WAL');
    // The compiled default (NORMAL) can lose the last commits on power loss; an answer shown
    // as saved must survive one.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Every page read from disk is decrypted: a page cache of 64 MiB (instead of 2) keeps a
    // zone's working set decrypted in memory, which the review queue and statistics rely on.
    sqlite.pragma('cache_size = -65536');

    const lastApplied = applied.at(-1)?.createdAt ?? -Infinity;
    const pending = known.filter((m) => m.folderMillis > lastApplied);
    let backupFile: string | null = null;
    if (pending.length > 0 && hasUserTables(sqlite)) {
      backupFile = backUp(sqlite, options.file, options.backupsFolder, now());
    }
    const db = drizzle(sqlite, { schema });
    if (pending.length > 0) {
      try {
        migrate(db, { migrationsFolder: options.migrationsFolder });
      } catch (error) {
        throw new DatabaseOpenError(
          'DATABASE_MIGRATION_FAILED',
          `Migration failed and was rolled back${backupFile ? `; a copy is at ${backupFile}` : ''}: ${errorMessage(error)}`,
        );
      }
    }
    fs.writeFileSync(runningMarker, String(process.pid));

    let closed = false;
    return {
      sqlite,
      db,
      recoveredFromUncleanShutdown,
      backupFile,
      close() {
        if (closed) return;
        closed = true;
        sqlite.close();
        fs.rmSync(runningMarker, { force: true });
      },
    };
  } catch (error) {
    sqlite.close();
    if (isNew) removeDatabaseFiles(options.file);
    throw error;
  }
}

interface AppliedMigration {
  hash: string;
  createdAt: number;
}

function readAppliedMigrations(sqlite: Database.Database): AppliedMigration[] {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (!table) return [];
  const rows = sqlite
    .prepare(`SELECT hash, created_at AS createdAt FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`)
    .all() as { hash: string; createdAt: number | string }[];
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.createdAt) }));
}

/** drizzle would silently run an old app against a newer schema; refuse before writing anything. */
function refuseNewerDatabase(applied: AppliedMigration[], known: { folderMillis: number }[]): void {
  const knownTimes = new Set(known.map((m) => m.folderMillis));
  const unknown = applied.filter((m) => !knownTimes.has(m.createdAt));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      'DATABASE_TOO_NEW',
      `This database was written by a newer version of Hearing Desk (${unknown.length} unknown migration(s)); install that version or newer`,
    );
  }
}

function hasUserTables(sqlite: Database.Database): boolean {
  const row = sqlite
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .get() as { n: number };
  return row.n > 0;
}

/** A byte copy of the encrypted file stays encrypted, unlike a backup into a new unkeyed file. */
function backUp(sqlite: Database.Database, file: string, folder: string, at: number): string {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  fs.mkdirSync(folder, { recursive: true });
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const target = path.join(folder, `${path.basename(file, path.extname(file))}-before-migration-${stamp}.db`);
  fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
  return target;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function isNotADatabase(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'SQLITE_NOTADB';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
