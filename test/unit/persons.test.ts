import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findField } from '../../forms/engine';
import { formRegistry } from '../../forms/registry';
import type { PersonRole } from '../../domain/person-links';
import { apiOf, completeHearing, saveStep } from '../helpers/complete-hearing';
import {
  createAccount,
  createUnit,
  defaultUnitId,
  openTestCore,
  PEOPLE,
  seedAccounts,
  type TestCore,
} from '../helpers/temp-core';

/**
 * Persons across hearings (issue 16, items 1 and 2), on each store: what is proposed for a hearing's
 * victim or suspect, and that only the hearing's officer links, by confirming; a supervisor of the
 * unit undoes a link. Every name, date and number here is invented.
 */

const SUPERVISOR = {
  username: 'sup.unit.a',
  displayName: 'Sarah Fictive',
  password: 'supervisor unit a passphrase',
  role: 'supervisor' as const,
};
const ELSEWHERE = {
  username: 'sup.unit.b',
  displayName: 'Sven Verzonnen',
  password: 'supervisor unit b passphrase',
  role: 'supervisor' as const,
};

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t, true);
  await createAccount(t, { ...SUPERVISOR, unitId: await defaultUnitId(t) });
  await createAccount(t, { ...ELSEWHERE, unitId: await createUnit(t, 'Unit B') });
  await t.ok('supervisor-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  await t.ok('elsewhere-window', 'session.login', { username: ELSEWHERE.username, password: ELSEWHERE.password });
});
afterEach(() => t.close());

/** A register number of someone born in the 1900s with valid check digits (97 minus the first nine modulo 97). */
function registerNumber(firstNine: string): string {
  return firstNine + String(97 - (Number(firstNine) % 97)).padStart(2, '0');
}
/** The same number with its last check digit changed: a typing slip the check digits catch. */
function mistyped(number: string): string {
  return number.slice(0, 10) + String((Number(number[10]) + 1) % 10);
}

interface Person {
  surname?: string;
  firstNames?: string;
  birthDate?: string;
  nationalNumber?: string;
  birthPlace?: string;
}

/**
 * A hearing of `window`'s officer naming its victim or suspect. The fields the hearing's people
 * form already asks are saved through the API; those that arrive with people@4 (national number,
 * birthplace) are written as stored answers, which is all the person service reads.
 */
async function hearingWith(role: PersonRole, person: Person, window = 'officer-window'): Promise<string> {
  const hearingId = (await t.ok(window, 'hearings.create', {})).hearing.id;
  await answerPeople(hearingId, role, person, window);
  return hearingId;
}

async function answerPeople(hearingId: string, role: PersonRole, person: Person, window = 'officer-window') {
  const loaded = await t.ok(window, 'hearings.load', { hearingId });
  const version = loaded.forms.find((f) => f.formId === 'people')!.formVersion;
  const form = formRegistry.get('people', version)!;
  const values = Object.entries(person).map(([field, value]) => [
    `${role}${field[0]!.toUpperCase()}${field.slice(1)}`,
    value,
  ]);
  const asked = values.filter(([fieldId]) => findField(form, fieldId!));
  if (asked.length > 0) await saveStep(apiOf(t, window), hearingId, 'people', Object.fromEntries(asked));
  const [owner] = await t.sql<{ id: string }>('SELECT owner_id AS id FROM hearings WHERE id = ?', [hearingId]);
  for (const [fieldId, value] of values.filter(([fieldId]) => !findField(form, fieldId!)))
    await t.sql(
      `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
       VALUES (?, 'people', ?, ?, ?, 1, ?, ?)
       ON CONFLICT (hearing_id, form_id, field_id) DO UPDATE SET value_json = excluded.value_json`,
      [hearingId, version, fieldId, JSON.stringify(value), t.clock.now, owner!.id],
    );
}

const candidates = (hearingId: string, role: PersonRole, window = 'officer-window') =>
  t.ok(window, 'persons.candidates', { hearingId, role }).then((r) => r.candidates);

/** The person a hearing's role is linked to, and how. */
async function linkOf(hearingId: string, role: PersonRole) {
  const [row] = await t.sql<{ personId: string; how: string }>(
    'SELECT person_id AS personId, how FROM hearing_persons WHERE hearing_id = ? AND role = ?',
    [hearingId, role],
  );
  return row ?? null;
}

/** An earlier hearing's person, made as its officer looks at the proposals (or closes it). */
async function earlier(role: PersonRole, person: Person, window = 'other-window'): Promise<string> {
  const hearingId = await hearingWith(role, person, window);
  await candidates(hearingId, role, window);
  return (await linkOf(hearingId, role))!.personId;
}

const auditOf = (action: string) =>
  t.sql<{ userId: string; hearingId: string; details: string }>(
    'SELECT user_id AS userId, hearing_id AS hearingId, details_json AS details FROM audit_events WHERE action = ? ORDER BY seq',
    [action],
  );

describe('proposing earlier persons', () => {
  it('proposes the same register number first, and never matches or stores a number whose check digit is wrong', async () => {
    const number = registerNumber('900314002');
    const byNumber = await earlier('victim', { surname: 'Benali', firstNames: 'Amina', nationalNumber: number });
    const byNames = await earlier('victim', { surname: 'Benali', firstNames: 'Aminah', birthDate: '1990-03-14' });

    const hearingId = await hearingWith('victim', {
      surname: 'Ben Ali',
      firstNames: 'Amina',
      birthDate: '1990-03-14',
      nationalNumber: number,
    });
    const found = await candidates(hearingId, 'victim');
    expect(found.map((c) => [c.personId, c.reason])).toEqual([
      [byNumber, 'nationalNumber'],
      [byNames, 'names'],
    ]);
    // Only what identifies: names, birth date, why, and the dates of the earlier hearings.
    expect(found[0]).toEqual({
      personId: byNumber,
      surname: 'Benali',
      firstNames: 'Amina',
      birthDate: '1990-03-14',
      reason: 'nationalNumber',
      hearingDates: [t.clock.now],
    });

    // A slip in the check digits: the people step refuses it as typed (people@4)...
    const slipped = await hearingWith('victim', { surname: 'Martin', firstNames: 'Zoé' });
    const typed = await t.core.dispatcher.call('officer-window', 'hearings.saveAnswers', {
      hearingId: slipped,
      formId: 'people',
      changes: [{ fieldId: 'victimNationalNumber', value: mistyped(number), baseRevision: 0 }],
    });
    expect(typed.ok ? 'saved' : typed.error.code).toBe('INVALID_ANSWER');
    // ...and one stored past the step (an older version, an import) is no number at all, so the
    // other person with that number is not found by it.
    const [owner] = await t.sql<{ id: string }>('SELECT owner_id AS id FROM hearings WHERE id = ?', [slipped]);
    await t.sql(
      `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
       VALUES (?, 'people', 4, 'victimNationalNumber', ?, 1, ?, ?)`,
      [slipped, JSON.stringify(mistyped(number)), t.clock.now, owner!.id],
    );
    expect(await candidates(slipped, 'victim')).toEqual([]);
    const own = await linkOf(slipped, 'victim');
    const [stored] = await t.sql<{ nationalNumber: string | null }>(
      'SELECT national_number AS nationalNumber FROM persons WHERE id = ?',
      [own!.personId],
    );
    expect(stored).toEqual({ nationalNumber: null });
    // And two valid numbers that differ are two people, however alike their names.
    const other = await hearingWith('victim', {
      surname: 'Benali',
      firstNames: 'Amina',
      nationalNumber: registerNumber('900314004'),
    });
    expect((await candidates(other, 'victim')).map((c) => c.personId)).not.toContain(byNumber);
  });

  it('proposes a suspect transliterated, without accents, with names swapped or one typing slip, but not a stranger', async () => {
    const variants: [string, Person, Person][] = [
      [
        'transliterated from Arabic',
        { firstNames: 'Mohammed', surname: 'Haddad' },
        { firstNames: 'محمد', surname: 'حداد' },
      ],
      [
        'in another Latin spelling',
        { firstNames: 'Mohammed', surname: 'Haddad' },
        { firstNames: 'Muhammad', surname: 'Haddad' },
      ],
      [
        'transliterated from Cyrillic',
        { firstNames: 'Oleksandr', surname: 'Kovalenko' },
        { firstNames: 'Олександр', surname: 'Коваленко' },
      ],
      ['without accents', { firstNames: 'Inès', surname: 'Lefèvre' }, { firstNames: 'Ines', surname: 'Lefevre' }],
      [
        'with first and last names swapped',
        { firstNames: 'Nour', surname: 'Saidi' },
        { firstNames: 'Saidi', surname: 'Nour' },
      ],
      [
        'with one typing slip',
        { firstNames: 'Katarzyna', surname: 'Wiśniewska' },
        { firstNames: 'Katarzyna', surname: 'Wisniewksa' },
      ],
    ];
    // Each pair born on its own day, so that one pair's persons are not another's candidates.
    for (const [i, [variant, before, now]] of variants.entries()) {
      const birthDate = `1985-06-1${i}`;
      const person = await earlier('suspect', { ...before, birthDate });
      const hearingId = await hearingWith('suspect', { ...now, birthDate });
      expect({
        variant,
        proposed: (await candidates(hearingId, 'suspect')).map((c) => [c.personId, c.reason]),
      }).toEqual({
        variant,
        proposed: [[person, 'names']],
      });
    }
    const stranger = await hearingWith('suspect', { firstNames: 'Pieter', surname: 'Claes', birthDate: '1985-06-10' });
    expect(await candidates(stranger, 'suspect')).toEqual([]);
  });

  it('does not propose a namesake born on another day; a birth date unknown on one side does not contradict', async () => {
    const person = await earlier('suspect', { firstNames: 'Marc', surname: 'Exemple', birthDate: '1980-01-01' });
    const namesake = await hearingWith('suspect', { firstNames: 'Marc', surname: 'Exemple', birthDate: '1982-05-05' });
    expect(await candidates(namesake, 'suspect')).toEqual([]);
    const namesakePerson = (await linkOf(namesake, 'suspect'))!.personId;
    const undated = await hearingWith('suspect', { firstNames: 'Marc', surname: 'Exemple' });
    expect((await candidates(undated, 'suspect')).map((c) => c.personId).sort()).toEqual(
      [person, namesakePerson].sort(),
    );
  });

  it('ranks first the namesake born where the hearing says, the place written with or without accents', async () => {
    const fromLiege = await earlier('victim', { firstNames: 'Zoé', surname: 'Exemplaire', birthPlace: 'Liège' });
    const fromNamur = await earlier('victim', { firstNames: 'Zoé', surname: 'Exemplaire', birthPlace: 'Namur' });
    const bornInLiege = await hearingWith('victim', { firstNames: 'Zoe', surname: 'EXEMPLAIRE', birthPlace: 'LIEGE' });
    expect((await candidates(bornInLiege, 'victim')).map((c) => c.personId)).toEqual([fromLiege, fromNamur]);
    const bornInNamur = await hearingWith('victim', { firstNames: 'Zoé', surname: 'Exemplaire', birthPlace: 'namur' });
    // The first search's hearing made its victim a person too (born in Liège, as written there).
    const bornInLiegeToo = (await linkOf(bornInLiege, 'victim'))!.personId;
    const proposed = (await candidates(bornInNamur, 'victim')).map((c) => c.personId);
    expect(proposed[0]).toBe(fromNamur);
    expect(proposed.slice(1).sort()).toEqual([fromLiege, bornInLiegeToo].sort());
  });

  it('keeps the hearing’s own person in step with its answers while no other hearing is linked to it', async () => {
    const hearingId = await hearingWith('victim', { firstNames: 'Lina', surname: 'Exemplaire' });
    await candidates(hearingId, 'victim');
    const own = (await linkOf(hearingId, 'victim'))!;
    expect(own.how).toBe('new');
    await answerPeople(hearingId, 'victim', { firstNames: 'Line', birthDate: '1995-02-03' });
    await candidates(hearingId, 'victim');
    const [person] = await t.sql(
      'SELECT first_names AS firstNames, birth_date AS birthDate FROM persons WHERE id = ?',
      [own.personId],
    );
    expect(person).toEqual({ firstNames: 'Line', birthDate: '1995-02-03' });
    const keys = await t.sql<{ key: string }>('SELECT key FROM person_search_keys WHERE person_id = ? ORDER BY key', [
      own.personId,
    ]);
    expect(keys.map((k) => k.key)).toEqual(['aksmplr', 'ln']);
    // Names cleared: no person for the role until they are typed again, and nothing of the old one left.
    await saveStep(apiOf(t), hearingId, 'people', { victimFirstNames: null, victimSurname: null });
    await candidates(hearingId, 'victim');
    expect(await linkOf(hearingId, 'victim')).toBeNull();
    expect(await t.sql('SELECT id FROM persons WHERE id = ?', [own.personId])).toEqual([]);
  });

  it('keeps each search key under its person’s birth date, corrected with it, so the lookup finds her under the right date only', async () => {
    const hearingId = await hearingWith(
      'victim',
      { firstNames: 'Nora', surname: 'Exemplière', birthDate: '1990-04-05' },
      'other-window',
    );
    await candidates(hearingId, 'victim', 'other-window');
    const { personId } = (await linkOf(hearingId, 'victim'))!;
    const datesOfKeys = async () =>
      (
        await t.sql<{ birthDate: string | null }>(
          'SELECT DISTINCT birth_date AS birthDate FROM person_search_keys WHERE person_id = ?',
          [personId],
        )
      ).map((k) => k.birthDate);
    expect(await datesOfKeys()).toEqual(['1990-04-05']);
    // Only the date corrected (the names unchanged): the keys follow it.
    await answerPeople(hearingId, 'victim', { birthDate: '1990-05-04' }, 'other-window');
    await candidates(hearingId, 'victim', 'other-window');
    expect(await datesOfKeys()).toEqual(['1990-05-04']);
    const withOldDate = await hearingWith('victim', {
      firstNames: 'Nora',
      surname: 'Exemplière',
      birthDate: '1990-04-05',
    });
    expect(await candidates(withOldDate, 'victim')).toEqual([]);
    const withNewDate = await hearingWith('victim', {
      firstNames: 'Nora',
      surname: 'Exemplière',
      birthDate: '1990-05-04',
    });
    expect((await candidates(withNewDate, 'victim')).map((c) => c.personId)).toEqual([personId]);
    // Confirmed with other names and no date, the hearing's names find her under her own date.
    const undated = await hearingWith('victim', { firstNames: 'Norah', surname: 'Exemplier' });
    await t.ok('officer-window', 'persons.confirm', { hearingId: undated, role: 'victim', personId });
    expect(await datesOfKeys()).toEqual(['1990-05-04']);
  });

  it('makes the victim and the suspect persons when the hearing closes, without a look at the proposals', async () => {
    const hearingId = await completeHearing().take(apiOf(t));
    expect(await linkOf(hearingId, 'victim')).toMatchObject({ how: 'new' });
    expect(await linkOf(hearingId, 'suspect')).toMatchObject({ how: 'new' });
    // A later hearing of another officer finds the suspect (people@3's defaults: Marc Exemple).
    const later = await hearingWith('suspect', { firstNames: 'Marc', surname: 'Exemple' }, 'other-window');
    expect((await candidates(later, 'suspect', 'other-window')).map((c) => c.personId)).toEqual([
      (await linkOf(hearingId, 'suspect'))!.personId,
    ]);
  });

  it('lets only the hearing’s officer ask, and audits each search with how many were proposed', async () => {
    await earlier('victim', { firstNames: 'Sara', surname: 'Fictiva', birthDate: '1992-07-07' });
    const hearingId = await hearingWith('victim', { firstNames: 'Sarah', surname: 'Fictiva', birthDate: '1992-07-07' });
    for (const window of ['other-window', 'supervisor-window', 'admin-window']) {
      const refused = await t.core.dispatcher.dispatch(window, 'persons.candidates', { hearingId, role: 'victim' });
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    }
    await candidates(hearingId, 'victim');
    const searches = (await auditOf('persons.searched')).filter((e) => e.hearingId === hearingId);
    expect(searches.map((e) => JSON.parse(e.details) as unknown)).toEqual([{ role: 'victim', proposed: 1 }]);
    const [officer] = await t.sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [PEOPLE.officer.username]);
    expect(searches[0]!.userId).toBe(officer!.id);
  });
});

describe('linking, declining and undoing', () => {
  async function proposedPair() {
    const person = await earlier('victim', { firstNames: 'Yasmina', surname: 'Dahmani', birthDate: '1988-12-01' });
    // A slip in the surname that changes its key (dhmn, dhmm): confirmed, the person is found by both.
    const hearingId = await hearingWith('victim', {
      firstNames: 'Yasmine',
      surname: 'Dahmami',
      birthDate: '1988-12-01',
    });
    expect((await candidates(hearingId, 'victim')).map((c) => c.personId)).toEqual([person]);
    return { person, hearingId };
  }

  it('links nothing without the officer’s confirmation; confirmed, the hearing is the person’s and its names find it', async () => {
    const { person, hearingId } = await proposedPair();
    const own = (await linkOf(hearingId, 'victim'))!;
    expect(own).toMatchObject({ how: 'new' });
    expect(own.personId).not.toBe(person);
    // Asking again changes nothing either.
    await candidates(hearingId, 'victim');
    expect(await linkOf(hearingId, 'victim')).toEqual(own);

    await t.ok('officer-window', 'persons.confirm', { hearingId, role: 'victim', personId: person });
    expect(await linkOf(hearingId, 'victim')).toEqual({ personId: person, how: 'confirmed' });
    // The hearing's own person, linked to nothing any more, is gone with its keys.
    expect(await t.sql('SELECT id FROM persons WHERE id = ?', [own.personId])).toEqual([]);
    expect(await t.sql('SELECT key FROM person_search_keys WHERE person_id = ?', [own.personId])).toEqual([]);
    const keys = (await t.sql<{ key: string }>('SELECT key FROM person_search_keys WHERE person_id = ?', [person])).map(
      (k) => k.key,
    );
    expect(keys.sort()).toEqual(['asmn', 'dhmm', 'dhmn']);
    // Already linked: not proposed to itself.
    expect(await candidates(hearingId, 'victim')).toEqual([]);
    const [confirmed] = await auditOf('persons.linkConfirmed');
    expect({ ...confirmed, details: JSON.parse(confirmed!.details) as unknown }).toMatchObject({
      hearingId,
      details: { role: 'victim', personId: person },
    });
    // Only a person the app proposes now is linked: not a suspect's, nor an arbitrary one.
    const stranger = await earlier('victim', { firstNames: 'Pieter', surname: 'Claes' });
    const refused = await t.core.dispatcher.dispatch('officer-window', 'persons.confirm', {
      hearingId,
      role: 'suspect',
      personId: stranger,
    });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('PERSON_NOT_PROPOSED');
    const colleague = await t.core.dispatcher.dispatch('other-window', 'persons.confirm', {
      hearingId,
      role: 'victim',
      personId: person,
    });
    expect(colleague.ok ? 'ok' : colleague.error.code).toBe('FORBIDDEN');
  });

  it('does not propose a declined person again for that hearing and role, and records who declined it', async () => {
    const { person, hearingId } = await proposedPair();
    expect(await t.ok('officer-window', 'persons.decline', { hearingId, role: 'victim', personId: person })).toEqual({
      declinedAt: t.clock.now,
    });
    expect(await candidates(hearingId, 'victim')).toEqual([]);
    const refused = await t.core.dispatcher.dispatch('officer-window', 'persons.confirm', {
      hearingId,
      role: 'victim',
      personId: person,
    });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('PERSON_NOT_PROPOSED');
    expect((await linkOf(hearingId, 'victim'))!.how).toBe('new');
    expect((await auditOf('persons.declined')).map((e) => JSON.parse(e.details) as unknown)).toEqual([
      { role: 'victim', personId: person },
    ]);
    // Another hearing still gets the proposal.
    const another = await hearingWith('victim', { firstNames: 'Yasmina', surname: 'Dahmani', birthDate: '1988-12-01' });
    expect((await candidates(another, 'victim')).map((c) => c.personId)).toContain(person);
    // The decisions are appended, never changed.
    await expect(t.sql("UPDATE person_link_events SET reason = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM person_link_events')).rejects.toThrow(/append-only/);
  });

  it('lets only a supervisor of the hearing’s unit undo a link, with her reason, and puts the hearing back on a person of its own', async () => {
    const { person, hearingId } = await proposedPair();
    await t.ok('officer-window', 'persons.confirm', { hearingId, role: 'victim', personId: person });
    const reason = 'Deux personnes distinctes : dates de naissance confondues (motif fictif).';
    const undo = (window: string, r = reason) =>
      t.core.dispatcher.dispatch(window, 'persons.unlink', { hearingId, role: 'victim', reason: r });
    for (const window of ['officer-window', 'other-window', 'elsewhere-window', 'admin-window']) {
      const refused = await undo(window);
      expect({ window, code: refused.ok ? 'ok' : refused.error.code }).toEqual({ window, code: 'FORBIDDEN' });
    }
    const blank = await undo('supervisor-window', '   ');
    expect(blank.ok ? 'ok' : blank.error.code).toBe('VALIDATION');
    expect(await linkOf(hearingId, 'victim')).toEqual({ personId: person, how: 'confirmed' });

    expect((await undo('supervisor-window')).ok).toBe(true);
    const own = (await linkOf(hearingId, 'victim'))!;
    expect(own.how).toBe('new');
    expect(own.personId).not.toBe(person);
    const [made] = await t.sql('SELECT surname, first_names AS firstNames FROM persons WHERE id = ?', [own.personId]);
    expect(made).toEqual({ surname: 'Dahmami', firstNames: 'Yasmine' });
    // The person it was wrongly linked to is not proposed to it again.
    expect(await candidates(hearingId, 'victim')).toEqual([]);
    const [unlinked] = await auditOf('persons.unlinked');
    expect(JSON.parse(unlinked!.details)).toEqual({ role: 'victim', personId: person });
    const [sarah] = await t.sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [SUPERVISOR.username]);
    expect(unlinked!.userId).toBe(sarah!.id);
    const events = await t.sql(
      'SELECT action, reason FROM person_link_events WHERE hearing_id = ? ORDER BY at, action',
      [hearingId],
    );
    expect(events).toEqual([
      { action: 'confirmed', reason: null },
      { action: 'unlinked', reason },
    ]);
    // Nothing left to undo.
    const again = await undo('supervisor-window');
    expect(again.ok ? 'ok' : again.error.code).toBe('PERSON_NOT_LINKED');
  });
});
