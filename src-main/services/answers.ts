import { eq } from 'drizzle-orm';
import { fittingAnswers, type StoredForms } from '../../forms/answers';
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
  const forms: StoredForms = {};
  for (const [formId, { version, values }] of stored) {
    const definition = registry.get(formId, version);
    // A step no definition describes (a database from a later version is refused at start) reads as empty.
    forms[formId] = { version, answers: definition ? fittingAnswers(definition, values) : {} };
  }
  return forms;
}
