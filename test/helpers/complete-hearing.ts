import { earlierAnswers, isFieldVisible } from '../../forms/engine';
import { formRegistry, type FormRegistry } from '../../forms/registry';
import { promptFieldId } from '../../forms/digital/prompts';
import { itemFieldId, magistrateMissing } from '../../forms/risk/risk-form';
import { riskRegistry } from '../../forms/risk/registry';
import type { FormDefinition, SimpleFieldDefinition } from '../../forms/definition-schema';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';
import type { TestCore } from './temp-core';

/** One window's calls, failing on any error: a TestCore's (`apiOf`), a browser page's (the fixture's `api`). */
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
  interpreterReference: 'Interprète n° 4711',
};

/** Answers of a hearing by form id, then field id. */
export type HearingAnswers = Record<string, Record<string, unknown>>;
/** Per form, per field: a value over the builder's (`undefined` leaves the field unanswered). */
export type HearingOverrides = Partial<Record<string, Record<string, unknown>>>;

/** A default may depend on what is already answered (an interpreter when her language is not the procedure's). */
type Default = unknown | ((answers: HearingAnswers) => unknown);

/** She needs an interpreter when the language she understands best is not the procedure's. */
const needsInterpreter = (a: HearingAnswers) =>
  a['setup']?.['victimLanguage'] !== a['setup']?.['procedureLanguage'] ? 'yes' : 'no';

/**
 * The invented hearing every test and the bench take unless told otherwise: a victim whose language
 * is Arabic, heard in French, two children, her ex-partner. Fields not listed here and required to
 * close get a value derived from their definition (`derive`), so a new question needs no edit here.
 */
const DEFAULTS: Record<string, Record<string, Default>> = {
  setup: {
    procedureLanguage: 'fr',
    victimLanguage: 'ar',
    interpreterRequested: needsInterpreter,
    interpreterPresent: 'yes',
    interpreterReference: INVENTED.interpreterReference,
    supportPersonPresent: 'no',
    preferredOfficerGender: 'female',
  },
  rights: { explainedThroughInterpreter: needsInterpreter },
  people: {
    victimSurname: 'Fictive',
    victimFirstNames: 'Inès',
    victimBirthDate: '1991-04-17',
    victimAddressNonCommunicable: 'no',
    victimSafeChannel: 'none',
    suspectSurname: 'Exemple',
    suspectFirstNames: 'Marc',
    suspectRelationship: 'exPartner',
    // Still under one roof: the residence ban applies (measures@3 asks nothing of it otherwise).
    suspectCohabiting: 'yes',
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
  },
  facts: {
    narrative: 'Récit fictif.',
    period: { from: '2026-03-01', to: '2026-11-21' },
    place: 'Liège',
    formsOfViolence: ['physical', 'psychological', 'economic'],
    earlierIncidents: 'refused',
    earlierComplaints: 'unknown',
  },
  digital: { [promptFieldId('G4.1')]: 'yes' },
  risk: { [itemFieldId('A1')]: 'yes', [itemFieldId('C1')]: 'yes' },
  measures: {
    residenceBanPosition: 'wants',
    residenceBanState: 'requested',
    contactBanPosition: 'undecided',
    contactBanState: 'discussed',
    addressProtectionPosition: 'wants',
    addressProtectionState: 'inForce',
    alarmPosition: 'refuses',
    alarmState: 'notPursued',
  },
  referrals: { servicesOffered: ['victimSupport'], consentVictimSupport: 'yes' },
  statement: { text: INVENTED.statement },
  documents: { pvNumber: INVENTED.pvNumber, translationRequested: needsInterpreter },
};

/** The answer a choice gets when nothing says otherwise: each right explained, every item and prompt "no". */
const PREFERRED_OPTIONS: Record<string, string[]> = { setup: ['yes'], rights: ['yes'] };
const NEUTRAL_OPTIONS = ['no', 'none', 'unknown'];

/** An invented answer to a required question, from its kind alone. */
function derive(formId: string, field: SimpleFieldDefinition): unknown {
  switch (field.kind) {
    case 'shortText':
    case 'longText':
      return `Réponse fictive (${formId}.${field.id})`.slice(0, field.maxLength);
    case 'singleChoice': {
      const values = field.options.map((o) => o.value);
      return [...(PREFERRED_OPTIONS[formId] ?? []), ...NEUTRAL_OPTIONS].find((v) => values.includes(v)) ?? values[0];
    }
    case 'multiChoice':
      return [(field.options.find((o) => o.exclusive) ?? field.options[0]!).value];
    case 'date':
      return '2026-11-21';
    case 'dateTime':
      return '2026-11-21T10:00';
    case 'dateOrPeriod':
      return { on: '2026-11-21' };
    case 'nationalNumber':
      return '78041215782';
    case 'serviceChoice':
      throw new Error(`${formId}.${field.id}: a required service choice needs the directory's ids, pass one`);
  }
}

/**
 * Every field the definition asks, in order: overrides as given, defaults and derived answers where
 * visible. A question an earlier step answers is left to it, as the officer finds it on screen.
 */
function answerForm(
  form: FormDefinition,
  answers: HearingAnswers,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const formId = form.id;
  const values: Record<string, unknown> = {};
  answers[formId] = values;
  const earlier = earlierAnswers(form, (id) => answers[id] ?? {});
  const fromEarlierSteps = Object.fromEntries(Object.entries(earlier).map(([id, e]) => [id, e.value]));
  for (const field of form.fields) {
    if (field.id in overrides) {
      if (overrides[field.id] !== undefined) values[field.id] = overrides[field.id];
      continue;
    }
    if (!isFieldVisible(field, { ...fromEarlierSteps, ...values })) continue;
    const given = DEFAULTS[formId]?.[field.id];
    if (given !== undefined) values[field.id] = typeof given === 'function' ? given(answers) : given;
    // A draft is saved as the step's own answer when the step opens (StepForm), as here.
    else if (earlier[field.id]?.draft) values[field.id] = earlier[field.id]!.value;
    else if (field.id in earlier) continue;
    else if (field.kind === 'group') {
      const count = Math.max(field.minItems, field.requiredToClose ? 1 : 0);
      if (count > 0)
        values[field.id] = Array.from({ length: count }, (_, i) => ({
          key: `item-${i + 1}`,
          values: Object.fromEntries(
            field.fields.filter((f) => f.requiredToClose).map((f) => [f.id, derive(formId, f)]),
          ),
        }));
    } else if (field.requiredToClose) values[field.id] = derive(formId, field);
  }
  // What the definition does not ask (a test's deliberate mistake) is saved as given.
  for (const [fieldId, value] of Object.entries(overrides))
    if (!(fieldId in values) && value !== undefined) values[fieldId] = value;
  return values;
}

export interface CompleteHearing {
  /** Every step's answers, by form id. */
  answers: HearingAnswers;
  registry: FormRegistry;
  /** Through the API as the window `api` calls for: creates the hearing (unless given), answers, approves, closes. */
  take(api: Api, walk?: HearingWalk): Promise<string>;
}

export interface HearingWalk {
  /** A hearing already created; a new one otherwise. */
  hearingId?: string;
  /**
   * How far to go: `answered` (every step but the statement and documents, the risk assessment
   * submitted), `approved` (the statement approved, the addendum, the documents step), `closed`.
   */
  until?: 'answered' | 'approved' | 'closed';
}

/**
 * A complete hearing built from the definitions of `registry` (today's by default): every field
 * required to close answered with invented values, overridable per form and field, e.g.
 * `completeHearing({ setup: { victimLanguage: 'fr' }, statement: { text: '…' } })`.
 * `addendum: null` takes none.
 */
export function completeHearing(
  overrides: HearingOverrides = {},
  options: { registry?: FormRegistry; addendum?: string | null } = {},
): CompleteHearing {
  const registry = options.registry ?? formRegistry;
  const answers: HearingAnswers = {};
  for (const formId of registry.steps) {
    const form = registry.latest(formId);
    if (!form) throw new Error(`No definition for the step ${formId}`);
    answerForm(form, answers, overrides[formId] ?? {});
  }
  const unknown = Object.keys(overrides).filter((formId) => !registry.steps.includes(formId));
  if (unknown.length > 0) throw new Error(`Not a step of this registry: ${unknown.join(', ')}`);
  const addendum = options.addendum === undefined ? INVENTED.addendum : options.addendum;
  return {
    answers,
    registry,
    async take(api, walk = {}) {
      const hearingId = walk.hearingId ?? (await api('hearings.create', {})).hearing.id;
      const until = walk.until ?? 'closed';
      const later = new Set(['statement', 'documents']);
      for (const formId of registry.steps.filter((s) => !later.has(s)))
        await saveStep(api, hearingId, formId, answers[formId]!);
      const version = registry.latest('risk')!.version;
      const { level } = await api('risk.submit', { hearingId, definitionVersion: version, trigger: 'initial' });
      // At the level the tool names, the officer informs the on-duty magistrate (unless the test says otherwise).
      const magistrate = magistrateMissing(riskRegistry.get(version)!, level, answers['risk'] ?? {}).filter(
        (fieldId) => !(fieldId in (overrides['risk'] ?? {})),
      );
      if (magistrate.length > 0)
        await saveStep(
          api,
          hearingId,
          'risk',
          Object.fromEntries(magistrate.map((fieldId) => [fieldId, INVENTED_MAGISTRATE[fieldId]])),
        );
      if (until === 'answered') return hearingId;
      await saveStep(api, hearingId, 'statement', answers['statement']!);
      const textRevision =
        (await api('hearings.load', { hearingId })).answers.find(
          (a) => a.formId === 'statement' && a.fieldId === 'text',
        )?.revision ?? 0;
      await api('hearings.approveStatement', { hearingId, textRevision });
      if (addendum !== null) await api('hearings.addAddendum', { hearingId, text: addendum });
      if (registry.steps.includes('documents')) await saveStep(api, hearingId, 'documents', answers['documents']!);
      if (until === 'closed') await api('hearings.close', { hearingId });
      return hearingId;
    },
  };
}

/** How an officer records informing the on-duty magistrate of a level-4 assessment (invented). */
const INVENTED_MAGISTRATE: Record<string, string> = {
  magistrateInformedAt: '2026-11-23T11:40',
  magistrateInformedTo: 'Substitut de garde, parquet de Liège (fictif)',
};

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
