import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { FIELDS, FORMS } from '../fields.generated';
import { measuresV2 } from './measures.v2';

/** Whether a temporary ban from residence can apply; when not, why (the answer is the reason). */
const RESIDENCE_BAN_APPLIES = 'residenceBanApplies';
const ONLY_WHEN_IT_APPLIES = { field: RESIDENCE_BAN_APPLIES, in: ['yes'] };

/**
 * Version 3 of step 7 (ask once): a temporary ban from residence removes him from a home they
 * share, so it is marked not applicable, with its reason, when they do not live together (the
 * people step's answer, or the officer's) and then asks nothing more; her position on the
 * non-communicable address is the one she gave in the people step. Both stay editable here.
 */
export const measuresV3 = {
  ...measuresV2,
  version: 3,
  fields: measuresV2.fields.flatMap((field): FieldDefinitionInput[] => {
    if (field.id === 'residenceBanPosition')
      return [
        {
          id: RESIDENCE_BAN_APPLIES,
          kind: 'singleChoice',
          labelKey: 'form.measures.residenceBan.applies.label',
          helpKey: 'form.measures.residenceBan.applies.help',
          requiredToClose: true,
          options: [
            { value: 'yes', labelKey: 'form.measures.residenceBan.applies.yes' },
            { value: 'notCohabiting', labelKey: 'form.measures.residenceBan.applies.notCohabiting' },
            { value: 'otherReason', labelKey: 'form.measures.residenceBan.applies.otherReason' },
          ],
          answeredBy: [
            { form: FORMS.people, field: FIELDS.people.suspectCohabiting, when: ['yes'], answer: 'yes' },
            { form: FORMS.people, field: FIELDS.people.suspectCohabiting, when: ['no'], answer: 'notCohabiting' },
          ],
        },
        {
          id: 'residenceBanNotApplicableReason',
          kind: 'shortText',
          labelKey: 'form.measures.residenceBan.notApplicableReason',
          visibleWhen: { field: RESIDENCE_BAN_APPLIES, in: ['otherReason'] },
          requiredToClose: true,
          maxLength: 500,
        },
        { ...field, visibleWhen: ONLY_WHEN_IT_APPLIES },
      ];
    if (field.id === 'residenceBanState' || field.id === 'residenceBanNotes')
      return [{ ...field, visibleWhen: ONLY_WHEN_IT_APPLIES }];
    if (field.id === 'addressProtectionPosition')
      return [
        {
          ...field,
          answeredBy: [
            { form: FORMS.people, field: FIELDS.people.victimAddressNonCommunicable, when: ['yes'], answer: 'wants' },
            { form: FORMS.people, field: FIELDS.people.victimAddressNonCommunicable, when: ['no'], answer: 'refuses' },
          ],
        },
      ];
    return [field];
  }),
} satisfies FormDefinitionInput;
