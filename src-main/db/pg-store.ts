import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { appendChained } from '../services/audit';
import * as pgTables from './schema-pg';
import { isTracedRefusal, type ChainExtension, type Store, type StoreDb } from './store';

/** One chain: appends from every connection of every server instance take turns. */
const AUDIT_CHAIN_LOCK = 0x4844_4155; // "HDAU"

/**
 * A zone's store: PostgreSQL through a pool, each unit of work a transaction that first tells
 * row-level security who acts (migrations/pg/0002: no context, no rows). The pool must connect as
 * a member of hearing_desk_app, never as the tables' owner.
 */
export function createPgStore(pool: pg.Pool, options: { auditKey: Buffer }): Store {
  const auditListeners = new Set<(appended: ChainExtension) => void>();
  // A transaction's appends are known by its tx object until it commits.
  const appending = new WeakMap<object, ChainExtension>();
  // The same rule as SQLite's store, where a nested unit would wait for itself.
  const inUnit = new AsyncLocalStorage<true>();

  const store: Store = {
    dialect: 'postgresql',
    tables: pgTables,
    async transaction(access, work) {
      if (inUnit.getStore()) throw new Error('A unit of work cannot open another: pass its tx to the helper');
      let appended: ChainExtension | undefined;
      try {
        // The unit's connection is taken and given back here, not by drizzle: its pool transaction
        // sends BEGIN before its try, and a BEGIN that fails (the database restarted under the
        // pool) would keep the connection out of the pool for good: a few restarts, and no
        // connection left. A connection that died is dropped by the pool when it comes back.
        const client = await pool.connect();
        let result: Awaited<ReturnType<typeof work>>;
        try {
          result = await drizzle(client).transaction(async (tx) => {
            // Before any other statement, as PostgreSQL requires: the export writes nothing. Its one
            // large statement is not compiled (JIT took seconds of the export at 100,000 hearings)
            // and sorts its answers in memory rather than on disk.
            if (access.purpose === 'statistics') {
              await tx.execute(sql`SET TRANSACTION READ ONLY`);
              await tx.execute(sql`SET LOCAL jit = off`);
              await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
            }
            await tx.execute(
              sql`SELECT set_config('hearing_desk.user_id', ${access.userId ?? ''}, true), set_config('hearing_desk.role', ${access.role}, true), set_config('hearing_desk.unit_id', ${access.unitId ?? ''}, true), set_config('hearing_desk.purpose', ${access.purpose ?? ''}, true)`,
            );
            const value = await inUnit.run(true, () => work(tx as unknown as StoreDb));
            appended = appending.get(tx);
            return value;
          });
        } finally {
          client.release();
        }
        if (appended) for (const listener of auditListeners) listener(appended);
        return result;
      } catch (error) {
        // In a unit that may write: the read-only statistics purpose is not carried over.
        if (isTracedRefusal(error))
          await store.transaction({ ...access, purpose: undefined }, (tx) => store.appendAudit(tx, error.trace));
        throw error;
      }
    },
    async hearingAccess(tx, hearingId) {
      const [row] = await store.queryRows<{ owner_id: string; unit_id: string | null }>(
        tx,
        sql`SELECT owner_id, unit_id FROM hd_hearing_access(${hearingId})`,
      );
      return row ? { ownerId: row.owner_id, unitId: row.unit_id } : null;
    },
    readThrough: (table) => sql`${table}`,
    async nextReferenceNumber(tx, prefix) {
      const [row] = await store.queryRows<{ n: string }>(tx, sql`SELECT hd_next_reference_number(${prefix}) AS n`);
      return Number(row!.n);
    },
    async queryRows<T>(tx: StoreDb, query: SQL) {
      // The transaction is node-postgres's (typed as the services see it): its answer has rows.
      const result = (await tx.execute(query)) as unknown as { rows: T[] };
      return result.rows;
    },
    async appendAudit(tx, entry) {
      // Held to the end of the transaction: the entry before this one is the last committed.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      const { from, to } = await appendChained(tx, pgTables, options.auditKey, entry);
      appending.set(tx, { from: appending.get(tx)?.from ?? from, to });
    },
    onAuditAppended(listener) {
      auditListeners.add(listener);
    },
    async close() {
      await pool.end();
    },
  };
  return store;
}
