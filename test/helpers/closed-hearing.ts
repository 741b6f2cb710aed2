import { RIGHTS } from '../../forms/definitions/rights.v1';
import { digitalStepAnswers, RISK_VERSION, riskStepAnswers } from './risk-answers';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';
import type { TestCore } from './temp-core';

/** One window's calls, failing on any error: a TestCore's (`apiOf`) or a browser page's. */
export type Api = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export function apiOf(t: TestCore, client = 'officer-window'): Api {
  return (channel, input) => t.ok(client, channel, input);
}

/** Invented throughout: no real person, address, or phone number. */
export const INVENTED = {
  statement:
    'Je soussignée Inès Fictive déclare que le 21 novembre 2026, mon ex-compagnon est venu devant l’immeuble.\nIl m’a menacée. (déclaration fictive)',
  addendum: 'Elle précise que la scène a eu lieu dans la cuisine (ajout fictif).',
  pvNumber: 'LI.55.L3.012345/2026',
  address: 'Rue des Exemples 12, 4000 Liège',
  stayingAt: 'Refuge Les Tilleuls (fictif), Avenue Imaginaire 3',
  safeChannel: '0470 99 88 77 (sa sœur)',
};

export interface HearingOptions {
  victimLanguage?: string;
  procedureLanguage?: 'fr' | 'nl' | 'de';
  statement?: string;
  /** Extra answers per step, merged over the defaults. */
  extra?: Record<string, Record<string, unknown>>;
  riskAnswers?: Parameters<typeof riskStepAnswers>[0];
  close?: boolean;
  /** False for a hearing taken before the "Copy and documents" step existed. */
  documentsStep?: boolean;
}

/** Saves answers through the API, each at its current revision. */
export async function saveStep(api: Api, hearingId: string, formId: string, values: Record<string, unknown>) {
  const loaded = await api('hearings.load', { hearingId });
  const revision = (fieldId: string) =>
    loaded.answers.find((a) => a.formId === formId && a.fieldId === fieldId)?.revision ?? 0;
  return api('hearings.saveAnswers', {
    hearingId,
    formId,
    changes: Object.entries(values).map(([fieldId, value]) => ({
      fieldId,
      value: value as never,
      baseRevision: revision(fieldId),
    })),
  });
}

/** A complete hearing through the API (every required answer, the statement approved with one addendum), closed unless told otherwise. */
export async function takeHearing(api: Api, options: HearingOptions = {}): Promise<string> {
  const hearingId = (await api('hearings.create', {})).hearing.id;
  const save = (formId: string, values: Record<string, unknown>) =>
    saveStep(api, hearingId, formId, { ...values, ...(options.extra?.[formId] ?? {}) });
  const interpreter = (options.victimLanguage ?? 'ar') !== (options.procedureLanguage ?? 'fr');
  await save('setup', {
    procedureLanguage: options.procedureLanguage ?? 'fr',
    victimLanguage: options.victimLanguage ?? 'ar',
    interpreterRequested: interpreter ? 'yes' : 'no',
    ...(interpreter ? { interpreterPresent: 'yes', interpreterReference: 'Interprète n° 4711' } : {}),
    supportPersonPresent: 'no',
    roomAdaptedDiscreet: 'yes',
    officerTrained: 'yes',
    preferredOfficerGender: 'female',
    preferredOfficerGenderMet: 'yes',
    safeToTalk: 'yes',
  });
  await save(
    'rights',
    Object.fromEntries([
      ['explainedThroughInterpreter', interpreter ? 'yes' : 'no'],
      ...RIGHTS.map((r) => [`${r}Explained`, 'yes']),
    ]),
  );
  await save('people', {
    victimSurname: 'Fictive',
    victimFirstNames: 'Inès',
    victimBirthDate: '1991-04-17',
    victimAddressNonCommunicable: 'no',
    victimSafeChannel: 'none',
    suspectSurname: 'Exemple',
    suspectFirstNames: 'Marc',
    suspectRelationship: 'exPartner',
    suspectCohabiting: 'no',
    children: [
      {
        key: 'c1',
        values: {
          firstName: 'Lina',
          birthDate: '2018-02-03',
          relationshipToSuspect: 'child',
          exposed: 'yes',
          present: 'yes',
        },
      },
      {
        key: 'c2',
        values: {
          firstName: 'Adam',
          birthDate: '2020-09-30',
          relationshipToSuspect: 'child',
          exposed: 'yes',
          present: 'no',
        },
      },
    ],
  });
  await save('facts', {
    narrative: 'Récit fictif.',
    period: { from: '2026-03-01', to: '2026-11-21' },
    place: 'Liège',
    formsOfViolence: ['physical', 'psychological', 'economic'],
    injuries: 'no',
    weapons: 'no',
    earlierIncidents: 'refused',
    earlierComplaints: 'unknown',
  });
  await save('digital', digitalStepAnswers({ 'G4.1': 'yes' }));
  await save('risk', riskStepAnswers(options.riskAnswers ?? { A1: 'yes', C1: 'yes' }));
  await api('risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'initial' });
  await save('measures', {
    residenceBanPosition: 'wants',
    residenceBanState: 'requested',
    contactBanPosition: 'undecided',
    contactBanState: 'discussed',
    addressProtectionPosition: 'wants',
    addressProtectionState: 'inForce',
    alarmPosition: 'refuses',
    alarmState: 'notPursued',
  });
  await save('referrals', { servicesOffered: ['victimSupport'], consentVictimSupport: 'yes' });
  await save('statement', { text: options.statement ?? INVENTED.statement });
  await api('hearings.approveStatement', { hearingId, textRevision: 1 });
  await api('hearings.addAddendum', { hearingId, text: INVENTED.addendum });
  if (options.documentsStep !== false)
    await save('documents', { pvNumber: INVENTED.pvNumber, translationRequested: interpreter ? 'yes' : 'no' });
  if (options.close !== false) await api('hearings.close', { hearingId });
  return hearingId;
}
