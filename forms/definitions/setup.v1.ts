import { VICTIM_LANGUAGES } from '../languages';
import type { FormDefinitionInput } from '../definition-schema';

const yesNo = [
  { value: 'yes', labelKey: 'answer.yes' },
  { value: 'no', labelKey: 'answer.no' },
];

/** Step 1 of the hearing: the conditions of Art. 15 §1 and §2, recorded before any question. */
export const setupV1 = {
  id: 'setup',
  version: 1,
  titleKey: 'form.setup.title',
  fields: [
    {
      id: 'procedureLanguage',
      kind: 'singleChoice',
      labelKey: 'form.setup.procedureLanguage.label',
      helpKey: 'form.setup.procedureLanguage.help',
      requiredToClose: true,
      options: [
        { value: 'fr', labelKey: 'language.fr' },
        { value: 'nl', labelKey: 'language.nl' },
        { value: 'de', labelKey: 'language.de' },
      ],
    },
    {
      id: 'victimLanguage',
      kind: 'singleChoice',
      display: 'select',
      labelKey: 'form.setup.victimLanguage.label',
      helpKey: 'form.setup.victimLanguage.help',
      requiredToClose: true,
      options: [
        ...VICTIM_LANGUAGES.map((code) => ({ value: code, labelKey: `language.${code}` })),
        { value: 'other', labelKey: 'language.other' },
      ],
    },
    {
      id: 'victimLanguageOther',
      kind: 'shortText',
      labelKey: 'form.setup.victimLanguageOther.label',
      visibleWhen: { field: 'victimLanguage', in: ['other'] },
      requiredToClose: true,
      maxLength: 100,
    },
    {
      id: 'interpreterRequested',
      kind: 'singleChoice',
      labelKey: 'form.setup.interpreterRequested.label',
      helpKey: 'form.setup.interpreterRequested.help',
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'interpreterPresent',
      kind: 'singleChoice',
      labelKey: 'form.setup.interpreterPresent.label',
      visibleWhen: { field: 'interpreterRequested', in: ['yes'] },
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'interpreterReference',
      kind: 'shortText',
      labelKey: 'form.setup.interpreterReference.label',
      helpKey: 'form.setup.interpreterReference.help',
      visibleWhen: { field: 'interpreterPresent', in: ['yes'] },
      requiredToClose: true,
      maxLength: 200,
    },
    {
      id: 'supportPersonPresent',
      kind: 'singleChoice',
      labelKey: 'form.setup.supportPersonPresent.label',
      helpKey: 'form.setup.supportPersonPresent.help',
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'supportPerson',
      kind: 'shortText',
      labelKey: 'form.setup.supportPerson.label',
      visibleWhen: { field: 'supportPersonPresent', in: ['yes'] },
      maxLength: 200,
    },
    {
      id: 'roomAdaptedDiscreet',
      kind: 'singleChoice',
      labelKey: 'form.setup.roomAdaptedDiscreet.label',
      helpKey: 'form.setup.roomAdaptedDiscreet.help',
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'officerTrained',
      kind: 'singleChoice',
      labelKey: 'form.setup.officerTrained.label',
      helpKey: 'form.setup.officerTrained.help',
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'preferredOfficerGender',
      kind: 'singleChoice',
      labelKey: 'form.setup.preferredOfficerGender.label',
      helpKey: 'form.setup.preferredOfficerGender.help',
      requiredToClose: true,
      options: [
        { value: 'female', labelKey: 'form.setup.preferredOfficerGender.female' },
        { value: 'male', labelKey: 'form.setup.preferredOfficerGender.male' },
        { value: 'none', labelKey: 'form.setup.preferredOfficerGender.none' },
      ],
    },
    {
      id: 'preferredOfficerGenderMet',
      kind: 'singleChoice',
      labelKey: 'form.setup.preferredOfficerGenderMet.label',
      visibleWhen: { field: 'preferredOfficerGender', in: ['female', 'male'] },
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'safeToTalk',
      kind: 'singleChoice',
      labelKey: 'form.setup.safeToTalk.label',
      helpKey: 'form.setup.safeToTalk.help',
      requiredToClose: true,
      options: yesNo,
    },
    {
      id: 'victimWishes',
      kind: 'longText',
      labelKey: 'form.setup.victimWishes.label',
      helpKey: 'form.setup.victimWishes.help',
      maxLength: 20_000,
    },
  ],
} satisfies FormDefinitionInput;
