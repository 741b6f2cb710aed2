import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { pairReassessmentCarrier, type PairHearingSchedule } from '../../domain/person-links';
import type { UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb, type StoreTables } from '../db/store';

/**
 * The pair of a hearing (issue 16): its victim's person and its suspect's person, and the hearings
 * linked to both. The links are identities, not content: every officer and supervisor reads them.
 */
export type Pair = { victimId: string; suspectId: string };

export async function pairOf(tx: StoreDb, tables: StoreTables, hearingId: string): Promise<Pair | null> {
  const { hearingPersons } = tables;
  const rows = await tx
    .select({ role: hearingPersons.role, personId: hearingPersons.personId })
    .from(hearingPersons)
    .where(eq(hearingPersons.hearingId, hearingId));
  const victimId = rows.find((r) => r.role === 'victim')?.personId;
  const suspectId = rows.find((r) => r.role === 'suspect')?.personId;
  return victimId && suspectId ? { victimId, suspectId } : null;
}

/** The pair's hearings, oldest first, with when each was opened. */
export async function pairHearings(
  tx: StoreDb,
  tables: StoreTables,
  pair: Pair,
): Promise<{ hearingId: string; openedAt: number }[]> {
  const { hearingPersons } = tables;
  const asVictim = await tx
    .select({ hearingId: hearingPersons.hearingId, openedAt: hearingPersons.hearingOpenedAt })
    .from(hearingPersons)
    .where(and(eq(hearingPersons.personId, pair.victimId), eq(hearingPersons.role, 'victim')))
    .orderBy(asc(hearingPersons.hearingOpenedAt));
  if (asVictim.length === 0) return [];
  const withSuspect = await tx
    .select({ hearingId: hearingPersons.hearingId })
    .from(hearingPersons)
    .where(
      and(
        eq(hearingPersons.personId, pair.suspectId),
        eq(hearingPersons.role, 'suspect'),
        inArray(
          hearingPersons.hearingId,
          asVictim.map((h) => h.hearingId),
        ),
      ),
    );
  const both = new Set(withSuspect.map((h) => h.hearingId));
  return asVictim.filter((h) => both.has(h.hearingId));
}

/**
 * Inside the unit of work that assesses a hearing or records a risk event on it: the hearing
 * carries its pair's due reassessment again, whatever another hearing of the pair said before.
 * In the same unit, so that a new event is never hidden behind an older assessment elsewhere.
 */
export async function carryPairReassessment(tx: StoreDb, tables: StoreTables, hearingId: string): Promise<void> {
  await tx.delete(tables.pairSupersessions).where(eq(tables.pairSupersessions.hearingId, hearingId));
}

/**
 * Inside the unit of work that changes a hearing's victim or suspect: what was settled between it
 * and its former pair no longer holds. The former pair's other hearings each show their own due
 * reassessment until the pair is settled again (by its next assessment): shown twice, never hidden.
 */
export async function leavePair(tx: StoreDb, tables: StoreTables, hearingId: string): Promise<void> {
  const { pairSupersessions } = tables;
  await tx
    .delete(pairSupersessions)
    .where(or(eq(pairSupersessions.hearingId, hearingId), eq(pairSupersessions.byHearingId, hearingId)));
}

/**
 * Who carries a pair's due reassessment (issue 16, item 3: it belongs to the pair): the hearing
 * assessed most recently, or with a risk event since (domain/person-links.ts). The supervisor's
 * queue and the follow-ups list only that hearing's reassessment; the pair's other hearings have a
 * row in `pair_supersessions`, read as "done by the pair's later assessment".
 */
export function createPairScheduleService({
  store,
  log,
}: {
  store: Store;
  log: (message: string, error?: unknown) => void;
}) {
  const { tables } = store;
  const { pairSupersessions, riskAssessments } = tables;

  /**
   * After a unit of work that assessed `hearingId`, recorded an event on it or changed its pair:
   * settles who carries the pair's reassessment, as far as this hearing goes. When it is the pair's
   * latest, every other assessed hearing of the pair is marked done by it; otherwise it is marked
   * done by the latest. Read where a pair's history may read (on PostgreSQL the others' assessments
   * are not the actor's), written as the actor.
   *
   * What the actor asked for is already committed: a failure here is logged, not thrown, and
   * leaves a reassessment shown on more than one hearing of the pair, never one hidden.
   */
  async function settle(user: UserView, hearingId: string): Promise<void> {
    try {
      const schedule = await readSchedule(user, hearingId);
      const carrier = pairReassessmentCarrier(schedule);
      const own = schedule.find((h) => h.hearingId === hearingId);
      if (!carrier || !own || own.assessedAt === null) return;
      const rows =
        carrier.hearingId === hearingId
          ? schedule
              .filter((h) => h.hearingId !== hearingId && h.assessedAt !== null)
              .map((h) => ({ hearingId: h.hearingId, byHearingId: hearingId, unitId: h.unitId, at: carrier.since }))
          : [{ hearingId, byHearingId: carrier.hearingId, unitId: own.unitId, at: carrier.since }];
      if (rows.length === 0) return;
      await store.transaction(accessOf(user), (tx) =>
        tx
          .insert(pairSupersessions)
          .values(rows)
          .onConflictDoUpdate({
            target: pairSupersessions.hearingId,
            set: {
              byHearingId: sql.raw('excluded.by_hearing_id'),
              unitId: sql.raw('excluded.unit_id'),
              at: sql.raw('excluded.at'),
            },
            // Never back: what another officer settled at the same time may be later still.
            setWhere: sql`${pairSupersessions.at} < excluded.at`,
          }),
      );
    } catch (error) {
      log('The pair’s due reassessment was not settled; it stays shown on each of its hearings', error);
    }
  }

  /** Each hearing of `hearingId`'s pair, with its latest assessment and risk event (none when it has no pair). */
  function readSchedule(
    user: UserView,
    hearingId: string,
  ): Promise<(PairHearingSchedule & { unitId: string | null })[]> {
    return store.transaction({ ...accessOf(user), purpose: 'pairHistory', pairOf: hearingId }, async (tx) => {
      const pair = await pairOf(tx, tables, hearingId);
      if (!pair) return [];
      const ids = (await pairHearings(tx, tables, pair)).map((h) => h.hearingId);
      if (ids.length < 2) return [];
      const latest = await tx
        .select({
          hearingId: riskAssessments.hearingId,
          unitId: riskAssessments.unitId,
          at: riskAssessments.createdAt,
          lastEventAt: riskAssessments.lastEventAt,
        })
        .from(riskAssessments)
        .where(and(inArray(riskAssessments.hearingId, ids), eq(riskAssessments.latest, true)));
      return ids.map((id) => {
        const assessment = latest.find((a) => a.hearingId === id);
        return {
          hearingId: id,
          assessedAt: assessment?.at ?? null,
          unitId: assessment?.unitId ?? null,
          lastEventAt: assessment?.lastEventAt ?? null,
        };
      });
    });
  }

  return { settle };
}

export type PairScheduleService = ReturnType<typeof createPairScheduleService>;

/**
 * A row of `pair_supersessions` that still holds for its hearing's latest assessment: later than
 * the assessment and than its latest risk event. (A row written by a settle that read the pair
 * before either one no longer hides anything.)
 */
export function handedOverSince(tables: StoreTables): SQL {
  const { pairSupersessions: done, riskAssessments: r } = tables;
  return and(gt(done.at, r.createdAt), or(isNull(r.lastEventAt), gt(done.at, r.lastEventAt)))!;
}

/**
 * For a query on risk assessments: this one's reassessment is not done by a later assessment of
 * its pair. One probe of the key per assessment.
 */
export function notReassessedInPair(tables: StoreTables): SQL {
  const { pairSupersessions: done, riskAssessments: r } = tables;
  return sql`NOT EXISTS (SELECT 1 FROM ${done} WHERE ${done.hearingId} = ${r.hearingId} AND ${handedOverSince(tables)})`;
}
