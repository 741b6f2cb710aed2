import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { FIELDS } from '../fields.generated';
import { YES_NO_UNKNOWN_REFUSED } from '../definitions/options';
import type { RiskInput, RiskItemAnswer } from './evaluate';
import { RISK_SOURCES, type RiskAnswer, type RiskDefinitionInput, type RiskSource } from './risk-definition';
import { promptFieldId } from '../digital/prompts';

export const RISK_FORM_ID = 'risk';

/** The form field of an item: `A3` is asked as `a3`, its source as `a3Source`. */
export const itemFieldId = (itemId: string) => itemId.toLowerCase();
export const sourceFieldId = (itemId: string) => `${itemId.toLowerCase()}Source`;
export const followUpFieldId = (itemId: string) => `${itemId.toLowerCase()}FollowUp`;
export const BARRIERS_FIELD_ID = 'barriers';
/** The device check's answer (R11): the phone check sets it to yes on a High finding; the officer may record a lab's too. */
export const DEVICE_CHECK_FIELD_ID = 'deviceCheck';

/** Whether a definition has a signal fed by the phone check (version 3 on). */
export function usesDeviceCheck(definition: RiskDefinitionInput): boolean {
  return (definition.digitalSignals ?? []).some((s) => s.facts?.includes('deviceCheckHigh'));
}
export const OTHER_WORRIES_FIELD_ID = 'otherWorries';
/** When and to whom the on-duty magistrate was informed (version 4 on; required at its level). */
export const MAGISTRATE_FIELD_IDS = ['magistrateInformedAt', 'magistrateInformedTo'] as const;

/**
 * The magistrate's answers still needed before closing: none below the definition's level, both
 * empty ones from it on. The one rule for main's close check and the screen's list of gaps.
 */
export function magistrateMissing(
  definition: RiskDefinitionInput,
  level: number | null,
  riskAnswers: Readonly<Record<string, unknown>>,
): string[] {
  const from = definition.magistrateFromLevel;
  if (from === undefined || level === null || level < from) return [];
  return MAGISTRATE_FIELD_IDS.filter((id) => {
    const value = riskAnswers[id];
    return typeof value !== 'string' || value.trim() === '';
  });
}

/**
 * The questions of the risk step, generated from the tool's definition so that the items the
 * officer answers and the items the rule scores can never drift apart. The same form engine
 * saves, validates and shows them as every other step.
 */
export function riskForm(definition: RiskDefinitionInput): FormDefinitionInput {
  const fields: FieldDefinitionInput[] = [];
  const fromDigital = new Set(Object.keys(definition.digitalItems ?? {}));
  for (const domain of definition.domains) {
    domain.items
      .filter((item) => !fromDigital.has(item.id))
      .forEach((item, index) => {
        const id = itemFieldId(item.id);
        fields.push({
          id,
          kind: 'singleChoice',
          labelKey: `risk.items.${item.id}.label`,
          helpKey: `risk.items.${item.id}.why`,
          // The question put to her in her own words (the label is the officer's, in the third person).
          ...(definition.readAloud
            ? { guidance: [{ labelKey: 'risk.sayItPlainly', textKey: `risk.items.${item.id}.plain` }] }
            : {}),
          requiredToClose: true,
          options: YES_NO_UNKNOWN_REFUSED,
          ...(index === 0 ? { sectionKey: `risk.domains.${domain.id}` } : {}),
          ...(definition.earlierAnswers?.[item.id] ? { answeredBy: definition.earlierAnswers[item.id] } : {}),
        });
        if (item.followUp) {
          fields.push({
            id: followUpFieldId(item.id),
            kind: 'singleChoice',
            labelKey: `risk.items.${item.id}.followUp.label`,
            visibleWhen: { field: id, in: ['yes'] },
            requiredToClose: true,
            options: item.followUp.options.map((value) => ({
              value,
              labelKey: `risk.items.${item.id}.followUp.${value}`,
            })),
          });
        }
        fields.push({
          id: sourceFieldId(item.id),
          kind: 'singleChoice',
          display: 'select',
          labelKey: 'risk.source.label',
          visibleWhen: { field: id, in: ['yes', 'no', 'unknown', 'refused'] },
          requiredToClose: true,
          options: RISK_SOURCES.map((value) => ({ value, labelKey: `risk.source.${value}` })),
          ...(definition.defaultSource ? { answeredBy: [{ answer: definition.defaultSource }] } : {}),
        });
      });
  }
  if (usesDeviceCheck(definition))
    fields.push({
      id: DEVICE_CHECK_FIELD_ID,
      kind: 'singleChoice',
      labelKey: 'risk.deviceCheck.label',
      helpKey: 'risk.deviceCheck.why',
      keepHistory: true,
      sectionKey: 'risk.domains.deviceCheck',
      options: [
        { value: 'yes', labelKey: 'risk.deviceCheck.yes' },
        { value: 'no', labelKey: 'risk.deviceCheck.no' },
      ],
    });
  fields.push({
    id: OTHER_WORRIES_FIELD_ID,
    kind: 'longText',
    labelKey: 'risk.otherWorries.label',
    helpKey: 'risk.otherWorries.why',
    maxLength: 10_000,
    sectionKey: 'risk.domains.victimView',
  });
  fields.push({
    id: BARRIERS_FIELD_ID,
    kind: 'multiChoice',
    labelKey: 'risk.barriers.label',
    helpKey: 'risk.barriers.why',
    requiredToClose: true,
    sectionKey: 'risk.domains.V',
    options: [
      ...definition.barriers.map((b) => ({ value: b.id, labelKey: `risk.barriers.${b.id}` })),
      { value: 'none', labelKey: 'risk.barriers.none', exclusive: true },
    ],
  });
  // Last: the magistrate is informed once the assessment gives the level.
  if (definition.magistrateFromLevel !== undefined)
    fields.push(
      {
        id: MAGISTRATE_FIELD_IDS[0],
        kind: 'dateTime',
        labelKey: 'risk.magistrate.informedAt',
        helpKey: 'risk.magistrate.why',
        keepHistory: true,
        sectionKey: 'risk.domains.magistrate',
      },
      { id: MAGISTRATE_FIELD_IDS[1], kind: 'shortText', labelKey: 'risk.magistrate.informedTo', maxLength: 200 },
    );
  return { id: RISK_FORM_ID, version: definition.version, titleKey: 'risk.title', editableAfterClose: true, fields };
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A step's saved answers by field id, as main reads them (forms/answers.ts) or the renderer holds them. */
type StepAnswers = Readonly<Record<string, unknown>>;

/** The facts step's answer that RF6 reads: physical or sexual violence recorded. */
export function physicalOrSexualViolence(factsAnswers: StepAnswers | undefined): boolean {
  const forms = factsAnswers?.[FIELDS.facts.formsOfViolence];
  return Array.isArray(forms) && forms.some((f) => f === 'physical' || f === 'sexual');
}

/** From the saved answers of the risk and facts steps to the evaluation's input. */
export function riskInputFromAnswers(
  definition: RiskDefinitionInput,
  riskAnswers: StepAnswers,
  factsAnswers: StepAnswers | undefined,
  digitalAnswers?: StepAnswers,
): RiskInput {
  const answers: Record<string, RiskItemAnswer> = {};
  const fromDigital = new Set(Object.keys(definition.digitalItems ?? {}));
  for (const item of definition.domains.flatMap((d) => d.items).filter((i) => !fromDigital.has(i.id))) {
    const answer = riskAnswers[itemFieldId(item.id)];
    const source = riskAnswers[sourceFieldId(item.id)];
    const followUp = riskAnswers[followUpFieldId(item.id)];
    answers[item.id] = {
      answer: typeof answer === 'string' ? (answer as RiskAnswer) : null,
      source: typeof source === 'string' ? (source as RiskSource) : null,
      ...(item.followUp ? { followUp: typeof followUp === 'string' ? followUp : null } : {}),
    };
  }
  const barriers = riskAnswers[BARRIERS_FIELD_ID];
  const prompts = [
    ...new Set([
      ...Object.values(definition.digitalItems ?? {}).flat(),
      ...(definition.digitalSignals ?? []).flatMap((s) => s.prompts),
    ]),
  ].sort();
  return {
    answers,
    barriers: Array.isArray(barriers) ? (barriers as string[]).filter((b) => b !== 'none') : [],
    facts: {
      physicalOrSexualViolence: physicalOrSexualViolence(factsAnswers),
      ...(usesDeviceCheck(definition) ? { deviceCheckHigh: riskAnswers[DEVICE_CHECK_FIELD_ID] === 'yes' } : {}),
    },
    ...(prompts.length > 0
      ? { digital: Object.fromEntries(prompts.map((p) => [p, stringOrNull(digitalAnswers?.[promptFieldId(p)])])) }
      : {}),
  };
}
