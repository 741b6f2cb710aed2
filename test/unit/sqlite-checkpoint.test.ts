import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src-main/db/database';
import { createSqliteStore, type SqliteStoreOptions } from '../../src-main/db/sqlite-store';
import type { Store } from '../../src-main/db/store';
import { SYSTEM_ACCESS } from '../../src-main/db/store';
import { MIGRATIONS, tempDir } from '../helpers/temp-core';

/**
 * The standalone store checkpoints its WAL once idle, not inside the unit of work whose commit
 * crosses a threshold (src-main/db/sqlite-store.ts), and never lets it grow past its bound.
 */
describe('the SQLite store checkpoints its WAL off the units of work', () => {
  let opened: OpenedDatabase | undefined;
  let store: Store | undefined;
  let file = '';

  function open(checkpoint: NonNullable<SqliteStoreOptions['checkpoint']>): Store {
    const dir = tempDir();
    file = path.join(dir, 'hearing-desk.db');
    opened = openDatabase({
      file,
      key: randomBytes(32),
      migrationsFolder: MIGRATIONS,
      backupsFolder: path.join(dir, 'b'),
    });
    // Whatever the migrations left in the WAL is not this test's.
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store = createSqliteStore(opened, { auditKey: randomBytes(32), checkpoint });
    return store;
  }

  afterEach(async () => {
    await store?.close();
    opened?.close();
    store = opened = undefined;
  });

  /** Frames in the WAL, and how many of them are copied into the database file (NOOP does no work). */
  function wal(): { log: number; checkpointed: number } {
    const [row] = opened!.sqlite.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
    return row!;
  }

  /** One unit of work that writes a few pages: units with long names. */
  async function writeSomePages(into: Store): Promise<void> {
    await into.transaction(SYSTEM_ACCESS, async (tx) => {
      for (let i = 0; i < 8; i++)
        await tx.insert(into.tables.units).values({ id: randomUUID(), name: randomUUID().repeat(40), createdAt: 0 });
    });
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('leaves the commit alone and checkpoints once the store has been idle', async () => {
    const s = open({ idleMs: 100, idlePages: 1, boundPages: 10_000 });
    await writeSomePages(s);
    await writeSomePages(s);
    const afterCommits = wal();
    expect(afterCommits.log).toBeGreaterThan(2);
    expect(afterCommits.checkpointed).toBe(0);
    // A unit before the delay is up postpones the checkpoint: the store was not idle.
    await sleep(60);
    await writeSomePages(s);
    await sleep(60);
    expect(wal().checkpointed).toBe(0);
    await sleep(150);
    const idle = wal();
    expect(idle.checkpointed).toBe(idle.log);
    expect(idle.log).toBeGreaterThan(afterCommits.log);
  });

  it('leaves a WAL under its idle threshold to a later checkpoint', async () => {
    const s = open({ idleMs: 20, idlePages: 10_000, boundPages: 20_000 });
    await writeSomePages(s);
    await sleep(120);
    expect(wal().log).toBeGreaterThan(0);
    expect(wal().checkpointed).toBe(0);
  });

  it('never lets the WAL grow past its bound when the store is never idle', async () => {
    const bound = 40;
    const s = open({ idleMs: 60_000, idlePages: 1, boundPages: bound });
    let most = 0;
    let largestUnit = 0;
    let previous = wal().log;
    for (let i = 0; i < 60; i++) {
      await writeSomePages(s);
      const { log } = wal();
      // After a checkpoint the WAL starts over: the unit wrote `log` frames from its beginning.
      largestUnit = Math.max(largestUnit, log > previous ? log - previous : log);
      most = Math.max(most, log);
      previous = log;
    }
    // The commit that crosses the bound checkpoints (in its own call) and the next starts the WAL
    // over: never more than the bound and one unit's pages, against 60 units' without it.
    expect(largestUnit).toBeGreaterThan(1);
    expect(most).toBeGreaterThanOrEqual(bound);
    expect(most).toBeLessThan(bound + largestUnit);
    const frame = 24 + (opened!.sqlite.pragma('page_size', { simple: true }) as number);
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(32 + (bound + largestUnit) * frame);
  });

  it('checkpoints everything and removes the WAL when it closes', async () => {
    const s = open({ idleMs: 60_000, idlePages: 1, boundPages: 10_000 });
    await writeSomePages(s);
    expect(wal().checkpointed).toBe(0);
    await s.close();
    opened!.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
