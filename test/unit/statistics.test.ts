import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICER_UI_LANGUAGES } from '../../domain/languages';
import {
  createStatisticsService,
  STATISTICS_CATEGORIES,
  STATISTICS_MEASURES,
  suppress,
  type StatisticsRow,
} from '../../src-main/services/statistics';
import { createUserService } from '../../src-main/services/users';
import { STATISTICS_FIELDS, STATISTICS_FORMS, statisticsAnswersCondition } from '../../src-main/db/statistics-answers';
import type { ChannelOutput } from '../../src-main/api/contract';
import {
  createAccount,
  defaultUnitId,
  openTestCore,
  PEOPLE,
  seedAccounts,
  snapshotRecords,
  snapshotTables,
  type TestCore,
  sqlFalse,
  sqlTrue,
} from '../helpers/temp-core';
import { createPerson, linkPersons } from '../helpers/pairs';

/** Everything here is invented. */
const SUPERVISOR = {
  username: 'supervisor.one',
  displayName: 'Sara Superviseure',
  password: 'supervisor one passphrase',
  role: 'supervisor' as const,
};
const VICTIM = { surname: 'Zyxwvutnom', firstNames: 'Quintessa', birthDate: '1987-04-19' };
const NARRATIVE = 'Récit confidentiel unique : il a frappé la porte de la cuisine à 23 h 15.';
const EVENT_NOTE = 'Vu devant le domicile rue Imaginaire 42';
const THRESHOLD = 3;

type Export = ChannelOutput<'statistics.export'>;

interface Spec {
  /** ISO instant (UTC): the hearing's creation time. */
  at: string;
  forms?: string[];
  /** Latest level 1..4, or none (not assessed). */
  level?: 1 | 2 | 3 | 4;
  /** An earlier assessment, no longer the current one. */
  earlierLevel?: 1 | 2 | 3 | 4;
  states?: Partial<Record<'residenceBan' | 'contactBan' | 'addressProtection' | 'alarm', string>>;
  breaches?: number;
  otherEvents?: number;
  /** The hearing's victim and suspect persons, by a name of the scenario's (see PAIR_SPECS). */
  persons?: { victim: string; suspect?: string };
}

/**
 * The hearings of the scenario. Brussels time decides the period: 2025-12-31T23:30Z is already
 * 1 January there, 2026-01-31T23:30Z already 1 February, and 2026-03-31T22:30Z (summer time)
 * already 1 April.
 */
const SPECS: Spec[] = [
  // Outside the range: 23:30 on 31 December in Brussels, and New Year's night 2027.
  { at: '2025-12-31T22:30:00Z', forms: ['sexual'], level: 4, states: { residenceBan: 'granted' }, breaches: 1 },
  { at: '2026-12-31T23:30:00Z', forms: ['sexual'], level: 4 },
  // January: 7 complaints.
  {
    at: '2025-12-31T23:30:00Z',
    forms: ['physical', 'psychological'],
    level: 1,
    states: { residenceBan: 'granted' },
    breaches: 2,
  },
  {
    at: '2026-01-05T09:00:00Z',
    forms: ['physical'],
    level: 1,
    states: { residenceBan: 'inForce', contactBan: 'requested' },
    breaches: 1,
  },
  {
    at: '2026-01-06T09:00:00Z',
    forms: ['psychological'],
    level: 1,
    states: { residenceBan: 'ended' },
    breaches: 1,
    otherEvents: 1,
  },
  {
    at: '2026-01-07T09:00:00Z',
    forms: ['psychological', 'coerciveControl'],
    level: 1,
    states: { residenceBan: 'requested', contactBan: 'granted' },
    breaches: 1,
  },
  {
    at: '2026-01-08T09:00:00Z',
    forms: ['physical', 'psychological', 'sexual'],
    level: 2,
    earlierLevel: 1,
    states: { residenceBan: 'refusedByAuthority', alarm: 'requested' },
  },
  {
    at: '2026-01-09T09:00:00Z',
    forms: ['physical'],
    level: 2,
    states: { residenceBan: 'discussed', addressProtection: 'granted' },
  },
  {
    at: '2026-01-10T09:00:00Z',
    forms: ['coerciveControl', 'psychological'],
    level: 2,
    states: { residenceBan: 'notPursued' },
  },
  // February: 2 complaints (one of them opened at 00:30 on 1 February in Brussels).
  { at: '2026-01-31T23:30:00Z', forms: ['economic'], level: 4, states: { residenceBan: 'granted' } },
  { at: '2026-02-15T09:00:00Z', forms: ['physical'] },
  // March: none. April: 4 complaints, one per level (the first at 00:30 on 1 April, summer time).
  { at: '2026-03-31T22:30:00Z', forms: ['physical'], level: 1 },
  { at: '2026-04-10T09:00:00Z', forms: ['physical'], level: 2 },
  { at: '2026-04-11T09:00:00Z', forms: ['physical'], level: 3 },
  { at: '2026-04-12T09:00:00Z', forms: ['physical'], level: 4 },
  ...pairSpecs(),
];

/**
 * Repeat victimisation (issue 16), in 2023 and 2024 so the tables of 2025 and 2026 above are
 * untouched. Six pairs have a complaint in 2024 that follows another of theirs within 12 months:
 * in Q1 two (b, c), in Q2 five (a, c again, d, e, f), in the year six, each pair once. Not counted:
 * two pairs whose complaints are 13 months apart (g, h), the victim of `a` with another suspect
 * (the same victim is not the same pair), a victim without a suspect (i).
 */
function pairSpecs(): Spec[] {
  const pair = (name: string, ...dates: string[]): Spec[] =>
    dates.map((date) => ({ at: `${date}T09:00:00Z`, persons: { victim: `v-${name}`, suspect: `s-${name}` } }));
  return [
    ...pair('a', '2023-04-10', '2024-04-01'),
    ...pair('b', '2024-01-05', '2024-02-05'),
    ...pair('c', '2024-01-10', '2024-02-10', '2024-04-20'),
    ...pair('d', '2023-09-01', '2024-05-02'),
    ...pair('e', '2023-09-02', '2024-05-03'),
    ...pair('f', '2023-10-15', '2024-06-30'),
    ...pair('g', '2023-01-10', '2024-02-10'),
    ...pair('h', '2023-02-01', '2024-03-01'),
    { at: '2024-03-05T09:00:00Z', persons: { victim: 'v-a', suspect: 's-other' } },
    { at: '2023-11-01T09:00:00Z', persons: { victim: 'v-i' } },
    { at: '2024-03-06T09:00:00Z', persons: { victim: 'v-i' } },
  ];
}

let t: TestCore;
let hearingIds: string[];
let references: string[];

// One database for the whole file: the tests read it, and the one that changes it comes last.
beforeAll(async () => {
  t = await openTestCore({ config: { statisticsMinimumCount: THRESHOLD } });
  const start = t.clock.now;
  await seedAccounts(t);
  await createAccount(t, { ...SUPERVISOR, unitId: await defaultUnitId(t) });
  await t.ok('supervisor-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  hearingIds = [];
  references = [];
  for (const spec of SPECS) await seedHearing(spec);
  // Back to "today"; the officer signs in again, since her last call was months away from it.
  t.clock.now = start;
  await signInOfficer();
  // A sign-in per hearing (scrypt at its production cost) takes a while.
}, 240_000);
afterAll(() => t.close());

/** A sign-in at the clock's time, so the session's idle backstop does not lock it. */
async function signInOfficer(): Promise<void> {
  await t.ok('officer-window', 'session.login', {
    username: PEOPLE.officer.username,
    password: PEOPLE.officer.password,
  });
}

/**
 * Through the services, as the officer would: the hearing, her answers, the events. The risk
 * assessments are inserted directly: their level comes from the whole Art. 16 questionnaire,
 * and only the level matters here.
 */
async function seedHearing(spec: Spec): Promise<void> {
  t.clock.now = Date.parse(spec.at);
  await signInOfficer();
  const { hearing } = await t.ok('officer-window', 'hearings.create', {});
  hearingIds.push(hearing.id);
  references.push(hearing.reference);
  const save = (formId: string, values: Record<string, unknown>) =>
    t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId,
      changes: Object.entries(values).map(([fieldId, value]) => ({ fieldId, value: value as never, baseRevision: 0 })),
    });
  await save('people', {
    victimSurname: VICTIM.surname,
    victimFirstNames: VICTIM.firstNames,
    victimBirthDate: VICTIM.birthDate,
  });
  await save('facts', {
    narrative: NARRATIVE,
    place: 'Rue Imaginaire 42, Liège',
    ...(spec.forms ? { formsOfViolence: spec.forms } : {}),
  });
  if (spec.states)
    await save('measures', Object.fromEntries(Object.entries(spec.states).map(([m, state]) => [`${m}State`, state])));
  for (let i = 0; i < (spec.breaches ?? 0); i++)
    await t.ok('officer-window', 'risk.noteEvent', { hearingId: hearing.id, kind: 'breach', note: EVENT_NOTE });
  for (let i = 0; i < (spec.otherEvents ?? 0); i++)
    await t.ok('officer-window', 'risk.noteEvent', { hearingId: hearing.id, kind: 'newIncident', note: EVENT_NOTE });
  const assessments = [...(spec.earlierLevel ? [spec.earlierLevel] : []), ...(spec.level ? [spec.level] : [])];
  for (const [i, level] of assessments.entries())
    await insertAssessment(hearing.id, i + 1, level, i === assessments.length - 1);
  if (spec.persons) {
    const person = async (name: string) => {
      if (!persons.has(name)) persons.set(name, await createPerson(t, `Inventé-${name}`));
      return persons.get(name)!;
    };
    const victim = await person(spec.persons.victim);
    await linkPersons(t, hearing.id, {
      victim,
      ...(spec.persons.suspect ? { suspect: await person(spec.persons.suspect) } : {}),
    });
  }
}

/** The scenario's persons by name. */
const persons = new Map<string, string>();

async function insertAssessment(hearingId: string, sequence: number, level: number, latest: boolean): Promise<void> {
  const [officer] = await t.sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [PEOPLE.officer.username]);
  await t.sql(
    `INSERT INTO risk_assessments (id, hearing_id, unit_id, sequence, definition_version, trigger, answers_json, result_json, computed_level, floor_level, level,
       red_flag_count, review_status, next_due_at, latest, created_by, created_at)
     SELECT ?, id, unit_id, ?, 1, 'initial', '{}', '{}', ?, 1, ?, 0, 'notRequired', ?, ${latest ? sqlTrue(t) : sqlFalse(t)}, ?, ? FROM hearings WHERE id = ?`,
    [randomUUID(), sequence, level, level, t.clock.now + 86_400_000, officer!.id, t.clock.now, hearingId],
  );
}

/** The supervisor as the dispatcher hands her to the services. */
async function supervisor() {
  const users = createUserService({ store: t.core.store, config: t.core.config, now: () => t.clock.now });
  return (await users.getActiveUser(await supervisorId()))!;
}

async function supervisorId(): Promise<string> {
  return ((await t.sql('SELECT id FROM users WHERE username = ?', [SUPERVISOR.username]))[0] as { id: string }).id;
}

async function exportAs(
  client: string,
  input: { from: string; to: string; granularity: 'month' | 'quarter' | 'year' },
): Promise<Export> {
  return t.ok(client, 'statistics.export', input);
}

/** The count printed for a cell, or `small`/`complementary` when it is hidden. */
function cell(result: Export, period: string, measure: string, category: string): number | string {
  const row = result.rows.find((r) => r.period === period && r.measure === measure && r.category === category);
  if (!row) throw new Error(`No row ${period} ${measure} ${category}`);
  return row.suppressed ?? row.count!;
}

describe('the Art. 9 statistics export', () => {
  it('counts complaints by Brussels month, form of violence, latest level, measures and breached bans', async () => {
    const result = await exportAs('supervisor-window', { from: '2026-01-01', to: '2026-12-31', granularity: 'month' });
    expect(result.threshold).toBe(THRESHOLD);
    expect(result.generatedAt).toBe(t.clock.now);
    expect([...new Set(result.rows.map((r) => r.period))]).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    // Every period has every category of every table, in a fixed order.
    const perPeriod = STATISTICS_MEASURES.flatMap((m) => STATISTICS_CATEGORIES[m].map((c) => `${m}.${c}`));
    expect(result.rows.filter((r) => r.period === '2026-01').map((r) => `${r.measure}.${r.category}`)).toEqual(
      perPeriod,
    );

    const jan = (measure: string, category: string) => cell(result, '2026-01', measure, category);
    expect(jan('complaints', 'all')).toBe(7);
    expect(jan('formOfViolence', 'physical')).toBe(4);
    expect(jan('formOfViolence', 'psychological')).toBe(5);
    expect(jan('formOfViolence', 'sexual')).toBe('small'); // 1
    expect(jan('formOfViolence', 'economic')).toBe('small'); // 0
    expect(jan('formOfViolence', 'coerciveControl')).toBe('small'); // 2
    // Levels: 4 standard (one of them reassessed up to elevated), 3 elevated; the small ones
    // (high, very high, not assessed) hidden, and standard with them so none can be recomputed.
    expect(jan('riskLevel', 'elevated')).toBe(3);
    expect(jan('riskLevel', 'high')).toBe('small');
    expect(jan('riskLevel', 'veryHigh')).toBe('small');
    expect(jan('riskLevel', 'notAssessed')).toBe('small');
    expect(jan('riskLevel', 'standard')).toBe('complementary');
    // Requested: requested, granted, refused, in force and ended; granted: granted, in force, ended.
    expect(jan('measureRequested', 'residenceBan')).toBe(5);
    expect(jan('measureGranted', 'residenceBan')).toBe(3);
    expect(jan('measureRequested', 'contactBan')).toBe('small');
    expect(jan('measureGranted', 'alarm')).toBe('small');
    expect(jan('temporaryBan', 'granted')).toBe(3);
    // Three granted bans breached (one twice); the breach of a ban only requested does not count.
    expect(jan('temporaryBan', 'breached')).toBe(3);

    // February: two complaints, too few to print, and so is everything else of that month.
    expect(result.rows.filter((r) => r.period === '2026-02').every((r) => r.suppressed === 'small')).toBe(true);
    expect(cell(result, '2026-03', 'complaints', 'all')).toBe('small');
    // April: four complaints, one per level. Every level is small, so the total, which would
    // give their sum, is hidden too.
    expect(cell(result, '2026-04', 'complaints', 'all')).toBe('complementary');
    expect(cell(result, '2026-04', 'formOfViolence', 'physical')).toBe(4);
    expect(
      result.rows
        .filter((r) => r.period === '2026-04' && r.measure === 'riskLevel')
        .every((r) => r.suppressed === 'small'),
    ).toBe(true);
  });

  it('counts the same whichever way it reaches the answers', async () => {
    // Threshold 1 (below what config allows) so that every non-zero count is compared.
    const both = [];
    for (const answersAccess of ['seek', 'scan'] as const) {
      const service = createStatisticsService({
        store: t.core.store,
        threshold: 1,
        answersAccess,
        now: () => t.clock.now,
      });
      both.push(
        await service.exportStatistics(await supervisor(), {
          from: '2025-01-01',
          to: '2026-12-31',
          granularity: 'month',
        }),
      );
    }
    expect(both[0]!.rows).toEqual(both[1]!.rows);
    expect(both[0]!.rows.filter((r) => r.count !== null).length).toBeGreaterThan(30);
  });

  it('reads its answers through the partial index the migrated database holds, on the same field list', async () => {
    // The index's condition is built from the definitions' ids; the released migration wrote it
    // out. A field added to the export without a new migration of the index fails here.
    if (t.core.store.dialect === 'sqlite') {
      const [{ sql } = { sql: '' }] = await t.sql<{ sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'answers_statistics_idx'",
      );
      expect(sql).toContain(`WHERE ${statisticsAnswersCondition()}`);
    } else {
      // PostgreSQL writes the condition back in its own words: the same ids, as arrays.
      const [{ indexdef } = { indexdef: '' }] = await t.sql<{ indexdef: string }>(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'answers_statistics_idx'",
      );
      for (const id of [...STATISTICS_FORMS, ...STATISTICS_FIELDS]) expect(indexdef).toContain(`'${id}'`);
    }
    expect(statisticsAnswersCondition('a')).toContain("a.field_id IN ('formsOfViolence', 'residenceBanState'");
  });

  it('counts by quarter and by year the same hearings', async () => {
    const quarters = await exportAs('supervisor-window', {
      from: '2026-01-01',
      to: '2026-12-31',
      granularity: 'quarter',
    });
    expect([...new Set(quarters.rows.map((r) => r.period))]).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(cell(quarters, '2026-Q1', 'complaints', 'all')).toBe(9);
    expect(cell(quarters, '2026-Q1', 'formOfViolence', 'physical')).toBe(5);
    expect(cell(quarters, '2026-Q1', 'temporaryBan', 'granted')).toBe(4);
    expect(cell(quarters, '2026-Q2', 'complaints', 'all')).toBe('complementary');

    const year = await exportAs('supervisor-window', { from: '2026-01-01', to: '2026-12-31', granularity: 'year' });
    expect([...new Set(year.rows.map((r) => r.period))]).toEqual(['2026']);
    expect(cell(year, '2026', 'complaints', 'all')).toBe(13);
    // 5 standard, 4 elevated, 1 high, 2 very high, 1 not assessed: standard goes with the small ones.
    expect(cell(year, '2026', 'riskLevel', 'standard')).toBe('complementary');
    expect(cell(year, '2026', 'riskLevel', 'elevated')).toBe(4);
    expect(cell(year, '2026', 'riskLevel', 'veryHigh')).toBe('small');
    expect(cell(year, '2026', 'formOfViolence', 'physical')).toBe(9);

    // A range cut inside a period counts only its own days: 6 to 31 January holds 5 complaints.
    const part = await exportAs('supervisor-window', { from: '2026-01-06', to: '2026-01-31', granularity: 'month' });
    expect([...new Set(part.rows.map((r) => r.period))]).toEqual(['2026-01']);
    expect(cell(part, '2026-01', 'complaints', 'all')).toBe(5);
  });

  it('never prints a small count, nor one that a printed total would give away', async () => {
    const result = await exportAs('supervisor-window', { from: '2026-01-01', to: '2026-12-31', granularity: 'month' });
    for (const row of result.rows) {
      if (row.count !== null)
        expect(row.count, `${row.period} ${row.measure} ${row.category}`).toBeGreaterThanOrEqual(THRESHOLD);
      else expect(row.suppressed).not.toBeNull();
    }
    for (const period of new Set(result.rows.map((r) => r.period)))
      expectNoSmallCountDerivable(
        result.rows.filter((r) => r.period === period),
        THRESHOLD,
      );
  });

  it('keeps that promise on any split of the levels (pure rule, exhaustive for small totals)', () => {
    const levels = ['standard', 'elevated', 'high', 'veryHigh', 'notAssessed'];
    const threshold = 3;
    let checked = 0;
    // Every split of totals 0..12 into the five levels.
    const splits = (total: number, parts: number): number[][] =>
      parts === 1
        ? [[total]]
        : Array.from({ length: total + 1 }, (_, first) =>
            splits(total - first, parts - 1).map((rest) => [first, ...rest]),
          ).flat();
    for (let total = 0; total <= 12; total++) {
      for (const split of splits(total, levels.length)) {
        const rows: StatisticsRow[] = [
          { period: 'p', measure: 'complaints', category: 'all', count: total, suppressed: null },
          ...levels.map((category, i): StatisticsRow => ({
            period: 'p',
            measure: 'riskLevel',
            category,
            count: split[i]!,
            suppressed: null,
          })),
        ];
        expectNoSmallCountDerivable(suppress(rows, threshold), threshold);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('counts repeat victimisation: pairs with another complaint of theirs in the 12 months before, once per period', async () => {
    const quarters = await exportAs('supervisor-window', {
      from: '2024-01-01',
      to: '2024-12-31',
      granularity: 'quarter',
    });
    // Q1: b and c (two, so not printed); Q2: a, c, d, e, f; not g or h (13 months), nor the
    // victim of a with another suspect, nor a victim alone.
    expect(cell(quarters, '2024-Q1', 'repeatVictimisation', 'pairs')).toBe('small');
    expect(cell(quarters, '2024-Q2', 'repeatVictimisation', 'pairs')).toBe(5);
    expect(cell(quarters, '2024-Q3', 'repeatVictimisation', 'pairs')).toBe('small');
    const year = await exportAs('supervisor-window', { from: '2024-01-01', to: '2024-12-31', granularity: 'year' });
    expect(cell(year, '2024', 'repeatVictimisation', 'pairs')).toBe(6);
    // The exact counts, below the threshold too: Q1 is 2, whatever the 13-month pairs or the
    // victim's other suspect would add if they counted; 2023's complaints have no earlier ones.
    const service = createStatisticsService({ store: t.core.store, threshold: 1, now: () => t.clock.now });
    const exact = await service.exportStatistics(await supervisor(), {
      from: '2023-01-01',
      to: '2024-12-31',
      granularity: 'quarter',
    });
    const repeats = exact.rows.filter((r) => r.measure === 'repeatVictimisation');
    expect(Object.fromEntries(repeats.map((r) => [r.period, r.count ?? 0]))).toEqual({
      '2023-Q1': 0,
      '2023-Q2': 0,
      '2023-Q3': 0,
      '2023-Q4': 0,
      '2024-Q1': 2,
      '2024-Q2': 5,
      '2024-Q3': 0,
      '2024-Q4': 0,
    });
    // An administrator counts the same: on PostgreSQL she reads the links for this purpose only.
    const asAdmin = await exportAs('admin-window', { from: '2024-01-01', to: '2024-12-31', granularity: 'year' });
    expect(cell(asAdmin, '2024', 'repeatVictimisation', 'pairs')).toBe(6);
    // No person's name leaves with the count.
    expect(JSON.stringify([quarters, year, asAdmin])).not.toContain('Inventé');
  });

  it('is audited with its parameters', async () => {
    const last = ((await t.sql('SELECT max(seq) AS seq FROM audit_events'))[0] as { seq: number }).seq;
    await exportAs('supervisor-window', { from: '2026-01-01', to: '2026-06-30', granularity: 'quarter' });
    const rows = (await t.sql(
      "SELECT user_id AS userId, hearing_id AS hearingId, details_json AS details FROM audit_events WHERE action = 'statistics.exported' AND seq > ?",
      [last],
    )) as {
      userId: string;
      hearingId: string | null;
      details: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.userId).toBe(await supervisorId());
    expect(rows[0]!.hearingId).toBeNull();
    expect(JSON.parse(rows[0]!.details)).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      granularity: 'quarter',
      threshold: THRESHOLD,
      periods: 2,
    });
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const before = await snapshotTables(t);
    const refused = async (input: unknown) => {
      const result = await t.core.dispatcher.dispatch('supervisor-window', 'statistics.export', input);
      if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
      return result.error;
    };
    const base = { from: '2026-01-01', to: '2026-12-31', granularity: 'month' };
    expect(await refused({ ...base, to: '2025-12-31' })).toMatchObject({ code: 'VALIDATION', fields: ['to'] });
    expect(await refused({ ...base, from: '2016-01-01', to: '2026-01-01' })).toMatchObject({
      code: 'VALIDATION',
      fields: ['to'],
    });
    expect(await refused({ ...base, from: '2026-02-30' })).toMatchObject({ code: 'VALIDATION', fields: ['from'] });
    expect(await refused({ ...base, to: '31/12/2026' })).toMatchObject({ code: 'VALIDATION', fields: ['to'] });
    expect(await refused({ ...base, from: '1999-12-31' })).toMatchObject({ code: 'VALIDATION', fields: ['from'] });
    expect(await refused({ ...base, granularity: 'week' })).toMatchObject({
      code: 'VALIDATION',
      fields: ['granularity'],
    });
    expect(await refused({ ...base, unitId: hearingIds[0] })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ from: '2026-01-01' })).toMatchObject({ code: 'VALIDATION' });
    expect(await snapshotTables(t)).toEqual(before);
    // Ten years to the day before is the longest range.
    expect(
      (
        await t.core.dispatcher.call('supervisor-window', 'statistics.export', {
          from: '2016-01-01',
          to: '2025-12-31',
          granularity: 'year',
        })
      ).ok,
    ).toBe(true);
  });

  it('is for supervisors and administrators only: an officer gets FORBIDDEN, and nothing is written', async () => {
    const before = await snapshotRecords(t);
    const result = await t.core.dispatcher.call('officer-window', 'statistics.export', {
      from: '2026-01-01',
      to: '2026-12-31',
      granularity: 'month',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nothing but the trace of the refusal.
    expect(await snapshotRecords(t)).toEqual(before);
    expect(
      (await t.sql('SELECT action, details_json AS details FROM audit_events ORDER BY seq DESC LIMIT 1'))[0],
    ).toEqual({ action: 'access.refused', details: JSON.stringify({ channel: 'statistics.export' }) });
    expect(
      (
        await t.core.dispatcher.call('nobody-window', 'statistics.export', {
          from: '2026-01-01',
          to: '2026-12-31',
          granularity: 'month',
        })
      ).ok,
    ).toBe(false);
    expect(
      (
        await t.core.dispatcher.call('admin-window', 'statistics.export', {
          from: '2026-01-01',
          to: '2026-12-31',
          granularity: 'month',
        })
      ).ok,
    ).toBe(true);
  });

  it('has every table and category named in every officer catalog', () => {
    const dir = path.resolve(import.meta.dirname, '../../forms/catalogs/officer');
    for (const language of OFFICER_UI_LANGUAGES) {
      const catalog = JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8')) as Record<
        string,
        unknown
      >;
      const text = (key: string) =>
        key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
      for (const measure of STATISTICS_MEASURES) {
        expect(text(`statistics.measure.${measure}`), `${language} ${measure}`).toEqual(expect.any(String));
        for (const category of STATISTICS_CATEGORIES[measure]) {
          const key =
            measure === 'formOfViolence'
              ? `form.facts.formsOfViolence.${category}`
              : measure === 'measureRequested' || measure === 'measureGranted'
                ? `statistics.measureName.${category}`
                : `statistics.categories.${measure}.${category}`;
          expect(text(key), `${language} ${key}`).toEqual(expect.any(String));
        }
      }
      for (const g of ['month', 'quarter', 'year']) expect(text(`statistics.by.${g}`)).toEqual(expect.any(String));
    }
  });

  it('gives out counts only: no name, date of birth, reference, id, note or free text', async () => {
    // Last, since it changes the data: a tampered answer must not carry its text out either.
    await t.sql("UPDATE answers SET value_json = ? WHERE hearing_id = ? AND field_id = 'formsOfViolence'", [
      JSON.stringify(['physical', VICTIM.surname]),
      hearingIds[2],
    ]);
    await t.sql("UPDATE answers SET value_json = ? WHERE hearing_id = ? AND field_id = 'residenceBanState'", [
      JSON.stringify(NARRATIVE),
      hearingIds[3],
    ]);
    const outputs = await Promise.all([
      exportAs('supervisor-window', { from: '2026-01-01', to: '2026-12-31', granularity: 'month' }),
      exportAs('admin-window', { from: '2025-01-01', to: '2026-12-31', granularity: 'year' }),
    ]);
    const text = JSON.stringify(outputs);
    const ids = async (sql: string) => (await t.sql<{ v: string }>(sql)).map((r) => r.v);
    const secrets = [
      VICTIM.surname,
      VICTIM.firstNames,
      VICTIM.birthDate,
      'Imaginaire',
      'confidentiel',
      ...references,
      ...hearingIds,
      ...(await ids('SELECT id AS v FROM users')),
      ...(await ids('SELECT username AS v FROM users')),
      ...(await ids('SELECT display_name AS v FROM users')),
      ...(await ids('SELECT id AS v FROM units')),
      ...(await ids('SELECT name AS v FROM units')),
      ...(await ids('SELECT id AS v FROM risk_assessments')),
      ...(await ids('SELECT id AS v FROM risk_events')),
    ];
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    // Nothing but the fixed categories, and the dates are the ones asked for.
    for (const row of outputs.flatMap((o) => o.rows))
      expect(STATISTICS_CATEGORIES[row.measure]).toContain(row.category);
    expect(Object.keys(outputs[0]!).sort()).toEqual(['from', 'generatedAt', 'granularity', 'rows', 'threshold', 'to']);
    // The tampered values counted as nothing they could not be.
    expect(cell(outputs[0]!, '2026-01', 'measureRequested', 'residenceBan')).toBe(4);
  });
});

/**
 * The attack the suppression must resist: the latest levels split the complaints exactly, so a
 * reader knows the hidden levels sum to the total minus the printed ones; she also knows that a
 * `small` cell is 0..threshold-1 and a `complementary` one at least the threshold. Enumerates
 * every assignment that fits and checks that none of the small cells is pinned to a value from
 * 1 to threshold-1.
 */
function expectNoSmallCountDerivable(rows: readonly StatisticsRow[], threshold: number): void {
  const total = rows.find((r) => r.measure === 'complaints');
  const levels = rows.filter((r) => r.measure === 'riskLevel');
  if (!total || total.count === null) return;
  const hidden = levels.filter((r) => r.suppressed !== null);
  const sum = total.count - levels.reduce((s, r) => s + (r.count ?? 0), 0);
  const seen = hidden.map(() => new Set<number>());
  const assign = (i: number, left: number, values: number[]) => {
    if (i === hidden.length) {
      if (left === 0) values.forEach((v, k) => seen[k]!.add(v));
      return;
    }
    const [lo, hi] = hidden[i]!.suppressed === 'small' ? [0, threshold - 1] : [threshold, left];
    for (let v = lo; v <= Math.min(hi, left); v++) assign(i + 1, left - v, [...values, v]);
  };
  assign(0, sum, []);
  hidden.forEach((row, k) => {
    const values = [...seen[k]!];
    if (row.suppressed === 'small' && values.length === 1)
      expect(values[0], `${row.period} ${row.category} can be worked out`).toBe(0);
  });
}
