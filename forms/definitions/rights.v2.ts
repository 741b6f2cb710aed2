import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { FIELDS, FORMS } from '../fields.generated';
import { rightsV1 } from './rights.v1';

/**
 * Version 2 of step 2: whether the interpreter explained her rights is answered by the set-up
 * step (ask once): no interpreter asked for, or none present, is "no"; one present, "yes", which
 * the officer changes here when she read the rights in the app's translation instead.
 */
export const rightsV2 = {
  ...rightsV1,
  version: 2,
  fields: rightsV1.fields.map((field): FieldDefinitionInput =>
    field.id !== 'explainedThroughInterpreter'
      ? field
      : {
          ...field,
          answeredBy: [
            { form: FORMS.setup, field: FIELDS.setup.interpreterRequested, when: ['no'], answer: 'no' },
            { form: FORMS.setup, field: FIELDS.setup.interpreterPresent, when: ['no'], answer: 'no' },
            { form: FORMS.setup, field: FIELDS.setup.interpreterPresent, when: ['yes'], answer: 'yes' },
          ],
        },
  ),
} satisfies FormDefinitionInput;
