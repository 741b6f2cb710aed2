import type { FormDefinitionInput } from '../definition-schema';

/** The form and field that hold the statement: approval seals them (src-main/services/hearings.ts). */
export const STATEMENT_FORM_ID = 'statement';
export const STATEMENT_FIELD_ID = 'text';

/** Step 9: the statement in the procedure language, read back, approved, then only addenda. */
export const statementV1 = {
  id: STATEMENT_FORM_ID,
  version: 1,
  titleKey: 'form.statement.title',
  fields: [
    {
      id: STATEMENT_FIELD_ID,
      kind: 'longText',
      labelKey: 'form.statement.text.label',
      helpKey: 'form.statement.text.help',
      requiredToClose: true,
      maxLength: 200_000,
    },
  ],
} satisfies FormDefinitionInput;
