import { eq } from 'drizzle-orm';
import { fittingAnswers, type StoredForms } from '../../forms/answers';
import { withEarlierAnswers } from '../../forms/engine';
import { formRegistry, type FormRegistry } from '../../forms/registry';
import type { StoreDb, StoreTables } from '../db/store';

/**
 * The one way main reads a hearing's answers: every step the hearing has, with the version it was
 * taken under (a step without answers yet is there, empty), each stored value parsed once and
 * kept only if it fits that version's definition. Read one step, typed, with
 * `readAnswers(forms, FORMS.facts)` (forms/answers.ts).
 */
export async function loadHearingAnswers(
  tx: StoreDb,
  { answers, hearingForms }: Pick<StoreTables, 'answers' | 'hearingForms'>,
  hearingId: string,
  registry: FormRegistry = formRegistry,
): Promise<StoredForms> {
  const stored = new Map<string, { version: number; values: Record<string, unknown> }>();
  for (const pinned of await tx.select().from(hearingForms).where(eq(hearingForms.hearingId, hearingId)))
    stored.set(pinned.formId, { version: pinned.formVersion, values: {} });
  for (const row of await tx.select().from(answers).where(eq(answers.hearingId, hearingId))) {
    let form = stored.get(row.formId);
    if (!form) stored.set(row.formId, (form = { version: row.formVersion, values: {} }));
    form.values[row.fieldId] = JSON.parse(row.valueJson) as unknown;
  }
  const own: StoredForms = {};
  for (const [formId, { version, values }] of stored) {
    const definition = registry.get(formId, version);
    // A step no definition describes (a database from a later version is refused at start) reads as empty.
    own[formId] = { version, answers: definition ? fittingAnswers(definition, values) : {} };
  }
  // Ask once: a question an earlier step answers counts with that answer, for closing, the risk
  // evaluation and the documents alike (the renderer shows it the same way, marked and editable).
  const ownAnswersOf = (formId: string) => own[formId]?.answers ?? {};
  const forms: StoredForms = {};
  for (const [formId, form] of Object.entries(own)) {
    const definition = form && registry.get(formId, form.version);
    if (form) forms[formId] = definition ? { ...form, answers: withEarlierAnswers(definition, ownAnswersOf) } : form;
  }
  return forms;
}
