import type { RiskDefinitionInput } from './risk-definition';
import { riskV2 } from './risk.v2';

/**
 * Version 3: R11 (digital-violence.md, section B), a High finding of the phone check (known
 * stalkerware, an unknown accessibility or notification service, an unknown device owner, root):
 * as R4 (one level up, communications compromised), plus evidence preservation. It is fed by a
 * fact, not a prompt: the risk step's device-check answer, which the phone check sets to yes.
 */
export const riskV3 = {
  ...riskV2,
  version: 3,
  digitalSignals: [
    ...riskV2.digitalSignals,
    { id: 'R11', prompts: [], facts: ['deviceCheckHigh'], effect: 'raiseOne', flag: 'preserveDeviceEvidence' },
  ],
} satisfies RiskDefinitionInput;
