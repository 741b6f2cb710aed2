import type { RiskDefinitionInput } from './risk-definition';
import { riskV3 } from './risk.v3';

/**
 * Version 4: the rule of version 3, unchanged. Every item asked now comes with the words to read
 * aloud to her, in the second person (`risk.items.<id>.plain`); at level 4 the risk step records
 * when and to whom the on-duty magistrate was informed, and the hearing does not close without it.
 * Hearings taken under 1 to 3 keep their questions as they were asked.
 */
export const riskV4 = {
  ...riskV3,
  version: 4,
  readAloud: true,
  magistrateFromLevel: 4,
} satisfies RiskDefinitionInput;
