import type { Answers } from '../../../forms/engine';
import type { RiskDefinition } from '../../../forms/risk/risk-definition';
import { MAGISTRATE_FIELD_IDS, magistrateMissing, riskInputFromAnswers } from '../../../forms/risk/risk-form';
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
