import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { FIELDS, FORMS, readAnswers, type StoredForms } from '../../forms/answers';
import { answerSchema, findField, missingBeforeClose, type AnswerValue } from '../../forms/engine';
import type { FormRegistry } from '../../forms/registry';
import { AppError } from '../api/app-error';
import type { AddendumView, ChannelInput, ChannelOutput, HearingSummary, UserView } from '../api/contract';
import type { HearingListEntry } from '../api/schemas';
import { accessOf, type Store, type StoreDb, type StoreTables, type TracedRefusal } from '../db/store';
import { loadHearingAnswers } from './answers';
import { ensureHearingPersons } from './persons';
import { riskAssessmentMissing } from './risk';
import { riskRegistry } from '../../forms/risk/registry';

type HearingRow = StoreTables['hearings']['$inferSelect'];

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
  store,
  registry,
  now,
  settings,
}: {
  store: Store;
  registry: FormRegistry;
  now: () => number;
  settings: HearingSettings;
}) {
  const { addenda, answerHistory, answers, hearingForms, hearings, supportServices, users } = store.tables;

  async function hearingRow(tx: StoreDb, hearingId: string): Promise<HearingRow | undefined> {
    return (await tx.select().from(hearings).where(eq(hearings.id, hearingId)))[0];
  }

  /**
   * Not found, or not hers: the refusal of a hearing that exists stays on record (the store
   * appends its trace although the unit of work that found it rolls back).
   */
  async function refuseOrNotFound(tx: StoreDb, user: UserView, hearingId: string, message: string): Promise<never> {
    if (!(await store.hearingAccess(tx, hearingId))) throw new AppError('NOT_FOUND', 'No such hearing');
    const refusal: AppError & TracedRefusal = Object.assign(new AppError('FORBIDDEN', message), {
      trace: { at: now(), userId: user.id, action: 'hearing.access_denied', hearingId },
    });
    throw refusal;
  }

  /** Officers write only their own hearings; nobody else, not even a supervisor, changes them. */
  async function requireOwnHearing(tx: StoreDb, user: UserView, hearingId: string): Promise<HearingRow> {
    const row = await hearingRow(tx, hearingId);
    if (!row || row.ownerId !== user.id)
      return refuseOrNotFound(tx, user, hearingId, 'This hearing belongs to another officer');
    return row;
  }

  /**
   * Reading: the owner, or a supervisor of the unit the hearing was taken in (the review). An
   * officer of another unit gets an access error, never the data; each refusal is audited.
   */
  async function requireReadableHearing(
    tx: StoreDb,
    user: UserView,
    hearingId: string,
  ): Promise<{ row: HearingRow; access: 'owner' | 'review' }> {
    const row = await hearingRow(tx, hearingId);
    if (row?.ownerId === user.id) return { row, access: 'owner' };
    if (row && user.role === 'supervisor' && user.unitId !== null && row.unitId === user.unitId)
      return { row, access: 'review' };
    return refuseOrNotFound(tx, user, hearingId, 'This hearing belongs to another officer or unit');
  }

  async function create(user: UserView): Promise<HearingSummary> {
    const at = now();
    return store.transaction(accessOf(user), async (tx) => {
      const year = new Date(at).getUTCFullYear();
      const prefix = `HD-${year}-`;
      const number = await store.nextReferenceNumber(tx, prefix);
      const row: HearingRow = {
        id: randomUUID(),
        reference: `${prefix}${String(number).padStart(6, '0')}`,
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
      await tx.insert(hearings).values(row);
      for (const formId of registry.steps) {
        const form = registry.latest(formId);
        if (!form) throw new Error(`No definition for step ${formId}`);
        await tx.insert(hearingForms).values({ hearingId: row.id, formId, formVersion: form.version });
      }
      await store.appendAudit(tx, { at, userId: user.id, action: 'hearing.created', hearingId: row.id });
      return toSummary(row);
    });
  }

  /**
   * The officer's own hearings: every open one, and the last closed ones (for addenda and copies),
   * each with its PV number, what is left in each step and the step last answered.
   */
  async function listMine(user: UserView): Promise<{ open: HearingListEntry[]; recentlyClosed: HearingListEntry[] }> {
    return store.transaction(accessOf(user), async (tx) => {
      const mine = async (status: 'open' | 'closed', limit: number) => {
        const rows = await tx
          .select()
          .from(hearings)
          .where(and(eq(hearings.ownerId, user.id), eq(hearings.status, status)))
          .orderBy(desc(hearings.updatedAt))
          .limit(limit);
        const entries: HearingListEntry[] = [];
        for (const row of rows) entries.push(await toListEntry(tx, row));
        return entries;
      };
      return { open: await mine('open', 1_000), recentlyClosed: await mine('closed', 20) };
    });
  }

  async function toListEntry(tx: StoreDb, row: HearingRow): Promise<HearingListEntry> {
    const forms = await storedAnswers(tx, row.id);
    const pvNumber = readAnswers(forms, FORMS.documents).pvNumber ?? null;
    // A closed hearing had nothing missing when it closed; an open one counts what the close check counts.
    const missing = row.status === 'open' ? await missingToClose(tx, row, forms) : [];
    const pinned = (
      await tx.select({ formId: hearingForms.formId }).from(hearingForms).where(eq(hearingForms.hearingId, row.id))
    ).map((f) => f.formId);
    const [last] = await tx
      .select({ formId: answers.formId })
      .from(answers)
      .where(eq(answers.hearingId, row.id))
      .orderBy(desc(answers.updatedAt))
      .limit(1);
    return {
      ...toSummary(row),
      pvNumber: typeof pvNumber === 'string' && pvNumber.trim() !== '' ? pvNumber : null,
      steps: pinned
        .sort((a, b) => stepOrder(a) - stepOrder(b))
        .map((formId) => ({ formId, missing: missing.filter((m) => m.startsWith(`${formId}:`)).length })),
      lastStep: last?.formId ?? null,
    };
  }

  function stepOrder(formId: string): number {
    const index = registry.steps.indexOf(formId);
    return index === -1 ? registry.steps.length : index;
  }

  async function load(user: UserView, hearingId: string): Promise<ChannelOutput<'hearings.load'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const { row, access } = await requireReadableHearing(tx, user, hearingId);
      const pinned = () =>
        tx
          .select({ formId: hearingForms.formId, formVersion: hearingForms.formVersion })
          .from(hearingForms)
          .where(eq(hearingForms.hearingId, hearingId));
      const before = await pinned();
      // A step shipped after this hearing was opened joins it at its current version; the steps
      // already taken keep theirs. A closed hearing stays exactly as it was closed.
      const added =
        row.status === 'open' && access === 'owner'
          ? registry.steps.filter((step) => !before.some((f) => f.formId === step))
          : [];
      for (const formId of added) {
        await tx.insert(hearingForms).values({ hearingId, formId, formVersion: registry.latest(formId)!.version });
      }
      const details = {
        ...(added.length > 0 ? { stepsAdded: added } : {}),
        ...(access === 'review' ? { asSupervisor: true } : {}),
      };
      await store.appendAudit(tx, {
        at: now(),
        userId: user.id,
        action: 'hearing.opened',
        hearingId,
        ...(Object.keys(details).length > 0 ? { details } : {}),
      });
      const forms = (await pinned()).sort((a, b) => stepOrder(a.formId) - stepOrder(b.formId));
      const stored = await tx.select().from(answers).where(eq(answers.hearingId, hearingId));
      const [approver] = row.statementApprovedBy
        ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, row.statementApprovedBy))
        : [];
      const history = await tx
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
        .orderBy(asc(answerHistory.at), asc(answerHistory.revision));
      return {
        hearing: toSummary(row),
        access,
        settings,
        forms,
        statement:
          row.statementApprovedAt !== null && row.statementSha256 !== null
            ? { approvedAt: row.statementApprovedAt, approvedByName: approver?.name ?? '', sha256: row.statementSha256 }
            : null,
        addenda: await listAddenda(tx, hearingId),
        history: history.map((h) => ({ ...h, value: JSON.parse(h.value) as AnswerValue })),
        answers: stored.map((a) => ({
          formId: a.formId,
          formVersion: a.formVersion,
          fieldId: a.fieldId,
          value: JSON.parse(a.valueJson) as AnswerValue,
          revision: a.revision,
          updatedAt: a.updatedAt,
        })),
      };
    });
  }

  /**
   * All changes or none. Each change names the revision it was made on; if the stored answer has
   * moved on since (another window saved it), the whole save is refused as stale.
   */
  async function saveAnswers(
    user: UserView,
    input: ChannelInput<'hearings.saveAnswers'>,
  ): Promise<ChannelOutput<'hearings.saveAnswers'>> {
    return store.transaction(accessOf(user), (tx) => saveAnswersIn(tx, user, input));
  }

  /** saveAnswers inside a unit of work the caller holds (the phone check records its finding so). */
  async function saveAnswersIn(
    tx: StoreDb,
    user: UserView,
    input: ChannelInput<'hearings.saveAnswers'>,
  ): Promise<ChannelOutput<'hearings.saveAnswers'>> {
    const row = await requireOwnHearing(tx, user, input.hearingId);
    if (input.formId === FORMS.statement && row.statementApprovedAt !== null) {
      throw new AppError('STATEMENT_APPROVED', 'The approved statement changes only by addenda');
    }
    const [pinned] = await tx
      .select({ formVersion: hearingForms.formVersion })
      .from(hearingForms)
      .where(and(eq(hearingForms.hearingId, input.hearingId), eq(hearingForms.formId, input.formId)));
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
        const known = await tx
          .select({ id: supportServices.id })
          .from(supportServices)
          .where(inArray(supportServices.id, ids));
        if (known.length !== ids.length)
          throw new AppError('INVALID_ANSWER', 'A chosen service is not in the directory', [change.fieldId]);
      }
    }

    const at = now();
    const current = new Map(
      (
        await tx
          .select({ fieldId: answers.fieldId, revision: answers.revision })
          .from(answers)
          .where(and(eq(answers.hearingId, input.hearingId), eq(answers.formId, input.formId)))
      ).map((a) => [a.fieldId, a.revision]),
    );
    const stale = input.changes.filter((c) => (current.get(c.fieldId) ?? 0) !== c.baseRevision).map((c) => c.fieldId);
    if (stale.length > 0)
      throw new AppError('STALE_REVISION', 'These answers were changed elsewhere since they were loaded', stale);

    const revisions: { fieldId: string; revision: number }[] = [];
    for (const change of input.changes) {
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
        await tx.insert(answerHistory).values({
          hearingId: input.hearingId,
          formId: input.formId,
          fieldId: change.fieldId,
          revision,
          valueJson: values.valueJson,
          at,
          by: user.id,
        });
      }
      await tx
        .insert(answers)
        .values(values)
        .onConflictDoUpdate({
          target: [answers.hearingId, answers.formId, answers.fieldId],
          set: { valueJson: values.valueJson, revision, updatedAt: at, updatedBy: user.id },
        });
      revisions.push({ fieldId: change.fieldId, revision });
    }
    await tx.update(hearings).set({ updatedAt: at }).where(eq(hearings.id, input.hearingId));
    await store.appendAudit(tx, {
      at,
      userId: user.id,
      action: 'answers.saved',
      hearingId: input.hearingId,
      details: { formId: input.formId, formVersion: form.version, revisions },
    });
    return { savedAt: at, revisions };
  }

  function listAddenda(tx: StoreDb, hearingId: string): Promise<AddendumView[]> {
    return tx
      .select({ id: addenda.id, text: addenda.text, createdAt: addenda.createdAt, createdByName: users.displayName })
      .from(addenda)
      .innerJoin(users, eq(users.id, addenda.createdBy))
      .where(eq(addenda.hearingId, hearingId))
      .orderBy(addenda.createdAt);
  }

  /** The answers of every step, by form id, checked against the version each was taken under. */
  function storedAnswers(tx: StoreDb, hearingId: string): Promise<StoredForms> {
    return loadHearingAnswers(tx, store.tables, hearingId, registry);
  }

  /** The victim has heard or read the statement at this revision and approves it. */
  async function approveStatement(
    user: UserView,
    hearingId: string,
    textRevision: number,
  ): Promise<ChannelOutput<'hearings.approveStatement'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const row = await requireOwnHearing(tx, user, hearingId);
      if (row.status !== 'open') throw new AppError('HEARING_CLOSED', 'A closed hearing cannot be changed');
      if (row.statementApprovedAt !== null)
        throw new AppError('STATEMENT_APPROVED', 'The statement is already approved');
      const [stored] = await tx
        .select()
        .from(answers)
        .where(
          and(
            eq(answers.hearingId, hearingId),
            eq(answers.formId, FORMS.statement),
            eq(answers.fieldId, FIELDS.statement.text),
          ),
        );
      const text = stored ? (JSON.parse(stored.valueJson) as unknown) : null;
      if (!stored || typeof text !== 'string' || text.trim() === '')
        throw new AppError('STATEMENT_EMPTY', 'There is no statement to approve');
      if (stored.revision !== textRevision) {
        throw new AppError('STALE_REVISION', 'The statement changed since it was read back', [FIELDS.statement.text]);
      }
      const at = now();
      const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
      await tx
        .update(hearings)
        .set({ statementApprovedAt: at, statementApprovedBy: user.id, statementSha256: sha256, updatedAt: at })
        .where(eq(hearings.id, hearingId));
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'statement.approved',
        hearingId,
        details: { revision: textRevision, sha256 },
      });
      return { approvedAt: at, sha256 };
    });
  }

  /** After approval, the only way to add to the statement; allowed after closing too. */
  async function addAddendum(user: UserView, hearingId: string, text: string): Promise<AddendumView> {
    return store.transaction(accessOf(user), async (tx) => {
      const row = await requireOwnHearing(tx, user, hearingId);
      if (row.statementApprovedAt === null)
        throw new AppError('STATEMENT_NOT_APPROVED', 'Addenda follow an approved statement; edit the statement itself');
      const at = now();
      const addendum = { id: randomUUID(), hearingId, text, createdAt: at, createdBy: user.id };
      await tx.insert(addenda).values(addendum);
      await tx.update(hearings).set({ updatedAt: at }).where(eq(hearings.id, hearingId));
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'statement.addendum_added',
        hearingId,
        details: { addendumId: addendum.id },
      });
      return { id: addendum.id, text, createdAt: at, createdByName: user.displayName };
    });
  }

  /** What is still missing, as `formId:path`, plus the approval of the statement. */
  async function missingToClose(tx: StoreDb, row: HearingRow, known?: StoredForms): Promise<string[]> {
    const forms = known ?? (await storedAnswers(tx, row.id));
    const pinned = await tx.select().from(hearingForms).where(eq(hearingForms.hearingId, row.id));
    const missing = pinned.flatMap(({ formId, formVersion }) => {
      const form = registry.get(formId, formVersion);
      return form
        ? missingBeforeClose(form, forms[formId]?.answers ?? {}).map((path) => `${formId}:${path}`)
        : [`${formId}:?`];
    });
    if (row.statementApprovedAt === null) missing.push(`${FORMS.statement}:approval`);
    missing.push(...(await riskAssessmentMissing(tx, store.tables, riskRegistry, row.id, forms)));
    return missing;
  }

  /** Closing makes the hearing read-only (addenda excepted); main refuses while anything is missing. */
  async function close(user: UserView, hearingId: string): Promise<ChannelOutput<'hearings.close'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const row = await requireOwnHearing(tx, user, hearingId);
      if (row.status !== 'open') throw new AppError('HEARING_CLOSED', 'The hearing is already closed');
      const missing = await missingToClose(tx, row);
      if (missing.length > 0)
        throw new AppError('CANNOT_CLOSE', 'Answers are missing before the hearing can be closed', missing);
      const at = now();
      await tx
        .update(hearings)
        .set({ status: 'closed', closedAt: at, closedBy: user.id, updatedAt: at })
        .where(eq(hearings.id, hearingId));
      // Found by later hearings even if her officer never looked at the proposals.
      await ensureHearingPersons(tx, store.tables, row, user.id, at);
      await store.appendAudit(tx, { at, userId: user.id, action: 'hearing.closed', hearingId });
      return { closedAt: at };
    });
  }

  return {
    create,
    listMine,
    load,
    saveAnswers,
    saveAnswersIn,
    approveStatement,
    addAddendum,
    close,
    /** In a unit of work: the hearing's answers, every step. */
    answers: storedAnswers,
    requireOwnHearing,
    requireReadableHearing,
  };
}

export type HearingService = ReturnType<typeof createHearingService>;
