import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/database';
import {
  AUDIT_SEAL_FILE_NAME,
  CHAIN_BROKEN_ACTION,
  CHAIN_KEYED_ACTION,
  deriveAuditKey,
  unkeyedChainHash,
} from '../../src-main/services/audit';
import { deriveEvidenceKey } from '../../src-main/services/evidence-store';
import {
  MIGRATIONS,
  openTestCore,
  PEOPLE,
  seedAccounts,
  STORE_UNDER_TEST,
  tamperWithStore,
  tempDir,
  type TestCore,
} from '../helpers/temp-core';

interface Row {
  seq: number;
  at: number;
  userId: string | null;
  action: string;
  hearingId: string | null;
  detailsJson: string;
  prevHash: string;
  hash: string;
}
const SELECT_ROWS =
  'SELECT seq, at, user_id AS userId, action, hearing_id AS hearingId, details_json AS detailsJson, prev_hash AS prevHash, hash FROM audit_events ORDER BY seq';

let t: TestCore | undefined;
afterEach(() => t?.close());

const rowsOf = (core: TestCore) => core.sql<Row>(SELECT_ROWS);
const sealOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, AUDIT_SEAL_FILE_NAME), 'utf8')) as {
    head: { seq: number; hash: string };
    keyedFrom: number;
  };

/** An installation with some history: accounts, a sign-in, a hearing opened. */
async function installationWithHistory(): Promise<TestCore> {
  const core = await openTestCore();
  await seedAccounts(core);
  const { hearing } = await core.ok('officer-window', 'hearings.create', {});
  await core.ok('officer-window', 'hearings.load', { hearingId: hearing.id });
  return core;
}

/** The same installation started again, as after a restart. */
async function restart(core: TestCore): Promise<TestCore> {
  await core.close();
  t = await openTestCore({ dir: core.dir, key: core.key });
  return t;
}

if (STORE_UNDER_TEST !== 'sqlite')
  console.log(
    'Audit trail: the test of a trail written before the audit key runs on SQLite only (a zone never had one)',
  );

describe('the audit chain', () => {
  it('keys every entry, from an anchor on, with an HMAC whose key is derived from the database key', async () => {
    t = await installationWithHistory();
    const key = deriveAuditKey(t.key);
    expect(key.equals(t.key)).toBe(false);
    expect(key.equals(deriveEvidenceKey(t.key))).toBe(false);
    const rows = await rowsOf(t);
    expect(rows[0]).toMatchObject({
      seq: 1,
      action: CHAIN_KEYED_ACTION,
      detailsJson: JSON.stringify({ unkeyedEntries: 0 }),
    });
    let prev = '0'.repeat(64);
    for (const row of rows) {
      expect(row.prevHash, `entry ${row.seq}`).toBe(prev);
      const payload = JSON.stringify([row.prevHash, row.at, row.userId, row.action, row.hearingId, row.detailsJson]);
      expect(row.hash, `entry ${row.seq}`).toBe(createHmac('sha256', key).update(payload).digest('hex'));
      expect(row.hash).not.toBe(unkeyedChainHash(row.prevHash, row));
      prev = row.hash;
    }
  });

  it('keeps its head outside the database, after each commit that appends, without waiting on it', async () => {
    t = await installationWithHistory();
    const last = async () => (await rowsOf(t!)).at(-1)!;
    // Written off the call's path: it follows within moments.
    for (let i = 0; i < 200 && sealOf(t.dir).head.seq !== (await last()).seq; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sealOf(t.dir).head).toEqual({ seq: (await last()).seq, hash: (await last()).hash });
    await t.ok('officer-window', 'hearings.create', {});
    for (let i = 0; i < 200 && sealOf(t.dir).head.seq !== (await last()).seq; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sealOf(t.dir).head).toEqual({ seq: (await last()).seq, hash: (await last()).hash });
  });

  it('is verified at start from its checkpoint, and from the first entry when the administrator asks', async () => {
    t = await installationWithHistory();
    const before = (await rowsOf(t)).at(-1)!.seq;
    t = await restart(t);
    expect(t.core.audit.status().atStart).toMatchObject({
      scope: 'sinceCheckpoint',
      fromSeq: before,
      verifiedUpTo: before,
      broken: null,
    });

    await t.ok('admin-window', 'session.login', { username: PEOPLE.admin.username, password: PEOPLE.admin.password });
    const quick = await t.ok('admin-window', 'audit.verify', { scope: 'sinceCheckpoint' });
    const lastNow = (await rowsOf(t)).at(-1)!.seq;
    expect(quick.verification).toMatchObject({
      scope: 'sinceCheckpoint',
      verifiedUpTo: lastNow,
      lastSeq: lastNow,
      broken: null,
    });
    const full = await t.ok('admin-window', 'audit.verify', { scope: 'full' });
    expect(full.verification).toMatchObject({ scope: 'full', fromSeq: 0, verifiedUpTo: lastNow, broken: null });
    expect(full.lastFull).toEqual(full.verification);
    expect(full.keyedFrom).toBe(1);
    expect(full.reported).toEqual([]);
    // The administrator's full verification is itself on record.
    expect((await rowsOf(t)).at(-1)).toMatchObject({
      action: 'audit.verified',
      detailsJson: JSON.stringify({ scope: 'full', verifiedUpTo: lastNow, brokenAt: null }),
    });

    // For the administrator only; an officer's attempt is refused and recorded.
    await t.ok('officer-window', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    expect(await t.core.dispatcher.call('officer-window', 'audit.verify', { scope: 'full' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await rowsOf(t)).at(-1)).toMatchObject({
      action: 'access.refused',
      detailsJson: JSON.stringify({ channel: 'audit.verify' }),
    });
  });

  it('shows its last entries deleted (truncation) at the next start, records it, and still opens the hearings', async () => {
    t = await installationWithHistory();
    const rows = await rowsOf(t);
    const kept = rows.at(-4)!.seq;
    await t.close();
    await tamperWithStore(t, [['DELETE FROM audit_events WHERE seq > ?', [kept]]]);

    t = await restart(t);
    const { atStart } = t.core.audit.status();
    expect(atStart.broken).toEqual({ kind: 'truncated', seq: kept + 1 });
    // The entries that are left are intact, and were checked from the first one.
    expect(atStart).toMatchObject({ scope: 'full', verifiedUpTo: kept });
    const recorded = (await rowsOf(t)).find((r) => r.action === CHAIN_BROKEN_ACTION)!;
    expect(JSON.parse(recorded.detailsJson)).toMatchObject({ kind: 'truncated', brokenAt: kept + 1 });

    // The start did not refuse: the officer still reaches her hearing.
    await t.ok('officer-window', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    expect((await t.ok('officer-window', 'hearings.listMine', {})).open).toHaveLength(1);
    // The administrator sees it on record, at this start and after the next.
    await t.ok('admin-window', 'session.login', { username: PEOPLE.admin.username, password: PEOPLE.admin.password });
    const reported = [{ entrySeq: recorded.seq, at: recorded.at, kind: 'truncated', brokenAt: kept + 1 }];
    expect((await t.ok('admin-window', 'audit.verify', { scope: 'sinceCheckpoint' })).reported).toEqual(reported);
    t = await restart(t);
    expect(t.core.audit.status().atStart.broken).toBeNull();
    expect(t.core.audit.status().reported).toEqual(reported);
  });

  it('shows a chain rewritten with plain SHA-256 (no key), even with the seal removed', async () => {
    t = await installationWithHistory();
    const rows = await rowsOf(t);
    const target = rows.find((r) => r.action === 'user.created')!;
    await t.close();
    // The officer's account "was never created by this administrator": the entry is changed and
    // every hash from it on recomputed the way the chain used to be computed.
    const rewrite = (fromSeq: number): [string, unknown[]][] => {
      let prev = fromSeq === 1 ? '0'.repeat(64) : rows.find((r) => r.seq === fromSeq - 1)!.hash;
      return rows
        .filter((r) => r.seq >= fromSeq)
        .map((row) => {
          const changed = row.seq === target.seq ? { ...row, userId: null } : row;
          const hash = unkeyedChainHash(prev, changed);
          const statement: [string, unknown[]] = [
            'UPDATE audit_events SET user_id = ?, prev_hash = ?, hash = ? WHERE seq = ?',
            [changed.userId, prev, hash, row.seq],
          ];
          prev = hash;
          return statement;
        });
    };
    await tamperWithStore(t, rewrite(target.seq));
    t = await restart(t);
    expect(t.core.audit.status().atStart.broken).toEqual({ kind: 'altered', seq: target.seq });

    // Rewritten from the anchor on, and the seal beside the database deleted as well.
    await t.close();
    await tamperWithStore(t, [['DELETE FROM audit_events WHERE seq > ?', [rows.at(-1)!.seq]], ...rewrite(1)]);
    fs.rmSync(path.join(t.dir, AUDIT_SEAL_FILE_NAME));
    t = await restart(t);
    expect(t.core.audit.status().atStart.broken).toEqual({ kind: 'altered', seq: 1 });
  });

  it('shows entries deleted while the app runs, at the next entry appended', async () => {
    t = await installationWithHistory();
    await t.core.audit.verify('sinceCheckpoint', null);
    const kept = (await rowsOf(t)).at(-3)!.seq;
    await tamperWithStore(t, [['DELETE FROM audit_events WHERE seq > ?', [kept]]]);
    await t.ok('officer-window', 'hearings.create', {});
    // Checked off the call's path, once the entry is committed: within moments.
    for (let i = 0; i < 200 && !t.core.audit.status().verification.broken; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(t.core.audit.status().verification.broken).toEqual({ kind: 'truncated', seq: kept + 1 });
    for (let i = 0; i < 200 && (await rowsOf(t)).at(-1)!.action !== CHAIN_BROKEN_ACTION; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await rowsOf(t)).at(-1)).toMatchObject({ action: CHAIN_BROKEN_ACTION });
    // From there on the trail is checked from its new end; the finding stays on record.
    expect((await t.core.audit.verify('sinceCheckpoint', null)).verification.broken).toBeNull();
    expect(t.core.audit.status().reported).toMatchObject([{ kind: 'truncated', brokenAt: kept + 1 }]);
  });

  it('finds an entry changed behind the checkpoint when the administrator verifies from the first entry', async () => {
    t = await installationWithHistory();
    const target = (await rowsOf(t)).find((r) => r.action === 'login.succeeded')!;
    await t.close();
    await tamperWithStore(t, [
      ['UPDATE audit_events SET details_json = \'{"note":"nothing happened"}\' WHERE seq = ?', [target.seq]],
    ]);
    t = await restart(t);
    // At start only the entries since the checkpoint are checked: quick, and blind to this.
    expect(t.core.audit.status().atStart.broken).toBeNull();
    const full = await t.core.audit.verify('full', null);
    expect(full.verification).toMatchObject({
      scope: 'full',
      verifiedUpTo: target.seq - 1,
      broken: { kind: 'altered', seq: target.seq },
    });
    expect(full.reported).toMatchObject([{ kind: 'altered', brokenAt: target.seq }]);
    // Found again, it is not recorded twice.
    const again = await t.core.audit.verify('full', null);
    expect(again.reported).toHaveLength(1);
    expect((await rowsOf(t)).filter((r) => r.action === CHAIN_BROKEN_ACTION)).toHaveLength(1);
  });

  it('takes a seal that lags behind the database (a crash before it was written) for what it is, and refuses a forged one', async () => {
    t = await installationWithHistory();
    await t.close();
    const sealFile = path.join(t.dir, AUDIT_SEAL_FILE_NAME);
    const older = fs.readFileSync(sealFile, 'utf8');
    t = await restart(t);
    await t.ok('officer-window', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    await t.ok('officer-window', 'hearings.create', {});
    await t.close();
    fs.writeFileSync(sealFile, older);
    t = await restart(t);
    const lastSeq = (await rowsOf(t)).at(-1)!.seq;
    expect(t.core.audit.status().atStart).toMatchObject({
      scope: 'sinceCheckpoint',
      fromSeq: JSON.parse(older).head.seq,
      broken: null,
    });
    expect(t.core.audit.status().atStart.verifiedUpTo).toBe(lastSeq);

    // A head moved back by hand (to hide a truncation to come) does not carry the installation's MAC.
    await t.close();
    const seal = JSON.parse(fs.readFileSync(sealFile, 'utf8')) as { head: { seq: number } };
    seal.head.seq -= 3;
    fs.writeFileSync(sealFile, JSON.stringify(seal));
    t = await restart(t);
    expect(t.core.audit.status().atStart.broken).toEqual({ kind: 'sealInvalid', seq: null });
  });

  // A zone's PostgreSQL never held an unkeyed trail: its chain was keyed from its first entry.
  it.skipIf(STORE_UNDER_TEST !== 'sqlite')(
    'keeps the entries of a standalone database written before the key verifiable, and keys the chain from an anchor after them',
    async () => {
      const dir = tempDir();
      const key = randomBytes(32);
      // The trail as a version before the key left it: plain SHA-256, no anchor, no seal.
      const old = openDatabase({
        file: path.join(dir, 'hearing-desk.db'),
        key,
        migrationsFolder: MIGRATIONS,
        backupsFolder: path.join(dir, 'backups'),
      });
      let prev = '0'.repeat(64);
      for (let i = 1; i <= 3; i++) {
        const row = {
          at: Date.UTC(2025, 0, i),
          userId: null,
          action: 'directory.seeded',
          hearingId: null,
          detailsJson: JSON.stringify({ n: i }),
        };
        const hash = unkeyedChainHash(prev, row);
        old.sqlite
          .prepare(
            'INSERT INTO audit_events (at, user_id, action, hearing_id, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(row.at, row.userId, row.action, row.hearingId, row.detailsJson, prev, hash);
        prev = hash;
      }
      old.close();

      t = await openTestCore({ dir, key });
      expect(t.core.audit.status().atStart).toMatchObject({ scope: 'full', verifiedUpTo: 3, broken: null });
      expect((await rowsOf(t))[3]).toMatchObject({
        seq: 4,
        action: CHAIN_KEYED_ACTION,
        detailsJson: JSON.stringify({ unkeyedEntries: 3 }),
      });
      await seedAccounts(t);
      expect((await t.core.audit.verify('full', null)).verification).toMatchObject({
        broken: null,
        verifiedUpTo: (await rowsOf(t)).at(-2)!.seq,
      });
      expect(t.core.audit.status().keyedFrom).toBe(4);
      t = await restart(t);
      expect(t.core.audit.status().atStart.broken).toBeNull();

      // The entries before the anchor are covered by it: rewriting them, even consistently, shows.
      let chain = '0'.repeat(64);
      const rewritten: [string, unknown[]][] = [];
      for (const row of (await rowsOf(t)).filter((r) => r.seq <= 3)) {
        const changed = { ...row, detailsJson: JSON.stringify({ n: row.seq * 10 }) };
        const hash = unkeyedChainHash(chain, changed);
        rewritten.push([
          'UPDATE audit_events SET details_json = ?, prev_hash = ?, hash = ? WHERE seq = ?',
          [changed.detailsJson, chain, hash, row.seq],
        ]);
        chain = hash;
      }
      await t.close();
      await tamperWithStore(t, rewritten);
      t = await restart(t);
      expect((await t.core.audit.verify('full', null)).verification.broken).toEqual({ kind: 'altered', seq: 4 });
    },
  );
});
