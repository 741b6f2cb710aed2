import type {
  RiskAnswer,
  RiskCondition,
  RiskDefinition,
  RiskLevel,
  RiskSignalFact,
  RiskSource,
} from './risk-definition';

/**
 * The one evaluation of the Art. 16 level rule (risk-tool.md), pure and deterministic: the
 * renderer runs it to show the result as the officer answers, main runs it again on what is
 * stored and keeps that result with the definition version. The same input always gives the
 * same output, so any stored assessment can be re-evaluated later.
 */

export interface RiskItemAnswer {
  answer: RiskAnswer | null;
  source?: RiskSource | null;
  followUp?: string | null;
}

export interface RiskJudgement {
  /** Professional judgement may raise the level by any number of levels, with a written reason. */
  raise?: { level: RiskLevel; reason: string };
  /** A request to lower: a supervisor decides; never below the floor the rules set. */
  lowering?: { level: RiskLevel; reason: string; decision: 'pending' | 'approved' | 'refused' };
}

export interface RiskInput {
  answers: Record<string, RiskItemAnswer>;
  /** The digital-violence step's answers by prompt id (G1.3: yes), for definitions that use them. */
  digital?: Record<string, string | null>;
  /** The barriers present (V1 to V9). */
  barriers: string[];
  /**
   * From the facts step: physical or sexual violence recorded (part of RF6). From version 3, also
   * `deviceCheckHigh`: the phone check found a High sign (the risk step's device-check answer, R11).
   */
  facts: { physicalOrSexualViolence: boolean } & Partial<Record<RiskSignalFact, boolean>>;
  judgement?: RiskJudgement;
}

export type RiskRule =
  | 'score'
  | 'redFlag'
  | 'twoRedFlags'
  | 'escalation'
  | 'signal'
  | 'fear'
  | 'barriers'
  | 'uncertainty'
  | 'raise'
  | 'lowering';

/** One rule that set or moved the level, with the items behind it: the screen's "why". */
export interface RiskStep {
  rule: RiskRule;
  from: RiskLevel;
  to: RiskLevel;
  items: string[];
  flags?: string[];
}

export type JudgementProblem =
  'bothRaiseAndLower' | 'reasonMissing' | 'raiseNotHigher' | 'loweringNotLower' | 'loweringBelowFloor';

export interface RiskResult {
  definitionVersion: number;
  score: number;
  scoreLevel: RiskLevel;
  redFlags: { id: string; items: string[] }[];
  escalation: boolean;
  /** The lowest level the rules allow: red flags, escalation and uncertainty. */
  floor: RiskLevel;
  /** The level the rules give, before professional judgement. */
  computedLevel: RiskLevel;
  /** The level in force: computed, raised, or lowered with a supervisor's approval. */
  level: RiskLevel;
  steps: RiskStep[];
  /** Items answered yes, strongest first. */
  drivers: { item: string; weight: number }[];
  barriers: string[];
  uncertainty: { items: string[]; insufficient: boolean };
  unanswered: string[];
  reassessWithinHours: number;
  procedureKeys: string[];
  measures: string[];
  judgementProblem: JudgementProblem | null;
  loweringPending: boolean;
  /** Items the digital step answered, with the prompts behind each. */
  digitalItems: { item: string; answer: RiskAnswer; prompts: string[] }[];
  /** Signals of the digital step that fired: which prompts (or facts: the phone check) raised what, or flagged what. */
  digitalSignals: {
    id: string;
    effect: 'raiseToHigh' | 'raiseOne' | 'flag';
    flag?: string;
    prompts: string[];
    facts?: RiskSignalFact[];
  }[];
}

const clamp = (n: number): RiskLevel => Math.min(4, Math.max(1, n)) as RiskLevel;

function holds(condition: RiskCondition, input: RiskInput, items: Set<string>): boolean {
  if ('all' in condition) {
    const found = new Set<string>();
    const ok = condition.all.every((c) => holds(c, input, found));
    if (ok) found.forEach((i) => items.add(i));
    return ok;
  }
  if ('any' in condition) {
    // Every branch that holds is named, not only the first.
    let ok = false;
    for (const c of condition.any) if (holds(c, input, items)) ok = true;
    return ok;
  }
  if ('fact' in condition) return input.facts.physicalOrSexualViolence;
  if ('itemFollowUp' in condition) {
    const answer = input.answers[condition.itemFollowUp];
    const ok = answer?.answer === 'yes' && answer.followUp === condition.is;
    if (ok) items.add(condition.itemFollowUp);
    return ok;
  }
  const ok = input.answers[condition.item]?.answer === condition.is;
  if (ok) items.add(condition.item);
  return ok;
}

/**
 * B6 to B8 from the digital step, where the definition says so: yes when one of its prompts is
 * yes, no when all are no, unknown when one is unsure or declined, unanswered otherwise.
 */
function withDigitalItems(
  definition: RiskDefinition,
  input: RiskInput,
): { input: RiskInput; derived: RiskResult['digitalItems'] } {
  if (!definition.digitalItems) return { input, derived: [] };
  const answers = { ...input.answers };
  const derived: RiskResult['digitalItems'] = [];
  for (const [item, prompts] of Object.entries(definition.digitalItems)) {
    const given = prompts.map((p) => input.digital?.[p] ?? null);
    const yesPrompts = prompts.filter((p) => input.digital?.[p] === 'yes');
    const answer: RiskAnswer | null =
      yesPrompts.length > 0
        ? 'yes'
        : given.every((g) => g === 'no')
          ? 'no'
          : given.some((g) => g === 'unsure' || g === 'declined')
            ? 'unknown'
            : null;
    answers[item] = { answer, source: 'victim' };
    if (answer) derived.push({ item, answer, prompts: answer === 'yes' ? yesPrompts : prompts });
  }
  return { input: { ...input, answers }, derived };
}

export function evaluateRisk(definition: RiskDefinition, rawInput: RiskInput): RiskResult {
  const { input, derived: digitalItems } = withDigitalItems(definition, rawInput);
  const allItems = definition.domains.flatMap((d) => d.items);
  const yes = allItems.filter((item) => input.answers[item.id]?.answer === 'yes');
  const score = yes.reduce((sum, item) => sum + item.weight, 0);
  const levels = [...definition.levels].sort((a, b) => a.level - b.level);
  const scoreLevel = clamp(levels.filter((row) => score >= row.fromScore).at(-1)?.level ?? 1);
  const steps: RiskStep[] = [{ rule: 'score', from: 1, to: scoreLevel, items: yes.map((i) => i.id) }];
  let level: RiskLevel = scoreLevel;
  let floor: RiskLevel = 1;
  const move = (rule: RiskRule, to: RiskLevel, items: string[], flags?: string[]) => {
    if (to > level) steps.push({ rule, from: level, to, items, ...(flags ? { flags } : {}) });
    level = Math.max(level, to) as RiskLevel;
  };

  const redFlags = definition.redFlags.flatMap((flag) => {
    const items = new Set<string>();
    return holds(flag.when, input, items) ? [{ id: flag.id, items: [...items].sort() }] : [];
  });
  const flagItems = [...new Set(redFlags.flatMap((f) => f.items))].sort();
  if (redFlags.length >= 2) {
    floor = clamp(definition.twoRedFlagsLevel);
    move(
      'twoRedFlags',
      floor,
      flagItems,
      redFlags.map((f) => f.id),
    );
  } else if (redFlags.length === 1) {
    floor = clamp(definition.oneRedFlagFloor);
    move(
      'redFlag',
      floor,
      flagItems,
      redFlags.map((f) => f.id),
    );
  }

  const escalationAnswer = input.answers[definition.escalation.item];
  const escalation =
    escalationAnswer?.answer === 'yes' && escalationAnswer.followUp === definition.escalation.followUpValue;
  if (escalation) {
    floor = Math.max(floor, definition.escalationFloor) as RiskLevel;
    move('escalation', clamp(definition.escalationFloor), [definition.escalation.item]);
  }

  // The digital step's signals (digital-violence.md, B): a raise to HIGH each; the one-level
  // raises count once together, so that several of them do not climb the scale on their own.
  // A signal fed by a fact (R11, the phone check) fires as a prompt answered yes does.
  const factHolds = (fact: RiskSignalFact) => input.facts[fact] === true;
  const fired = (definition.digitalSignals ?? []).filter(
    (signal) => signal.prompts.some((p) => input.digital?.[p] === 'yes') || (signal.facts ?? []).some(factHolds),
  );
  const digitalSignals = fired.map((signal) => ({
    id: signal.id,
    effect: signal.effect,
    ...(signal.flag ? { flag: signal.flag } : {}),
    prompts: signal.prompts.filter((p) => input.digital?.[p] === 'yes'),
    ...(signal.facts ? { facts: signal.facts.filter(factHolds) } : {}),
  }));
  for (const signal of digitalSignals.filter((s) => s.effect === 'raiseToHigh'))
    move('signal', 3, signal.prompts, [signal.id]);
  const firedIds = new Set(fired.map((s) => s.id));
  const raisingOne = fired.filter(
    (s) => s.effect === 'raiseOne' || (s.raiseOneWith ?? []).some((id) => firedIds.has(id)),
  );
  if (raisingOne.length > 0) {
    move(
      'signal',
      clamp(level + 1),
      [...new Set(digitalSignals.filter((s) => raisingOne.some((r) => r.id === s.id)).flatMap((s) => s.prompts))],
      raisingOne.map((s) => s.id),
    );
  }

  if (input.answers[definition.fear.item]?.answer === 'yes' && level < definition.fear.belowLevel) {
    move('fear', clamp(level + 1), [definition.fear.item]);
  }

  const barriers = definition.barriers.filter((b) => input.barriers.includes(b.id)).map((b) => b.id);
  const raising = definition.barriers.filter((b) => b.raisesLevel && input.barriers.includes(b.id)).map((b) => b.id);
  if (raising.length > 0 && definition.barrierRaisesLevels.includes(level)) move('barriers', clamp(level + 1), raising);

  // Unknown and refused never count as no: enough of them on the strongest items and the
  // assessment is not allowed to say "standard".
  const uncertainItems = definition.uncertaintyItems.filter((id) => {
    const answer = input.answers[id]?.answer;
    return answer === 'unknown' || answer === 'refused';
  });
  const insufficient = uncertainItems.length >= definition.uncertaintyMinimum;
  if (insufficient) {
    floor = Math.max(floor, 2) as RiskLevel;
    move('uncertainty', 2, uncertainItems);
  }

  const computedLevel = level;
  const { problem, level: finalLevel, step, loweringPending } = applyJudgement(computedLevel, floor, input.judgement);
  if (step) steps.push(step);
  const row = levels.find((r) => r.level === finalLevel)!;
  return {
    definitionVersion: definition.version,
    score,
    scoreLevel,
    redFlags,
    escalation,
    floor,
    computedLevel,
    level: finalLevel,
    steps,
    drivers: yes
      .map((item) => ({ item: item.id, weight: item.weight }))
      .sort((a, b) => b.weight - a.weight || a.item.localeCompare(b.item)),
    barriers,
    uncertainty: { items: uncertainItems, insufficient },
    unanswered: allItems.filter((item) => !input.answers[item.id]?.answer).map((item) => item.id),
    reassessWithinHours: insufficient
      ? Math.min(row.reassessWithinHours, definition.uncertaintyReassessWithinHours)
      : row.reassessWithinHours,
    procedureKeys: row.procedureKeys,
    measures: row.measures,
    judgementProblem: problem,
    loweringPending,
    digitalItems,
    digitalSignals,
  };
}

/** Raise freely with a reason; lower only as a supervisor decides, and never below the floor. */
function applyJudgement(
  computed: RiskLevel,
  floor: RiskLevel,
  judgement: RiskJudgement | undefined,
): { problem: JudgementProblem | null; level: RiskLevel; step?: RiskStep; loweringPending: boolean } {
  const unchanged = (problem: JudgementProblem | null) => ({ problem, level: computed, loweringPending: false });
  if (!judgement || (!judgement.raise && !judgement.lowering)) return unchanged(null);
  if (judgement.raise && judgement.lowering) return unchanged('bothRaiseAndLower');
  const asked = judgement.raise ?? judgement.lowering!;
  if (asked.reason.trim() === '') return unchanged('reasonMissing');
  if (judgement.raise) {
    if (judgement.raise.level <= computed) return unchanged('raiseNotHigher');
    return {
      problem: null,
      level: judgement.raise.level,
      step: { rule: 'raise', from: computed, to: judgement.raise.level, items: [] },
      loweringPending: false,
    };
  }
  const lowering = judgement.lowering!;
  if (lowering.level >= computed) return unchanged('loweringNotLower');
  if (lowering.level < floor) return unchanged('loweringBelowFloor');
  if (lowering.decision !== 'approved')
    return { problem: null, level: computed, loweringPending: lowering.decision === 'pending' };
  return {
    problem: null,
    level: lowering.level,
    step: { rule: 'lowering', from: computed, to: lowering.level, items: [] },
    loweringPending: false,
  };
}

export interface RiskComparison {
  levelFrom: RiskLevel;
  levelTo: RiskLevel;
  changedItems: { item: string; from: RiskAnswer | null; to: RiskAnswer | null }[];
  newRedFlags: string[];
  goneRedFlags: string[];
}

/** What changed since the previous assessment of the same pair; new red flags first of all. */
export function compareAssessments(
  previous: { input: RiskInput; result: RiskResult },
  next: { input: RiskInput; result: RiskResult },
): RiskComparison {
  const ids = [...new Set([...Object.keys(previous.input.answers), ...Object.keys(next.input.answers)])].sort();
  const before = new Set(previous.result.redFlags.map((f) => f.id));
  const after = new Set(next.result.redFlags.map((f) => f.id));
  return {
    levelFrom: previous.result.level,
    levelTo: next.result.level,
    changedItems: ids
      .map((item) => ({
        item,
        from: previous.input.answers[item]?.answer ?? null,
        to: next.input.answers[item]?.answer ?? null,
      }))
      .filter((change) => change.from !== change.to),
    newRedFlags: [...after].filter((id) => !before.has(id)),
    goneRedFlags: [...before].filter((id) => !after.has(id)),
  };
}
