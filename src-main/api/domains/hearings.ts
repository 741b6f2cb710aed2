import { z } from 'zod';
import { defineChannel, defineDomain, HEARING_ROLES, unlocked } from '../channel';
import {
  addendumView,
  answerValue,
  empty,
  fieldId,
  formId,
  hearingListEntry,
  hearingSummary,
  id,
  storedAnswer,
  timestamp,
} from '../schemas';

const HEARING = unlocked(HEARING_ROLES);

/** A hearing: its answers, the statement she approves, addenda, closing. */
export const hearingsChannels = defineDomain('hearings', {
  'hearings.create': defineChannel({
    input: empty,
    output: z.object({ hearing: hearingSummary }),
    access: HEARING,
    handler: async (_input, { user, deps }) => ({ hearing: await deps.hearings.create(user) }),
  }),
  'hearings.listMine': defineChannel({
    input: empty,
    output: z.object({ open: z.array(hearingListEntry), recentlyClosed: z.array(hearingListEntry) }),
    access: HEARING,
    handler: (_input, { user, deps }) => deps.hearings.listMine(user),
  }),
  'hearings.load': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      hearing: hearingSummary,
      /** `review`: a supervisor of the unit reading it; nothing but the review is open to her. */
      access: z.enum(['owner', 'review']),
      settings: z.object({ residenceBanDays: z.number().int().positive() }),
      forms: z.array(z.object({ formId, formVersion: z.number().int().positive() })),
      answers: z.array(storedAnswer),
      statement: z.object({ approvedAt: timestamp, approvedByName: z.string(), sha256: z.string() }).nullable(),
      addenda: z.array(addendumView),
      /** Every value of the fields that keep their history, oldest first. */
      history: z.array(z.object({ formId, fieldId, value: answerValue, at: timestamp, byName: z.string() })),
    }),
    access: HEARING,
    // The records of her pair first, so that what they came to say since is in the answers she reads.
    handler: async (input, { user, deps }) => {
      await deps.pairs.feedRiskBeforeReading(user, input.hearingId);
      return deps.hearings.load(user, input.hearingId);
    },
  }),
  'hearings.saveAnswers': defineChannel({
    input: z
      .object({
        hearingId: id,
        formId,
        changes: z
          .array(z.object({ fieldId, value: answerValue, baseRevision: z.number().int().nonnegative() }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    output: z.object({
      savedAt: timestamp,
      revisions: z.array(z.object({ fieldId, revision: z.number().int().positive() })),
    }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.hearings.saveAnswers(user, input),
  }),
  'hearings.approveStatement': defineChannel({
    // The revision of the text she heard: a newer one (from another window) is not what she approved.
    input: z.object({ hearingId: id, textRevision: z.number().int().positive() }).strict(),
    output: z.object({ approvedAt: timestamp, sha256: z.string() }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.hearings.approveStatement(user, input.hearingId, input.textRevision),
  }),
  'hearings.addAddendum': defineChannel({
    input: z.object({ hearingId: id, text: z.string().trim().min(1).max(20_000) }).strict(),
    output: z.object({ addendum: addendumView }),
    access: HEARING,
    handler: async (input, { user, deps }) => ({
      addendum: await deps.hearings.addAddendum(user, input.hearingId, input.text),
    }),
  }),
  'hearings.close': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({ closedAt: timestamp }),
    access: HEARING,
    handler: (input, { user, deps }) => deps.hearings.close(user, input.hearingId),
  }),
});
