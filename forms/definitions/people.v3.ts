import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { peopleV2 } from './people.v2';

/**
 * Version 3 of step 3: the suspect's birth date and address, which the request to the prosecutor
 * needs to name him (src-main/documents/procedure-documents.tsx); asked beside his names, neither
 * required (she may not know them). Version 2 stays as it was for the hearings opened under it.
 */
export const peopleV3 = {
  ...peopleV2,
  version: 3,
  fields: peopleV2.fields.flatMap((field): FieldDefinitionInput[] =>
    field.id !== 'suspectFirstNames'
      ? [field]
      : [
          field,
          { id: 'suspectBirthDate', kind: 'date', labelKey: 'form.people.suspectBirthDate.label' },
          {
            id: 'suspectAddress',
            kind: 'shortText',
            labelKey: 'form.people.suspectAddress.label',
            helpKey: 'form.people.suspectAddress.help',
            maxLength: 300,
          },
        ],
  ),
} satisfies FormDefinitionInput;
