import { AsyncLocalStorage } from 'node:async_hooks';
import { count, eq, like, sql, type SQL } from 'drizzle-orm';
import { appendChained } from '../services/audit';
import type { OpenedDatabase } from './database';
import * as sqliteTables from './schema';
import { isTracedRefusal, type ChainExtension, type Store, type StoreDb, type StoreTables } from './store';

/**
 * How long the store stays without a unit of work before it looks at its WAL: longer than the
 * pauses within a burst of calls (a screen that opens, the renderer's 400 ms autosave while she
 * types), so that the checkpoint runs while nobody waits for the store.
 */
export const IDLE_CHECKPOINT_MS = 1_000;
/** The WAL pages (4 KiB) an idle store checkpoints from: SQLite's own threshold, as often as before. */
export const IDLE_CHECKPOINT_PAGES = 1_000;
/**
 * The WAL pages past which a commit checkpoints in its own call all the same (SQLite's automatic
 * checkpoint), so that the WAL cannot grow without end: reached only by writes that never leave
 * the store idle for IDLE_CHECKPOINT_MS, or by writes past the store (on opened.sqlite).
 */
export const WAL_BOUND_PAGES = 4_000;

export interface SqliteStoreOptions {
  auditKey: Buffer;
  /** Tests shorten the delay and lower the thresholds; the app keeps the constants above. */
  checkpoint?: { idleMs: number; idlePages: number; boundPages: number };
  log?: (message: string, error?: unknown) => void;
}

/**
 * The standalone app's store: the one connection of the encrypted file openDatabase opened (WAL,
 * synchronous=FULL, the key). better-sqlite3 is synchronous and its transaction helper refuses a
 * callback that returns a promise, so units of work are queued and each runs between a manual
 * BEGIN IMMEDIATE and COMMIT, alone on the connection: what one unit reads, no other changes
 * before it commits.
 *
 * The WAL is copied back into the database file (checkpointed) when the store is idle, not by the
 * commit that happens to cross SQLite's threshold: that commit would pay the copy and its fsyncs
 * (3 to 7 ms, against 0.1 to 0.5 for a save's own commit). What a unit commits is durable in the
 * WAL (synchronous=FULL) whenever the checkpoint runs; closing the connection checkpoints the rest.
 */
export function createSqliteStore(opened: OpenedDatabase, options: SqliteStoreOptions): Store {
  const { sqlite } = opened;
  const checkpoint = options.checkpoint ?? {
    idleMs: IDLE_CHECKPOINT_MS,
    idlePages: IDLE_CHECKPOINT_PAGES,
    boundPages: WAL_BOUND_PAGES,
  };
  // The same query builder calls, answered by the SQLite dialect with SQLite's tables (store.ts).
  const db = opened.db as unknown as StoreDb;
  const tables = sqliteTables as unknown as StoreTables;
  const auditListeners = new Set<(appended: ChainExtension) => void>();
  const inUnit = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  // Units never overlap here, so one variable says what the running unit appended to the trail.
  let appendedInUnit: ChainExtension | null = null;
  // Units queued or running: the checkpoint waits for none.
  let unitsAhead = 0;
  let checkpointTimer: ReturnType<typeof setTimeout> | null = null;
  let idleSince = 0;

  sqlite.pragma(`wal_autocheckpoint = ${checkpoint.boundPages}`);

  /** After the last unit of a burst: the WAL is looked at once the store has stayed idle. */
  function checkpointWhenIdle(): void {
    idleSince = performance.now();
    // One timer for the whole burst: each unit that ends only moves the moment it waits for.
    if (!checkpointTimer) armCheckpoint(checkpoint.idleMs);
  }

  function armCheckpoint(delay: number): void {
    checkpointTimer = setTimeout(() => {
      checkpointTimer = null;
      // A unit still queued arms the timer again when it ends.
      if (closed || unitsAhead > 0 || sqlite.inTransaction) return;
      const idleFor = performance.now() - idleSince;
      if (idleFor < checkpoint.idleMs) return armCheckpoint(checkpoint.idleMs - idleFor);
      try {
        // NOOP only counts; an SQLite older than the one bundled takes it for PASSIVE, which is
        // still off the units' path.
        const [wal] = sqlite.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
        // PASSIVE never waits and never blocks a writer. With the one connection it copies every
        // frame, and the next commit starts the WAL over from its beginning.
        if (wal && wal.log - wal.checkpointed >= checkpoint.idlePages) sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch (error) {
        // Nothing is lost: the pages stay in the WAL, and the bound checkpoints them.
        options.log?.('The idle checkpoint of the database failed', error);
      }
    }, delay);
    // Housekeeping: it never keeps the process alive (closing the connection checkpoints anyway).
    checkpointTimer.unref();
  }

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
      unitsAhead++;
      const unit = queue.then(() => run(work));
      // The next unit waits for this one to end, whatever its outcome.
      queue = unit
        .catch(() => undefined)
        .finally(() => {
          if (--unitsAhead === 0 && !closed) checkpointWhenIdle();
        });
      try {
        return await unit;
      } catch (error) {
        if (isTracedRefusal(error)) await store.appendAuditAlone(access, error.trace);
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
    appendAuditAlone: (access, entry) =>
      store.transaction(access, async (tx) => {
        await store.appendAudit(tx, entry);
        return appendedInUnit!.to;
      }),
    onAuditAppended(listener) {
      auditListeners.add(listener);
    },
    async close() {
      closed = true;
      await queue;
      if (checkpointTimer) clearTimeout(checkpointTimer);
      checkpointTimer = null;
    },
  };
  return store;
}
