import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createAppCore,
  DATABASE_FILE_NAME,
  repositoryAssets,
  type AppCore,
  type DocumentAssets,
} from '../../src-main/app-core';
import type { DocumentOutput } from '../../src-main/documents/output';
import type { Channel, ChannelInput, ChannelOutput, UserView } from '../../src-main/api/contract';
import { parseConfig, type AppConfig } from '../../src-main/config';
import type { FormRegistry } from '../../forms/registry';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const MIGRATIONS = path.join(ROOT, 'migrations', 'sqlite');
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
  /** Calls a channel as the given window and returns the value, failing the test on an error. */
  ok<C extends Channel>(client: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): void;
}

export function openTestCore(
  options: {
    dir?: string;
    key?: Buffer;
    config?: Partial<AppConfig>;
    registry?: FormRegistry;
    documentOutput?: DocumentOutput;
    assets?: DocumentAssets;
  } = {},
): TestCore {
  const dir = options.dir ?? tempDir();
  const key = options.key ?? randomBytes(32);
  const clock = { now: Date.UTC(2026, 10, 23, 9, 0, 0) };
  const core = createAppCore({
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
  });
  return {
    core,
    dir,
    key,
    dbFile: path.join(dir, DATABASE_FILE_NAME),
    clock,
    async ok(client, channel, input) {
      const result = await core.dispatcher.call(client, channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    close: () => core.close(),
  };
}

/** The unit seeded officers and supervisors belong to unless a test says otherwise. */
export const DEFAULT_UNIT_NAME = 'Unit A';

/**
 * The default unit, created on first use. Inserted directly, like any fixture, so that tests
 * counting audit entries see only what they did themselves; use createUnit for a unit made
 * the way the administrator makes one.
 */
export function defaultUnitId(t: TestCore): string {
  const sqlite = t.core.database.sqlite;
  const found = sqlite.prepare('SELECT id FROM units WHERE name = ?').get(DEFAULT_UNIT_NAME) as
    { id: string } | undefined;
  if (found) return found.id;
  const id = randomUUID();
  sqlite.prepare('INSERT INTO units (id, name, created_at) VALUES (?, ?, ?)').run(id, DEFAULT_UNIT_NAME, t.clock.now);
  return id;
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
  t.core.database.sqlite.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(user.id);
  return { ...user, mustChangePassword: false };
}

/** First administrator, one or two officers (in the default unit), each signed in on its own window. */
export async function seedAccounts(t: TestCore, extraOfficers = false): Promise<void> {
  await t.ok('admin-window', 'setup.createAdministrator', PEOPLE.admin);
  const unitId = defaultUnitId(t);
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
export function snapshotRecords(t: TestCore): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(snapshotTables(t)).filter(([table]) => table !== 'audit_events'));
}

/** Every row of every table, to prove that a refused call changed nothing. */
export function snapshotTables(t: TestCore): Record<string, unknown[]> {
  const tables = t.core.database.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, t.core.database.sqlite.prepare(`SELECT * FROM "${name}"`).all()]),
  );
}
