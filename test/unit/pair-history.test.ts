import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonRole } from '../../domain/person-links';
import { followUpFieldId, itemFieldId, sourceFieldId } from '../../forms/risk/risk-form';
import { apiOf, completeHearing, saveStep } from '../helpers/complete-hearing';
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

/**
 * One history per victim and suspect (issue 16, items 3 to 5), on each store: complaint 1 taken and
 * assessed by one officer; complaint 2, three months later, by another, whose victim and suspect
 * she links to complaint 1's. The records then answer the risk step, the pair's history shows
 * complaint 1 as each may see it, and every view is audited. Names and dates are invented.
 */

const DAY = 86_400_000;
const SUPERVISOR = {
  username: 'sup.a',
  displayName: 'Sarah Fictive',
  password: 'supervisor a passphrase',
  role: 'supervisor' as const,
};
const OFFICER_B = {
  username: 'officer.b',
  displayName: 'Olga Imaginaire',
  password: 'officer b passphrase',
  role: 'officer' as const,
};
const SUPERVISOR_B = {
  username: 'sup.b',
  displayName: 'Sven Verzonnen',
  password: 'supervisor b passphrase',
  role: 'supervisor' as const,
};

const VICTIM = { victimSurname: 'Lambert', victimFirstNames: 'Nadia', victimBirthDate: '1991-04-17' };
const SUSPECT = { suspectSurname: 'Exemple', suspectFirstNames: 'Marc', suspectBirthDate: '1985-06-02' };

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t, true);
  await createAccount(t, { ...SUPERVISOR, unitId: await defaultUnitId(t) });
  const unitB = await createUnit(t, 'Unit B');
  await createAccount(t, { ...OFFICER_B, unitId: unitB });
  await createAccount(t, { ...SUPERVISOR_B, unitId: unitB });
  await t.ok('supervisor-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
});
afterEach(() => t.close());

/** Time passes; each one comes back to her locked screen and unlocks it. */
const later = (ms: number) =>
  laterUnlocked(t, ms, [
    ['officer-window', PEOPLE.officer.password],
    ['other-window', PEOPLE.otherOfficer.password],
    ['supervisor-window', SUPERVISOR.password],
  ]);

/**
 * Complaint 1: taken, assessed and closed by the first officer (a contact ban in force), then a
 * breach of it noted; the supervisor approves its assessment with a comment.
 */
async function firstComplaint(): Promise<string> {
  const hearingId = await completeHearing({
    people: { ...VICTIM, ...SUSPECT },
    risk: { [itemFieldId('B1')]: 'yes' },
    measures: { contactBanPosition: 'wants', contactBanState: 'inForce' },
  }).take(apiOf(t, 'officer-window'));
  const [assessment] = await t.sql<{ id: string }>('SELECT id FROM risk_assessments WHERE hearing_id = ?', [hearingId]);
  const [status] = await t.sql<{ reviewStatus: string }>(
    'SELECT review_status AS reviewStatus FROM risk_assessments WHERE id = ?',
    [assessment!.id],
  );
  if (status!.reviewStatus === 'pending')
    await t.ok('supervisor-window', 'risk.review', {
      assessmentId: assessment!.id,
      decision: 'approve',
      comment: 'Vu, mesures suffisantes (commentaire fictif).',
    });
  await later(20 * DAY);
  await t.ok('officer-window', 'risk.noteEvent', { hearingId, kind: 'breach', note: 'Appels répétés (fictif).' });
  return hearingId;
}

/** Complaint 2, three months later, by the other officer: her people step names the same two. */
async function secondComplaint(): Promise<string> {
  await later(90 * DAY);
  const hearingId = (await t.ok('other-window', 'hearings.create', {})).hearing.id;
  await saveStep(apiOf(t, 'other-window'), hearingId, 'people', { ...VICTIM, ...SUSPECT });
  return hearingId;
}

async function link(hearingId: string, role: PersonRole, window = 'other-window') {
  const { candidates } = await t.ok(window, 'persons.candidates', { hearingId, role });
  expect(candidates).toHaveLength(1);
  return t.ok(window, 'persons.confirm', { hearingId, role, personId: candidates[0]!.personId });
}

const riskAnswer = async (hearingId: string, fieldId: string) =>
  (await t.ok('other-window', 'hearings.load', { hearingId })).answers.find(
    (a) => a.formId === 'risk' && a.fieldId === fieldId,
  )?.value ?? null;

const auditOf = (action: string) =>
  t.sql<{ userId: string; hearingId: string; details: string }>(
    'SELECT user_id AS userId, hearing_id AS hearingId, details_json AS details FROM audit_events WHERE action = ? ORDER BY seq',
    [action],
  );

describe('the pair across complaints', () => {
  it('answers A9 and C4 from the records once both are linked, marked with their source, and leaves what she answered', async () => {
    const first = await firstComplaint();
    const second = await secondComplaint();
    // The victim alone: no pair yet, nothing from the records.
    expect((await link(second, 'victim')).fromRecords).toEqual([]);
    expect(await riskAnswer(second, itemFieldId('A9'))).toBeNull();
    // She had answered C4 herself already: the records leave it.
    await saveStep(apiOf(t, 'other-window'), second, 'risk', { [itemFieldId('C4')]: 'unknown' });
    expect((await link(second, 'suspect')).fromRecords).toEqual(['A9']);
    expect(await riskAnswer(second, itemFieldId('A9'))).toBe('yes');
    expect(await riskAnswer(second, sourceFieldId('A9'))).toBe('policeRecords');
    expect(await riskAnswer(second, followUpFieldId('A9'))).toBe('oneOrTwo');
    expect(await riskAnswer(second, itemFieldId('C4'))).toBe('unknown');
    const fed = await auditOf('risk.answeredFromRecords');
    expect(fed).toHaveLength(1);
    // With the revision it gave each field: while they stay so, the answer is the records'.
    expect(JSON.parse(fed[0]!.details)).toEqual({
      items: ['A9'],
      revisions: { [itemFieldId('A9')]: 1, [sourceFieldId('A9')]: 1, [followUpFieldId('A9')]: 1 },
    });
    // The same records, and the breach, in the history.
    const { records } = await t.ok('other-window', 'pairs.history', { hearingId: second, reason: 'riskAssessment' });
    expect(records.earlierComplaints).toHaveLength(1);
    expect(records.earlierComplaintsInTwelveMonths).toBe(1);
    expect(records.breaches).toHaveLength(1);
    expect(first).not.toBe(second);
  });

  it('pre-answers C4 from a breach of an earlier measure when she has not answered it', async () => {
    await firstComplaint();
    const second = await secondComplaint();
    await link(second, 'victim');
    expect((await link(second, 'suspect')).fromRecords).toEqual(['A9', 'C4']);
    expect(await riskAnswer(second, itemFieldId('C4'))).toBe('yes');
    expect(await riskAnswer(second, sourceFieldId('C4'))).toBe('policeRecords');
  });

  it('answers her risk step from the records when the other hearing completes the pair, once, as she opens her hearing', async () => {
    // Complaint 1 is still open with its officer when complaint 2 is taken.
    const first = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
    await saveStep(apiOf(t, 'officer-window'), first, 'people', { ...VICTIM, ...SUSPECT });
    for (const role of ['victim', 'suspect'] as const)
      await t.ok('officer-window', 'persons.candidates', { hearingId: first, role });
    const second = await secondComplaint();
    // Her victim only; the suspect she leaves for now.
    expect((await link(second, 'victim')).fromRecords).toEqual([]);
    await t.ok('other-window', 'persons.candidates', { hearingId: second, role: 'suspect' });
    // Complaint 1's officer links her suspect to complaint 2's: that completes the pair.
    expect((await link(first, 'suspect', 'officer-window')).fromRecords).toEqual([]);
    // Nobody else's reading writes into her hearing: not the supervisor's, not a refused one.
    await t.ok('supervisor-window', 'hearings.load', { hearingId: second });
    const refused = await t.core.dispatcher.call('officer-window', 'hearings.load', { hearingId: second });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await auditOf('hearing.access_denied')).toHaveLength(1);
    expect(await auditOf('risk.answeredFromRecords')).toHaveLength(0);

    // Complaint 2's officer opens her hearing: complaint 1 answers A9.
    expect(await riskAnswer(second, itemFieldId('A9'))).toBe('yes');
    expect(await riskAnswer(second, sourceFieldId('A9'))).toBe('policeRecords');
    expect(await riskAnswer(second, followUpFieldId('A9'))).toBe('oneOrTwo');
    const fed = await auditOf('risk.answeredFromRecords');
    expect(fed.map((f) => [f.hearingId, JSON.parse(f.details).items])).toEqual([[second, ['A9']]]);

    // Opened again, nothing is fed again; cleared by her, it stays cleared.
    await saveStep(apiOf(t, 'other-window'), second, 'risk', { [itemFieldId('A9')]: null });
    expect(await riskAnswer(second, itemFieldId('A9'))).toBeNull();
    expect(await auditOf('risk.answeredFromRecords')).toHaveLength(1);
  });

  it('withdraws what the records answered when a supervisor undoes the link, and leaves what she made hers', async () => {
    await firstComplaint();
    const second = await secondComplaint();
    await link(second, 'victim');
    expect((await link(second, 'suspect')).fromRecords).toEqual(['A9', 'C4']);
    // C4's source she changes: the victim told her too. C4 is hers from now on.
    await saveStep(apiOf(t, 'other-window'), second, 'risk', { [sourceFieldId('C4')]: 'victim' });
    // A wrong link: the supervisor undoes the suspect's.
    await t.ok('supervisor-window', 'persons.unlink', {
      hearingId: second,
      role: 'suspect',
      reason: 'Homonyme (fictif).',
    });
    // Her hearing, opened again: A9 no longer says "police records" of another pair's complaint.
    for (const fieldId of [itemFieldId('A9'), sourceFieldId('A9'), followUpFieldId('A9')])
      expect(await riskAnswer(second, fieldId)).toBeNull();
    expect(await riskAnswer(second, itemFieldId('C4'))).toBe('yes');
    expect(await riskAnswer(second, sourceFieldId('C4'))).toBe('victim');
    const withdrawn = await auditOf('risk.withdrawnFromRecords');
    expect(withdrawn.map((w) => [w.hearingId, JSON.parse(w.details).items])).toEqual([[second, ['A9']]]);
    // Opened again, nothing more.
    await riskAnswer(second, itemFieldId('A9'));
    expect(await auditOf('risk.withdrawnFromRecords')).toHaveLength(1);
    expect(await auditOf('risk.answeredFromRecords')).toHaveLength(1);
  });

  it('shows the officer a summary of the earlier complaint and the supervisor of the unit the whole; nobody else anything', async () => {
    const first = await firstComplaint();
    const second = await secondComplaint();
    await link(second, 'victim');
    await link(second, 'suspect');

    const summary = await t.ok('other-window', 'pairs.history', { hearingId: second, reason: 'newComplaint' });
    expect(summary.view).toBe('summary');
    const pair = summary.pair!;
    expect(pair.victim).toEqual({ surname: 'Lambert', firstNames: 'Nadia', birthDate: '1991-04-17' });
    expect(pair.hearings.map((h) => [h.hearingId, h.current])).toEqual([
      [first, false],
      [second, true],
    ]);
    const [earlierAssessment] = pair.hearings[0]!.assessments;
    expect(earlierAssessment!.level).toBeGreaterThanOrEqual(1);
    expect(earlierAssessment!.reviewStatus).not.toBe('pending');
    // The summary: no names of who assessed, no comments, no notes.
    expect(earlierAssessment!.officerName).toBeNull();
    expect(earlierAssessment!.reviewComment).toBeNull();
    expect(pair.hearings[0]!.events).toEqual([expect.objectContaining({ kind: 'breach', note: null })]);
    expect(pair.measuresInForce.map((m) => m.measure)).toEqual(['contactBan']);
    expect(pair.breaches).toHaveLength(1);
    expect(pair.nextReassessmentAt).not.toBeNull();

    const full = await t.ok('supervisor-window', 'pairs.history', { hearingId: second, reason: 'supervisorReview' });
    expect(full.view).toBe('full');
    expect(full.pair!.hearings[0]!.assessments[0]!.officerName).toBe(PEOPLE.officer.displayName);
    expect(full.pair!.hearings[0]!.events[0]!.note).toBe('Appels répétés (fictif).');

    // Another unit's officer and supervisor see no history: the hearing is not theirs.
    for (const [window, who] of [
      ['officer-b-window', OFFICER_B],
      ['supervisor-b-window', SUPERVISOR_B],
    ] as const) {
      await t.ok(window, 'session.login', { username: who.username, password: who.password });
      const refused = await t.core.dispatcher.call(window, 'pairs.history', {
        hearingId: second,
        reason: 'newComplaint',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // The officer of complaint 1 sees the pair from her own hearing, complaint 2 included.
    const fromFirst = await t.ok('officer-window', 'pairs.history', { hearingId: first, reason: 'reassessment' });
    expect(fromFirst.pair!.hearings.map((h) => h.current)).toEqual([true, false]);

    const views = await auditOf('pairs.historyViewed');
    expect(views.map((v) => [v.hearingId, JSON.parse(v.details)])).toEqual([
      [second, { reason: 'newComplaint', view: 'summary', hearings: 2 }],
      [second, { reason: 'supervisorReview', view: 'full', hearings: 2 }],
      [first, { reason: 'reassessment', view: 'summary', hearings: 2 }],
    ]);
  });

  it('tells how many other victims the suspect has, with dates only, and answers D4 from it', async () => {
    await firstComplaint();
    await later(30 * DAY);
    // Another victim names the same suspect, in another officer's hearing.
    const other = (await t.ok('other-window', 'hearings.create', {})).hearing.id;
    await saveStep(apiOf(t, 'other-window'), other, 'people', {
      victimSurname: 'Dupont',
      victimFirstNames: 'Claire',
      victimBirthDate: '1994-09-09',
      ...SUSPECT,
    });
    const { candidates } = await t.ok('other-window', 'persons.candidates', { hearingId: other, role: 'victim' });
    expect(candidates).toEqual([]);
    const confirmed = await link(other, 'suspect');
    expect(confirmed.fromRecords).toEqual(['D4']);
    expect(await riskAnswer(other, itemFieldId('D4'))).toBe('yes');
    const { pair, records } = await t.ok('other-window', 'pairs.history', { hearingId: other, reason: 'newComplaint' });
    // A pair of its own, with no earlier complaint: no history, and the other victim is not named.
    expect(pair).toBeNull();
    expect(records.suspectOtherPairs).toEqual({ count: 1, dates: [expect.any(Number)] });
    expect(JSON.stringify(records)).not.toContain('Lambert');
  });
});

describe('the pair’s due reassessment', () => {
  /** The supervisor's due reassessments (not awaiting her review): which hearings, and her count. */
  const dueInQueue = async () => {
    const queue = await t.ok('supervisor-window', 'risk.queue', {});
    return {
      due: queue.items
        .filter((i) => i.overdue && i.reviewStatus !== 'pending')
        .map((i) => i.hearingId)
        .sort(),
      dueTotal: queue.dueTotal,
    };
  };
  const dueInFollowUps = async (window: string, scope: 'mine' | 'unit') =>
    (await t.ok(window, 'followUps.list', { scope })).items
      .filter((i) => i.kind === 'reassessmentDue')
      .map((i) => i.hearingId)
      .sort();
  const nextDueOf = async (hearingId: string) =>
    Number(
      (
        await t.sql<{ at: number }>('SELECT next_due_at AS at FROM risk_assessments WHERE hearing_id = ? AND latest', [
          hearingId,
        ])
      )[0]!.at,
    );
  /** As the supervisor does with each assessment that waits for her. */
  const approveIfPending = async (hearingId: string) => {
    const [row] = await t.sql<{ id: string; status: string }>(
      'SELECT id, review_status AS status FROM risk_assessments WHERE hearing_id = ? AND latest',
      [hearingId],
    );
    if (row!.status === 'pending')
      await t.ok('supervisor-window', 'risk.review', { assessmentId: row!.id, decision: 'approve' });
  };

  it('is listed once, where the pair was assessed last; an event brings it back; an undone link splits it', async () => {
    const first = await firstComplaint();
    const second = await secondComplaint();
    // Complaint 1's breach made its reassessment due.
    expect(await dueInQueue()).toEqual({ due: [first], dueTotal: 1 });
    await link(second, 'victim');
    await link(second, 'suspect');
    // Linked but not yet assessed: the pair's reassessment is still complaint 1's.
    expect(await dueInQueue()).toEqual({ due: [first], dueTotal: 1 });
    expect(await dueInFollowUps('officer-window', 'mine')).toEqual([first]);

    await completeHearing({ people: { ...VICTIM, ...SUSPECT } }).take(apiOf(t, 'other-window'), {
      hearingId: second,
      until: 'answered',
    });
    await approveIfPending(second);
    // Complaint 2's assessment is the pair's reassessment: complaint 1's is done, for everyone.
    expect(await dueInQueue()).toEqual({ due: [], dueTotal: 0 });
    expect(await dueInFollowUps('officer-window', 'mine')).toEqual([]);
    expect(await dueInFollowUps('supervisor-window', 'unit')).toEqual([]);
    const { pair } = await t.ok('other-window', 'pairs.history', { hearingId: second, reason: 'reassessment' });
    expect(pair!.nextReassessmentAt).toBe(await nextDueOf(second));
    // Complaint 1's risk step says where the pair's reassessment went, instead of its own date.
    const assessedAt = (await t.ok('other-window', 'risk.history', { hearingId: second })).assessments[0]!.createdAt;
    const elsewhere = async (window: string, hearingId: string) =>
      (await t.ok(window, 'risk.history', { hearingId })).pairReassessmentElsewhereSince;
    expect(await elsewhere('officer-window', first)).toBe(assessedAt);
    expect(await elsewhere('other-window', second)).toBeNull();

    // When complaint 2's falls due, it is listed, and complaint 1 still is not.
    await later((await nextDueOf(second)) - t.clock.now + DAY);
    expect(await dueInQueue()).toEqual({ due: [second], dueTotal: 1 });
    expect(await dueInFollowUps('other-window', 'mine')).toEqual([second]);
    expect(await dueInFollowUps('officer-window', 'mine')).toEqual([]);

    // A new breach recorded on complaint 1: the pair's reassessment is due from there, now.
    await t.ok('officer-window', 'risk.noteEvent', { hearingId: first, kind: 'breach', note: 'Visite (fictif).' });
    expect(await dueInQueue()).toEqual({ due: [first], dueTotal: 1 });
    expect(await dueInFollowUps('other-window', 'mine')).toEqual([]);
    const { pair: after } = await t.ok('officer-window', 'pairs.history', { hearingId: first, reason: 'reassessment' });
    expect(after!.nextReassessmentAt).toBe(await nextDueOf(first));
    expect(await elsewhere('officer-window', first)).toBeNull();
    expect(await elsewhere('other-window', second)).toEqual(expect.any(Number));
    // What a settle that read the pair just before the breach would write (two officers at the
    // same moment): complaint 1 handed over to complaint 2's assessment. The breach still shows.
    await t.sql(
      `INSERT INTO pair_supersessions (hearing_id, by_hearing_id, unit_id, at)
       SELECT hearing_id, ?, unit_id, ? FROM risk_assessments WHERE hearing_id = ? AND latest
       ON CONFLICT (hearing_id) DO UPDATE SET by_hearing_id = excluded.by_hearing_id, at = excluded.at`,
      [second, assessedAt, first],
    );
    expect(await dueInQueue()).toEqual({ due: [first], dueTotal: 1 });
    expect(await dueInFollowUps('officer-window', 'mine')).toEqual([first]);
    expect(await elsewhere('officer-window', first)).toBeNull();

    // The supervisor undoes complaint 2's suspect link: two pairs, each with its own reassessment.
    await t.ok('supervisor-window', 'persons.unlink', {
      hearingId: second,
      role: 'suspect',
      reason: 'Homonyme (fictif).',
    });
    expect(await dueInQueue()).toEqual({ due: [first, second].sort(), dueTotal: 2 });
    expect(await t.sql('SELECT hearing_id FROM pair_supersessions')).toEqual([]);
  });

  it('is handed over when an assessed complaint is linked, afterwards, to a pair assessed since', async () => {
    // Complaint 1, assessed and still open; complaint 2, three months later, assessed before anyone links.
    const first = await completeHearing({ people: { ...VICTIM, ...SUSPECT } }).take(apiOf(t, 'officer-window'), {
      until: 'answered',
    });
    for (const role of ['victim', 'suspect'] as const)
      await t.ok('officer-window', 'persons.candidates', { hearingId: first, role });
    await approveIfPending(first);
    await later(90 * DAY);
    const second = await completeHearing({ people: { ...VICTIM, ...SUSPECT } }).take(apiOf(t, 'other-window'), {
      until: 'answered',
    });
    for (const role of ['victim', 'suspect'] as const)
      await t.ok('other-window', 'persons.candidates', { hearingId: second, role });
    await approveIfPending(second);
    // Complaint 1's officer links hers to complaint 2's two: complaint 2 carries the pair's reassessment.
    await link(first, 'victim', 'officer-window');
    await link(first, 'suspect', 'officer-window');
    const assessedAt = (await t.ok('other-window', 'risk.history', { hearingId: second })).assessments[0]!.createdAt;
    expect((await t.ok('officer-window', 'risk.history', { hearingId: first })).pairReassessmentElsewhereSince).toBe(
      assessedAt,
    );
    await later(Math.max(await nextDueOf(first), await nextDueOf(second)) - t.clock.now + DAY);
    expect(await dueInQueue()).toEqual({ due: [second], dueTotal: 1 });
  });
});
