import { describe, expect, it } from 'vitest';
import { compareAssessments, evaluateRisk, type RiskInput, type RiskJudgement } from '../../forms/risk/evaluate';
import { riskDefinitionSchema, type RiskAnswer } from '../../forms/risk/risk-definition';
import { riskInputFromAnswers } from '../../forms/risk/risk-form';
import { riskRegistry } from '../../forms/risk/registry';
import { riskV1 } from '../../forms/risk/risk.v1';

const definition = riskRegistry.get(1)!;

interface Case {
  name: string;
  answers?: Partial<Record<string, RiskAnswer>>;
  followUps?: Record<string, string>;
  barriers?: string[];
  physicalOrSexualViolence?: boolean;
  judgement?: RiskJudgement;
  expect: {
    level: number;
    computedLevel?: number;
    floor?: number;
    score?: number;
    redFlags?: string[];
    rules?: string[];
    insufficient?: boolean;
    reassessWithinHours?: number;
    judgementProblem?: string | null;
    loweringPending?: boolean;
  };
}

/** Yes to each listed item; every other item answered no, unless the case says otherwise. */
function input(c: Case): RiskInput {
  const answers: RiskInput['answers'] = {};
  for (const item of definition.domains.flatMap((d) => d.items)) {
    const followUp = c.followUps?.[item.id];
    answers[item.id] = { answer: c.answers?.[item.id] ?? 'no', source: 'victim', ...(followUp ? { followUp } : {}) };
  }
  return {
    answers,
    barriers: c.barriers ?? [],
    facts: { physicalOrSexualViolence: c.physicalOrSexualViolence ?? false },
    ...(c.judgement ? { judgement: c.judgement } : {}),
  };
}
const yes = (...items: string[]) => Object.fromEntries(items.map((i) => [i, 'yes' as const]));

// Weights (risk.v1): A1 1, A2 2, A6 2, A7 2, A8 2, B1 2, B4 1, B5 1, B6 2, B7 2, B8 2, C2 1, C3 1, C5 1, D2 2, D3 1, D4 2, D5 2, D6 1, E3 1.
// None of these is a red flag, so the score alone sets the level.
const SCORE_7 = yes('A2', 'A6', 'A7', 'A1'); // 2+2+2+1
const SCORE_8 = yes('A2', 'A6', 'A7', 'A8'); // 8
const SCORE_15 = yes('A2', 'A6', 'A7', 'A8', 'B6', 'B7', 'B4', 'C2', 'C3'); // 8+4+1+1+1
const SCORE_16 = yes('A2', 'A6', 'A7', 'A8', 'B6', 'B7', 'B8', 'A1', 'B4'); // 8+6+1+1
const SCORE_25 = yes('A1', 'A2', 'A6', 'A7', 'A8', 'B4', 'B5', 'B6', 'B7', 'B8', 'C2', 'C3', 'C5', 'D2', 'D3', 'D6'); // 1+2+2+2+2+1+1+2+2+2+1+1+1+2+1+1 = 24 → +E3
const SCORE_25_WITH_E3 = { ...SCORE_25, ...yes('E3') };

const cases: Case[] = [
  {
    name: 'nothing answered yes: standard, there is no "no risk" level',
    expect: { level: 1, score: 0, rules: ['score'], reassessWithinHours: 60 * 24 },
  },
  { name: 'score 7 stays standard', answers: SCORE_7, expect: { level: 1, score: 7 } },
  { name: 'score 8 is elevated', answers: SCORE_8, expect: { level: 2, score: 8, reassessWithinHours: 30 * 24 } },
  { name: 'score 15 stays elevated', answers: SCORE_15, expect: { level: 2, score: 15 } },
  { name: 'score 16 is high', answers: SCORE_16, expect: { level: 3, score: 16, reassessWithinHours: 7 * 24 } },
  {
    name: 'score 25 is very high',
    answers: SCORE_25_WITH_E3,
    expect: { level: 4, score: 25, redFlags: [], reassessWithinHours: 72 },
  },
  // Each red flag alone sets at least HIGH.
  {
    name: 'RF1 strangulation',
    answers: yes('A3'),
    expect: { level: 3, floor: 3, redFlags: ['RF1'], rules: ['score', 'redFlag'] },
  },
  { name: 'RF2 weapon', answers: yes('A4'), expect: { level: 3, redFlags: ['RF2'] } },
  { name: 'RF2b firearm access with jealousy', answers: yes('D1', 'B2'), expect: { level: 3, redFlags: ['RF2b'] } },
  { name: 'firearm access alone is not RF2b', answers: yes('D1'), expect: { level: 1, redFlags: [] } },
  { name: 'RF3 threats to kill', answers: yes('A5'), expect: { level: 3, redFlags: ['RF3'] } },
  {
    name: 'RF4 stalking after separation (C1 is also part of RF6, which needs more)',
    answers: yes('B3', 'C1'),
    expect: { level: 3, redFlags: ['RF4'] },
  },
  { name: 'stalking without separation is not RF4', answers: yes('B3'), expect: { level: 1, redFlags: [] } },
  { name: 'RF5 breach of a ban', answers: yes('C4'), expect: { level: 3, redFlags: ['RF5'] } },
  {
    name: 'RF6 separation, control and physical violence in the facts',
    answers: yes('C1', 'B1'),
    physicalOrSexualViolence: true,
    expect: { level: 3, redFlags: ['RF6'] },
  },
  {
    name: 'RF6 also from confinement (A8) without the facts step',
    answers: yes('C1', 'B2', 'A8'),
    expect: { level: 3, redFlags: ['RF6'] },
  },
  {
    name: 'separation and control without violence is not RF6',
    answers: yes('C1', 'B1'),
    expect: { level: 1, redFlags: [] },
  },
  { name: 'RF7 she believes he could kill her', answers: yes('E2'), expect: { level: 3, redFlags: ['RF7'] } },
  // Two red flags: very high.
  {
    name: 'two red flags: very high',
    answers: yes('A3', 'A5'),
    expect: { level: 4, floor: 4, redFlags: ['RF1', 'RF3'], rules: ['score', 'twoRedFlags'] },
  },
  // Escalation: 3+ interventions in 12 months.
  {
    name: 'escalation sets at least elevated',
    answers: yes('A9'),
    followUps: { A9: 'threeOrMore' },
    expect: { level: 2, floor: 2, rules: ['score', 'escalation'] },
  },
  {
    name: 'one or two interventions is no escalation',
    answers: yes('A9'),
    followUps: { A9: 'oneOrTwo' },
    expect: { level: 1, floor: 1 },
  },
  // Her fear raises one level below HIGH, not above.
  { name: 'fear raises standard to elevated', answers: yes('E1'), expect: { level: 2, rules: ['score', 'fear'] } },
  {
    name: 'fear raises elevated to high',
    answers: { ...SCORE_8, ...yes('E1') },
    expect: { level: 3, rules: ['score', 'fear'] },
  },
  { name: 'fear does not raise high', answers: yes('A3', 'E1'), expect: { level: 3, rules: ['score', 'redFlag'] } },
  // Barriers raise elevated and high, never standard, and only V1, V3, V6, V7.
  {
    name: 'a raising barrier lifts elevated to high',
    answers: SCORE_8,
    barriers: ['V7'],
    expect: { level: 3, rules: ['score', 'barriers'] },
  },
  {
    name: 'a raising barrier lifts high to very high',
    answers: yes('A3'),
    barriers: ['V1'],
    expect: { level: 4, rules: ['score', 'redFlag', 'barriers'] },
  },
  { name: 'a barrier does not raise standard', answers: {}, barriers: ['V3', 'V6'], expect: { level: 1 } },
  {
    name: 'a language barrier adapts the hearing but does not raise the level',
    answers: SCORE_8,
    barriers: ['V2'],
    expect: { level: 2 },
  },
  // Uncertainty: two red-flag items unknown or refused.
  {
    name: 'two red-flag items unknown: insufficient information, never standard, ask again within 72 h',
    answers: { A3: 'unknown', A5: 'refused' },
    expect: { level: 2, floor: 2, insufficient: true, rules: ['score', 'uncertainty'], reassessWithinHours: 72 },
  },
  {
    name: 'one red-flag item unknown is noted but not insufficient',
    answers: { A5: 'unknown' },
    expect: { level: 1, insufficient: false },
  },
  {
    name: 'strangulation yes and threats to kill unknown: high, both named',
    answers: { A3: 'yes', A5: 'unknown' },
    expect: { level: 3, redFlags: ['RF1'], insufficient: false },
  },
  // Professional judgement.
  {
    name: 'raise by two levels with a reason',
    answers: {},
    judgement: { raise: { level: 3, reason: 'He waited outside her work twice this week.' } },
    expect: { level: 3, computedLevel: 1, rules: ['score', 'raise'] },
  },
  {
    name: 'a raise without a reason is refused',
    answers: {},
    judgement: { raise: { level: 3, reason: '  ' } },
    expect: { level: 1, judgementProblem: 'reasonMissing' },
  },
  {
    name: 'a "raise" to the same level is refused',
    answers: SCORE_8,
    judgement: { raise: { level: 2, reason: 'same' } },
    expect: { level: 2, judgementProblem: 'raiseNotHigher' },
  },
  {
    name: 'raise and lower at once is refused',
    answers: SCORE_8,
    judgement: { raise: { level: 3, reason: 'a' }, lowering: { level: 1, reason: 'b', decision: 'pending' } },
    expect: { level: 2, judgementProblem: 'bothRaiseAndLower' },
  },
  {
    name: 'lowering below the red-flag floor is refused',
    answers: yes('A3'),
    barriers: ['V1'],
    judgement: { lowering: { level: 2, reason: 'She says he has calmed down.', decision: 'approved' } },
    expect: { level: 4, floor: 3, judgementProblem: 'loweringBelowFloor' },
  },
  {
    name: 'two red flags: not even one level lower',
    answers: yes('A3', 'A5'),
    judgement: { lowering: { level: 3, reason: 'x', decision: 'approved' } },
    expect: { level: 4, judgementProblem: 'loweringBelowFloor' },
  },
  {
    name: 'lowering to the floor, approved by a supervisor',
    answers: yes('A3'),
    barriers: ['V1'],
    judgement: {
      lowering: { level: 3, reason: 'The barrier no longer applies: she has her own income.', decision: 'approved' },
    },
    expect: { level: 3, computedLevel: 4, judgementProblem: null, rules: ['score', 'redFlag', 'barriers', 'lowering'] },
  },
  {
    name: 'lowering awaiting the supervisor changes nothing yet',
    answers: SCORE_16,
    judgement: { lowering: { level: 2, reason: 'x', decision: 'pending' } },
    expect: { level: 3, loweringPending: true, judgementProblem: null },
  },
  {
    name: 'lowering refused by the supervisor changes nothing',
    answers: SCORE_16,
    judgement: { lowering: { level: 2, reason: 'x', decision: 'refused' } },
    expect: { level: 3, loweringPending: false },
  },
  {
    name: 'a "lowering" that is not lower is refused',
    answers: SCORE_8,
    judgement: { lowering: { level: 3, reason: 'x', decision: 'pending' } },
    expect: { level: 2, judgementProblem: 'loweringNotLower' },
  },
  {
    name: 'lowering below the uncertainty floor is refused',
    answers: { ...SCORE_16, A3: 'unknown', D1: 'refused' },
    judgement: { lowering: { level: 1, reason: 'x', decision: 'approved' } },
    expect: { level: 3, floor: 2, judgementProblem: 'loweringBelowFloor' },
  },
];

describe('the Art. 16 level rule, table-driven (risk-tool.md, definition v1)', () => {
  it.each(cases)('$name', (c) => {
    const result = evaluateRisk(definition, input(c));
    expect(result.level).toBe(c.expect.level);
    if (c.expect.computedLevel !== undefined) expect(result.computedLevel).toBe(c.expect.computedLevel);
    if (c.expect.floor !== undefined) expect(result.floor).toBe(c.expect.floor);
    if (c.expect.score !== undefined) expect(result.score).toBe(c.expect.score);
    if (c.expect.redFlags !== undefined) expect(result.redFlags.map((f) => f.id)).toEqual(c.expect.redFlags);
    if (c.expect.rules !== undefined) expect(result.steps.map((s) => s.rule)).toEqual(c.expect.rules);
    if (c.expect.insufficient !== undefined) expect(result.uncertainty.insufficient).toBe(c.expect.insufficient);
    if (c.expect.reassessWithinHours !== undefined)
      expect(result.reassessWithinHours).toBe(c.expect.reassessWithinHours);
    if (c.expect.judgementProblem !== undefined) expect(result.judgementProblem).toBe(c.expect.judgementProblem);
    if (c.expect.loweringPending !== undefined) expect(result.loweringPending).toBe(c.expect.loweringPending);
    // The level is never below the floor, and always one of the four.
    expect(result.level).toBeGreaterThanOrEqual(result.floor);
    expect([1, 2, 3, 4]).toContain(result.level);
  });

  it('reaches every rule of the definition at least once in the table', () => {
    const reached = new Set(cases.flatMap((c) => evaluateRisk(definition, input(c)).steps.map((s) => s.rule)));
    expect([...reached].sort()).toEqual([
      'barriers',
      'escalation',
      'fear',
      'lowering',
      'raise',
      'redFlag',
      'score',
      'twoRedFlags',
      'uncertainty',
    ]);
    const flags = new Set(cases.flatMap((c) => evaluateRisk(definition, input(c)).redFlags.map((f) => f.id)));
    expect([...flags].sort()).toEqual(definition.redFlags.map((f) => f.id).sort());
  });

  it('names the items behind each red flag and the rule that set the level', () => {
    const result = evaluateRisk(
      definition,
      input({ name: '', answers: { ...yes('C1', 'B2', 'A8'), A5: 'unknown' }, expect: { level: 3 } }),
    );
    expect(result.redFlags).toEqual([{ id: 'RF6', items: ['A8', 'B2', 'C1'] }]);
    expect(result.steps.at(-1)).toEqual({ rule: 'redFlag', from: 1, to: 3, items: ['A8', 'B2', 'C1'], flags: ['RF6'] });
    expect(result.uncertainty.items).toEqual(['A5']);
    expect(result.drivers[0]).toEqual({ item: 'A8', weight: 2 });
  });

  it('never counts unknown or refused as no: unanswered items are listed, not scored', () => {
    const result = evaluateRisk(definition, {
      answers: { A3: { answer: 'refused' } },
      barriers: [],
      facts: { physicalOrSexualViolence: false },
    });
    expect(result.unanswered).toHaveLength(31 - 1);
    expect(result.uncertainty.items).toEqual(['A3']);
  });

  it('gives the same result for the same input, so a stored assessment re-evaluates identically', () => {
    const c = cases.find((x) => x.name.startsWith('lowering to the floor'))!;
    const first = evaluateRisk(definition, input(c));
    const again = evaluateRisk(
      riskRegistry.get(first.definitionVersion)!,
      JSON.parse(JSON.stringify(input(c))) as RiskInput,
    );
    expect(again).toEqual(first);
  });

  it('shows what changed since the previous assessment, new red flags first of all', () => {
    const before = input({ name: '', answers: yes('B1'), expect: { level: 1 } });
    const after = input({ name: '', answers: yes('B1', 'A3'), expect: { level: 3 } });
    const comparison = compareAssessments(
      { input: before, result: evaluateRisk(definition, before) },
      { input: after, result: evaluateRisk(definition, after) },
    );
    expect(comparison).toEqual({
      levelFrom: 1,
      levelTo: 3,
      changedItems: [{ item: 'A3', from: 'no', to: 'yes' }],
      newRedFlags: ['RF1'],
      goneRedFlags: [],
    });
  });

  it('maps the risk step answers to the input, sources and follow-ups included', () => {
    const mapped = riskInputFromAnswers(
      definition,
      { a3: 'yes', a3Source: 'victim', a9: 'yes', a9FollowUp: 'threeOrMore', barriers: ['V2', 'V7'] },
      { formsOfViolence: ['economic', 'sexual'] },
    );
    expect(mapped.answers['A3']).toEqual({ answer: 'yes', source: 'victim' });
    expect(mapped.answers['A9']).toEqual({ answer: 'yes', source: null, followUp: 'threeOrMore' });
    expect(mapped.answers['B1']).toEqual({ answer: null, source: null });
    expect(mapped.barriers).toEqual(['V2', 'V7']);
    expect(mapped.facts.physicalOrSexualViolence).toBe(true);
  });

  it('refuses a broken definition: unknown item in a red flag, cut-offs out of order, a missing level', () => {
    expect(riskDefinitionSchema.safeParse(riskV1).success).toBe(true);
    expect(
      riskDefinitionSchema.safeParse({ ...riskV1, redFlags: [{ id: 'RF1', when: { item: 'A0', is: 'yes' } }] }).success,
    ).toBe(false);
    expect(
      riskDefinitionSchema.safeParse({
        ...riskV1,
        levels: riskV1.levels.map((l) => (l.level === 3 ? { ...l, fromScore: 4 } : l)),
      }).success,
    ).toBe(false);
    expect(riskDefinitionSchema.safeParse({ ...riskV1, levels: riskV1.levels.slice(0, 3) }).success).toBe(false);
    expect(
      riskDefinitionSchema.safeParse({ ...riskV1, escalation: { item: 'A9', followUpValue: 'many' } }).success,
    ).toBe(false);
  });
});
