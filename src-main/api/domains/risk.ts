import { z } from 'zod';
import { RISK_EVENT_KINDS, RISK_REVIEW_STATUSES } from '../../../forms/risk/risk-definition';
import { defineChannel, defineDomain, HEARING_ROLES, unlocked } from '../channel';
import { empty, id, judgementInput, riskAssessmentView, riskLevel, riskQueueItem, timestamp } from '../schemas';

const HEARING = unlocked(HEARING_ROLES);
const SUPERVISOR = unlocked(['supervisor']);

/** The risk assessment of a hearing, its reassessments and the supervisor's review. */
export const riskChannels = defineDomain('risk', {
  'risk.history': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      assessments: z.array(riskAssessmentView),
      events: z.array(
        z.object({ id, kind: z.enum(RISK_EVENT_KINDS), note: z.string(), at: timestamp, recordedByName: z.string() }),
      ),
      /** Since when another hearing of its pair carries the pair's due reassessment (services/pairs.ts); null when this one does. */
      pairReassessmentElsewhereSince: timestamp.nullable(),
    }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.risk.history(user, input.hearingId),
  }),
  'risk.submit': defineChannel({
    input: z
      .object({
        hearingId: id,
        definitionVersion: z.number().int().positive(),
        trigger: z.enum(['initial', 'scheduled', ...RISK_EVENT_KINDS]),
        raise: judgementInput.optional(),
        lowering: judgementInput.optional(),
      })
      .strict(),
    output: z.object({ assessmentId: id, level: riskLevel }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.risk.submit(user, input),
  }),
  'risk.review': defineChannel({
    input: z
      .object({
        assessmentId: id,
        decision: z.enum(['approve', 'return']),
        comment: z.string().max(5_000).optional(),
        lowering: z.enum(['approve', 'refuse']).optional(),
      })
      .strict(),
    output: z.object({ level: riskLevel, reviewStatus: z.enum(RISK_REVIEW_STATUSES) }),
    access: SUPERVISOR,
    handler: (input, { user, deps }) => deps.risk.review(user, input),
  }),
  'risk.noteEvent': defineChannel({
    input: z.object({ hearingId: id, kind: z.enum(RISK_EVENT_KINDS), note: z.string().trim().max(5_000) }).strict(),
    output: z.object({ eventId: id }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.risk.noteEvent(user, input),
  }),
  /** A page of each list (awaiting review; reassessment due), with how many there are in all. */
  'risk.queue': defineChannel({
    input: empty,
    output: z.object({
      items: z.array(riskQueueItem).max(200),
      pendingTotal: z.number().int().nonnegative(),
      dueTotal: z.number().int().nonnegative(),
    }),
    access: SUPERVISOR,
    handler: (_input, { user, deps }) => deps.risk.queue(user),
  }),
});
