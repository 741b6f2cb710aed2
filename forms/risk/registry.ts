import { riskDefinitionSchema, type RiskDefinition, type RiskDefinitionInput } from './risk-definition';
import { riskV1 } from './risk.v1';
import { riskV2 } from './risk.v2';
import { riskV3 } from './risk.v3';
import { riskV4 } from './risk.v4';
import { riskV5 } from './risk.v5';

/** Every version of the tool ever shipped; an assessment is re-evaluated with its own. */
const ALL_RISK_DEFINITIONS: RiskDefinitionInput[] = [riskV1, riskV2, riskV3, riskV4, riskV5];

export function buildRiskRegistry(definitions: RiskDefinitionInput[]) {
  const parsed = definitions.map((d) => riskDefinitionSchema.parse(d));
  if (new Set(parsed.map((d) => d.version)).size !== parsed.length)
    throw new Error('Two risk definitions share a version');
  return {
    get: (version: number): RiskDefinition | undefined => parsed.find((d) => d.version === version),
    latest: (): RiskDefinition => [...parsed].sort((a, b) => b.version - a.version)[0]!,
  };
}

export const riskRegistry = buildRiskRegistry(ALL_RISK_DEFINITIONS);
