import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, max } from 'drizzle-orm';
import { FORMS, readAnswers, type StoredForms } from '../../forms/answers';
import {
  compareAssessments,
  evaluateRisk,
  type RiskInput,
  type RiskJudgement,
  type RiskResult,
} from '../../forms/risk/evaluate';
import { riskInputFromAnswers } from '../../forms/risk/risk-form';
import type { RiskDefinition, RiskLevel } from '../../forms/risk/risk-definition';
import type { riskRegistry as defaultRiskRegistry } from '../../forms/risk/registry';
import { AppError } from '../api/app-error';
import type { ChannelInput, ChannelOutput, RiskAssessmentView, UserView } from '../api/contract';
import type { AppDatabase } from '../db/database';
import { hearingForms, hearings, riskAssessments, riskEvents, users } from '../db/schema';
import { appendAudit } from './audit';
import type { HearingService } from './hearings';

type RiskRegistry = typeof defaultRiskRegistry;
type AssessmentRow = typeof riskAssessments.$inferSelect;
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

/** For closing: an assessment must have been submitted, and on the answers as they stand. */
export function riskAssessmentMissing(
  db: Pick<AppDatabase, 'select'>,
  registry: RiskRegistry,
  hearingId: string,
  forms: StoredForms,
): string[] {
  const pinned = db
    .select({ version: hearingForms.formVersion })
    .from(hearingForms)
    .where(and(eq(hearingForms.hearingId, hearingId), eq(hearingForms.formId, FORMS.risk)))
    .get();
  if (!pinned) return [];
  const latest = db
    .select({ answersJson: riskAssessments.answersJson })
    .from(riskAssessments)
    .where(and(eq(riskAssessments.hearingId, hearingId), eq(riskAssessments.latest, true)))
    .get();
  if (!latest) return [`${FORMS.risk}:assessment`];
  const definition = registry.get(pinned.version);
  if (!definition) return [`${FORMS.risk}:?`];
  const stored = JSON.parse(latest.answersJson) as RiskInput;
  const current = currentRiskInput(definition, forms);
  return JSON.stringify(stripJudgement(stored)) === JSON.stringify(current) ? [] : [`${FORMS.risk}:assessmentOutdated`];
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
  db,
  hearings: hearingsService,
  registry,
  now,
}: {
  db: AppDatabase;
  hearings: HearingService;
  registry: RiskRegistry;
  now: () => number;
}) {
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

  function pinnedDefinition(hearingId: string): RiskDefinition {
    const pinned = db
      .select({ version: hearingForms.formVersion })
      .from(hearingForms)
      .where(and(eq(hearingForms.hearingId, hearingId), eq(hearingForms.formId, FORMS.risk)))
      .get();
    const definition = pinned && registry.get(pinned.version);
    if (!definition) throw new AppError('UNKNOWN_DEFINITION_VERSION', 'This hearing has no risk step');
    return definition;
  }

  function history(user: UserView, hearingId: string): ChannelOutput<'risk.history'> {
    hearingsService.requireReadableHearing(user, hearingId);
    const rows = db
      .select()
      .from(riskAssessments)
      .where(eq(riskAssessments.hearingId, hearingId))
      .orderBy(asc(riskAssessments.sequence))
      .all();
    const names = new Map(
      db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .all()
        .map((u) => [u.id, u.name]),
    );
    const events = db
      .select()
      .from(riskEvents)
      .where(eq(riskEvents.hearingId, hearingId))
      .orderBy(desc(riskEvents.at))
      .all();
    return {
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
  function submit(user: UserView, input: ChannelInput<'risk.submit'>): ChannelOutput<'risk.submit'> {
    hearingsService.requireOwnHearing(user, input.hearingId);
    const definition = pinnedDefinition(input.hearingId);
    if (input.definitionVersion !== definition.version || !registry.get(input.definitionVersion)) {
      throw new AppError(
        'UNKNOWN_DEFINITION_VERSION',
        `This hearing is assessed with version ${definition.version}, not ${input.definitionVersion}`,
      );
    }
    const current = currentRiskInput(definition, hearingsService.answers(input.hearingId));
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
      evaluated.level >= definition.reviewFromLevel || evaluated.loweringPending || evaluated.uncertainty.insufficient;
    const hearingRow = db
      .select({ unitId: hearings.unitId })
      .from(hearings)
      .where(eq(hearings.id, input.hearingId))
      .get()!;
    const id = randomUUID();
    db.transaction((tx) => {
      const sequence =
        (tx
          .select({ n: max(riskAssessments.sequence) })
          .from(riskAssessments)
          .where(eq(riskAssessments.hearingId, input.hearingId))
          .get()?.n ?? 0) + 1;
      tx.update(riskAssessments)
        .set({ latest: false })
        .where(and(eq(riskAssessments.hearingId, input.hearingId), eq(riskAssessments.latest, true)))
        .run();
      tx.insert(riskAssessments)
        .values({
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
        })
        .run();
      appendAudit(tx, {
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
    });
    return { assessmentId: id, level: evaluated.level };
  }

  /** The supervisor's decision on the latest assessment: approve, or return with a comment; and any lowering request. */
  function review(user: UserView, input: ChannelInput<'risk.review'>): ChannelOutput<'risk.review'> {
    const row = db.select().from(riskAssessments).where(eq(riskAssessments.id, input.assessmentId)).get();
    if (!row) throw new AppError('NOT_FOUND', 'No such assessment');
    hearingsService.requireReadableHearing(user, row.hearingId);
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
    db.transaction((tx) => {
      tx.update(riskAssessments)
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
        .where(eq(riskAssessments.id, row.id))
        .run();
      appendAudit(tx, {
        at,
        userId: user.id,
        action: 'risk.reviewed',
        hearingId: row.hearingId,
        details: { assessmentId: row.id, decision: input.decision, lowering: loweringStatus, level: result.level },
      });
    });
    return { level: result.level, reviewStatus: input.decision === 'approve' ? 'approved' : 'returned' };
  }

  /** An event that calls for a reassessment now, whatever the date said. */
  function noteEvent(user: UserView, input: ChannelInput<'risk.noteEvent'>): ChannelOutput<'risk.noteEvent'> {
    hearingsService.requireOwnHearing(user, input.hearingId);
    const at = now();
    const id = randomUUID();
    db.transaction((tx) => {
      tx.insert(riskEvents)
        .values({ id, hearingId: input.hearingId, kind: input.kind, note: input.note, at, recordedBy: user.id })
        .run();
      tx.update(riskAssessments)
        .set({ nextDueAt: at })
        .where(
          and(
            eq(riskAssessments.hearingId, input.hearingId),
            eq(riskAssessments.latest, true),
            gt(riskAssessments.nextDueAt, at),
          ),
        )
        .run();
      appendAudit(tx, {
        at,
        userId: user.id,
        action: 'risk.event_recorded',
        hearingId: input.hearingId,
        details: { eventId: id, kind: input.kind },
      });
    });
    return { eventId: id };
  }

  /**
   * The supervisor's queue: assessments of her unit awaiting review, and the latest assessments
   * whose reassessment is due, highest level first. No victim's name: only references, levels
   * and reasons. Each list is read a page at a time straight from its index, with its total.
   */
  const QUEUE_PAGE = 100;
  const queueColumns = `r.id, r.hearing_id AS hearingId, h.reference, r.level, r.computed_level AS computedLevel,
      json_extract(r.result_json, '$.redFlags') AS redFlagsJson, json_extract(r.result_json, '$.drivers') AS driversJson,
      json_extract(r.result_json, '$.uncertainty.insufficient') AS insufficient, r.review_status AS reviewStatus,
      r.lowering_level AS loweringLevel, r.lowering_status AS loweringStatus, r.next_due_at AS nextDueAt,
      r.created_at AS createdAt, u.display_name AS officerName, r.latest`;
  const pendingPage = db.$client.prepare(`
    SELECT ${queueColumns} FROM risk_assessments r INDEXED BY risk_queue_pending_order_idx
      JOIN hearings h ON h.id = r.hearing_id JOIN users u ON u.id = r.created_by
     WHERE r.unit_id = @unit AND r.review_status = 'pending'
     ORDER BY r.level DESC, r.next_due_at ASC LIMIT ${QUEUE_PAGE}`);
  const duePage = db.$client.prepare(`
    SELECT ${queueColumns} FROM risk_assessments r INDEXED BY risk_queue_latest_order_idx
      JOIN hearings h ON h.id = r.hearing_id JOIN users u ON u.id = r.created_by
     WHERE r.unit_id = @unit AND r.latest = 1 AND r.next_due_at <= @now AND r.review_status <> 'pending'
     ORDER BY r.level DESC, r.next_due_at ASC LIMIT ${QUEUE_PAGE}`);
  const pendingCount = db.$client
    .prepare(`SELECT count(*) AS n FROM risk_assessments WHERE unit_id = @unit AND review_status = 'pending'`)
    .pluck();
  const dueCount = db.$client
    .prepare(
      `SELECT count(*) AS n FROM risk_assessments WHERE unit_id = @unit AND latest = 1 AND next_due_at <= @now AND review_status <> 'pending'`,
    )
    .pluck();

  type QueueRow = {
    id: string;
    hearingId: string;
    reference: string;
    level: number;
    computedLevel: number;
    redFlagsJson: string | null;
    driversJson: string | null;
    insufficient: number | null;
    reviewStatus: AssessmentRow['reviewStatus'];
    loweringLevel: number | null;
    loweringStatus: AssessmentRow['loweringStatus'];
    nextDueAt: number;
    createdAt: number;
    officerName: string;
    latest: number;
  };

  function queue(user: UserView): ChannelOutput<'risk.queue'> {
    if (user.unitId === null) return { items: [], pendingTotal: 0, dueTotal: 0 };
    const at = now();
    const params = { unit: user.unitId, now: at };
    const rows = [...(pendingPage.all(params) as QueueRow[]), ...(duePage.all(params) as QueueRow[])];
    return {
      pendingTotal: pendingCount.get(params) as number,
      dueTotal: dueCount.get(params) as number,
      items: rows.map((r) => ({
        assessmentId: r.id,
        hearingId: r.hearingId,
        reference: r.reference,
        level: r.level as RiskLevel,
        computedLevel: r.computedLevel as RiskLevel,
        redFlags: (JSON.parse(r.redFlagsJson ?? '[]') as RiskResult['redFlags']).map((f) => f.id),
        drivers: (JSON.parse(r.driversJson ?? '[]') as RiskResult['drivers']).slice(0, 3).map((d) => d.item),
        insufficient: r.insufficient === 1,
        reviewStatus: r.reviewStatus,
        loweringRequested: r.loweringStatus === 'pending' ? (r.loweringLevel as RiskLevel) : null,
        nextDueAt: r.nextDueAt,
        overdue: r.latest === 1 && r.nextDueAt <= at,
        submittedAt: r.createdAt,
        officerName: r.officerName,
      })),
    };
  }

  return { history, submit, review, noteEvent, queue };
}

export type RiskService = ReturnType<typeof createRiskService>;
