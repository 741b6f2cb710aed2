import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, eq, max } from 'drizzle-orm';
import {
  EVIDENCE_LIMITS,
  EVIDENCE_MAX_FILE_BYTES,
  evidenceLabel,
  type EvidenceItemFields,
} from '../../domain/evidence-rules';
import { AppError } from '../api/app-error';
import type { ChannelOutput, EvidenceFileView, EvidenceItemView, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb, type StoreTables } from '../db/store';
import type { EvidenceStore, SealedFile } from './evidence-store';
import type { HearingService } from './hearings';

type ItemRow = StoreTables['evidenceItems']['$inferSelect'];
type FileRow = StoreTables['evidenceFiles']['$inferSelect'];

export const MANIFEST_FORMAT = 'hearing-desk evidence manifest v1';
/** A capture or hand-over "in the future" beyond a clock's drift is a typing error. */
const CLOCK_DRIFT_MS = 5 * 60_000;
/**
 * The errors of the import itself, kept in the audit trail (who tried what, and why it failed),
 * and an account that lost its right to it while the file arrived.
 */
const IMPORT_FAILURES = new Set([
  'FILE_UNREADABLE',
  'FILE_CHANGED_DURING_IMPORT',
  'DISK_FULL',
  'FILE_TOO_LARGE',
  'NOT_SIGNED_IN',
]);
/** The roles that may hold a hearing (the dispatcher's rule for evidence.importFiles). */
const FILE_IMPORT_ROLES: readonly string[] = ['officer', 'supervisor'];

export interface FileImportRequest {
  hearingId: string;
  itemId: string;
  originalName: string;
  /** The announced size (Content-Length): checked against free space first, and against what arrives. */
  expectedSize?: number | undefined;
  /** `sole` for the browser host's request body, which nobody else reads once it is handed over. */
  releaseChunks?: 'sole' | undefined;
  onProgress?: ((bytes: number) => void) | undefined;
}

/**
 * The evidence register of a hearing (digital-violence.md, C2 to C4): items, their files imported
 * read-only and hashed with SHA-256 while streaming into the encrypted store, custody events, and
 * the manifest whose hash goes into the report. The hearing's owner writes; the owner and a
 * supervisor of the unit read. Every change is audited in its own transaction, never its content.
 */
export function createEvidenceService({
  store,
  hearings: hearingsService,
  files: fileStore,
  now,
}: {
  store: Store;
  hearings: HearingService;
  /** The encrypted evidence files beside the records. */
  files: EvidenceStore;
  now: () => number;
}) {
  const { evidenceCustodyEvents, evidenceFiles, evidenceItems, hearings, users } = store.tables;

  async function userNames(tx: StoreDb): Promise<Map<string, { name: string; username: string }>> {
    const rows = await tx.select({ id: users.id, name: users.displayName, username: users.username }).from(users);
    return new Map(rows.map((u) => [u.id, { name: u.name, username: u.username }]));
  }

  function itemRows(tx: StoreDb, hearingId: string): Promise<ItemRow[]> {
    return tx
      .select()
      .from(evidenceItems)
      .where(eq(evidenceItems.hearingId, hearingId))
      .orderBy(asc(evidenceItems.number));
  }

  function fileRows(tx: StoreDb, hearingId: string): Promise<FileRow[]> {
    return tx
      .select()
      .from(evidenceFiles)
      .where(eq(evidenceFiles.hearingId, hearingId))
      .orderBy(asc(evidenceFiles.importedAt), asc(evidenceFiles.id));
  }

  /** The name as the officer may read it; the manifest keeps the recorded one (recordedFileName). */
  function fileView(row: FileRow, names: Map<string, { name: string }>): EvidenceFileView {
    return {
      id: row.id,
      originalName: shownFileName(row.originalName),
      size: row.size,
      sha256: row.sha256,
      importedAt: row.importedAt,
      importedByName: names.get(row.importedBy)?.name ?? '',
    };
  }

  async function itemViews(tx: StoreDb, hearingId: string): Promise<EvidenceItemView[]> {
    const names = await userNames(tx);
    const files = await fileRows(tx, hearingId);
    const custody = await tx
      .select()
      .from(evidenceCustodyEvents)
      .where(eq(evidenceCustodyEvents.hearingId, hearingId))
      .orderBy(asc(evidenceCustodyEvents.handedAt), asc(evidenceCustodyEvents.recordedAt));
    return (await itemRows(tx, hearingId)).map((row) => ({
      id: row.id,
      label: evidenceLabel(row.number),
      number: row.number,
      type: row.type,
      description: row.description,
      platform: row.platform,
      accountIds: row.accountIds,
      url: row.url,
      eventTime: row.eventTime,
      eventTimeZone: row.eventTimeZone,
      capturedAt: row.capturedAt,
      capturedByName: names.get(row.capturedBy)?.name ?? '',
      captureMethod: row.captureMethod,
      toolVersion: row.toolVersion,
      originalLocation: row.originalLocation,
      relatedPrompts: JSON.parse(row.relatedPromptsJson) as string[],
      sensitivity: row.sensitivity,
      platformReportNumber: row.platformReportNumber,
      stopNciiCaseNumber: row.stopNciiCaseNumber,
      revision: row.revision,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      files: files.filter((f) => f.itemId === row.id).map((f) => fileView(f, names)),
      custody: custody
        .filter((c) => c.itemId === row.id)
        .map((c) => ({
          id: c.id,
          handedTo: c.handedTo,
          handedAt: c.handedAt,
          medium: c.medium,
          note: c.note,
          recordedAt: c.recordedAt,
          recordedByName: names.get(c.recordedBy)?.name ?? '',
        })),
    }));
  }

  /**
   * C4.1-2: every item and file of the hearing as one deterministic JSON text (fixed key order,
   * items by number, files by import), and its SHA-256, to be printed in the report so the set
   * can be verified later. People are named by username, which does not change; custody events
   * are not part of it, so the hash printed in the report stays valid when the items are handed on.
   */
  async function manifest(
    tx: StoreDb,
    hearingId: string,
  ): Promise<{ json: string; sha256: string; items: number; files: number }> {
    const [hearing] = await tx
      .select({ reference: hearings.reference })
      .from(hearings)
      .where(eq(hearings.id, hearingId));
    const names = await userNames(tx);
    const who = (id: string) => names.get(id)?.username ?? id;
    const files = await fileRows(tx, hearingId);
    const items = await itemRows(tx, hearingId);
    const document = {
      format: MANIFEST_FORMAT,
      hearing: hearing?.reference ?? hearingId,
      items: items.map((row) => ({
        id: evidenceLabel(row.number),
        uuid: row.id,
        type: row.type,
        description: row.description,
        platform: row.platform,
        accountIds: row.accountIds,
        url: row.url,
        eventTime: row.eventTime,
        eventTimeZone: row.eventTimeZone,
        capturedAt: new Date(row.capturedAt).toISOString(),
        capturedBy: who(row.capturedBy),
        captureMethod: row.captureMethod,
        toolVersion: row.toolVersion,
        originalLocation: row.originalLocation,
        relatedPrompts: JSON.parse(row.relatedPromptsJson) as string[],
        sensitivity: row.sensitivity,
        platformReportNumber: row.platformReportNumber,
        stopNciiCaseNumber: row.stopNciiCaseNumber,
        files: files
          .filter((f) => f.itemId === row.id)
          .map((f) => ({
            name: f.originalName,
            size: f.size,
            sha256: f.sha256,
            importedAt: new Date(f.importedAt).toISOString(),
            importedBy: who(f.importedBy),
          })),
      })),
    };
    const json = JSON.stringify(document);
    return {
      json,
      sha256: createHash('sha256').update(json, 'utf8').digest('hex'),
      items: items.length,
      files: files.length,
    };
  }

  /** The register as the owner or a supervisor of the unit sees it; the manifest computed now is audited. */
  async function list(user: UserView, hearingId: string): Promise<ChannelOutput<'evidence.list'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const { row, access } = await hearingsService.requireReadableHearing(tx, user, hearingId);
      const items = await itemViews(tx, hearingId);
      const computed = await manifest(tx, hearingId);
      await store.appendAudit(tx, {
        at: now(),
        userId: user.id,
        action: 'evidence.manifest_computed',
        hearingId,
        details: { sha256: computed.sha256, items: computed.items, files: computed.files },
      });
      return { access, hearingOpen: row.status === 'open', items, manifest: computed };
    });
  }

  /** Items and files change only while the hearing is open, and only by its owner. */
  async function requireOpenOwnHearing(tx: StoreDb, user: UserView, hearingId: string) {
    const row = await hearingsService.requireOwnHearing(tx, user, hearingId);
    if (row.status !== 'open') throw new AppError('HEARING_CLOSED', 'A closed hearing cannot be changed');
    return row;
  }

  async function findItem(tx: StoreDb, hearingId: string, itemId: string): Promise<ItemRow> {
    const [item] = await tx
      .select()
      .from(evidenceItems)
      .where(and(eq(evidenceItems.id, itemId), eq(evidenceItems.hearingId, hearingId)));
    if (!item) throw new AppError('NOT_FOUND', 'No such evidence item in this hearing');
    return item;
  }

  async function hasFiles(tx: StoreDb, itemId: string): Promise<boolean> {
    const found = await tx
      .select({ id: evidenceFiles.id })
      .from(evidenceFiles)
      .where(eq(evidenceFiles.itemId, itemId))
      .limit(1);
    return found.length > 0;
  }

  function checkNotFuture(at: number | null, field: string): void {
    if (at !== null && at > now() + CLOCK_DRIFT_MS)
      throw new AppError('VALIDATION', `${field} is in the future`, [field]);
  }

  function columns(fields: EvidenceItemFields) {
    return {
      type: fields.type,
      description: fields.description,
      platform: fields.platform,
      accountIds: fields.accountIds,
      url: fields.url,
      eventTime: fields.eventTime,
      eventTimeZone: fields.eventTimeZone,
      captureMethod: fields.captureMethod,
      toolVersion: fields.toolVersion,
      originalLocation: fields.originalLocation,
      relatedPromptsJson: JSON.stringify(fields.relatedPrompts),
      sensitivity: fields.sensitivity,
      platformReportNumber: fields.platformReportNumber,
      stopNciiCaseNumber: fields.stopNciiCaseNumber,
    };
  }

  /** Creates an item (no itemId) or corrects one at the revision it was read at. */
  async function save(
    user: UserView,
    input: { hearingId: string; itemId?: string | undefined; revision?: number | undefined; item: EvidenceItemFields },
  ): Promise<ChannelOutput<'evidence.save'>> {
    return store.transaction(accessOf(user), (tx) => saveIn(tx, user, input));
  }

  /** save inside a unit of work the caller holds (the phone check records its findings so). */
  async function saveIn(
    tx: StoreDb,
    user: UserView,
    input: { hearingId: string; itemId?: string | undefined; revision?: number | undefined; item: EvidenceItemFields },
  ): Promise<ChannelOutput<'evidence.save'>> {
    await requireOpenOwnHearing(tx, user, input.hearingId);
    checkNotFuture(input.item.capturedAt, 'capturedAt');
    const at = now();
    const values = columns(input.item);
    const itemId = await (async () => {
      if (input.itemId === undefined) {
        const [highest] = await tx
          .select({ n: max(evidenceItems.number) })
          .from(evidenceItems)
          .where(eq(evidenceItems.hearingId, input.hearingId));
        const number = (highest?.n ?? 0) + 1;
        const id = randomUUID();
        await tx.insert(evidenceItems).values({
          id,
          hearingId: input.hearingId,
          number,
          ...values,
          capturedAt: input.item.capturedAt ?? at,
          capturedBy: user.id,
          revision: 1,
          createdAt: at,
          createdBy: user.id,
          updatedAt: at,
          updatedBy: user.id,
        });
        await store.appendAudit(tx, {
          at,
          userId: user.id,
          action: 'evidence.item_created',
          hearingId: input.hearingId,
          details: { itemId: id, number, type: values.type, sensitivity: values.sensitivity },
        });
        return id;
      }
      const current = await findItem(tx, input.hearingId, input.itemId);
      if (input.revision !== current.revision)
        throw new AppError('STALE_REVISION', 'This item was changed elsewhere since it was loaded', ['item']);
      if (values.sensitivity === 'minor' && (await hasFiles(tx, current.id))) {
        throw new AppError('MINOR_IMAGES_NOT_STORED', 'An item with files cannot be marked as images of a minor', [
          'sensitivity',
        ]);
      }
      const next = { ...values, capturedAt: input.item.capturedAt ?? current.capturedAt };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
      await tx
        .update(evidenceItems)
        .set({ ...next, revision: current.revision + 1, updatedAt: at, updatedBy: user.id })
        .where(eq(evidenceItems.id, current.id));
      // Which fields changed, never what they say.
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'evidence.item_updated',
        hearingId: input.hearingId,
        details: { itemId: current.id, number: current.number, revision: current.revision + 1, changed },
      });
      return current.id;
    })();
    const item = (await itemViews(tx, input.hearingId)).find((i) => i.id === itemId);
    if (!item) throw new Error('The saved evidence item is missing');
    return { item };
  }

  /** C4.4: who it was handed to, when, on what medium. Also after closing: evidence moves on. */
  async function recordCustody(
    user: UserView,
    input: { hearingId: string; itemId: string; handedTo: string; handedAt: number; medium: string; note: string },
  ): Promise<ChannelOutput<'evidence.recordCustody'>> {
    checkNotFuture(input.handedAt, 'handedAt');
    const at = now();
    const id = randomUUID();
    await store.transaction(accessOf(user), async (tx) => {
      await hearingsService.requireOwnHearing(tx, user, input.hearingId);
      const item = await findItem(tx, input.hearingId, input.itemId);
      await tx.insert(evidenceCustodyEvents).values({
        id,
        itemId: item.id,
        hearingId: input.hearingId,
        handedTo: input.handedTo,
        handedAt: input.handedAt,
        medium: input.medium,
        note: input.note,
        recordedAt: at,
        recordedBy: user.id,
      });
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'evidence.custody_recorded',
        hearingId: input.hearingId,
        details: { itemId: item.id, number: item.number, eventId: id },
      });
    });
    return {
      event: {
        id,
        handedTo: input.handedTo,
        handedAt: input.handedAt,
        medium: input.medium,
        note: input.note,
        recordedAt: at,
        recordedByName: user.displayName,
      },
    };
  }

  /** Before any byte is read: the hearing is hers and open, the item exists and may hold files. */
  async function requireFileTarget(tx: StoreDb, user: UserView, hearingId: string, itemId: string): Promise<ItemRow> {
    await requireOpenOwnHearing(tx, user, hearingId);
    const item = await findItem(tx, hearingId, itemId);
    if (item.sensitivity === 'minor') {
      throw new AppError(
        'MINOR_IMAGES_NOT_STORED',
        'Intimate images of a minor are never stored: record the URL and a description only',
      );
    }
    return item;
  }

  /** The file is sealed in the store; its row goes in with the audit entry, or the file goes. */
  async function keep(
    user: UserView,
    item: ItemRow,
    sealed: SealedFile,
    originalName: string,
  ): Promise<EvidenceFileView> {
    const at = now();
    const id = randomUUID();
    // The name last: what ingestPath returns carries the raw one too, which must not win.
    const row: FileRow = {
      id,
      itemId: item.id,
      hearingId: item.hearingId,
      ...sealed,
      originalName: recordedFileName(originalName),
      importedAt: at,
      importedBy: user.id,
    };
    try {
      return await store.transaction(accessOf(user), async (tx) => {
        // Checked again: the import took a while (minutes for a video), and the account, the
        // hearing or the item may have changed. An account deactivated, given another role or
        // reset meanwhile has had its windows signed out: its upload is not kept either.
        const [account] = await tx
          .select({ active: users.active, role: users.role, mustChangePassword: users.mustChangePassword })
          .from(users)
          .where(eq(users.id, user.id));
        if (
          !account?.active ||
          account.role !== user.role ||
          !FILE_IMPORT_ROLES.includes(account.role) ||
          account.mustChangePassword
        ) {
          throw new AppError('NOT_SIGNED_IN', 'The account was deactivated or changed during the import');
        }
        const [hearing] = await tx
          .select({ status: hearings.status, ownerId: hearings.ownerId })
          .from(hearings)
          .where(eq(hearings.id, item.hearingId));
        if (hearing?.ownerId !== user.id)
          throw new AppError('FORBIDDEN', 'The hearing passed to another officer during the import');
        if (hearing.status !== 'open') throw new AppError('HEARING_CLOSED', 'The hearing was closed during the import');
        const [latest] = await tx
          .select({ sensitivity: evidenceItems.sensitivity })
          .from(evidenceItems)
          .where(eq(evidenceItems.id, item.id));
        if (latest?.sensitivity === 'minor')
          throw new AppError('MINOR_IMAGES_NOT_STORED', 'The item was marked as images of a minor during the import');
        await tx.insert(evidenceFiles).values(row);
        await store.appendAudit(tx, {
          at,
          userId: user.id,
          action: 'evidence.file_imported',
          hearingId: item.hearingId,
          details: { itemId: item.id, number: item.number, fileId: id, size: sealed.size, sha256: sealed.sha256 },
        });
        return fileView(row, await userNames(tx));
      });
    } catch (error) {
      await fileStore.discard(sealed.storedName);
      throw error;
    }
  }

  async function audited<T>(user: UserView, item: ItemRow, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && IMPORT_FAILURES.has(error.code)) {
        try {
          await store.transaction(accessOf(user), (tx) =>
            store.appendAudit(tx, {
              at: now(),
              userId: user.id,
              action: 'evidence.import_failed',
              hearingId: item.hearingId,
              details: { itemId: item.id, number: item.number, code: error.code },
            }),
          );
        } catch {
          // A full disk may refuse this too; the error itself still reaches the officer.
        }
      }
      throw error;
    }
  }

  /** The browser host's upload: the request body, streamed into the store. */
  async function importStream(user: UserView, request: FileImportRequest, source: Readable): Promise<EvidenceFileView> {
    const item = await store.transaction(accessOf(user), (tx) =>
      requireFileTarget(tx, user, request.hearingId, request.itemId),
    );
    return audited(user, item, async () => {
      const sealed = await fileStore.ingest(source, {
        expectedSize: request.expectedSize,
        maxBytes: EVIDENCE_MAX_FILE_BYTES,
        releaseChunks: request.releaseChunks,
        onProgress: request.onProgress,
      });
      return keep(user, item, sealed, request.originalName);
    });
  }

  /** A file chosen in main's own file dialog (Electron); never a path from the renderer. */
  async function importPath(
    user: UserView,
    request: { hearingId: string; itemId: string },
    filePath: string,
  ): Promise<EvidenceFileView> {
    const item = await store.transaction(accessOf(user), (tx) =>
      requireFileTarget(tx, user, request.hearingId, request.itemId),
    );
    return audited(user, item, async () => {
      const sealed = await fileStore.ingestPath(filePath, { maxBytes: EVIDENCE_MAX_FILE_BYTES });
      return keep(user, item, sealed, sealed.originalName);
    });
  }

  /** Decrypts the stored copy and hashes it again against the SHA-256 taken at import. */
  async function verifyFile(
    user: UserView,
    hearingId: string,
    fileId: string,
  ): Promise<ChannelOutput<'evidence.verifyFile'>> {
    const file = await store.transaction(accessOf(user), async (tx) => {
      await hearingsService.requireReadableHearing(tx, user, hearingId);
      const [found] = await tx
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.hearingId, hearingId)));
      return found;
    });
    if (!file) throw new AppError('NOT_FOUND', 'No such evidence file in this hearing');
    const result = await fileStore.verify(file);
    await store.transaction(accessOf(user), (tx) =>
      store.appendAudit(tx, {
        at: now(),
        userId: user.id,
        action: 'evidence.file_verified',
        hearingId,
        details: { fileId, ok: result.ok, problem: result.problem },
      }),
    );
    return { fileId, ok: result.ok, problem: result.problem, sha256: file.sha256 };
  }

  /** Refused before a file dialog opens: an item that may not take files (Electron's import). */
  async function checkFileTarget(user: UserView, hearingId: string, itemId: string): Promise<void> {
    await store.transaction(accessOf(user), (tx) => requireFileTarget(tx, user, hearingId, itemId));
  }

  return { list, save, saveIn, recordCustody, importStream, importPath, verifyFile, checkFileTarget };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;

/**
 * Characters that change how a name is read rather than what it says: C0 and C1 controls and
 * DEL, the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E-200F,
 * U+202A-202E, U+2066-2069), and the line and paragraph separators. `evil\u202Etxt.exe` shows
 * as `evilexe.txt`: a program dressed as a text file.
 */
// eslint-disable-next-line no-control-regex
const READING_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;
/** How recordedFileName writes one of them: `\u` and four upper-case hex digits, as plain text. */
const ESCAPED_READING_CONTROL = /\\u(?:00[01][0-9A-F]|007F|00[89][0-9A-F]|061C|200[EF]|202[89A-E]|206[6-9])/gu;

/** The last part of a path, as the officer's computer gave it (NFC). */
function baseName(name: string): string {
  return name.normalize('NFC').split(/[\\/]/).pop() ?? '';
}

/** Without surrounding spaces; 'file' for what would name nothing or a folder. */
function nonEmptyName(name: string): string {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === '.' || trimmed === '..' ? 'file' : trimmed;
}

/**
 * The name kept in the record and in the manifest: the original, with each reading control
 * written out as `\uXXXX` text, so nothing is lost and nothing can reorder what is shown.
 * No backslash is left in a base name (it separates folders), so `\u` marks an escape only.
 */
export function recordedFileName(name: string): string {
  const escaped = nonEmptyName(
    baseName(name).replace(
      READING_CONTROLS,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
  );
  if (escaped.length <= EVIDENCE_LIMITS.fileName) return escaped;
  // Cut before an escape rather than through one.
  const cut = escaped.slice(0, EVIDENCE_LIMITS.fileName);
  const partial = cut.lastIndexOf('\\');
  return partial > cut.length - 6 ? cut.slice(0, partial) : cut;
}

/**
 * The name as the officer reads it, from the recorded one: reading controls removed, whether
 * written out (recordedFileName) or raw (rows recorded before names were escaped hold the
 * characters themselves).
 */
export function shownFileName(recorded: string): string {
  return nonEmptyName(recorded.replace(ESCAPED_READING_CONTROL, '').replace(READING_CONTROLS, '')).slice(
    0,
    EVIDENCE_LIMITS.fileName,
  );
}

/** The name the officer will read for a file her computer names so: without folder, controls or excess. */
export function cleanFileName(name: string): string {
  return shownFileName(recordedFileName(name));
}
