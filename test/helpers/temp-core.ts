import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  createAppCore,
  DATABASE_FILE_NAME,
  repositoryAssets,
  type AppCore,
  type DocumentAssets,
} from '../../src-main/app-core';
import type { DocumentOutput } from '../../src-main/documents/output';
import type { Channel, ChannelInput, ChannelOutput, UserView } from '../../src-main/api/contract';
import type { ChannelSet } from '../../src-main/api/channel';
import { parseConfig, type AppConfig } from '../../src-main/config';
import type { FormRegistry } from '../../forms/registry';
import { migratePgDatabase } from '../../src-main/db/pg-migrations';
import { numberedPlaceholders, ownerPostgres, type OpenOwnerPostgres, type OwnerPostgres } from './postgres';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const MIGRATIONS = path.join(ROOT, 'migrations', 'sqlite');
export const PG_MIGRATIONS = path.join(ROOT, 'migrations', 'pg');

/**
 * The store the suite runs on: the standalone app's encrypted SQLite, or PostgreSQL (the
 * `unit-postgres` project of vitest.config.ts sets HD_TEST_STORE=postgresql for the files that
 * run on both; zone.md, "The store layer").
 */
export const STORE_UNDER_TEST: 'sqlite' | 'postgresql' =
  process.env.HD_TEST_STORE === 'postgresql' ? 'postgresql' : 'sqlite';
export const ASSETS = repositoryAssets(ROOT);

export function tempDir(prefix = 'hd-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Invented people only. */
export const PEOPLE = {
  admin: { username: 'admin.test', displayName: 'Alex Admin', password: 'admin passphrase 2026' },
  officer: {
    username: 'officer.one',
    displayName: 'Inès Fictive',
    password: 'officer one passphrase',
    role: 'officer' as const,
  },
  otherOfficer: {
    username: 'officer.two',
    displayName: 'Bart Verzonnen',
    password: 'officer two passphrase',
    role: 'officer' as const,
  },
};

export interface TestCore {
  core: AppCore;
  dir: string;
  key: Buffer;
  dbFile: string;
  clock: { now: number };
  /**
   * SQL on the store as its owner would type it, past the services and row-level security (a
   * fixture, or a look at what was stored): `?` placeholders on both stores; 64-bit integers
   * come back as numbers, flags as stored (SQLite's 0 and 1, PostgreSQL's booleans).
   */
  sql<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** The SQLite connection, for what only the standalone store has (its file, its pragmas). */
  readonly sqlite: Database.Database;
  /** Calls a channel as the given window and returns the value, failing the test on an error. */
  ok<C extends Channel>(client: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

export async function openTestCore(
  options: {
    dir?: string;
    key?: Buffer;
    config?: Partial<AppConfig>;
    registry?: FormRegistry;
    documentOutput?: DocumentOutput;
    assets?: DocumentAssets;
    /** Electron's file dialog, as a list the test sets. */
    chooseFiles?: () => Promise<string[]>;
    /** The channels the dispatcher routes, when a test declares its own beside API_CHANNELS. */
    channels?: ChannelSet;
  } = {},
): Promise<TestCore> {
  const dir = options.dir ?? tempDir();
  const key = options.key ?? randomBytes(32);
  const clock = { now: Date.UTC(2026, 10, 23, 9, 0, 0) };
  const postgres = STORE_UNDER_TEST === 'postgresql' ? await postgresFor(dir) : null;
  let closing: Promise<void> | undefined;
  const core = await createAppCore({
    dataDir: dir,
    key,
    migrationsFolder: MIGRATIONS,
    assets: options.assets ?? ASSETS,
    ...(options.documentOutput ? { documentOutput: options.documentOutput } : {}),
    config: parseConfig(options.config ?? {}),
    now: () => clock.now,
    ...(options.registry ? { registry: options.registry } : {}),
    // Quiet by default; HD_TEST_LOG=1 shows what main logs (the cause behind an INTERNAL error).
    log: process.env.HD_TEST_LOG ? (m: string, e?: unknown) => console.error(m, e) : () => {},
    ...(postgres ? { postgres: { pool: postgres.appPool() } } : {}),
    ...(options.chooseFiles ? { chooseFiles: options.chooseFiles } : {}),
    ...(options.channels ? { channels: options.channels } : {}),
  });
  return {
    core,
    dir,
    key,
    dbFile: path.join(dir, DATABASE_FILE_NAME),
    clock,
    sql: postgres
      ? (text, params = []) => postgres.query(text, params)
      : async <T>(text: string, params: readonly unknown[] = []) => {
          const statement = core.database!.sqlite.prepare(text);
          return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
        },
    get sqlite() {
      if (!core.database)
        throw new Error('This test reads the SQLite file itself: it runs on the standalone store only');
      return core.database.sqlite;
    },
    async ok(client, channel, input) {
      const result = await core.dispatcher.call(client, channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    // Once, however many times a test and its afterEach ask.
    close: () =>
      (closing ??= (async () => {
        await core.close();
        await postgres?.end();
      })()),
  };
}

/** Each data folder's PostgreSQL database, so that a core reopened on the same folder finds its records. */
const databasesByDir = new Map<string, Promise<OwnerPostgres>>();

async function postgresFor(dir: string): Promise<OpenOwnerPostgres> {
  let database = databasesByDir.get(dir);
  if (!database) {
    database = ownerPostgres().then(async (created) => {
      await migratePgDatabase({
        connection: created.ownerConfig,
        migrationsFolder: PG_MIGRATIONS,
        backup: { kind: 'confirmed', by: 'a new test database' },
      });
      return created;
    });
    databasesByDir.set(dir, database);
  }
  return (await database).reopen();
}

/**
 * What someone who holds the store itself can do, past the application: with the standalone
 * file's key and SQLite's tools, or as the zone database's superuser. The append-only rules are
 * set aside (SQLite: the audit trail's triggers dropped; PostgreSQL: triggers off for the
 * session, which only a superuser may ask), then each statement runs (`?` placeholders), all in
 * one transaction. Open or closed, the core's records are where its data folder says.
 */
export async function tamperWithStore(t: TestCore, statements: [text: string, params?: unknown[]][]): Promise<void> {
  const database = databasesByDir.get(t.dir);
  if (!database) {
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(t.dbFile);
    try {
      sqlite.pragma(`hexkey='${t.key.toString('hex')}'`);
      sqlite.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
      sqlite.transaction(() => {
        for (const [text, params = []] of statements) sqlite.prepare(text).run(...params);
      })();
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client((await database).ownerConfig);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const [text, params = []] of statements) await client.query(numberedPlaceholders(text), params);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** The unit seeded officers and supervisors belong to unless a test says otherwise. */
export const DEFAULT_UNIT_NAME = 'Unit A';

/**
 * The default unit, created on first use. Inserted directly, like any fixture, so that tests
 * counting audit entries see only what they did themselves; use createUnit for a unit made
 * the way the administrator makes one.
 */
export async function defaultUnitId(t: TestCore): Promise<string> {
  const [found] = await t.sql<{ id: string }>('SELECT id FROM units WHERE name = ?', [DEFAULT_UNIT_NAME]);
  if (found) return found.id;
  const id = randomUUID();
  await t.sql('INSERT INTO units (id, name, created_at) VALUES (?, ?, ?)', [id, DEFAULT_UNIT_NAME, t.clock.now]);
  return id;
}

/** Time passes by `ms`; each window comes back to her locked screen and unlocks it with her password. */
export async function later(t: TestCore, ms: number, windows: readonly (readonly [string, string])[]): Promise<void> {
  t.clock.now += ms;
  for (const [window, password] of windows) await t.ok(window, 'session.unlock', { password });
}

/** Another unit, created through the API by a signed-in administrator (audited). */
export async function createUnit(t: TestCore, name: string, client = 'admin-window'): Promise<string> {
  return (await t.ok(client, 'units.save', { name })).unit.id;
}

/**
 * An account as the administrator creates it, with the password change its first sign-in asks
 * for taken as done (a fixture, like defaultUnitId: accounts.test.ts covers that change), so that
 * a test about something else signs in with `input.password` and works at once.
 */
export async function createAccount(
  t: TestCore,
  input: ChannelInput<'users.create'>,
  adminClient = 'admin-window',
): Promise<UserView> {
  const { user } = await t.ok(adminClient, 'users.create', input);
  await t.sql(`UPDATE users SET must_change_password = ${sqlFalse(t)} WHERE id = ?`, [user.id]);
  return { ...user, mustChangePassword: false };
}

/** First administrator, one or two officers (in the default unit), each signed in on its own window. */
export async function seedAccounts(t: TestCore, extraOfficers = false): Promise<void> {
  await t.ok('admin-window', 'setup.createAdministrator', PEOPLE.admin);
  const unitId = await defaultUnitId(t);
  await createAccount(t, { ...PEOPLE.officer, unitId });
  if (extraOfficers) await createAccount(t, { ...PEOPLE.otherOfficer, unitId });
  await t.ok('officer-window', 'session.login', {
    username: PEOPLE.officer.username,
    password: PEOPLE.officer.password,
  });
  if (extraOfficers) {
    await t.ok('other-window', 'session.login', {
      username: PEOPLE.otherOfficer.username,
      password: PEOPLE.otherOfficer.password,
    });
  }
}

/**
 * Every table but the audit trail: a call refused by role writes nothing but its trace there
 * (`access.refused`, with who and the channel).
 */
export async function snapshotRecords(t: TestCore): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(Object.entries(await snapshotTables(t)).filter(([table]) => table !== 'audit_events'));
}

/** Every row of every table, to prove that a refused call changed nothing. */
export async function snapshotTables(t: TestCore): Promise<Record<string, unknown[]>> {
  const tables = await t.sql<{ name: string }>(
    t.core.store.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    // In a stable order on both stores (PostgreSQL keeps none of its own).
    const rows = await t.sql(`SELECT * FROM "${name}"`);
    snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/** A flag's false as the store under test writes it in SQL. */
export function sqlFalse(t: TestCore): string {
  return t.core.store.dialect === 'sqlite' ? '0' : 'false';
}

/** A flag's true as the store under test writes it in SQL. */
export function sqlTrue(t: TestCore): string {
  return t.core.store.dialect === 'sqlite' ? '1' : 'true';
}
