import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { ne, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MIGRATION_MANIFEST } from '../../src-main/db/migration-manifest';
import { readTrustedMigrations } from '../../src-main/db/migrations';
import { applyPgMigrations } from '../../src-main/db/pg-migrations';
import { createPgStore } from '../../src-main/db/pg-store';
import { SYSTEM_ACCESS, type ChainExtension, type UserAccess } from '../../src-main/db/store';
import { CHAIN_GENESIS, keyedChainHash } from '../../src-main/services/audit';
import { createTestPostgresDatabase, dropDatabaseAndRole, type TestPostgresDatabase } from '../helpers/postgres';
import { ROOT } from '../helpers/temp-core';

/**
 * How the PostgreSQL store talks to the server (pg-store.ts): statements prepared once per
 * connection, which must still apply who acts now; a unit's audit entries chained at its end,
 * under the zone's one chain lock, whatever the concurrency; every answer asked by callback.
 */

// Invented units, officers and hearings.
const unitA = randomUUID();
const unitB = randomUUID();
const officerA: UserAccess = { role: 'officer', userId: randomUUID(), unitId: unitA };
const officerB: UserAccess = { role: 'officer', userId: randomUUID(), unitId: unitB };
const administrator: UserAccess = { role: 'administrator', userId: randomUUID(), unitId: null };
const hearingOfA = randomUUID();
const hearingOfB = randomUUID();

let database: TestPostgresDatabase;
let owner: pg.Client;
const appLogin = `hd_test_store_${randomUUID().slice(0, 8)}`;

/**
 * A store on its own pool, every message it sends recorded with the name it was prepared under,
 * and whether it asked for the answer by callback.
 */
function recordedStore(max: number, auditKey = randomBytes(32)) {
  const pool = new pg.Pool({ ...database.config, user: appLogin, max });
  const messages: { text: string; name?: string; byCallback: boolean }[] = [];
  pool.on('acquire', (client) => {
    if ((client as { recorded?: true }).recorded) return;
    (client as { recorded?: true }).recorded = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const config = args[0] as string | { text: string; name?: string };
      const byCallback = typeof args.at(-1) === 'function';
      messages.push(
        typeof config === 'string'
          ? { text: config, byCallback }
          : { text: config.text, name: config.name, byCallback },
      );
      return query(...args);
    }) as typeof client.query;
  });
  return { store: createPgStore(pool, { auditKey }), messages, auditKey };
}

beforeAll(async () => {
  database = await createTestPostgresDatabase();
  owner = await database.connect();
  await applyPgMigrations(owner, readTrustedMigrations(path.join(ROOT, 'migrations', 'pg'), PG_MIGRATION_MANIFEST));
  await owner.query(`CREATE ROLE "${appLogin}" LOGIN IN ROLE hearing_desk_app`);
  await owner.query(
    `INSERT INTO units (id, name, created_at) VALUES ($1, 'Unité fictive A', 1), ($2, 'Unité fictive B', 1)`,
    [unitA, unitB],
  );
  for (const [n, access, hearingId] of [
    [1, officerA, hearingOfA],
    [2, officerB, hearingOfB],
  ] as const) {
    await owner.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, unit_id, created_at, updated_at)
       VALUES ($1, $2, $2, 'officer', 'x', $3, 1, 1)`,
      [access.userId, `agent.fictif.${n}`, access.unitId],
    );
    await owner.query(
      `INSERT INTO hearings (id, reference, owner_id, created_at, updated_at, unit_id) VALUES ($1, $2, $3, 1, 1, $4)`,
      [hearingId, `HD-2026-00000${n}`, access.userId, access.unitId],
    );
  }
});

afterAll(async () => {
  await dropDatabaseAndRole(database, owner, appLogin);
});

describe('the PostgreSQL store', () => {
  it('prepares each statement once per connection, and a prepared plan still shows only what who acts now may see', async () => {
    // One connection: every unit reuses what the one before prepared.
    const { store, messages } = recordedStore(1);
    const { hearings } = store.tables;
    const visible = (access: UserAccess) =>
      store.transaction(access, async (tx) =>
        (await tx.select({ id: hearings.id }).from(hearings).where(ne(hearings.id, 'none'))).map((r) => r.id),
      );
    try {
      // Past the five runs after which PostgreSQL may keep a generic plan.
      for (let i = 0; i < 8; i++) expect(await visible(officerA)).toEqual([hearingOfA]);
      expect(await visible(officerB)).toEqual([hearingOfB]);
      expect(await visible(administrator)).toEqual([]);
      expect(await visible(officerA)).toEqual([hearingOfA]);

      const selects = messages.filter((m) => m.text.startsWith('select "id" from "hearings"'));
      expect(selects).toHaveLength(11);
      expect(new Set(selects.map((m) => m.name)).size).toBe(1);
      expect(selects[0]!.name).toMatch(/^hd_[0-9a-f]{32}$/);

      // The statistics export's statement is planned for each run, never prepared.
      messages.length = 0;
      await store.transaction({ ...officerA, role: 'supervisor', purpose: 'statistics' }, (tx) =>
        tx.select({ id: hearings.id }).from(hearings).where(ne(hearings.id, 'none')),
      );
      const exported = messages.find((m) => m.text.startsWith('select "id" from "hearings"'));
      expect(exported).toBeDefined();
      expect(exported!.name).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('chains the entries of concurrent units in the order they commit, a unit’s together, in two messages after its work', async () => {
    const { store, messages, auditKey } = recordedStore(6);
    const extensions: ChainExtension[] = [];
    store.onAuditAppended((appended) => extensions.push(appended));
    const units = 24;
    try {
      await Promise.all(
        Array.from({ length: units }, (_, unit) =>
          store.transaction(SYSTEM_ACCESS, async (tx) => {
            await store.appendAudit(tx, { at: 1_000 + unit, userId: null, action: 'test.first', details: { unit } });
            // Work after the first append: the lock is not taken yet, other units commit meanwhile.
            await new Promise((resolve) => setTimeout(resolve, (unit * 7) % 11));
            await store.appendAudit(tx, { at: 1_000 + unit, userId: null, action: 'test.second', details: { unit } });
          }),
        ),
      );
      // A unit that fails leaves nothing in the trail.
      await expect(
        store.transaction(SYSTEM_ACCESS, async (tx) => {
          await store.appendAudit(tx, { at: 5_000, userId: null, action: 'test.rolledBack' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');

      const rows = (
        await owner.query<{
          seq: string;
          at: string;
          user_id: string | null;
          action: string;
          hearing_id: string | null;
          details_json: string;
          prev_hash: string;
          hash: string;
        }>('SELECT * FROM audit_events ORDER BY seq')
      ).rows;
      expect(rows).toHaveLength(units * 2);
      let prevHash = CHAIN_GENESIS;
      for (const row of rows) {
        expect(row.prev_hash).toBe(prevHash);
        const fields = {
          at: Number(row.at),
          userId: row.user_id,
          action: row.action,
          hearingId: row.hearing_id,
          detailsJson: row.details_json,
        };
        expect(row.hash).toBe(keyedChainHash(auditKey, prevHash, fields));
        prevHash = row.hash;
      }
      for (let i = 0; i < rows.length; i += 2) {
        expect([rows[i]!.action, rows[i + 1]!.action]).toEqual(['test.first', 'test.second']);
        expect(rows[i]!.details_json).toBe(rows[i + 1]!.details_json);
      }
      // Each unit told its listeners where its entries landed, one after another.
      const told = extensions.map((e) => [e.from.seq, e.to.seq]).sort((a, b) => a[0]! - b[0]!);
      expect(told).toEqual(Array.from({ length: units }, (_, i) => [i * 2, i * 2 + 2]));
      expect(extensions.find((e) => e.to.seq === units * 2)!.to.hash).toBe(prevHash);

      // A unit that appends: its beginning, its own statements, then the lock with the head, and
      // the entries with the commit.
      messages.length = 0;
      const seq = await store.appendAuditAlone(SYSTEM_ACCESS, { at: 6_000, userId: null, action: 'test.alone' });
      expect(seq).toEqual({ seq: units * 2 + 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(messages.map((m) => m.text.split(' ').slice(0, 2).join(' '))).toEqual([
        'BEGIN; SELECT',
        'SELECT pg_advisory_xact_lock(1212432725);',
        'INSERT INTO',
      ]);
      expect(messages[2]!.text).toMatch(/; COMMIT$/);
    } finally {
      await store.close();
    }
  });

  it('asks for every answer by callback; a statement refused still rolls its unit back and gives its connection back', async () => {
    // One connection: the unit after the refused one needs it back.
    const { store, messages } = recordedStore(1);
    const { hearings } = store.tables;
    const visible = () =>
      store.transaction(officerA, async (tx) => (await tx.select({ id: hearings.id }).from(hearings)).map((r) => r.id));
    try {
      expect(await visible()).toEqual([hearingOfA]);
      await store.appendAuditAlone(SYSTEM_ACCESS, { at: 7_000, userId: null, action: 'test.byCallback' });
      // drizzle's error, node-postgres's as its cause.
      const refused = await store
        .transaction(officerA, (tx) => store.queryRows(tx, sql`SELECT * FROM hd_no_such_table`))
        .then(
          () => null,
          (error: unknown) => (error as { cause?: Error & { code?: string } }).cause,
        );
      expect(refused?.code).toBe('42P01');
      // As node-postgres's own promises do: the stack leads back to the store, not only to the socket's read.
      expect(refused?.stack).toContain('pg-store');
      expect(await visible()).toEqual([hearingOfA]);

      expect(messages.map((m) => m.text)).toContain('ROLLBACK');
      expect(messages.length).toBeGreaterThanOrEqual(9);
      expect(messages.filter((m) => !m.byCallback)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
