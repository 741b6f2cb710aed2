import { z } from 'zod';
import { CANDIDATE_REASONS, PERSON_ROLES } from '../../../domain/person-links';
import { defineChannel, defineDomain, unlocked } from '../channel';
import { id, timestamp } from '../schemas';

const role = z.enum(PERSON_ROLES);
const about = { hearingId: id, role };

/**
 * An earlier person proposed for a hearing's victim or suspect: only what identifies the person and
 * the dates of the person's other hearings, never what those hearings hold, who took them or where.
 */
const candidate = z.object({
  personId: id,
  surname: z.string(),
  firstNames: z.string(),
  /** YYYY-MM-DD, or null when unknown. */
  birthDate: z.string().nullable(),
  reason: z.enum(CANDIDATE_REASONS),
  /** When each of the person's other hearings was opened, oldest first. */
  hearingDates: z.array(timestamp),
});

/** Persons across hearings (src-main/services/persons.ts): proposals, the officer's decision, a supervisor's undoing. */
export const personsChannels = defineDomain('persons', {
  'persons.candidates': defineChannel({
    input: z.object(about).strict(),
    output: z.object({ candidates: z.array(candidate) }),
    // The hearing's officer: the search also brings the hearing's own person up to date with her answers.
    access: unlocked(['officer']),
    handler: (input, { user, deps }) => deps.persons.candidates(user, input),
  }),
  /** The earlier persons the hearing's officer linked its victim and suspect to, shown as a candidate is. */
  'persons.links': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      links: z.array(z.object({ role, linkedAt: timestamp, person: candidate.omit({ reason: true }) })),
    }),
    // Her officer, or a supervisor of its unit, who may undo a wrong link (persons.unlink).
    access: unlocked(['officer', 'supervisor']),
    handler: (input, { user, deps }) => deps.persons.links(user, input),
  }),
  'persons.confirm': defineChannel({
    input: z.object({ ...about, personId: id }).strict(),
    output: z.object({
      linkedAt: timestamp,
      /** The risk items police records now answer (A9, C4, D4), where she had not answered them. */
      fromRecords: z.array(z.string()),
    }),
    access: unlocked(['officer']),
    // Linked first: the records of the pair it makes are then read and fed to the risk step.
    handler: async (input, { user, deps }) => {
      const { linkedAt } = await deps.persons.confirm(user, input);
      return { linkedAt, fromRecords: await deps.pairs.feedRisk(user, input.hearingId) };
    },
  }),
  'persons.decline': defineChannel({
    input: z.object({ ...about, personId: id }).strict(),
    output: z.object({ declinedAt: timestamp }),
    access: unlocked(['officer']),
    handler: (input, { user, deps }) => deps.persons.decline(user, input),
  }),
  'persons.unlink': defineChannel({
    input: z.object({ ...about, reason: z.string().trim().min(1).max(2_000) }).strict(),
    output: z.object({ unlinkedAt: timestamp }),
    access: unlocked(['supervisor']),
    handler: (input, { user, deps }) => deps.persons.unlink(user, input),
  }),
});
