import { AsyncLocalStorage } from 'node:async_hooks';
import { count, eq, like, sql, type SQL } from 'drizzle-orm';
import { appendChained } from '../services/audit';
import type { OpenedDatabase } from './database';
import * as sqliteTables from './schema';
import { isTracedRefusal, type ChainExtension, type Store, type StoreDb, type StoreTables } from './store';

/**
 * The standalone app's store: the one connection of the encrypted file openDatabase opened (WAL,
 * synchronous=FULL, the key). better-sqlite3 is synchronous and its transaction helper refuses a
 * callback that returns a promise, so units of work are queued and each runs between a manual
 * BEGIN IMMEDIATE and COMMIT, alone on the connection: what one unit reads, no other changes
 * before it commits.
 */
export function createSqliteStore(opened: OpenedDatabase, options: { auditKey: Buffer }): Store {
  const { sqlite } = opened;
  // The same query builder calls, answered by the SQLite dialect with SQLite's tables (store.ts).
  const db = opened.db as unknown as StoreDb;
  const tables = sqliteTables as unknown as StoreTables;
  const auditListeners = new Set<(appended: ChainExtension) => void>();
  const inUnit = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  // Units never overlap here, so one variable says what the running unit appended to the trail.
  let appendedInUnit: ChainExtension | null = null;

  async function run<T>(work: (tx: StoreDb) => Promise<T>): Promise<T> {
    if (closed) throw new Error('The store is closed');
    appendedInUnit = null;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await inUnit.run(true, () => work(db));
      sqlite.exec('COMMIT');
      const appended = appendedInUnit as ChainExtension | null;
      if (appended) for (const listener of auditListeners) listener(appended);
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  }

  const store: Store = {
    dialect: 'sqlite',
    tables,
    async transaction(access, work) {
      if (inUnit.getStore()) throw new Error('A unit of work cannot open another: pass its tx to the helper');
      const unit = queue.then(() => run(work));
      // The next unit waits for this one to end, whatever its outcome.
      queue = unit.catch(() => undefined);
      try {
        return await unit;
      } catch (error) {
        if (isTracedRefusal(error)) await store.transaction(access, (tx) => store.appendAudit(tx, error.trace));
        throw error;
      }
    },
    async hearingAccess(tx, hearingId) {
      const { hearings } = tables;
      const [row] = await tx
        .select({ ownerId: hearings.ownerId, unitId: hearings.unitId })
        .from(hearings)
        .where(eq(hearings.id, hearingId));
      return row ?? null;
    },
    readThrough: (table, index) => sql`${table} INDEXED BY ${sql.identifier(index)}`,
    async nextReferenceNumber(tx, prefix) {
      const { hearings } = tables;
      const [taken] = await tx
        .select({ n: count() })
        .from(hearings)
        .where(like(hearings.reference, `${prefix}%`));
      return (taken?.n ?? 0) + 1;
    },
    queryRows: async <T>(_tx: StoreDb, query: SQL) => opened.db.all<T>(query),
    async appendAudit(tx, entry) {
      const { from, to } = await appendChained(tx, tables, options.auditKey, entry);
      appendedInUnit = { from: appendedInUnit?.from ?? from, to };
    },
    onAuditAppended(listener) {
      auditListeners.add(listener);
    },
    async close() {
      closed = true;
      await queue;
    },
  };
  return store;
}
