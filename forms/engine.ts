import { z } from 'zod';
import type { FieldDefinition, FormDefinition } from './definition-schema';

/** What an answer may hold. Null clears a field. */
export type AnswerValue = string | null;
export type Answers = Record<string, AnswerValue>;

/** The schema of one field's answer: the same in the renderer (react-hook-form) and in main. */
export function answerSchema(field: FieldDefinition): z.ZodType<AnswerValue> {
  switch (field.kind) {
    case 'shortText':
      return z.string().max(field.maxLength, { error: 'answer.tooLong' }).nullable();
    case 'longText':
      return z.string().max(field.maxLength, { error: 'answer.tooLong' }).nullable();
    case 'singleChoice': {
      const values = field.options.map((o) => o.value) as [string, ...string[]];
      return z.enum(values, { error: 'answer.notAnOption' }).nullable();
    }
  }
}

/** Every field optional: a hearing is filled in over time and saved field by field. */
export function formAnswersSchema(form: FormDefinition): z.ZodType<Partial<Answers>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of form.fields) shape[field.id] = answerSchema(field).optional();
  return z.object(shape).strict() as unknown as z.ZodType<Partial<Answers>>;
}

export function isFieldVisible(field: FieldDefinition, answers: Partial<Answers>): boolean {
  if (!field.visibleWhen) return true;
  const controlling = answers[field.visibleWhen.field];
  return typeof controlling === 'string' && field.visibleWhen.in.includes(controlling);
}

/** Fields still to answer before closing; hidden follow-ups are not asked. */
export function missingBeforeClose(form: FormDefinition, answers: Partial<Answers>): string[] {
  return form.fields
    .filter((f) => f.requiredToClose && isFieldVisible(f, answers))
    .filter((f) => {
      const value = answers[f.id];
      return value === undefined || value === null || value.trim() === '';
    })
    .map((f) => f.id);
}

export function findField(form: FormDefinition, fieldId: string): FieldDefinition | undefined {
  return form.fields.find((f) => f.id === fieldId);
}
