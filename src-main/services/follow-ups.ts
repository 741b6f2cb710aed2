import { and, eq, inArray, lte, or, type SQL } from 'drizzle-orm';
import { FIELDS, FORMS } from '../../forms/answers';
import type { RiskLevel } from '../../forms/risk/risk-definition';
import { AppError } from '../api/app-error';
import type { ChannelOutput, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb } from '../db/store';
import { notReassessedInPair } from './pairs';

const DAY = 86_400_000;

/**
 * How far ahead the list looks: a reassessment or a residence ban that falls due within this
 * time is listed now, so that she can plan the call or the extension before the day.
 */
export const FOLLOW_UP_HORIZON_DAYS = 2;

/** A residence ban that is running, whose end is worth watching (measures@2, risk-tool.md). */
const BAN_RUNNING = ['"granted"', '"inForce"'];

export type FollowUp = ChannelOutput<'followUps.list'>['items'][number];

/**
 * What someone has to do next about a hearing, on one list: the officer's own hearings, or a
 * supervisor's unit. Assessments the supervisor returned (with her comment), reassessments due,
 * translations she asked for and not yet sent (Art. 15 §3), and residence bans about to end.
 * By reference only, as every list: no victim's name.
 */
export function createFollowUpService(deps: {
  store: Store;
  settings: { translationDueDays: number };
  now: () => number;
}) {
  const { store, now } = deps;
  const { answers, hearings, riskAssessments, users } = store.tables;

  async function list(user: UserView, scope: 'mine' | 'unit'): Promise<ChannelOutput<'followUps.list'>> {
    if (scope === 'unit' && user.role !== 'supervisor')
      throw new AppError('FORBIDDEN', "Only a supervisor follows her unit's hearings");
    if (scope === 'unit' && user.unitId === null) return { items: [] };
    const at = now();
    const items = await store.transaction(accessOf(user), async (tx) => {
      const inScope = scope === 'unit' ? eq(hearings.unitId, user.unitId!) : eq(hearings.ownerId, user.id);
      return [
        ...(await assessments(tx, inScope, at)),
        ...(await translations(tx, inScope)),
        ...(await bansEnding(tx, inScope, at)),
      ];
    });
    // What was sent back first, then by the day each falls due.
    return {
      items: items.sort(
        (a, b) =>
          Number(b.kind === 'assessmentReturned') - Number(a.kind === 'assessmentReturned') || a.dueAt - b.dueAt,
      ),
    };
  }

  /**
   * The latest assessment of each hearing, returned by the supervisor or due for reassessment (unless
   * a later assessment of its pair did it: the pair's reassessment is listed once, where it is due).
   */
  async function assessments(tx: StoreDb, inScope: SQL, at: number): Promise<FollowUp[]> {
    const r = riskAssessments;
    const rows = await tx
      .select({
        hearingId: r.hearingId,
        reference: hearings.reference,
        officerName: users.displayName,
        level: r.level,
        reviewStatus: r.reviewStatus,
        reviewComment: r.reviewComment,
        reviewedBy: r.reviewedBy,
        reviewedAt: r.reviewedAt,
        nextDueAt: r.nextDueAt,
      })
      .from(r)
      .innerJoin(hearings, eq(hearings.id, r.hearingId))
      .innerJoin(users, eq(users.id, hearings.ownerId))
      .where(
        and(
          inScope,
          eq(r.latest, true),
          or(
            eq(r.reviewStatus, 'returned'),
            and(lte(r.nextDueAt, at + FOLLOW_UP_HORIZON_DAYS * DAY), notReassessedInPair(store.tables)),
          ),
        ),
      );
    const reviewerIds = [...new Set(rows.flatMap((row) => (row.reviewedBy ? [row.reviewedBy] : [])))];
    const reviewers = new Map(
      reviewerIds.length === 0
        ? []
        : (
            await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, reviewerIds))
          ).map((u) => [u.id, u.name]),
    );
    return rows.map((row): FollowUp => {
      const common = {
        hearingId: row.hearingId,
        reference: row.reference,
        officerName: row.officerName,
        level: row.level as RiskLevel,
      };
      return row.reviewStatus === 'returned'
        ? {
            ...common,
            kind: 'assessmentReturned',
            dueAt: row.reviewedAt ?? row.nextDueAt,
            comment: row.reviewComment,
            reviewerName: row.reviewedBy ? (reviewers.get(row.reviewedBy) ?? null) : null,
          }
        : { ...common, kind: 'reassessmentDue', dueAt: row.nextDueAt };
    });
  }

  /** Translations of the main elements she asked for and not yet sent, due some days after the request. */
  async function translations(tx: StoreDb, inScope: SQL): Promise<FollowUp[]> {
    const requested = await answeredIn(
      tx,
      inScope,
      FORMS.documents,
      FIELDS.documents.translationRequested,
      eq(answers.valueJson, '"yes"'),
    );
    const sent = new Set(
      (await answersOf(tx, FORMS.documents, FIELDS.documents.translationSentOn, requested))
        .filter((a) => a.value !== 'null' && a.value !== '""')
        .map((a) => a.hearingId),
    );
    return requested
      .filter((r) => !sent.has(r.hearingId))
      .map((r) => ({
        kind: 'translationDue',
        hearingId: r.hearingId,
        reference: r.reference,
        officerName: r.officerName,
        requestedAt: r.at,
        dueAt: r.at + deps.settings.translationDueDays * DAY,
      }));
  }

  /**
   * Residence bans granted or in force whose recorded end falls within the horizon or has passed
   * while the step still says they run: the extension, or her safety when he may come back.
   */
  async function bansEnding(tx: StoreDb, inScope: SQL, at: number): Promise<FollowUp[]> {
    const running = await answeredIn(
      tx,
      inScope,
      FORMS.measures,
      FIELDS.measures.residenceBanState,
      inArray(answers.valueJson, BAN_RUNNING),
    );
    const horizon = localDateTime(at + FOLLOW_UP_HORIZON_DAYS * DAY);
    const ends = new Map(
      (await answersOf(tx, FORMS.measures, FIELDS.measures.residenceBanEnd, running)).flatMap((a) => {
        const end = JSON.parse(a.value) as unknown;
        return typeof end === 'string' && end !== '' && end <= horizon ? [[a.hearingId, end] as const] : [];
      }),
    );
    return running.flatMap((r): FollowUp[] => {
      const end = ends.get(r.hearingId);
      return end === undefined
        ? []
        : [
            {
              kind: 'measureEnding',
              measure: 'residenceBan',
              hearingId: r.hearingId,
              reference: r.reference,
              officerName: r.officerName,
              endsOn: end,
              dueAt: timeOfLocal(end),
            },
          ];
    });
  }

  /** The hearings in scope where one field holds a given answer: when it was given, and whose hearing. */
  function answeredIn(tx: StoreDb, inScope: SQL, formId: string, fieldId: string, value: SQL) {
    return tx
      .select({
        hearingId: answers.hearingId,
        at: answers.updatedAt,
        reference: hearings.reference,
        officerName: users.displayName,
      })
      .from(answers)
      .innerJoin(hearings, eq(hearings.id, answers.hearingId))
      .innerJoin(users, eq(users.id, hearings.ownerId))
      .where(and(inScope, eq(answers.formId, formId), eq(answers.fieldId, fieldId), value));
  }

  /** One field's stored answers in the given hearings. */
  async function answersOf(tx: StoreDb, formId: string, fieldId: string, of: { hearingId: string }[]) {
    if (of.length === 0) return [];
    return tx
      .select({ hearingId: answers.hearingId, value: answers.valueJson })
      .from(answers)
      .where(
        and(
          eq(answers.formId, formId),
          eq(answers.fieldId, fieldId),
          inArray(
            answers.hearingId,
            of.map((r) => r.hearingId),
          ),
        ),
      );
  }

  return { list };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;

/**
 * A moment as the dateTime answers hold it: the workstation's (or the zone server's) local time,
 * `YYYY-MM-DDTHH:mm`, which the officer typed as the authority's decision gives it.
 */
function localDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The inverse, for ordering the list: the local moment `YYYY-MM-DDTHH:mm` as milliseconds. */
function timeOfLocal(text: string): number {
  const [date, time] = text.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, min).getTime();
}
