import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS, FORMS } from '../../forms/fields.generated';
import type { ZoneDispatcher } from '../../src-main/zone/zone-dispatcher';
import { startPostgresServer, type PostgresServer } from '../helpers/postgres-server';
import { PEOPLE } from '../helpers/temp-core';
import { startTestZone, type TestZone } from '../helpers/zone';

/**
 * Issue 15's third fault: the zone's PostgreSQL restarts (as a crash would: every connection cut,
 * recovery from its WAL) while three workstations save. On its own cluster, so that no other test
 * file's database goes down with it.
 */
const WORKSTATIONS = 3;
const SAVES = 30;

describe('PostgreSQL restarted under load', () => {
  let postgres: PostgresServer;
  let zone: TestZone;
  const workstations: ZoneDispatcher[] = [];

  beforeAll(async () => {
    // Durable, as a zone runs it: a test cluster's synchronous_commit=off would lose, in the
    // crash, commits the server had already confirmed.
    postgres = await startPostgresServer({ durable: true });
    zone = await startTestZone({ postgres });
    const setup = await zone.workstation('ws-setup');
    expect((await setup.call('1', 'setup.createAdministrator', PEOPLE.admin)).ok).toBe(true);
    const unit = await setup.call('1', 'units.save', { name: 'Unité redémarrage' });
    if (!unit.ok) throw new Error(unit.error.code);
    expect((await setup.call('1', 'users.create', { ...PEOPLE.officer, unitId: unit.value.unit.id })).ok).toBe(true);
    await zone.owner.query('UPDATE users SET must_change_password = false', []);
    for (let i = 0; i < WORKSTATIONS; i++) {
      workstations.push(
        await zone.workstation(`ws-room-${i}`, {
          outbox: { file: path.join(zone.dir, `outbox-${i}.sqlite`), key: randomBytes(32) },
          outboxRetryMs: 100,
        }),
      );
    }
  });
  afterAll(async () => {
    await zone?.stop();
    await postgres?.stop();
  });

  it('loses no answer and no sign-in', async () => {
    const hearings: string[] = [];
    for (const workstation of workstations) {
      const session = await workstation.call('1', 'session.login', {
        username: PEOPLE.officer.username,
        password: PEOPLE.officer.password,
      });
      expect(session.ok).toBe(true);
      const created = await workstation.call('1', 'hearings.create', {});
      if (!created.ok) throw new Error(created.error.code);
      hearings.push(created.value.hearing.id);
    }

    let restarted: Promise<void> | undefined;
    const outcomes: string[] = [];
    /** One window typing, as its autosave queue does: a kept answer leaves its base where it was. */
    async function type(index: number): Promise<string> {
      const workstation = workstations[index]!;
      let base = 0;
      let value = '';
      for (let i = 1; i <= SAVES; i++) {
        if (index === 0 && i === 8) restarted = postgres.restart();
        value = `Récit fictif ${index}, version ${i}`;
        const saved = await workstation.call('1', 'hearings.saveAnswers', {
          hearingId: hearings[index]!,
          formId: FORMS.facts,
          changes: [{ fieldId: FIELDS.facts.narrative, value, baseRevision: base }],
        });
        outcomes.push(saved.ok ? 'saved' : saved.error.code);
        if (saved.ok) base = saved.value.revisions[0]!.revision;
        else if (saved.error.code !== 'KEPT_ON_THIS_COMPUTER')
          throw new Error(`${saved.error.code}: ${saved.error.message}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return value;
    }
    const last = await Promise.all(workstations.map((_, index) => type(index)));
    await restarted;
    // The restart did reach the saves: some were kept on the workstations meanwhile.
    expect(outcomes).toContain('KEPT_ON_THIS_COMPUTER');

    // Everything reaches the server once it is back, by the outboxes themselves.
    const deadline = Date.now() + 20_000;
    let stored: { hearing_id: string; value_json: string }[] = [];
    while (Date.now() < deadline) {
      stored = await zone.owner.query<{ hearing_id: string; value_json: string }>(
        'SELECT hearing_id, value_json FROM answers WHERE field_id = ?',
        [FIELDS.facts.narrative],
      );
      if (
        hearings.every((id, index) =>
          stored.some((s) => s.hearing_id === id && s.value_json === JSON.stringify(last[index])),
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      hearings.map((id) => JSON.parse(stored.find((s) => s.hearing_id === id)?.value_json ?? 'null') as unknown),
    ).toEqual(last);
    // In order: each hearing's saves one revision after the other in the trail.
    for (const id of hearings) {
      const saves = await zone.owner.query<{ details: string }>(
        "SELECT details_json AS details FROM audit_events WHERE hearing_id = ? AND action = 'answers.saved' ORDER BY seq",
        [id],
      );
      const revisions = saves.map(
        (s) => (JSON.parse(s.details) as { revisions: { revision: number }[] }).revisions[0]!.revision,
      );
      expect(revisions).toEqual(revisions.map((_, index) => index + 1));
    }
    // Still signed in on every workstation: the sessions are in the database that restarted.
    for (const workstation of workstations) {
      const session = await workstation.call('1', 'session.current', {});
      expect(session).toMatchObject({ ok: true, value: { user: { username: PEOPLE.officer.username } } });
    }
    // And the server stops cleanly: the restart kept no connection out of its pool (one lost
    // for good each time would, restart after restart, leave the server none).
    const stopped = await Promise.race([
      zone.running.close().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting for a connection'), 10_000)),
    ]);
    expect(stopped).toBe('stopped');
  });
});
