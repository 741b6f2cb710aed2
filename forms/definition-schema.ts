import { z } from 'zod';

/**
 * The schema every questionnaire definition must satisfy. Definitions are plain data: a broken
 * one fails the tests (test/unit/forms.test.ts), never the officer in the interview room.
 */
const catalogKey = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'a catalog key, not prose');
const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a camelCase field id');

const option = z
  .object({
    value: z.string().regex(/^[a-zA-Z0-9_-]+$/),
    labelKey: catalogKey,
    /** In a multiple choice, this answer stands alone ("none", for example). */
    exclusive: z.boolean().optional(),
  })
  .strict();

const visibleWhen = z.object({ field: fieldId, in: z.array(z.string()).min(1) }).strict();

/**
 * Ask once: a question an earlier step already answers. `field` names that step's question, or a
 * question of its repeated items (`children.relationshipToSuspect`: any item); `when` lists the
 * answers that give `answer` here. Without a step, `answer` is the question's default. A `draft`
 * copies an earlier text to start from (the statement from her account): saved as this step's own
 * answer when the step opens, and counted only once saved.
 */
export const earlierStepRule = z
  .object({
    form: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/),
    field: z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)?$/),
    when: z.array(z.string()).min(1),
    answer: z.string(),
  })
  .strict();
const earlierAnswerRule = z.union([
  earlierStepRule,
  z.object({ answer: z.string() }).strict(),
  z.object({ form: earlierStepRule.shape.form, field: fieldId, draft: z.literal(true) }).strict(),
]);
export type EarlierAnswerRule = z.output<typeof earlierAnswerRule>;

const common = {
  id: fieldId,
  labelKey: catalogKey,
  helpKey: catalogKey.optional(),
  /** Text shown to the victim beside the question, from the victim catalogs (forms/catalogs/victim). */
  victimTextKey: catalogKey.optional(),
  visibleWhen: visibleWhen.optional(),
  /** Texts for the officer beside the question, each under its own label (say it plainly, evidence to ask for...). */
  guidance: z.array(z.object({ labelKey: catalogKey, textKey: catalogKey }).strict()).optional(),
  /** Starts a new section of the step under this heading (the risk tool's domains, for example). */
  sectionKey: catalogKey.optional(),
  /** Keep every value it has had, with who and when (a measure's state, for example). */
  keepHistory: z.boolean().default(false),
  /** Must be answered before the hearing can be closed (when visible). */
  requiredToClose: z.boolean().default(false),
  /**
   * While unanswered here, the first rule that matches answers it (forms/engine.ts,
   * earlierAnswers): shown marked with its step, editable, and an answer given here wins.
   */
  answeredBy: z.array(earlierAnswerRule).min(1).optional(),
};

const textFields = [
  z
    .object({ ...common, kind: z.literal('shortText'), maxLength: z.number().int().positive().max(2000).default(200) })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('longText'),
      maxLength: z.number().int().positive().max(200_000).default(20_000),
    })
    .strict(),
] as const;

const choiceFields = [
  z
    .object({
      ...common,
      kind: z.literal('singleChoice'),
      display: z.enum(['radio', 'select']).default('radio'),
      options: z.array(option).min(2),
    })
    .strict(),
  /** Several answers allowed (forms of violence, for example). */
  z.object({ ...common, kind: z.literal('multiChoice'), options: z.array(option).min(2) }).strict(),
] as const;

const timeFields = [
  /** A calendar date, `YYYY-MM-DD`. */
  z.object({ ...common, kind: z.literal('date') }).strict(),
  /** A local date and time, `YYYY-MM-DDTHH:mm`. */
  z.object({ ...common, kind: z.literal('dateTime') }).strict(),
  /** "on ...", "between ... and ...", or "about ..." in words: victims rarely know the exact day. */
  z.object({ ...common, kind: z.literal('dateOrPeriod') }).strict(),
] as const;

/** Services chosen from the support directory the administrator keeps (ids of its entries). */
const directoryFields = [z.object({ ...common, kind: z.literal('serviceChoice') }).strict()] as const;

const identityFields = [
  /**
   * A Belgian national register or BIS number (domain/national-number.ts), typed with any
   * separators, stored as its eleven digits. `birthDateField` names the same person's birth date
   * in this form: a date that contradicts the number's date part is pointed out, never refused,
   * since either may be the one mistyped and the officer has the identity document in front of her.
   */
  z.object({ ...common, kind: z.literal('nationalNumber'), birthDateField: fieldId.optional() }).strict(),
] as const;

const simpleFieldSchema = z.discriminatedUnion('kind', [
  ...textFields,
  ...choiceFields,
  ...timeFields,
  ...directoryFields,
  ...identityFields,
]);

/** Persons, children, incidents, evidence: the same questions asked once per item. */
const groupFieldSchema = z
  .object({
    ...common,
    kind: z.literal('group'),
    itemLabelKey: catalogKey,
    minItems: z.number().int().nonnegative().default(0),
    maxItems: z.number().int().positive().max(200).default(50),
    fields: z.array(simpleFieldSchema).min(1),
  })
  .strict();

export const fieldDefinitionSchema = z.discriminatedUnion('kind', [
  ...textFields,
  ...choiceFields,
  ...timeFields,
  ...directoryFields,
  ...identityFields,
  groupFieldSchema,
]);

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/),
    version: z.number().int().positive(),
    titleKey: catalogKey,
    /** Still answered after the hearing is closed: reassessments follow the hearing for weeks. */
    editableAfterClose: z.boolean().default(false),
    /**
     * A button closing each section: once the officer has asked every question under the heading,
     * the ones still unanswered take `answer` in one action (the digital prompts: she said no to
     * the rest). Only single choices that offer it, visible and unanswered, are answered.
     */
    restOfSection: z.object({ answer: z.string(), labelKey: catalogKey }).strict().optional(),
    fields: z.array(fieldDefinitionSchema).min(1),
  })
  .strict()
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    for (const [index, field] of form.fields.entries()) {
      if (seen.has(field.id)) {
        ctx.addIssue({ code: 'custom', path: ['fields', index, 'id'], message: `duplicate field id ${field.id}` });
      }
      if (field.visibleWhen) {
        const controller = form.fields.find((f) => f.id === field.visibleWhen?.field);
        // A follow-up must come after the question it depends on, so the form reads in order.
        if (!controller || !seen.has(controller.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['fields', index, 'visibleWhen'],
            message: `unknown or later field ${field.visibleWhen.field}`,
          });
        } else if (controller.kind === 'singleChoice' || controller.kind === 'multiChoice') {
          const values = new Set(controller.options.map((o) => o.value));
          for (const v of field.visibleWhen.in) {
            if (!values.has(v)) {
              ctx.addIssue({
                code: 'custom',
                path: ['fields', index, 'visibleWhen', 'in'],
                message: `${controller.id} has no option ${v}`,
              });
            }
          }
        }
      }
      if (field.kind === 'singleChoice' || field.kind === 'multiChoice') {
        const values = field.options.map((o) => o.value);
        if (new Set(values).size !== values.length) {
          ctx.addIssue({ code: 'custom', path: ['fields', index, 'options'], message: 'duplicate option value' });
        }
      }
      if (field.answeredBy) {
        // A single choice takes a value it offers; a text, a draft; never from its own step.
        const offered = field.kind === 'singleChoice' ? new Set(field.options.map((o) => o.value)) : null;
        const text = field.kind === 'longText' || field.kind === 'shortText';
        for (const rule of field.answeredBy)
          if (('draft' in rule ? !text : !offered?.has(rule.answer)) || ('form' in rule && rule.form === form.id))
            ctx.addIssue({
              code: 'custom',
              path: ['fields', index, 'answeredBy'],
              message: `${field.id} cannot take ${'answer' in rule ? rule.answer : 'a draft'} from ${'form' in rule ? rule.form : 'a default'}`,
            });
      }
      if (field.kind === 'nationalNumber' && field.birthDateField !== undefined) {
        const birthDate = form.fields.find((f) => f.id === field.birthDateField);
        if (birthDate?.kind !== 'date')
          ctx.addIssue({
            code: 'custom',
            path: ['fields', index, 'birthDateField'],
            message: `${field.id}: ${field.birthDateField} is not a date of this form`,
          });
      }
      if (field.kind === 'group') {
        const ids = field.fields.map((f) => f.id);
        if (new Set(ids).size !== ids.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['fields', index, 'fields'],
            message: 'duplicate field id inside the group',
          });
        }
        if (field.fields.some((f) => f.answeredBy))
          ctx.addIssue({ code: 'custom', path: ['fields', index, 'fields'], message: 'asked once: top-level only' });
        // The birth date it is compared with is looked up among the form's questions, not an item's.
        if (field.fields.some((f) => f.kind === 'nationalNumber' && f.birthDateField !== undefined))
          ctx.addIssue({
            code: 'custom',
            path: ['fields', index, 'fields'],
            message: 'a national number compared with a birth date: top-level only',
          });
        if (field.minItems > field.maxItems) {
          ctx.addIssue({ code: 'custom', path: ['fields', index, 'minItems'], message: 'minItems above maxItems' });
        }
      }
      seen.add(field.id);
    }
  });

export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
export type FieldDefinitionInput = z.input<typeof fieldDefinitionSchema>;
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FieldDefinition = z.output<typeof fieldDefinitionSchema>;
export type SimpleFieldDefinition = z.output<typeof simpleFieldSchema>;
export type GroupFieldDefinition = z.output<typeof groupFieldSchema>;
