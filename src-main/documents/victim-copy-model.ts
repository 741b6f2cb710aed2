import {
  answerPath,
  FIELDS,
  FORMS,
  GROUP_FIELDS,
  type OPTIONS,
  readAnswers,
  type GroupItemOf,
  type StoredForms,
} from '../../forms/answers';
import { promptAnswer } from '../../forms/digital/digital-form';
import { DIGITAL_PROMPTS } from '../../forms/digital/prompts';
import { MEASURES, measureFieldIds } from '../../forms/definitions/measures.v1';
import { RIGHTS, rightFieldIds } from '../../forms/definitions/rights.v1';
import type { VictimCopyVariant } from '../../domain/document-kinds';
import { EVIDENCE_TYPES, type EvidenceType } from '../../domain/evidence-rules';
import { VICTIM_LANGUAGES } from '../../domain/languages';
import { REGIONS, type SERVICE_KINDS, type SupportService } from '../../domain/support-directory';
import { NEVER_PRINTED_SERVICE_KINDS, type FilteredText, type VictimTextFilter } from './victim-safety';

/** Everything about one hearing a document may draw on, gathered by src-main/services/documents.tsx. */
export interface HearingRecord {
  reference: string;
  createdAt: number;
  unitName: string | null;
  officer: { displayName: string; serviceNumber: string | null };
  /** Answers by form id, each with the version the hearing was taken under: read with `readAnswers`. */
  forms: StoredForms;
  statement: { text: string; approvedAt: number } | null;
  addenda: { text: string; createdAt: number }[];
  evidence: { number: number; type: EvidenceType }[];
  services: (SupportService & { id: string })[];
}

export interface VictimCopyOptions {
  /** Zone policy (config.json `victimCopyChildNames`): her children's first names, or "your child". */
  childNames: 'firstNames' | 'generic';
  /** Zone policy (config.json `victimCopyOfficerName`): the officer's name beside the service number. */
  officerName: boolean;
}

/** The answers of each item of a repeated group (`[{ key, values }]`), typed by the group's definition. */
export function groupItems<V extends object>(value: readonly GroupItemOf<V>[] | null | undefined): Partial<V>[] {
  return Array.isArray(value)
    ? value.map((item: unknown) => (item as { values?: Partial<V> } | null)?.values ?? {})
    : [];
}

/**
 * The values her copy knows how to say in each of her languages: a value the definitions add
 * later is not printed until her catalogs say it, and the compiler keeps these among the
 * definitions' values (the digital step's offences as a form of violence of their own).
 */
const VIOLENCE_FORMS = [
  'physical',
  'psychological',
  'sexual',
  'economic',
  'honourRelated',
  'coerciveControl',
  'digital',
] as const satisfies readonly ((typeof OPTIONS.facts.formsOfViolence)[number] | 'digital')[];
const POSITIONS = [
  'wants',
  'refuses',
  'undecided',
] as const satisfies readonly (typeof OPTIONS.measures.residenceBanPosition)[number][];
const STATES = [
  'proposed',
  'discussed',
  'requested',
  'granted',
  'refusedByAuthority',
  'inForce',
  'ended',
  'notPursued',
] as const satisfies readonly (typeof OPTIONS.measures.residenceBanState)[number][];
type RightDone =
  | 'interpreterProvided'
  | 'interpreterNotNeeded'
  | 'supportPersonPresent'
  | 'supportPersonAbsent'
  | 'officerGenderMet'
  | 'officerGenderNotMet'
  | 'officerGenderNoPreference';

/** A choice answer only when it is one of the values the document knows how to say in her language. */
function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** A stored date (`2026-03-14`, `2026-03-14T21:30`): digits only, so nothing of hers can hide in it. */
export type DateText = string & { readonly __date: true };
function dateText(value: unknown): DateText | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$/.test(value) ? (value as DateText) : null;
}

export type PrintedPeriod = { on: DateText } | { from: DateText; to: DateText } | { about: FilteredText };

/**
 * A service of "where to get help": 112 and 101, the violence helpline of her region, Child Focus
 * when children are concerned, and the services the officer chose; never a shelter.
 */
export interface PrintedService {
  kind: (typeof SERVICE_KINDS)[number];
  region: (typeof REGIONS)[number];
  name: FilteredText | null;
  phone: FilteredText | null;
  website: FilteredText | null;
  hours: FilteredText | null;
}

/** Her copy: only what she may take home, every text of hers filtered (victim-copy.md). */
export interface VictimCopyModel {
  document: 'copy';
  procedureLanguage: (typeof VICTIM_LANGUAGES)[number];
  /** Her language, or null when it has no code (then `victimLanguageOther`). */
  victimLanguage: (typeof VICTIM_LANGUAGES)[number] | null;
  victimLanguageOther: FilteredText | null;
  reference: FilteredText | null;
  header: {
    unitName: FilteredText | null;
    pvNumber: FilteredText | null;
    hearingAt: number;
    officer: FilteredText | null;
    interpreter: { present: boolean; reference: FilteredText | null };
  };
  rights: { key: (typeof RIGHTS)[number]; explained: boolean; done: RightDone[]; answer: FilteredText | null }[];
  elements: {
    period: PrintedPeriod | null;
    place: FilteredText | null;
    forms: (typeof VIOLENCE_FORMS)[number][];
    children: (FilteredText | 'generic')[];
    evidence: { number: number; type: EvidenceType }[];
  };
  statement: {
    text: FilteredText | null;
    approvedAt: number;
    addenda: { text: FilteredText | null; createdAt: number }[];
  } | null;
  translation: {
    offered: boolean;
    requested: boolean | null;
    interpreter: { text: FilteredText; by: FilteredText | null; at: DateText | null } | null;
  };
  /** Only the measures discussed with her that apply to her situation. */
  measures: {
    key: (typeof MEASURES)[number];
    position: (typeof POSITIONS)[number] | null;
    state: (typeof STATES)[number] | null;
  }[];
  services: PrintedService[];
}

/**
 * The neutral leaflet (the former "discreet" variant): her rights in general terms and where to
 * get help, nothing that says a complaint exists. If he finds it, it tells him nothing.
 */
export interface LeafletModel {
  document: 'leaflet';
  services: PrintedService[];
}

export type VictimDocumentModel = VictimCopyModel | LeafletModel;

/** Belgian postcodes by region (bpost ranges): which violence helpline is hers. */
function regionOfPostcode(postcode: number): (typeof REGIONS)[number] {
  if (postcode >= 1000 && postcode <= 1299) return 'brussels';
  if ((postcode >= 1300 && postcode <= 1499) || (postcode >= 4000 && postcode <= 7999)) return 'wallonia';
  return 'flanders';
}

/**
 * The helplines of her region, from her home address (never from where she is staying: the
 * helpline printed must not point to it); unknown, every one. Brussels has its own entry for the
 * French-speaking line (victim-copy.md: 0800 30 030 serves Wallonia and Brussels) and the Dutch-
 * speaking one; a directory without a Brussels helpline (one seeded before it had one) gives
 * Wallonia's, so that she still gets the number.
 */
function helplineRegions(homeAddress: unknown, services: HearingRecord['services']): Set<string> {
  const postcode = typeof homeAddress === 'string' ? /(?:^|\D)([1-9]\d{3})(?!\d)/.exec(homeAddress)?.[1] : undefined;
  if (!postcode) return new Set(REGIONS);
  const region = regionOfPostcode(Number(postcode));
  if (region === 'brussels')
    return services.some((s) => s.active && s.kind === 'helpline' && s.region === 'brussels')
      ? new Set(['national', 'brussels', 'flanders'])
      : new Set(['national', 'brussels', 'wallonia', 'flanders']);
  if (region === 'wallonia' && Number(postcode) >= 4700 && Number(postcode) <= 4799)
    return new Set(['national', 'germanSpeaking', 'wallonia']);
  return new Set(['national', region]);
}

function printedServices(
  record: HearingRecord,
  filter: VictimTextFilter,
  options: { leaflet: boolean },
): PrintedService[] {
  const people = readAnswers(record.forms, FORMS.people);
  const { servicesGiven } = readAnswers(record.forms, FORMS.referrals);
  const given = new Set<string>(Array.isArray(servicesGiven) ? servicesGiven : []);
  const regions = helplineRegions(people.victimAddress, record.services);
  const hasChildren = groupItems(people.children).length > 0;
  const wanted = (s: HearingRecord['services'][number]): boolean => {
    if (!s.active || NEVER_PRINTED_SERVICE_KINDS.has(s.kind)) return false;
    if (given.has(s.id)) return true;
    // The leaflet says "112 or 101" in its own words: the directory names 101 "Police".
    if (s.kind === 'emergency') return !options.leaflet;
    if (s.kind === 'helpline') return regions.has(s.region);
    if (s.kind === 'childProtection') return hasChildren;
    return false;
  };
  return record.services.filter(wanted).map((s) => ({
    kind: s.kind,
    region: s.region,
    name: filter.text(`directory.${s.id}.name`, s.name),
    phone: filter.text(`directory.${s.id}.phone`, s.phone),
    website: filter.text(`directory.${s.id}.website`, s.website),
    hours: filter.text(`directory.${s.id}.hours`, s.hours),
  }));
}

export function buildLeafletModel(record: HearingRecord, filter: VictimTextFilter): LeafletModel {
  return { document: 'leaflet', services: printedServices(record, filter, { leaflet: true }) };
}

export function buildVictimCopyModel(
  record: HearingRecord,
  filter: VictimTextFilter,
  options: VictimCopyOptions,
): VictimCopyModel {
  const setup = readAnswers(record.forms, FORMS.setup);
  const rights = readAnswers(record.forms, FORMS.rights);
  const people = readAnswers(record.forms, FORMS.people);
  const facts = readAnswers(record.forms, FORMS.facts);
  const digital = readAnswers(record.forms, FORMS.digital);
  const measures = readAnswers(record.forms, FORMS.measures);
  const documents = readAnswers(record.forms, FORMS.documents);
  const text = filter.text;

  const interpreterPresent = setup.interpreterPresent === 'yes';
  const doneFor = (key: (typeof RIGHTS)[number]): RightDone[] => {
    if (key === 'interpreter') return [interpreterPresent ? 'interpreterProvided' : 'interpreterNotNeeded'];
    if (key === 'supportPerson')
      return [setup.supportPersonPresent === 'yes' ? 'supportPersonPresent' : 'supportPersonAbsent'];
    if (key === 'officerGender') {
      if (setup.preferredOfficerGender === 'none') return ['officerGenderNoPreference'];
      if (setup.preferredOfficerGenderMet === 'yes') return ['officerGenderMet'];
      if (setup.preferredOfficerGenderMet === 'no') return ['officerGenderNotMet'];
    }
    return [];
  };

  // A prompt naming an offence, answered yes (G9, her safety needs, names none).
  const digitalViolence = DIGITAL_PROMPTS.some(
    (prompt) => prompt.offences.length > 0 && promptAnswer(digital, prompt.id) === 'yes',
  );
  const forms = [
    ...(Array.isArray(facts.formsOfViolence)
      ? facts.formsOfViolence.map((form: unknown) => oneOf(VIOLENCE_FORMS, form)).filter((form) => form !== null)
      : []),
    ...(digitalViolence ? (['digital'] as const) : []),
  ];

  const period = ((): PrintedPeriod | null => {
    const value = facts.period as Record<string, unknown> | null | undefined;
    if (!value || typeof value !== 'object') return null;
    const on = dateText(value.on);
    if (on) return { on };
    const from = dateText(value.from);
    const to = dateText(value.to);
    if (from && to) return { from, to };
    const about = text(answerPath(FORMS.facts, FIELDS.facts.period), value.about);
    return about ? { about } : null;
  })();

  // A ban from residence is for a suspect who lives with her; a measure nobody discussed is not hers to read.
  const suspectLivesWithHer = people.suspectCohabiting !== 'no';
  const printedMeasures = MEASURES.map((key) => ({
    key,
    position: oneOf(POSITIONS, measures[measureFieldIds(key).position]),
    state: oneOf(STATES, measures[measureFieldIds(key).state]),
  })).filter((m) => (m.position !== null || m.state !== null) && (m.key !== 'residenceBan' || suspectLivesWithHer));

  const requested =
    documents.translationRequested === 'yes' ? true : documents.translationRequested === 'no' ? false : null;
  const interpreterText = text(
    answerPath(FORMS.documents, FIELDS.documents.interpreterTranslation),
    documents.interpreterTranslation,
  );
  const approved = record.statement;
  const procedureLanguage = oneOf(VICTIM_LANGUAGES, setup.procedureLanguage) ?? 'fr';
  const victimLanguage = oneOf(VICTIM_LANGUAGES, setup.victimLanguage);

  return {
    document: 'copy',
    procedureLanguage,
    victimLanguage,
    victimLanguageOther: victimLanguage
      ? null
      : text(answerPath(FORMS.setup, FIELDS.setup.victimLanguageOther), setup.victimLanguageOther),
    reference: text('hearing.reference', record.reference),
    header: {
      unitName: text('unit.name', record.unitName),
      pvNumber: text(answerPath(FORMS.documents, FIELDS.documents.pvNumber), documents.pvNumber),
      hearingAt: record.createdAt,
      officer: text(
        'officer',
        [record.officer.serviceNumber, options.officerName ? record.officer.displayName : null]
          .filter((v) => v)
          .join(' – '),
      ),
      interpreter: {
        present: interpreterPresent,
        reference: interpreterPresent
          ? text(answerPath(FORMS.setup, FIELDS.setup.interpreterReference), setup.interpreterReference)
          : null,
      },
    },
    rights: RIGHTS.map((key) => ({
      key,
      explained: rights[rightFieldIds(key).explained] === 'yes',
      done: doneFor(key),
      answer: text(answerPath(FORMS.rights, rightFieldIds(key).answer), rights[rightFieldIds(key).answer]),
    })),
    elements: {
      period,
      place: text(answerPath(FORMS.facts, FIELDS.facts.place), facts.place),
      forms,
      children: groupItems(people.children).map((child, i) =>
        options.childNames === 'firstNames'
          ? (text(
              `${answerPath(FORMS.people, FIELDS.people.children)}.${i}.${GROUP_FIELDS.people.children.firstName}`,
              child.firstName,
            ) ?? 'generic')
          : 'generic',
      ),
      evidence: record.evidence.filter(
        (item) => Number.isInteger(item.number) && (EVIDENCE_TYPES as readonly string[]).includes(item.type),
      ),
    },
    statement: approved
      ? {
          text: text('statement', approved.text),
          approvedAt: approved.approvedAt,
          addenda: record.addenda.map((a, i) => ({ text: text(`addendum.${i + 1}`, a.text), createdAt: a.createdAt })),
        }
      : null,
    translation: {
      offered: victimLanguage !== procedureLanguage,
      requested,
      interpreter: interpreterText
        ? {
            text: interpreterText,
            by: text(
              answerPath(FORMS.documents, FIELDS.documents.interpreterTranslationBy),
              documents.interpreterTranslationBy,
            ),
            at: dateText(documents.interpreterTranslationAt),
          }
        : null,
    },
    measures: printedMeasures,
    services: printedServices(record, filter, { leaflet: false }),
  };
}

/**
 * Every document a victim is given, by variant: a new one is added here or not at all, and the
 * test that walks these models (test/unit/victim-documents.test.tsx) holds it to the filter.
 */
export const VICTIM_DOCUMENTS = {
  full: (record: HearingRecord, filter: VictimTextFilter, options: VictimCopyOptions) =>
    buildVictimCopyModel(record, filter, options),
  discreet: (record: HearingRecord, filter: VictimTextFilter) => buildLeafletModel(record, filter),
} as const satisfies Record<
  VictimCopyVariant,
  (record: HearingRecord, filter: VictimTextFilter, options: VictimCopyOptions) => VictimDocumentModel
>;
