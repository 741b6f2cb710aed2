import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { parseNationalNumber } from '../../domain/national-number';
import type { PersonRole } from '../../domain/person-links';
import { CANDIDATE_THRESHOLD, nameSimilarity, normaliseName, searchKeys } from '../../domain/person-names';
import { FORMS } from '../../forms/answers';
import { PERSON_FIELDS } from '../../forms/person-fields';
import { AppError } from '../api/app-error';
import type { ChannelInput, ChannelOutput, UserView } from '../api/contract';
import { accessOf, type Store, type StoreDb, type StoreTables } from '../db/store';
import type { HearingService } from './hearings';
import { leavePair, type PairScheduleService } from './pairs';

/**
 * One person per victim and per suspect across hearings (issue 16, items 1 and 2). Each hearing's
 * victim and suspect are first a person of the hearing's own, made from its people step; the app
 * then proposes earlier persons (the same register number, or close names whose birth date does not
 * contradict), and only the hearing's officer links them, by confirming one. Nothing is ever linked
 * or merged otherwise; a supervisor of the hearing's unit may undo a link, with a reason. Each
 * search, confirmation, refusal and undoing is audited.
 */

type Identity = {
  surname: string;
  firstNames: string;
  birthDate: string | null;
  birthPlace: string | null;
  /** Eleven digits whose check digits and date part passed; a mistyped number is no number. */
  nationalNumber: string | null;
};

type HearingRow = StoreTables['hearings']['$inferSelect'];
type PersonRow = { id: string; surname: string; firstNames: string; birthDate: string | null };
export type PersonCandidate = ChannelOutput<'persons.candidates'>['candidates'][number];

/** The audit trail's name for each decision (persons.linkConfirmed, persons.declined, persons.unlinked). */
const DECISION_AUDIT_ACTIONS = {
  confirmed: 'persons.linkConfirmed',
  declined: 'persons.declined',
  unlinked: 'persons.unlinked',
} as const;

/** At most this many persons proposed: the officer reads each one. */
const MAX_CANDIDATES = 10;
/**
 * The persons sharing the most search keys with the names, scored one by one. A frequent name's key
 * (Mohamed: mhmd) can be shared by thousands of persons; those sharing more keys come first, and the
 * birth date is compared in the query, so the score is computed for a bounded number.
 */
const CANDIDATE_POOL = 400;
/** A birth date known on both sides and equal ranks a candidate this much higher than names alone. */
const SAME_BIRTH_DATE = 0.1;
/**
 * A birthplace known on both sides and written alike (accents, case and hyphens aside) breaks ties
 * between namesakes. Less than a birth date: places are written many ways (Bruxelles, Brussel,
 * Etterbeek), so a different one never counts against a candidate.
 */
const SAME_BIRTH_PLACE = 0.05;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const samePlaceName = (stored: string | null, typed: string) =>
  stored !== null && normaliseName(stored) !== '' && normaliseName(stored) === normaliseName(typed);

/** The hearing's own answers about the victim or the suspect; null when nothing identifies the person yet. */
async function identityOf(
  tx: StoreDb,
  tables: StoreTables,
  hearingId: string,
  role: PersonRole,
): Promise<Identity | null> {
  const { answers } = tables;
  const fields = PERSON_FIELDS[role];
  const rows = await tx
    .select({ fieldId: answers.fieldId, valueJson: answers.valueJson })
    .from(answers)
    .where(
      and(
        eq(answers.hearingId, hearingId),
        eq(answers.formId, FORMS.people),
        inArray(answers.fieldId, Object.values(fields)),
      ),
    );
  const text = (fieldId: string): string | null => {
    const row = rows.find((r) => r.fieldId === fieldId);
    const value = row ? (JSON.parse(row.valueJson) as unknown) : null;
    return typeof value === 'string' && value.trim() !== '' ? value.trim().normalize('NFC') : null;
  };
  const typed = text(fields.nationalNumber);
  const parsed = typed === null ? null : parseNationalNumber(typed);
  const nationalNumber = parsed?.ok ? parsed.digits : null;
  const surname = text(fields.surname) ?? '';
  const firstNames = text(fields.firstNames) ?? '';
  if (surname === '' && firstNames === '' && nationalNumber === null) return null;
  const birthDate = text(fields.birthDate);
  return {
    surname,
    firstNames,
    // The number's own date when the step has none: it was checked with the number.
    birthDate: birthDate !== null && ISO_DATE.test(birthDate) ? birthDate : parsed?.ok ? parsed.birthDate : null,
    birthPlace: text(fields.birthPlace),
    nationalNumber,
  };
}

const keysOf = (identity: Pick<Identity, 'surname' | 'firstNames'>) =>
  searchKeys({ firstNames: identity.firstNames, lastName: identity.surname });

type Link = { personId: string; how: 'new' | 'confirmed' };

/**
 * Makes sure the hearing's victim or suspect is a person, current with the answers, and returns the
 * link (none while nothing identifies the person) with what the answers say. A person of the
 * hearing's own follows its answers while no other hearing is linked to it; once another hearing
 * confirmed it, it keeps what it had.
 */
async function ensureHearingPerson(
  tx: StoreDb,
  tables: StoreTables,
  hearing: Pick<HearingRow, 'id' | 'createdAt'>,
  role: PersonRole,
  actorId: string,
  at: number,
): Promise<{ link: Link | null; identity: Identity | null }> {
  const { hearingPersons, persons, personSearchKeys } = tables;
  const identity = await identityOf(tx, tables, hearing.id, role);
  const [link] = await tx
    .select({ personId: hearingPersons.personId, how: hearingPersons.how })
    .from(hearingPersons)
    .where(and(eq(hearingPersons.hearingId, hearing.id), eq(hearingPersons.role, role)));

  if (link?.how === 'confirmed') return { link, identity };
  if (link && (await otherHearings(tx, tables, link.personId, hearing.id)) > 0) return { link, identity };
  if (link && identity === null) {
    // The names were cleared: the hearing has no person for this role until they are typed again.
    await tx.delete(hearingPersons).where(and(eq(hearingPersons.hearingId, hearing.id), eq(hearingPersons.role, role)));
    await removeIfUnused(tx, tables, link.personId);
    return { link: null, identity };
  }
  if (identity === null) return { link: null, identity };
  if (link) {
    const [stored] = await tx
      .select({
        surname: persons.surname,
        firstNames: persons.firstNames,
        birthDate: persons.birthDate,
        birthPlace: persons.birthPlace,
        nationalNumber: persons.nationalNumber,
      })
      .from(persons)
      .where(eq(persons.id, link.personId));
    // Written only when the answers changed: a search is mostly a read.
    if (!stored || (Object.keys(identity) as (keyof Identity)[]).some((k) => stored[k] !== identity[k]))
      await tx.update(persons).set(identity).where(eq(persons.id, link.personId));
    if (
      !stored ||
      stored.surname !== identity.surname ||
      stored.firstNames !== identity.firstNames ||
      stored.birthDate !== identity.birthDate
    ) {
      await tx.delete(personSearchKeys).where(eq(personSearchKeys.personId, link.personId));
      await addKeys(tx, tables, { id: link.personId, birthDate: identity.birthDate }, keysOf(identity));
    }
    return { link, identity };
  }
  const personId = await createPerson(tx, tables, identity, actorId, at);
  await tx.insert(hearingPersons).values({
    hearingId: hearing.id,
    role,
    personId,
    hearingOpenedAt: hearing.createdAt,
    linkedAt: at,
    linkedBy: actorId,
    how: 'new',
  });
  // After the link: on PostgreSQL a person's keys are written by whoever writes one of its hearings.
  await addKeys(tx, tables, { id: personId, birthDate: identity.birthDate }, keysOf(identity));
  return { link: { personId, how: 'new' }, identity };
}

async function createPerson(
  tx: StoreDb,
  tables: StoreTables,
  identity: Identity,
  actorId: string,
  at: number,
): Promise<string> {
  const id = randomUUID();
  await tx.insert(tables.persons).values({ id, ...identity, createdAt: at, createdBy: actorId });
  return id;
}

/** Keys under which a person is found, each with the person's own birth date (see proposals). */
async function addKeys(
  tx: StoreDb,
  tables: StoreTables,
  person: { id: string; birthDate: string | null },
  keys: string[],
): Promise<void> {
  if (keys.length === 0) return;
  await tx
    .insert(tables.personSearchKeys)
    .values(keys.map((key) => ({ personId: person.id, key, birthDate: person.birthDate })))
    .onConflictDoNothing();
}

/** How many hearings other than this one are linked to the person. */
async function otherHearings(tx: StoreDb, tables: StoreTables, personId: string, hearingId: string): Promise<number> {
  const { hearingPersons } = tables;
  const [row] = await tx
    .select({ n: count() })
    .from(hearingPersons)
    .where(and(eq(hearingPersons.personId, personId), ne(hearingPersons.hearingId, hearingId)));
  return Number(row?.n ?? 0);
}

/**
 * A person no hearing is linked to any more is removed with its keys, unless a decision names it
 * (a hearing declined it: that record keeps what was declined). One that stays is never proposed,
 * since only persons with a hearing are.
 */
async function removeIfUnused(tx: StoreDb, tables: StoreTables, personId: string): Promise<void> {
  const { hearingPersons, personLinkEvents, persons } = tables;
  const [linked] = await tx.select({ n: count() }).from(hearingPersons).where(eq(hearingPersons.personId, personId));
  const [named] = await tx.select({ n: count() }).from(personLinkEvents).where(eq(personLinkEvents.personId, personId));
  if (Number(linked?.n ?? 0) === 0 && Number(named?.n ?? 0) === 0)
    await tx.delete(persons).where(eq(persons.id, personId));
}

/**
 * When a hearing closes: its victim and suspect become persons (if the people step names them), so
 * that a later hearing finds them even when this one's officer never looked at the proposals.
 */
export async function ensureHearingPersons(
  tx: StoreDb,
  tables: StoreTables,
  hearing: Pick<HearingRow, 'id' | 'createdAt'>,
  actorId: string,
  at: number,
): Promise<void> {
  for (const role of ['victim', 'suspect'] as const) await ensureHearingPerson(tx, tables, hearing, role, actorId, at);
}

export function createPersonService({
  store,
  hearings,
  pairs,
  now,
}: {
  store: Store;
  hearings: Pick<HearingService, 'requireOwnHearing' | 'requireReadableHearing'>;
  pairs: Pick<PairScheduleService, 'settle'>;
  now: () => number;
}) {
  const { tables } = store;
  const { hearingPersons, personLinkEvents, persons, personSearchKeys } = tables;

  /**
   * The earlier persons this hearing's victim or suspect may be, best first: the same valid register
   * number first, then names at least CANDIDATE_THRESHOLD alike whose birth date is the same or
   * unknown on one side (and whose register number, when both are known, is the same). Never the
   * person already linked, one declined or unlinked for this hearing and role, or a person with no
   * other hearing.
   */
  async function proposals(
    tx: StoreDb,
    hearingId: string,
    role: PersonRole,
    identity: Identity,
    linkedId: string | null,
  ): Promise<PersonCandidate[]> {
    const excluded = new Set(
      (
        await tx
          .select({ personId: personLinkEvents.personId })
          .from(personLinkEvents)
          .where(
            and(
              eq(personLinkEvents.hearingId, hearingId),
              eq(personLinkEvents.role, role),
              inArray(personLinkEvents.action, ['declined', 'unlinked']),
            ),
          )
      ).map((r) => r.personId),
    );
    if (linkedId) excluded.add(linkedId);

    const columns = {
      id: persons.id,
      surname: persons.surname,
      firstNames: persons.firstNames,
      birthDate: persons.birthDate,
      birthPlace: persons.birthPlace,
      nationalNumber: persons.nationalNumber,
    };
    const scored = new Map<string, { row: PersonRow; reason: PersonCandidate['reason']; rank: number }>();
    if (identity.nationalNumber) {
      for (const row of await tx
        .select(columns)
        .from(persons)
        .where(eq(persons.nationalNumber, identity.nationalNumber)))
        if (!excluded.has(row.id)) scored.set(row.id, { row, reason: 'nationalNumber', rank: 2 });
    }
    const keys = keysOf(identity);
    if (keys.length > 0) {
      // The persons sharing the most keys, counted in the lookup index alone (it holds each key's
      // birth date), then the best of them read from persons: reading persons for every holder of a
      // frequent key was most of a search's time on PostgreSQL.
      const k = personSearchKeys;
      const shared = count();
      const pool = await tx
        .select({ personId: k.personId, shared })
        .from(k)
        .where(
          and(
            inArray(k.key, keys),
            identity.birthDate === null ? undefined : or(isNull(k.birthDate), eq(k.birthDate, identity.birthDate)),
          ),
        )
        .groupBy(k.personId)
        .orderBy(desc(shared))
        .limit(CANDIDATE_POOL);
      const pooled =
        pool.length === 0
          ? []
          : await tx
              .select(columns)
              .from(persons)
              .where(
                and(
                  inArray(
                    persons.id,
                    pool.map((p) => p.personId),
                  ),
                  // The person's own date decides; the key's copy only narrowed the count.
                  identity.birthDate === null
                    ? undefined
                    : or(isNull(persons.birthDate), eq(persons.birthDate, identity.birthDate)),
                  // Two valid register numbers that differ are two people, however alike their names.
                  identity.nationalNumber === null
                    ? undefined
                    : or(isNull(persons.nationalNumber), eq(persons.nationalNumber, identity.nationalNumber)),
                ),
              );
      const own = { firstNames: identity.firstNames, lastName: identity.surname };
      for (const row of pooled) {
        if (excluded.has(row.id) || scored.has(row.id)) continue;
        const score = nameSimilarity(own, { firstNames: row.firstNames, lastName: row.surname });
        if (score < CANDIDATE_THRESHOLD) continue;
        const sameDate = identity.birthDate !== null && row.birthDate === identity.birthDate;
        const samePlace = identity.birthPlace !== null && samePlaceName(row.birthPlace, identity.birthPlace);
        scored.set(row.id, {
          row,
          reason: 'names',
          rank: score + (sameDate ? SAME_BIRTH_DATE : 0) + (samePlace ? SAME_BIRTH_PLACE : 0),
        });
      }
    }
    if (scored.size === 0) return [];

    // Each candidate's other hearings, by the date each was opened (hearing_persons keeps it).
    const dates = new Map<string, number[]>();
    for (const r of await tx
      .select({ personId: hearingPersons.personId, openedAt: hearingPersons.hearingOpenedAt })
      .from(hearingPersons)
      .where(and(inArray(hearingPersons.personId, [...scored.keys()]), ne(hearingPersons.hearingId, hearingId))))
      dates.set(r.personId, [...(dates.get(r.personId) ?? []), r.openedAt]);

    return [...scored.values()]
      .filter(({ row }) => dates.has(row.id))
      .sort((a, b) => b.rank - a.rank || a.row.id.localeCompare(b.row.id))
      .slice(0, MAX_CANDIDATES)
      .map(({ row, reason }) => ({
        personId: row.id,
        surname: row.surname,
        firstNames: row.firstNames,
        birthDate: row.birthDate,
        reason,
        // A hearing holds each role once, so a person's dates are its distinct hearings.
        hearingDates: [...new Set(dates.get(row.id))].sort((a, b) => a - b),
      }));
  }

  /** The hearing's person, current with its answers, and the persons proposed for it. */
  /**
   * A decision about a hearing's person, kept in person_link_events (with the supervisor's reason
   * for an unlink) and audited without free text: the trail says who did what, not why.
   */
  async function recordDecision(
    tx: StoreDb,
    about: { hearingId: string; role: PersonRole; personId: string },
    action: 'confirmed' | 'declined' | 'unlinked',
    user: UserView,
    at: number,
    reason: string | null = null,
  ): Promise<void> {
    await tx.insert(personLinkEvents).values({ id: randomUUID(), ...about, action, by: user.id, at, reason });
    await store.appendAudit(tx, {
      at,
      userId: user.id,
      action: DECISION_AUDIT_ACTIONS[action],
      hearingId: about.hearingId,
      details: { role: about.role, personId: about.personId },
    });
  }

  /**
   * The hearing's links its officer confirmed, each person as a candidate shows one (identity and
   * the dates of its other hearings), for her or a supervisor of the unit. Audited: it tells when
   * the person was heard before.
   */
  async function links(user: UserView, input: ChannelInput<'persons.links'>): Promise<ChannelOutput<'persons.links'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const { row: hearing } = await hearings.requireReadableHearing(tx, user, input.hearingId);
      const confirmed = await tx
        .select({ role: hearingPersons.role, personId: hearingPersons.personId, linkedAt: hearingPersons.linkedAt })
        .from(hearingPersons)
        .where(and(eq(hearingPersons.hearingId, hearing.id), eq(hearingPersons.how, 'confirmed')))
        .orderBy(hearingPersons.role);
      const found: ChannelOutput<'persons.links'>['links'] = [];
      for (const link of confirmed) {
        const [person] = await tx
          .select({ surname: persons.surname, firstNames: persons.firstNames, birthDate: persons.birthDate })
          .from(persons)
          .where(eq(persons.id, link.personId));
        if (!person) continue;
        const dates = await tx
          .select({ openedAt: hearingPersons.hearingOpenedAt })
          .from(hearingPersons)
          .where(and(eq(hearingPersons.personId, link.personId), ne(hearingPersons.hearingId, hearing.id)))
          .orderBy(hearingPersons.hearingOpenedAt);
        found.push({
          role: link.role as PersonRole,
          linkedAt: link.linkedAt,
          person: { personId: link.personId, ...person, hearingDates: dates.map((d) => d.openedAt) },
        });
      }
      if (found.length > 0)
        await store.appendAudit(tx, {
          at: now(),
          userId: user.id,
          action: 'persons.linksViewed',
          hearingId: hearing.id,
          details: { roles: found.map((l) => l.role) },
        });
      return { links: found };
    });
  }

  async function currentProposals(tx: StoreDb, hearing: HearingRow, role: PersonRole, actorId: string, at: number) {
    const { link, identity } = await ensureHearingPerson(tx, tables, hearing, role, actorId, at);
    const candidates = identity ? await proposals(tx, hearing.id, role, identity, link?.personId ?? null) : [];
    return { link, identity, candidates };
  }

  async function candidates(
    user: UserView,
    input: ChannelInput<'persons.candidates'>,
  ): Promise<ChannelOutput<'persons.candidates'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const hearing = await hearings.requireOwnHearing(tx, user, input.hearingId);
      const at = now();
      const { candidates: found } = await currentProposals(tx, hearing, input.role, user.id, at);
      await store.appendAudit(tx, {
        at,
        userId: user.id,
        action: 'persons.searched',
        hearingId: hearing.id,
        details: { role: input.role, proposed: found.length },
      });
      return { candidates: found };
    });
  }

  /** The officer links the hearing's victim or suspect to a person the app proposes to her now. */
  async function confirm(
    user: UserView,
    input: ChannelInput<'persons.confirm'>,
  ): Promise<Pick<ChannelOutput<'persons.confirm'>, 'linkedAt'>> {
    const confirmed = await store.transaction(accessOf(user), async (tx) => {
      const hearing = await hearings.requireOwnHearing(tx, user, input.hearingId);
      const at = now();
      const { link, identity, candidates: found } = await currentProposals(tx, hearing, input.role, user.id, at);
      const person = found.find((c) => c.personId === input.personId);
      if (!link || !person) throw new AppError('PERSON_NOT_PROPOSED', 'This person is not proposed for this hearing');
      await tx
        .update(hearingPersons)
        .set({ personId: input.personId, how: 'confirmed', linkedAt: at, linkedBy: user.id })
        .where(and(eq(hearingPersons.hearingId, hearing.id), eq(hearingPersons.role, input.role)));
      // The names this hearing recorded find the person from now on too, under the person's birth date.
      if (identity) await addKeys(tx, tables, { id: person.personId, birthDate: person.birthDate }, keysOf(identity));
      // The hearing's own person is removed once nothing needs it (removeIfUnused says when it stays).
      if (link.how === 'new') await removeIfUnused(tx, tables, link.personId);
      await recordDecision(
        tx,
        { hearingId: hearing.id, role: input.role, personId: input.personId },
        'confirmed',
        user,
        at,
      );
      await leavePair(tx, tables, hearing.id);
      return { linkedAt: at };
    });
    // Its new pair's due reassessment: its own, or that of the pair's latest assessment.
    await pairs.settle(user, input.hearingId);
    return confirmed;
  }

  /** The officer says a proposed person is not this hearing's victim or suspect: not proposed again here. */
  async function decline(
    user: UserView,
    input: ChannelInput<'persons.decline'>,
  ): Promise<ChannelOutput<'persons.decline'>> {
    return store.transaction(accessOf(user), async (tx) => {
      const hearing = await hearings.requireOwnHearing(tx, user, input.hearingId);
      const at = now();
      const { candidates: found } = await currentProposals(tx, hearing, input.role, user.id, at);
      if (!found.some((c) => c.personId === input.personId))
        throw new AppError('PERSON_NOT_PROPOSED', 'This person is not proposed for this hearing');
      await recordDecision(
        tx,
        { hearingId: hearing.id, role: input.role, personId: input.personId },
        'declined',
        user,
        at,
      );
      return { declinedAt: at };
    });
  }

  /**
   * A supervisor of the hearing's unit undoes a wrong link, with her reason: the hearing's victim or
   * suspect is again a person of its own, made from its answers, and the person it was linked to is
   * not proposed for it again. The keys the link gave that person stay: they only widen the lookup,
   * and what is proposed is decided by the person's own names and birth date.
   */
  async function unlink(
    user: UserView,
    input: ChannelInput<'persons.unlink'>,
  ): Promise<ChannelOutput<'persons.unlink'>> {
    const unlinked = await store.transaction(accessOf(user), async (tx) => {
      if (user.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only a supervisor of the unit undoes a link');
      const { row: hearing, access } = await hearings.requireReadableHearing(tx, user, input.hearingId);
      if (access !== 'review') throw new AppError('FORBIDDEN', 'Only a supervisor of the unit undoes a link');
      const where = and(eq(hearingPersons.hearingId, hearing.id), eq(hearingPersons.role, input.role));
      const [link] = await tx
        .select({ personId: hearingPersons.personId, how: hearingPersons.how })
        .from(hearingPersons)
        .where(where);
      if (link?.how !== 'confirmed')
        throw new AppError('PERSON_NOT_LINKED', 'This hearing is not linked to an earlier person');
      const at = now();
      const identity = await identityOf(tx, tables, hearing.id, input.role);
      if (identity) {
        const personId = await createPerson(tx, tables, identity, user.id, at);
        await tx.update(hearingPersons).set({ personId, how: 'new', linkedAt: at, linkedBy: user.id }).where(where);
        await addKeys(tx, tables, { id: personId, birthDate: identity.birthDate }, keysOf(identity));
      } else {
        await tx.delete(hearingPersons).where(where);
      }
      await recordDecision(
        tx,
        { hearingId: hearing.id, role: input.role, personId: link.personId },
        'unlinked',
        user,
        at,
        input.reason,
      );
      await leavePair(tx, tables, hearing.id);
      return { unlinkedAt: at };
    });
    await pairs.settle(user, input.hearingId);
    return unlinked;
  }

  return { candidates, links, confirm, decline, unlink };
}

export type PersonService = ReturnType<typeof createPersonService>;
