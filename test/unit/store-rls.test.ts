import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MIGRATION_MANIFEST } from '../../src-main/db/migration-manifest';
import { readTrustedMigrations } from '../../src-main/db/migrations';
import { applyPgMigrations } from '../../src-main/db/pg-migrations';
import { createPgStore } from '../../src-main/db/pg-store';
import { SIGN_IN_ACCESS, type UserAccess } from '../../src-main/db/store';
import { createTestPostgresDatabase, dropDatabaseAndRole, type TestPostgresDatabase } from '../helpers/postgres';
import { ROOT } from '../helpers/temp-core';

/**
 * Row-level security on the zone's PostgreSQL, asked directly as the application's role, past the
 * services (zone.md, "Access control"): no context, no rows; an officer sees her own hearings, a
 * supervisor her unit's, an administrator no hearing content; a forged write is refused.
 */
const CONTENT_TABLES = [
  'addenda',
  'answer_history',
  'answers',
  'evidence_custody_events',
  'evidence_files',
  'evidence_items',
  'hearing_forms',
  'printed_documents',
  'risk_assessments',
  'risk_events',
  'victim_copy_reviews',
];

// Invented people and units.
const unitA = randomUUID();
const unitB = randomUUID();
const people = {
  officerA1: { id: randomUUID(), role: 'officer', unitId: unitA },
  officerA2: { id: randomUUID(), role: 'officer', unitId: unitA },
  officerB: { id: randomUUID(), role: 'officer', unitId: unitB },
  supervisorA: { id: randomUUID(), role: 'supervisor', unitId: unitA },
  administrator: { id: randomUUID(), role: 'administrator', unitId: null },
} as const;
type Person = (typeof people)[keyof typeof people];
const hearingOf = { officerA1: randomUUID(), officerA2: randomUUID(), officerB: randomUUID() };

let database: TestPostgresDatabase;
let owner: pg.Client;
let app: pg.Client;
const appLogin = `hd_test_app_${randomUUID().slice(0, 8)}`;

/** One unit of work as the application does it: the context set for this transaction only. */
async function asActor<T>(person: Person | null, work: (client: pg.Client) => Promise<T>): Promise<T> {
  await app.query('BEGIN');
  try {
    if (person) {
      await app.query(
        "SELECT set_config('hearing_desk.user_id', $1, true), set_config('hearing_desk.role', $2, true), set_config('hearing_desk.unit_id', $3, true)",
        [person.id, person.role, person.unitId ?? ''],
      );
    }
    const result = await work(app);
    await app.query('COMMIT');
    return result;
  } catch (error) {
    await app.query('ROLLBACK');
    throw error;
  }
}

const accessFor = (person: Person): UserAccess =>
  ({ role: person.role, userId: person.id, unitId: person.unitId }) as UserAccess;

const idsOf = async (client: pg.Client, sql: string) =>
  (await client.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();

beforeAll(async () => {
  database = await createTestPostgresDatabase();
  owner = await database.connect();
  await applyPgMigrations(owner, readTrustedMigrations(path.join(ROOT, 'migrations', 'pg'), PG_MIGRATION_MANIFEST));
  await owner.query(`CREATE ROLE "${appLogin}" LOGIN IN ROLE hearing_desk_app`);
  // Seeded as the cluster's superuser, which row-level security does not apply to.
  await owner.query(
    `INSERT INTO units (id, name, created_at) VALUES ($1, 'Unité fictive A', 1), ($2, 'Unité fictive B', 1)`,
    [unitA, unitB],
  );
  for (const [name, person] of Object.entries(people)) {
    await owner.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, unit_id, created_at, updated_at)
       VALUES ($1, $2, $2, $3, 'x', $4, 1, 1)`,
      [person.id, name.toLowerCase(), person.role, person.unitId],
    );
  }
  for (const [name, hearingId] of Object.entries(hearingOf)) {
    const person = people[name as keyof typeof hearingOf];
    await owner.query(
      `INSERT INTO hearings (id, reference, owner_id, created_at, updated_at, unit_id) VALUES ($1, $2, $3, 1, 1, $4)`,
      [hearingId, `HD-2026-${name}`, person.id, person.unitId],
    );
    await owner.query(
      `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
       VALUES ($1, 'facts', 1, 'account', '"Récit inventé"', 1, 1, $2)`,
      [hearingId, person.id],
    );
    await owner.query(
      `INSERT INTO risk_assessments (id, hearing_id, unit_id, sequence, definition_version, trigger, answers_json, result_json,
         computed_level, floor_level, level, red_flag_count, review_status, next_due_at, latest, created_by, created_at)
       VALUES ($1, $2, $3, 1, 1, 'initial', '{}', '{}', 2, 1, 2, 0, 'pending', 1, true, $4, 1)`,
      [randomUUID(), hearingId, person.unitId, person.id],
    );
  }
  app = await database.connect(appLogin);
});

afterAll(async () => {
  await app?.end();
  await dropDatabaseAndRole(database, owner, appLogin);
});

describe('row-level security on PostgreSQL', () => {
  it('puts every table under FORCE ROW LEVEL SECURITY, owned by the migrations role, out of the application role’s reach', async () => {
    const tables = await owner.query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      owner: string;
    }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
    );
    expect(tables.rows.length).toBeGreaterThanOrEqual(16);
    for (const t of tables.rows) {
      expect({ table: t.relname, enabled: t.relrowsecurity, forced: t.relforcerowsecurity }).toEqual({
        table: t.relname,
        enabled: true,
        forced: true,
      });
      expect(['hearing_desk_app', appLogin]).not.toContain(t.owner);
    }
    const roles = await owner.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      `SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname IN ('hearing_desk_app', $1) ORDER BY rolname`,
      [appLogin],
    );
    expect(roles.rows).toHaveLength(2);
    for (const role of roles.rows)
      expect(role).toEqual({ rolname: role.rolname, rolsuper: false, rolbypassrls: false });
    const owned = await owner.query(
      `SELECT 1 FROM pg_class c WHERE pg_get_userbyid(c.relowner) IN ('hearing_desk_app', $1)`,
      [appLogin],
    );
    expect(owned.rowCount).toBe(0);
  });

  it('shows no row of any table, and takes none, without a context', async () => {
    const all = [
      ...CONTENT_TABLES,
      'audit_events',
      'hearings',
      'support_services',
      'units',
      'users',
      'victim_catalog_reviews',
      'persons',
      'person_search_keys',
      'hearing_persons',
      'person_link_events',
      'pair_supersessions',
    ];
    for (const table of all) {
      const rows = await asActor(null, (c) => c.query(`SELECT count(*)::int AS n FROM "${table}"`));
      expect({ table, n: rows.rows[0].n }).toEqual({ table, n: 0 });
    }
    await expect(
      asActor(null, (c) =>
        c.query(`INSERT INTO units (id, name, created_at) VALUES ($1, 'Forged', 1)`, [randomUUID()]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows an officer her own hearings only, a supervisor her unit’s, an administrator none', async () => {
    const seen = async (person: Person) =>
      asActor(person, async (c) => ({
        hearings: await idsOf(c, 'SELECT id FROM hearings'),
        answers: await idsOf(c, 'SELECT hearing_id AS id FROM answers'),
        assessments: await idsOf(c, 'SELECT hearing_id AS id FROM risk_assessments'),
      }));
    const only = (ids: string[]) => ({ hearings: ids, answers: ids, assessments: ids });
    expect(await seen(people.officerA1)).toEqual(only([hearingOf.officerA1]));
    expect(await seen(people.officerB)).toEqual(only([hearingOf.officerB]));
    // A supervisor reads her unit's assessments by their unit (pg/0006), and no other unit's.
    expect(await seen(people.supervisorA)).toEqual(only([hearingOf.officerA1, hearingOf.officerA2].sort()));
    expect(await seen(people.administrator)).toEqual(only([]));
    // The context lasts one transaction: the next one without it sees nothing again.
    expect(await asActor(null, (c) => idsOf(c, 'SELECT id FROM hearings'))).toEqual([]);
  });

  it('shows the whole zone for the statistics export only: a supervisor or administrator, the purpose, a read-only transaction', async () => {
    const seenFor = async (person: Person, purpose: string, readOnly: boolean) => {
      await app.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      try {
        await app.query(
          "SELECT set_config('hearing_desk.user_id', $1, true), set_config('hearing_desk.role', $2, true), set_config('hearing_desk.unit_id', $3, true), set_config('hearing_desk.purpose', $4, true)",
          [person.id, person.role, person.unitId ?? '', purpose],
        );
        return {
          hearings: await idsOf(app, 'SELECT id FROM hearings'),
          answers: await idsOf(app, 'SELECT hearing_id AS id FROM answers'),
        };
      } finally {
        await app.query('ROLLBACK');
      }
    };
    const zone = Object.values(hearingOf).sort();
    const unit = [hearingOf.officerA1, hearingOf.officerA2].sort();
    expect(await seenFor(people.supervisorA, 'statistics', true)).toEqual({ hearings: zone, answers: zone });
    expect(await seenFor(people.administrator, 'statistics', true)).toEqual({ hearings: zone, answers: zone });
    // The purpose in a transaction that could write, or without the purpose: her unit, as always.
    expect(await seenFor(people.supervisorA, 'statistics', false)).toEqual({ hearings: unit, answers: unit });
    expect(await seenFor(people.supervisorA, '', true)).toEqual({ hearings: unit, answers: unit });
    expect(await seenFor(people.administrator, 'statistics', false)).toEqual({ hearings: [], answers: [] });
    // An officer gains nothing by naming the purpose.
    const own = [hearingOf.officerB];
    expect(await seenFor(people.officerB, 'statistics', true)).toEqual({ hearings: own, answers: own });
  });

  it('refuses forged writes: an answer in a colleague’s hearing, a hearing in her name, a supervisor’s edit', async () => {
    // One client, so one attempt at a time.
    const forged = [
      () =>
        asActor(people.officerA1, (c) =>
          c.query(
            `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
           VALUES ($1, 'facts', 1, 'forged', '"x"', 1, 2, $2)`,
            [hearingOf.officerA2, people.officerA1.id],
          ),
        ),
      () =>
        asActor(people.officerA1, (c) =>
          c.query(
            `INSERT INTO hearings (id, reference, owner_id, created_at, updated_at, unit_id) VALUES ($1, 'HD-forged', $2, 2, 2, $3)`,
            [randomUUID(), people.officerA2.id, unitA],
          ),
        ),
      () =>
        asActor(people.administrator, (c) =>
          c.query(
            `INSERT INTO hearings (id, reference, owner_id, created_at, updated_at, unit_id) VALUES ($1, 'HD-admin', $2, 2, 2, $3)`,
            [randomUUID(), people.administrator.id, unitA],
          ),
        ),
      // Her unit's name on an assessment does not open another unit's hearing to a write.
      () =>
        asActor(people.supervisorA, (c) =>
          c.query(
            `INSERT INTO risk_assessments (id, hearing_id, unit_id, sequence, definition_version, trigger, answers_json, result_json,
               computed_level, floor_level, level, red_flag_count, review_status, next_due_at, latest, created_by, created_at)
             VALUES ($1, $2, $3, 2, 1, 'initial', '{}', '{}', 4, 1, 4, 0, 'pending', 1, true, $4, 2)`,
            [randomUUID(), hearingOf.officerB, unitA, people.supervisorA.id],
          ),
        ),
    ];
    for (const attempt of forged) await expect(attempt()).rejects.toThrow(/row-level security/);
    // An update of rows she cannot see touches none.
    const updated = await asActor(people.supervisorA, (c) =>
      c.query(`UPDATE hearings SET status = 'closed' WHERE id = $1`, [hearingOf.officerA1]),
    );
    expect(updated.rowCount).toBe(0);
    const changed = await asActor(people.officerA2, (c) =>
      c.query(`UPDATE answers SET value_json = '"changed"' WHERE hearing_id = $1`, [hearingOf.officerA1]),
    );
    expect(changed.rowCount).toBe(0);
    const after = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM answers WHERE value_json <> '"Récit inventé"' OR field_id = 'forged'`,
    );
    expect(after.rows[0]!.n).toBe(0);
    const statuses = await owner.query<{ status: string }>('SELECT DISTINCT status FROM hearings');
    expect(statuses.rows).toEqual([{ status: 'open' }]);
  });

  it('shows the catalog reviews to every role; only an administrator records one, in her own name', async () => {
    const insert = (person: Person, recordedBy: string) =>
      asActor(person, (c) =>
        c.query(
          `INSERT INTO victim_catalog_reviews (id, language, catalog_sha256, status, reviewer, reviewed_on, recorded_by, recorded_at)
           VALUES ($1, 'ar', $2, 'reviewed', 'Traductrice inventée', '2026-11-20', $3, 1)`,
          [randomUUID(), 'a'.repeat(64), recordedBy],
        ),
      );
    await insert(people.administrator, people.administrator.id);
    for (const [person, recordedBy] of [
      [people.officerA1, people.officerA1.id],
      [people.supervisorA, people.supervisorA.id],
      // An administrator does not record a review in a colleague's name.
      [people.administrator, people.officerA1.id],
    ] as const)
      await expect(insert(person, recordedBy)).rejects.toThrow(/row-level security/);
    for (const person of [people.officerA1, people.supervisorA, people.administrator]) {
      const rows = await asActor(person, (c) => c.query('SELECT recorded_by FROM victim_catalog_reviews'));
      expect(rows.rows).toEqual([{ recorded_by: people.administrator.id }]);
    }
    // Appended, never changed: the application's role may not even try.
    await expect(
      asActor(people.administrator, (c) => c.query(`UPDATE victim_catalog_reviews SET reviewer = 'x'`)),
    ).rejects.toThrow(/permission denied/);
  });

  it('shows persons across the zone to officers and supervisors, none to an administrator, and refuses forged links', async () => {
    // Officer B's suspect, as her hearing made him (seeded past the policies).
    const person = randomUUID();
    await owner.query(
      `INSERT INTO persons (id, surname, first_names, birth_date, created_at, created_by) VALUES ($1, 'Exemple', 'Marc', '1980-01-01', 1, $2)`,
      [person, people.officerB.id],
    );
    await owner.query(`INSERT INTO person_search_keys (person_id, key) VALUES ($1, 'aksmpl'), ($1, 'mrk')`, [person]);
    await owner.query(
      `INSERT INTO hearing_persons (hearing_id, role, person_id, hearing_opened_at, linked_at, linked_by, how)
       VALUES ($1, 'suspect', $2, 1, 1, $3, 'new')`,
      [hearingOf.officerB, person, people.officerB.id],
    );
    const seen = (who: Person) =>
      asActor(who, async (c) => ({
        persons: await idsOf(c, 'SELECT id FROM persons'),
        keys: (await c.query('SELECT key FROM person_search_keys')).rowCount,
        links: await idsOf(c, 'SELECT hearing_id AS id FROM hearing_persons'),
      }));
    // Identity only, for proposals across units; what the hearing holds stays behind its own policies.
    for (const who of [people.officerA1, people.supervisorA])
      expect(await seen(who)).toEqual({ persons: [person], keys: 2, links: [hearingOf.officerB] });
    expect(await seen(people.administrator)).toEqual({ persons: [], keys: 0, links: [] });
    // The Art. 9 export counts repeat victimisation from the links (pg/0012): an administrator reads
    // them there, with the purpose in a read-only transaction, and nowhere else; never the persons.
    const forStatistics = async (purpose: string, readOnly: boolean) => {
      await app.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      try {
        await app.query(
          "SELECT set_config('hearing_desk.user_id', $1, true), set_config('hearing_desk.role', $2, true), set_config('hearing_desk.unit_id', '', true), set_config('hearing_desk.purpose', $3, true)",
          [people.administrator.id, people.administrator.role, purpose],
        );
        return {
          persons: await idsOf(app, 'SELECT id FROM persons'),
          links: await idsOf(app, 'SELECT hearing_id AS id FROM hearing_persons'),
        };
      } finally {
        await app.query('ROLLBACK');
      }
    };
    expect(await forStatistics('statistics', true)).toEqual({ persons: [], links: [hearingOf.officerB] });
    expect(await forStatistics('statistics', false)).toEqual({ persons: [], links: [] });
    expect(await forStatistics('', true)).toEqual({ persons: [], links: [] });

    const forged = [
      // Officer A1 links officer B's hearing to a person of her choosing.
      () =>
        asActor(people.officerA1, (c) =>
          c.query(
            `INSERT INTO hearing_persons (hearing_id, role, person_id, hearing_opened_at, linked_at, linked_by, how)
             VALUES ($1, 'victim', $2, 1, 2, $3, 'confirmed')`,
            [hearingOf.officerB, person, people.officerA1.id],
          ),
        ),
      // A decision in a colleague's hearing, or an unlink by an officer.
      () =>
        asActor(people.officerA1, (c) =>
          c.query(
            `INSERT INTO person_link_events (id, hearing_id, role, person_id, action, by, at) VALUES ($1, $2, 'suspect', $3, 'declined', $4, 2)`,
            [randomUUID(), hearingOf.officerA2, person, people.officerA1.id],
          ),
        ),
      () =>
        asActor(people.officerA1, (c) =>
          c.query(
            `INSERT INTO person_link_events (id, hearing_id, role, person_id, action, by, at, reason) VALUES ($1, $2, 'suspect', $3, 'unlinked', $4, 2, 'x')`,
            [randomUUID(), hearingOf.officerA1, person, people.officerA1.id],
          ),
        ),
      // A supervisor confirms a link herself, in her unit's hearing.
      () =>
        asActor(people.supervisorA, (c) =>
          c.query(
            `INSERT INTO hearing_persons (hearing_id, role, person_id, hearing_opened_at, linked_at, linked_by, how)
             VALUES ($1, 'victim', $2, 1, 2, $3, 'confirmed')`,
            [hearingOf.officerA1, person, people.supervisorA.id],
          ),
        ),
      // A key added to another officer's person, and a person in a colleague's name.
      () =>
        asActor(people.officerA1, (c) =>
          c.query(`INSERT INTO person_search_keys (person_id, key) VALUES ($1, 'forged')`, [person]),
        ),
      () =>
        asActor(people.officerA1, (c) =>
          c.query(
            `INSERT INTO persons (id, surname, first_names, created_at, created_by) VALUES ($1, 'X', 'Y', 2, $2)`,
            [randomUUID(), people.officerA2.id],
          ),
        ),
      () =>
        asActor(people.administrator, (c) =>
          c.query(
            `INSERT INTO persons (id, surname, first_names, created_at, created_by) VALUES ($1, 'X', 'Y', 2, $2)`,
            [randomUUID(), people.administrator.id],
          ),
        ),
    ];
    for (const attempt of forged) await expect(attempt()).rejects.toThrow(/row-level security/);
    // Changes to what is not hers touch nothing: the person, its keys, the link.
    const touched = await asActor(people.officerA1, async (c) => [
      (await c.query(`UPDATE persons SET surname = 'Changed' WHERE id = $1`, [person])).rowCount,
      (await c.query(`DELETE FROM person_search_keys WHERE person_id = $1`, [person])).rowCount,
      (await c.query(`UPDATE hearing_persons SET how = 'confirmed' WHERE hearing_id = $1`, [hearingOf.officerB]))
        .rowCount,
      (await c.query(`DELETE FROM hearing_persons WHERE hearing_id = $1`, [hearingOf.officerB])).rowCount,
      (await c.query(`DELETE FROM persons WHERE id = $1`, [person])).rowCount,
    ]);
    expect(touched).toEqual([0, 0, 0, 0, 0]);
    const kept = await owner.query(
      `SELECT p.surname, (SELECT count(*)::int FROM person_search_keys k WHERE k.person_id = p.id) AS keys,
              (SELECT count(*)::int FROM hearing_persons h WHERE h.person_id = p.id AND h.how = 'new') AS links
         FROM persons p`,
    );
    expect(kept.rows).toEqual([{ surname: 'Exemple', keys: 2, links: 1 }]);
    // The decisions are appended, never changed: the application's role may not even try.
    await expect(
      asActor(people.officerB, (c) => c.query(`UPDATE person_link_events SET reason = 'x'`)),
    ).rejects.toThrow(/permission denied/);
  });

  it('lets the officer of one of two hearings of the same pair hand its due reassessment over, and nobody forge one', async () => {
    // Officers A1's and A2's hearings share a victim and a suspect; officer B's has another suspect.
    await owner.query('DELETE FROM hearing_persons');
    const [victim, suspect, otherSuspect] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [id, surname] of [
      [victim, 'Lambert'],
      [suspect, 'Exemple'],
      [otherSuspect, 'Autre'],
    ] as const)
      await owner.query(
        `INSERT INTO persons (id, surname, first_names, created_at, created_by) VALUES ($1, $2, 'Fictif', 1, $3)`,
        [id, surname, people.officerA1.id],
      );
    for (const [hearing, suspectOf] of [
      [hearingOf.officerA1, suspect],
      [hearingOf.officerA2, suspect],
      [hearingOf.officerB, otherSuspect],
    ] as const)
      await owner.query(
        `INSERT INTO hearing_persons (hearing_id, role, person_id, hearing_opened_at, linked_at, linked_by, how)
         VALUES ($1, 'victim', $2, 1, 1, $4, 'new'), ($1, 'suspect', $3, 1, 1, $4, 'new')`,
        [hearing, victim, suspectOf, people.officerA1.id],
      );
    const handOver = (who: Person, hearing: string, by: string) =>
      asActor(who, (c) =>
        c.query(`INSERT INTO pair_supersessions (hearing_id, by_hearing_id, unit_id, at) VALUES ($1, $2, NULL, 5)`, [
          hearing,
          by,
        ]),
      );
    // Her own assessment does the pair's reassessment: A2's hearing is marked done by hers.
    await handOver(people.officerA1, hearingOf.officerA2, hearingOf.officerA1);
    for (const attempt of [
      // Another pair's hearing, by hers.
      () => handOver(people.officerA1, hearingOf.officerB, hearingOf.officerA1),
      // Two hearings of the same pair, neither hers.
      () => handOver(people.officerB, hearingOf.officerA1, hearingOf.officerA2),
      // A supervisor writes none.
      () => handOver(people.supervisorA, hearingOf.officerA1, hearingOf.officerA2),
    ])
      await expect(attempt()).rejects.toThrow(/row-level security/);
    const rows = (who: Person) => asActor(who, (c) => idsOf(c, 'SELECT hearing_id AS id FROM pair_supersessions'));
    expect(await rows(people.officerB)).toEqual([hearingOf.officerA2]);
    expect(await rows(people.administrator)).toEqual([]);
    // Neither of the two hearings hers: she cannot take it back, nor point it elsewhere.
    const touched = await asActor(people.officerB, async (c) => [
      (await c.query('DELETE FROM pair_supersessions')).rowCount,
    ]);
    expect(touched).toEqual([0]);
    await expect(
      asActor(people.officerB, (c) =>
        c.query('UPDATE pair_supersessions SET by_hearing_id = $1', [hearingOf.officerB]),
      ),
    ).rejects.toThrow(/row-level security/);
    // A supervisor of the unit undoes a link: what the hearing said of its pair goes with it.
    const removed = await asActor(
      people.supervisorA,
      async (c) => (await c.query('DELETE FROM pair_supersessions')).rowCount,
    );
    expect(removed).toBe(1);
    await owner.query('DELETE FROM hearing_persons');
  });

  it('is told who acts by the store in the message that begins each unit of work, value for value', async () => {
    // One connection, so that each unit finds it as the previous one left it.
    const pool = new pg.Pool({ ...database.config, user: appLogin, max: 1 });
    const store = createPgStore(pool, { auditKey: randomBytes(32) });
    const messages: string[] = [];
    pool.on('acquire', (client) => {
      if ((client as { counted?: true }).counted) return;
      (client as { counted?: true }).counted = true;
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const text = args[0] as string | { text: string };
        messages.push(typeof text === 'string' ? text : text.text);
        return query(...args);
      }) as typeof client.query;
    });
    const context = sql`SELECT current_setting('hearing_desk.user_id') AS user_id, current_setting('hearing_desk.role') AS role,
      current_setting('hearing_desk.unit_id') AS unit_id, current_setting('transaction_read_only') AS read_only`;
    const hearingIds = sql`SELECT id FROM hearings ORDER BY id`;
    try {
      const odd = `${people.officerA1.id}' OR true; --\\ "`;
      const seen = await store.transaction({ role: 'officer', userId: odd, unitId: unitA }, (tx) =>
        store.queryRows(tx, context),
      );
      expect(seen).toEqual([{ user_id: odd, role: 'officer', unit_id: unitA, read_only: 'off' }]);
      // Begun with the context, the statement, the commit: three round trips.
      expect(messages).toHaveLength(3);
      expect(messages[0]).toMatch(/^BEGIN; SELECT set_config\(/);
      expect(messages[2]).toBe('COMMIT');

      const officer = accessFor(people.officerA1);
      expect(await store.transaction(officer, (tx) => store.queryRows(tx, hearingIds))).toEqual([
        { id: hearingOf.officerA1 },
      ]);
      const statistics = { ...accessFor(people.supervisorA), purpose: 'statistics' as const };
      const zone = Object.values(hearingOf)
        .sort()
        .map((id) => ({ id }));
      expect(await store.transaction(statistics, (tx) => store.queryRows(tx, hearingIds))).toEqual(zone);
      expect((await store.transaction(statistics, (tx) => store.queryRows(tx, context)))[0]).toMatchObject({
        read_only: 'on',
      });

      // A unit that fails is rolled back: the connection is lent again clean, with no context.
      await expect(
        store.transaction(officer, async (tx) => {
          await store.queryRows(tx, hearingIds);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.transaction(SIGN_IN_ACCESS, (tx) => store.queryRows(tx, hearingIds))).toEqual([]);
      expect((await store.transaction(SIGN_IN_ACCESS, (tx) => store.queryRows(tx, context)))[0]).toMatchObject({
        user_id: '',
        role: 'sign-in',
      });
    } finally {
      await store.close();
    }
  });

  it('tells the services whose hearing it is, and nothing more, so they refuse as on SQLite', async () => {
    const access = await asActor(people.officerA1, (c) =>
      c.query('SELECT owner_id, unit_id FROM hd_hearing_access($1)', [hearingOf.officerB]),
    );
    expect(access.rows).toEqual([{ owner_id: people.officerB.id, unit_id: unitB }]);
    const unknown = await asActor(people.officerA1, (c) =>
      c.query('SELECT owner_id FROM hd_hearing_access($1)', [randomUUID()]),
    );
    expect(unknown.rowCount).toBe(0);
    const withoutContext = await asActor(null, (c) =>
      c.query('SELECT owner_id FROM hd_hearing_access($1)', [hearingOf.officerB]),
    );
    expect(withoutContext.rowCount).toBe(0);
  });
  it('shows a pair’s assessments, events and measures from a hearing she sees, read-only, and nothing else of the other hearings', async () => {
    // One victim and one suspect in a hearing of officer A1 and in one of officer B (another unit).
    const [victim, suspect] = [randomUUID(), randomUUID()];
    for (const [id, surname] of [
      [victim, 'Lambert'],
      [suspect, 'Exemple'],
    ])
      await owner.query(
        `INSERT INTO persons (id, surname, first_names, created_at, created_by) VALUES ($1, $2, 'Invented', 1, $3)`,
        [id, surname, people.officerA1.id],
      );
    const pairOf = { officerA1: randomUUID(), officerB: randomUUID() };
    for (const [name, hearingId] of Object.entries(pairOf)) {
      const person = people[name as keyof typeof pairOf];
      await owner.query(
        `INSERT INTO hearings (id, reference, owner_id, created_at, updated_at, unit_id) VALUES ($1, $2, $3, 1, 1, $4)`,
        [hearingId, `HD-2026-pair-${name}`, person.id, person.unitId],
      );
      for (const [role, personId] of [
        ['victim', victim],
        ['suspect', suspect],
      ])
        await owner.query(
          `INSERT INTO hearing_persons (hearing_id, role, person_id, hearing_opened_at, linked_at, linked_by, how)
           VALUES ($1, $2, $3, 1, 1, $4, 'confirmed')`,
          [hearingId, role, personId, person.id],
        );
      for (const formId of ['measures', 'statement'])
        await owner.query(
          `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
           VALUES ($1, $2, 1, 'invented', '"Texte inventé"', 1, 1, $3)`,
          [hearingId, formId, person.id],
        );
      await owner.query(
        `INSERT INTO risk_events (id, hearing_id, kind, note, at, recorded_by) VALUES ($1, $2, 'breach', 'Note inventée', 1, $3)`,
        [randomUUID(), hearingId, person.id],
      );
    }
    const seen = async (person: Person, anchor: string, purpose: string, readOnly: boolean) => {
      await app.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      try {
        await app.query(
          "SELECT set_config('hearing_desk.user_id', $1, true), set_config('hearing_desk.role', $2, true), set_config('hearing_desk.unit_id', $3, true), set_config('hearing_desk.purpose', $4, true), set_config('hearing_desk.pair_of', $5, true)",
          [person.id, person.role, person.unitId ?? '', purpose, anchor],
        );
        const pairHearings = new Set<string>(Object.values(pairOf));
        const inPair = (ids: string[]) => ids.filter((id) => pairHearings.has(id));
        return {
          hearings: inPair(await idsOf(app, 'SELECT id FROM hearings')),
          events: inPair(await idsOf(app, 'SELECT hearing_id AS id FROM risk_events')),
          measures: inPair(await idsOf(app, "SELECT hearing_id AS id FROM answers WHERE form_id = 'measures'")),
          statements: inPair(await idsOf(app, "SELECT hearing_id AS id FROM answers WHERE form_id = 'statement'")),
        };
      } finally {
        await app.query('ROLLBACK');
      }
    };
    const own = [pairOf.officerA1];
    const both = Object.values(pairOf).sort();
    // From her own hearing, for the history: the pair's events and measures; never its hearing rows or statements.
    expect(await seen(people.officerA1, pairOf.officerA1, 'pairHistory', true)).toEqual({
      hearings: own,
      events: both,
      measures: both,
      statements: own,
    });
    const onlyHers = { hearings: own, events: own, measures: own, statements: own };
    // A transaction that could write, no purpose, or a hearing that is not hers as the anchor: her own only.
    expect(await seen(people.officerA1, pairOf.officerA1, 'pairHistory', false)).toEqual(onlyHers);
    expect(await seen(people.officerA1, pairOf.officerA1, '', true)).toEqual(onlyHers);
    expect(await seen(people.officerA1, pairOf.officerB, 'pairHistory', true)).toEqual(onlyHers);
    // Another officer of her unit, not of the pair, gains nothing from naming her hearing.
    expect(await seen(people.officerA2, pairOf.officerA1, 'pairHistory', true)).toEqual({
      hearings: [],
      events: [],
      measures: [],
      statements: [],
    });
    // A supervisor of a unit involved, from her unit's hearing: the pair's, across units.
    expect((await seen(people.supervisorA, pairOf.officerA1, 'pairHistory', true)).events).toEqual(both);
  });

  it('looks a pair’s hearings up for the pair history alone, never in any other unit of work', async () => {
    // The lookup is a function past the policies: on every statement that reads assessments,
    // events or answers it would cost a query of its own (0.6 to 1.9 ms each in the queue's counts).
    await owner.query(`ALTER ROLE "${appLogin}" SET track_functions = 'all'`);
    const counted = await database.connect(appLogin);
    try {
      const pairLookups = async (person: Person, purpose: string, work: () => Promise<unknown>) => {
        await counted.query(purpose ? 'BEGIN READ ONLY' : 'BEGIN');
        try {
          await counted.query(
            "SELECT set_config('hearing_desk.user_id', $1, true), set_config('hearing_desk.role', $2, true), set_config('hearing_desk.unit_id', $3, true), set_config('hearing_desk.purpose', $4, true), set_config('hearing_desk.pair_of', $5, true)",
            [person.id, person.role, person.unitId ?? '', purpose, purpose ? hearingOf.officerA1 : ''],
          );
          await work();
          const { rows } = await counted.query<{ calls: string | null }>(
            "SELECT pg_stat_get_xact_function_calls('hd_pair_hearings'::regproc) AS calls",
          );
          return Number(rows[0]!.calls ?? 0);
        } finally {
          await counted.query('ROLLBACK');
        }
      };
      const everyRead = async () => {
        for (const table of ['risk_assessments', 'risk_events', 'answers'])
          await counted.query(`SELECT count(*) FROM ${table}`);
      };
      // What the store sends outside the pair history: no purpose (an empty one), reads and a save.
      expect(await pairLookups(people.officerA1, '', everyRead)).toBe(0);
      expect(await pairLookups(people.supervisorA, '', everyRead)).toBe(0);
      expect(
        await pairLookups(people.officerA1, '', () =>
          counted.query(
            `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
             VALUES ($1, 'facts', 1, 'account', '"Récit inventé, corrigé"', 2, 2, $2)
             ON CONFLICT (hearing_id, form_id, field_id) DO UPDATE SET value_json = excluded.value_json, revision = excluded.revision`,
            [hearingOf.officerA1, people.officerA1.id],
          ),
        ),
      ).toBe(0);
      // And the count can tell: the pair history itself looks them up.
      expect(await pairLookups(people.officerA1, 'pairHistory', everyRead)).toBeGreaterThan(0);
    } finally {
      await counted.end();
      await owner.query(`ALTER ROLE "${appLogin}" RESET track_functions`);
    }
  });
});
