import type { RiskDefinitionInput } from './risk-definition';
import { riskV3 } from './risk.v3';

/**
 * Version 4: the rule of version 3, unchanged; every item asked now comes with the words to read
 * aloud to her, in the second person (`risk.items.<id>.plain`). Hearings taken under 1 to 3 keep
 * their questions as they were asked.
 */
export const riskV4 = {
  ...riskV3,
  version: 4,
  readAloud: true,
} satisfies RiskDefinitionInput;
