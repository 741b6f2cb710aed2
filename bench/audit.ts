/**
 * The keyed audit chain (issue 12): its verification with 1,000,000 entries, from the first entry
 * (what the administrator asks for, and a start without a checkpoint) and from the checkpoint
 * (every other start: nothing new, or 10,000 entries a crash left unsealed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_SEAL_FILE_NAME, deriveAuditKey, keyedChainHash } from '../src-main/services/audit';
import { openTestCore, type TestCore } from '../test/helpers/temp-core';

const ENTRIES = 1_000_000;
const PER_TRANSACTION = 10_000;
const RUNS = 3;
const LAG = 10_000;

export interface AuditFigures {
  entries: number;
  seedMs: number;
  databaseMb: number;
  full: { median: number; max: number; n: number };
  startFromCheckpoint: { median: number; max: number; n: number };
  startFromCheckpointWithLag: { entries: number; ms: number };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, n: sorted.length };
}

/**
 * Entries shaped like the app's (a save names its form, fields and revisions), none of them real,
 * chained as appendAudit chains them but written in bulk (seeding only, as bench/run.ts seeds
 * hearings): a million appends through the app's path take minutes.
 */
function append(t: TestCore, count: number): void {
  const sqlite = t.sqlite;
  const key = deriveAuditKey(t.key);
  const insert = sqlite.prepare(
    'INSERT INTO audit_events (at, user_id, action, hearing_id, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let prev = (sqlite.prepare('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { hash: string }).hash;
  const first = (sqlite.prepare('SELECT max(seq) AS seq FROM audit_events').get() as { seq: number }).seq;
  for (let done = 0; done < count; done += PER_TRANSACTION) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(done + PER_TRANSACTION, count); i++) {
        const row = {
          at: Date.UTC(2025, 0, 1) + i * 1000,
          userId: '6f1c1d56-0000-4000-8000-00000000000a',
          action: 'answers.saved',
          hearingId: '6f1c1d56-0000-4000-8000-00000000000b',
          detailsJson: JSON.stringify({
            formId: 'setup',
            formVersion: 1,
            revisions: [{ fieldId: 'victimWishes', revision: first + i }],
          }),
        };
        const hash = keyedChainHash(key, prev, row);
        insert.run(row.at, row.userId, row.action, row.hearingId, row.detailsJson, prev, hash);
        prev = hash;
      }
    })();
  }
}

export async function benchAudit(): Promise<AuditFigures> {
  let t = await openTestCore();
  const { dir, key } = t;
  try {
    const seedStart = performance.now();
    append(t, ENTRIES);
    const seedMs = performance.now() - seedStart;
    // Written past the trail's back: its stop seals the head after checking what is new.
    await t.close();
    t = await openTestCore({ dir, key });

    const full: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const { verification } = await t.core.audit.verify('full', null);
      if (verification.broken) throw new Error(`The bench trail is broken: ${JSON.stringify(verification)}`);
      full.push(performance.now() - started);
    }

    const fromCheckpoint: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await t.close();
      t = await openTestCore({ dir, key });
      const { atStart } = t.core.audit.status();
      if (atStart.scope !== 'sinceCheckpoint' || atStart.broken)
        throw new Error(`Unexpected start: ${JSON.stringify(atStart)}`);
      fromCheckpoint.push(atStart.ms);
    }

    // A crash after the database committed and before the seal was written, 10,000 times over.
    const sealFile = path.join(dir, AUDIT_SEAL_FILE_NAME);
    const sealed = fs.readFileSync(sealFile);
    append(t, LAG);
    await t.close();
    fs.writeFileSync(sealFile, sealed);
    t = await openTestCore({ dir, key });
    const lagged = t.core.audit.status().atStart;
    if (lagged.broken || lagged.verifiedUpTo - lagged.fromSeq < LAG)
      throw new Error(`Unexpected start: ${JSON.stringify(lagged)}`);

    return {
      entries: ENTRIES,
      seedMs,
      databaseMb: fs.statSync(t.dbFile).size / 1024 / 1024,
      full: stats(full),
      startFromCheckpoint: stats(fromCheckpoint),
      startFromCheckpointWithLag: { entries: lagged.verifiedUpTo - lagged.fromSeq, ms: lagged.ms },
    };
  } finally {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function auditLines(f: AuditFigures): string[] {
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
  return [
    `audit trail: ${f.entries.toLocaleString('en')} keyed entries (${f.databaseMb.toFixed(0)} MB database, appended in ${(f.seedMs / 1000).toFixed(1)} s)`,
    `${'audit verification, from the first entry'.padEnd(50)} median ${ms(f.full.median).padStart(10)}   max ${ms(f.full.max).padStart(10)}   (n=${f.full.n})`,
    `${'audit verification at start, from the checkpoint'.padEnd(50)} median ${ms(f.startFromCheckpoint.median).padStart(10)}   max ${ms(f.startFromCheckpoint.max).padStart(10)}   (n=${f.startFromCheckpoint.n})`,
    `${`  same, ${f.startFromCheckpointWithLag.entries.toLocaleString('en')} entries unsealed by a crash`.padEnd(50)} ${ms(f.startFromCheckpointWithLag.ms).padStart(17)}`,
  ];
}
