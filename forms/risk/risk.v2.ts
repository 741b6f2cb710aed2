import type { RiskDefinitionInput } from './risk-definition';
import { riskV1 } from './risk.v1';

/**
 * Version 2: the digital-violence step (digital-violence.md, section B) answers B6 to B8 and its
 * signals R1 to R10 raise the level or flag the file. R5 (growing monitoring), R9 (his technical
 * capability) and R11 (the device check) need facts the step does not record yet.
 */
export const riskV2 = {
  ...riskV1,
  version: 2,
  digitalItems: {
    B6: ['G1.1', 'G1.2', 'G1.3'],
    B7: ['G0.2', 'G1.4', 'G1.5', 'G2.1', 'G2.2', 'G2.3', 'G2.4', 'G3.1', 'G4.3'],
    B8: ['G3.2', 'G3.4', 'G5.1', 'G5.2', 'G5.3', 'G5.4', 'G5.5', 'G6.3', 'G8.1'],
  },
  digitalSignals: [
    { id: 'R1', prompts: ['G1.1', 'G1.2', 'G1.3'], effect: 'raiseToHigh' },
    { id: 'R2', prompts: ['G6.2'], effect: 'raiseToHigh' },
    { id: 'R3', prompts: ['G5.1', 'G5.2'], effect: 'raiseOne' },
    {
      id: 'R4',
      prompts: ['G1.4', 'G2.1', 'G2.2', 'G2.3', 'G2.4', 'G3.1'],
      effect: 'raiseOne',
      flag: 'communicationsCompromised',
    },
    { id: 'R6', prompts: ['G7.1', 'G7.2'], effect: 'flag', flag: 'childrenExposed', raiseOneWith: ['R1', 'R2'] },
    { id: 'R7', prompts: ['G1.5', 'G5.4'], effect: 'raiseOne' },
    { id: 'R8', prompts: ['G6.1', 'G6.3', 'G3.4'], effect: 'flag', flag: 'persistentHarassment' },
    {
      id: 'R10',
      prompts: ['G4.1', 'G4.2', 'G4.3', 'G3.3'],
      effect: 'flag',
      flag: 'financialControl',
      raiseOneWith: ['R1', 'R2'],
    },
  ],
} satisfies RiskDefinitionInput;
