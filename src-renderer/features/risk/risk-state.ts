import type { Answers } from '../../../forms/engine';
import type { RiskDefinition } from '../../../forms/risk/risk-definition';
import {
  followUpFieldId,
  itemFieldId,
  MAGISTRATE_FIELD_IDS,
  magistrateMissing,
  riskInputFromAnswers,
  sourceFieldId,
} from '../../../forms/risk/risk-form';
import type { ChannelOutput } from '../../../src-main/api/contract';

export type RiskHistory = ChannelOutput<'risk.history'>;

/** What the risk step still lacks before closing: an assessment, one that matches the answers, one not returned. */
export type RiskMissing = 'assessment' | 'assessmentOutdated' | 'assessmentReturned';

/** The assessment the risk step's answers would give now, and whether the stored one still matches them. */
export function riskState(
  definition: RiskDefinition,
  riskAnswers: Partial<Answers>,
  factsAnswers: Partial<Answers>,
  digitalAnswers: Partial<Answers>,
  history: RiskHistory | null,
) {
  const input = riskInputFromAnswers(definition, riskAnswers, factsAnswers, digitalAnswers);
  const latest = history?.assessments.find((a) => a.latest) ?? null;
  const stored = latest
    ? {
        answers: latest.input.answers,
        barriers: latest.input.barriers,
        facts: latest.input.facts,
        ...(latest.input.digital ? { digital: latest.input.digital } : {}),
      }
    : null;
  const upToDate = stored !== null && JSON.stringify(stored) === JSON.stringify(input);
  return {
    input,
    latest,
    upToDate,
    /** Questions of the step that the assessment's level makes required before closing (the magistrate's). */
    fieldsRequired: magistrateMissing(definition, latest?.level ?? null, riskAnswers),
    /**
     * Questions not shown: the magistrate's, until an assessment reaches their level (below it they
     * would only confuse), unless already answered.
     */
    fieldsHidden: MAGISTRATE_FIELD_IDS.filter(
      (id) =>
        (definition.magistrateFromLevel === undefined ||
          latest === null ||
          latest.level < definition.magistrateFromLevel) &&
        (riskAnswers[id] === undefined || riskAnswers[id] === null || riskAnswers[id] === ''),
    ) as string[],
    // As main's close check has it (src-main/services/risk.ts: riskAssessmentMissing).
    missing: (latest === null
      ? ['assessment']
      : [
          ...(upToDate ? [] : ['assessmentOutdated' as const]),
          ...(latest.reviewStatus === 'returned' ? ['assessmentReturned' as const] : []),
        ]) satisfies RiskMissing[] as RiskMissing[],
  };
}

export type RiskState = ReturnType<typeof riskState>;

/**
 * The risk items whose answer from police records speaks of other victims: D4, the suspect's
 * violence towards earlier partners (fed from his other pairs, or found by the officer in the
 * records). Nothing about other victims is visible in the interview room (product.md).
 */
const ABOUT_OTHER_VICTIMS = ['D4'];

/** The risk step's fields the victim beside the officer must not read, from the answers as stored. */
export function riskFieldsPrivateInRoom(riskAnswers: Partial<Answers>): string[] {
  return ABOUT_OTHER_VICTIMS.filter((item) => riskAnswers[sourceFieldId(item)] === 'policeRecords').flatMap((item) => [
    itemFieldId(item),
    followUpFieldId(item),
    sourceFieldId(item),
  ]);
}
