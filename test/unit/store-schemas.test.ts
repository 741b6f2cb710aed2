import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { getTableColumns, Table } from 'drizzle-orm';
import { is, SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../src-main/db/schema';
import * as pgSchema from '../../src-main/db/schema-pg';
import { MIGRATION_MANIFEST, PG_MIGRATION_MANIFEST } from '../../src-main/db/migration-manifest';
import { manifestOfFolder, readTrustedMigrations } from '../../src-main/db/migrations';
import { applyPgMigrations, migratePgDatabase, readAppliedPgMigrations } from '../../src-main/db/pg-migrations';
import { createTestPostgresDatabase, type TestPostgresDatabase } from '../helpers/postgres';
import { openTestCore, ROOT, tempDir, type TestCore } from '../helpers/temp-core';

/**
 * The two stores' schemas are one schema (zone.md, "The store layer"): the same tables, columns,
 * nullability, defaults, keys, indexes, checks and append-only rules, in the drizzle declarations
 * and in the databases their migrations build. What may differ is listed here, and nowhere else.
 */

/** A column's kind, the same word in both dialects. */
function kindOf(column: { columnType: string; getSQLType(): string }): string {
  const byType: Record<string, string> = {
    SQLiteText: 'text',
    PgText: 'text',
    SQLiteInteger: 'integer',
    PgInteger: 'integer',
    PgBigInt53: 'integer',
    SQLiteBoolean: 'boolean',
    PgBoolean: 'boolean',
    SQLiteBlobBuffer: 'bytes',
  };
  if (column.columnType === 'PgCustomColumn' && column.getSQLType() === 'bytea') return 'bytes';
  const kind = byType[column.columnType];
  if (!kind) throw new Error(`A column type this test does not know: ${column.columnType}`);
  return kind;
}

type AnyColumn = ReturnType<typeof getTableColumns>[string] & { columnType: string; getSQLType(): string };

/** An index column as SQL says it: `level DESC` written by hand in SQLite, `.desc()` in PostgreSQL. */
function indexColumn(entry: unknown): string {
  if (is(entry, SQL)) {
    const chunks = entry.queryChunks.map((chunk) =>
      typeof chunk === 'object' && chunk !== null && 'name' in chunk
        ? String((chunk as { name: string }).name)
        : String((chunk as { value?: string[] }).value?.join('') ?? ''),
    );
    return chunks.join('').trim().replace(/\s+/g, ' ');
  }
  const column = entry as { name: string; indexConfig?: { order?: string } };
  return column.indexConfig?.order === 'desc' ? `${column.name} DESC` : column.name;
}

/** A partial index's condition, in SQLite's spelling of a flag (`latest = 1` is `latest` on PostgreSQL). */
function conditionOf(where: SQL | undefined): string | null {
  if (!where) return null;
  const text = where.queryChunks
    .map((chunk) => String((chunk as { value?: string[] }).value?.join('') ?? ''))
    .join('')
    .trim();
  return text === 'latest' ? 'latest = 1' : text;
}

function describeTable(table: Table) {
  const config = is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable);
  const columns = Object.fromEntries(
    (config.columns as AnyColumn[]).map((c) => [
      c.name,
      {
        kind: kindOf(c),
        notNull: c.notNull,
        primary: c.primary,
        unique: c.isUnique,
        default: c.default === undefined ? null : c.default,
        enumValues: c.enumValues ?? null,
        generated: c.name === 'seq' ? 'increasing' : null,
      },
    ]),
  );
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return `${ref.columns.map((c) => c.name).join(',')} -> ${
          is(ref.foreignTable, PgTable)
            ? pgConfig(ref.foreignTable).name
            : sqliteConfig(ref.foreignTable as SQLiteTable).name
        }(${ref.foreignColumns.map((c) => c.name).join(',')})`;
      })
      .sort(),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name,
        unique: index.config.unique,
        columns: index.config.columns.map(indexColumn),
        where: conditionOf(index.config.where),
      }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

function tablesOf(schema: Record<string, unknown>): Map<string, ReturnType<typeof describeTable>> {
  const tables = Object.values(schema).filter((value) => is(value, PgTable) || is(value, SQLiteTable)) as Table[];
  return new Map(tables.map((t) => [describeTable(t).name, describeTable(t)]));
}

describe('the two stores have one schema', () => {
  it('declares the same tables, columns, keys, indexes and checks in schema.ts and schema-pg.ts', () => {
    const sqlite = tablesOf(sqliteSchema);
    const postgres = tablesOf(pgSchema);
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys()].sort());
    expect(sqlite.size).toBeGreaterThanOrEqual(16);
    for (const [name, table] of sqlite) expect(postgres.get(name), name).toEqual(table);
  });

  it('keeps every time in a 64-bit column on PostgreSQL (epoch milliseconds outgrow its integer)', () => {
    for (const table of Object.values(pgSchema).filter((v) => is(v, PgTable)) as PgTable[]) {
      for (const column of pgConfig(table).columns) {
        if (/(_at|_until)$|^at$/.test(column.name))
          expect(column.getSQLType(), `${pgConfig(table).name}.${column.name}`).toBe('bigint');
      }
    }
  });
});

describe('the PostgreSQL migrations', () => {
  let database: TestPostgresDatabase;
  let client: pg.Client;
  let standalone: TestCore;

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    client = await database.connect();
    await applyPgMigrations(client, readTrustedMigrations(path.join(ROOT, 'migrations', 'pg'), PG_MIGRATION_MANIFEST));
    standalone = await openTestCore();
  });

  afterAll(async () => {
    await standalone?.close();
    await client?.end();
    await database?.drop();
  });

  it('are compiled into main with their SHA-256, like the SQLite ones', () => {
    expect(
      manifestOfFolder(path.join(ROOT, 'migrations', 'pg')),
      'migrations/pg/ changed: run `npm run db:manifest`',
    ).toEqual(PG_MIGRATION_MANIFEST);
    expect(MIGRATION_MANIFEST.length).toBeGreaterThan(0);
  });

  it('build from empty the database the SQLite migrations build: tables, columns, nullability, indexes', async () => {
    const sqlite = standalone.sqlite;
    const sqliteTables = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
        )
        .all() as { name: string }[]
    )
      .map((r) => r.name)
      .sort();
    const pgTables = (
      await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      )
    ).rows.map((r) => r.table_name);
    expect(pgTables).toEqual(sqliteTables);

    for (const table of sqliteTables) {
      const sqliteColumns = (
        sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number; pk: number }[]
      )
        .map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk > 0 }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const pgColumns = (
        await client.query<{ column_name: string; is_nullable: string }>(
          "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
          [table],
        )
      ).rows
        .map((c) => ({ name: c.column_name, notNull: c.is_nullable === 'NO' }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(pgColumns, table).toEqual(sqliteColumns);

      const sqliteIndexes = (
        sqlite
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
          .all(table) as {
          name: string;
        }[]
      )
        .map((r) => r.name)
        .sort();
      // PostgreSQL also lists the index behind each primary key; SQLite's is implicit.
      const pgIndexes = (
        await client.query<{ indexname: string }>(
          `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1
             AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p')`,
          [table],
        )
      ).rows
        .map((r) => r.indexname)
        .sort();
      expect(pgIndexes, table).toEqual(sqliteIndexes);
    }
  });

  it('keep the same append-only rules, under the same trigger names, and refuse TRUNCATE as well', async () => {
    const sqliteTriggers = (
      standalone.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const pgTriggers = (
      await client.query<{ tgname: string }>('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname')
    ).rows.map((r) => r.tgname);
    expect(sqliteTriggers.length).toBeGreaterThanOrEqual(18);
    expect(pgTriggers.filter((name) => !name.endsWith('_no_truncate')).sort()).toEqual([...sqliteTriggers].sort());
    // Every table with a "no delete" rule refuses TRUNCATE too (SQLite has no TRUNCATE).
    const noDelete = sqliteTriggers
      .filter((name) => name.endsWith('_no_delete'))
      .map((n) => n.replace(/_no_delete$/, ''));
    expect(
      pgTriggers
        .filter((name) => name.endsWith('_no_truncate'))
        .map((n) => n.replace(/_no_truncate$/, ''))
        .sort(),
    ).toEqual(noDelete.sort());
  });

  it('refuse, as the database itself, to change or remove the audit trail, even as its owner', async () => {
    await client.query(
      `INSERT INTO audit_events (at, user_id, action, hearing_id, details_json, prev_hash, hash) VALUES (1, NULL, 'test.entry', NULL, '{}', 'a', 'b')`,
    );
    await expect(client.query(`UPDATE audit_events SET action = 'changed'`)).rejects.toThrow(
      'audit_events is append-only',
    );
    await expect(client.query('DELETE FROM audit_events')).rejects.toThrow('audit_events is append-only');
    await expect(client.query('TRUNCATE audit_events')).rejects.toThrow('audit_events is append-only');
    const rows = await client.query<{ action: string }>('SELECT action FROM audit_events');
    expect(rows.rows).toEqual([{ action: 'test.entry' }]);
  });

  it('run once: a second run finds every migration applied and changes nothing', async () => {
    const before = await readAppliedPgMigrations(client);
    expect(before.map((m) => m.createdAt)).toEqual(PG_MIGRATION_MANIFEST.map((m) => m.when));
    await applyPgMigrations(client, readTrustedMigrations(path.join(ROOT, 'migrations', 'pg'), PG_MIGRATION_MANIFEST));
    expect(await readAppliedPgMigrations(client)).toEqual(before);
  });
});

describe('migrating a zone database', () => {
  let database: TestPostgresDatabase;
  let client: pg.Client;
  const folder = path.join(ROOT, 'migrations', 'pg');
  const dumps = tempDir('hd-pg-dump-');

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    client = await database.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
    fs.rmSync(dumps, { recursive: true, force: true });
  });

  const tableCount = async () =>
    (
      await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle')",
      )
    ).rows[0]!.n;

  it('refuses to migrate without a backup confirmed or taken, before writing anything', async () => {
    await expect(migratePgDatabase({ connection: database.config, migrationsFolder: folder })).rejects.toMatchObject({
      code: 'BACKUP_NOT_CONFIRMED',
    });
    expect(await tableCount()).toBe(0);
    // A dump never replaces another file, and a failed dump migrates nothing.
    const taken = path.join(dumps, 'taken.dump');
    fs.writeFileSync(taken, 'an earlier dump');
    await expect(
      migratePgDatabase({
        connection: database.config,
        migrationsFolder: folder,
        backup: { kind: 'dump', file: taken },
      }),
    ).rejects.toMatchObject({ code: 'BACKUP_FAILED' });
    expect(fs.readFileSync(taken, 'utf8')).toBe('an earlier dump');
    await expect(
      migratePgDatabase({
        connection: database.config,
        migrationsFolder: folder,
        backup: {
          kind: 'dump',
          file: path.join(dumps, 'no-such-folder', 'x.dump'),
          pgDump: path.join(database.binDir, 'pg_dump'),
        },
      }),
    ).rejects.toMatchObject({ code: 'BACKUP_FAILED' });
    expect(await tableCount()).toBe(0);
  });

  it('takes a restorable dump first when asked, then migrates; once up to date it asks for nothing', async () => {
    const file = path.join(dumps, 'before-migration.dump');
    const outcome = await migratePgDatabase({
      connection: database.config,
      migrationsFolder: folder,
      backup: { kind: 'dump', file, pgDump: path.join(database.binDir, 'pg_dump') },
    });
    expect(outcome).toEqual({ applied: PG_MIGRATION_MANIFEST.map((m) => m.tag), dumpFile: file });
    expect(execFileSync(path.join(database.binDir, 'pg_restore'), ['--list', file], { encoding: 'utf8' })).toContain(
      'Format: CUSTOM',
    );
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    // Every hearing is in it: readable by the account that took it, nobody else.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await tableCount()).toBeGreaterThan(16);
    expect(await migratePgDatabase({ connection: database.config, migrationsFolder: folder })).toEqual({
      applied: [],
      dumpFile: null,
    });
  });

  it('refuses a database migrated by a newer version, and changes nothing', async () => {
    await client.query(
      `INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-version', 9999999999999)`,
    );
    const before = await readAppliedPgMigrations(client);
    await expect(
      migratePgDatabase({
        connection: database.config,
        migrationsFolder: folder,
        backup: { kind: 'confirmed', by: 'test' },
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
    expect(await readAppliedPgMigrations(client)).toEqual(before);
  });
});

describe('a zone database from before a migration that fills a new column in', () => {
  let database: TestPostgresDatabase;
  let client: pg.Client;

  beforeEach(async () => {
    database = await createTestPostgresDatabase();
    client = await database.connect();
  });

  afterEach(async () => {
    await client?.end();
    await database?.drop();
  });

  /**
   * Migrated up to, not including, the migration whose tag ends so, with an invented unit and
   * officer; then the rows a zone had made by then are written, and `upgrade` applies the rest.
   */
  async function before(tagEnd: string): Promise<{ upgrade(): Promise<void> }> {
    const all = readTrustedMigrations(path.join(ROOT, 'migrations', 'pg'), PG_MIGRATION_MANIFEST);
    const at = all.findIndex((m) => m.tag.endsWith(tagEnd));
    expect(at, 'the migration').toBeGreaterThan(0);
    await applyPgMigrations(client, all.slice(0, at));
    await client.query(`INSERT INTO units (id, name, created_at) VALUES ('u', 'Unité fictive', 1)`);
    await client.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, unit_id, created_at, updated_at)
       VALUES ('o', 'officier', 'Officier Fictif', 'officer', 'x', 'u', 1, 1)`,
    );
    return { upgrade: () => applyPgMigrations(client, all.slice(at)) };
  }

  it('gives every person’s search keys the person’s birth date (pg/0013)', async () => {
    const { upgrade } = await before('_person_keys_birth_date');
    // Invented persons: one with a birth date and two keys, one without and one key.
    await client.query(
      `INSERT INTO persons (id, surname, first_names, birth_date, created_at, created_by)
       VALUES ('p1', 'Exemplaire', 'Inès', '1991-03-04', 1, 'o'), ('p2', 'Fictif', 'Jean', NULL, 1, 'o')`,
    );
    await client.query(
      `INSERT INTO person_search_keys (person_id, key) VALUES ('p1', 'k-exemplaire'), ('p1', 'k-ines'), ('p2', 'k-fictif')`,
    );

    await upgrade();
    const keys = await client.query<{ personId: string; key: string; birthDate: string | null }>(
      'SELECT person_id AS "personId", key, birth_date AS "birthDate" FROM person_search_keys ORDER BY key',
    );
    expect(keys.rows).toEqual([
      { personId: 'p1', key: 'k-exemplaire', birthDate: '1991-03-04' },
      { personId: 'p2', key: 'k-fictif', birthDate: null },
      { personId: 'p1', key: 'k-ines', birthDate: '1991-03-04' },
    ]);
  });

  it('gives each latest assessment the time of its latest risk event since it was made, and no other (pg/0014)', async () => {
    const { upgrade } = await before('_pair_supersessions');
    // As a zone left them (invented): one hearing assessed twice, with an event before its latest
    // assessment and two after; another with no event.
    for (const hearing of ['h1', 'h2'])
      await client.query(
        `INSERT INTO hearings (id, reference, owner_id, created_at, updated_at, unit_id) VALUES ($1, $1, 'o', 1, 1, 'u')`,
        [hearing],
      );
    const assess = (id: string, hearing: string, sequence: number, createdAt: number, latest: boolean) =>
      client.query(
        `INSERT INTO risk_assessments (id, hearing_id, unit_id, sequence, definition_version, trigger, answers_json, result_json,
           computed_level, floor_level, level, red_flag_count, review_status, next_due_at, latest, created_by, created_at)
         VALUES ($1, $2, 'u', $3, 1, 'initial', '{}', '{}', 2, 1, 2, 0, 'notRequired', $4, $5, 'o', $4)`,
        [id, hearing, sequence, createdAt, latest],
      );
    await assess('a1', 'h1', 1, 100, false);
    await assess('a2', 'h1', 2, 200, true);
    await assess('b1', 'h2', 1, 100, true);
    for (const [id, time] of [
      ['e1', 150],
      ['e2', 250],
      ['e3', 300],
    ] as const)
      await client.query(
        `INSERT INTO risk_events (id, hearing_id, kind, note, at, recorded_by) VALUES ($1, 'h1', 'breach', '', $2, 'o')`,
        [id, time],
      );

    await upgrade();
    const rows = await client.query<{ id: string; lastEventAt: string | null }>(
      'SELECT id, last_event_at AS "lastEventAt" FROM risk_assessments ORDER BY id',
    );
    expect(rows.rows).toEqual([
      { id: 'a1', lastEventAt: null },
      { id: 'a2', lastEventAt: '300' },
      { id: 'b1', lastEventAt: null },
    ]);
  });
});
