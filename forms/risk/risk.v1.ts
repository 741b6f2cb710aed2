import type { RiskDefinitionInput } from './risk-definition';

/**
 * Version 1 of the tool, transcribed from risk-tool.md (items, provisional weights, red flags,
 * level rule, measures and reassessment by level). The wording of each question is our own
 * and lives in the officer catalogs under risk.items.*.
 */
export const riskV1 = {
  version: 1,
  domains: [
    {
      id: 'A',
      items: [
        { id: 'A1', weight: 1 },
        { id: 'A2', weight: 2 },
        { id: 'A3', weight: 3 },
        { id: 'A4', weight: 3 },
        { id: 'A5', weight: 3 },
        { id: 'A6', weight: 2 },
        { id: 'A7', weight: 2 },
        { id: 'A8', weight: 2 },
        // 3 or more interventions in 12 months sets the escalation flag.
        { id: 'A9', weight: 1, followUp: { options: ['oneOrTwo', 'threeOrMore'] } },
      ],
    },
    {
      id: 'B',
      items: [
        { id: 'B1', weight: 2 },
        { id: 'B2', weight: 2 },
        { id: 'B3', weight: 2 },
        { id: 'B4', weight: 1 },
        { id: 'B5', weight: 1 },
        { id: 'B6', weight: 2 },
        { id: 'B7', weight: 2 },
        { id: 'B8', weight: 2 },
      ],
    },
    {
      id: 'C',
      items: [
        { id: 'C1', weight: 2 },
        { id: 'C2', weight: 1 },
        { id: 'C3', weight: 1 },
        { id: 'C4', weight: 3 },
        { id: 'C5', weight: 1 },
      ],
    },
    {
      id: 'D',
      items: [
        { id: 'D1', weight: 3 },
        { id: 'D2', weight: 2 },
        { id: 'D3', weight: 1 },
        { id: 'D4', weight: 2 },
        { id: 'D5', weight: 2 },
        { id: 'D6', weight: 1 },
      ],
    },
    {
      id: 'E',
      items: [
        { id: 'E1', weight: 2 },
        { id: 'E2', weight: 3 },
        { id: 'E3', weight: 1 },
      ],
    },
  ],
  redFlags: [
    { id: 'RF1', when: { item: 'A3', is: 'yes' } },
    { id: 'RF2', when: { item: 'A4', is: 'yes' } },
    {
      id: 'RF2b',
      when: {
        all: [
          { item: 'D1', is: 'yes' },
          {
            any: [
              { item: 'A5', is: 'yes' },
              { item: 'B2', is: 'yes' },
              { item: 'C1', is: 'yes' },
            ],
          },
        ],
      },
    },
    // A5 covers threats to kill her, the children or others.
    { id: 'RF3', when: { item: 'A5', is: 'yes' } },
    // Stalking after a separation: C1 records the separation.
    {
      id: 'RF4',
      when: {
        all: [
          { item: 'B3', is: 'yes' },
          { item: 'C1', is: 'yes' },
        ],
      },
    },
    { id: 'RF5', when: { item: 'C4', is: 'yes' } },
    {
      id: 'RF6',
      when: {
        all: [
          { item: 'C1', is: 'yes' },
          {
            any: [
              { item: 'B1', is: 'yes' },
              { item: 'B2', is: 'yes' },
            ],
          },
          {
            any: [
              { fact: 'physicalOrSexualViolence' },
              { item: 'A1', is: 'yes' },
              { item: 'A3', is: 'yes' },
              { item: 'A4', is: 'yes' },
              { item: 'A6', is: 'yes' },
              { item: 'A8', is: 'yes' },
            ],
          },
        ],
      },
    },
    { id: 'RF7', when: { item: 'E2', is: 'yes' } },
  ],
  uncertaintyItems: ['A3', 'A4', 'A5', 'B3', 'C4', 'D1', 'E2'],
  uncertaintyMinimum: 2,
  uncertaintyReassessWithinHours: 72,
  escalation: { item: 'A9', followUpValue: 'threeOrMore' },
  escalationFloor: 2,
  oneRedFlagFloor: 3,
  twoRedFlagsLevel: 4,
  fear: { item: 'E1', belowLevel: 3 },
  barriers: [
    { id: 'V1', raisesLevel: true },
    { id: 'V2', raisesLevel: false },
    { id: 'V3', raisesLevel: true },
    { id: 'V4', raisesLevel: false },
    { id: 'V5', raisesLevel: false },
    { id: 'V6', raisesLevel: true },
    { id: 'V7', raisesLevel: true },
    { id: 'V8', raisesLevel: false },
    { id: 'V9', raisesLevel: false },
  ],
  barrierRaisesLevels: [2, 3],
  victimViewItems: ['E1', 'E2'],
  reviewFromLevel: 3,
  levels: [
    {
      level: 1,
      fromScore: 0,
      reassessWithinHours: 60 * 24,
      procedureKeys: ['risk.procedure.level1'],
      measures: ['information', 'safetyAdvice', 'contactNumbers'],
    },
    {
      level: 2,
      fromScore: 8,
      reassessWithinHours: 30 * 24,
      procedureKeys: ['risk.procedure.level2'],
      measures: ['victimSupport', 'safetyPlan', 'alarmInformation'],
    },
    {
      level: 3,
      fromScore: 16,
      reassessWithinHours: 7 * 24,
      procedureKeys: ['risk.procedure.level3'],
      measures: ['residenceOrContactBan', 'alarm', 'specialisedSupport', 'safetyPlan'],
    },
    {
      level: 4,
      fromScore: 25,
      reassessWithinHours: 72,
      procedureKeys: ['risk.procedure.level4'],
      measures: ['residenceBan', 'alarm', 'addressProtection', 'shelter', 'childProtection', 'caseConference'],
    },
  ],
} satisfies RiskDefinitionInput;
