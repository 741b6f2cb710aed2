import type { PersonRole } from '../domain/person-links';
import { FIELDS } from './answers';

/**
 * The people step's questions that identify each person (issue 16): what a hearing's victim and
 * suspect are recorded and searched by (src-main/services/persons.ts), and what, once changed,
 * asks the proposals again on screen (src-renderer/features/persons/PersonsPanel.tsx). The number
 * and the birthplace came with people@4: a hearing opened before has no answer to them (unknown).
 */
export const PERSON_FIELDS = {
  victim: {
    surname: FIELDS.people.victimSurname,
    firstNames: FIELDS.people.victimFirstNames,
    birthDate: FIELDS.people.victimBirthDate,
    birthPlace: FIELDS.people.victimBirthPlace,
    nationalNumber: FIELDS.people.victimNationalNumber,
  },
  suspect: {
    surname: FIELDS.people.suspectSurname,
    firstNames: FIELDS.people.suspectFirstNames,
    birthDate: FIELDS.people.suspectBirthDate,
    birthPlace: FIELDS.people.suspectBirthPlace,
    nationalNumber: FIELDS.people.suspectNationalNumber,
  },
} as const satisfies Record<
  PersonRole,
  Record<'surname' | 'firstNames' | 'birthDate' | 'birthPlace' | 'nationalNumber', string>
>;
