import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, getTableColumns, inArray, sql, type Table } from 'drizzle-orm';
import pg from 'pg';
import { DATABASE_FILE_NAME } from '../app-core';
import { DatabaseOpenError, readDatabaseAsIs } from '../db/database';
import { createPgStore } from '../db/pg-store';
import * as sqliteTables from '../db/schema';
import * as pgTables from '../db/schema-pg';
import { SYSTEM_ACCESS, type StoreDb } from '../db/store';
import {
  AUDIT_SEAL_FILE_NAME,
  CHAIN_GENESIS,
  checkChainEntry,
  deriveAuditKey,
  readAuditSeal,
  type StoredChainEntry,
} from '../services/audit';
import {
  createEvidenceStore,
  deriveEvidenceKey,
  EVIDENCE_CIPHER,
  EVIDENCE_DIR_NAME,
  EVIDENCE_KEY_INFO,
  openSealedFile,
} from '../services/evidence-store';
import { readZoneKey, type ServerConfig } from './config';
import { checkSchema, SERVER_ROOT } from './zone-server';

/**
 * `hearing-desk-server import`: a standalone workstation's data folder joins the zone (zone.md,
 * "Moving a standalone workstation into the zone"): its database, evidence files, print archive
 * and audit trail, checked and verified, in one transaction, and the folder left as it was.
 *
 * Its victims and suspects come too (persons, their search keys, their hearings' links and the
 * link decisions), to be proposed to the zone's later hearings.
 *
 * Rows keep their ids, so a second import finds them and adds nothing. A row of a hearing the zone
 * holds under the same id with other content, a unit name or username the zone uses for another
 * row, is a conflict: the whole import is refused before anything is written. A hearing reference
 * the zone gives another hearing is not: every standalone workstation numbers from
 * HD-<year>-000001, so the second one to join meets the first's numbers. Such a hearing takes the
 * workstation's mark after its number (HD-2026-000001-K7QD), each one audited with both; the
 * papers printed before keep the number she was given, and the archive keeps them as printed.
 * Accounts, units and directory entries are the zone's once imported (ZONE_KEEPS). Accounts
 * keep their password hashes (officers sign in as before), but the workstation's administrators
 * and its support directory land deactivated: the zone's administrators decide whether they
 * serve the zone. The zone's own settings (the victim catalogs' reviews) and the workstation's
 * sessions are not imported.
 *
 * The audit trail is chained under a key derived from the workstation's database key, so it cannot
 * join the zone's chain: it is verified whole with that key (and against its seal), then kept
 * entry for entry in imported_audit_events, and one entry of the zone's own chain records the
 * import (the trail's id and head, the counts). Nothing of a hearing's content is printed or
 * recorded: ids, counts and hashes only.
 */

/** Why the import did not run; nothing was written to the zone, and the folder is as it was. */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly conflicts: readonly string[] = [],
  ) {
    super(
      conflicts.length > 0 ? `${message}\n  - ${conflicts.slice(0, 20).join('\n  - ')}${more(conflicts)}` : message,
    );
    this.name = 'ImportRefusedError';
  }
}

const more = (list: readonly string[]) => (list.length > 20 ? `\n  … and ${list.length - 20} more` : '');

export const STANDALONE_IMPORTED_ACTION = 'zone.standaloneImported';
/** The audit entry of a hearing imported under the workstation's mark (its hearing, both references). */
export const REFERENCE_MARKED_ACTION = 'hearing.referenceMarkedOnImport';

/** The tables imported, parents before children; each with its key columns. */
const IMPORTED = [
  { name: 'units', key: ['id'] },
  { name: 'users', key: ['id'] },
  { name: 'supportServices', key: ['id'] },
  { name: 'hearings', key: ['id'] },
  { name: 'hearingForms', key: ['hearingId', 'formId'] },
  { name: 'addenda', key: ['id'] },
  { name: 'answers', key: ['hearingId', 'formId', 'fieldId'] },
  { name: 'answerHistory', key: ['hearingId', 'formId', 'fieldId', 'revision'] },
  { name: 'riskAssessments', key: ['id'] },
  { name: 'riskEvents', key: ['id'] },
  { name: 'evidenceItems', key: ['id'] },
  { name: 'evidenceFiles', key: ['id'] },
  { name: 'evidenceCustodyEvents', key: ['id'] },
  { name: 'printedDocuments', key: ['id'] },
  { name: 'victimCopyReviews', key: ['id'] },
  // The workstation's victims and suspects (services/persons.ts), as its hearings left them: in the
  // zone they are proposed to later hearings like any other, and linked only by an officer.
  { name: 'persons', key: ['id'] },
  { name: 'personSearchKeys', key: ['personId', 'key'] },
  { name: 'hearingPersons', key: ['hearingId', 'role'] },
  { name: 'personLinkEvents', key: ['id'] },
  // Which of a pair's hearings carries its due reassessment (services/pairs.ts).
  { name: 'pairSupersessions', key: ['hearingId'] },
] as const;

type ImportedTable = (typeof IMPORTED)[number]['name'];
type Row = Record<string, unknown>;

/** How an evidence file's copy is sealed: the zone's copy is sealed anew, under the zone's key. */
const SEALING_COLUMNS = new Set(['storedName', 'cipher', 'keyInfo', 'iv', 'authTag']);

/**
 * Accounts, units and the directory belong to the zone once imported: its administrators rename,
 * reactivate and reset them, and sign-ins count failures. Compared by what never changes, so that
 * importing the folder again after the zone has used them still finds them; hearing content is
 * compared column by column.
 */
const ZONE_KEEPS: Partial<Record<ImportedTable, readonly string[]>> = {
  units: ['id', 'createdAt'],
  users: ['id', 'createdAt'],
  supportServices: ['id'],
};

export interface ImportCounts {
  /** Rows in the folder. */
  inFolder: number;
  /** Added to the zone by this import. */
  added: number;
}

export interface ImportSummary {
  /** The imported trail's id: the hash of its first entry. */
  source: string;
  tables: Record<ImportedTable, ImportCounts>;
  auditTrail: ImportCounts & { head: { seq: number; hash: string } };
  /** Each file decrypted, sealed under the zone's key and read back to its recorded SHA-256 (new and already imported). */
  evidenceFilesVerified: number;
  /** Each archived PDF's SHA-256 in the zone, against the one recorded when it was printed. */
  printsVerified: number;
  /** Hearings whose reference the zone gave another hearing, added under the workstation's mark. */
  referencesMarked: { hearingId: string; from: string; to: string }[];
  /** The workstation's administrators, deactivated in the zone. */
  administratorsDeactivated: number;
  /** Kept in the folder: the catalog reviews (the zone's administrators keep their own) and the sessions. */
  notImported: { victimCatalogReviews: number; sessions: number };
  /** False when the zone already held everything: nothing was written. */
  changed: boolean;
}

export interface ImportOptions {
  config: ServerConfig;
  /** The standalone workstation's data folder (read only). */
  from: string;
  /** That workstation's database key. */
  standaloneKey: Buffer;
  now?: () => number;
  /** The SQLite migrations this build knows (the folder must be up to date with them). */
  sqliteMigrationsFolder?: string;
}

interface StandaloneFolder {
  rows: Record<ImportedTable, Row[]>;
  trail: StoredChainEntry[];
  notImported: ImportSummary['notImported'];
}

export async function importStandaloneFolder(options: ImportOptions): Promise<ImportSummary> {
  const { config, from } = options;
  const now = options.now ?? Date.now;
  if (!config.database.migrationUrl)
    throw new ImportRefusedError(
      'database.migrationUrl (or HEARING_DESK_MIGRATION_URL) is required: the import writes as the tables’ owner',
    );
  const folder = readStandaloneFolder(from, options.standaloneKey, options.sqliteMigrationsFolder);
  const standaloneAuditKey = deriveAuditKey(options.standaloneKey);
  let head: { seq: number; hash: string };
  try {
    head = verifyImportedTrail(from, folder.trail, standaloneAuditKey);
  } finally {
    standaloneAuditKey.fill(0);
  }
  refuseDamagedPrints(folder.rows.printedDocuments);

  const zoneKey = readZoneKey(config.keyFile);
  const pool = new pg.Pool({ connectionString: config.database.migrationUrl, max: 2 });
  const store = createPgStore(pool, { auditKey: deriveAuditKey(zoneKey) });
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const zoneFiles = createEvidenceStore({
    dir: path.join(config.dataDir, EVIDENCE_DIR_NAME),
    key: deriveEvidenceKey(zoneKey),
  });
  zoneKey.fill(0);
  const standaloneEvidenceKey = deriveEvidenceKey(options.standaloneKey);
  const sealedHere: string[] = [];
  try {
    await checkSchema(pool);
    await refuseWithoutBypass(pool);
    const source = folder.trail[0]!.hash;
    return await store.transaction(SYSTEM_ACCESS, async (tx) => {
      // The owner reads past row-level security (checked above); were it not so, PostgreSQL would
      // refuse these statements rather than silently show fewer rows.
      await tx.execute(sql`SET LOCAL row_security = off`);
      // The workstation's administrators land deactivated: into a zone without an administrator of
      // its own, nobody could ever administer it again (its first-run screen is gone with the
      // accounts the import brings).
      const { users } = pgTables;
      const zoneAdministrators = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'administrator'), eq(users.active, true)))
        .limit(1);
      if (zoneAdministrators.length === 0)
        throw new ImportRefusedError(
          'The zone has no administrator of its own yet: open a workstation of the zone, create its first administrator there, then import (the workstation’s administrators arrive deactivated); nothing was imported',
        );
      const marked = await markTakenReferences(tx, folder, source);
      const plan = await planImport(tx, folder, source);
      if (plan.conflicts.length > 0)
        throw new ImportRefusedError(
          'The zone holds other data under the same identities; nothing was imported',
          plan.conflicts,
        );

      // Evidence files first: the zone's rows name the zone's sealed copies.
      let evidenceFilesVerified = 0;
      const evidenceFiles: Row[] = [];
      for (const row of plan.toAdd.evidenceFiles) {
        if (row.cipher !== EVIDENCE_CIPHER || row.keyInfo !== EVIDENCE_KEY_INFO)
          throw new ImportRefusedError(`Evidence file ${String(row.id)} is sealed in a way this version does not know`);
        const original = { sha256: String(row.sha256), size: Number(row.size) };
        const sealed = await zoneFiles
          .ingest(
            openSealedFile(path.join(from, EVIDENCE_DIR_NAME), standaloneEvidenceKey, {
              storedName: String(row.storedName),
              iv: String(row.iv),
              authTag: String(row.authTag),
            }),
            { expectedSize: original.size, maxBytes: original.size },
          )
          .catch((error: unknown) => {
            throw new ImportRefusedError(
              `Evidence file ${String(row.id)} could not be sealed in the zone (${(error as Error).message}): its copy in the folder is missing, altered or not under this key, or the zone's disk is full; nothing was imported`,
            );
          });
        sealedHere.push(sealed.storedName);
        if (sealed.sha256 !== original.sha256)
          throw new ImportRefusedError(
            `Evidence file ${String(row.id)} of the folder does not match its recorded SHA-256; nothing was imported`,
          );
        evidenceFiles.push({ ...row, ...sealed, ...original });
      }
      for (const row of [...evidenceFiles, ...plan.present.evidenceFiles]) {
        const verified = await zoneFiles.verify(row as Parameters<typeof zoneFiles.verify>[0]);
        if (!verified.ok)
          throw new ImportRefusedError(
            `The zone's copy of evidence file ${String(row.id)} is ${verified.problem}; nothing was imported`,
          );
        evidenceFilesVerified++;
      }

      const tables = {} as Record<ImportedTable, ImportCounts>;
      for (const { name } of IMPORTED) {
        const rows = name === 'evidenceFiles' ? evidenceFiles : plan.toAdd[name];
        await insertRows(tx, pgTables[name], rows);
        tables[name] = { inFolder: folder.rows[name].length, added: rows.length };
      }
      await insertRows(
        tx,
        pgTables.importedAuditEvents,
        plan.trailToAdd.map((entry) => ({ sourceId: source, ...entry })),
      );

      const printIds = folder.rows.printedDocuments.map((row) => String(row.id));
      const { printedDocuments } = pgTables;
      const altered = await tx
        .select({ id: printedDocuments.id })
        .from(printedDocuments)
        .where(
          and(
            inArray(printedDocuments.id, printIds.length > 0 ? printIds : ['']),
            sql`encode(sha256(${printedDocuments.pdf}), 'hex') <> ${printedDocuments.sha256}`,
          ),
        );
      if (altered.length > 0)
        throw new ImportRefusedError(
          'Archived prints do not match their recorded SHA-256 in the zone; nothing was imported',
          altered.map((r) => `printed document ${r.id}`),
        );

      const rowsAdded = Object.values(tables).reduce((sum, t) => sum + t.added, 0) + plan.trailToAdd.length;
      const added = new Set(plan.toAdd.hearings.map((h) => String(h.id)));
      const referencesMarked = marked.filter((m) => added.has(m.hearingId));
      const summary: ImportSummary = {
        source,
        tables,
        referencesMarked,
        auditTrail: { inFolder: folder.trail.length, added: plan.trailToAdd.length, head },
        evidenceFilesVerified,
        printsVerified: printIds.length,
        administratorsDeactivated: folder.rows.users.filter((u) => u.role === 'administrator').length,
        notImported: folder.notImported,
        changed: rowsAdded > 0,
      };
      for (const { hearingId, from: before, to } of referencesMarked)
        await store.appendAudit(tx, {
          at: now(),
          userId: null,
          action: REFERENCE_MARKED_ACTION,
          hearingId,
          details: { source, from: before, to },
        });
      if (summary.changed) {
        await store.appendAudit(tx, {
          at: now(),
          userId: null,
          action: STANDALONE_IMPORTED_ACTION,
          details: {
            source,
            importedTrailHead: head,
            added: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.added])),
            auditEntriesAdded: plan.trailToAdd.length,
            evidenceFilesVerified,
            printsVerified: summary.printsVerified,
            referencesMarked: referencesMarked.length,
          },
        });
      }
      return summary;
    });
  } catch (error) {
    // The rows naming them were never committed: these copies were never part of the zone.
    for (const storedName of sealedHere) await zoneFiles.discard(storedName);
    throw error;
  } finally {
    standaloneEvidenceKey.fill(0);
    await store.close();
  }
}

/** The folder's database read as it is: a read-only view that writes no file of the folder. */
function readStandaloneFolder(from: string, key: Buffer, migrationsFolder?: string): StandaloneFolder {
  if (!fs.existsSync(path.join(from, DATABASE_FILE_NAME)))
    throw new ImportRefusedError(`${from} holds no Hearing Desk database (${DATABASE_FILE_NAME})`);
  try {
    return readDatabaseAsIs(
      {
        file: path.join(from, DATABASE_FILE_NAME),
        key,
        migrationsFolder: migrationsFolder ?? path.join(SERVER_ROOT, 'migrations', 'sqlite'),
        backupsFolder: path.join(from, 'backups'),
        copyDir: os.tmpdir(),
      },
      ({ db, pendingMigrations }) => {
        if (pendingMigrations > 0)
          throw new ImportRefusedError(
            `The folder's database was last opened by an older version of Hearing Desk (${pendingMigrations} migration(s) behind this one): open it once with this version of the app, which updates it, then import it`,
          );
        const rows = {} as Record<ImportedTable, Row[]>;
        for (const { name } of IMPORTED) rows[name] = db.select().from(sqliteTables[name]).all() as Row[];
        const trail = db
          .select()
          .from(sqliteTables.auditEvents)
          .orderBy(sqliteTables.auditEvents.seq)
          .all() as StoredChainEntry[];
        const counted = (table: Table) =>
          db
            .select({ n: sql<number>`count(*)` })
            .from(table)
            .get()?.n ?? 0;
        return {
          rows,
          trail,
          notImported: {
            victimCatalogReviews: counted(sqliteTables.victimCatalogReviews),
            sessions: counted(sqliteTables.sessions),
          },
        };
      },
    );
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      const hint =
        error.code === 'DATABASE_WRONG_KEY'
          ? 'The key file does not hold this folder’s database key'
          : error.code === 'DATABASE_TOO_NEW'
            ? 'The folder was written by a newer version of Hearing Desk: upgrade this server first'
            : error.message;
      throw new ImportRefusedError(`${hint}; nothing was imported`);
    }
    throw error;
  }
}

/**
 * The whole trail, checked with the workstation's key from its first entry, and against its
 * seal: a trail shorter than its seal, or one whose seal another key wrote, was cut or replaced.
 */
function verifyImportedTrail(from: string, trail: StoredChainEntry[], key: Buffer): { seq: number; hash: string } {
  if (trail.length === 0)
    throw new ImportRefusedError(
      'The folder’s audit trail is empty: open it once with the app (which anchors its trail), then import it',
    );
  let before: { prevHash: string; keyedFrom: number | null } = { prevHash: CHAIN_GENESIS, keyedFrom: null };
  for (const entry of trail) {
    const checked = checkChainEntry(key, before, entry);
    if (!checked)
      throw new ImportRefusedError(
        `The folder’s audit trail is broken at entry ${entry.seq}; nothing was imported (the app's Audit page shows the finding)`,
      );
    before = { prevHash: entry.hash, keyedFrom: checked.keyedFrom };
  }
  const seal = readAuditSeal(path.join(from, AUDIT_SEAL_FILE_NAME), key);
  if (seal === 'missing' || seal === 'invalid')
    throw new ImportRefusedError(
      `The folder’s audit seal (${AUDIT_SEAL_FILE_NAME}) is ${seal}: the trail cannot be shown whole; nothing was imported`,
    );
  const sealed = trail.find((entry) => entry.seq === seal.head.seq);
  if (!sealed || sealed.hash !== seal.head.hash)
    throw new ImportRefusedError(
      `The folder’s audit trail ends before the head its seal records (entry ${seal.head.seq}): it was cut; nothing was imported`,
    );
  const last = trail.at(-1)!;
  return { seq: last.seq, hash: last.hash };
}

function refuseDamagedPrints(prints: Row[]): void {
  const damaged = prints.filter(
    (row) =>
      createHash('sha256')
        .update(row.pdf as Buffer)
        .digest('hex') !== row.sha256,
  );
  if (damaged.length > 0)
    throw new ImportRefusedError(
      'Archived prints of the folder do not match their recorded SHA-256; nothing was imported',
      damaged.map((row) => `printed document ${String(row.id)}`),
    );
}

/** Only a role that reads past row-level security sees whether an id or a name is taken in another unit. */
async function refuseWithoutBypass(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ bypass: boolean }>(
    'SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user',
  );
  if (!rows[0]?.bypass)
    throw new ImportRefusedError(
      'The migration role (database.migrationUrl) cannot read past row-level security: as PostgreSQL’s superuser, ALTER ROLE <it> BYPASSRLS, then import again',
    );
}

interface Plan {
  toAdd: Record<ImportedTable, Row[]>;
  /** Rows the zone already holds as the folder does. */
  present: Record<ImportedTable, Row[]>;
  trailToAdd: StoredChainEntry[];
  conflicts: string[];
}

/** Every row of the folder as the zone holds it, will hold it, or cannot: nothing is written here. */
async function planImport(tx: StoreDb, folder: StandaloneFolder, source: string): Promise<Plan> {
  const conflicts: string[] = [];
  const toAdd = {} as Record<ImportedTable, Row[]>;
  const present = {} as Record<ImportedTable, Row[]>;
  for (const { name, key } of IMPORTED) {
    const table = pgTables[name];
    const columns = getTableColumns(table) as Record<string, Parameters<typeof inArray>[0]>;
    const compared =
      ZONE_KEEPS[name] ?? Object.keys(columns).filter((c) => !(name === 'evidenceFiles' && SEALING_COLUMNS.has(c)));
    const keyOf = (row: Row) => JSON.stringify(key.map((k) => row[k]));
    const zoneRows = new Map<string, Row>();
    // The zone's rows under the first column of the key (a hearing's, a person's), then matched whole.
    const lookup = {
      column: columns[key[0]]!,
      values: [...new Set(folder.rows[name].map((r) => String(r[key[0]])))],
    };
    for (const chunk of chunks(lookup.values, 5000))
      for (const row of (await tx.select().from(table).where(inArray(lookup.column, chunk))) as Row[])
        zoneRows.set(keyOf(row), row);
    toAdd[name] = [];
    present[name] = [];
    for (const standalone of folder.rows[name]) {
      const expected = asInZone(name, standalone);
      const found = zoneRows.get(keyOf(expected));
      if (!found) toAdd[name].push(expected);
      else if (comparable(found, compared) === comparable(expected, compared)) present[name].push(found);
      else conflicts.push(`${describeRow(name, expected, key)}: the zone holds it with other content`);
    }
  }
  conflicts.push(...(await uniqueConflicts(tx, toAdd)));

  // The trail: entries the zone holds must be the folder's, entry for entry.
  const { importedAuditEvents } = pgTables;
  const held = await tx
    .select()
    .from(importedAuditEvents)
    .where(eq(importedAuditEvents.sourceId, source))
    .orderBy(importedAuditEvents.seq);
  const bySeq = new Map(folder.trail.map((entry) => [entry.seq, entry]));
  const trailFields = ['seq', 'at', 'userId', 'action', 'hearingId', 'detailsJson', 'prevHash', 'hash'];
  for (const entry of held) {
    const mine = bySeq.get(entry.seq);
    if (mine && comparable(entry, trailFields) !== comparable(mine, trailFields))
      conflicts.push(`audit trail entry ${entry.seq}: the zone holds another entry there for this trail`);
  }
  const heldUpTo = held.at(-1)?.seq ?? 0;
  const trailToAdd = folder.trail.filter((entry) => entry.seq > heldUpTo);
  return { toAdd, present, trailToAdd, conflicts };
}

/**
 * The mark a workstation's hearings take after their number when the zone gives the number to
 * another hearing: four letters and digits that cannot be misread (no 0, O, 1, I), from the
 * trail's id, so that a second import finds the same references.
 */
export function workstationMark(source: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(createHash('sha256').update(source).digest().subarray(0, 4), (byte) => alphabet[byte % 32]).join(
    '',
  );
}

/**
 * The folder's hearings whose reference the zone gives another hearing, renamed in `folder` with
 * the workstation's mark before anything is compared: a marked reference the zone also gives
 * another hearing is then a conflict like any other.
 */
async function markTakenReferences(
  tx: StoreDb,
  folder: StandaloneFolder,
  source: string,
): Promise<ImportSummary['referencesMarked']> {
  const { hearings } = pgTables;
  const idByReference = new Map(folder.rows.hearings.map((h) => [String(h.reference), String(h.id)]));
  const marked = new Map<string, { hearingId: string; from: string; to: string }>();
  const mark = workstationMark(source);
  for (const chunk of chunks([...idByReference.keys()], 5000))
    for (const zoneRow of await tx
      .select({ id: hearings.id, reference: hearings.reference })
      .from(hearings)
      .where(inArray(hearings.reference, chunk))) {
      const hearingId = idByReference.get(zoneRow.reference)!;
      if (zoneRow.id !== hearingId)
        marked.set(hearingId, { hearingId, from: zoneRow.reference, to: `${zoneRow.reference}-${mark}` });
    }
  folder.rows.hearings = folder.rows.hearings.map((h) => {
    const renamed = marked.get(String(h.id));
    return renamed ? { ...h, reference: renamed.to } : h;
  });
  return [...marked.values()];
}

/** A name, username or reference the zone gives another row: the row cannot keep it. */
async function uniqueConflicts(tx: StoreDb, toAdd: Record<ImportedTable, Row[]>): Promise<string[]> {
  const { units, users, hearings } = pgTables;
  const conflicts: string[] = [];
  const taken = async (
    table: typeof units | typeof users | typeof hearings,
    column: typeof units.name | typeof users.username | typeof hearings.reference,
    rows: Row[],
    field: string,
    say: (row: Row) => string,
  ) => {
    const values = rows.map((row) => String(row[field]));
    const byValue = new Map(rows.map((row) => [String(row[field]), row]));
    for (const chunk of chunks(values, 5000)) {
      const found = (await tx.select().from(table).where(inArray(column, chunk))) as Row[];
      for (const zoneRow of found) {
        const mine = byValue.get(String(zoneRow[field]))!;
        if (zoneRow.id !== mine.id) conflicts.push(say(mine));
      }
    }
  };
  await taken(
    units,
    units.name,
    toAdd.units,
    'name',
    (u) =>
      `unit ${String(u.id)}: its name “${String(u.name)}” is another unit's in the zone (rename it in the app first)`,
  );
  // A username is an officer's: said by the account's id only.
  await taken(
    users,
    users.username,
    toAdd.users,
    'username',
    (u) => `account ${String(u.id)}: its username is another account's in the zone (change it in the app first)`,
  );
  await taken(
    hearings,
    hearings.reference,
    toAdd.hearings,
    'reference',
    (h) => `hearing ${String(h.id)}: its reference ${String(h.reference)} is another hearing's in the zone`,
  );
  return conflicts;
}

/**
 * A row as it lands in the zone: the workstation's administrators and its support directory
 * deactivated (the zone's administrators decide whether they serve the zone), the rest as it is.
 */
function asInZone(name: ImportedTable, row: Row): Row {
  if (name === 'users' && row.role === 'administrator') return { ...row, active: false };
  if (name === 'supportServices') return { ...row, active: false };
  return row;
}

function describeRow(name: ImportedTable, row: Row, key: readonly string[]): string {
  return `${name} ${key.map((k) => String(row[k])).join(' / ')}`;
}

/** The same text for the same values on both stores (PDFs as hexadecimal). */
function comparable(row: object, columns: readonly string[]): string {
  const values = row as Row;
  return JSON.stringify(
    columns.map((c) => (Buffer.isBuffer(values[c]) ? values[c].toString('hex') : (values[c] ?? null))),
  );
}

/** Below PostgreSQL's 65,535 parameters a statement. */
async function insertRows(tx: StoreDb, table: Table, rows: Row[]): Promise<void> {
  const perRow = Object.keys(getTableColumns(table)).length;
  for (const chunk of chunks(rows, Math.floor(60_000 / perRow))) await tx.insert(table).values(chunk as never);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The summary `hearing-desk-server import` prints: counts, ids and hashes, no personal data. */
export function describeImport(summary: ImportSummary): string {
  const lines = [
    summary.changed
      ? `Imported the standalone folder (trail ${summary.source.slice(0, 16)}…) into the zone.`
      : `Nothing changed: the zone already holds everything of this folder (trail ${summary.source.slice(0, 16)}…).`,
    ...Object.entries(summary.tables).map(
      ([name, t]) => `  ${name}: ${t.inFolder} in the folder, ${t.added} added, ${t.inFolder - t.added} already there`,
    ),
    `  audit trail: ${summary.auditTrail.inFolder} entries verified with the folder's key, ${summary.auditTrail.added} added (head ${summary.auditTrail.head.seq}, ${summary.auditTrail.head.hash})`,
    `  evidence files: ${summary.evidenceFilesVerified} sealed under the zone key and verified (SHA-256)`,
    `  printed documents: ${summary.printsVerified} verified (SHA-256)`,
  ];
  if (summary.referencesMarked.length > 0)
    lines.push(
      `  ${summary.referencesMarked.length} hearing(s) took the workstation's mark, their number being another hearing's in the zone (papers printed before keep the number she was given):`,
      ...summary.referencesMarked.map((m) => `    ${m.from} -> ${m.to}`),
    );
  if (summary.administratorsDeactivated > 0)
    lines.push(
      `  ${summary.administratorsDeactivated} administrator account(s) of the workstation are deactivated in the zone: a zone administrator reactivates one if she should administer the zone`,
    );
  lines.push(
    `  support directory entries come deactivated: the zone's administrator reactivates those the zone keeps`,
    `  not imported: ${summary.notImported.victimCatalogReviews} catalog review(s) (the zone keeps its own), ${summary.notImported.sessions} session(s)`,
  );
  return `${lines.join('\n')}\n`;
}
