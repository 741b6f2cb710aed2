import { DIGITAL_PROMPTS, promptFieldId } from '../../forms/digital/prompts';
import { MEASURES } from '../../forms/definitions/measures.v1';
import { RIGHTS } from '../../forms/definitions/rights.v1';
import type { VictimCopyVariant } from '../../forms/documents';
import type { DateOrPeriod } from '../../forms/engine';
import type { EvidenceType } from '../../forms/evidence';
import type { SupportService } from '../../forms/support-directory';

/** Everything about one hearing a document may draw on, gathered by src-main/services/documents.ts. */
export interface HearingRecord {
  reference: string;
  createdAt: number;
  unitName: string | null;
  officer: { displayName: string; serviceNumber: string | null };
  /** Answers by form id, each with the version the hearing was taken under. */
  forms: Record<string, { version: number; answers: Record<string, unknown> }>;
  statement: { text: string; approvedAt: number } | null;
  addenda: { text: string; createdAt: number }[];
  evidence: { label: string; type: EvidenceType }[];
  services: (SupportService & { id: string })[];
}

export interface VictimCopyOptions {
  variant: VictimCopyVariant;
  /** Zone policy (config.json `victimCopyChildNames`): her children's first names, or "your child". */
  childNames: 'firstNames' | 'generic';
  /** Zone policy (config.json `victimCopyOfficerName`): the officer's name beside the service number. */
  officerName: boolean;
}

/** Shelters are never printed, whatever the officer chose: their address is what a perpetrator looks for. */
const NEVER_PRINTED_SERVICE_KINDS = new Set(['shelter']);
/** Always on her paper, wherever she lives: emergencies, violence helplines, online harm, children. */
const ALWAYS_PRINTED_SERVICE_KINDS = new Set(['emergency', 'helpline', 'onlineHarm', 'childProtection']);

/** A piece of free text, with the passages withheld for her safety cut out (`withheld` marks where). */
export type SafeText = ({ text: string } | { withheld: true })[];

/**
 * Only what a victim-facing document may show. Built from an allow-list of fields: the
 * non-communicable address, where she is staying, her safe contact channel, the risk level and
 * its reasons, and the suspect's record are never read into it. Free text she or the officer
 * wrote (the statement, the place) still could contain one of them, so those values are cut out
 * of every text, and `assertNothingProtected` checks the rendered document once more.
 */
export interface VictimCopyModel {
  variant: VictimCopyVariant;
  reference: string;
  procedureLanguage: string;
  /** Her language as recorded ('other' when it has no code). */
  victimLanguage: string;
  victimLanguageOther: string | null;
  header: {
    unitName: string | null;
    pvNumber: string | null;
    hearingAt: number;
    officer: string | null;
    interpreter: { present: boolean; reference: string | null };
  } | null;
  rights: { key: (typeof RIGHTS)[number]; explained: boolean; done: string[]; answer: SafeText | null }[];
  elements: {
    period: DateOrPeriod | null;
    place: SafeText | null;
    forms: string[];
    children: (SafeText | 'generic')[];
    evidence: { label: string; type: EvidenceType }[];
  };
  statement: { text: SafeText; approvedAt: number; addenda: { text: SafeText; createdAt: number }[] } | null;
  translation: { offered: boolean; requested: boolean | null; interpreter: { text: SafeText; by: string | null; at: string | null } | null };
  measures: { key: (typeof MEASURES)[number]; position: string | null; state: string | null }[];
  services: { name: string; kind: string; region: string; phone: string; website: string; hours: string }[];
  withheldCount: number;
}

/** The answers of each item of a repeated group (`[{ key, values }]`). */
export function groupItems(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map((item) => ((item as { values?: Record<string, unknown> } | null)?.values ?? {})) : [];
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The values no victim-facing document may contain, from the fields that hold them. */
export function protectedValues(record: HearingRecord): string[] {
  const people = record.forms.people?.answers ?? {};
  const values = [str(people.victimStayingAt), str(people.victimSafeChannelDetail)];
  // Her address is withheld when it is non-communicable; a shelter's name and address always.
  if (people.victimAddressNonCommunicable === 'yes') values.push(str(people.victimAddress));
  for (const service of record.services) if (NEVER_PRINTED_SERVICE_KINDS.has(service.kind)) values.push(service.name, service.phone, service.website);
  return values.filter((v): v is string => v !== null && normalise(v).replace(/\s/g, '').length >= 4);
}

function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

/** Escapes a value for a RegExp that matches it whatever its case and spacing. */
function looseMatcher(values: string[]): RegExp | null {
  if (values.length === 0) return null;
  const parts = values.map((v) => normalise(v).split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  return new RegExp(parts.sort((a, b) => b.length - a.length).join('|'), 'giu');
}

export function buildVictimCopyModel(record: HearingRecord, options: VictimCopyOptions): VictimCopyModel {
  const answersOf = (formId: string) => record.forms[formId]?.answers ?? {};
  const setup = answersOf('setup');
  const rights = answersOf('rights');
  const people = answersOf('people');
  const facts = answersOf('facts');
  const digital = answersOf('digital');
  const measures = answersOf('measures');
  const referrals = answersOf('referrals');
  const documents = answersOf('documents');
  const full = options.variant === 'full';

  const matcher = looseMatcher(protectedValues(record));
  let withheldCount = 0;
  const safe = (value: unknown): SafeText | null => {
    const text = str(value);
    if (text === null) return null;
    if (!matcher) return [{ text }];
    const pieces: SafeText = [];
    let last = 0;
    for (const match of text.normalize('NFC').matchAll(matcher)) {
      pieces.push({ text: text.normalize('NFC').slice(last, match.index) }, { withheld: true });
      last = match.index + match[0].length;
      withheldCount += 1;
    }
    pieces.push({ text: text.normalize('NFC').slice(last) });
    return pieces.filter((p) => !('text' in p) || p.text !== '');
  };

  const interpreterPresent = setup.interpreterPresent === 'yes';
  const doneFor = (key: (typeof RIGHTS)[number]): string[] => {
    if (key === 'interpreter') return [interpreterPresent ? 'interpreterProvided' : 'interpreterNotNeeded'];
    if (key === 'supportPerson') return [setup.supportPersonPresent === 'yes' ? 'supportPersonPresent' : 'supportPersonAbsent'];
    if (key === 'officerGender') {
      if (setup.preferredOfficerGender === 'none') return ['officerGenderNoPreference'];
      if (setup.preferredOfficerGenderMet === 'yes') return ['officerGenderMet'];
      if (setup.preferredOfficerGenderMet === 'no') return ['officerGenderNotMet'];
    }
    return [];
  };

  // A prompt naming an offence, answered yes (G9, her safety needs, names none).
  const digitalViolence = DIGITAL_PROMPTS.some((prompt) => prompt.offences.length > 0 && digital[promptFieldId(prompt.id)] === 'yes');
  const forms = [...(Array.isArray(facts.formsOfViolence) ? (facts.formsOfViolence as string[]) : []), ...(digitalViolence ? ['digital'] : [])];
  const children = groupItems(people.children).map((child) => (options.childNames === 'firstNames' ? (safe(child.firstName) ?? 'generic') : 'generic'));

  const given = new Set(Array.isArray(referrals.servicesGiven) ? (referrals.servicesGiven as string[]) : []);
  const services = record.services
    .filter((s) => s.active && !NEVER_PRINTED_SERVICE_KINDS.has(s.kind) && (ALWAYS_PRINTED_SERVICE_KINDS.has(s.kind) || given.has(s.id)))
    .map((s) => ({ name: s.name, kind: s.kind, region: s.region, phone: s.phone, website: s.website, hours: s.hours }));

  const requested = documents.translationRequested === 'yes' ? true : documents.translationRequested === 'no' ? false : null;
  const interpreterText = safe(documents.interpreterTranslation);
  const approved = record.statement;

  const model: VictimCopyModel = {
    variant: options.variant,
    reference: record.reference,
    procedureLanguage: str(setup.procedureLanguage) ?? 'fr',
    victimLanguage: str(setup.victimLanguage) ?? 'other',
    victimLanguageOther: str(setup.victimLanguageOther),
    header: full
      ? {
          unitName: record.unitName,
          pvNumber: str(documents.pvNumber),
          hearingAt: record.createdAt,
          officer: [record.officer.serviceNumber, options.officerName ? record.officer.displayName : null].filter((v) => v !== null).join(' – ') || null,
          interpreter: { present: interpreterPresent, reference: interpreterPresent ? str(setup.interpreterReference) : null },
        }
      : null,
    rights: RIGHTS.map((key) => ({ key, explained: rights[`${key}Explained`] === 'yes', done: doneFor(key), answer: safe(rights[`${key}Answer`]) })),
    elements: {
      period: (facts.period as DateOrPeriod | undefined) ?? null,
      place: safe(facts.place),
      forms,
      children,
      evidence: record.evidence,
    },
    statement:
      full && approved
        ? { text: safe(approved.text) ?? [], approvedAt: approved.approvedAt, addenda: record.addenda.map((a) => ({ text: safe(a.text) ?? [], createdAt: a.createdAt })) }
        : null,
    translation: {
      offered: str(setup.victimLanguage) !== str(setup.procedureLanguage),
      requested,
      interpreter: interpreterText ? { text: interpreterText, by: str(documents.interpreterTranslationBy), at: str(documents.interpreterTranslationAt) } : null,
    },
    measures: MEASURES.map((key) => ({ key, position: str(measures[`${key}Position`]), state: str(measures[`${key}State`]) })),
    services,
    withheldCount: 0,
  };
  model.withheldCount = withheldCount;
  return model;
}
