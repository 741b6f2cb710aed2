/**
 * The words of a hearing's link to a person (issue 16, items 1 and 2), shared by both stores'
 * schemas, the API and the screens.
 */

/** A person's part in a hearing: the victim heard, or the suspect she names. */
export const PERSON_ROLES = ['victim', 'suspect'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** How a hearing came to its person: one made from its own answers, or an earlier one the officer confirmed. */
export const PERSON_LINKS = ['new', 'confirmed'] as const;

/** What the link events record: a proposal confirmed or declined by the officer, a link undone by a supervisor. */
export const PERSON_LINK_ACTIONS = ['confirmed', 'declined', 'unlinked'] as const;

/** Why a candidate was proposed: the same register or BIS number, or close names with no contradicting birth date. */
export const CANDIDATE_REASONS = ['nationalNumber', 'names'] as const;

/** Why a pair's history is opened: audited with each view (issue 16, item 5). */
export const PAIR_HISTORY_REASONS = ['newComplaint', 'riskAssessment', 'supervisorReview', 'reassessment'] as const;
export type PairHistoryReason = (typeof PAIR_HISTORY_REASONS)[number];

/** What a view of a pair's history holds: the hearing's officer a summary, a supervisor of its unit the whole. */
export const PAIR_HISTORY_VIEWS = ['summary', 'full'] as const;
export type PairHistoryView = (typeof PAIR_HISTORY_VIEWS)[number];

/** What decides which hearing of a pair carries its due reassessment: its latest assessment and risk event. */
export interface PairHearingSchedule {
  hearingId: string;
  /** When its latest assessment was made; null when it has none (it carries nothing). */
  assessedAt: number | null;
  /** Its latest risk event since that assessment, if any: an event calls for a reassessment now, from that hearing. */
  lastEventAt: number | null;
}

/**
 * The hearing of a pair that carries the pair's due reassessment, and since when: the one assessed
 * most recently, or with a risk event since. The others' reassessments are done by the pair's next
 * assessment, wherever it is taken (issue 16, item 3). Null when no hearing of the pair is assessed.
 */
export function pairReassessmentCarrier(hearings: PairHearingSchedule[]): { hearingId: string; since: number } | null {
  let carrier: { hearingId: string; since: number } | null = null;
  for (const h of hearings) {
    if (h.assessedAt === null) continue;
    const since = Math.max(h.assessedAt, h.lastEventAt ?? h.assessedAt);
    if (carrier === null || since > carrier.since) carrier = { hearingId: h.hearingId, since };
  }
  return carrier;
}
