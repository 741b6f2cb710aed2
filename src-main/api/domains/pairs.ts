import { z } from 'zod';
import { PAIR_HISTORY_REASONS, PAIR_HISTORY_VIEWS } from '../../../domain/person-links';
import { PROSECUTOR_MEASURES } from '../../../forms/definitions/measures.v1';
import type { RiskComparison } from '../../../forms/risk/evaluate';
import { RISK_EVENT_KINDS, RISK_REVIEW_STATUSES } from '../../../forms/risk/risk-definition';
import { defineChannel, defineDomain, unlocked } from '../channel';
import { id, riskLevel, timestamp } from '../schemas';

const person = z.object({ surname: z.string(), firstNames: z.string(), birthDate: z.string().nullable() });

/** What the police records of this store say for a hearing's risk step: dates and counts, never who or what. */
const records = z.object({
  /** When each earlier hearing of the pair was opened, oldest first. */
  earlierComplaints: z.array(timestamp),
  earlierComplaintsInTwelveMonths: z.number().int().nonnegative(),
  /** Breaches of a measure recorded in the pair's earlier hearings. */
  breaches: z.array(timestamp),
  /** The suspect's hearings with other victims: how many victims, and when. */
  suspectOtherPairs: z.object({ count: z.number().int().nonnegative(), dates: z.array(timestamp) }),
});

/**
 * A pair's history, oldest hearing first. Fields null in the `summary` view (the hearing's officer):
 * who assessed, where, the review comments and the events' notes.
 */
const pairHistory = z.object({
  victim: person,
  suspect: person,
  hearings: z.array(
    z.object({
      hearingId: id,
      openedAt: timestamp,
      /** The hearing the history was opened from. */
      current: z.boolean(),
      assessments: z.array(
        z.object({
          createdAt: timestamp,
          level: riskLevel,
          redFlags: z.array(z.string()),
          reviewStatus: z.enum(RISK_REVIEW_STATUSES),
          reviewedAt: timestamp.nullable(),
          reviewComment: z.string().nullable(),
          officerName: z.string().nullable(),
          unitName: z.string().nullable(),
        }),
      ),
      events: z.array(z.object({ kind: z.enum(RISK_EVENT_KINDS), at: timestamp, note: z.string().nullable() })),
      measures: z.array(
        z.object({ measure: z.enum(PROSECUTOR_MEASURES), state: z.string(), endsAt: z.string().nullable() }),
      ),
    }),
  ),
  /** Carried forward from the latest hearing that recorded each: granted or in force, its end not passed. */
  measuresInForce: z.array(
    z.object({ measure: z.enum(PROSECUTOR_MEASURES), endsAt: z.string().nullable(), since: timestamp }),
  ),
  breaches: z.array(timestamp),
  /** The pair's reassessment: when its latest assessment is due again. */
  nextReassessmentAt: timestamp.nullable(),
  /** This hearing's latest assessment against the pair's previous hearing's: new red flags first. */
  sincePrevious: z.custom<RiskComparison>().nullable(),
});

/** One history per victim and suspect (src-main/services/pair-history.ts). */
export const pairsChannels = defineDomain('pairs', {
  'pairs.history': defineChannel({
    input: z.object({ hearingId: id, reason: z.enum(PAIR_HISTORY_REASONS) }).strict(),
    output: z.object({
      view: z.enum(PAIR_HISTORY_VIEWS),
      /** Null until the hearing's victim and suspect are both linked to a pair with an earlier hearing. */
      pair: pairHistory.nullable(),
      records,
    }),
    // The hearing's officer (a summary) or a supervisor of its unit (the whole); audited with the reason.
    access: unlocked(['officer', 'supervisor']),
    handler: (input, { user, deps }) => deps.pairs.history(user, input),
  }),
});
