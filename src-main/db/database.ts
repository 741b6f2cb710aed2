import { hkdfSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { MIGRATION_MANIFEST } from './migration-manifest';
import {
  applyMigrations,
  unknownAppliedMigrations,
  pendingMigrations,
  readAppliedMigrations,
  readTrustedMigrations,
  UntrustedMigrationsError,
  type AppliedMigration,
  type Migration,
  type MigrationManifestEntry,
} from './migrations';
import * as schema from './schema';

// The checks at start read the database through `file:` URIs (immutable=1, readonly_shm=1), the
// only way SQLite reads a WAL database without writing its index. The driver turns URI filenames
// on from this variable when it loads its native part, at the first `new Database`: set here, by
// the only module that opens the database, before any is opened. Paths this app opens never
// begin with "file:", so nothing else changes meaning.
process.env.SQLITE_USE_URI = '1';

/**
 * The connection as drizzle is given it, preparing each statement text once: drizzle prepares
 * again on every call (it keeps no statement cache), and SQLite's parser was a third of a save.
 * The most recently used statements are kept; a statement still being iterated is not handed out.
 */
function reusingStatements(sqlite: Database.Database, capacity = 256): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let statement = statements.get(source);
    statements.delete(source);
    if (!statement || statement.busy) statement = sqlite.prepare(source);
    statements.set(source, statement);
    if (statements.size > capacity) statements.delete(statements.keys().next().value!);
    // drizzle turns a statement to arrays (raw) for its mapped selects and never back.
    if (statement.reader) statement.raw(false);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Drizzle, over the connection that reuses prepared statements (`$client`, see reusingStatements). */
export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type DatabaseErrorCode =
  | 'DATABASE_MISSING'
  | 'DATABASE_WRONG_KEY'
  | 'DATABASE_TOO_NEW'
  | 'DATABASE_DAMAGED'
  | 'DATABASE_MIGRATION_FAILED'
  | 'DATABASE_MIGRATIONS_ALTERED';

/** What the person restoring the installation needs to know. */
export interface DatabaseRestoreHint {
  /** The newest copy in the backups folder; null when there is none. */
  latestBackup: string | null;
  /** DATABASE_MISSING: the files that show an installation existed. */
  traces?: string[];
}

/** A database that cannot be used as it is; nothing has been written to it. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
    readonly restore?: DatabaseRestoreHint,
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
  /** The migrations this build may run; the one compiled into main unless a test says otherwise. */
  migrationManifest?: readonly MigrationManifestEntry[];
  /** Where the copy taken before a migration goes. */
  backupsFolder: string;
  /**
   * Files and folders beside the database that exist only once an installation has run (the
   * host's key file, evidence, the audit seal): with them present, a missing database is lost,
   * not new.
   */
  installationTraces?: readonly string[];
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

export type InstallationState = 'new' | 'existing';

export interface InstallationCheck {
  file: string;
  backupsFolder: string;
  installationTraces?: readonly string[];
}

const KEY_CHECK_INFO = 'hearing-desk database key check v1';
const KEY_CHECK_VERSION = 1;
/** Where a new database is built before it takes its name: a database appears whole or not at all. */
const CREATING_SUFFIX = '.creating';
const CHECK_COPY_PREFIX = '.hearing-desk-check-';

/** Beside the database: a value derived from its key, to tell a wrong key from a damaged first page. */
export function keyCheckFileOf(file: string): string {
  return `${file}.key-check`;
}

/**
 * sqlite3_key with the key's bytes, the same key as `PRAGMA hexkey` with their hexadecimal form
 * but without that string: the key stays in Buffers the caller zeroes. The driver binds it
 * (better-sqlite3-multiple-ciphers' own typings have it; @types/better-sqlite3 does not).
 */
function keyConnection(sqlite: Database.Database, key: Buffer): void {
  (sqlite as Database.Database & { key(key: Buffer): number }).key(key);
}

function runningMarkerOf(file: string): string {
  return `${file}.running`;
}

/**
 * Whether `file` is an installation's database to open or a new installation to create, decided
 * before anything (the key included) is made. A database that is empty, or missing while
 * anything shows an installation existed, is refused (DATABASE_MISSING) and nothing is written:
 * creating a fresh one would let whoever is at the keyboard become its administrator.
 */
export function inspectInstallation(check: InstallationCheck): InstallationState {
  const size = fileSize(check.file);
  if (size !== null && size > 0) return 'existing';
  const candidates = [
    ...(size === 0 ? [check.file] : []),
    `${check.file}-wal`,
    `${check.file}-shm`,
    runningMarkerOf(check.file),
    keyCheckFileOf(check.file),
    check.backupsFolder,
    ...(check.installationTraces ?? []),
  ];
  const traces = candidates.filter((candidate) => fs.existsSync(candidate));
  if (traces.length === 0) return 'new';
  const latestBackup = latestBackupIn(check.backupsFolder);
  throw new DatabaseOpenError(
    'DATABASE_MISSING',
    `The database ${check.file} is ${size === 0 ? 'empty' : 'missing'}, but an installation existed here (${traces.join(', ')}). ` +
      `Nothing was created. Restore ${latestBackup ?? 'the database from a backup of this folder'}.`,
    { latestBackup, traces },
  );
}

/** The newest file in the backups folder (by time written), or null. */
export function latestBackupIn(folder: string): string | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return null;
  }
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(folder, e.name));
  const newest = files
    .map((file) => ({ file, at: fs.statSync(file).mtimeMs }))
    .sort((a, b) => b.at - a.at || b.file.localeCompare(a.file))[0];
  return newest?.file ?? null;
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  if (options.key.length !== 32) throw new Error('The database key must be 32 bytes');
  const now = options.now ?? Date.now;
  // Before the database is touched: only the migrations this build was made with run with the key.
  const known = trustedMigrations(options);
  const state = inspectInstallation(options);
  if (state === 'new') createDatabase(options.file, options.key, known);

  const runningMarker = runningMarkerOf(options.file);
  const recoveredFromUncleanShutdown =
    state === 'existing' && (fs.existsSync(runningMarker) || (fileSize(`${options.file}-wal`) ?? 0) > 0);
  // A database built a moment ago by createDatabase needs no check; any other is read first
  // through a read-only view, so that a refusal leaves every file as it was.
  if (state === 'existing')
    checkBeforeWriting(options, known, recoveredFromUncleanShutdown ? 'integrity_check' : 'quick_check');
  removeCheckCopies(options.file);

  const sqlite = new Database(options.file, { fileMustExist: true });
  try {
    // The key must be the first statement: anything else would read the file unkeyed.
    keyConnection(sqlite, options.key);
    sqlite.pragma('journal_mode = WAL');
    // The compiled default (NORMAL) can lose the last commits on power loss; an answer shown
    // as saved must survive one.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Every page read from disk is decrypted: a page cache of 64 MiB (instead of 2) keeps a
    // zone's working set decrypted in memory, which the review queue and statistics rely on.
    sqlite.pragma('cache_size = -65536');

    const pending = pendingMigrations(known, readAppliedMigrations(sqlite));
    let backupFile: string | null = null;
    if (pending.length > 0 && hasUserTables(sqlite)) {
      backupFile = backUp(sqlite, options.file, options.backupsFolder, now());
    }
    try {
      applyMigrations(sqlite, pending);
    } catch (error) {
      throw new DatabaseOpenError(
        'DATABASE_MIGRATION_FAILED',
        `Migration failed and was rolled back${backupFile ? `; a copy is at ${backupFile}` : ''}: ${errorMessage(error)}`,
        { latestBackup: backupFile ?? latestBackupIn(options.backupsFolder) },
      );
    }
    // The database opened with this key, so the key is right: (re)write its check value.
    writeKeyCheckIfStale(options.file, options.key);
    fs.writeFileSync(runningMarker, String(process.pid));

    let closed = false;
    return {
      sqlite,
      db: drizzle(reusingStatements(sqlite), { schema }),
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
    throw error;
  }
}

function trustedMigrations(options: OpenDatabaseOptions): Migration[] {
  try {
    return readTrustedMigrations(options.migrationsFolder, options.migrationManifest ?? MIGRATION_MANIFEST);
  } catch (error) {
    if (error instanceof UntrustedMigrationsError) {
      throw new DatabaseOpenError(
        'DATABASE_MIGRATIONS_ALTERED',
        `${error.message}. No migration was run; reinstall Hearing Desk.`,
      );
    }
    throw error;
  }
}

/**
 * A new installation's database: built and migrated under a temporary name, then renamed, so a
 * first start cut short leaves no half-made (or empty) database that the next start would take
 * for a lost one.
 */
function createDatabase(file: string, key: Buffer, migrations: readonly Migration[]): void {
  const creating = `${file}${CREATING_SUFFIX}`;
  removeDatabaseFiles(creating);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(creating);
  try {
    keyConnection(sqlite, key);
    sqlite.pragma('synchronous = FULL');
    try {
      applyMigrations(sqlite, migrations);
    } catch (error) {
      throw new DatabaseOpenError('DATABASE_MIGRATION_FAILED', `Creating the database failed: ${errorMessage(error)}`, {
        latestBackup: null,
      });
    }
    sqlite.close();
    fs.renameSync(creating, file);
    syncDirectory(path.dirname(file));
  } catch (error) {
    if (sqlite.open) sqlite.close();
    removeDatabaseFiles(creating);
    throw error;
  }
}

type IntegrityPragma = 'quick_check' | 'integrity_check';

/**
 * Everything that may refuse the database, on a read-only view of it: the key, the version and
 * the integrity check (quick at every start, full after an unclean stop). A refusal has written
 * nothing: not the main file, not its journal, not the journal's index.
 */
function checkBeforeWriting(options: OpenDatabaseOptions, known: readonly Migration[], check: IntegrityPragma): void {
  withReadOnlyView(options.file, (sqlite) => checkView(sqlite, options, known, check));
}

/** checkBeforeWriting's checks, on a read-only connection to the database (not yet keyed). */
function checkView(
  sqlite: Database.Database,
  options: Pick<OpenDatabaseOptions, 'file' | 'key' | 'backupsFolder'>,
  known: readonly Migration[],
  check: IntegrityPragma,
): void {
  const damaged = (detail: string) => {
    const latestBackup = latestBackupIn(options.backupsFolder);
    return new DatabaseOpenError(
      'DATABASE_DAMAGED',
      `The database ${options.file} is damaged (${detail}). Nothing was written. Restore ${latestBackup ?? 'the database from a backup of this folder'}.`,
      { latestBackup },
    );
  };
  keyConnection(sqlite, options.key);
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (!isNotADatabase(error) && !isCorrupt(error)) throw error;
    // The first page does not decrypt: a wrong key, or a damaged first page under the right
    // one. The check value written beside the database tells them apart.
    if (keyMatchesCheck(options.file, options.key) === true)
      throw damaged(`its first page cannot be read with the right key: ${errorMessage(error)}`);
    if (isCorrupt(error)) throw damaged(errorMessage(error));
    throw new DatabaseOpenError('DATABASE_WRONG_KEY', 'The database key does not open this database file');
  }
  let applied: AppliedMigration[];
  let result: unknown;
  try {
    applied = readAppliedMigrations(sqlite);
    refuseNewerDatabase(applied, known);
    result = sqlite.pragma(check, { simple: true });
  } catch (error) {
    if (isNotADatabase(error) || isCorrupt(error)) throw damaged(errorMessage(error));
    throw error;
  }
  if (result !== 'ok') throw damaged(`${check}: ${firstLines(String(result))}`);
}

/** A database read as it is, through a connection that cannot write (readDatabaseAsIs). */
export interface ReadOnlyDatabase {
  sqlite: Database.Database;
  db: BetterSQLite3Database<typeof schema>;
  /** The migrations of this build the database has not had: it was last opened by an older version. */
  pendingMigrations: number;
}

/**
 * Reads another installation's database without writing any file of its folder (the import of a
 * standalone workstation into a zone): the checks of every start (key, version, quick_check) on
 * the same read-only view, then `use`. A journal without its index is copied into `copyDir`
 * (outside the folder) to be read. Refuses as openDatabase does; a database waiting for a
 * migration is the caller's to refuse (`pendingMigrations`), since it must not be migrated here.
 */
export function readDatabaseAsIs<T>(
  options: Pick<OpenDatabaseOptions, 'file' | 'key' | 'migrationsFolder' | 'migrationManifest' | 'backupsFolder'> & {
    copyDir: string;
  },
  use: (view: ReadOnlyDatabase) => T,
): T {
  if ((fileSize(options.file) ?? 0) === 0)
    throw new DatabaseOpenError('DATABASE_MISSING', `There is no database at ${options.file}`);
  const known = trustedMigrations(options);
  return withReadOnlyView(
    options.file,
    (sqlite) => {
      checkView(sqlite, options, known, 'quick_check');
      const pending = pendingMigrations(known, readAppliedMigrations(sqlite));
      return use({ sqlite, db: drizzle(sqlite, { schema }), pendingMigrations: pending.length });
    },
    options.copyDir,
  );
}

/**
 * A read-only connection that writes no file, the WAL's index (-shm) included. With no journal
 * the main file is the whole database (immutable=1); with one, SQLite reads it through an index
 * it builds in memory (readonly_shm=1). A journal whose index is gone cannot be read that way:
 * a private copy of both is read instead.
 */
function withReadOnlyView<T>(
  file: string,
  use: (sqlite: Database.Database) => T,
  copyDir: string = path.dirname(file),
): T {
  const journalBytes = fileSize(`${file}-wal`) ?? 0;
  if (journalBytes === 0 || fs.existsSync(`${file}-shm`)) {
    const sqlite = openUri(file, journalBytes === 0 ? 'immutable=1' : 'mode=ro&readonly_shm=1');
    try {
      return use(sqlite);
    } finally {
      sqlite.close();
    }
  }
  const folder = fs.mkdtempSync(path.join(copyDir, CHECK_COPY_PREFIX));
  try {
    const copy = path.join(folder, path.basename(file));
    fs.copyFileSync(file, copy, fs.constants.COPYFILE_FICLONE);
    fs.copyFileSync(`${file}-wal`, `${copy}-wal`, fs.constants.COPYFILE_FICLONE);
    const sqlite = new Database(copy, { fileMustExist: true });
    try {
      return use(sqlite);
    } finally {
      sqlite.close();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function openUri(file: string, parameters: string): Database.Database {
  const uri = `${pathToFileURL(file).href}?${parameters}`;
  try {
    return new Database(uri, { readonly: true, fileMustExist: true });
  } catch (error) {
    // Without URI support the name would be taken literally and not found.
    throw new Error(
      `SQLite could not open ${uri} read-only (is SQLITE_USE_URI set before the driver loads?): ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

/** A copy left by a check cut short (the copy is made only for a journal without its index). */
function removeCheckCopies(file: string): void {
  const dir = path.dirname(file);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(CHECK_COPY_PREFIX)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/** drizzle would silently run an old app against a newer schema; refuse before writing anything. */
function refuseNewerDatabase(applied: readonly AppliedMigration[], known: readonly Migration[]): void {
  const unknown = unknownAppliedMigrations(applied, known);
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      'DATABASE_TOO_NEW',
      `This database was written by a newer version of Hearing Desk (${unknown.length} unknown migration(s)); install that version or newer`,
    );
  }
}

/**
 * HKDF of the key with its own label, like the evidence and audit keys: it shows whether a key
 * is the database's without revealing anything of it (or of the keys derived for other uses).
 */
function keyCheckValue(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), KEY_CHECK_INFO, 32));
}

function readKeyCheck(file: string): Buffer | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(keyCheckFileOf(file), 'utf8')) as { version?: unknown; check?: unknown };
    if (parsed.version !== KEY_CHECK_VERSION || typeof parsed.check !== 'string') return null;
    const value = Buffer.from(parsed.check, 'base64');
    return value.length === 32 ? value : null;
  } catch {
    return null;
  }
}

/** True or false when the check value is there to say; null for a database made before it existed. */
function keyMatchesCheck(file: string, key: Buffer): boolean | null {
  const stored = readKeyCheck(file);
  if (!stored) return null;
  const value = keyCheckValue(key);
  try {
    return timingSafeEqual(stored, value);
  } finally {
    value.fill(0);
  }
}

function writeKeyCheckIfStale(file: string, key: Buffer): void {
  if (keyMatchesCheck(file, key) === true) return;
  const value = keyCheckValue(key);
  const target = keyCheckFileOf(file);
  const temp = `${target}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ version: KEY_CHECK_VERSION, check: value.toString('base64') })}\n`, {
    mode: 0o600,
  });
  value.fill(0);
  fs.renameSync(temp, target);
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
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Makes a rename durable. Windows cannot open a directory for fsync; NTFS journals the rename. */
function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(directory, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

function isNotADatabase(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_NOTADB';
}

function isCorrupt(error: unknown): boolean {
  return sqliteCode(error)?.startsWith('SQLITE_CORRUPT') === true;
}

function firstLines(text: string): string {
  const lines = text.split('\n').filter((line) => !line.startsWith('***'));
  const shown = lines.slice(0, 3).join('; ');
  return lines.length > 3 ? `${shown}; and ${lines.length - 3} more` : shown;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
