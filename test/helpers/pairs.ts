import { randomUUID } from 'node:crypto';
import type { TestCore } from './temp-core';

/**
 * Victim and suspect persons (issue 16) for the queue and statistics tests, written past the
 * services: how a link is proposed and confirmed is persons.test.ts's subject; here only the pair
 * matters. Every name is invented.
 */
export async function createPerson(t: TestCore, surname: string): Promise<string> {
  const id = randomUUID();
  const [officer] = await t.sql<{ id: string }>(
    "SELECT id FROM users WHERE role = 'officer' ORDER BY username LIMIT 1",
  );
  await t.sql(
    'INSERT INTO persons (id, surname, first_names, birth_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    [id, surname, 'Testine', '1990-02-03', t.clock.now, officer!.id],
  );
  return id;
}

/** Links a hearing's victim and (when given) suspect to these persons, as confirmed by its officer. */
export async function linkPersons(
  t: TestCore,
  hearingId: string,
  persons: { victim: string; suspect?: string },
): Promise<void> {
  const [hearing] = await t.sql<{ createdAt: number | string; ownerId: string }>(
    'SELECT created_at AS "createdAt", owner_id AS "ownerId" FROM hearings WHERE id = ?',
    [hearingId],
  );
  for (const [role, personId] of Object.entries(persons)) {
    if (personId === undefined) continue;
    await t.sql(
      `INSERT INTO hearing_persons (hearing_id, role, person_id, hearing_opened_at, linked_at, linked_by, how)
       VALUES (?, ?, ?, ?, ?, ?, 'confirmed')`,
      [hearingId, role, personId, Number(hearing!.createdAt), t.clock.now, hearing!.ownerId],
    );
  }
}
