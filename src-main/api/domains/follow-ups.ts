import { z } from 'zod';
import { defineChannel, defineDomain, HEARING_ROLES, unlocked } from '../channel';
import { id, riskLevel, timestamp } from '../schemas';

/** What every item says: which hearing (by reference only), whose, and when it falls due. */
const about = { hearingId: id, reference: z.string(), officerName: z.string(), dueAt: timestamp };

/** One thing to do next about a hearing (src-main/services/follow-ups.ts). */
const followUp = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('assessmentReturned'),
    ...about,
    level: riskLevel,
    comment: z.string().nullable(),
    reviewerName: z.string().nullable(),
  }),
  z.object({ kind: z.literal('reassessmentDue'), ...about, level: riskLevel }),
  z.object({ kind: z.literal('translationDue'), ...about, requestedAt: timestamp }),
  z.object({
    kind: z.literal('measureEnding'),
    ...about,
    measure: z.literal('residenceBan'),
    /** As the step records it: local time, YYYY-MM-DDTHH:mm. */
    endsOn: z.string(),
  }),
]);

/** The to-do list on the home of those who hear victims, and its badge in the navigation. */
export const followUpsChannels = defineDomain('followUps', {
  'followUps.list': defineChannel({
    /** `mine`: the caller's own hearings; `unit`: a supervisor's unit. */
    input: z.object({ scope: z.enum(['mine', 'unit']) }).strict(),
    output: z.object({ items: z.array(followUp) }),
    access: unlocked(HEARING_ROLES),
    handler: (input, { user, deps }) => deps.followUps.list(user, input.scope),
  }),
});
