import type { FormDefinitionInput } from '../definition-schema';
import { FIELDS, FORMS } from '../fields.generated';
import { STATEMENT_FIELD_ID, statementV1 } from './statement.v1';

/**
 * Version 2 of step 9: the statement's draft starts from her account in the facts step, copied as
 * the step opens (and saved as the statement's own text), for the officer to complete and read
 * back; a statement already begun is never replaced.
 */
export const statementV2 = {
  ...statementV1,
  version: 2,
  fields: statementV1.fields.map((field) =>
    field.id !== STATEMENT_FIELD_ID
      ? field
      : { ...field, answeredBy: [{ form: FORMS.facts, field: FIELDS.facts.narrative, draft: true as const }] },
  ),
} satisfies FormDefinitionInput;
