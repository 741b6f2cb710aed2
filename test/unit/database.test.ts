import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../../src-main/db/database';
import { MIGRATION_MANIFEST } from '../../src-main/db/migration-manifest';
import type { MigrationManifestEntry } from '../../src-main/db/migrations';
import { MIGRATIONS, openTestCore, PEOPLE, seedAccounts, tempDir, type TestCore } from '../helpers/temp-core';

const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
  entries: { when: number; tag: string }[];
};

function openAt(
  dir: string,
  key: Buffer,
  migrationsFolder = MIGRATIONS,
  migrationManifest: readonly MigrationManifestEntry[] = MIGRATION_MANIFEST,
) {
  return openDatabase({
    file: path.join(dir, 'hearing-desk.db'),
    key,
    migrationsFolder,
    migrationManifest,
    backupsFolder: path.join(dir, 'backups'),
  });
}

function expectOpenError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('encrypted database', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.close());

  it('migrates an empty database to every table, with the pragmas the spec requires', async () => {
    t = await openTestCore();
    const sqlite = t.sqlite;
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'hearings', 'hearing_forms', 'answers', 'audit_events', '__drizzle_migrations']),
    );
    expect(sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: journal.entries.length,
    });
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('prepares each statement text once for drizzle, each use reading rows as objects', async () => {
    const dir = tempDir();
    const opened = openAt(dir, randomBytes(32));
    try {
      const query = sql`SELECT 1 AS one UNION ALL SELECT 2`;
      // values() switches the statement to arrays; all() on the same text must get objects again.
      expect(opened.db.values(query)).toEqual([[1], [2]]);
      expect(opened.db.all(query)).toEqual([{ one: 1 }, { one: 2 }]);
      expect(opened.db.$client.prepare('SELECT 1 AS one UNION ALL SELECT 2')).toBe(
        opened.db.$client.prepare('SELECT 1 AS one UNION ALL SELECT 2'),
      );
      // A statement still being read is not handed out again: another one is prepared.
      const reading = opened.db.$client.prepare('SELECT 1 AS one UNION ALL SELECT 2');
      const rows = reading.iterate();
      rows.next();
      expect(opened.db.$client.prepare('SELECT 1 AS one UNION ALL SELECT 2')).not.toBe(reading);
      expect(opened.db.all(query)).toEqual([{ one: 1 }, { one: 2 }]);
      rows.return?.();
    } finally {
      opened.close();
    }
  });

  it('holds no plaintext, in the file or its WAL, and refuses a wrong key without changing the file', async () => {
    t = await openTestCore();
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    const marker = 'UNIQUE-MARKER-VICTIM-WISH-7731';
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'setup',
      changes: [{ fieldId: 'victimWishes', value: marker, baseRevision: 0 }],
    });
    const files = ['', '-wal'].map((s) => t!.dbFile + s).filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(marker)).toBe(false);
      expect(bytes.includes(PEOPLE.officer.username)).toBe(false);
      expect(bytes.includes('SQLite format 3')).toBe(false);
    }
    await t.close();
    const before = fs.readFileSync(t.dbFile);
    expectOpenError(() => openAt(t!.dir, randomBytes(32)), 'DATABASE_WRONG_KEY');
    expect(fs.readFileSync(t.dbFile).equals(before)).toBe(true);
    t = await openTestCore({ dir: t.dir, key: t.key });
    expect((await t.ok('x', 'setup.status', {})).needsSetup).toBe(false);
  });

  it('refuses a database written by a newer version and leaves it byte-identical', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    openAt(dir, key).close();
    // A newer app applied a migration this one does not know.
    const newer = new Database(path.join(dir, 'hearing-desk.db'));
    newer.pragma(`hexkey='${key.toString('hex')}'`);
    newer
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', journal.entries.at(-1)!.when + 86_400_000);
    newer.close();
    const file = path.join(dir, 'hearing-desk.db');
    const before = fs.readFileSync(file);
    expectOpenError(() => openAt(dir, key), 'DATABASE_TOO_NEW');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('backs up an existing database before migrating it, as an encrypted copy', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    // An older app knew only the first migration.
    const older = tempDir('hd-migrations-');
    fs.mkdirSync(path.join(older, 'meta'));
    const first = journal.entries[0]!;
    fs.copyFileSync(path.join(MIGRATIONS, `${first.tag}.sql`), path.join(older, `${first.tag}.sql`));
    fs.writeFileSync(path.join(older, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
    const old = openAt(dir, key, older, MIGRATION_MANIFEST.slice(0, 1));
    expect(old.backupFile).toBeNull();
    old.close();

    const upgraded = openAt(dir, key);
    expect(upgraded.backupFile).not.toBeNull();
    upgraded.close();
    const backup = upgraded.backupFile!;
    expect(fs.readFileSync(backup).includes('CREATE TABLE')).toBe(false);
    const copy = new Database(backup, { readonly: true });
    copy.pragma(`hexkey='${key.toString('hex')}'`);
    expect(copy.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 1 });
    copy.close();
  });

  it('keeps migration timestamps strictly increasing', () => {
    const times = journal.entries.map((e) => e.when);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
  });

  it('checks integrity after an unclean shutdown and refuses a damaged file', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const db = openAt(dir, key);
    db.sqlite.exec(
      'CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT randomblob(200) FROM n;',
    );
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.sqlite.close(); // no db.close(): the running marker stays, as after a crash

    const reopened = openAt(dir, key);
    expect(reopened.recoveredFromUncleanShutdown).toBe(true);
    reopened.sqlite.close();

    const file = path.join(dir, 'hearing-desk.db');
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, bytes.length - 40_000, bytes.length - 36_000);
    fs.writeFileSync(file, bytes);
    expectOpenError(() => openAt(dir, key), 'DATABASE_DAMAGED');
  });

  it('keeps an append-only, hash-chained audit trail', async () => {
    t = await openTestCore();
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    await t.ok('officer-window', 'hearings.load', { hearingId: hearing.id });
    const sqlite = t.sqlite;
    const actions = (sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions).toEqual([
      'audit.chainKeyed',
      'directory.seeded',
      'setup.administrator_created',
      'user.created',
      'login.succeeded',
      'hearing.created',
      'hearing.opened',
    ]);
    expect((await t.core.audit.verify('full', null)).verification).toMatchObject({ broken: null, verifiedUpTo: 7 });
    expect(() => sqlite.prepare("UPDATE audit_events SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    // Someone with the key who drops the trigger still cannot rewrite history unseen.
    sqlite.exec('DROP TRIGGER audit_events_no_update');
    sqlite.prepare("UPDATE audit_events SET user_id = 'someone-else' WHERE seq = 6").run();
    expect((await t.core.audit.verify('full', null)).verification.broken).toEqual({ kind: 'altered', seq: 6 });
  });
});
