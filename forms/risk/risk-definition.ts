import { z } from 'zod';
import { earlierStepRule } from '../definition-schema';

/**
 * The schema an Art. 16 risk-tool definition must satisfy (risk-tool.md). Items, weights,
 * red flags and cut-offs are provisional: each version is plain data, never edited once
 * released, and every stored assessment names the version it was made with.
 */
export const RISK_ANSWERS = ['yes', 'no', 'unknown', 'refused'] as const;
export type RiskAnswer = (typeof RISK_ANSWERS)[number];
export const RISK_SOURCES = ['victim', 'policeRecords', 'thirdParty', 'officerObservation'] as const;
export type RiskSource = (typeof RISK_SOURCES)[number];

export const RISK_LEVELS = [1, 2, 3, 4] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What calls for a reassessment before its date (risk-tool.md, "Reassessment also on events"). */
export const RISK_EVENT_KINDS = [
  'newIncident',
  'breach',
  'banEnded',
  'release',
  'separation',
  'alarmActivated',
  'victimRequest',
] as const;
export type RiskEventKind = (typeof RISK_EVENT_KINDS)[number];

/** A supervisor reviews an assessment from a level on, or when it is uncertain or asks to lower. */
export const RISK_REVIEW_STATUSES = ['notRequired', 'pending', 'approved', 'returned'] as const;
export const LOWERING_STATUSES = ['pending', 'approved', 'refused'] as const;

const itemId = z.string().regex(/^[A-E][0-9]$/, 'an item id such as A3');
const barrierId = z.string().regex(/^V[0-9]$/);
const catalogKey = z.string().regex(/^[a-zA-Z0-9_.-]+$/);

/** A condition over the answers: small on purpose, so that every rule stays readable as data. */
export type RiskCondition =
  | { item: string; is: RiskAnswer }
  | { itemFollowUp: string; is: string }
  | { fact: 'physicalOrSexualViolence' }
  | { all: RiskCondition[] }
  | { any: RiskCondition[] };
const condition: z.ZodType<RiskCondition> = z.lazy(() =>
  z.union([
    z.object({ item: itemId, is: z.enum(RISK_ANSWERS) }).strict(),
    z.object({ itemFollowUp: itemId, is: z.string() }).strict(),
    z.object({ fact: z.literal('physicalOrSexualViolence') }).strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
  ]),
);

const promptId = z.string().regex(/^G[0-9]\.[0-9]$/, 'a digital-violence prompt id such as G1.3');

/**
 * Facts a signal may fire on besides the prompts: `deviceCheckHigh`, the phone check found a High
 * sign (the risk step's device-check answer, which the phone check sets; R11).
 */
export const RISK_SIGNAL_FACTS = ['deviceCheckHigh'] as const;
export type RiskSignalFact = (typeof RISK_SIGNAL_FACTS)[number];

/** A rule of digital-violence.md section B: prompts answered yes (or a fact) raise the level or set a flag. */
const digitalSignal = z
  .object({
    id: z.string().regex(/^R[0-9]+$/),
    /** Empty for a signal fed by a fact alone (R11). */
    prompts: z.array(promptId),
    /** Facts that fire it too (version 3 on). */
    facts: z.array(z.enum(RISK_SIGNAL_FACTS)).min(1).optional(),
    effect: z.enum(['raiseToHigh', 'raiseOne', 'flag']),
    /** A warning the result carries (communications compromised, children exposed...). */
    flag: z
      .string()
      .regex(/^[a-zA-Z]+$/)
      .optional(),
    /** A flag that raises one level only together with one of these signals. */
    raiseOneWith: z.array(z.string().regex(/^R[0-9]+$/)).optional(),
  })
  .strict();

const item = z
  .object({
    id: itemId,
    weight: z.number().int().min(0).max(10),
    /** A follow-up asked when the answer is yes (A9: how many interventions in 12 months). */
    followUp: z
      .object({ options: z.array(z.string().regex(/^[a-zA-Z0-9]+$/)).min(2) })
      .strict()
      .optional(),
  })
  .strict();

const levelRow = z
  .object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    /** The lowest score that reaches this level. */
    fromScore: z.number().int().min(0),
    reassessWithinHours: z.number().int().positive(),
    procedureKeys: z.array(catalogKey).min(1),
    /** Measures to propose, by id (the measures step and risk.measures.* texts). */
    measures: z.array(z.string().regex(/^[a-zA-Z]+$/)).min(1),
  })
  .strict();

export const riskDefinitionSchema = z
  .object({
    version: z.number().int().positive(),
    domains: z.array(z.object({ id: z.enum(['A', 'B', 'C', 'D', 'E']), items: z.array(item).min(1) }).strict()).min(1),
    redFlags: z.array(z.object({ id: z.string().regex(/^RF[0-9]b?$/), when: condition }).strict()).min(1),
    /** Items whose "unknown" or "refused" leaves the assessment uncertain. */
    uncertaintyItems: z.array(itemId).min(1),
    uncertaintyMinimum: z.number().int().positive(),
    uncertaintyReassessWithinHours: z.number().int().positive(),
    /**
     * Repeated interventions (A9: three or more in 12 months) set a floor. Named `escalation` in the
     * released definitions and stored results; on screen and in print it reads "repeated
     * interventions", since "escalation" there is A2, the violence getting worse.
     */
    escalation: z.object({ item: itemId, followUpValue: z.string() }).strict(),
    escalationFloor: z.number().int().min(1).max(4),
    oneRedFlagFloor: z.number().int().min(1).max(4),
    twoRedFlagsLevel: z.number().int().min(1).max(4),
    fear: z.object({ item: itemId, belowLevel: z.number().int().min(1).max(4) }).strict(),
    barriers: z.array(z.object({ id: barrierId, raisesLevel: z.boolean() }).strict()).min(1),
    barrierRaisesLevels: z.array(z.number().int().min(1).max(4)),
    /** Her own view of her safety, shown on its own in the result (E1, E2, the open question). */
    victimViewItems: z.array(itemId),
    /** From this level on, a supervisor reviews the assessment. */
    reviewFromLevel: z.number().int().min(1).max(4),
    levels: z.array(levelRow).length(4),
    /**
     * Items answered by the digital-violence step instead of asked again: yes when a prompt is
     * yes, no when every prompt is no, unknown when one is unsure or declined.
     */
    digitalItems: z.record(itemId, z.array(promptId).min(1)).optional(),
    digitalSignals: z.array(digitalSignal).optional(),
    /** Each item asked comes with the words to read aloud to her, `risk.items.<id>.plain` (version 4 on). */
    readAloud: z.literal(true).optional(),
    /**
     * From this level on, the on-duty magistrate is informed at once (risk-tool.md, level 4): the
     * hearing does not close before the risk step records when and to whom (version 4 on).
     */
    magistrateFromLevel: z.number().int().min(1).max(4).optional(),
    /**
     * Ask once (version 5 on): items an earlier step already answers, pre-answered from it while
     * the officer has not answered them here, marked with the step and editable.
     */
    earlierAnswers: z
      .record(itemId, z.array(earlierStepRule.extend({ answer: z.enum(RISK_ANSWERS) })).min(1))
      .optional(),
    /**
     * The source of an answer the officer names no other for (version 5 on): what she says in the
     * hearing. Changing it is one action on the item, never a menu to fill for each.
     */
    defaultSource: z.enum(RISK_SOURCES).optional(),
  })
  .strict()
  .superRefine((definition, ctx) => {
    const ids = definition.domains.flatMap((d) => d.items.map((i) => i.id));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'duplicate item id' });
    const known = new Set(ids);
    const check = (c: RiskCondition, path: string) => {
      if ('item' in c && !known.has(c.item))
        ctx.addIssue({ code: 'custom', message: `${path}: unknown item ${c.item}` });
      if ('itemFollowUp' in c) {
        const it = definition.domains.flatMap((d) => d.items).find((i) => i.id === c.itemFollowUp);
        if (!it?.followUp?.options.includes(c.is))
          ctx.addIssue({ code: 'custom', message: `${path}: ${c.itemFollowUp} has no follow-up ${c.is}` });
      }
      if ('all' in c) c.all.forEach((sub) => check(sub, path));
      if ('any' in c) c.any.forEach((sub) => check(sub, path));
    };
    for (const flag of definition.redFlags) check(flag.when, flag.id);
    for (const signal of definition.digitalSignals ?? [])
      if (signal.prompts.length === 0 && !signal.facts)
        ctx.addIssue({ code: 'custom', message: `${signal.id}: a signal needs prompts or facts` });
    for (const id of [
      ...Object.keys(definition.earlierAnswers ?? {}),
      ...definition.uncertaintyItems,
      ...definition.victimViewItems,
      definition.fear.item,
      definition.escalation.item,
    ]) {
      if (!known.has(id)) ctx.addIssue({ code: 'custom', message: `unknown item ${id}` });
    }
    check({ itemFollowUp: definition.escalation.item, is: definition.escalation.followUpValue }, 'escalation');
    const sorted = [...definition.levels].sort((a, b) => a.level - b.level);
    if (sorted.some((row, i) => row.level !== i + 1))
      ctx.addIssue({ code: 'custom', message: 'levels must be 1 to 4, once each' });
    if (sorted[0]?.fromScore !== 0 || sorted.some((row, i) => i > 0 && row.fromScore <= sorted[i - 1]!.fromScore)) {
      ctx.addIssue({ code: 'custom', message: 'score cut-offs must start at 0 and rise' });
    }
  });

export type RiskDefinitionInput = z.input<typeof riskDefinitionSchema>;
export type RiskDefinition = z.output<typeof riskDefinitionSchema>;
