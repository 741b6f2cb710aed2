import { createHash, createHmac, hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import { asc, desc, eq, gt, lt, max, min } from 'drizzle-orm';
import type { AUDIT_BREAK_KINDS, AuditStatusView, AuditVerificationView } from '../api/contract';
import { SYSTEM_ACCESS, type ChainExtension, type Store, type StoreDb, type StoreTables } from '../db/store';

export interface AuditEntry {
  at: number;
  userId: string | null;
  action: string;
  hearingId?: string | null;
  /** Never answers or statements: the trail says who did what, not what the victim said. */
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** HKDF info of the chain's key: not the evidence key's, so that neither use can stand in for the other. */
export const AUDIT_KEY_INFO = 'hearing-desk audit chain v1';
/**
 * The anchor: from this entry on every hash is an HMAC. Entries before it were written by versions
 * that chained with plain SHA-256 and stay verifiable as they are (no migration rewrites history).
 */
export const CHAIN_KEYED_ACTION = 'audit.chainKeyed';
/** Written when a verification finds the chain broken, so that the finding is itself on record. */
export const CHAIN_BROKEN_ACTION = 'audit.chainBroken';
/**
 * Beside the database: the last chain position this app verified (its checkpoint and the head it
 * knows), MACed. It may lag behind the database after a crash, never run ahead of it: a trail
 * shorter than its head was cut.
 */
export const AUDIT_SEAL_FILE_NAME = 'audit-seal.json';
const SEAL_VERSION = 1;
/** Rows read per unit of work of a verification; other calls are answered between them. */
const BATCH = 10_000;
/** A few findings are enough to show; the trail holds them all. */
const MAX_REPORTED = 50;

export function deriveAuditKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), AUDIT_KEY_INFO, 32));
}

interface ChainFields {
  at: number;
  userId: string | null;
  action: string;
  hearingId: string | null;
  detailsJson: string;
}

function chainPayload(prevHash: string, row: ChainFields): string {
  return JSON.stringify([prevHash, row.at, row.userId, row.action, row.hearingId, row.detailsJson]);
}

/** How entries before the anchor are chained (the versions before the key wrote them so). */
export function unkeyedChainHash(prevHash: string, row: ChainFields): string {
  return createHash('sha256').update(chainPayload(prevHash, row)).digest('hex');
}

/** How every entry from the anchor on is chained (exported for fixtures that write a trail in bulk: the bench). */
export function keyedChainHash(key: Buffer, prevHash: string, row: ChainFields): string {
  return createHmac('sha256', key).update(chainPayload(prevHash, row)).digest('hex');
}

/** An entry as its row is written: the fields the chain covers, then its link and its hash. */
export type ChainedRow = ChainFields & { prevHash: string; hash: string };

/**
 * Links entries to the head of the trail, in order, and keys them: the one rule by which both
 * stores chain what a unit of work appends.
 */
export function chainEntries(key: Buffer, head: { hash: string }, entries: readonly AuditEntry[]): ChainedRow[] {
  let prevHash = head.hash;
  return entries.map((entry) => {
    const row: ChainFields = {
      at: entry.at,
      userId: entry.userId,
      action: entry.action,
      hearingId: entry.hearingId ?? null,
      detailsJson: JSON.stringify(entry.details ?? {}),
    };
    const hash = keyedChainHash(key, prevHash, row);
    const chained = { ...row, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

/**
 * Links one entry to the last and keys it, inside the unit of work that makes the change
 * (Store.appendAudit), so the change and its trace land together. The PostgreSQL store chains
 * its unit's entries at its end instead, under the chain's lock (pg-store.ts).
 */
export async function appendChained(
  tx: StoreDb,
  { auditEvents }: Pick<StoreTables, 'auditEvents'>,
  key: Buffer,
  entry: AuditEntry,
): Promise<ChainExtension> {
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const from = last ?? { seq: 0, hash: GENESIS };
  const [row] = chainEntries(key, from, [entry]);
  const [added] = await tx.insert(auditEvents).values(row!).returning({ seq: auditEvents.seq });
  return { from, to: { seq: added!.seq, hash: row!.hash } };
}

/** One entry of a trail as stored, with its position. */
export type StoredChainEntry = ChainFields & { seq: number; prevHash: string; hash: string };

/**
 * Checks one entry against the one before it (its hash, its link, the anchor from which entries
 * are keyed): the anchor as it stands after this entry, or null when the entry is broken. The one
 * rule for a trail's verification, at start, on demand, and for a trail imported into a zone.
 */
export function checkChainEntry(
  key: Buffer,
  before: { prevHash: string; keyedFrom: number | null },
  entry: StoredChainEntry,
): { keyedFrom: number | null } | null {
  const { seq, action, prevHash, hash } = entry;
  // The first anchor switches to keyed hashes, unless the seal already says where it is.
  const keyedFrom = before.keyedFrom === null && action === CHAIN_KEYED_ACTION ? seq : before.keyedFrom;
  const keyed = keyedFrom !== null && seq >= keyedFrom;
  const expected = keyed ? keyedChainHash(key, prevHash, entry) : unkeyedChainHash(prevHash, entry);
  if (prevHash !== before.prevHash || hash !== expected || (seq === keyedFrom && action !== CHAIN_KEYED_ACTION))
    return null;
  return { keyedFrom };
}

/** The start of every trail: the link the first entry names. */
export const CHAIN_GENESIS = GENESIS;

/**
 * `altered`: an entry does not match its hash or its link to the one before (changed, inserted,
 * deleted in the middle, or rewritten without the key); `truncated`: the trail ends before the
 * head this app last sealed; `sealMissing` / `sealInvalid`: the seal beside the database is gone
 * or was not written by this installation, so a truncation could not be checked.
 */
export type AuditBreakKind = (typeof AUDIT_BREAK_KINDS)[number];

/**
 * One verification. `scope`: `full` from the first entry, `sinceCheckpoint` from the last sealed
 * position (`fromSeq`); every entry checked up to `verifiedUpTo` is intact; `broken.seq` is the
 * first broken or missing entry (null when the problem is the seal).
 */
export type AuditVerification = AuditVerificationView;

/** A finding on record in the trail: `entrySeq` is the `audit.chainBroken` entry that records it. */
export type ReportedBreak = AuditStatusView['reported'][number];

/**
 * `verification`: the latest (asked for, or the one at start); `lastFull`: the last from the first
 * entry; `keyedFrom`: the anchor, from which entries are keyed.
 */
export type AuditStatus = AuditStatusView;

export interface AuditTrail {
  status(): AuditStatus;
  /** A verification now; one that finds the chain broken is recorded in the trail. */
  verify(scope: AuditVerification['scope'], byUserId: string | null): Promise<AuditStatus>;
  /** One entry in its own unit of work (for a trace that goes with no other change). */
  record(entry: AuditEntry): Promise<void>;
  /** Seals the head as it is (a clean stop); call before the store closes. */
  close(): Promise<void>;
}

export interface AuditTrailOptions {
  store: Store;
  /** The chain's key (deriveAuditKey of the database key). */
  key: Buffer;
  sealFile: string;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}

type Position = ChainExtension['to'];

interface Seal {
  keyedFrom: number;
  head: Position;
  lastFull: AuditVerification | null;
  reported: ReportedBreak[];
}

interface Walk {
  verifiedUpTo: Position | null;
  keyedFrom: number | null;
  brokenAt: number | null;
  reported: ReportedBreak[];
}

/**
 * Opens the trail of a freshly opened store: verifies the chain from the last checkpoint (from
 * the first entry when there is none), and anchors the keyed chain on a database written before
 * the key. A broken chain does not stop the start (the evidence must stay readable): it is
 * recorded in the trail, logged, and shown to the administrator.
 */
export async function openAuditTrail(options: AuditTrailOptions): Promise<AuditTrail> {
  const { store, key, sealFile, now, log } = options;
  const { auditEvents } = store.tables;
  const read = <T>(work: (tx: StoreDb) => Promise<T>) => store.transaction(SYSTEM_ACCESS, work);
  let ready = false;
  let closed = false;
  let flushing: Promise<AuditVerification | null> | null = null;
  let flushAgain = false;

  const lastPosition = async (tx: StoreDb): Promise<Position | null> =>
    (
      await tx
        .select({ seq: auditEvents.seq, hash: auditEvents.hash })
        .from(auditEvents)
        .orderBy(desc(auditEvents.seq))
        .limit(1)
    )[0] ?? null;

  /** Whether the sealed head is still in the trail as it was sealed (gone: the trail was cut). */
  async function headProblem(tx: StoreDb, head: Position): Promise<AuditVerification['broken']> {
    const [atHead] = await tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .where(eq(auditEvents.seq, head.seq));
    if (atHead) return atHead.hash === head.hash ? null : { kind: 'altered', seq: head.seq };
    const [before] = await tx
      .select({ seq: max(auditEvents.seq) })
      .from(auditEvents)
      .where(lt(auditEvents.seq, head.seq));
    return { kind: 'truncated', seq: Number(before?.seq ?? 0) + 1 };
  }

  /**
   * Checks each entry after `from` against its hash and its link, a batch per unit of work, so
   * that other calls are answered between batches.
   */
  async function walk(from: Position | null, knownKeyedFrom: number | null): Promise<Walk> {
    let prev = from?.hash ?? GENESIS;
    let prevSeq = from?.seq ?? 0;
    let keyedFrom = knownKeyedFrom;
    const reported: ReportedBreak[] = [];
    const result = (brokenAt: number | null): Walk => ({
      verifiedUpTo: prevSeq === 0 ? null : { seq: prevSeq, hash: prev },
      keyedFrom,
      brokenAt,
      reported,
    });
    for (;;) {
      const rows = await read((tx) =>
        tx.select().from(auditEvents).where(gt(auditEvents.seq, prevSeq)).orderBy(asc(auditEvents.seq)).limit(BATCH),
      );
      for (const row of rows) {
        const checked = checkChainEntry(key, { prevHash: prev, keyedFrom }, row);
        if (!checked) return result(row.seq);
        keyedFrom = checked.keyedFrom;
        if (row.action === CHAIN_BROKEN_ACTION) reported.push(reportedFrom(row.seq, row.at, row.detailsJson));
        prev = row.hash;
        prevSeq = row.seq;
      }
      if (rows.length < BATCH) return result(null);
    }
  }

  async function verification(
    scope: AuditVerification['scope'],
    from: Position | null,
    walked: Walk,
    started: number,
    broken: AuditVerification['broken'],
  ): Promise<AuditVerification> {
    return {
      scope,
      fromSeq: from?.seq ?? 0,
      verifiedUpTo: walked.verifiedUpTo?.seq ?? 0,
      lastSeq: (await read(lastPosition))?.seq ?? 0,
      at: now(),
      ms: performance.now() - started,
      broken: walked.brokenAt !== null ? { kind: 'altered', seq: walked.brokenAt } : broken,
    };
  }

  // ---- At start ------------------------------------------------------------------------------
  const started = performance.now();
  const sealRead = readSeal(sealFile, key);
  const previous = typeof sealRead === 'string' ? null : sealRead;
  const last = await read(lastPosition);
  let sealProblem: AuditVerification['broken'] =
    sealRead === 'invalid'
      ? { kind: 'sealInvalid', seq: null }
      : previous
        ? await read((tx) => headProblem(tx, previous.head))
        : null;
  const from = previous && !sealProblem ? previous.head : null;
  // From the checkpoint when it holds; from the first entry otherwise, to find the first broken one.
  const walked = await walk(from, previous?.keyedFrom ?? null);
  // Entries after an anchor but no seal: this app had written one, and it was removed.
  if (sealRead === 'missing' && walked.keyedFrom !== null) sealProblem = { kind: 'sealMissing', seq: null };
  const atStart = await verification(from ? 'sinceCheckpoint' : 'full', from, walked, started, sealProblem);

  // A walk that broke before the anchor did not see it: looked for (rare, and a full scan).
  let keyedFrom =
    walked.keyedFrom ??
    (walked.brokenAt !== null
      ? ((
          await read((tx) =>
            tx
              .select({ seq: min(auditEvents.seq) })
              .from(auditEvents)
              .where(eq(auditEvents.action, CHAIN_KEYED_ACTION)),
          )
        )[0]?.seq ?? null)
      : null);
  if (keyedFrom === null) {
    // A new database, or the first start after the update that keys the chain.
    keyedFrom = (
      await store.appendAuditAlone(SYSTEM_ACCESS, {
        at: now(),
        userId: null,
        action: CHAIN_KEYED_ACTION,
        details: { unkeyedEntries: last?.seq ?? 0 },
      })
    ).seq;
  }
  const seal: Seal = {
    keyedFrom: Number(keyedFrom),
    head: { seq: 0, hash: GENESIS },
    lastFull: from ? (previous?.lastFull ?? null) : atStart,
    reported: mergeReported(previous?.reported ?? [], walked.reported),
  };
  let latest = atStart;
  if (atStart.broken) {
    log(
      `AUDIT TRAIL BROKEN at start: ${describeVerification(atStart)}; recorded in the trail and shown to the administrator`,
    );
    await recordBreak(atStart, null);
  }
  // Past a recorded break too: it stays on record, and later entries are checked from here.
  seal.head = (await read(lastPosition))!;
  writeSealNow();
  ready = true;
  store.onAuditAppended(advanceHead);

  /** Records a finding; a broken entry found again (by a later full verification) only once. */
  async function recordBreak(found: AuditVerification, byUserId: string | null): Promise<void> {
    const broken = found.broken!;
    if (broken.seq !== null && seal.reported.some((r) => r.kind === broken.kind && r.brokenAt === broken.seq)) return;
    const at = now();
    const entry = await store.appendAuditAlone(SYSTEM_ACCESS, {
      at,
      userId: byUserId,
      action: CHAIN_BROKEN_ACTION,
      details: { kind: broken.kind, brokenAt: broken.seq, verifiedUpTo: found.verifiedUpTo, scope: found.scope },
    });
    seal.reported = mergeReported(seal.reported, [
      { entrySeq: entry.seq, at, kind: broken.kind, brokenAt: broken.seq },
    ]);
  }

  // ---- After each unit of work that appended -------------------------------------------------
  /**
   * A unit that found the trail ending at the sealed head, in the same transaction as it appended
   * (no other writer in between), has nothing for a walk to check: its entries are the ones it
   * hashed. Anything else (another instance's entries, a head changed behind the app) is walked.
   */
  function advanceHead(appended: ChainExtension): void {
    if (!ready || closed) return;
    const { head } = seal;
    if (!flushing && appended.from.seq === head.seq && appended.from.hash === head.hash) {
      seal.head = appended.to;
      saveSealSoon();
      return;
    }
    scheduleFlush();
  }

  function scheduleFlush(): void {
    if (!ready || closed) return;
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = flush()
      .catch((error: unknown) => {
        log('The audit trail could not be checked after a change', error);
        return null;
      })
      .finally(() => {
        flushing = null;
        if (flushAgain) {
          flushAgain = false;
          scheduleFlush();
        }
      });
  }

  /**
   * Moves the sealed head to the trail's new end once the entries since it are verified, so the
   * head never runs ahead of the store and only moves along a sound chain. Returns what it found
   * when the trail was changed behind the app's back.
   */
  async function flush(): Promise<AuditVerification | null> {
    if (closed) return null;
    const startedAt = performance.now();
    const head = seal.head;
    const { end, problem } = await read(async (tx) => ({
      end: await lastPosition(tx),
      problem: await headProblem(tx, head),
    }));
    if (end !== null && end.seq === head.seq && end.hash === head.hash) return null;
    const walkedNow = problem ? null : await walk(head, seal.keyedFrom);
    if (walkedNow && walkedNow.brokenAt === null) {
      seal.head = walkedNow.verifiedUpTo ?? seal.head;
      seal.reported = mergeReported(seal.reported, walkedNow.reported);
      saveSealSoon();
      return null;
    }
    const found: AuditVerification = walkedNow
      ? await verification('sinceCheckpoint', head, walkedNow, startedAt, null)
      : {
          scope: 'sinceCheckpoint',
          fromSeq: head.seq,
          verifiedUpTo: 0,
          lastSeq: end?.seq ?? 0,
          at: now(),
          ms: performance.now() - startedAt,
          broken: problem,
        };
    latest = found;
    log(`AUDIT TRAIL BROKEN while running: ${describeVerification(found)}; recorded in the trail`);
    await recordBreak(found, null);
    seal.head = (await read(lastPosition))!;
    saveSealSoon();
    return found;
  }

  /** The flush running now, or one started for what was appended since: the head is then current. */
  async function flushNow(): Promise<AuditVerification | null> {
    while (flushing) await flushing;
    return flush();
  }

  // ---- The seal file ---------------------------------------------------------------------------
  let writing: Promise<void> | null = null;
  let pendingWrite = false;

  function sealText(): string {
    return serializeSeal(seal, key);
  }

  function writeSealNow(): void {
    writeFileDurably(sealFile, `${sealFile}.tmp-sync`, sealText());
  }

  /** Off the request's path: one write at a time, the latest head each time. */
  function saveSealSoon(): void {
    pendingWrite = true;
    writing ??= (async () => {
      while (pendingWrite) {
        pendingWrite = false;
        try {
          await writeFileDurablyAsync(sealFile, `${sealFile}.tmp`, sealText());
        } catch (error) {
          log('The audit seal could not be written (the next start verifies from the previous one)', error);
        }
      }
      writing = null;
    })();
  }

  // ---- On demand -------------------------------------------------------------------------------
  let fullRun: Promise<AuditVerification> | null = null;

  async function verifyFull(byUserId: string | null): Promise<AuditVerification> {
    const startedAt = performance.now();
    const walkedFull = await walk(null, seal.keyedFrom);
    const found = await verification('full', null, walkedFull, startedAt, null);
    seal.reported = mergeReported(seal.reported, walkedFull.reported);
    seal.lastFull = found;
    await store.appendAuditAlone(SYSTEM_ACCESS, {
      at: found.at,
      userId: byUserId,
      action: 'audit.verified',
      details: { scope: 'full', verifiedUpTo: found.verifiedUpTo, brokenAt: found.broken?.seq ?? null },
    });
    if (found.broken) await recordBreak(found, byUserId);
    return found;
  }

  function status(): AuditStatus {
    return {
      verification: latest,
      atStart,
      lastFull: seal.lastFull,
      keyedFrom: seal.keyedFrom,
      reported: seal.reported,
    };
  }

  return {
    status,
    async verify(scopeAsked, byUserId) {
      if (scopeAsked === 'full') {
        fullRun ??= verifyFull(byUserId).finally(() => (fullRun = null));
        latest = await fullRun;
      } else {
        const startedAt = performance.now();
        // What was appended since the last flush, then the checkpoint itself: the head moves
        // only along a verified chain, so from there on the trail is as verified.
        if (!(await flushNow())) {
          const end = (await read(lastPosition))!;
          latest = {
            scope: 'sinceCheckpoint',
            fromSeq: seal.head.seq,
            verifiedUpTo: seal.head.seq,
            lastSeq: end.seq,
            at: now(),
            ms: performance.now() - startedAt,
            broken: null,
          };
        }
      }
      return status();
    },
    async record(entry) {
      await store.appendAuditAlone(SYSTEM_ACCESS, entry);
    },
    async close() {
      if (closed) return;
      try {
        await flushNow();
      } catch (error) {
        log('The audit trail could not be checked at stop', error);
      }
      closed = true;
      await writing;
      try {
        writeSealNow();
      } catch (error) {
        log('The audit seal could not be written at stop', error);
      }
    },
  };
}

function reportedFrom(entrySeq: number, at: number, detailsJson: string): ReportedBreak {
  const details = JSON.parse(detailsJson) as { kind?: AuditBreakKind; brokenAt?: number | null };
  return { entrySeq, at, kind: details.kind ?? 'altered', brokenAt: details.brokenAt ?? null };
}

function mergeReported(known: ReportedBreak[], found: ReportedBreak[]): ReportedBreak[] {
  const bySeq = new Map(known.map((r) => [r.entrySeq, r]));
  for (const r of found) bySeq.set(r.entrySeq, r);
  return [...bySeq.values()].sort((a, b) => a.entrySeq - b.entrySeq).slice(-MAX_REPORTED);
}

function describeVerification(v: AuditVerification): string {
  return v.broken
    ? `${v.broken.kind}${v.broken.seq !== null ? ` at entry ${v.broken.seq}` : ''} (verified up to entry ${v.verifiedUpTo})`
    : `intact up to entry ${v.verifiedUpTo}`;
}

// ---- Seal format -------------------------------------------------------------------------------

function sealMac(key: Buffer, body: unknown): string {
  // Its own prefix: a seal's MAC can never pass for an entry's (whose payload is a JSON array).
  return createHmac('sha256', key)
    .update(`audit-seal\n${JSON.stringify(body)}`)
    .digest('hex');
}

function serializeSeal(seal: Seal, key: Buffer): string {
  const body = {
    v: SEAL_VERSION,
    keyedFrom: seal.keyedFrom,
    head: seal.head,
    lastFull: seal.lastFull,
    reported: seal.reported,
  };
  return `${JSON.stringify({ ...body, mac: sealMac(key, body) })}\n`;
}

/**
 * The seal beside a trail, checked with its key: what a start verifies from, and what an import
 * into a zone checks the trail against (a trail shorter than its seal was cut).
 */
export function readAuditSeal(file: string, key: Buffer): Pick<Seal, 'head' | 'keyedFrom'> | 'missing' | 'invalid' {
  return readSeal(file, key);
}

function readSeal(file: string, key: Buffer): Seal | 'missing' | 'invalid' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'invalid';
  }
  try {
    const { mac, ...body } = JSON.parse(text) as Seal & { v: number; mac: string };
    if (body.v !== SEAL_VERSION || typeof mac !== 'string' || mac !== sealMac(key, body)) return 'invalid';
    if (
      !Number.isInteger(body.keyedFrom) ||
      !Number.isInteger(body.head?.seq) ||
      typeof body.head.hash !== 'string' ||
      !Array.isArray(body.reported)
    )
      return 'invalid';
    return { keyedFrom: body.keyedFrom, head: body.head, lastFull: body.lastFull ?? null, reported: body.reported };
  } catch {
    return 'invalid';
  }
}

/** Written whole or not at all: to a temporary file, flushed to disk, then renamed over. */
function writeFileDurably(file: string, temporary: string, text: string): void {
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

async function writeFileDurablyAsync(file: string, temporary: string, text: string): Promise<void> {
  const handle = await fs.promises.open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
}
