import { z } from 'zod';
import { parseNationalNumber, type NationalNumberRefusal } from '../domain/national-number';
import type { FieldDefinition, FormDefinition, SimpleFieldDefinition } from './definition-schema';
import type { OfficerKey } from './translation';

/** A period as victims tell it: a day, a span, or words ("the summer after the wedding"). */
export type DateOrPeriod = { on: string } | { from: string; to: string } | { about: string };
/** One item of a repeated group; `key` stays the same when other items are removed. */
export type GroupItem = { key: string; values: Record<string, SimpleAnswer> };
export type SimpleAnswer = string | string[] | DateOrPeriod | null;
/** What an answer may hold. Null clears a field. */
export type AnswerValue = SimpleAnswer | GroupItem[];
export type Answers = Record<string, AnswerValue>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** A real calendar day (no 31 April, no 29 February 2025), in a plausible range. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const calendarDate = z.string().refine(isCalendarDate, { error: 'answer.impossibleDate' });

/** Why a number is refused, as the officer reads it: each refusal tells her what to check on the card. */
const NATIONAL_NUMBER_REFUSALS = {
  format: 'answer.nationalNumber.format',
  checkDigits: 'answer.nationalNumber.checkDigits',
  date: 'answer.nationalNumber.date',
} as const satisfies Record<NationalNumberRefusal, OfficerKey>;

/**
 * A national register or BIS number as stored: its eleven digits, accepted by the register's
 * rule. The renderer turns what is typed (with dots, dashes, spaces) into the digits; text that is
 * not a number it can accept stays as typed, so this schema refuses it with the reason.
 */
const nationalNumber = z.string().superRefine((value, ctx) => {
  const parsed = parseNationalNumber(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: NATIONAL_NUMBER_REFUSALS[parsed.reason] });
  else if (parsed.digits !== value) ctx.addIssue({ code: 'custom', message: NATIONAL_NUMBER_REFUSALS.format });
});

function simpleAnswerSchema(field: SimpleFieldDefinition): z.ZodType<SimpleAnswer> {
  switch (field.kind) {
    case 'shortText':
    case 'longText':
      return z.string().max(field.maxLength, { error: 'answer.tooLong' }).nullable();
    case 'singleChoice': {
      const values = field.options.map((o) => o.value) as [string, ...string[]];
      return z.enum(values, { error: 'answer.notAnOption' }).nullable();
    }
    case 'multiChoice': {
      const values = field.options.map((o) => o.value) as [string, ...string[]];
      const exclusive = new Set(field.options.filter((o) => o.exclusive).map((o) => o.value));
      return z
        .array(z.enum(values, { error: 'answer.notAnOption' }))
        .refine((list) => new Set(list).size === list.length, { error: 'answer.notAnOption' })
        .refine((list) => list.length < 2 || !list.some((v) => exclusive.has(v)), { error: 'answer.exclusiveOption' })
        .nullable();
    }
    case 'serviceChoice':
      // Which entries exist is main's to check (src-main/services/hearings.ts).
      return z
        .array(z.uuid({ error: 'answer.notAnOption' }))
        .max(50)
        .refine((list) => new Set(list).size === list.length, { error: 'answer.notAnOption' })
        .nullable();
    case 'date':
      return calendarDate.nullable();
    case 'dateTime':
      return z
        .string()
        .refine(
          (v) => {
            const match = DATE_TIME.exec(v);
            return match !== null && isCalendarDate(match[1]!);
          },
          { error: 'answer.impossibleDate' },
        )
        .nullable();
    case 'nationalNumber':
      return nationalNumber.nullable();
    case 'dateOrPeriod':
      return z
        .union([
          z.object({ on: calendarDate }).strict(),
          // One end may still be empty while she thinks: saved as typed, but not yet an answer.
          z
            .object({ from: calendarDate.or(z.literal('')), to: calendarDate.or(z.literal('')) })
            .strict()
            .refine((p) => p.from !== '' || p.to !== '', { error: 'answer.invalid' })
            .refine((p) => p.from === '' || p.to === '' || p.from <= p.to, { error: 'answer.periodReversed' }),
          z.object({ about: z.string().trim().min(1).max(500, { error: 'answer.tooLong' }) }).strict(),
        ])
        .nullable() as z.ZodType<SimpleAnswer>;
  }
}

/** The schema of one field's answer: the same in the renderer (react-hook-form) and in main. */
export function answerSchema(field: FieldDefinition): z.ZodType<AnswerValue> {
  if (field.kind !== 'group') return simpleAnswerSchema(field);
  const values = z
    .object(Object.fromEntries(field.fields.map((f) => [f.id, simpleAnswerSchema(f).optional()])))
    .strict();
  return z
    .array(z.object({ key: z.string().regex(/^[a-zA-Z0-9-]{1,64}$/), values }).strict())
    .max(field.maxItems, { error: 'answer.tooManyItems' })
    .refine((items) => new Set(items.map((i) => i.key)).size === items.length, { error: 'answer.invalid' })
    .nullable() as z.ZodType<AnswerValue>;
}

/** Every field optional: a hearing is filled in over time and saved field by field. */
export function formAnswersSchema(form: FormDefinition): z.ZodType<Partial<Answers>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of form.fields) shape[field.id] = answerSchema(field).optional();
  return z.object(shape).strict() as unknown as z.ZodType<Partial<Answers>>;
}

export function isFieldVisible(
  field: { visibleWhen?: { field: string; in: string[] } | undefined },
  answers: Partial<Record<string, unknown>>,
): boolean {
  if (!field.visibleWhen) return true;
  const controlling = answers[field.visibleWhen.field];
  const chosen = Array.isArray(controlling) ? controlling : [controlling];
  return chosen.some((value) => typeof value === 'string' && field.visibleWhen!.in.includes(value));
}

/**
 * A question answered by an earlier step (or its default), with that step: null for the default;
 * `draft` for a text copied to start from, which counts only once saved as the step's own.
 */
export type EarlierAnswers = Record<string, { value: string; fromForm: string | null; draft?: true }>;

/** Whether a step's answer to `path` (a question, or `group.question` in any item) is one of `values`. */
function answerIsOneOf(answers: Readonly<Record<string, unknown>>, path: string, values: readonly string[]): boolean {
  const [fieldId, subId] = path.split('.') as [string, string | undefined];
  const value = answers[fieldId];
  const found =
    subId === undefined
      ? Array.isArray(value)
        ? value
        : [value]
      : Array.isArray(value)
        ? (value as Partial<GroupItem>[]).map((item) => item.values?.[subId])
        : [];
  return found.some((v) => typeof v === 'string' && values.includes(v));
}

/**
 * Ask once: the questions of `form` left unanswered that an earlier step answers (the field's
 * `answeredBy`, first matching rule), read from the other steps' own answers. An answer given in
 * the step itself always wins, so the officer corrects a pre-filled answer where she sees it.
 */
export function earlierAnswers(
  form: FormDefinition,
  answersOf: (formId: string) => Readonly<Partial<Record<string, unknown>>>,
): EarlierAnswers {
  const own = answersOf(form.id);
  const earlier: EarlierAnswers = {};
  for (const field of form.fields) {
    if (!field.answeredBy || isAnswered(own[field.id])) continue;
    for (const rule of field.answeredBy) {
      if ('draft' in rule) {
        const text = answersOf(rule.form)[rule.field];
        if (typeof text !== 'string' || text.trim() === '') continue;
        earlier[field.id] = { value: text, fromForm: rule.form, draft: true };
      } else if (!('form' in rule)) earlier[field.id] = { value: rule.answer, fromForm: null };
      else if (answerIsOneOf(answersOf(rule.form), rule.field, rule.when))
        earlier[field.id] = { value: rule.answer, fromForm: rule.form };
      else continue;
      break;
    }
  }
  return earlier;
}

/** A step's answers as they count (closing, the risk evaluation, documents): its own, then the earlier steps'. */
export function withEarlierAnswers(
  form: FormDefinition,
  answersOf: (formId: string) => Readonly<Partial<Record<string, unknown>>>,
): Partial<Answers> {
  const earlier = earlierAnswers(form, answersOf);
  const answers = { ...answersOf(form.id) } as Partial<Answers>;
  // A draft is the officer's to read and change: it counts once saved as the step's own.
  for (const [fieldId, { value, draft }] of Object.entries(earlier)) if (!draft) answers[fieldId] = value;
  return answers;
}

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && 'from' in value) {
    const period = value as { from: string; to: string };
    return period.from !== '' && period.to !== '';
  }
  return true;
}

/**
 * What is still to answer before closing, as paths (`field` or `group[itemKey].field`); hidden
 * follow-ups are not asked, and a group needs its minimum number of items.
 */
export function missingBeforeClose(
  form: FormDefinition,
  answers: Readonly<Partial<Record<string, unknown>>>,
): string[] {
  const missing: string[] = [];
  for (const field of form.fields) {
    if (!isFieldVisible(field, answers)) continue;
    const value = answers[field.id];
    if (field.kind !== 'group') {
      if (field.requiredToClose && !isAnswered(value)) missing.push(field.id);
      continue;
    }
    const items = Array.isArray(value) ? (value as GroupItem[]) : [];
    if ((field.requiredToClose && items.length === 0) || items.length < field.minItems) missing.push(field.id);
    for (const item of items) {
      for (const sub of field.fields) {
        if (sub.requiredToClose && isFieldVisible(sub, item.values) && !isAnswered(item.values[sub.id]))
          missing.push(`${field.id}[${item.key}].${sub.id}`);
      }
    }
  }
  return missing;
}

/**
 * The number's date part against the birth date the form holds for the same person
 * (`birthDateField`): a warning for the officer, not a refusal, since either may be the slip.
 * A number saying the month or the day was not known is compared on what it says (the year).
 */
export function birthDateContradiction(
  field: FieldDefinition,
  answers: Readonly<Partial<Record<string, unknown>>>,
): OfficerKey | null {
  if (field.kind !== 'nationalNumber' || field.birthDateField === undefined) return null;
  const number = answers[field.id];
  const birthDate = answers[field.birthDateField];
  if (typeof number !== 'string' || typeof birthDate !== 'string' || !isCalendarDate(birthDate)) return null;
  const parsed = parseNationalNumber(number);
  if (!parsed.ok || parsed.digits !== number) return null;
  const agrees =
    parsed.birthDate !== null
      ? parsed.birthDate === birthDate
      : parsed.birthYear === null || parsed.birthYear === Number(birthDate.slice(0, 4));
  return agrees ? null : 'answer.nationalNumber.birthDateDiffers';
}

export function findField(form: FormDefinition, fieldId: string): FieldDefinition | undefined {
  return form.fields.find((f) => f.id === fieldId);
}
