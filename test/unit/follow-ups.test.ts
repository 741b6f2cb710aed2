import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiOf, completeHearing, saveStep } from '../helpers/complete-hearing';
import { digitalStepAnswers, RISK_VERSION, riskStepAnswers } from '../helpers/risk-answers';
import {
  createAccount,
  createUnit,
  defaultUnitId,
  later as laterUnlocked,
  openTestCore,
  PEOPLE,
  seedAccounts,
  type TestCore,
} from '../helpers/temp-core';

const DAY = 86_400_000;
const SUPERVISOR = {
  username: 'sup.unit.a',
  displayName: 'Sarah Fictive',
  password: 'supervisor unit a passphrase',
  role: 'supervisor' as const,
};
const ELSEWHERE = {
  username: 'sup.unit.b',
  displayName: 'Sven Verzonnen',
  password: 'supervisor unit b passphrase',
  role: 'supervisor' as const,
};

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t, true);
  await createAccount(t, { ...SUPERVISOR, unitId: await defaultUnitId(t) });
  await createAccount(t, { ...ELSEWHERE, unitId: await createUnit(t, 'Unit B') });
  await t.ok('supervisor-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await t.ok('elsewhere-window', 'session.login', { username: ELSEWHERE.username, password: ELSEWHERE.password });
});
afterEach(() => t.close());

/** One window's follow-ups of one kind. */
async function listed(window: string, scope: 'mine' | 'unit', kind: string) {
  return (await t.ok(window, 'followUps.list', { scope })).items.filter((item) => item.kind === kind);
}

/** Time passes; each one comes back to her locked screen and unlocks it. */
const later = (ms: number) =>
  laterUnlocked(t, ms, [
    ['officer-window', PEOPLE.officer.password],
    ['other-window', PEOPLE.otherOfficer.password],
    ['supervisor-window', SUPERVISOR.password],
    ['elsewhere-window', ELSEWHERE.password],
  ]);

/** A moment as the step's dateTime answers hold it: local time, YYYY-MM-DDTHH:mm. */
function localDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

describe('the follow-ups of her hearings', () => {
  it("list a translation she asked for, for the officer and her unit's supervisor, until it is sent, due after the zone's delay", async () => {
    const hearingId = await completeHearing({ setup: { victimLanguage: 'so' } }).take(apiOf(t));
    const requestedAt = (await t.ok('officer-window', 'hearings.load', { hearingId })).answers.find(
      (a) => a.formId === 'documents' && a.fieldId === 'translationRequested',
    )!.updatedAt;
    const expected = {
      kind: 'translationDue',
      hearingId,
      requestedAt,
      dueAt: requestedAt + 7 * DAY,
      officerName: PEOPLE.officer.displayName,
    };
    expect(await listed('officer-window', 'mine', 'translationDue')).toContainEqual(expect.objectContaining(expected));
    expect(await listed('supervisor-window', 'unit', 'translationDue')).toContainEqual(
      expect.objectContaining(expected),
    );
    // Her own list holds only her own hearings; an officer has no unit list.
    expect(await listed('supervisor-window', 'mine', 'translationDue')).toEqual([]);
    expect((await t.core.dispatcher.dispatch('officer-window', 'followUps.list', { scope: 'unit' })).ok).toBe(false);
    expect(await listed('other-window', 'mine', 'translationDue')).toEqual([]);
    expect(await listed('elsewhere-window', 'unit', 'translationDue')).toEqual([]);
    await saveStep(apiOf(t), hearingId, 'documents', { translationSentOn: '2026-11-24' });
    expect(await listed('officer-window', 'mine', 'translationDue')).toEqual([]);
  });

  it('list an assessment the supervisor returned, with her comment, until the officer submits again; then the reassessment when it falls due', async () => {
    const hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
    await saveStep(apiOf(t), hearingId, 'digital', digitalStepAnswers());
    await saveStep(apiOf(t), hearingId, 'risk', riskStepAnswers({ A3: 'yes', A5: 'unknown' }));
    const submit = () =>
      t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
    const { assessmentId, level } = await submit();
    expect(await listed('officer-window', 'mine', 'assessmentReturned')).toEqual([]);

    const comment = 'A5 : demandez-lui si la menace a été répétée depuis (commentaire fictif).';
    await t.ok('supervisor-window', 'risk.review', { assessmentId, decision: 'return', comment });
    const returned = {
      kind: 'assessmentReturned',
      hearingId,
      level,
      comment,
      reviewerName: SUPERVISOR.displayName,
      officerName: PEOPLE.officer.displayName,
    };
    const mine = (await t.ok('officer-window', 'followUps.list', { scope: 'mine' })).items;
    // What was sent back comes first.
    expect(mine[0]).toMatchObject(returned);
    expect(await listed('supervisor-window', 'unit', 'assessmentReturned')).toEqual([
      expect.objectContaining(returned),
    ]);
    expect(await listed('other-window', 'mine', 'assessmentReturned')).toEqual([]);
    expect(await listed('elsewhere-window', 'unit', 'assessmentReturned')).toEqual([]);

    // Submitted again: the new assessment replaces the returned one.
    await saveStep(apiOf(t), hearingId, 'risk', riskStepAnswers({ A3: 'yes', A5: 'yes' }));
    const again = await submit();
    expect(await listed('officer-window', 'mine', 'assessmentReturned')).toEqual([]);
    expect(await listed('officer-window', 'mine', 'reassessmentDue')).toEqual([]);

    // Listed from two days before it falls due, and marked by that day.
    const { nextDueAt } = (await t.ok('officer-window', 'risk.history', { hearingId })).assessments.find(
      (a) => a.id === again.assessmentId,
    )!;
    await later(nextDueAt - 2 * DAY - 60_000 - t.clock.now);
    expect(await listed('officer-window', 'mine', 'reassessmentDue')).toEqual([]);
    await later(120_000);
    expect(await listed('officer-window', 'mine', 'reassessmentDue')).toEqual([
      expect.objectContaining({ hearingId, dueAt: nextDueAt, level: again.level }),
    ]);
    expect(await listed('supervisor-window', 'unit', 'reassessmentDue')).toHaveLength(1);
    expect(await listed('elsewhere-window', 'unit', 'reassessmentDue')).toEqual([]);
  });

  it('list a residence ban granted or in force whose recorded end is within two days or past, and not once it ended', async () => {
    const hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
    const api = apiOf(t);
    const end = localDateTime(t.clock.now + 3 * DAY);
    await saveStep(api, hearingId, 'measures', { residenceBanState: 'inForce', residenceBanEnd: end });
    expect(await listed('officer-window', 'mine', 'measureEnding')).toEqual([]);

    await later(1.5 * DAY);
    const ending = { kind: 'measureEnding', measure: 'residenceBan', hearingId, endsOn: end };
    expect(await listed('officer-window', 'mine', 'measureEnding')).toEqual([expect.objectContaining(ending)]);
    expect(await listed('supervisor-window', 'unit', 'measureEnding')).toEqual([expect.objectContaining(ending)]);
    expect(await listed('other-window', 'mine', 'measureEnding')).toEqual([]);

    // Past its end while the step still says it runs: still listed, until the step says it ended.
    await later(5 * DAY);
    expect(await listed('officer-window', 'mine', 'measureEnding')).toHaveLength(1);
    await saveStep(api, hearingId, 'measures', { residenceBanState: 'ended' });
    expect(await listed('officer-window', 'mine', 'measureEnding')).toEqual([]);
    // Only asked for: nothing to watch yet.
    await saveStep(api, hearingId, 'measures', { residenceBanState: 'requested' });
    expect(await listed('officer-window', 'mine', 'measureEnding')).toEqual([]);
  });
});
