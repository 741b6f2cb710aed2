import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';
import { MIGRATION_MANIFEST } from '../../src-main/db/migration-manifest';
import { apiOf, completeHearing, saveStep } from '../helpers/complete-hearing';
import { MIGRATIONS, openTestCore, PEOPLE, seedAccounts, type TestCore } from '../helpers/temp-core';

/**
 * A standalone database written by an earlier version opens and migrates. The change that moved
 * the services onto a store also moved the windows' sessions into the database (migration 0010):
 * a database from before it keeps every answer, every revision and its audit trail. Migration
 * 0015 gives each person's search keys the person's birth date: a database from before it has
 * every key filled in.
 */
const SESSIONS_MIGRATION = MIGRATION_MANIFEST.find((m) => m.tag.endsWith('_sessions'))!;

let t: TestCore | undefined;
afterEach(() => t?.close());

describe('a standalone database from an earlier version', () => {
  it('opens, migrates after a backup, and keeps every answer with its revision', async () => {
    expect(SESSIONS_MIGRATION, 'the sessions migration').toBeDefined();
    t = await openTestCore();
    await seedAccounts(t);
    const officer = t;
    const api = <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
      officer.ok('officer-window', channel, input);
    const closed = await completeHearing().take(api);
    const open = await completeHearing().take(api, { until: 'answered' });
    const before = await Promise.all([closed, open].map((hearingId) => api('hearings.load', { hearingId })));
    const auditBefore = await t.sql<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq');
    const { dir, key } = t;
    await t.close();

    // The database as the version before this change left it: no sessions table (nor any table a
    // later migration creates), and neither that migration nor any after it on record (the rest
    // was written by the services themselves; the later ones run again as they would have: each
    // creates or replaces what it changes).
    const Database = (await import('better-sqlite3')).default;
    const older = new Database(path.join(dir, 'hearing-desk.db'));
    older.pragma(`hexkey='${key.toString('hex')}'`);
    const later = MIGRATION_MANIFEST.filter((m) => m.when >= SESSIONS_MIGRATION.when);
    expect(tablesCreatedBy(later)).toContain('sessions');
    undoMigrations(older, later);
    older.close();

    t = await openTestCore({ dir, key });
    expect(t.core.database!.backupFile, 'a backup before the migration').not.toBeNull();
    expect(fs.existsSync(t.core.database!.backupFile!)).toBe(true);
    expect(await t.sql("SELECT name FROM sqlite_master WHERE name = 'sessions'")).toHaveLength(1);
    await t.ok('officer-window', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    const after = await Promise.all(
      [closed, open].map((hearingId) => t!.ok('officer-window', 'hearings.load', { hearingId })),
    );
    for (const [i, loaded] of after.entries()) {
      expect(loaded.answers).toEqual(before[i]!.answers);
      expect(loaded.history).toEqual(before[i]!.history);
      expect(loaded.statement).toEqual(before[i]!.statement);
      expect(loaded.hearing.status).toBe(before[i]!.hearing.status);
    }
    expect(after[0]!.answers.length).toBeGreaterThan(50);
    // The trail goes on from where it was, intact.
    const auditAfter = await t.sql<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq');
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect((await t.core.audit.verify('full', null)).verification.broken).toBeNull();
  });

  it('gives every search key of a database from before migration 0015 its person’s birth date', async () => {
    t = await openTestCore();
    await seedAccounts(t);
    const hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
    await saveStep(apiOf(t), hearingId, 'people', {
      victimFirstNames: 'Inès',
      victimSurname: 'Exemplaire',
      victimBirthDate: '1991-03-04',
    });
    await t.ok('officer-window', 'persons.candidates', { hearingId, role: 'victim' });
    const { dir, key } = t;
    await t.close();

    // As 0014 left it: no birth date beside the keys, its own index, neither 0015 nor any later
    // migration on record (nor what those add).
    const Database = (await import('better-sqlite3')).default;
    const older = new Database(path.join(dir, 'hearing-desk.db'));
    older.pragma(`hexkey='${key.toString('hex')}'`);
    const migration = MIGRATION_MANIFEST.find((m) => m.tag.endsWith('_person_keys_birth_date'))!;
    undoMigrations(
      older,
      MIGRATION_MANIFEST.filter((m) => m.when >= migration.when),
    );
    older.exec('CREATE INDEX person_search_keys_key_idx ON person_search_keys (key, person_id)');
    const keysBefore = older.prepare('SELECT count(*) AS n FROM person_search_keys').get() as { n: number };
    older.close();
    expect(keysBefore.n).toBeGreaterThan(0);

    t = await openTestCore({ dir, key });
    expect(
      await t.sql('SELECT birth_date AS birthDate, count(*) AS n FROM person_search_keys GROUP BY birth_date'),
    ).toEqual([{ birthDate: '1991-03-04', n: keysBefore.n }]);
  });
});

type Migrations = typeof MIGRATION_MANIFEST;

/**
 * Takes back what `migrations` did, as far as running them again needs: the tables they create,
 * the indexes they add (not those they replace, which they drop themselves), the columns they add
 * to earlier tables, and their record.
 */
function undoMigrations(older: Database.Database, migrations: Migrations): void {
  const texts = migrations.map((m) => fs.readFileSync(path.join(MIGRATIONS, `${m.tag}.sql`), 'utf8'));
  const named = (pattern: RegExp) =>
    texts.flatMap((text) => [...text.matchAll(pattern)].map((match) => match.slice(1)));
  const tables = tablesCreatedBy(migrations);
  const replaced = new Set(named(/DROP INDEX (?:IF EXISTS )?`?(\w+)`?/g).map(([index]) => index));
  for (const [index] of named(/CREATE (?:UNIQUE )?INDEX `(\w+)`/g))
    if (!replaced.has(index)) older.exec(`DROP INDEX IF EXISTS "${index}"`);
  for (const table of tables) older.exec(`DROP TABLE "${table}"`);
  for (const [table, column] of named(/ALTER TABLE `(\w+)` ADD `(\w+)`/g))
    if (!tables.includes(table!)) older.exec(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
  for (const m of migrations) older.prepare('DELETE FROM __drizzle_migrations WHERE hash = ?').run(m.sha256);
}

/** The tables the given migrations create, in their order. */
function tablesCreatedBy(migrations: Migrations): string[] {
  return migrations.flatMap((m) =>
    [...fs.readFileSync(path.join(MIGRATIONS, `${m.tag}.sql`), 'utf8').matchAll(/CREATE TABLE `(\w+)`/g)].map(
      (match) => match[1]!,
    ),
  );
}
