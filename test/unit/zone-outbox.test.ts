import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS, FORMS } from '../../forms/fields.generated';
import type { ChannelInput, Envelope } from '../../src-main/api/contract';
import { OutboxOpenError, openAnswerOutbox } from '../../src-main/zone/answer-outbox';
import type { ZoneDispatcher } from '../../src-main/zone/zone-dispatcher';
import { PEOPLE } from '../helpers/temp-core';
import { startTestZone, type TestZone } from '../helpers/zone';

/**
 * A zone workstation's outbox (zone.md: nothing typed is lost when the server cannot be reached),
 * against a real zone server on PostgreSQL that is stopped and started again.
 */
const NARRATIVE = FIELDS.facts.narrative;

describe('answers kept on the workstation while the server is away', () => {
  let zone: TestZone;
  let outboxDir: string;
  let outboxKey: Buffer;
  const opened: ZoneDispatcher[] = [];

  /** A workstation with an outbox; `retryMs` long enough that only the test's saves send it. */
  async function workstationWithOutbox(name: string, file: string, retryMs = 60_000): Promise<ZoneDispatcher> {
    const dispatcher = await zone.workstation(name, {
      outbox: { file, key: Buffer.from(outboxKey) },
      outboxRetryMs: retryMs,
    });
    opened.push(dispatcher);
    return dispatcher;
  }

  async function signIn(dispatcher: ZoneDispatcher, clientId: string, who: { username: string; password: string }) {
    const session = await dispatcher.call(clientId, 'session.login', {
      username: who.username,
      password: who.password,
    });
    if (!session.ok) throw new Error(session.error.code);
  }

  async function newHearing(dispatcher: ZoneDispatcher, clientId: string): Promise<string> {
    const created = await dispatcher.call(clientId, 'hearings.create', {});
    if (!created.ok) throw new Error(created.error.code);
    return created.value.hearing.id;
  }

  function save(hearingId: string, value: string, baseRevision: number, fieldId = NARRATIVE) {
    return {
      hearingId,
      formId: FORMS.facts,
      changes: [{ fieldId, value, baseRevision }],
    } satisfies ChannelInput<'hearings.saveAnswers'>;
  }

  async function stored(hearingId: string, fieldId = NARRATIVE) {
    const [row] = await zone.owner.query<{ value_json: string; revision: number }>(
      'SELECT value_json, revision FROM answers WHERE hearing_id = ? AND field_id = ?',
      [hearingId, fieldId],
    );
    return row ? { value: JSON.parse(row.value_json) as unknown, revision: row.revision } : undefined;
  }

  async function until<T>(what: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await what();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('Timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    zone = await startTestZone();
    outboxDir = fs.mkdtempSync(path.join(zone.dir, 'outboxes-'));
    outboxKey = randomBytes(32);
    const setup = await zone.workstation('ws-setup');
    expect((await setup.call('1', 'setup.createAdministrator', PEOPLE.admin)).ok).toBe(true);
    const unit = await setup.call('1', 'units.save', { name: 'Unité outbox' });
    if (!unit.ok) throw new Error(unit.error.code);
    for (const person of [PEOPLE.officer, PEOPLE.otherOfficer]) {
      const created = await setup.call('1', 'users.create', { ...person, unitId: unit.value.unit.id });
      expect(created.ok).toBe(true);
    }
    await zone.owner.query('UPDATE users SET must_change_password = false', []);
  });
  afterAll(async () => {
    for (const dispatcher of opened) dispatcher.close();
    await zone?.stop();
  });

  it('keeps what the server did not confirm, encrypted, and sends the last of it, once, when the server is back', async () => {
    const file = path.join(outboxDir, 'room-1.sqlite');
    const room = await workstationWithOutbox('ws-room-1', file, 100);
    await signIn(room, '1', PEOPLE.officer);
    const hearingId = await newHearing(room, '1');
    const first = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Récit fictif, début', 0));
    expect(first).toMatchObject({ ok: true, value: { revisions: [{ revision: 1 }] } });

    await zone.pause();
    try {
      // The window's base stays at 1: it was never told of another revision.
      for (const text of ['Récit fictif, début. Il a crié', 'Récit fictif, début. Il a crié et cassé la porte']) {
        const kept = await room.call('1', 'hearings.saveAnswers', save(hearingId, text, 1));
        expect(kept).toMatchObject({ ok: false, error: { code: 'KEPT_ON_THIS_COMPUTER' } });
      }
      // Kept where only the outbox's key reads it.
      const bytes = Buffer.concat(
        fs
          .readdirSync(outboxDir)
          .filter((name) => name.startsWith('room-1'))
          .map((name) => fs.readFileSync(path.join(outboxDir, name))),
      );
      expect(bytes.includes(Buffer.from('cassé la porte'))).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
    } finally {
      await zone.resume();
    }

    // The outbox sends on its own (every 100 ms here): the last text, on the revision it was typed on.
    await until(async () => ((await stored(hearingId))?.revision === 2 ? true : undefined));
    expect(await stored(hearingId)).toEqual({ value: 'Récit fictif, début. Il a crié et cassé la porte', revision: 2 });
    // The window's own retry (still on base 1) is the save the outbox made, not a conflict with it.
    const retried = await room.call(
      '1',
      'hearings.saveAnswers',
      save(hearingId, 'Récit fictif, début. Il a crié et cassé la porte', 1),
    );
    expect(retried).toMatchObject({ ok: true, value: { revisions: [{ fieldId: NARRATIVE, revision: 2 }] } });
    // And its next save goes on from there.
    const next = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Récit fictif, suite', 1));
    expect(next).toMatchObject({ ok: true, value: { revisions: [{ revision: 3 }] } });
    const trail = await zone.owner.query<{ details: string }>(
      "SELECT details_json AS details FROM audit_events WHERE hearing_id = ? AND action = 'answers.saved' ORDER BY seq",
      [hearingId],
    );
    expect(
      trail.map((t) => (JSON.parse(t.details) as { revisions: { revision: number }[] }).revisions[0]!.revision),
    ).toEqual([1, 2, 3]);
  });

  it('takes a save whose answer was lost after the commit for what it is: stored, not a conflict', async () => {
    const room = await workstationWithOutbox('ws-room-2', path.join(outboxDir, 'room-2.sqlite'));
    // The same workstation and window without the outbox: its save reaches the server, its answer
    // never reaches the window (as when the server dies between its commit and its answer).
    const sameWindow = await zone.workstation('ws-room-2');
    await signIn(room, '1', PEOPLE.officer);
    const hearingId = await newHearing(room, '1');
    expect((await sameWindow.call('1', 'hearings.saveAnswers', save(hearingId, 'Texte fictif', 0))).ok).toBe(true);

    const again = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Texte fictif', 0));
    expect(again).toMatchObject({ ok: true, value: { revisions: [{ revision: 1 }] } });
    // A different text on that base is a real conflict.
    const other = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Autre texte fictif', 0));
    expect(other).toMatchObject({ ok: false, error: { code: 'STALE_REVISION', fields: [NARRATIVE] } });
  });

  it('knows its own write stored before a crash from another window’s, and goes on on top of it', async () => {
    const room = await workstationWithOutbox('ws-room-6', path.join(outboxDir, 'room-6.sqlite'));
    const sameWindow = await zone.workstation('ws-room-6');
    await signIn(room, '1', PEOPLE.officer);
    const hearingId = await newHearing(room, '1');
    expect((await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Début fictif', 0))).ok).toBe(true);
    await zone.pause();
    // Sent, no answer: stored or not, nobody knows.
    const first = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Début fictif. Suite', 1));
    expect(first).toMatchObject({ ok: false, error: { code: 'KEPT_ON_THIS_COMPUTER' } });
    await zone.resume();
    // It was stored (as when the server died after its commit): the same window's write, revision 2.
    expect((await sameWindow.call('1', 'hearings.saveAnswers', save(hearingId, 'Début fictif. Suite', 1))).ok).toBe(
      true,
    );
    // She typed on meanwhile, still on revision 1: her own write under it is no conflict.
    const more = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Début fictif. Suite et fin', 1));
    expect(more).toMatchObject({ ok: true, value: { revisions: [{ revision: 3 }] } });
    expect(await stored(hearingId)).toEqual({ value: 'Début fictif. Suite et fin', revision: 3 });
  });

  it('gives a conflict back to the window as a stale revision, keeps her text aside until she keeps hers', async () => {
    const file = path.join(outboxDir, 'room-3.sqlite');
    const room = await workstationWithOutbox('ws-room-3', file);
    const elsewhere = await zone.workstation('ws-desk-3');
    await signIn(room, '1', PEOPLE.officer);
    await signIn(elsewhere, '1', PEOPLE.officer);
    const hearingId = await newHearing(room, '1');
    expect((await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Version de la salle', 0))).ok).toBe(true);

    await zone.pause();
    const kept = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Version de la salle, complétée', 1));
    expect(kept).toMatchObject({ ok: false, error: { code: 'KEPT_ON_THIS_COMPUTER' } });
    await zone.resume();
    // Another window of hers changes the same answer before the outbox could send.
    expect((await elsewhere.call('1', 'hearings.saveAnswers', save(hearingId, 'Version du bureau', 1))).ok).toBe(true);

    const retried = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Version de la salle, complétée', 1));
    expect(retried).toMatchObject({ ok: false, error: { code: 'STALE_REVISION', fields: [NARRATIVE] } });
    expect(await stored(hearingId)).toEqual({ value: 'Version du bureau', revision: 2 });
    // Set aside, not lost, and not sent again by itself.
    const reader = openAnswerOutbox({ file, key: Buffer.from(outboxKey) });
    try {
      expect(reader.counts()).toEqual({ unsent: 0, setAside: 1 });
      // She keeps her version, on the current revision, as the screen's "keep mine" does.
      const mine = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Version de la salle, complétée', 2));
      expect(mine).toMatchObject({ ok: true, value: { revisions: [{ revision: 3 }] } });
      expect(reader.counts()).toEqual({ unsent: 0, setAside: 0 });
    } finally {
      reader.close();
    }
  });

  it('sends an officer’s kept answers only under her own session, also after the workstation restarted', async () => {
    const file = path.join(outboxDir, 'room-4.sqlite');
    let room = await workstationWithOutbox('ws-room-4', file, 100);
    await signIn(room, '1', PEOPLE.officer);
    const hearingId = await newHearing(room, '1');
    expect((await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Premier texte fictif', 0))).ok).toBe(true);
    await zone.pause();
    const kept = await room.call('1', 'hearings.saveAnswers', save(hearingId, 'Texte fictif gardé', 1));
    expect(kept).toMatchObject({ ok: false, error: { code: 'KEPT_ON_THIS_COMPUTER' } });
    // The workstation stops with the answer in its outbox; the window is gone.
    room.close();
    await zone.resume();

    room = await workstationWithOutbox('ws-room-4', file, 100);
    // Her colleague signs in on this workstation: not his answers to send.
    await signIn(room, '7', PEOPLE.otherOfficer);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await stored(hearingId)).toEqual({ value: 'Premier texte fictif', revision: 1 });
    // The window of the restarted workstation still holds its session on the server (window 1):
    // once it says who it is, hers go.
    const session = await room.call('1', 'session.current', {});
    expect(session).toMatchObject({ ok: true, value: { user: { username: PEOPLE.officer.username } } });
    await until(async () => ((await stored(hearingId))?.revision === 2 ? true : undefined));
    expect(await stored(hearingId)).toEqual({ value: 'Texte fictif gardé', revision: 2 });
  });

  it('keeps saves in order across forms and hearings and refuses to open with another key', async () => {
    const file = path.join(outboxDir, 'room-5.sqlite');
    const room = await workstationWithOutbox('ws-room-5', file);
    await signIn(room, '1', PEOPLE.officer);
    const first = await newHearing(room, '1');
    const second = await newHearing(room, '1');
    await zone.pause();
    const kept: Envelope<unknown>[] = [];
    kept.push(await room.call('1', 'hearings.saveAnswers', save(second, 'Deuxième audition, texte fictif', 0)));
    kept.push(await room.call('1', 'hearings.saveAnswers', save(first, 'Première audition, texte fictif', 0)));
    kept.push(await room.call('1', 'hearings.saveAnswers', save(second, 'Deuxième audition, texte corrigé', 0)));
    expect(kept.every((k) => !k.ok && k.error.code === 'KEPT_ON_THIS_COMPUTER')).toBe(true);
    await zone.resume();
    // The window's next save of the first hearing (the text typed since, on the base it had)
    // joins what waits for that form and goes with it; the second hearing's save still waits.
    const next = await room.call('1', 'hearings.saveAnswers', save(first, 'Première audition, texte complété', 0));
    expect(next).toMatchObject({ ok: true, value: { revisions: [{ revision: 1 }] } });
    expect(await stored(first)).toEqual({ value: 'Première audition, texte complété', revision: 1 });
    expect(await stored(second)).toBeUndefined();
    // Loading the second hearing sends what waits for it first: the screen shows what she typed.
    const loaded = await room.call('1', 'hearings.load', { hearingId: second });
    if (!loaded.ok) throw new Error(loaded.error.code);
    expect(loaded.value.answers.find((a) => a.fieldId === NARRATIVE)).toMatchObject({
      value: 'Deuxième audition, texte corrigé',
      revision: 1,
    });
    room.close();
    expect(() => openAnswerOutbox({ file, key: randomBytes(32) })).toThrow(OutboxOpenError);
  });
});
