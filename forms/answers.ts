import type { FieldDefinition, FormDefinition } from './definition-schema';
import { answerSchema } from './engine';
import type { AnswersByForm } from './fields.generated';

/**
 * Answers typed from their definitions: the form and field ids as constants (`FORMS.facts`,
 * `FIELDS.facts.formsOfViolence`, `GROUP_FIELDS.people.children.firstName`) and each form's
 * answers as a type whose values follow from the field kinds, generated into
 * forms/fields.generated.ts (forms/field-types.ts). Code outside forms/ reads a hearing's answers
 * with `readAnswers(forms, FORMS.facts)` and never by a string field id.
 */
export * from './fields.generated';

export type FormId = keyof AnswersByForm;
/** The field ids of a form, over all its versions. */
export type FieldId<F extends FormId> = keyof AnswersByForm[F] & string;
/** The answers of one form: every field optional, a field of another version of the form absent. */
export type FormAnswers<F extends FormId> = Readonly<AnswersByForm[F]>;
/** The value one field may hold (null clears it). */
export type AnswerOf<F extends FormId, K extends FieldId<F>> = NonNullable<AnswersByForm[F][K]> | null;

/**
 * A hearing's stored answers, by form id, each with the version the hearing was taken under
 * (src-main/services/answers.ts reads them from the database, checked against that version).
 */
export type StoredForms = Record<string, { version: number; answers: Record<string, unknown> } | undefined>;

/**
 * The one way to read a step's answers: typed by the form's definitions, empty when the hearing
 * has none. Documents still check what they print (a record may be built by hand in a test).
 */
export function readAnswers<F extends FormId>(forms: StoredForms, formId: F): FormAnswers<F> {
  return (forms[formId]?.answers ?? {}) as FormAnswers<F>;
}

/** `facts.place`: how a field is named beside its form (the victim copy's review, audit details). */
export function answerPath<F extends FormId>(formId: F, fieldId: FieldId<F>): `${F}.${FieldId<F>}` {
  return `${formId}.${fieldId}`;
}

const schemas = new WeakMap<FieldDefinition, ReturnType<typeof answerSchema>>();
function schemaOf(field: FieldDefinition) {
  let schema = schemas.get(field);
  if (!schema) schemas.set(field, (schema = answerSchema(field)));
  return schema;
}

/**
 * The stored values that fit the form version they were saved under, by field id. Main saves
 * only answers that fit (src-main/services/hearings.ts), so this drops nothing but a damaged
 * value or a field the version does not have: then the field reads as unanswered.
 */
export function fittingAnswers(form: FormDefinition, stored: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (!(field.id in stored)) continue;
    const value = stored[field.id];
    if (schemaOf(field).safeParse(value).success) answers[field.id] = value;
  }
  return answers;
}
