import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { YES_NO } from '../definitions/options';
import {
  DIGITAL_ANSWERS,
  DIGITAL_PROMPTS,
  headingOf,
  promptDetailsFieldId,
  promptFieldId,
  promptKey,
  type DigitalAnswer,
} from './prompts';

export const DIGITAL_FORM_ID = 'digital';

const ANSWERS = DIGITAL_ANSWERS.map((value) => ({ value, labelKey: `digital.answers.${value}` }));

/**
 * Step 5: every prompt asked, whether or not she mentions it (the Institute's 2026
 * recommendation). Each answer is required before closing; a yes or an unsure opens what she
 * says about it, with the follow-ups and the evidence to ask for beside it. With `inWords`
 * (digital@2), the open questions are answered in her words instead of yes or no.
 */
function promptFields({ inWords }: { inWords: boolean }): FieldDefinitionInput[] {
  let heading = '';
  return DIGITAL_PROMPTS.flatMap((prompt): FieldDefinitionInput[] => {
    const key = `digital.prompts.${promptKey(prompt.id)}`;
    const section = headingOf(prompt.id) !== heading ? { sectionKey: `digital.headings.${headingOf(prompt.id)}` } : {};
    heading = headingOf(prompt.id);
    const id = promptFieldId(prompt.id);
    const guided = prompt.guided
      ? [
          { labelKey: 'digital.followUpsLabel', textKey: `${key}.followUps` },
          { labelKey: 'digital.evidenceLabel', textKey: `${key}.evidence` },
        ]
      : [];
    const sayItPlainly = { labelKey: 'digital.sayItPlainly', textKey: `${key}.plain` };
    if (inWords && prompt.inWords)
      return [
        {
          id,
          kind: 'longText',
          labelKey: `${key}.label`,
          helpKey: `${key}.why`,
          guidance: [sayItPlainly, ...guided],
          requiredToClose: true,
          maxLength: 10_000,
          ...(prompt.draftFrom ? { answeredBy: [{ ...prompt.draftFrom, draft: true as const }] } : {}),
          ...section,
        },
      ];
    return [
      {
        id,
        kind: 'singleChoice',
        labelKey: `${key}.label`,
        helpKey: `${key}.why`,
        guidance: [sayItPlainly],
        requiredToClose: true,
        options: ANSWERS,
        ...section,
      },
      {
        id: promptDetailsFieldId(prompt.id),
        kind: 'longText',
        labelKey: `${key}.details`,
        visibleWhen: { field: id, in: ['yes', 'unsure'] },
        maxLength: 10_000,
        ...(prompt.guided ? { guidance: guided } : {}),
      },
    ];
  });
}

export const digitalV1 = {
  id: DIGITAL_FORM_ID,
  version: 1,
  titleKey: 'digital.title',
  fields: [
    ...promptFields({ inWords: false }),
    // Referrals (section E): with her consent, per recipient.
    {
      id: 'minorInImages',
      kind: 'singleChoice',
      labelKey: 'digital.referrals.minorInvolved',
      helpKey: 'digital.referrals.childFocus',
      sectionKey: 'digital.referrals.title',
      options: YES_NO,
    },
    {
      id: 'consentInstitute',
      kind: 'singleChoice',
      labelKey: 'digital.referrals.consentInstitute',
      helpKey: 'digital.referrals.institute',
      options: YES_NO,
    },
    {
      id: 'stopnciiCase',
      kind: 'shortText',
      labelKey: 'digital.referrals.stopnciiCase',
      helpKey: 'digital.referrals.stopncii',
      maxLength: 100,
    },
  ],
} satisfies FormDefinitionInput;

/**
 * Version 2: the three open questions (G0.1 her devices and contracts, G9.2 how he would notice a
 * change, G9.3 how to reach her safely) are answered in her words; version 1 stays as it was.
 */
export const digitalV2 = {
  ...digitalV1,
  version: 2,
  // Every heading is asked (digital-violence.md, A); what she denies under it is recorded in one action.
  restOfSection: { answer: 'no', labelKey: 'digital.restOfHeadingNo' },
  fields: [...promptFields({ inWords: true }), ...digitalV1.fields.filter((f) => !isPromptField(f.id))],
} satisfies FormDefinitionInput;

function isPromptField(fieldId: string): boolean {
  return DIGITAL_PROMPTS.some((p) => fieldId === promptFieldId(p.id) || fieldId === promptDetailsFieldId(p.id));
}

/** Her answer to one prompt (`G1.3`) in the digital step's saved answers; undefined when not answered. */
export function promptAnswer(
  digital: Readonly<Record<string, unknown>>,
  promptId: string,
): DigitalAnswer | null | undefined {
  return digital[promptFieldId(promptId)] as DigitalAnswer | null | undefined;
}
