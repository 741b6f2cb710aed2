import { createHash } from 'node:crypto';
import { asc, desc } from 'drizzle-orm';
import type { AppDatabase } from '../db/database';
import { auditEvents } from '../db/schema';

export interface AuditEntry {
  at: number;
  userId: string | null;
  action: string;
  hearingId?: string | null;
  /** Never answers or statements: the trail says who did what, not what the victim said. */
  details?: Record<string, unknown>;
}

type Tx = Pick<AppDatabase, 'select' | 'insert'>;

const GENESIS = '0'.repeat(64);

function chainHash(prevHash: string, row: { at: number; userId: string | null; action: string; hearingId: string | null; detailsJson: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, row.at, row.userId, row.action, row.hearingId, row.detailsJson]))
    .digest('hex');
}

/** Call inside the transaction that makes the change, so the change and its trace land together. */
export function appendAudit(tx: Tx, entry: AuditEntry): void {
  const last = tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).all()[0];
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: entry.at,
    userId: entry.userId,
    action: entry.action,
    hearingId: entry.hearingId ?? null,
    detailsJson: JSON.stringify(entry.details ?? {}),
  };
  tx.insert(auditEvents).values({ ...row, prevHash, hash: chainHash(prevHash, row) }).run();
}

/** The first sequence number whose row does not match the chain, or null when the trail is intact. */
export function verifyAuditChain(db: AppDatabase): { brokenAt: number | null; length: number } {
  let prevHash = GENESIS;
  const rows = db.select().from(auditEvents).orderBy(asc(auditEvents.seq)).all();
  for (const row of rows) {
    if (row.prevHash !== prevHash || chainHash(prevHash, row) !== row.hash) return { brokenAt: row.seq, length: rows.length };
    prevHash = row.hash;
  }
  return { brokenAt: null, length: rows.length };
}
