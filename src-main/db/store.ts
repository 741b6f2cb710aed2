import type { SQL, Table } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { AuditEntry } from '../services/audit';
import type { Role } from './schema';
import type * as pgTables from './schema-pg';

/**
 * Where the application core keeps its records: the standalone app's encrypted SQLite file, or a
 * zone's PostgreSQL (zone.md, "The store layer"). The services are written once against this
 * interface; a unit of work is one call, all or nothing.
 *
 * The services' queries are typed with drizzle's PostgreSQL builder, which is await-only (no
 * `.get()`, `.all()`, `.run()`), so that what compiles runs on both stores; the SQLite store hands
 * its own builder and tables, which answer the same calls with the same row types
 * (test/unit/store-schemas.test.ts holds the two schemas equal).
 */
export type StoreDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/**
 * The audit chain's end (`seq`, `hash`) as a unit of work found it and as it left it: its entries
 * follow `from` one after the other up to `to` (an empty trail ends at seq 0 and the genesis hash).
 */
export interface ChainExtension {
  from: { seq: number; hash: string };
  to: { seq: number; hash: string };
}

/** The tables, as the services name them: schema.ts on SQLite, schema-pg.ts on PostgreSQL. */
export type StoreTables = Pick<
  typeof pgTables,
  | 'units'
  | 'users'
  | 'hearings'
  | 'addenda'
  | 'hearingForms'
  | 'answers'
  | 'answerHistory'
  | 'riskAssessments'
  | 'riskEvents'
  | 'auditEvents'
  | 'supportServices'
  | 'evidenceItems'
  | 'evidenceFiles'
  | 'evidenceCustodyEvents'
  | 'printedDocuments'
  | 'victimCopyReviews'
  | 'victimCatalogReviews'
  | 'sessions'
  | 'persons'
  | 'personSearchKeys'
  | 'hearingPersons'
  | 'personLinkEvents'
  | 'pairSupersessions'
>;

/**
 * Who acts in a unit of work. PostgreSQL's row-level security reads it (migrations/pg/0002):
 * `sign-in` before anyone is known, `system` for the app's own work at start.
 */
export type StoreAccess = UserAccess | { role: 'sign-in' | 'system'; userId: null; unitId: null; purpose?: undefined };

export interface UserAccess {
  role: Role;
  userId: string;
  unitId: string | null;
  /**
   * A read-only unit of work that sees more than the role alone: the Art. 9 export counts across
   * units (every hearing); a pair's history reads the summary of the hearings of the victim and
   * the suspect of `pairOf`, a hearing the actor sees (migrations/pg/0011).
   */
  purpose?: 'statistics' | 'pairHistory';
  pairOf?: string;
}

export const SYSTEM_ACCESS: StoreAccess = { role: 'system', userId: null, unitId: null };
export const SIGN_IN_ACCESS: StoreAccess = { role: 'sign-in', userId: null, unitId: null };

/** The acting user's access (a UserView, or any record with the same three fields). */
export function accessOf(user: { id: string; role: Role; unitId: string | null }): UserAccess {
  return { role: user.role, userId: user.id, unitId: user.unitId };
}

/**
 * A refusal that stays on record although the unit of work that found it rolls back: the store
 * appends `trace` to the audit trail in a unit of its own, then rethrows.
 */
export interface TracedRefusal {
  readonly trace: AuditEntry;
}

export function isTracedRefusal(error: unknown): error is Error & TracedRefusal {
  return error instanceof Error && typeof (error as Partial<TracedRefusal>).trace === 'object';
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgresql';
  readonly tables: StoreTables;
  /**
   * One unit of work: everything `work` does commits together or not at all. On SQLite units run
   * one after the other on the one connection; on PostgreSQL each is a transaction of its own
   * under `access`. A unit cannot open another (it would wait for itself on SQLite): helpers
   * that run inside one take its `tx`.
   */
  transaction<T>(access: StoreAccess, work: (tx: StoreDb) => Promise<T>): Promise<T>;
  /**
   * Whose a hearing is, whether or not the acting user may see it (PostgreSQL's policies hide a
   * hearing that is not hers): the services tell "no such hearing" from "not yours", and audit the
   * second. Null when there is no such hearing.
   */
  hearingAccess(tx: StoreDb, hearingId: string): Promise<{ ownerId: string; unitId: string | null } | null>;
  /**
   * `table` read through `index`, for a FROM clause. SQLite is told (INDEXED BY): it keeps no
   * statistics, and for two indexes of equal prefix it guesses, at times a hundred rows for one
   * (the queue's counts: 15 ms against 0.6). PostgreSQL's planner knows its tables and chooses.
   */
  readThrough(table: Table, index: string): SQL;
  /**
   * The number of the next hearing reference under `prefix` (HD-<year>-), counting every hearing
   * of the store, not only those the acting officer may see; concurrent creations take turns.
   */
  nextReferenceNumber(tx: StoreDb, prefix: string): Promise<number>;
  /** The rows of a statement the query builder cannot write (the Art. 9 export's one statement). */
  queryRows<T>(tx: StoreDb, query: SQL): Promise<T[]>;
  /**
   * Appends to the keyed audit chain inside the unit of work `tx` (the change and its trace land
   * together). Where the entry lands is known once the unit has committed (onAuditAppended).
   */
  appendAudit(tx: StoreDb, entry: AuditEntry): Promise<void>;
  /** One entry in a unit of work of its own: where it landed in the chain. */
  appendAuditAlone(access: StoreAccess, entry: AuditEntry): Promise<ChainExtension['to']>;
  /** Called after each unit of work that appended to the audit trail has committed, with what it appended. */
  onAuditAppended(listener: (appended: ChainExtension) => void): void;
  close(): Promise<void>;
}
