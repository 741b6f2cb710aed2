import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { pairReassessmentCarrier, type PairHistoryView } from '../../domain/person-links';
import { FIELDS, FORMS } from '../../forms/answers';
import { measureFieldIds, PROSECUTOR_MEASURES } from '../../forms/definitions/measures.v1';
import { findField } from '../../forms/engine';
import type { FormRegistry } from '../../forms/registry';
import { compareAssessments, type RiskInput, type RiskResult } from '../../forms/risk/evaluate';
import type { RiskLevel } from '../../forms/risk/risk-definition';
import { followUpFieldId, itemFieldId, sourceFieldId } from '../../forms/risk/risk-form';
import type { ChannelInput, ChannelOutput, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb } from '../db/store';
import type { HearingService } from './hearings';
import { pairHearings, pairOf, type Pair } from './pairs';

/**
 * One history per victim and suspect (issue 16, items 3 to 5). The pair of a hearing is its
 * victim's person and its suspect's person; its history is every hearing linked to both, in order,
 * with their assessments, risk events and measures. What the police records say feeds the risk
 * step (A9, C4, D4), marked with its source and the officer's to change.
 *
 * Need to know: the hearing's officer sees a summary (dates, levels, red flags, measures, the
 * supervisor's decisions), never what was said; a supervisor of the hearing's unit sees the whole
 * history (who assessed, the review comments, the events' notes). Each view is audited with its
 * reason. On PostgreSQL the other hearings are read in a read-only unit of work whose purpose lets
 * row-level security show those three tables, and only for the hearings of this pair
 * (migrations/pg/0011).
 */

type PairHistory = ChannelOutput<'pairs.history'>;
type Records = PairHistory['records'];

const DAY = 86_400_000;
/** A9's escalation: three complaints or more within twelve months (risk-tool.md). */
const ESCALATION_WINDOW = 365 * DAY;
const ESCALATION_COUNT = 3;
/** The states in which a measure protects her, unless its end date has passed. */
const PROTECTING_STATES: readonly unknown[] = ['granted', 'inForce'];

/** The risk items police records answer, and when (risk-tool.md: A9, C4, D4). */
const RECORD_ITEMS = {
  A9: (r: Records) => r.earlierComplaints.length > 0,
  C4: (r: Records) => r.breaches.length > 0,
  D4: (r: Records) => r.suspectOtherPairs.count > 0,
} as const;
type RecordItem = keyof typeof RECORD_ITEMS;

export function createPairHistoryService({
  store,
  hearings: hearingService,
  registry,
  now,
  log,
}: {
  store: Store;
  hearings: Pick<HearingService, 'requireReadableHearing' | 'saveAnswersIn'>;
  registry: FormRegistry;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}) {
  const {
    answers,
    auditEvents,
    hearingForms,
    hearingPersons,
    hearings,
    persons,
    riskAssessments,
    riskEvents,
    units,
    users,
  } = store.tables;

  /**
   * The suspect's hearings with another victim (a serial perpetrator, D4): how many other victims,
   * and when; never who they are or what they said.
   */
  async function suspectOtherPairs(tx: StoreDb, pair: Pair): Promise<Records['suspectOtherPairs']> {
    const asSuspect = await tx
      .select({ hearingId: hearingPersons.hearingId, openedAt: hearingPersons.hearingOpenedAt })
      .from(hearingPersons)
      .where(and(eq(hearingPersons.personId, pair.suspectId), eq(hearingPersons.role, 'suspect')))
      .orderBy(asc(hearingPersons.hearingOpenedAt));
    if (asSuspect.length === 0) return { count: 0, dates: [] };
    const victims = await tx
      .select({ hearingId: hearingPersons.hearingId, personId: hearingPersons.personId })
      .from(hearingPersons)
      .where(
        and(
          eq(hearingPersons.role, 'victim'),
          ne(hearingPersons.personId, pair.victimId),
          inArray(
            hearingPersons.hearingId,
            asSuspect.map((h) => h.hearingId),
          ),
        ),
      );
    const others = new Map(victims.map((v) => [v.hearingId, v.personId]));
    return {
      count: new Set(others.values()).size,
      dates: asSuspect.filter((h) => others.has(h.hearingId)).map((h) => h.openedAt),
    };
  }

  /**
   * Everything read from the pair's hearings, in the read-only unit of work that may see them. The
   * anchor is the hearing the actor opened the history from: one she sees.
   */
  function readPair(user: UserView, hearingId: string) {
    return store.transaction({ ...accessOf(user), purpose: 'pairHistory', pairOf: hearingId }, async (tx) => {
      const pair = await pairOf(tx, store.tables, hearingId);
      if (!pair) return null;
      const hearingsOfPair = await pairHearings(tx, store.tables, pair);
      const ids = hearingsOfPair.map((h) => h.hearingId);
      // One statement after the other: a unit of work is one connection, which runs one at a time.
      const assessments = await tx
        .select({
          hearingId: riskAssessments.hearingId,
          sequence: riskAssessments.sequence,
          createdAt: riskAssessments.createdAt,
          createdBy: riskAssessments.createdBy,
          unitId: riskAssessments.unitId,
          level: riskAssessments.level,
          answersJson: riskAssessments.answersJson,
          resultJson: riskAssessments.resultJson,
          reviewStatus: riskAssessments.reviewStatus,
          reviewComment: riskAssessments.reviewComment,
          reviewedAt: riskAssessments.reviewedAt,
          nextDueAt: riskAssessments.nextDueAt,
          lastEventAt: riskAssessments.lastEventAt,
          latest: riskAssessments.latest,
        })
        .from(riskAssessments)
        .where(inArray(riskAssessments.hearingId, ids))
        .orderBy(asc(riskAssessments.createdAt));
      const events = await tx
        .select({ hearingId: riskEvents.hearingId, kind: riskEvents.kind, note: riskEvents.note, at: riskEvents.at })
        .from(riskEvents)
        .where(inArray(riskEvents.hearingId, ids))
        .orderBy(asc(riskEvents.at));
      const measureAnswers = await tx
        .select({ hearingId: answers.hearingId, fieldId: answers.fieldId, valueJson: answers.valueJson })
        .from(answers)
        .where(
          and(
            inArray(answers.hearingId, ids),
            eq(answers.formId, FORMS.measures),
            inArray(answers.fieldId, [
              ...PROSECUTOR_MEASURES.map((m) => measureFieldIds(m).state),
              FIELDS.measures.residenceBanEnd,
            ]),
          ),
        );
      const others = await suspectOtherPairs(tx, pair);
      const names = await tx
        .select({
          id: persons.id,
          surname: persons.surname,
          firstNames: persons.firstNames,
          birthDate: persons.birthDate,
        })
        .from(persons)
        .where(inArray(persons.id, [pair.victimId, pair.suspectId]));
      // The names of who assessed and where, for the whole view: those of these assessments only.
      const assessors = [...new Set(assessments.map((a) => a.createdBy))];
      const assessingUnits = [...new Set(assessments.flatMap((a) => (a.unitId === null ? [] : [a.unitId])))];
      const people =
        assessors.length === 0
          ? []
          : await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, assessors));
      const unitNames =
        assessingUnits.length === 0
          ? []
          : await tx.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, assessingUnits));
      return { pair, hearingsOfPair, assessments, events, measureAnswers, others, names, people, unitNames };
    });
  }

  type Read = NonNullable<Awaited<ReturnType<typeof readPair>>>;

  /** What the police records of this store say for the risk step of `hearingId`, from what readPair read. */
  function recordsOf(read: Read, hearingId: string): Records {
    const current = read.hearingsOfPair.find((h) => h.hearingId === hearingId);
    const openedAt = current?.openedAt ?? now();
    const earlier = read.hearingsOfPair.filter((h) => h.hearingId !== hearingId && h.openedAt <= openedAt);
    const earlierIds = new Set(earlier.map((h) => h.hearingId));
    return {
      earlierComplaints: earlier.map((h) => h.openedAt),
      earlierComplaintsInTwelveMonths: earlier.filter((h) => h.openedAt > openedAt - ESCALATION_WINDOW).length,
      breaches: read.events.filter((e) => e.kind === 'breach' && earlierIds.has(e.hearingId)).map((e) => e.at),
      suspectOtherPairs: read.others,
    };
  }

  /**
   * The pair's history from one of its hearings, as the actor may see it: its officer a summary, a
   * supervisor of its unit the whole. Audited with her reason, and with how many hearings it showed.
   */
  async function history(user: UserView, input: ChannelInput<'pairs.history'>): Promise<PairHistory> {
    const { access } = await store.transaction(accessOf(user), (tx) =>
      hearingService.requireReadableHearing(tx, user, input.hearingId),
    );
    const view: PairHistoryView = access === 'review' ? 'full' : 'summary';
    const read = await readPair(user, input.hearingId);
    const at = now();
    await store.appendAuditAlone(accessOf(user), {
      at,
      userId: user.id,
      action: 'pairs.historyViewed',
      hearingId: input.hearingId,
      details: { reason: input.reason, view, hearings: read?.hearingsOfPair.length ?? 0 },
    });
    if (!read || read.hearingsOfPair.length < 2)
      return {
        view,
        pair: null,
        records: read ? recordsOf(read, input.hearingId) : noRecords(),
      };
    return { view, pair: describe(read, input.hearingId, view, at), records: recordsOf(read, input.hearingId) };
  }

  function describe(
    read: Read,
    hearingId: string,
    view: PairHistoryView,
    at: number,
  ): NonNullable<PairHistory['pair']> {
    const full = view === 'full';
    const nameOf = (id: string | null, list: { id: string; name: string }[]) =>
      id === null ? null : (list.find((p) => p.id === id)?.name ?? null);
    const answerOf = (hId: string, fieldId: string): unknown => {
      const row = read.measureAnswers.find((a) => a.hearingId === hId && a.fieldId === fieldId);
      return row ? (JSON.parse(row.valueJson) as unknown) : null;
    };
    const timeline = read.hearingsOfPair.map(({ hearingId: id, openedAt }) => ({
      hearingId: id,
      openedAt,
      current: id === hearingId,
      assessments: read.assessments
        .filter((a) => a.hearingId === id)
        .map((a) => ({
          createdAt: a.createdAt,
          level: a.level as RiskLevel,
          redFlags: ((JSON.parse(a.resultJson) as Partial<RiskResult>).redFlags ?? []).map((f) => f.id),
          reviewStatus: a.reviewStatus,
          reviewedAt: a.reviewedAt,
          reviewComment: full ? a.reviewComment : null,
          officerName: full ? nameOf(a.createdBy, read.people) : null,
          unitName: full ? nameOf(a.unitId, read.unitNames) : null,
        })),
      events: read.events
        .filter((e) => e.hearingId === id)
        .map((e) => ({ kind: e.kind, at: e.at, note: full ? e.note : null })),
      measures: PROSECUTOR_MEASURES.flatMap((measure) => {
        const state = answerOf(id, measureFieldIds(measure).state);
        if (typeof state !== 'string') return [];
        const end = measure === 'residenceBan' ? answerOf(id, FIELDS.measures.residenceBanEnd) : null;
        return [{ measure, state, endsAt: typeof end === 'string' && end !== '' ? end : null }];
      }),
    }));
    // A measure is carried forward from the latest hearing that recorded it: in force while granted
    // or in force there, and its end date (when one was recorded) has not passed.
    const measuresInForce = PROSECUTOR_MEASURES.flatMap((measure) => {
      const last = [...timeline].reverse().find((h) => h.measures.some((m) => m.measure === measure));
      const recorded = last?.measures.find((m) => m.measure === measure);
      if (!last || !recorded || !PROTECTING_STATES.includes(recorded.state)) return [];
      const ends = recorded.endsAt === null ? null : Date.parse(recorded.endsAt);
      if (ends !== null && Number.isFinite(ends) && ends < at) return [];
      return [{ measure, endsAt: recorded.endsAt, since: last.openedAt }];
    });
    const latestOf = (id: string) => read.assessments.filter((a) => a.hearingId === id).at(-1);
    const current = read.hearingsOfPair.find((h) => h.hearingId === hearingId);
    const previousHearing = [...read.hearingsOfPair]
      .reverse()
      .find((h) => h.hearingId !== hearingId && current !== undefined && h.openedAt <= current.openedAt);
    const before = previousHearing ? latestOf(previousHearing.hearingId) : undefined;
    const now_ = latestOf(hearingId);
    // The pair's due reassessment is the one its carrier holds (services/pairs.ts).
    const carrier = pairReassessmentCarrier(
      read.hearingsOfPair.map((h) => {
        const latest = read.assessments.find((a) => a.hearingId === h.hearingId && a.latest);
        return {
          hearingId: h.hearingId,
          assessedAt: latest?.createdAt ?? null,
          lastEventAt: latest?.lastEventAt ?? null,
        };
      }),
    );
    const carried = carrier ? latestOf(carrier.hearingId) : undefined;
    const person = (id: string) => {
      const p = read.names.find((n) => n.id === id);
      return { surname: p?.surname ?? '', firstNames: p?.firstNames ?? '', birthDate: p?.birthDate ?? null };
    };
    return {
      victim: person(read.pair.victimId),
      suspect: person(read.pair.suspectId),
      hearings: timeline,
      measuresInForce,
      breaches: read.events.filter((e) => e.kind === 'breach').map((e) => e.at),
      nextReassessmentAt: carried ? carried.nextDueAt : null,
      sincePrevious:
        before && now_
          ? compareAssessments(
              {
                input: JSON.parse(before.answersJson) as RiskInput,
                result: JSON.parse(before.resultJson) as RiskResult,
              },
              { input: JSON.parse(now_.answersJson) as RiskInput, result: JSON.parse(now_.resultJson) as RiskResult },
            )
          : null,
    };
  }

  /**
   * The risk step's items that police records answer (A9, C4, D4), pre-answered "yes" with the
   * source "police records" where nobody has answered them: she sees them so marked and changes
   * any. Through the same save as hers (revisions, history), audited with the revision each field
   * was given. An item stays the records' while nobody has touched what they wrote (the same
   * revisions): it then follows them (A9's count as complaints are linked; withdrawn when a
   * supervisor undoes the link it came from, so that no paper says "police records" of another
   * pair's complaints). Once she changes or clears the item or its source, it is hers for good.
   * Only the hearing's officer, on her open hearing: anyone else is fed nothing.
   * Returns the items the records now answer "yes" that they did not before.
   */
  async function feedRisk(user: UserView, hearingId: string): Promise<string[]> {
    if (user.role !== 'officer') return [];
    const read = await readPair(user, hearingId);
    const records = read ? recordsOf(read, hearingId) : noRecords();
    return store.transaction(accessOf(user), async (tx) => {
      const [hearing] = await tx
        .select({ ownerId: hearings.ownerId, status: hearings.status })
        .from(hearings)
        .where(eq(hearings.id, hearingId));
      if (hearing?.ownerId !== user.id || hearing.status !== 'open') return [];
      const [pinned] = await tx
        .select({ version: hearingForms.formVersion })
        .from(hearingForms)
        .where(and(eq(hearingForms.hearingId, hearingId), eq(hearingForms.formId, FORMS.risk)));
      const form = pinned && registry.get(FORMS.risk, pinned.version);
      if (!form) return [];
      const stored = new Map(
        (
          await tx
            .select({ fieldId: answers.fieldId, valueJson: answers.valueJson, revision: answers.revision })
            .from(answers)
            .where(and(eq(answers.hearingId, hearingId), eq(answers.formId, FORMS.risk)))
        ).map((row) => [row.fieldId, { value: JSON.parse(row.valueJson) as unknown, revision: row.revision }]),
      );
      const items = (Object.keys(RECORD_ITEMS) as RecordItem[]).filter((item) => findField(form, itemFieldId(item)));
      const fieldsOf = (item: RecordItem) =>
        [itemFieldId(item), sourceFieldId(item), ...(item === 'A9' ? [followUpFieldId(item)] : [])].filter((fieldId) =>
          findField(form, fieldId),
        );
      // What the records would have each item's fields say now.
      const proposals = items.map((item) => {
        const supported = RECORD_ITEMS[item](records);
        const wanted: Record<string, string | null> = {
          [itemFieldId(item)]: supported ? 'yes' : null,
          [sourceFieldId(item)]: supported ? 'policeRecords' : null,
          // How many in the last twelve months: none there leaves the question to her.
          [followUpFieldId(item)]:
            supported && records.earlierComplaintsInTwelveMonths > 0
              ? records.earlierComplaintsInTwelveMonths >= ESCALATION_COUNT
                ? 'threeOrMore'
                : 'oneOrTwo'
              : null,
        };
        const changes = fieldsOf(item).flatMap((fieldId) => {
          const row = stored.get(fieldId);
          const value = wanted[fieldId] ?? null;
          return (row ? row.value === value : value === null)
            ? []
            : [{ fieldId, value, baseRevision: row?.revision ?? 0 }];
        });
        return { item, supported, changes };
      });
      // Withdrawn only where they stand as the records write them: "yes", from police records.
      const worth = proposals.filter(
        ({ item, supported, changes }) =>
          changes.length > 0 &&
          (supported ||
            (stored.get(itemFieldId(item))?.value === 'yes' &&
              stored.get(sourceFieldId(item))?.value === 'policeRecords')),
      );
      if (worth.length === 0) return [];
      // Which stored fields are still as the records wrote them: from the trail, read only when needed.
      const written = worth.some(({ item }) => fieldsOf(item).some((fieldId) => stored.has(fieldId)))
        ? await recordsWrote(tx, hearingId)
        : new Map<string, number>();
      const theirs = (fieldId: string) => {
        const row = stored.get(fieldId);
        return !row || written.get(fieldId) === row.revision;
      };
      const changes: { fieldId: string; value: string | null; baseRevision: number }[] = [];
      const answered: RecordItem[] = [];
      const withdrawn: RecordItem[] = [];
      for (const { item, supported, changes: proposed } of worth) {
        // Hers once she touched the item or its source.
        if (!theirs(itemFieldId(item)) || !theirs(sourceFieldId(item))) continue;
        const own = proposed.filter(({ fieldId }) => theirs(fieldId));
        if (own.length === 0) continue;
        changes.push(...own);
        (supported ? answered : withdrawn).push(item);
      }
      if (changes.length === 0) return [];
      const saved = await hearingService.saveAnswersIn(tx, user, { hearingId, formId: FORMS.risk, changes });
      const revisions = Object.fromEntries(saved.revisions.map((r) => [r.fieldId, r.revision]));
      for (const [action, list] of [
        ['risk.answeredFromRecords', answered],
        ['risk.withdrawnFromRecords', withdrawn],
      ] as const) {
        if (list.length === 0) continue;
        await store.appendAudit(tx, {
          at: now(),
          userId: user.id,
          action,
          hearingId,
          details: {
            items: list,
            revisions: Object.fromEntries(
              list
                .flatMap(fieldsOf)
                .flatMap((fieldId) => (fieldId in revisions ? [[fieldId, revisions[fieldId]]] : [])),
            ),
          },
        });
      }
      return answered.filter((item) => stored.get(itemFieldId(item))?.value !== 'yes');
    });
  }

  /** The revision the records last gave each risk field of the hearing, from the trail. */
  async function recordsWrote(tx: StoreDb, hearingId: string): Promise<Map<string, number>> {
    const entries = await tx
      .select({ detailsJson: auditEvents.detailsJson })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.hearingId, hearingId),
          inArray(auditEvents.action, ['risk.answeredFromRecords', 'risk.withdrawnFromRecords']),
        ),
      )
      .orderBy(asc(auditEvents.seq));
    const wrote = new Map<string, number>();
    for (const { detailsJson } of entries) {
      const { revisions } = JSON.parse(detailsJson) as { revisions?: Record<string, number> };
      for (const [fieldId, revision] of Object.entries(revisions ?? {})) wrote.set(fieldId, revision);
    }
    return wrote;
  }

  /**
   * Before she reads her hearing: what the records came to say since her last look (the pair
   * completed from its other hearing, a breach noted there, the suspect now in another pair)
   * reaches her risk step too. A failure is logged and the hearing opens as it stands: the records
   * stay in the pair's history.
   */
  async function feedRiskBeforeReading(user: UserView, hearingId: string): Promise<void> {
    try {
      await feedRisk(user, hearingId);
    } catch (error) {
      log('The police records were not fed to the risk step; the hearing opens as it stands', error);
    }
  }

  return { history, feedRisk, feedRiskBeforeReading };
}

function noRecords(): Records {
  return {
    earlierComplaints: [],
    earlierComplaintsInTwelveMonths: 0,
    breaches: [],
    suspectOtherPairs: { count: 0, dates: [] },
  };
}

export type PairHistoryService = ReturnType<typeof createPairHistoryService>;
