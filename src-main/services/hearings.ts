import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, like } from 'drizzle-orm';
import { FIELDS, FORMS, readAnswers, type StoredForms } from '../../forms/answers';
import { answerSchema, findField, missingBeforeClose, type AnswerValue } from '../../forms/engine';
import type { FormRegistry } from '../../forms/registry';
import { AppError } from '../api/app-error';
import type { AddendumView, ChannelInput, ChannelOutput, HearingSummary, UserView } from '../api/contract';
import type { HearingListEntry } from '../api/schemas';
import type { AppDatabase } from '../db/database';
import { addenda, answerHistory, answers, hearingForms, hearings, supportServices, users } from '../db/schema';
import { loadHearingAnswers } from './answers';
import { appendAudit } from './audit';
import { riskAssessmentMissing } from './risk';
import { riskRegistry } from '../../forms/risk/registry';

type HearingRow = typeof hearings.$inferSelect;

function toSummary(row: HearingRow): HearingSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

/** What the zone configured that the hearing screen shows (durations that law and practice leave open). */
export interface HearingSettings {
  residenceBanDays: number;
}

export function createHearingService({
  db,
  registry,
  now,
  settings,
}: {
  db: AppDatabase;
  registry: FormRegistry;
  now: () => number;
  settings: HearingSettings;
}) {
  /** Officers write only their own hearings; nobody else, not even a supervisor, changes them. */
  function requireOwnHearing(user: UserView, hearingId: string): HearingRow {
    const row = db.select().from(hearings).where(eq(hearings.id, hearingId)).get();
    if (!row) throw new AppError('NOT_FOUND', 'No such hearing');
    if (row.ownerId !== user.id) {
      db.transaction((tx) =>
        appendAudit(tx, { at: now(), userId: user.id, action: 'hearing.access_denied', hearingId }),
      );
      throw new AppError('FORBIDDEN', 'This hearing belongs to another officer');
    }
    return row;
  }

  /**
   * Reading: the owner, or a supervisor of the unit the hearing was taken in (the review). An
   * officer of another unit gets an access error, never the data; each refusal is audited.
   */
  function requireReadableHearing(user: UserView, hearingId: string): { row: HearingRow; access: 'owner' | 'review' } {
    const row = db.select().from(hearings).where(eq(hearings.id, hearingId)).get();
    if (!row) throw new AppError('NOT_FOUND', 'No such hearing');
    if (row.ownerId === user.id) return { row, access: 'owner' };
    if (user.role === 'supervisor' && user.unitId !== null && row.unitId === user.unitId)
      return { row, access: 'review' };
    db.transaction((tx) => appendAudit(tx, { at: now(), userId: user.id, action: 'hearing.access_denied', hearingId }));
    throw new AppError('FORBIDDEN', 'This hearing belongs to another officer or unit');
  }

  function create(user: UserView): HearingSummary {
    const at = now();
    return db.transaction((tx) => {
      const year = new Date(at).getUTCFullYear();
      const prefix = `HD-${year}-`;
      const n =
        (tx
          .select({ n: count() })
          .from(hearings)
          .where(like(hearings.reference, `${prefix}%`))
          .get()?.n ?? 0) + 1;
      const row: HearingRow = {
        id: randomUUID(),
        reference: `${prefix}${String(n).padStart(6, '0')}`,
        ownerId: user.id,
        status: 'open',
        createdAt: at,
        updatedAt: at,
        statementApprovedAt: null,
        statementApprovedBy: null,
        statementSha256: null,
        closedAt: null,
        closedBy: null,
        unitId: user.unitId,
      };
      tx.insert(hearings).values(row).run();
      for (const formId of registry.steps) {
        const form = registry.latest(formId);
        if (!form) throw new Error(`No definition for step ${formId}`);
        tx.insert(hearingForms).values({ hearingId: row.id, formId, formVersion: form.version }).run();
      }
      appendAudit(tx, { at, userId: user.id, action: 'hearing.created', hearingId: row.id });
      return toSummary(row);
    });
  }

  /**
   * The officer's own hearings: every open one, and the last closed ones (for addenda and copies),
   * each with its PV number, what is left in each step and the step last answered.
   */
  function listMine(user: UserView): { open: HearingListEntry[]; recentlyClosed: HearingListEntry[] } {
    const mine = (status: 'open' | 'closed', limit: number) =>
      db
        .select()
        .from(hearings)
        .where(and(eq(hearings.ownerId, user.id), eq(hearings.status, status)))
        .orderBy(desc(hearings.updatedAt))
        .limit(limit)
        .all()
        .map(toListEntry);
    return { open: mine('open', 1_000), recentlyClosed: mine('closed', 20) };
  }

  function toListEntry(row: HearingRow): HearingListEntry {
    const forms = storedAnswers(row.id);
    const pvNumber = readAnswers(forms, FORMS.documents).pvNumber ?? null;
    // A closed hearing had nothing missing when it closed; an open one counts what the close check counts.
    const missing = row.status === 'open' ? missingToClose(row, forms) : [];
    const pinned = db
      .select({ formId: hearingForms.formId })
      .from(hearingForms)
      .where(eq(hearingForms.hearingId, row.id))
      .all()
      .map((f) => f.formId);
    const order = (formId: string) => {
      const index = registry.steps.indexOf(formId);
      return index === -1 ? registry.steps.length : index;
    };
    const last = db
      .select({ formId: answers.formId })
      .from(answers)
      .where(eq(answers.hearingId, row.id))
      .orderBy(desc(answers.updatedAt))
      .limit(1)
      .get();
    return {
      ...toSummary(row),
      pvNumber: typeof pvNumber === 'string' && pvNumber.trim() !== '' ? pvNumber : null,
      steps: pinned
        .sort((a, b) => order(a) - order(b))
        .map((formId) => ({ formId, missing: missing.filter((m) => m.startsWith(`${formId}:`)).length })),
      lastStep: last?.formId ?? null,
    };
  }

  function load(user: UserView, hearingId: string): ChannelOutput<'hearings.load'> {
    const { row, access } = requireReadableHearing(user, hearingId);
    const pinned = () =>
      db
        .select({ formId: hearingForms.formId, formVersion: hearingForms.formVersion })
        .from(hearingForms)
        .where(eq(hearingForms.hearingId, hearingId))
        .all();
    const before = pinned();
    // A step shipped after this hearing was opened joins it at its current version; the steps
    // already taken keep theirs. A closed hearing stays exactly as it was closed.
    const added =
      row.status === 'open' && access === 'owner'
        ? registry.steps.filter((step) => !before.some((f) => f.formId === step))
        : [];
    db.transaction((tx) => {
      for (const formId of added) {
        tx.insert(hearingForms)
          .values({ hearingId, formId, formVersion: registry.latest(formId)!.version })
          .run();
      }
      const details = {
        ...(added.length > 0 ? { stepsAdded: added } : {}),
        ...(access === 'review' ? { asSupervisor: true } : {}),
      };
      appendAudit(tx, {
        at: now(),
        userId: user.id,
        action: 'hearing.opened',
        hearingId,
        ...(Object.keys(details).length > 0 ? { details } : {}),
      });
    });
    const order = (formId: string) => {
      const index = registry.steps.indexOf(formId);
      return index === -1 ? registry.steps.length : index;
    };
    const forms = pinned().sort((a, b) => order(a.formId) - order(b.formId));
    const stored = db.select().from(answers).where(eq(answers.hearingId, hearingId)).all();
    const approver = row.statementApprovedBy
      ? db.select({ name: users.displayName }).from(users).where(eq(users.id, row.statementApprovedBy)).get()
      : undefined;
    return {
      hearing: toSummary(row),
      access,
      settings,
      forms,
      statement:
        row.statementApprovedAt !== null && row.statementSha256 !== null
          ? { approvedAt: row.statementApprovedAt, approvedByName: approver?.name ?? '', sha256: row.statementSha256 }
          : null,
      addenda: listAddenda(hearingId),
      history: db
        .select({
          formId: answerHistory.formId,
          fieldId: answerHistory.fieldId,
          value: answerHistory.valueJson,
          at: answerHistory.at,
          byName: users.displayName,
        })
        .from(answerHistory)
        .innerJoin(users, eq(users.id, answerHistory.by))
        .where(eq(answerHistory.hearingId, hearingId))
        .orderBy(asc(answerHistory.at), asc(answerHistory.revision))
        .all()
        .map((h) => ({ ...h, value: JSON.parse(h.value) as AnswerValue })),
      answers: stored.map((a) => ({
        formId: a.formId,
        formVersion: a.formVersion,
        fieldId: a.fieldId,
        value: JSON.parse(a.valueJson) as AnswerValue,
        revision: a.revision,
        updatedAt: a.updatedAt,
      })),
    };
  }

  /**
   * All changes or none. Each change names the revision it was made on; if the stored answer has
   * moved on since (another window saved it), the whole save is refused as stale.
   */
  function saveAnswers(
    user: UserView,
    input: ChannelInput<'hearings.saveAnswers'>,
  ): ChannelOutput<'hearings.saveAnswers'> {
    const row = requireOwnHearing(user, input.hearingId);
    if (input.formId === FORMS.statement && row.statementApprovedAt !== null) {
      throw new AppError('STATEMENT_APPROVED', 'The approved statement changes only by addenda');
    }
    const pinned = db
      .select({ formVersion: hearingForms.formVersion })
      .from(hearingForms)
      .where(and(eq(hearingForms.hearingId, input.hearingId), eq(hearingForms.formId, input.formId)))
      .get();
    const form = pinned && registry.get(input.formId, pinned.formVersion);
    if (!pinned || !form) throw new AppError('UNKNOWN_FIELD', `This hearing has no form ${input.formId}`);
    // The risk step follows the pair after closing (reassessments); every other step is frozen.
    if (row.status !== 'open' && !form.editableAfterClose)
      throw new AppError('HEARING_CLOSED', 'A closed hearing cannot be changed');

    const seen = new Set<string>();
    for (const change of input.changes) {
      const field = findField(form, change.fieldId);
      if (!field || seen.has(change.fieldId)) {
        throw new AppError('UNKNOWN_FIELD', `Unknown or repeated field ${change.fieldId}`, [change.fieldId]);
      }
      seen.add(change.fieldId);
      if (!answerSchema(field).safeParse(change.value).success) {
        throw new AppError('INVALID_ANSWER', `The answer to ${change.fieldId} does not fit the question`, [
          change.fieldId,
        ]);
      }
      if (field.kind === 'serviceChoice' && Array.isArray(change.value) && change.value.length > 0) {
        const ids = change.value as string[];
        const known = db
          .select({ id: supportServices.id })
          .from(supportServices)
          .where(inArray(supportServices.id, ids))
          .all();
        if (known.length !== ids.length)
          throw new AppError('INVALID_ANSWER', 'A chosen service is not in the directory', [change.fieldId]);
      }
    }

    const at = now();
    return db.transaction((tx) => {
      const current = new Map(
        tx
          .select({ fieldId: answers.fieldId, revision: answers.revision })
          .from(answers)
          .where(and(eq(answers.hearingId, input.hearingId), eq(answers.formId, input.formId)))
          .all()
          .map((a) => [a.fieldId, a.revision]),
      );
      const stale = input.changes.filter((c) => (current.get(c.fieldId) ?? 0) !== c.baseRevision).map((c) => c.fieldId);
      if (stale.length > 0)
        throw new AppError('STALE_REVISION', 'These answers were changed elsewhere since they were loaded', stale);

      const revisions = input.changes.map((change) => {
        const revision = change.baseRevision + 1;
        const values = {
          hearingId: input.hearingId,
          formId: input.formId,
          formVersion: form.version,
          fieldId: change.fieldId,
          valueJson: JSON.stringify(change.value),
          revision,
          updatedAt: at,
          updatedBy: user.id,
        };
        if (findField(form, change.fieldId)?.keepHistory) {
          tx.insert(answerHistory)
            .values({
              hearingId: input.hearingId,
              formId: input.formId,
              fieldId: change.fieldId,
              revision,
              valueJson: values.valueJson,
              at,
              by: user.id,
            })
            .run();
        }
        tx.insert(answers)
          .values(values)
          .onConflictDoUpdate({
            target: [answers.hearingId, answers.formId, answers.fieldId],
            set: { valueJson: values.valueJson, revision, updatedAt: at, updatedBy: user.id },
          })
          .run();
        return { fieldId: change.fieldId, revision };
      });
      tx.update(hearings).set({ updatedAt: at }).where(eq(hearings.id, input.hearingId)).run();
      appendAudit(tx, {
        at,
        userId: user.id,
        action: 'answers.saved',
        hearingId: input.hearingId,
        details: { formId: input.formId, formVersion: form.version, revisions },
      });
      return { savedAt: at, revisions };
    });
  }

  function listAddenda(hearingId: string): AddendumView[] {
    return db
      .select({ id: addenda.id, text: addenda.text, createdAt: addenda.createdAt, createdByName: users.displayName })
      .from(addenda)
      .innerJoin(users, eq(users.id, addenda.createdBy))
      .where(eq(addenda.hearingId, hearingId))
      .orderBy(addenda.createdAt)
      .all();
  }

  /** The answers of every step, by form id, checked against the version each was taken under. */
  function storedAnswers(hearingId: string): StoredForms {
    return loadHearingAnswers(db, hearingId, registry);
  }

  /** The victim has heard or read the statement at this revision and approves it. */
  function approveStatement(
    user: UserView,
    hearingId: string,
    textRevision: number,
  ): ChannelOutput<'hearings.approveStatement'> {
    const row = requireOwnHearing(user, hearingId);
    if (row.status !== 'open') throw new AppError('HEARING_CLOSED', 'A closed hearing cannot be changed');
    if (row.statementApprovedAt !== null) throw new AppError('STATEMENT_APPROVED', 'The statement is already approved');
    const stored = db
      .select()
      .from(answers)
      .where(
        and(
          eq(answers.hearingId, hearingId),
          eq(answers.formId, FORMS.statement),
          eq(answers.fieldId, FIELDS.statement.text),
        ),
      )
      .get();
    const text = stored ? (JSON.parse(stored.valueJson) as unknown) : null;
    if (!stored || typeof text !== 'string' || text.trim() === '')
      throw new AppError('STATEMENT_EMPTY', 'There is no statement to approve');
    if (stored.revision !== textRevision) {
      throw new AppError('STALE_REVISION', 'The statement changed since it was read back', [FIELDS.statement.text]);
    }
    const at = now();
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    db.transaction((tx) => {
      tx.update(hearings)
        .set({ statementApprovedAt: at, statementApprovedBy: user.id, statementSha256: sha256, updatedAt: at })
        .where(eq(hearings.id, hearingId))
        .run();
      appendAudit(tx, {
        at,
        userId: user.id,
        action: 'statement.approved',
        hearingId,
        details: { revision: textRevision, sha256 },
      });
    });
    return { approvedAt: at, sha256 };
  }

  /** After approval, the only way to add to the statement; allowed after closing too. */
  function addAddendum(user: UserView, hearingId: string, text: string): AddendumView {
    const row = requireOwnHearing(user, hearingId);
    if (row.statementApprovedAt === null)
      throw new AppError('STATEMENT_NOT_APPROVED', 'Addenda follow an approved statement; edit the statement itself');
    const at = now();
    const addendum = { id: randomUUID(), hearingId, text, createdAt: at, createdBy: user.id };
    db.transaction((tx) => {
      tx.insert(addenda).values(addendum).run();
      tx.update(hearings).set({ updatedAt: at }).where(eq(hearings.id, hearingId)).run();
      appendAudit(tx, {
        at,
        userId: user.id,
        action: 'statement.addendum_added',
        hearingId,
        details: { addendumId: addendum.id },
      });
    });
    return { id: addendum.id, text, createdAt: at, createdByName: user.displayName };
  }

  /** What is still missing, as `formId:path`, plus the approval of the statement. */
  function missingToClose(row: HearingRow, forms: StoredForms = storedAnswers(row.id)): string[] {
    const pinned = db.select().from(hearingForms).where(eq(hearingForms.hearingId, row.id)).all();
    const missing = pinned.flatMap(({ formId, formVersion }) => {
      const form = registry.get(formId, formVersion);
      return form
        ? missingBeforeClose(form, forms[formId]?.answers ?? {}).map((path) => `${formId}:${path}`)
        : [`${formId}:?`];
    });
    if (row.statementApprovedAt === null) missing.push(`${FORMS.statement}:approval`);
    missing.push(...riskAssessmentMissing(db, riskRegistry, row.id, forms));
    return missing;
  }

  /** Closing makes the hearing read-only (addenda excepted); main refuses while anything is missing. */
  function close(user: UserView, hearingId: string): ChannelOutput<'hearings.close'> {
    const row = requireOwnHearing(user, hearingId);
    if (row.status !== 'open') throw new AppError('HEARING_CLOSED', 'The hearing is already closed');
    const missing = missingToClose(row);
    if (missing.length > 0)
      throw new AppError('CANNOT_CLOSE', 'Answers are missing before the hearing can be closed', missing);
    const at = now();
    db.transaction((tx) => {
      tx.update(hearings)
        .set({ status: 'closed', closedAt: at, closedBy: user.id, updatedAt: at })
        .where(eq(hearings.id, hearingId))
        .run();
      appendAudit(tx, { at, userId: user.id, action: 'hearing.closed', hearingId });
    });
    return { closedAt: at };
  }

  return {
    create,
    listMine,
    load,
    saveAnswers,
    approveStatement,
    addAddendum,
    close,
    answers: storedAnswers,
    requireOwnHearing,
    requireReadableHearing,
  };
}

export type HearingService = ReturnType<typeof createHearingService>;
