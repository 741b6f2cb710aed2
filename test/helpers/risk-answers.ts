import { DIGITAL_PROMPTS, promptFieldId } from '../../forms/digital/prompts';
import { riskRegistry } from '../../forms/risk/registry';
import { BARRIERS_FIELD_ID, followUpFieldId, itemFieldId, sourceFieldId } from '../../forms/risk/risk-form';
import type { RiskAnswer } from '../../forms/risk/risk-definition';

/** The version new hearings are assessed with. */
export const RISK_VERSION = riskRegistry.latest().version;

/**
 * Answers for every item the risk step asks (those the digital step answers are not asked):
 * "no" from the victim, unless a test says otherwise. `barriers` lists V ids, or none.
 */
export function riskStepAnswers(
  answers: Partial<Record<string, RiskAnswer>> = {},
  options: { barriers?: string[]; followUps?: Record<string, string> } = {},
): Record<string, unknown> {
  const definition = riskRegistry.latest();
  const fromDigital = new Set(Object.keys(definition.digitalItems ?? {}));
  const values: Record<string, unknown> = {};
  for (const item of definition.domains.flatMap((d) => d.items).filter((i) => !fromDigital.has(i.id))) {
    const answer = answers[item.id] ?? 'no';
    values[itemFieldId(item.id)] = answer;
    values[sourceFieldId(item.id)] = 'victim';
    if (item.followUp && answer === 'yes')
      values[followUpFieldId(item.id)] = options.followUps?.[item.id] ?? item.followUp.options[0];
  }
  values[BARRIERS_FIELD_ID] = options.barriers && options.barriers.length > 0 ? options.barriers : ['none'];
  return values;
}

/**
 * Every prompt of the digital-violence step answered: "no", unless a test says otherwise; the open
 * questions (answered in words since digital@2) with an invented sentence.
 */
export function digitalStepAnswers(
  answers: Record<string, 'yes' | 'no' | 'unsure' | 'declined'> = {},
): Record<string, unknown> {
  return Object.fromEntries(
    DIGITAL_PROMPTS.map((p) => [
      promptFieldId(p.id),
      p.inWords ? `Sa réponse à ${p.id}, avec ses mots (fictive).` : (answers[p.id] ?? 'no'),
    ]),
  );
}
