import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { YES_NO } from './options';

/** The rights of Art. 15 §2, in the order the law gives them. */
export const RIGHTS = [
  'interpreter',
  'supportPerson',
  'protectionAssessment',
  'copy',
  'supportInformation',
  'officerGender',
  'protectionMeasures',
] as const;

export type Right = (typeof RIGHTS)[number];

/** The field ids of one right: whether it was explained, and what she answered (`copyExplained`...). */
export const rightFieldIds = <R extends Right>(right: R) =>
  ({ explained: `${right}Explained`, answer: `${right}Answer` }) as const;

function right(id: Right): FieldDefinitionInput[] {
  const ids = rightFieldIds(id);
  return [
    {
      id: ids.explained,
      kind: 'singleChoice',
      labelKey: `form.rights.${id}.explained`,
      // The text she reads (or hears) is the victim catalog's, in her language and in the procedure's.
      victimTextKey: `rights.${id}`,
      requiredToClose: true,
      options: YES_NO,
    },
    { id: ids.answer, kind: 'shortText', labelKey: `form.rights.${id}.answer`, maxLength: 1_000 },
  ];
}

/** Step 2 (Art. 15 §2): each right explained, in her language beside the procedure language. */
export const rightsV1 = {
  id: 'rights',
  version: 1,
  titleKey: 'form.rights.title',
  fields: [
    {
      id: 'explainedThroughInterpreter',
      kind: 'singleChoice',
      labelKey: 'form.rights.explainedThroughInterpreter.label',
      helpKey: 'form.rights.explainedThroughInterpreter.help',
      requiredToClose: true,
      options: YES_NO,
    },
    ...RIGHTS.flatMap(right),
  ],
} satisfies FormDefinitionInput;
