import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import type { Answers } from '../engine';
import { YES_NO_UNKNOWN_REFUSED } from '../definitions/options';
import type { RiskInput, RiskItemAnswer } from './evaluate';
import { RISK_SOURCES, type RiskAnswer, type RiskDefinitionInput, type RiskSource } from './risk-definition';

export const RISK_FORM_ID = 'risk';

/** The form field of an item: `A3` is asked as `a3`, its source as `a3Source`. */
export const itemFieldId = (itemId: string) => itemId.toLowerCase();
export const sourceFieldId = (itemId: string) => `${itemId.toLowerCase()}Source`;
export const followUpFieldId = (itemId: string) => `${itemId.toLowerCase()}FollowUp`;
export const BARRIERS_FIELD_ID = 'barriers';
export const OTHER_WORRIES_FIELD_ID = 'otherWorries';

/**
 * The questions of the risk step, generated from the tool's definition so that the items the
 * officer answers and the items the rule scores can never drift apart. The same form engine
 * saves, validates and shows them as every other step.
 */
export function riskForm(definition: RiskDefinitionInput): FormDefinitionInput {
  const fields: FieldDefinitionInput[] = [];
  for (const domain of definition.domains) {
    domain.items.forEach((item, index) => {
      const id = itemFieldId(item.id);
      fields.push({
        id,
        kind: 'singleChoice',
        labelKey: `risk.items.${item.id}.label`,
        helpKey: `risk.items.${item.id}.why`,
        requiredToClose: true,
        options: YES_NO_UNKNOWN_REFUSED,
        ...(index === 0 ? { sectionKey: `risk.domains.${domain.id}` } : {}),
      });
      if (item.followUp) {
        fields.push({
          id: followUpFieldId(item.id),
          kind: 'singleChoice',
          labelKey: `risk.items.${item.id}.followUp.label`,
          visibleWhen: { field: id, in: ['yes'] },
          requiredToClose: true,
          options: item.followUp.options.map((value) => ({ value, labelKey: `risk.items.${item.id}.followUp.${value}` })),
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
      });
    });
  }
  fields.push({ id: OTHER_WORRIES_FIELD_ID, kind: 'longText', labelKey: 'risk.otherWorries.label', helpKey: 'risk.otherWorries.why', maxLength: 10_000, sectionKey: 'risk.domains.victimView' });
  fields.push({
    id: BARRIERS_FIELD_ID,
    kind: 'multiChoice',
    labelKey: 'risk.barriers.label',
    helpKey: 'risk.barriers.why',
    requiredToClose: true,
    sectionKey: 'risk.domains.V',
    options: [...definition.barriers.map((b) => ({ value: b.id, labelKey: `risk.barriers.${b.id}` })), { value: 'none', labelKey: 'risk.barriers.none', exclusive: true }],
  });
  return { id: RISK_FORM_ID, version: definition.version, titleKey: 'risk.title', editableAfterClose: true, fields };
}

/** The facts step's answer that RF6 reads: physical or sexual violence recorded. */
export function physicalOrSexualViolence(factsAnswers: Partial<Answers> | undefined): boolean {
  const forms = factsAnswers?.['formsOfViolence'];
  return Array.isArray(forms) && forms.some((f) => f === 'physical' || f === 'sexual');
}

/** From the saved answers of the risk and facts steps to the evaluation's input. */
export function riskInputFromAnswers(definition: RiskDefinitionInput, riskAnswers: Partial<Answers>, factsAnswers: Partial<Answers> | undefined): RiskInput {
  const answers: Record<string, RiskItemAnswer> = {};
  for (const item of definition.domains.flatMap((d) => d.items)) {
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
  return {
    answers,
    barriers: Array.isArray(barriers) ? (barriers as string[]).filter((b) => b !== 'none') : [],
    facts: { physicalOrSexualViolence: physicalOrSexualViolence(factsAnswers) },
  };
}
