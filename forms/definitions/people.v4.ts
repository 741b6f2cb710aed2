import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { peopleV3 } from './people.v3';

/**
 * Version 4 of step 3 (issue 16, item 1): the victim and the suspect are persons, identified by
 * their national register or BIS number when it is known, and otherwise by their names, birth date
 * and birthplace. Each number and birthplace is asked right after the birth date, none required
 * (she may not know them, and no card may be at hand); a number whose date part contradicts the
 * birth date is pointed out beside it. Her copy prints none of them (it lists the people answers
 * it prints: src-main/documents/victim-copy-model.ts). Version 3 stays as it was for the hearings
 * opened under it.
 */
const identifiers = (person: 'victim' | 'suspect'): FieldDefinitionInput[] => [
  {
    id: `${person}NationalNumber`,
    kind: 'nationalNumber',
    labelKey: `form.people.${person}NationalNumber.label`,
    helpKey: `form.people.${person}NationalNumber.help`,
    birthDateField: `${person}BirthDate`,
  },
  {
    id: `${person}BirthPlace`,
    kind: 'shortText',
    labelKey: `form.people.${person}BirthPlace.label`,
    helpKey: `form.people.${person}BirthPlace.help`,
    maxLength: 120,
  },
];

export const peopleV4 = {
  ...peopleV3,
  version: 4,
  fields: peopleV3.fields.flatMap((field): FieldDefinitionInput[] => {
    if (field.id === 'victimBirthDate') return [field, ...identifiers('victim')];
    if (field.id === 'suspectBirthDate') return [field, ...identifiers('suspect')];
    return [field];
  }),
} satisfies FormDefinitionInput;
