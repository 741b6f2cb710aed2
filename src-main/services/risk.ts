import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, max, ne, not, or, sql } from 'drizzle-orm';
import { FORMS, readAnswers, type StoredForms } from '../../forms/answers';
import {
  compareAssessments,
  evaluateRisk,
  type RiskInput,
  type RiskJudgement,
  type RiskResult,
} from '../../forms/risk/evaluate';
import { magistrateMissing, riskInputFromAnswers } from '../../forms/risk/risk-form';
import type { RiskDefinition, RiskLevel } from '../../forms/risk/risk-definition';
import type { riskRegistry as defaultRiskRegistry } from '../../forms/risk/registry';
import { AppError } from '../api/app-error';
import type { ChannelInput, ChannelOutput, RiskAssessmentView, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb, type StoreTables } from '../db/store';
import type { HearingService } from './hearings';
import { carryPairReassessment, handedOverSince, notReassessedInPair, type PairScheduleService } from './pairs';

type RiskRegistry = typeof defaultRiskRegistry;
type AssessmentRow = StoreTables['riskAssessments']['$inferSelect'];
const HOUR = 3_600_000;

/** The risk step as it stands now, as the evaluation's input (no judgement), from the hearing's answers. */
export function currentRiskInput(definition: RiskDefinition, forms: StoredForms): RiskInput {
  return riskInputFromAnswers(
    definition,
    readAnswers(forms, FORMS.risk),
    readAnswers(forms, FORMS.facts),
    readAnswers(forms, FORMS.digital),
  );
}

/**
 * For closing: an assessment must have been submitted, and on the answers as they stand; from the
 * definition's level on, the magistrate informed (when and to whom).
 */
export async function riskAssessmentMissing(
  tx: StoreDb,
  { hearingForms, riskAssessments }: Pick<StoreTables, 'hearingForms' | 'riskAssessments'>,
  registry: RiskRegistry,
  hearingId: string,
  forms: StoredForms,
): Promise<string[]> {
  const [pinned] = await tx
    .select({ version: hearingForms.formVersion })
    .from(hearingForms)
    .where(and(eq(hearingForms.hearingId, hearingId), eq(hearingForms.formId, FORMS.risk)));
  if (!pinned) return [];
  const [latest] = await tx
    .select({
      answersJson: riskAssessments.answersJson,
      level: riskAssessments.level,
      reviewStatus: riskAssessments.reviewStatus,
    })
    .from(riskAssessments)
    .where(and(eq(riskAssessments.hearingId, hearingId), eq(riskAssessments.latest, true)));
  if (!latest) return [`${FORMS.risk}:assessment`];
  const definition = registry.get(pinned.version);
  if (!definition) return [`${FORMS.risk}:?`];
  const stored = JSON.parse(latest.answersJson) as RiskInput;
  const current = currentRiskInput(definition, forms);
  return [
    ...(JSON.stringify(stripJudgement(stored)) === JSON.stringify(current) ? [] : [`${FORMS.risk}:assessmentOutdated`]),
    // The supervisor sent it back: a new assessment, on the answers as revised, replaces it.
    ...(latest.reviewStatus === 'returned' ? [`${FORMS.risk}:assessmentReturned`] : []),
    ...magistrateMissing(definition, latest.level, readAnswers(forms, FORMS.risk)).map((id) => `${FORMS.risk}:${id}`),
  ];
}

function stripJudgement(input: RiskInput): RiskInput {
  return {
    answers: input.answers,
    barriers: input.barriers,
    facts: input.facts,
    ...(input.digital ? { digital: input.digital } : {}),
  };
}

export function createRiskService({
  store,
  hearings: hearingsService,
  registry,
  pairs,
  now,
}: {
  store: Store;
  hearings: HearingService;
  registry: RiskRegistry;
  pairs: Pick<PairScheduleService, 'settle'>;
  now: () => number;
}) {
  const { hearingForms, hearingPersons, hearings, pairSupersessions, riskAssessments, riskEvents, users } =
    store.tables;

  function toView(
    row: AssessmentRow,
    previous: AssessmentRow | undefined,
    names: Map<string, string>,
  ): RiskAssessmentView {
    const input = JSON.parse(row.answersJson) as RiskInput;
    const result = JSON.parse(row.resultJson) as RiskResult;
    return {
      id: row.id,
      sequence: row.sequence,
      definitionVersion: row.definitionVersion,
      trigger: row.trigger,
      input,
      result,
      level: row.level as RiskLevel,
      raiseReason: row.raiseReason,
      lowering:
        row.loweringLevel !== null && row.loweringStatus !== null
          ? { level: row.loweringLevel as RiskLevel, reason: row.loweringReason ?? '', status: row.loweringStatus }
          : null,
      reviewStatus: row.reviewStatus,
      reviewComment: row.reviewComment,
      reviewedByName: row.reviewedBy ? (names.get(row.reviewedBy) ?? '') : null,
      reviewedAt: row.reviewedAt,
      nextDueAt: row.nextDueAt,
      latest: row.latest,
      createdByName: names.get(row.createdBy) ?? '',
      createdAt: row.createdAt,
      comparison: previous
        ? compareAssessments(
            {
              input: JSON.parse(previous.answersJson) as RiskInput,
              result: JSON.parse(previous.resultJson) as RiskResult,
            },
            { input, result },
          )
        : null,
    };
  }

  async function pinnedDefinition(tx: StoreDb, hearingId: string): Promise<RiskDefinition> {
    const [pinned] = await tx
      .select({ version: hearingForms.formVersion })
      .from(hearingForms)
      .where(and(eq(hearingForms.hearingId, hearingId), eq(hearingForms.formId, FORMS.risk)));
    const definition = pinned && registry.get(pinned.version);
    if (!definition) throw new AppError('UNKNOWN_DEFINITION_VERSION', 'This hearing has no risk step');
    return definition;
  }

  async function history(user: UserView, hearingId: string): Promise<ChannelOutput<'risk.history'>> {
    return store.transaction(accessOf(user), (tx) => historyIn(tx, user, hearingId));
  }

  /** history inside a unit of work the caller holds (documents print from it). */
  async function historyIn(tx: StoreDb, user: UserView, hearingId: string): Promise<ChannelOutput<'risk.history'>> {
    await hearingsService.requireReadableHearing(tx, user, hearingId);
    const rows = await tx
      .select()
      .from(riskAssessments)
      .where(eq(riskAssessments.hearingId, hearingId))
      .orderBy(asc(riskAssessments.sequence));
    const names = new Map(
      (await tx.select({ id: users.id, name: users.displayName }).from(users)).map((u) => [u.id, u.name]),
    );
    const events = await tx
      .select()
      .from(riskEvents)
      .where(eq(riskEvents.hearingId, hearingId))
      .orderBy(desc(riskEvents.at));
    const [handedOver] = await tx
      .select({ at: pairSupersessions.at })
      .from(pairSupersessions)
      .innerJoin(riskAssessments, eq(riskAssessments.hearingId, pairSupersessions.hearingId))
      .where(
        and(
          eq(pairSupersessions.hearingId, hearingId),
          eq(riskAssessments.latest, true),
          handedOverSince(store.tables),
        ),
      );
    return {
      pairReassessmentElsewhereSince: handedOver?.at ?? null,
      assessments: rows.map((row, i) => toView(row, rows[i - 1], names)).reverse(),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        note: e.note,
        at: e.at,
        recordedByName: names.get(e.recordedBy) ?? '',
      })),
    };
  }

  /**
   * Main evaluates what is stored, never what the renderer says the result is, with the
   * definition version the hearing is pinned to; the result is kept with that version.
   */
  async function submit(user: UserView, input: ChannelInput<'risk.submit'>): Promise<ChannelOutput<'risk.submit'>> {
    const submitted = await store.transaction(accessOf(user), async (tx) => {
      const hearingRow = await hearingsService.requireOwnHearing(tx, user, input.hearingId);
      const definition = await pinnedDefinition(tx, input.hearingId);
      if (input.definitionVersion !== definition.version || !registry.get(input.definitionVersion)) {
        throw new AppError(
          'UNKNOWN_DEFINITION_VERSION',
          `This hearing is assessed with version ${definition.version}, not ${input.definitionVersion}`,
        );
      }
      const current = currentRiskInput(definition, await hearingsService.answers(tx, input.hearingId));
      const judgement: RiskJudgement = {
        ...(input.raise ? { raise: { level: input.raise.level as RiskLevel, reason: input.raise.reason } } : {}),
        ...(input.lowering
          ? {
              lowering: {
                level: input.lowering.level as RiskLevel,
                reason: input.lowering.reason,
                decision: 'pending' as const,
              },
            }
          : {}),
      };
      const evaluated = evaluateRisk(definition, { ...current, judgement });
      if (evaluated.unanswered.length > 0)
        throw new AppError(
          'RISK_INCOMPLETE',
          'Every item needs an answer (unknown and refused are answers)',
          evaluated.unanswered,
        );
      if (evaluated.judgementProblem === 'loweringBelowFloor')
        throw new AppError('LOWERING_BELOW_FLOOR', `The rules set a floor of ${evaluated.floor}`, [
          String(evaluated.floor),
        ]);
      if (evaluated.judgementProblem)
        throw new AppError('JUDGEMENT_INVALID', evaluated.judgementProblem, [evaluated.judgementProblem]);

      const at = now();
      const needsReview =
        evaluated.level >= definition.reviewFromLevel ||
        evaluated.loweringPending ||
        evaluated.uncertainty.insufficient;
      const id = randomUUID();
      const [highest] = await tx
        .select({ n: max(riskAssessments.sequence) })
        .from(riskAssessments)
        .where(eq(riskAssessments.hearingId, input.hearingId));
      const sequence = (highest?.n ?? 0) + 1;
      await tx
        .update(riskAssessments)
        .set({ latest: false })
        .where(and(eq(riskAssessments.hearingId, input.hearingId), eq(riskAssessments.latest, true)));
      await tx.insert(riskAssessments).values({
        id,
        hearingId: input.hearingId,
        unitId: hearingRow.unitId,
        sequence,
        definitionVersion: definition.version,
        trigger: input.trigger,
        answersJson: JSON.stringify({ ...current, judgement }),
        resultJson: JSON.stringify(evaluated),
        computedLevel: evaluated.computedLevel,
        floorLevel: evaluated.floor,
        level: evaluated.level,
        redFlagCount: evaluated.redFlags.length,
        raiseReason: input.raise?.reason ?? null,
        loweringLevel: input.lowering?.level ?? null,
        loweringReason: input.lowering?.reason ?? null,
        loweringStatus: input.lowering ? 'pending' : null,
        reviewStatus: needsReview ? 'pending' : 'notRequired',
        nextDueAt: at + evaluated.reassessWithinHours * HOUR,
        latest: true,
        createdBy: user.id,
        createdAt: at,
      });
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'risk.assessed',
        hearingId: input.hearingId,
        details: {
          assessmentId: id,
          sequence,
          definitionVersion: definition.version,
          level: evaluated.level,
          computedLevel: evaluated.computedLevel,
          redFlags: evaluated.redFlags.map((f) => f.id),
          raised: Boolean(input.raise),
          loweringRequested: input.lowering?.level ?? null,
        },
      });
      // The pair's due reassessment is now this one's (services/pairs.ts).
      await carryPairReassessment(tx, store.tables, input.hearingId);
      return { assessmentId: id, level: evaluated.level };
    });
    await pairs.settle(user, input.hearingId);
    return submitted;
  }

  /** The supervisor's decision on the latest assessment: approve, or return with a comment; and any lowering request. */
  async function review(user: UserView, input: ChannelInput<'risk.review'>): Promise<ChannelOutput<'risk.review'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const [row] = await tx.select().from(riskAssessments).where(eq(riskAssessments.id, input.assessmentId));
      if (!row) throw new AppError('NOT_FOUND', 'No such assessment');
      await hearingsService.requireReadableHearing(tx, user, row.hearingId);
      if (row.unitId === null || row.unitId !== user.unitId)
        throw new AppError('FORBIDDEN', 'Only a supervisor of the unit reviews this assessment');
      if (row.createdBy === user.id)
        throw new AppError('FORBIDDEN', 'An assessment is reviewed by someone other than its author');
      if (!row.latest || row.reviewStatus !== 'pending')
        throw new AppError('NOT_PENDING', 'This assessment is not awaiting review');
      if (input.decision === 'return' && !input.comment?.trim())
        throw new AppError('VALIDATION', 'Returning an assessment needs a comment', ['comment']);
      if (row.loweringStatus === 'pending' && input.lowering === undefined)
        throw new AppError('VALIDATION', 'Decide the lowering request too', ['lowering']);

      const definition = registry.get(row.definitionVersion);
      if (!definition)
        throw new AppError('UNKNOWN_DEFINITION_VERSION', `No risk definition version ${row.definitionVersion}`);
      const stored = JSON.parse(row.answersJson) as RiskInput;
      let result = JSON.parse(row.resultJson) as RiskResult;
      let loweringStatus = row.loweringStatus;
      if (row.loweringStatus === 'pending' && stored.judgement?.lowering && input.lowering) {
        const decision = input.lowering === 'approve' ? 'approved' : 'refused';
        stored.judgement = { lowering: { ...stored.judgement.lowering, decision } };
        result = evaluateRisk(definition, stored);
        // The floor was checked when the request was made; evaluating again checks it once more.
        if (result.judgementProblem)
          throw new AppError('LOWERING_BELOW_FLOOR', result.judgementProblem, [String(result.floor)]);
        loweringStatus = decision;
      }
      const at = now();
      await tx
        .update(riskAssessments)
        .set({
          answersJson: JSON.stringify(stored),
          resultJson: JSON.stringify(result),
          level: result.level,
          loweringStatus,
          reviewStatus: input.decision === 'approve' ? 'approved' : 'returned',
          reviewComment: input.comment?.trim() || null,
          reviewedBy: user.id,
          reviewedAt: at,
          // A lowered level waits longer; an event already due keeps it due.
          nextDueAt:
            result.level === row.level
              ? row.nextDueAt
              : Math.min(row.nextDueAt, row.createdAt + result.reassessWithinHours * HOUR),
        })
        .where(eq(riskAssessments.id, row.id));
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'risk.reviewed',
        hearingId: row.hearingId,
        details: { assessmentId: row.id, decision: input.decision, lowering: loweringStatus, level: result.level },
      });
      return { level: result.level, reviewStatus: input.decision === 'approve' ? 'approved' : 'returned' };
    });
  }

  /** An event that calls for a reassessment now, whatever the date said. */
  async function noteEvent(
    user: UserView,
    input: ChannelInput<'risk.noteEvent'>,
  ): Promise<ChannelOutput<'risk.noteEvent'>> {
    const noted = await store.transaction(accessOf(user), async (tx) => {
      await hearingsService.requireOwnHearing(tx, user, input.hearingId);
      const at = now();
      const id = randomUUID();
      await tx
        .insert(riskEvents)
        .values({ id, hearingId: input.hearingId, kind: input.kind, note: input.note, at, recordedBy: user.id });
      const latest = and(eq(riskAssessments.hearingId, input.hearingId), eq(riskAssessments.latest, true));
      await tx
        .update(riskAssessments)
        .set({ nextDueAt: at })
        .where(and(latest, gt(riskAssessments.nextDueAt, at)));
      await tx.update(riskAssessments).set({ lastEventAt: at }).where(latest);
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'risk.event_recorded',
        hearingId: input.hearingId,
        details: { eventId: id, kind: input.kind },
      });
      // An event calls for the pair's reassessment from this hearing, now.
      await carryPairReassessment(tx, store.tables, input.hearingId);
      return { eventId: id };
    });
    await pairs.settle(user, input.hearingId);
    return noted;
  }

  /**
   * The supervisor's queue: assessments of her unit awaiting review, and the latest assessments
   * whose reassessment is due, highest level first. No victim's name: only references, levels
   * and reasons. Each list is read a page at a time straight from its index, with its total.
   */
  const QUEUE_PAGE = 100;

  /** One page of her unit's queue, straight from its index (both stores find it: it gives the order). */
  function queuePage(tx: StoreDb, which: 'pending' | 'due', unitId: string, at: number) {
    const r = riskAssessments;
    return (
      tx
        .select({
          id: r.id,
          hearingId: r.hearingId,
          reference: hearings.reference,
          level: r.level,
          computedLevel: r.computedLevel,
          // Whole, parsed once below: PostgreSQL would parse it again for each path taken from it
          // in SQL (two thirds of a page's time there).
          resultJson: r.resultJson,
          reviewStatus: r.reviewStatus,
          loweringLevel: r.loweringLevel,
          loweringStatus: r.loweringStatus,
          nextDueAt: r.nextDueAt,
          createdAt: r.createdAt,
          officerName: users.displayName,
          latest: r.latest,
        })
        .from(r)
        .innerJoin(hearings, eq(hearings.id, r.hearingId))
        .innerJoin(users, eq(users.id, r.createdBy))
        .where(queueCondition(which, unitId, at))
        // NULLS LAST as the index has it on PostgreSQL (its DESC means NULLS FIRST), and as SQLite's DESC
        // means anyway: without it PostgreSQL sorts the unit's whole queue for each page.
        .orderBy(sql`${r.level} DESC NULLS LAST`, asc(r.nextDueAt))
        .limit(QUEUE_PAGE)
    );
  }

  function queueCondition(which: 'pending' | 'due', unitId: string, at: number) {
    const r = riskAssessments;
    return which === 'pending'
      ? and(eq(r.unitId, unitId), eq(r.reviewStatus, 'pending'))
      : and(dueNotPending(unitId, at), notReassessedInPair(store.tables));
  }

  /** Her unit's latest assessments whose reassessment is due and that await no review. */
  function dueNotPending(unitId: string, at: number) {
    const r = riskAssessments;
    return and(eq(r.unitId, unitId), eq(r.latest, true), lte(r.nextDueAt, at), ne(r.reviewStatus, 'pending'));
  }

  /** Her unit's totals: what awaits review, and what is due and not pending nor done in its pair. */
  async function queueTotals(tx: StoreDb, unitId: string, at: number) {
    const r = riskAssessments;
    const done = pairSupersessions;
    // From the index of the pending list's page, which holds every column its condition reads.
    const pending = tx
      .select({ n: count() })
      .from(store.readThrough(r, 'risk_queue_pending_order_idx'))
      .where(queueCondition('pending', unitId, at));
    // The due list's condition (queueCondition), its pair part as a join: one pass over
    // risk_latest_due_idx, which holds every column it reads, beside the unit's rows of
    // pair_supersessions (a row carries the unit of its hearing's latest assessment). PostgreSQL
    // merges the two in order of hearing: at 100,000 hearings, 4 ms against 12 when each of those
    // rows probed the index. SQLite looks each due row up in the unit's rows, 1.5 ms more than that
    // probing; its queue's median stays below that of the code before the store layer
    // (bench/stores.ts measures both).
    const due = tx
      .select({ n: count() })
      .from(store.readThrough(r, 'risk_latest_due_idx'))
      .leftJoin(done, and(eq(done.hearingId, r.hearingId), eq(done.unitId, unitId)))
      .where(and(dueNotPending(unitId, at), or(isNull(done.hearingId), not(handedOverSince(store.tables)))));
    // Both counts in one statement: on PostgreSQL each statement is a round trip.
    const [totals] = await store.queryRows<Record<'pending' | 'due', number | string>>(
      tx,
      sql`SELECT (${pending}) AS pending, (${due}) AS due`,
    );
    // (PostgreSQL's counts are bigints, read as text.)
    return { pendingTotal: Number(totals!.pending), dueTotal: Number(totals!.due) };
  }

  async function queue(user: UserView): Promise<ChannelOutput<'risk.queue'>> {
    const unitId = user.unitId;
    if (unitId === null) return { items: [], pendingTotal: 0, dueTotal: 0 };
    const at = now();
    // Two units of work at once. On PostgreSQL they run on two connections, so the counts (most
    // of the queue's time there) are made while the pages are read (at 100,000 hearings, a median of
    // 9 to 16 ms against 17 to 22 in one unit, same runs); on SQLite they take turns as any units
    // do. Each statement reads what was committed when it starts (READ COMMITTED), as it did when
    // both were one unit.
    const [{ pendingTotal, dueTotal }, { rows, pairs }] = await Promise.all([
      store.transaction(accessOf(user), (tx) => queueTotals(tx, unitId, at)),
      store.transaction(accessOf(user), async (tx) => {
        const rows = [...(await queuePage(tx, 'pending', unitId, at)), ...(await queuePage(tx, 'due', unitId, at))];
        return {
          rows,
          pairs: await pairKeys(
            tx,
            rows.map((row) => row.hearingId),
          ),
        };
      }),
    ]);
    return {
      pendingTotal,
      dueTotal,
      items: rows.map((r) => {
        const result = JSON.parse(r.resultJson) as Partial<RiskResult>;
        return {
          assessmentId: r.id,
          hearingId: r.hearingId,
          reference: r.reference,
          level: r.level as RiskLevel,
          computedLevel: r.computedLevel as RiskLevel,
          redFlags: (result.redFlags ?? []).map((f) => f.id),
          drivers: (result.drivers ?? []).slice(0, 3).map((d) => d.item),
          insufficient: result.uncertainty?.insufficient === true,
          reviewStatus: r.reviewStatus,
          loweringRequested: r.loweringStatus === 'pending' ? (r.loweringLevel as RiskLevel) : null,
          nextDueAt: r.nextDueAt,
          overdue: r.latest && r.nextDueAt <= at,
          submittedAt: r.createdAt,
          officerName: r.officerName,
          pairKey: pairs.get(r.hearingId) ?? null,
        };
      }),
    };
  }

  /**
   * The pair (victim and suspect persons, issue 16) of each of the page's hearings that has both,
   * in one read: an opaque key, the same for every hearing of the same two persons, so the screen
   * can put a pair's items together without learning who they are (nor the persons' ids).
   */
  async function pairKeys(tx: StoreDb, hearingIds: string[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    if (hearingIds.length === 0) return keys;
    const links = await tx
      .select({ hearingId: hearingPersons.hearingId, role: hearingPersons.role, personId: hearingPersons.personId })
      .from(hearingPersons)
      .where(inArray(hearingPersons.hearingId, [...new Set(hearingIds)]));
    const persons = new Map<string, { victim?: string; suspect?: string }>();
    for (const link of links)
      persons.set(link.hearingId, { ...persons.get(link.hearingId), [link.role]: link.personId });
    for (const [hearingId, { victim, suspect }] of persons) {
      if (victim === undefined || suspect === undefined) continue;
      keys.set(hearingId, createHash('sha256').update(`${victim}\n${suspect}`).digest('hex').slice(0, 32));
    }
    return keys;
  }

  return { history, historyIn, submit, review, noteEvent, queue };
}

export type RiskService = ReturnType<typeof createRiskService>;
