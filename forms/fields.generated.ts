// Generated from the form definitions by forms/field-types.ts: do not edit. After a change to a
// definition: FORMS_WRITE=1 npx vitest run --project unit test/unit/released-definitions.test.ts
import type { DateOrPeriod } from './engine';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A local date and time, `YYYY-MM-DDTHH:mm`. */
export type IsoDateTime = string;
/** A national register or BIS number, its eleven digits without separators. */
export type NationalNumberDigits = string;
/** One item of a repeated group; `key` stays the same when other items are removed. */
export type GroupItemOf<V> = { key: string; values: V };

/** Every form id, in the order the definitions are registered. */
export const FORMS = {
  setup: 'setup',
  rights: 'rights',
  people: 'people',
  facts: 'facts',
  digital: 'digital',
  risk: 'risk',
  measures: 'measures',
  referrals: 'referrals',
  statement: 'statement',
  documents: 'documents',
} as const;

/** Every field id of every version of each form. */
export const FIELDS = {
  setup: {
    procedureLanguage: 'procedureLanguage',
    victimLanguage: 'victimLanguage',
    victimLanguageOther: 'victimLanguageOther',
    interpreterRequested: 'interpreterRequested',
    interpreterPresent: 'interpreterPresent',
    interpreterReference: 'interpreterReference',
    supportPersonPresent: 'supportPersonPresent',
    supportPerson: 'supportPerson',
    roomAdaptedDiscreet: 'roomAdaptedDiscreet',
    officerTrained: 'officerTrained',
    preferredOfficerGender: 'preferredOfficerGender',
    preferredOfficerGenderMet: 'preferredOfficerGenderMet',
    safeToTalk: 'safeToTalk',
    victimWishes: 'victimWishes',
  },
  rights: {
    explainedThroughInterpreter: 'explainedThroughInterpreter',
    interpreterExplained: 'interpreterExplained',
    interpreterAnswer: 'interpreterAnswer',
    supportPersonExplained: 'supportPersonExplained',
    supportPersonAnswer: 'supportPersonAnswer',
    protectionAssessmentExplained: 'protectionAssessmentExplained',
    protectionAssessmentAnswer: 'protectionAssessmentAnswer',
    copyExplained: 'copyExplained',
    copyAnswer: 'copyAnswer',
    supportInformationExplained: 'supportInformationExplained',
    supportInformationAnswer: 'supportInformationAnswer',
    officerGenderExplained: 'officerGenderExplained',
    officerGenderAnswer: 'officerGenderAnswer',
    protectionMeasuresExplained: 'protectionMeasuresExplained',
    protectionMeasuresAnswer: 'protectionMeasuresAnswer',
  },
  people: {
    victimSurname: 'victimSurname',
    victimFirstNames: 'victimFirstNames',
    victimBirthDate: 'victimBirthDate',
    victimAddressNonCommunicable: 'victimAddressNonCommunicable',
    victimSafeChannel: 'victimSafeChannel',
    victimSafeChannelDetail: 'victimSafeChannelDetail',
    suspectSurname: 'suspectSurname',
    suspectFirstNames: 'suspectFirstNames',
    suspectRelationship: 'suspectRelationship',
    suspectRelationshipDetail: 'suspectRelationshipDetail',
    suspectCohabiting: 'suspectCohabiting',
    children: 'children',
    otherPersons: 'otherPersons',
    victimAddress: 'victimAddress',
    victimStayingAt: 'victimStayingAt',
    suspectBirthDate: 'suspectBirthDate',
    suspectAddress: 'suspectAddress',
    victimNationalNumber: 'victimNationalNumber',
    victimBirthPlace: 'victimBirthPlace',
    suspectNationalNumber: 'suspectNationalNumber',
    suspectBirthPlace: 'suspectBirthPlace',
  },
  facts: {
    narrative: 'narrative',
    period: 'period',
    place: 'place',
    formsOfViolence: 'formsOfViolence',
    injuries: 'injuries',
    injuriesDescription: 'injuriesDescription',
    medicalCertificate: 'medicalCertificate',
    weapons: 'weapons',
    weaponsDescription: 'weaponsDescription',
    earlierIncidents: 'earlierIncidents',
    earlierIncidentsDescription: 'earlierIncidentsDescription',
    earlierComplaints: 'earlierComplaints',
    earlierComplaintsReferences: 'earlierComplaintsReferences',
    witnesses: 'witnesses',
  },
  digital: {
    g01: 'g01',
    g01Details: 'g01Details',
    g02: 'g02',
    g02Details: 'g02Details',
    g03: 'g03',
    g03Details: 'g03Details',
    g11: 'g11',
    g11Details: 'g11Details',
    g12: 'g12',
    g12Details: 'g12Details',
    g13: 'g13',
    g13Details: 'g13Details',
    g14: 'g14',
    g14Details: 'g14Details',
    g15: 'g15',
    g15Details: 'g15Details',
    g21: 'g21',
    g21Details: 'g21Details',
    g22: 'g22',
    g22Details: 'g22Details',
    g23: 'g23',
    g23Details: 'g23Details',
    g24: 'g24',
    g24Details: 'g24Details',
    g31: 'g31',
    g31Details: 'g31Details',
    g32: 'g32',
    g32Details: 'g32Details',
    g33: 'g33',
    g33Details: 'g33Details',
    g34: 'g34',
    g34Details: 'g34Details',
    g41: 'g41',
    g41Details: 'g41Details',
    g42: 'g42',
    g42Details: 'g42Details',
    g43: 'g43',
    g43Details: 'g43Details',
    g51: 'g51',
    g51Details: 'g51Details',
    g52: 'g52',
    g52Details: 'g52Details',
    g53: 'g53',
    g53Details: 'g53Details',
    g54: 'g54',
    g54Details: 'g54Details',
    g55: 'g55',
    g55Details: 'g55Details',
    g61: 'g61',
    g61Details: 'g61Details',
    g62: 'g62',
    g62Details: 'g62Details',
    g63: 'g63',
    g63Details: 'g63Details',
    g64: 'g64',
    g64Details: 'g64Details',
    g65: 'g65',
    g65Details: 'g65Details',
    g71: 'g71',
    g71Details: 'g71Details',
    g72: 'g72',
    g72Details: 'g72Details',
    g73: 'g73',
    g73Details: 'g73Details',
    g81: 'g81',
    g81Details: 'g81Details',
    g91: 'g91',
    g91Details: 'g91Details',
    g92: 'g92',
    g92Details: 'g92Details',
    g93: 'g93',
    g93Details: 'g93Details',
    minorInImages: 'minorInImages',
    consentInstitute: 'consentInstitute',
    stopnciiCase: 'stopnciiCase',
  },
  risk: {
    a1: 'a1',
    a1Source: 'a1Source',
    a2: 'a2',
    a2Source: 'a2Source',
    a3: 'a3',
    a3Source: 'a3Source',
    a4: 'a4',
    a4Source: 'a4Source',
    a5: 'a5',
    a5Source: 'a5Source',
    a6: 'a6',
    a6Source: 'a6Source',
    a7: 'a7',
    a7Source: 'a7Source',
    a8: 'a8',
    a8Source: 'a8Source',
    a9: 'a9',
    a9FollowUp: 'a9FollowUp',
    a9Source: 'a9Source',
    b1: 'b1',
    b1Source: 'b1Source',
    b2: 'b2',
    b2Source: 'b2Source',
    b3: 'b3',
    b3Source: 'b3Source',
    b4: 'b4',
    b4Source: 'b4Source',
    b5: 'b5',
    b5Source: 'b5Source',
    b6: 'b6',
    b6Source: 'b6Source',
    b7: 'b7',
    b7Source: 'b7Source',
    b8: 'b8',
    b8Source: 'b8Source',
    c1: 'c1',
    c1Source: 'c1Source',
    c2: 'c2',
    c2Source: 'c2Source',
    c3: 'c3',
    c3Source: 'c3Source',
    c4: 'c4',
    c4Source: 'c4Source',
    c5: 'c5',
    c5Source: 'c5Source',
    d1: 'd1',
    d1Source: 'd1Source',
    d2: 'd2',
    d2Source: 'd2Source',
    d3: 'd3',
    d3Source: 'd3Source',
    d4: 'd4',
    d4Source: 'd4Source',
    d5: 'd5',
    d5Source: 'd5Source',
    d6: 'd6',
    d6Source: 'd6Source',
    e1: 'e1',
    e1Source: 'e1Source',
    e2: 'e2',
    e2Source: 'e2Source',
    e3: 'e3',
    e3Source: 'e3Source',
    otherWorries: 'otherWorries',
    barriers: 'barriers',
    deviceCheck: 'deviceCheck',
    magistrateInformedAt: 'magistrateInformedAt',
    magistrateInformedTo: 'magistrateInformedTo',
  },
  measures: {
    residenceBanPosition: 'residenceBanPosition',
    residenceBanState: 'residenceBanState',
    residenceBanNotes: 'residenceBanNotes',
    contactBanPosition: 'contactBanPosition',
    contactBanState: 'contactBanState',
    contactBanNotes: 'contactBanNotes',
    addressProtectionPosition: 'addressProtectionPosition',
    addressProtectionState: 'addressProtectionState',
    addressProtectionNotes: 'addressProtectionNotes',
    alarmPosition: 'alarmPosition',
    alarmState: 'alarmState',
    alarmNotes: 'alarmNotes',
    childrenMeasures: 'childrenMeasures',
    residenceBanDecidedBy: 'residenceBanDecidedBy',
    residenceBanStart: 'residenceBanStart',
    residenceBanEnd: 'residenceBanEnd',
    residenceBanNotified: 'residenceBanNotified',
    residenceBanApplies: 'residenceBanApplies',
    residenceBanNotApplicableReason: 'residenceBanNotApplicableReason',
  },
  referrals: {
    servicesOffered: 'servicesOffered',
    consentVictimSupport: 'consentVictimSupport',
    consentSpecialisedService: 'consentSpecialisedService',
    consentMedical: 'consentMedical',
    consentChildProtection: 'consentChildProtection',
    consentHousing: 'consentHousing',
    servicesGiven: 'servicesGiven',
    referralNotes: 'referralNotes',
  },
  statement: {
    text: 'text',
  },
  documents: {
    pvNumber: 'pvNumber',
    translationRequested: 'translationRequested',
    translationSentOn: 'translationSentOn',
    interpreterTranslation: 'interpreterTranslation',
    interpreterTranslationBy: 'interpreterTranslationBy',
    interpreterTranslationAt: 'interpreterTranslationAt',
    immigrationArt747: 'immigrationArt747',
  },
} as const;

/** The field ids inside each repeated group. */
export const GROUP_FIELDS = {
  people: {
    children: {
      firstName: 'firstName',
      birthDate: 'birthDate',
      relationshipToSuspect: 'relationshipToSuspect',
      exposed: 'exposed',
      present: 'present',
      needs: 'needs',
    },
    otherPersons: {
      name: 'name',
      role: 'role',
    },
  },
  facts: {
    witnesses: {
      name: 'name',
      relation: 'relation',
      whatTheySaw: 'whatTheySaw',
    },
  },
} as const;

/** The values each choice may take, over every version of its form, in the order they are offered. */
export const OPTIONS = {
  setup: {
    procedureLanguage: ['fr', 'nl', 'de'],
    victimLanguage: [
      'fr',
      'nl',
      'de',
      'en',
      'ar',
      'tr',
      'es',
      'pt',
      'it',
      'pl',
      'ro',
      'bg',
      'ru',
      'uk',
      'fa',
      'ps',
      'ti',
      'so',
      'sq',
      'other',
    ],
    interpreterRequested: ['yes', 'no'],
    interpreterPresent: ['yes', 'no'],
    supportPersonPresent: ['yes', 'no'],
    roomAdaptedDiscreet: ['yes', 'no'],
    officerTrained: ['yes', 'no'],
    preferredOfficerGender: ['female', 'male', 'none'],
    preferredOfficerGenderMet: ['yes', 'no'],
    safeToTalk: ['yes', 'no'],
  },
  rights: {
    explainedThroughInterpreter: ['yes', 'no'],
    interpreterExplained: ['yes', 'no'],
    supportPersonExplained: ['yes', 'no'],
    protectionAssessmentExplained: ['yes', 'no'],
    copyExplained: ['yes', 'no'],
    supportInformationExplained: ['yes', 'no'],
    officerGenderExplained: ['yes', 'no'],
    protectionMeasuresExplained: ['yes', 'no'],
  },
  people: {
    victimAddressNonCommunicable: ['yes', 'no'],
    victimSafeChannel: ['ownPhone', 'trustedPerson', 'supportService', 'lawyer', 'none'],
    suspectRelationship: ['partner', 'exPartner', 'familyMember', 'other'],
    suspectCohabiting: ['yes', 'no', 'unknown'],
  },
  facts: {
    formsOfViolence: ['physical', 'psychological', 'sexual', 'economic', 'honourRelated', 'coerciveControl'],
    injuries: ['yes', 'no', 'unknown', 'refused'],
    medicalCertificate: ['yes', 'no', 'unknown'],
    weapons: ['yes', 'no', 'unknown', 'refused'],
    earlierIncidents: ['yes', 'no', 'unknown', 'refused'],
    earlierComplaints: ['yes', 'no', 'unknown'],
  },
  digital: {
    g01: ['yes', 'no', 'unsure', 'declined'],
    g02: ['yes', 'no', 'unsure', 'declined'],
    g03: ['yes', 'no', 'unsure', 'declined'],
    g11: ['yes', 'no', 'unsure', 'declined'],
    g12: ['yes', 'no', 'unsure', 'declined'],
    g13: ['yes', 'no', 'unsure', 'declined'],
    g14: ['yes', 'no', 'unsure', 'declined'],
    g15: ['yes', 'no', 'unsure', 'declined'],
    g21: ['yes', 'no', 'unsure', 'declined'],
    g22: ['yes', 'no', 'unsure', 'declined'],
    g23: ['yes', 'no', 'unsure', 'declined'],
    g24: ['yes', 'no', 'unsure', 'declined'],
    g31: ['yes', 'no', 'unsure', 'declined'],
    g32: ['yes', 'no', 'unsure', 'declined'],
    g33: ['yes', 'no', 'unsure', 'declined'],
    g34: ['yes', 'no', 'unsure', 'declined'],
    g41: ['yes', 'no', 'unsure', 'declined'],
    g42: ['yes', 'no', 'unsure', 'declined'],
    g43: ['yes', 'no', 'unsure', 'declined'],
    g51: ['yes', 'no', 'unsure', 'declined'],
    g52: ['yes', 'no', 'unsure', 'declined'],
    g53: ['yes', 'no', 'unsure', 'declined'],
    g54: ['yes', 'no', 'unsure', 'declined'],
    g55: ['yes', 'no', 'unsure', 'declined'],
    g61: ['yes', 'no', 'unsure', 'declined'],
    g62: ['yes', 'no', 'unsure', 'declined'],
    g63: ['yes', 'no', 'unsure', 'declined'],
    g64: ['yes', 'no', 'unsure', 'declined'],
    g65: ['yes', 'no', 'unsure', 'declined'],
    g71: ['yes', 'no', 'unsure', 'declined'],
    g72: ['yes', 'no', 'unsure', 'declined'],
    g73: ['yes', 'no', 'unsure', 'declined'],
    g81: ['yes', 'no', 'unsure', 'declined'],
    g91: ['yes', 'no', 'unsure', 'declined'],
    g92: ['yes', 'no', 'unsure', 'declined'],
    g93: ['yes', 'no', 'unsure', 'declined'],
    minorInImages: ['yes', 'no'],
    consentInstitute: ['yes', 'no'],
  },
  risk: {
    a1: ['yes', 'no', 'unknown', 'refused'],
    a1Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a2: ['yes', 'no', 'unknown', 'refused'],
    a2Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a3: ['yes', 'no', 'unknown', 'refused'],
    a3Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a4: ['yes', 'no', 'unknown', 'refused'],
    a4Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a5: ['yes', 'no', 'unknown', 'refused'],
    a5Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a6: ['yes', 'no', 'unknown', 'refused'],
    a6Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a7: ['yes', 'no', 'unknown', 'refused'],
    a7Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a8: ['yes', 'no', 'unknown', 'refused'],
    a8Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    a9: ['yes', 'no', 'unknown', 'refused'],
    a9FollowUp: ['oneOrTwo', 'threeOrMore'],
    a9Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b1: ['yes', 'no', 'unknown', 'refused'],
    b1Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b2: ['yes', 'no', 'unknown', 'refused'],
    b2Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b3: ['yes', 'no', 'unknown', 'refused'],
    b3Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b4: ['yes', 'no', 'unknown', 'refused'],
    b4Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b5: ['yes', 'no', 'unknown', 'refused'],
    b5Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b6: ['yes', 'no', 'unknown', 'refused'],
    b6Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b7: ['yes', 'no', 'unknown', 'refused'],
    b7Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    b8: ['yes', 'no', 'unknown', 'refused'],
    b8Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    c1: ['yes', 'no', 'unknown', 'refused'],
    c1Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    c2: ['yes', 'no', 'unknown', 'refused'],
    c2Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    c3: ['yes', 'no', 'unknown', 'refused'],
    c3Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    c4: ['yes', 'no', 'unknown', 'refused'],
    c4Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    c5: ['yes', 'no', 'unknown', 'refused'],
    c5Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    d1: ['yes', 'no', 'unknown', 'refused'],
    d1Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    d2: ['yes', 'no', 'unknown', 'refused'],
    d2Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    d3: ['yes', 'no', 'unknown', 'refused'],
    d3Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    d4: ['yes', 'no', 'unknown', 'refused'],
    d4Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    d5: ['yes', 'no', 'unknown', 'refused'],
    d5Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    d6: ['yes', 'no', 'unknown', 'refused'],
    d6Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    e1: ['yes', 'no', 'unknown', 'refused'],
    e1Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    e2: ['yes', 'no', 'unknown', 'refused'],
    e2Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    e3: ['yes', 'no', 'unknown', 'refused'],
    e3Source: ['victim', 'policeRecords', 'thirdParty', 'officerObservation'],
    barriers: ['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8', 'V9', 'none'],
    deviceCheck: ['yes', 'no'],
  },
  measures: {
    residenceBanPosition: ['wants', 'refuses', 'undecided'],
    residenceBanState: [
      'proposed',
      'discussed',
      'requested',
      'granted',
      'refusedByAuthority',
      'inForce',
      'ended',
      'notPursued',
    ],
    contactBanPosition: ['wants', 'refuses', 'undecided'],
    contactBanState: [
      'proposed',
      'discussed',
      'requested',
      'granted',
      'refusedByAuthority',
      'inForce',
      'ended',
      'notPursued',
    ],
    addressProtectionPosition: ['wants', 'refuses', 'undecided'],
    addressProtectionState: [
      'proposed',
      'discussed',
      'requested',
      'granted',
      'refusedByAuthority',
      'inForce',
      'ended',
      'notPursued',
    ],
    alarmPosition: ['wants', 'refuses', 'undecided'],
    alarmState: [
      'proposed',
      'discussed',
      'requested',
      'granted',
      'refusedByAuthority',
      'inForce',
      'ended',
      'notPursued',
    ],
    residenceBanApplies: ['yes', 'notCohabiting', 'otherReason'],
  },
  referrals: {
    servicesOffered: ['victimSupport', 'specialisedService', 'medical', 'childProtection', 'housing', 'none'],
    consentVictimSupport: ['yes', 'no'],
    consentSpecialisedService: ['yes', 'no'],
    consentMedical: ['yes', 'no'],
    consentChildProtection: ['yes', 'no'],
    consentHousing: ['yes', 'no'],
  },
  documents: {
    translationRequested: ['yes', 'no'],
    immigrationArt747: ['yes', 'no'],
  },
} as const;

/** The versions of each form, oldest first. */
export const FORM_VERSIONS = {
  setup: [1],
  rights: [1, 2],
  people: [1, 2, 3, 4],
  facts: [1],
  digital: [1, 2],
  risk: [1, 2, 3, 4, 5],
  measures: [1, 2, 3],
  referrals: [1],
  statement: [1, 2],
  documents: [1],
} as const;

/** The answers of the setup step (setup@1): every field optional, as a hearing is filled in over time. */
export type SetupAnswers = {
  procedureLanguage?: 'fr' | 'nl' | 'de' | null;
  victimLanguage?:
    | 'fr'
    | 'nl'
    | 'de'
    | 'en'
    | 'ar'
    | 'tr'
    | 'es'
    | 'pt'
    | 'it'
    | 'pl'
    | 'ro'
    | 'bg'
    | 'ru'
    | 'uk'
    | 'fa'
    | 'ps'
    | 'ti'
    | 'so'
    | 'sq'
    | 'other'
    | null;
  victimLanguageOther?: string | null;
  interpreterRequested?: 'yes' | 'no' | null;
  interpreterPresent?: 'yes' | 'no' | null;
  interpreterReference?: string | null;
  supportPersonPresent?: 'yes' | 'no' | null;
  supportPerson?: string | null;
  roomAdaptedDiscreet?: 'yes' | 'no' | null;
  officerTrained?: 'yes' | 'no' | null;
  preferredOfficerGender?: 'female' | 'male' | 'none' | null;
  preferredOfficerGenderMet?: 'yes' | 'no' | null;
  safeToTalk?: 'yes' | 'no' | null;
  victimWishes?: string | null;
};

/** The answers of the rights step (rights@1, rights@2): every field optional, as a hearing is filled in over time. */
export type RightsAnswers = {
  explainedThroughInterpreter?: 'yes' | 'no' | null;
  interpreterExplained?: 'yes' | 'no' | null;
  interpreterAnswer?: string | null;
  supportPersonExplained?: 'yes' | 'no' | null;
  supportPersonAnswer?: string | null;
  protectionAssessmentExplained?: 'yes' | 'no' | null;
  protectionAssessmentAnswer?: string | null;
  copyExplained?: 'yes' | 'no' | null;
  copyAnswer?: string | null;
  supportInformationExplained?: 'yes' | 'no' | null;
  supportInformationAnswer?: string | null;
  officerGenderExplained?: 'yes' | 'no' | null;
  officerGenderAnswer?: string | null;
  protectionMeasuresExplained?: 'yes' | 'no' | null;
  protectionMeasuresAnswer?: string | null;
};

/** One item of people.children. */
export type PeopleChildrenItem = {
  firstName?: string | null;
  birthDate?: IsoDate | null;
  relationshipToSuspect?: 'child' | 'stepchild' | 'none' | null;
  exposed?: 'yes' | 'no' | 'unknown' | null;
  present?: 'yes' | 'no' | 'unknown' | null;
  needs?: string | null;
};

/** One item of people.otherPersons. */
export type PeopleOtherPersonsItem = {
  name?: string | null;
  role?: string | null;
};

/** The answers of the people step (people@1, people@2, people@3, people@4): every field optional, as a hearing is filled in over time. */
export type PeopleAnswers = {
  victimSurname?: string | null;
  victimFirstNames?: string | null;
  victimBirthDate?: IsoDate | null;
  victimAddressNonCommunicable?: 'yes' | 'no' | null;
  victimSafeChannel?: 'ownPhone' | 'trustedPerson' | 'supportService' | 'lawyer' | 'none' | null;
  victimSafeChannelDetail?: string | null;
  suspectSurname?: string | null;
  suspectFirstNames?: string | null;
  suspectRelationship?: 'partner' | 'exPartner' | 'familyMember' | 'other' | null;
  suspectRelationshipDetail?: string | null;
  suspectCohabiting?: 'yes' | 'no' | 'unknown' | null;
  children?: GroupItemOf<PeopleChildrenItem>[] | null;
  otherPersons?: GroupItemOf<PeopleOtherPersonsItem>[] | null;
  /** Only in people@2, people@3, people@4. */
  victimAddress?: string | null;
  /** Only in people@2, people@3, people@4. */
  victimStayingAt?: string | null;
  /** Only in people@3, people@4. */
  suspectBirthDate?: IsoDate | null;
  /** Only in people@3, people@4. */
  suspectAddress?: string | null;
  /** Only in people@4. */
  victimNationalNumber?: NationalNumberDigits | null;
  /** Only in people@4. */
  victimBirthPlace?: string | null;
  /** Only in people@4. */
  suspectNationalNumber?: NationalNumberDigits | null;
  /** Only in people@4. */
  suspectBirthPlace?: string | null;
};

/** One item of facts.witnesses. */
export type FactsWitnessesItem = {
  name?: string | null;
  relation?: string | null;
  whatTheySaw?: string | null;
};

/** The answers of the facts step (facts@1): every field optional, as a hearing is filled in over time. */
export type FactsAnswers = {
  narrative?: string | null;
  period?: DateOrPeriod | null;
  place?: string | null;
  formsOfViolence?:
    ('physical' | 'psychological' | 'sexual' | 'economic' | 'honourRelated' | 'coerciveControl')[] | null;
  injuries?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  injuriesDescription?: string | null;
  medicalCertificate?: 'yes' | 'no' | 'unknown' | null;
  weapons?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  weaponsDescription?: string | null;
  earlierIncidents?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  earlierIncidentsDescription?: string | null;
  earlierComplaints?: 'yes' | 'no' | 'unknown' | null;
  earlierComplaintsReferences?: string | null;
  witnesses?: GroupItemOf<FactsWitnessesItem>[] | null;
};

/** The answers of the digital step (digital@1, digital@2): every field optional, as a hearing is filled in over time. */
export type DigitalAnswers = {
  g01?: 'yes' | 'no' | 'unsure' | 'declined' | string | null;
  /** Only in digital@1. */
  g01Details?: string | null;
  g02?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g02Details?: string | null;
  g03?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g03Details?: string | null;
  g11?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g11Details?: string | null;
  g12?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g12Details?: string | null;
  g13?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g13Details?: string | null;
  g14?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g14Details?: string | null;
  g15?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g15Details?: string | null;
  g21?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g21Details?: string | null;
  g22?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g22Details?: string | null;
  g23?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g23Details?: string | null;
  g24?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g24Details?: string | null;
  g31?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g31Details?: string | null;
  g32?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g32Details?: string | null;
  g33?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g33Details?: string | null;
  g34?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g34Details?: string | null;
  g41?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g41Details?: string | null;
  g42?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g42Details?: string | null;
  g43?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g43Details?: string | null;
  g51?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g51Details?: string | null;
  g52?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g52Details?: string | null;
  g53?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g53Details?: string | null;
  g54?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g54Details?: string | null;
  g55?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g55Details?: string | null;
  g61?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g61Details?: string | null;
  g62?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g62Details?: string | null;
  g63?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g63Details?: string | null;
  g64?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g64Details?: string | null;
  g65?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g65Details?: string | null;
  g71?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g71Details?: string | null;
  g72?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g72Details?: string | null;
  g73?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g73Details?: string | null;
  g81?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g81Details?: string | null;
  g91?: 'yes' | 'no' | 'unsure' | 'declined' | null;
  g91Details?: string | null;
  g92?: 'yes' | 'no' | 'unsure' | 'declined' | string | null;
  /** Only in digital@1. */
  g92Details?: string | null;
  g93?: 'yes' | 'no' | 'unsure' | 'declined' | string | null;
  /** Only in digital@1. */
  g93Details?: string | null;
  minorInImages?: 'yes' | 'no' | null;
  consentInstitute?: 'yes' | 'no' | null;
  stopnciiCase?: string | null;
};

/** The answers of the risk step (risk@1, risk@2, risk@3, risk@4, risk@5): every field optional, as a hearing is filled in over time. */
export type RiskAnswers = {
  a1?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a1Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a2?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a2Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a3?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a3Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a4?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a4Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a5?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a5Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a6?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a6Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a7?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a7Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a8?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a8Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  a9?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  a9FollowUp?: 'oneOrTwo' | 'threeOrMore' | null;
  a9Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  b1?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  b1Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  b2?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  b2Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  b3?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  b3Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  b4?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  b4Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  b5?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  b5Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  /** Only in risk@1. */
  b6?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  /** Only in risk@1. */
  b6Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  /** Only in risk@1. */
  b7?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  /** Only in risk@1. */
  b7Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  /** Only in risk@1. */
  b8?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  /** Only in risk@1. */
  b8Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  c1?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  c1Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  c2?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  c2Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  c3?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  c3Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  c4?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  c4Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  c5?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  c5Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  d1?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  d1Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  d2?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  d2Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  d3?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  d3Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  d4?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  d4Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  d5?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  d5Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  d6?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  d6Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  e1?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  e1Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  e2?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  e2Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  e3?: 'yes' | 'no' | 'unknown' | 'refused' | null;
  e3Source?: 'victim' | 'policeRecords' | 'thirdParty' | 'officerObservation' | null;
  otherWorries?: string | null;
  barriers?: ('V1' | 'V2' | 'V3' | 'V4' | 'V5' | 'V6' | 'V7' | 'V8' | 'V9' | 'none')[] | null;
  /** Only in risk@3, risk@4, risk@5. */
  deviceCheck?: 'yes' | 'no' | null;
  /** Only in risk@4, risk@5. */
  magistrateInformedAt?: IsoDateTime | null;
  /** Only in risk@4, risk@5. */
  magistrateInformedTo?: string | null;
};

/** The answers of the measures step (measures@1, measures@2, measures@3): every field optional, as a hearing is filled in over time. */
export type MeasuresAnswers = {
  residenceBanPosition?: 'wants' | 'refuses' | 'undecided' | null;
  residenceBanState?:
    | 'proposed'
    | 'discussed'
    | 'requested'
    | 'granted'
    | 'refusedByAuthority'
    | 'inForce'
    | 'ended'
    | 'notPursued'
    | null;
  residenceBanNotes?: string | null;
  contactBanPosition?: 'wants' | 'refuses' | 'undecided' | null;
  contactBanState?:
    | 'proposed'
    | 'discussed'
    | 'requested'
    | 'granted'
    | 'refusedByAuthority'
    | 'inForce'
    | 'ended'
    | 'notPursued'
    | null;
  contactBanNotes?: string | null;
  addressProtectionPosition?: 'wants' | 'refuses' | 'undecided' | null;
  addressProtectionState?:
    | 'proposed'
    | 'discussed'
    | 'requested'
    | 'granted'
    | 'refusedByAuthority'
    | 'inForce'
    | 'ended'
    | 'notPursued'
    | null;
  addressProtectionNotes?: string | null;
  alarmPosition?: 'wants' | 'refuses' | 'undecided' | null;
  alarmState?:
    | 'proposed'
    | 'discussed'
    | 'requested'
    | 'granted'
    | 'refusedByAuthority'
    | 'inForce'
    | 'ended'
    | 'notPursued'
    | null;
  alarmNotes?: string | null;
  childrenMeasures?: string | null;
  /** Only in measures@2, measures@3. */
  residenceBanDecidedBy?: string | null;
  /** Only in measures@2, measures@3. */
  residenceBanStart?: IsoDateTime | null;
  /** Only in measures@2, measures@3. */
  residenceBanEnd?: IsoDateTime | null;
  /** Only in measures@2, measures@3. */
  residenceBanNotified?: IsoDateTime | null;
  /** Only in measures@3. */
  residenceBanApplies?: 'yes' | 'notCohabiting' | 'otherReason' | null;
  /** Only in measures@3. */
  residenceBanNotApplicableReason?: string | null;
};

/** The answers of the referrals step (referrals@1): every field optional, as a hearing is filled in over time. */
export type ReferralsAnswers = {
  servicesOffered?:
    ('victimSupport' | 'specialisedService' | 'medical' | 'childProtection' | 'housing' | 'none')[] | null;
  consentVictimSupport?: 'yes' | 'no' | null;
  consentSpecialisedService?: 'yes' | 'no' | null;
  consentMedical?: 'yes' | 'no' | null;
  consentChildProtection?: 'yes' | 'no' | null;
  consentHousing?: 'yes' | 'no' | null;
  servicesGiven?: string[] | null;
  referralNotes?: string | null;
};

/** The answers of the statement step (statement@1, statement@2): every field optional, as a hearing is filled in over time. */
export type StatementAnswers = {
  text?: string | null;
};

/** The answers of the documents step (documents@1): every field optional, as a hearing is filled in over time. */
export type DocumentsAnswers = {
  pvNumber?: string | null;
  translationRequested?: 'yes' | 'no' | null;
  translationSentOn?: IsoDate | null;
  interpreterTranslation?: string | null;
  interpreterTranslationBy?: string | null;
  interpreterTranslationAt?: IsoDateTime | null;
  immigrationArt747?: 'yes' | 'no' | null;
};

/** The answers of each form, by form id. */
export type AnswersByForm = {
  setup: SetupAnswers;
  rights: RightsAnswers;
  people: PeopleAnswers;
  facts: FactsAnswers;
  digital: DigitalAnswers;
  risk: RiskAnswers;
  measures: MeasuresAnswers;
  referrals: ReferralsAnswers;
  statement: StatementAnswers;
  documents: DocumentsAnswers;
};
