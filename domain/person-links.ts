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
