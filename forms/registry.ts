import {
  formDefinitionSchema,
  type FieldDefinition,
  type FormDefinition,
  type FormDefinitionInput,
} from './definition-schema';
import { factsV1 } from './definitions/facts.v1';
import { measuresV1 } from './definitions/measures.v1';
import { measuresV2 } from './definitions/measures.v2';
import { measuresV3 } from './definitions/measures.v3';
import { peopleV1 } from './definitions/people.v1';
import { peopleV2 } from './definitions/people.v2';
import { peopleV3 } from './definitions/people.v3';
import { peopleV4 } from './definitions/people.v4';
import { documentsV1 } from './definitions/documents.v1';
import { referralsV1 } from './definitions/referrals.v1';
import { rightsV1 } from './definitions/rights.v1';
import { rightsV2 } from './definitions/rights.v2';
import { setupV1 } from './definitions/setup.v1';
import { statementV1 } from './definitions/statement.v1';
import { statementV2 } from './definitions/statement.v2';
import { riskForm } from './risk/risk-form';
import { digitalV1, digitalV2 } from './digital/digital-form';
import { riskV1 } from './risk/risk.v1';
import { riskV2 } from './risk/risk.v2';
import { riskV3 } from './risk/risk.v3';
import { riskV4 } from './risk/risk.v4';
import { riskV5 } from './risk/risk.v5';

/**
 * Every version of every form ever shipped. A version is never edited once released: a hearing
 * keeps the version it was opened under and must open and print as it was taken.
 */
const ALL_DEFINITIONS: FormDefinitionInput[] = [
  setupV1,
  rightsV1,
  rightsV2,
  peopleV1,
  peopleV2,
  peopleV3,
  peopleV4,
  factsV1,
  digitalV1,
  digitalV2,
  riskForm(riskV1),
  riskForm(riskV2),
  riskForm(riskV3),
  riskForm(riskV4),
  riskForm(riskV5),
  measuresV1,
  measuresV2,
  measuresV3,
  referralsV1,
  statementV1,
  statementV2,
  documentsV1,
];

/** The steps of a hearing, in order, each a form id. */
const HEARING_STEPS = [
  'setup',
  'rights',
  'people',
  'facts',
  'digital',
  'risk',
  'measures',
  'referrals',
  'statement',
  'documents',
];

export function buildRegistry(definitions: FormDefinitionInput[], steps: string[]) {
  const parsed = definitions.map((d) => formDefinitionSchema.parse(d));
  const byKey = new Map(parsed.map((d) => [`${d.id}@${d.version}`, d]));
  if (byKey.size !== parsed.length) throw new Error('Two form definitions share an id and version');
  const undefinedStep = steps.find((step) => !parsed.some((d) => d.id === step));
  if (undefinedStep) throw new Error(`The step ${undefinedStep} has no form definition`);
  for (const form of parsed) for (const field of form.fields) checkEarlierAnswers(form, field, parsed, steps);
  return {
    all: parsed,
    steps,
    get(formId: string, version: number): FormDefinition | undefined {
      return byKey.get(`${formId}@${version}`);
    },
    latest(formId: string): FormDefinition | undefined {
      return parsed.filter((d) => d.id === formId).sort((a, b) => b.version - a.version)[0];
    },
  };
}

/**
 * A question answered by another step names one that comes before it and offers what `when`
 * lists, in the latest version of that step (the one a new hearing is taken under).
 */
function checkEarlierAnswers(form: FormDefinition, field: FieldDefinition, all: FormDefinition[], steps: string[]) {
  for (const rule of field.answeredBy ?? []) {
    if (!('form' in rule)) continue;
    const where = `${form.id}@${form.version} ${field.id}: ${rule.form}.${rule.field}`;
    if (!(steps.indexOf(rule.form) < steps.indexOf(form.id) && steps.includes(rule.form)))
      throw new Error(`${where} is not an earlier step`);
    const source = all.filter((d) => d.id === rule.form).sort((a, b) => b.version - a.version)[0]!;
    const [fieldId, subId] = rule.field.split('.');
    const top = source.fields.find((f) => f.id === fieldId);
    const asked = subId !== undefined && top?.kind === 'group' ? top.fields.find((f) => f.id === subId) : top;
    if ('draft' in rule) {
      if (asked?.kind !== 'longText' && asked?.kind !== 'shortText') throw new Error(`${where} is not a text`);
      continue;
    }
    const offered = asked && 'options' in asked ? asked.options.map((o) => o.value) : [];
    if ((subId !== undefined && top?.kind !== 'group') || rule.when.some((value) => !offered.includes(value)))
      throw new Error(`${where} does not offer ${rule.when.join(', ')}`);
  }
}

export type FormRegistry = ReturnType<typeof buildRegistry>;

export const formRegistry: FormRegistry = buildRegistry(ALL_DEFINITIONS, HEARING_STEPS);
