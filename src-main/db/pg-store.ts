import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { CHAIN_GENESIS, chainEntries, type AuditEntry } from '../services/audit';
import * as pgTables from './schema-pg';
import { isTracedRefusal, type ChainExtension, type Store, type StoreAccess, type StoreDb } from './store';

/**
 * What opens a unit of work, sent as one message: the transaction, then who acts (row-level
 * security reads it: migrations/pg/0002; no context, no rows). The Art. 9 export writes nothing,
 * which its policy requires; its one large statement is not compiled (JIT took seconds of the
 * export at 100,000 hearings) and sorts its answers in memory rather than on disk.
 */
function beginning(access: StoreAccess, literal: (value: string) => string): string {
  const settings: [string, string][] = [
    ['hearing_desk.user_id', access.userId ?? ''],
    ['hearing_desk.role', access.role],
    ['hearing_desk.unit_id', access.unitId ?? ''],
    ['hearing_desk.purpose', access.purpose ?? ''],
    ...(access.purpose === 'pairHistory' ? [['hearing_desk.pair_of', access.pairOf ?? ''] as [string, string]] : []),
  ];
  const context = settings.map(([name, value]) => `set_config('${name}', ${literal(value)}, true)`).join(', ');
  return access.purpose === 'statistics'
    ? `BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SELECT ${context}`
    : access.purpose === 'pairHistory'
      ? `BEGIN READ ONLY; SELECT ${context}`
      : `BEGIN; SELECT ${context}`;
}

/** Statement texts given a name, so that each connection parses and plans them once. */
const statementNames = new Map<string, string>();
/**
 * The bound on statementNames: the services' statements are a few hundred texts (an IN list of
 * another length is another text); a text past the bound, a mistake somewhere, goes unnamed
 * rather than filling every connection's memory.
 */
const NAMED_STATEMENTS_BOUND = 1_000;

/**
 * One statement's answer, asked through node-postgres's callback API. Its promise API gives each
 * query its callback after creating it, and with that (Node 24) the rows of the answers outlived
 * the young generation's collections until a full one: at 100,000 hearings the supervisor's queue
 * promoted 4.6 MB per collection, and once the old generation needed fresh pages those collections
 * took 10 to 15 ms; with the callback given as the query is made, 0.5 to 2 ms, nothing promoted.
 */
function answer(client: pg.PoolClient, config: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
  const query: pg.QueryConfig =
    typeof config === 'string' ? { text: config, values } : values === undefined ? config : { ...config, values };
  return new Promise<pg.QueryResult>((resolve, reject) => {
    client.query(query, (error, result) => (error ? reject(error) : resolve(result)));
  }).catch((error: unknown) => {
    // As node-postgres does: a stack that leads back to the statement, not to the socket's read.
    if (error instanceof Error) Error.captureStackTrace(error);
    throw error;
  });
}

/**
 * The connection as drizzle sees it: each statement answered by callback (answer) and, when
 * `prepared`, prepared by name: planning a statement under row-level security took longer than
 * running it (0.3 to 0.7 ms against 0.05 to 0.3 for a read by key), and a save is six of them.
 * After five runs PostgreSQL may keep a generic plan (plan_cache_mode auto).
 */
function asDrizzleSees(client: pg.PoolClient, prepared: boolean): pg.PoolClient {
  const query = (config: string | pg.QueryConfig, values?: unknown[]) => {
    if (prepared && typeof config === 'object' && !config.name) {
      let name = statementNames.get(config.text);
      if (!name && statementNames.size < NAMED_STATEMENTS_BOUND) {
        name = `hd_${createHash('sha256').update(config.text).digest('hex').slice(0, 32)}`;
        statementNames.set(config.text, name);
      }
      if (name) return answer(client, { ...config, name }, values);
    }
    return answer(client, config, values);
  };
  return new Proxy(client, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
}

/** One chain: appends from every connection of every server instance take turns. */
const AUDIT_CHAIN_LOCK = 0x4844_4155; // "HDAU"

/**
 * A zone's store: PostgreSQL through a pool, each unit of work a transaction that first tells
 * row-level security who acts (migrations/pg/0002: no context, no rows). The pool must connect as
 * a member of hearing_desk_app, never as the tables' owner.
 */
export function createPgStore(pool: pg.Pool, options: { auditKey: Buffer }): Store {
  // drizzle over each of the pool's connections, made once: a unit of work runs on one.
  const onConnection = new WeakMap<pg.PoolClient, StoreDb>();
  const unpreparedOnConnection = new WeakMap<pg.PoolClient, StoreDb>();
  const auditListeners = new Set<(appended: ChainExtension) => void>();
  // A transaction's audit entries wait by its connection's tx object until it commits.
  const pendingAudit = new WeakMap<object, AuditEntry[]>();
  // The same rule as SQLite's store, where a nested unit would wait for itself.
  const inUnit = new AsyncLocalStorage<true>();

  /**
   * One transaction on one of the pool's connections, as drizzle's transaction runs it, except
   * that BEGIN and the context travel in one message, and so do the audit entries and COMMIT:
   * each message is a round trip.
   * The connection is taken and given back here, not by drizzle's pool transaction, which sends
   * BEGIN before its try: a BEGIN that failed (the database restarted under the pool) kept the
   * connection out of the pool for good. A connection that cannot roll back is dropped.
   */
  async function inTransaction<T>(
    access: StoreAccess,
    work: (tx: StoreDb) => Promise<T>,
  ): Promise<{ result: T; appended?: ChainExtension }> {
    const client = await pool.connect();
    // The export's one large statement is planned for its own dates, as each run's plan differs.
    const drizzles = access.purpose === 'statistics' ? unpreparedOnConnection : onConnection;
    let tx = drizzles.get(client);
    if (!tx)
      drizzles.set(
        client,
        (tx = drizzle(asDrizzleSees(client, access.purpose !== 'statistics')) as unknown as StoreDb),
      );
    // What the connection's previous transaction left unsent (it failed) is not this one's.
    pendingAudit.delete(tx);
    let broken: Error | undefined;
    try {
      // A simple query (no parameters) may hold several statements: the values go as literals,
      // escaped by node-postgres. A context refused leaves the transaction open: rolled back below.
      await answer(
        client,
        beginning(access, (value) => client.escapeLiteral(value)),
      );
      const result = await work(tx);
      const entries = pendingAudit.get(tx);
      if (entries) return { result, appended: await commitWithAudit(client, entries) };
      await answer(client, 'COMMIT');
      return { result };
    } catch (error) {
      await answer(client, 'ROLLBACK').catch((rollbackFailed: unknown) => {
        // The connection is in no known state: the pool drops it instead of lending it again.
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * The unit's audit entries chained to the last committed one, then the commit. One chain for
   * the zone means that appends take turns, from the chain's lock to the commit: only the two
   * messages here hold it, not the unit's own statements. Each statement of a message reads what
   * was committed when it starts (READ COMMITTED), so the head is read once the lock is held.
   */
  async function commitWithAudit(client: pg.PoolClient, entries: AuditEntry[]): Promise<ChainExtension> {
    const [, headRead] = (await answer(
      client,
      `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}); SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
    )) as unknown as [pg.QueryResult, pg.QueryResult<{ seq: string; hash: string }>];
    const head = headRead.rows[0];
    const from = head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: CHAIN_GENESIS };
    const rows = chainEntries(options.auditKey, from, entries);
    const text = (value: string | null) => (value === null ? 'NULL' : client.escapeLiteral(value));
    const values = rows.map(
      (row) =>
        `(${Math.trunc(row.at)}, ${text(row.userId)}, ${text(row.action)}, ${text(row.hearingId)}, ${text(row.detailsJson)}, ${text(row.prevHash)}, ${text(row.hash)})`,
    );
    // A failed INSERT skips the COMMIT of the same message: the caller rolls back.
    const [inserted] = (await answer(
      client,
      `INSERT INTO audit_events (at, user_id, action, hearing_id, details_json, prev_hash, hash) VALUES ${values.join(', ')} RETURNING seq; COMMIT`,
    )) as unknown as [pg.QueryResult<{ seq: string }>, pg.QueryResult];
    const last = inserted.rows.at(-1);
    return { from, to: { seq: Number(last!.seq), hash: rows.at(-1)!.hash } };
  }

  async function unit<T>(
    access: StoreAccess,
    work: (tx: StoreDb) => Promise<T>,
  ): Promise<{ result: T; appended?: ChainExtension }> {
    if (inUnit.getStore()) throw new Error('A unit of work cannot open another: pass its tx to the helper');
    try {
      const done = await inTransaction(access, (tx) => inUnit.run(true, () => work(tx)));
      if (done.appended) for (const listener of auditListeners) listener(done.appended);
      return done;
    } catch (error) {
      // In a unit that may write: the read-only statistics purpose is not carried over.
      if (isTracedRefusal(error)) await store.appendAuditAlone({ ...access, purpose: undefined }, error.trace);
      throw error;
    }
  }

  const store: Store = {
    dialect: 'postgresql',
    tables: pgTables,
    transaction: async (access, work) => (await unit(access, work)).result,
    async appendAuditAlone(access, entry) {
      const { appended } = await unit(access, (tx) => store.appendAudit(tx, entry));
      return appended!.to;
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
      // Chained when the unit commits (commitWithAudit), in the order appended.
      const entries = pendingAudit.get(tx);
      if (entries) entries.push(entry);
      else pendingAudit.set(tx, [entry]);
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
