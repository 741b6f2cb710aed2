import type { FormDefinitionInput } from '../definition-schema';
import { YES_NO_UNKNOWN, YES_NO_UNKNOWN_REFUSED } from './options';

/**
 * Step 4: her account first, in her words, then the structured questions. The forms of violence
 * are those of Art. 4 §1 10° to 17° of the law; several may apply.
 */
export const factsV1 = {
  id: 'facts',
  version: 1,
  titleKey: 'form.facts.title',
  fields: [
    {
      id: 'narrative',
      kind: 'longText',
      labelKey: 'form.facts.narrative.label',
      helpKey: 'form.facts.narrative.help',
      requiredToClose: true,
      maxLength: 200_000,
    },
    {
      id: 'period',
      kind: 'dateOrPeriod',
      labelKey: 'form.facts.period.label',
      helpKey: 'form.facts.period.help',
      requiredToClose: true,
    },
    { id: 'place', kind: 'shortText', labelKey: 'form.facts.place.label', requiredToClose: true, maxLength: 300 },
    {
      id: 'formsOfViolence',
      kind: 'multiChoice',
      labelKey: 'form.facts.formsOfViolence.label',
      helpKey: 'form.facts.formsOfViolence.help',
      requiredToClose: true,
      options: [
        { value: 'physical', labelKey: 'form.facts.formsOfViolence.physical' },
        { value: 'psychological', labelKey: 'form.facts.formsOfViolence.psychological' },
        { value: 'sexual', labelKey: 'form.facts.formsOfViolence.sexual' },
        { value: 'economic', labelKey: 'form.facts.formsOfViolence.economic' },
        { value: 'honourRelated', labelKey: 'form.facts.formsOfViolence.honourRelated' },
        { value: 'coerciveControl', labelKey: 'form.facts.formsOfViolence.coerciveControl' },
      ],
    },
    {
      id: 'injuries',
      kind: 'singleChoice',
      labelKey: 'form.facts.injuries.label',
      requiredToClose: true,
      options: YES_NO_UNKNOWN_REFUSED,
    },
    {
      id: 'injuriesDescription',
      kind: 'longText',
      labelKey: 'form.facts.injuriesDescription.label',
      visibleWhen: { field: 'injuries', in: ['yes'] },
      requiredToClose: true,
      maxLength: 10_000,
    },
    {
      id: 'medicalCertificate',
      kind: 'singleChoice',
      labelKey: 'form.facts.medicalCertificate.label',
      visibleWhen: { field: 'injuries', in: ['yes'] },
      options: YES_NO_UNKNOWN,
    },
    {
      id: 'weapons',
      kind: 'singleChoice',
      labelKey: 'form.facts.weapons.label',
      requiredToClose: true,
      options: YES_NO_UNKNOWN_REFUSED,
    },
    {
      id: 'weaponsDescription',
      kind: 'longText',
      labelKey: 'form.facts.weaponsDescription.label',
      visibleWhen: { field: 'weapons', in: ['yes'] },
      requiredToClose: true,
      maxLength: 5_000,
    },
    {
      id: 'earlierIncidents',
      kind: 'singleChoice',
      labelKey: 'form.facts.earlierIncidents.label',
      requiredToClose: true,
      options: YES_NO_UNKNOWN_REFUSED,
    },
    {
      id: 'earlierIncidentsDescription',
      kind: 'longText',
      labelKey: 'form.facts.earlierIncidentsDescription.label',
      visibleWhen: { field: 'earlierIncidents', in: ['yes'] },
      maxLength: 20_000,
    },
    {
      id: 'earlierComplaints',
      kind: 'singleChoice',
      labelKey: 'form.facts.earlierComplaints.label',
      requiredToClose: true,
      options: YES_NO_UNKNOWN,
    },
    {
      id: 'earlierComplaintsReferences',
      kind: 'shortText',
      labelKey: 'form.facts.earlierComplaintsReferences.label',
      visibleWhen: { field: 'earlierComplaints', in: ['yes'] },
      maxLength: 500,
    },
    {
      id: 'witnesses',
      kind: 'group',
      labelKey: 'form.facts.witnesses.label',
      itemLabelKey: 'form.facts.witnesses.item',
      maxItems: 30,
      fields: [
        { id: 'name', kind: 'shortText', labelKey: 'form.facts.witnesses.name', requiredToClose: true, maxLength: 200 },
        { id: 'relation', kind: 'shortText', labelKey: 'form.facts.witnesses.relation', maxLength: 200 },
        { id: 'whatTheySaw', kind: 'longText', labelKey: 'form.facts.witnesses.whatTheySaw', maxLength: 5_000 },
      ],
    },
  ],
} satisfies FormDefinitionInput;
