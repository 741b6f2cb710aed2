import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { peopleV1 } from './people.v1';

/**
 * Version 2 of step 3: her address and where she is staying now. Both are printed on no document
 * she takes with her (src-main/documents/victim-copy-model.ts withholds them, even from the
 * statement's text); version 1 stays as it was for the hearings opened under it.
 */
export const peopleV2 = {
  ...peopleV1,
  version: 2,
  fields: peopleV1.fields.flatMap((field): FieldDefinitionInput[] =>
    field.id !== 'victimAddressNonCommunicable'
      ? [field]
      : [
          {
            id: 'victimAddress',
            kind: 'shortText',
            labelKey: 'form.people.victimAddress.label',
            helpKey: 'form.people.victimAddress.help',
            maxLength: 300,
          },
          field,
          {
            id: 'victimStayingAt',
            kind: 'shortText',
            labelKey: 'form.people.victimStayingAt.label',
            helpKey: 'form.people.victimStayingAt.help',
            maxLength: 300,
          },
        ],
  ),
} satisfies FormDefinitionInput;
