import { z } from 'zod';

/**
 * The schema every questionnaire definition must satisfy. Definitions are plain data: a broken
 * one fails the tests (test/unit/forms.test.ts), never the officer in the interview room.
 */
const catalogKey = z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'a catalog key, not prose');
const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a camelCase field id');

const option = z.object({ value: z.string().regex(/^[a-z0-9_-]+$/), labelKey: catalogKey }).strict();

const visibleWhen = z.object({ field: fieldId, in: z.array(z.string()).min(1) }).strict();

const common = {
  id: fieldId,
  labelKey: catalogKey,
  helpKey: catalogKey.optional(),
  visibleWhen: visibleWhen.optional(),
  /** Must be answered before the hearing can be closed (when visible). */
  requiredToClose: z.boolean().default(false),
};

export const fieldDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('shortText'), maxLength: z.number().int().positive().max(2000).default(200) }).strict(),
  z.object({ ...common, kind: z.literal('longText'), maxLength: z.number().int().positive().max(200_000).default(20_000) }).strict(),
  z
    .object({
      ...common,
      kind: z.literal('singleChoice'),
      display: z.enum(['radio', 'select']).default('radio'),
      options: z.array(option).min(2),
    })
    .strict(),
]);

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/),
    version: z.number().int().positive(),
    titleKey: catalogKey,
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
          ctx.addIssue({ code: 'custom', path: ['fields', index, 'visibleWhen'], message: `unknown or later field ${field.visibleWhen.field}` });
        } else if (controller.kind === 'singleChoice') {
          const values = new Set(controller.options.map((o) => o.value));
          for (const v of field.visibleWhen.in) {
            if (!values.has(v)) {
              ctx.addIssue({ code: 'custom', path: ['fields', index, 'visibleWhen', 'in'], message: `${controller.id} has no option ${v}` });
            }
          }
        }
      }
      if (field.kind === 'singleChoice') {
        const values = field.options.map((o) => o.value);
        if (new Set(values).size !== values.length) {
          ctx.addIssue({ code: 'custom', path: ['fields', index, 'options'], message: 'duplicate option value' });
        }
      }
      seen.add(field.id);
    }
  });

export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FieldDefinition = z.output<typeof fieldDefinitionSchema>;
