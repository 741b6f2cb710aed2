import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiOf, saveStep } from '../helpers/complete-hearing';
import { evaluateRisk, type RiskInput } from '../../forms/risk/evaluate';
import { riskRegistry } from '../../forms/risk/registry';
import {
  createAccount,
  defaultUnitId,
  openTestCore,
  seedAccounts,
  snapshotRecords,
  snapshotTables,
  type TestCore,
} from '../helpers/temp-core';
import { digitalStepAnswers, RISK_VERSION, riskStepAnswers } from '../helpers/risk-answers';
import { createPerson, linkPersons } from '../helpers/pairs';

const SUPERVISOR = {
  username: 'supervisor.one',
  displayName: 'Saskia Verzonnen',
  password: 'supervisor passphrase',
  role: 'supervisor' as const,
};
const FAR_OFFICER = {
  username: 'officer.far',
  displayName: 'Luc Imaginaire',
  password: 'far officer passphrase',
  role: 'officer' as const,
};
const HOUR = 3_600_000;

let t: TestCore;
let hearingId: string;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t);
  const unitId = await defaultUnitId(t);
  await createAccount(t, { ...SUPERVISOR, unitId });
  const otherUnit = (await t.ok('admin-window', 'units.save', { name: 'Unit B' })).unit.id;
  await createAccount(t, { ...FAR_OFFICER, unitId: otherUnit });
  await t.ok('supervisor-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await t.ok('far-window', 'session.login', { username: FAR_OFFICER.username, password: FAR_OFFICER.password });
  hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
  // The digital-violence step answers B6 to B8; every prompt answered no unless a test says otherwise.
  await save('digital', digitalStepAnswers());
});
afterEach(() => t.close());

/** A step's answers saved by the officer, each over its current revision. */
function save(formId: string, values: Record<string, unknown>) {
  return saveStep(apiOf(t), hearingId, formId, values);
}

async function errorOf(
  client: string,
  channel: Parameters<TestCore['core']['dispatcher']['dispatch']>[1],
  input: unknown,
) {
  const result = await t.core.dispatcher.dispatch(client, channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

const auditActions = async () =>
  (await t.sql('SELECT action, details_json AS details FROM audit_events ORDER BY seq')) as {
    action: string;
    details: string;
  }[];

describe('the risk assessment, stored by main', () => {
  it('evaluates what is stored, keeps the result with its definition version, and re-evaluates identically', async () => {
    await save('risk', riskStepAnswers({ A3: 'yes', A5: 'unknown' }));
    const submitted = await t.ok('officer-window', 'risk.submit', {
      hearingId,
      definitionVersion: RISK_VERSION,
      trigger: 'initial',
    });
    expect(submitted.level).toBe(3);

    const { assessments } = await t.ok('officer-window', 'risk.history', { hearingId });
    expect(assessments).toHaveLength(1);
    const stored = assessments[0]!;
    expect(stored.definitionVersion).toBe(RISK_VERSION);
    expect(stored.result.redFlags.map((f) => f.id)).toEqual(['RF1']);
    expect(stored.result.uncertainty.items).toEqual(['A5']);
    expect(stored.reviewStatus).toBe('pending');
    expect(stored.nextDueAt).toBe(t.clock.now + 7 * 24 * HOUR);
    // Any stored assessment gives the same result when evaluated again with its own version.
    expect(evaluateRisk(riskRegistry.get(stored.definitionVersion)!, stored.input)).toEqual(stored.result);
    expect((await auditActions()).at(-1)?.action).toBe('risk.assessed');
  });

  it('refuses an assessment for a definition version that does not exist, and writes nothing', async () => {
    await save('risk', riskStepAnswers());
    const before = await snapshotTables(t);
    expect(
      (await errorOf('officer-window', 'risk.submit', { hearingId, definitionVersion: 99, trigger: 'initial' })).code,
    ).toBe('UNKNOWN_DEFINITION_VERSION');
    expect(await snapshotTables(t)).toEqual(before);
  });

  it('refuses an answer outside the allowed set, and writes nothing', async () => {
    const before = await snapshotTables(t);
    const error = await errorOf('officer-window', 'hearings.saveAnswers', {
      hearingId,
      formId: 'risk',
      changes: [{ fieldId: 'a3', value: 'maybe', baseRevision: 0 }],
    });
    expect(error).toMatchObject({ code: 'INVALID_ANSWER', fields: ['a3'] });
    expect(await snapshotTables(t)).toEqual(before);
  });

  it('refuses to submit while an item is unanswered, naming the items', async () => {
    const answers = riskStepAnswers();
    delete answers['d1'];
    await save('risk', answers);
    const before = await snapshotTables(t);
    expect(
      await errorOf('officer-window', 'risk.submit', {
        hearingId,
        definitionVersion: RISK_VERSION,
        trigger: 'initial',
      }),
    ).toMatchObject({ code: 'RISK_INCOMPLETE', fields: ['D1'] });
    expect(await snapshotTables(t)).toEqual(before);
  });

  it('raises with a written reason; refuses a lowering below the red-flag floor and writes nothing', async () => {
    await save('risk', riskStepAnswers({ A3: 'yes' }, { barriers: ['V1'] }));
    const before = await snapshotTables(t);
    expect(
      await errorOf('officer-window', 'risk.submit', {
        hearingId,
        definitionVersion: RISK_VERSION,
        trigger: 'initial',
        lowering: { level: 2, reason: 'Elle dit qu’il s’est calmé.' },
      }),
    ).toMatchObject({ code: 'LOWERING_BELOW_FLOOR' });
    expect(
      await errorOf('officer-window', 'risk.submit', {
        hearingId,
        definitionVersion: RISK_VERSION,
        trigger: 'initial',
        raise: { level: 3, reason: 'x' },
      }),
    ).toMatchObject({ code: 'JUDGEMENT_INVALID', fields: ['raiseNotHigher'] });
    expect(
      (
        await errorOf('officer-window', 'risk.submit', {
          hearingId,
          definitionVersion: RISK_VERSION,
          trigger: 'initial',
          raise: { level: 4, reason: '   ' },
        })
      ).code,
    ).toBe('VALIDATION');
    expect(await snapshotTables(t)).toEqual(before);
  });

  it('a lowering above the floor waits for a supervisor of the unit, who approves it', async () => {
    await save('risk', riskStepAnswers({ A3: 'yes' }, { barriers: ['V7'] }));
    await t.ok('officer-window', 'risk.submit', {
      hearingId,
      definitionVersion: RISK_VERSION,
      trigger: 'initial',
      lowering: { level: 3, reason: 'Elle a retrouvé un emploi et un logement.' },
    });
    const queue = await t.ok('supervisor-window', 'risk.queue', {});
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      hearingId,
      level: 4,
      loweringRequested: 3,
      redFlags: ['RF1'],
      reviewStatus: 'pending',
    });
    // The reasons as the stored result gives them: its first three drivers, its uncertainty.
    const [stored] = (await t.ok('supervisor-window', 'risk.history', { hearingId })).assessments;
    expect(queue.items[0]!.drivers).toEqual(stored!.result.drivers.slice(0, 3).map((d) => d.item));
    expect(queue.items[0]!.drivers.length).toBeGreaterThan(0);
    expect(queue.items[0]!.insufficient).toBe(stored!.result.uncertainty.insufficient);
    // No victim's name in the queue: only references, levels and reasons.
    await save('people', { victimSurname: 'Fictivename', victimFirstNames: 'Inès' });
    expect(JSON.stringify(await t.ok('supervisor-window', 'risk.queue', {}))).not.toContain('Fictivename');

    const assessmentId = queue.items[0]!.assessmentId;
    expect((await errorOf('supervisor-window', 'risk.review', { assessmentId, decision: 'approve' })).fields).toEqual([
      'lowering',
    ]);
    expect(
      await t.ok('supervisor-window', 'risk.review', { assessmentId, decision: 'approve', lowering: 'approve' }),
    ).toEqual({ level: 3, reviewStatus: 'approved' });
    const latest = (await t.ok('officer-window', 'risk.history', { hearingId })).assessments[0]!;
    expect(latest).toMatchObject({
      level: 3,
      lowering: { level: 3, status: 'approved' },
      reviewStatus: 'approved',
      reviewedByName: SUPERVISOR.displayName,
    });
    expect(evaluateRisk(riskRegistry.get(RISK_VERSION)!, latest.input)).toEqual(latest.result);
    expect((await t.ok('supervisor-window', 'risk.queue', {})).items).toEqual([]);
    expect((await errorOf('supervisor-window', 'risk.review', { assessmentId, decision: 'approve' })).code).toBe(
      'NOT_PENDING',
    );
  });

  it('a supervisor of the unit opens the file (audited) but changes nothing; another unit gets an access error, not the data', async () => {
    await save('people', { victimSurname: 'Fictivename' });
    const loaded = await t.ok('supervisor-window', 'hearings.load', { hearingId });
    expect(loaded.access).toBe('review');
    expect((await auditActions()).at(-1)).toEqual({
      action: 'hearing.opened',
      details: JSON.stringify({ asSupervisor: true }),
    });
    expect(
      (
        await errorOf('supervisor-window', 'hearings.saveAnswers', {
          hearingId,
          formId: 'people',
          changes: [{ fieldId: 'victimSurname', value: 'x', baseRevision: 1 }],
        })
      ).code,
    ).toBe('FORBIDDEN');

    for (const channel of ['hearings.load', 'risk.history'] as const) {
      const error = await errorOf('far-window', channel, { hearingId });
      expect(error.code).toBe('FORBIDDEN');
      expect(JSON.stringify(error)).not.toContain('Fictivename');
    }
    expect((await auditActions()).at(-1)?.action).toBe('hearing.access_denied');
  });

  it('refuses a forged role claim: an officer cannot review or read the queue, an extra role field is invalid', async () => {
    await save('risk', riskStepAnswers({ A3: 'yes' }));
    const { assessmentId } = await t.ok('officer-window', 'risk.submit', {
      hearingId,
      definitionVersion: RISK_VERSION,
      trigger: 'initial',
    });
    const before = await snapshotRecords(t);
    expect((await errorOf('officer-window', 'risk.review', { assessmentId, decision: 'approve' })).code).toBe(
      'FORBIDDEN',
    );
    expect((await errorOf('officer-window', 'risk.queue', {})).code).toBe('FORBIDDEN');
    expect(
      (await errorOf('officer-window', 'risk.review', { assessmentId, decision: 'approve', role: 'supervisor' })).code,
    ).toBe('VALIDATION');
    expect((await errorOf('admin-window', 'risk.history', { hearingId })).code).toBe('FORBIDDEN');
    expect(await snapshotRecords(t)).toEqual(before);
    // Nothing but the trace of each refusal by role.
    expect((await auditActions()).slice(-3)).toEqual(
      ['risk.review', 'risk.queue', 'risk.history'].map((channel) => ({
        action: 'access.refused',
        details: JSON.stringify({ channel }),
      })),
    );
  });

  it('follows the pair: an event makes the reassessment due now, and the next assessment shows what changed', async () => {
    await save('risk', riskStepAnswers({ B1: 'yes' }));
    await t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
    expect((await t.ok('supervisor-window', 'risk.queue', {})).items).toEqual([]);
    t.clock.now += 60_000;
    await t.ok('officer-window', 'risk.noteEvent', { hearingId, kind: 'breach', note: 'Vu devant le domicile.' });
    const due = await t.ok('supervisor-window', 'risk.queue', {});
    expect(due.items).toMatchObject([{ hearingId, overdue: true, reviewStatus: 'notRequired' }]);

    t.clock.now += 60_000;
    await save('risk', { c4: 'yes' });
    await t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'breach' });
    const { assessments, events } = await t.ok('officer-window', 'risk.history', { hearingId });
    expect(events).toMatchObject([{ kind: 'breach', note: 'Vu devant le domicile.' }]);
    expect(assessments.map((a) => [a.sequence, a.latest, a.level])).toEqual([
      [2, true, 3],
      [1, false, 1],
    ]);
    expect(assessments[0]!.comparison).toEqual({
      levelFrom: 1,
      levelTo: 3,
      changedItems: [{ item: 'C4', from: 'no', to: 'yes' }],
      newRedFlags: ['RF5'],
      goneRedFlags: [],
    });
  });

  it('counts the unit’s queue: pending ones whether due or not, due ones only when not pending', async () => {
    /** A hearing of the officer's, assessed with these answers; a breach makes its reassessment due. */
    async function assessed(answers: Parameters<typeof riskStepAnswers>[0], breach: boolean): Promise<string> {
      const id = hearingId;
      hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
      await save('digital', digitalStepAnswers());
      await save('risk', riskStepAnswers(answers));
      await t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
      t.clock.now += 60_000;
      if (breach) await t.ok('officer-window', 'risk.noteEvent', { hearingId, kind: 'breach', note: 'Revenu.' });
      const assessedId = hearingId;
      hearingId = id;
      return assessedId;
    }
    const pendingNotDue = await assessed({ A3: 'yes' }, false);
    const pendingDue = await assessed({ A3: 'yes' }, true);
    const due = await assessed({ B1: 'yes' }, true);
    await assessed({ B1: 'yes' }, false);
    // Another unit's assessment, due and pending, counts for nobody here.
    const far = hearingId;
    hearingId = (await t.ok('far-window', 'hearings.create', {})).hearing.id;
    await saveStep(apiOf(t, 'far-window'), hearingId, 'digital', digitalStepAnswers());
    await saveStep(apiOf(t, 'far-window'), hearingId, 'risk', riskStepAnswers({ A3: 'yes' }));
    await t.ok('far-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
    hearingId = far;

    const queue = await t.ok('supervisor-window', 'risk.queue', {});
    expect(queue.pendingTotal).toBe(2);
    expect(queue.dueTotal).toBe(1);
    expect(queue.items.map((i) => [i.hearingId, i.reviewStatus])).toEqual([
      [expect.any(String), 'pending'],
      [expect.any(String), 'pending'],
      [due, 'notRequired'],
    ]);
    expect(new Set(queue.items.slice(0, 2).map((i) => i.hearingId))).toEqual(new Set([pendingNotDue, pendingDue]));
  });

  it('gives the items of the same victim and suspect one pair key, read with the page, and no one’s identity', async () => {
    /** A hearing of the officer's awaiting review, its victim and suspect linked to these persons. */
    async function pending(persons: { victim: string; suspect?: string } | null): Promise<string> {
      const id = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
      await saveStep(apiOf(t), id, 'digital', digitalStepAnswers());
      await saveStep(apiOf(t), id, 'risk', riskStepAnswers({ A3: 'yes' }));
      await t.ok('officer-window', 'risk.submit', {
        hearingId: id,
        definitionVersion: RISK_VERSION,
        trigger: 'initial',
      });
      if (persons) await linkPersons(t, id, persons);
      t.clock.now += 60_000;
      return id;
    }
    const victim = await createPerson(t, 'Fictivaelle');
    const suspect = await createPerson(t, 'Inventeau');
    const otherSuspect = await createPerson(t, 'Imaginot');
    const first = await pending({ victim, suspect });
    const sameVictimOnly = await pending({ victim, suspect: otherSuspect });
    const noPersons = await pending(null);
    const victimOnly = await pending({ victim });
    const second = await pending({ victim, suspect });

    const queue = await t.ok('supervisor-window', 'risk.queue', {});
    const keyOf = new Map(queue.items.map((i) => [i.hearingId, i.pairKey]));
    expect(queue.items).toHaveLength(5);
    // The queue's order is its own (level, then due date): the pair's items are not moved here.
    expect(queue.items.map((i) => i.hearingId)).toEqual([first, sameVictimOnly, noPersons, victimOnly, second]);
    expect(keyOf.get(first)).toMatch(/^[0-9a-f]{32}$/);
    expect(keyOf.get(second)).toBe(keyOf.get(first));
    // The same victim with another suspect is another pair; without both persons there is none.
    expect(keyOf.get(sameVictimOnly)).toMatch(/^[0-9a-f]{32}$/);
    expect(keyOf.get(sameVictimOnly)).not.toBe(keyOf.get(first));
    expect(keyOf.get(noPersons)).toBeNull();
    expect(keyOf.get(victimOnly)).toBeNull();
    // Opaque: neither the persons' ids nor their names reach the screen.
    const text = JSON.stringify(queue);
    for (const secret of [victim, suspect, otherSuspect, 'Fictivaelle', 'Inventeau', 'Imaginot'])
      expect(text).not.toContain(secret);
    // Stable: the same key on the next reading.
    expect((await t.ok('supervisor-window', 'risk.queue', {})).items.map((i) => i.pairKey)).toEqual(
      queue.items.map((i) => i.pairKey),
    );
  });

  it('closing needs a submitted assessment on the answers as they stand; the risk step stays open after closing', async () => {
    await save('risk', riskStepAnswers());
    const missing = async () => (await errorOf('officer-window', 'hearings.close', { hearingId })).fields ?? [];
    expect(await missing()).toContain('risk:assessment');
    await t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
    expect(await missing()).not.toContain('risk:assessment');
    // Below level 4 the magistrate's questions are not asked of her.
    expect((await missing()).filter((f) => f.startsWith('risk:magistrate'))).toEqual([]);
    await save('risk', { a1: 'yes' });
    expect(await missing()).toContain('risk:assessmentOutdated');
    expect(await missing()).not.toContain('risk:assessmentReturned');
    const stored = (await t.sql('SELECT answers_json FROM risk_assessments'))[0] as {
      answers_json: string;
    };
    expect((JSON.parse(stored.answers_json) as RiskInput).answers['A1']?.answer).toBe('no');
  });

  it('closing waits for a new assessment when the supervisor returned the last one', async () => {
    await save('risk', riskStepAnswers({ A3: 'yes', A5: 'unknown' }));
    const { assessmentId } = await t.ok('officer-window', 'risk.submit', {
      hearingId,
      definitionVersion: RISK_VERSION,
      trigger: 'initial',
    });
    const missing = async () => (await errorOf('officer-window', 'hearings.close', { hearingId })).fields ?? [];
    expect(await missing()).not.toContain('risk:assessmentReturned');
    await t.ok('supervisor-window', 'risk.review', {
      assessmentId,
      decision: 'return',
      comment: 'Revoyez A5 avec elle (commentaire fictif).',
    });
    expect(await missing()).toContain('risk:assessmentReturned');
    // Revised and submitted again: the new assessment awaits review, and closing no longer waits.
    await save('risk', { a5: 'yes' });
    await t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
    expect((await missing()).filter((f) => f.startsWith('risk:assessment'))).toEqual([]);
  });

  it('at level 4, closing needs when and to whom the on-duty magistrate was informed, which changes no assessment', async () => {
    await save('risk', riskStepAnswers({ A3: 'yes', A5: 'yes' }));
    const submitted = await t.ok('officer-window', 'risk.submit', {
      hearingId,
      definitionVersion: RISK_VERSION,
      trigger: 'initial',
    });
    expect(submitted.level).toBe(4);
    const missing = async () =>
      ((await errorOf('officer-window', 'hearings.close', { hearingId })).fields ?? []).filter((f) =>
        f.startsWith('risk:'),
      );
    expect(await missing()).toEqual(['risk:magistrateInformedAt', 'risk:magistrateInformedTo']);
    await save('risk', { magistrateInformedAt: '2026-12-05T10:30' });
    expect(await missing()).toEqual(['risk:magistrateInformedTo']);
    await save('risk', { magistrateInformedTo: '  ' });
    expect(await missing()).toEqual(['risk:magistrateInformedTo']);
    await save('risk', { magistrateInformedTo: 'Substitut de garde, parquet de Liège (fictif)' });
    expect(await missing()).toEqual([]);
  });
});
