import { FIELDS, FORMS, OPTIONS } from '../../forms/answers';
import { MEASURES, measureFieldIds } from '../../forms/definitions/measures.v1';
import { formRegistry } from '../../forms/registry';
import { brusselsMidnight } from '../../domain/brussels-time';
import {
  STATISTICS_GRANULARITIES,
  STATISTICS_MEASURES,
  type StatisticsGranularity,
  type StatisticsMeasure,
  type Suppression,
} from '../../domain/statistics-rules';
import { AppError } from '../api/app-error';
import type { UserView } from '../api/contract';
import { sql, type SQL } from 'drizzle-orm';
import { sqlIdList, statisticsAnswersCondition } from '../db/statistics-answers';
import { accessOf, type Store, type StoreDb } from '../db/store';

/**
 * Art. 9 of the law of 13 July 2023: the police collect the data for the Institute's
 * pseudonymised statistics. This export gives counts and nothing else: no name, date of birth,
 * reference, id, date or free text ever leaves this module. Every category printed comes from a
 * fixed list below (the form definitions' option values), never from what is stored, so even a
 * damaged or tampered answer cannot carry text out through a category.
 */

export {
  STATISTICS_GRANULARITIES,
  STATISTICS_MEASURES,
  type StatisticsGranularity,
  type StatisticsMeasure,
  type Suppression,
} from '../../domain/statistics-rules';

export interface StatisticsRow {
  /** `2026-03`, `2026-Q1` or `2026`, in Brussels time. */
  period: string;
  measure: StatisticsMeasure;
  category: string;
  /** Null when suppressed. */
  count: number | null;
  suppressed: Suppression | null;
}

export interface StatisticsQuery {
  /** ISO calendar dates, both included, in Brussels time. */
  from: string;
  to: string;
  granularity: StatisticsGranularity;
}

export interface StatisticsExport extends StatisticsQuery {
  rows: StatisticsRow[];
  /** Counts below this are suppressed. */
  threshold: number;
  generatedAt: number;
}

/** The longest range one export may cover. */
export const STATISTICS_MAX_YEARS = 10;
/** Dates outside these years are refused: nothing before the app, nothing absurd. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2099;

/** Every version of a step ever shipped: old hearings keep theirs, and count all the same. */
const versionsOf = (formId: string) => formRegistry.all.filter((form) => form.id === formId);
/** The forms of violence any version of the facts step offers, in the order they appear. */
const FORMS_OF_VIOLENCE: readonly string[] = OPTIONS.facts.formsOfViolence;
/**
 * The state is where the measure stands now, so "requested" counts every measure that has been
 * asked of the authority, whatever happened next, and "granted" every one the authority granted
 * (granted, in force, or in force and since ended).
 */
const REQUESTED_STATES = ['requested', 'granted', 'refusedByAuthority', 'inForce', 'ended'] as const;
const GRANTED_STATES = ['granted', 'inForce', 'ended'] as const;
/** Latest assessment level 1..4 (risk-tool.md); a hearing without one is `notAssessed`. */
const RISK_LEVELS = ['standard', 'elevated', 'high', 'veryHigh'] as const;
const NOT_ASSESSED = 'notAssessed';

/** Every category of every table, in print order. */
export const STATISTICS_CATEGORIES: Record<StatisticsMeasure, readonly string[]> = {
  complaints: ['all'],
  formOfViolence: FORMS_OF_VIOLENCE,
  riskLevel: [...RISK_LEVELS, NOT_ASSESSED],
  measureRequested: MEASURES,
  measureGranted: MEASURES,
  temporaryBan: ['granted', 'breached'],
  repeatVictimisation: ['pairs'],
};

/**
 * Repeat victimisation (issue 16): a victim–suspect pair (their persons, as the officers linked
 * them) counts in a period when one of its complaints opened in the period follows another of its
 * complaints opened at most this long before it, inside the range or before it. Twelve months are
 * taken as 365 days, the same on both stores (a complaint on the same calendar day a year later,
 * across a 29 February, falls a day outside). A pair counts once per period, however many of its
 * complaints the period holds.
 */
export const REPEAT_WINDOW_MS = 365 * 86_400_000;

function optionsOf(
  fields: readonly { id: string; options?: readonly { value: string }[] }[],
  fieldId: string,
): string[] {
  const field = fields.find((f) => f.id === fieldId);
  if (!field?.options) throw new Error(`The form definition has no options for ${fieldId}`);
  return field.options.map((o) => o.value);
}

// The definitions are the source: a field or option renamed in any version must fail here, at
// start, rather than silently count nothing.
if (FORMS_OF_VIOLENCE.length === 0 || versionsOf(FORMS.measures).length === 0)
  throw new Error('The facts and measures steps must be defined');
for (const form of versionsOf(FORMS.measures)) {
  for (const measure of MEASURES) {
    const states = optionsOf(form.fields, measureFieldIds(measure).state);
    for (const state of [...REQUESTED_STATES, ...GRANTED_STATES]) {
      if (!states.includes(state)) throw new Error(`measures v${form.version} has no state ${state} for ${measure}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Dates and periods, in Brussels time

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Day {
  year: number;
  month: number;
  day: number;
}

/** A real calendar day within the years the export accepts, or null. */
export function parseStatisticsDate(value: string): Day | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Whether `to` (ISO) comes before the same day STATISTICS_MAX_YEARS years after `from`. */
export function withinMaxRange(from: string, to: string): boolean {
  // ISO dates compare as strings; "2036-02-29" works as a bound even in a year without it.
  return to < `${String(Number(from.slice(0, 4)) + STATISTICS_MAX_YEARS).padStart(4, '0')}${from.slice(4)}`;
}

interface Period {
  key: string;
  /** Epoch ms, start included, end excluded, already clipped to the requested range. */
  start: number;
  end: number;
}

const MONTHS_PER: Record<StatisticsGranularity, number> = { month: 1, quarter: 3, year: 12 };

function periodKey(year: number, firstMonth: number, granularity: StatisticsGranularity): string {
  if (granularity === 'year') return String(year);
  if (granularity === 'quarter') return `${year}-Q${(firstMonth - 1) / 3 + 1}`;
  return `${year}-${String(firstMonth).padStart(2, '0')}`;
}

/** The periods that meet the range, each clipped to it, in order. */
export function periodsOf(from: Day, to: Day, granularity: StatisticsGranularity): Period[] {
  const step = MONTHS_PER[granularity];
  const rangeStart = brusselsMidnight(from.year, from.month, from.day);
  const rangeEnd = brusselsMidnight(to.year, to.month, to.day + 1);
  const periods: Period[] = [];
  // The first month of the period that holds `from`.
  let year = from.year;
  let month = Math.floor((from.month - 1) / step) * step + 1;
  while (year < to.year || (year === to.year && month <= to.month)) {
    const start = brusselsMidnight(year, month, 1);
    const end = brusselsMidnight(year, month + step, 1);
    periods.push({
      key: periodKey(year, month, granularity),
      start: Math.max(start, rangeStart),
      end: Math.min(end, rangeEnd),
    });
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return periods;
}

// ---------------------------------------------------------------------------------------------
// Suppression

/**
 * In which order the risk-level breakdown gives up a further count to protect a small one: the
 * least telling first. Fixed, so the choice depends on nothing hidden.
 */
const COMPLEMENTARY_ORDER = [NOT_ASSESSED, 'standard', 'elevated', 'high', 'veryHigh'] as const;

/**
 * Primary suppression: every count below the threshold, zero included. Zero is hidden too: if
 * zeros were printed, a reader would know that every hidden count is at least 1, and two hidden
 * counts summing to 2 would both be 1.
 *
 * Complementary suppression, and why in one table only. A hidden count can be worked out where
 * the export prints an exact sum it belongs to. The latest risk levels (standard, elevated, high,
 * very high, not assessed) split the complaints of the period exactly, so with the complaints
 * total printed, one hidden level would be the total minus the others. So when a level is
 * hidden for being small, one more level is hidden with it: the first in COMPLEMENTARY_ORDER not
 * already hidden. The hidden levels then sum to a known S, but the added one may be anything
 * from the threshold N up, so each small one may be anything from 0 to min(N-1, S-N): never one
 * value between 1 and N-1. (At the very edge, S = N, a reader learns that the small ones are 0
 * and the other exactly N; neither is a small count.) The rule looks only at which counts are
 * small, which the export shows anyway, never at a hidden value, so the choice gives nothing
 * away either. When every level is small there is nothing left to hide beside them, and the
 * complaints total of that period is hidden instead. The complaints total is the first figure
 * Art. 9 asks for, so it is hidden only then, rather than whenever a level is small.
 *
 * The other tables hold no exact sum: forms of violence overlap (one complaint may name several),
 * a requested measure may or may not be granted and a granted ban breached, the repeat pairs are
 * pairs, not complaints (a pair with three complaints in a period counts once), and no total over
 * the periods is printed. Known limits, not handled here: two exports of overlapping ranges or of
 * different granularities (a year, then its months) can be subtracted from each other, and the
 * other tables give a lower bound of a hidden complaints total. The audit trail records every
 * export with its parameters.
 */
export function suppress(rows: readonly StatisticsRow[], threshold: number): StatisticsRow[] {
  const out = rows.map((row): StatisticsRow =>
    row.count !== null && row.count < threshold ? { ...row, count: null, suppressed: 'small' } : { ...row },
  );
  const periods = new Set(out.map((row) => row.period));
  for (const period of periods) {
    const total = out.find((r) => r.period === period && r.measure === 'complaints');
    const levels = out.filter((r) => r.period === period && r.measure === 'riskLevel');
    if (!total || total.suppressed !== null || !levels.some((r) => r.suppressed === 'small')) continue;
    const next = COMPLEMENTARY_ORDER.map((category) => levels.find((r) => r.category === category)).find(
      (r) => r !== undefined && r.suppressed === null,
    );
    const hide = next ?? total;
    hide.count = null;
    hide.suppressed = 'complementary';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The export

/** The option values in a stored multiple-choice answer; anything else gives none. */
function formsOf(valueJson: unknown): string[] {
  if (typeof valueJson !== 'string') return [];
  try {
    const value: unknown = JSON.parse(valueJson);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export interface StatisticsServiceOptions {
  /** From config.json (`statisticsMinimumCount`). */
  threshold: number;
  /** Tests and measurements only: force one way to the answers (see answersAccess). */
  answersAccess?: 'seek' | 'scan';
}

export function createStatisticsService({
  store,
  now,
  ...options
}: { store: Store; now: () => number } & StatisticsServiceOptions) {
  /** Checks what the contract checks, for callers in Node that do not go through it. */
  function checkQuery(query: StatisticsQuery): { from: Day; to: Day } {
    const from = parseStatisticsDate(query.from);
    const to = parseStatisticsDate(query.to);
    if (!from) throw new AppError('VALIDATION', 'from is not a date the export accepts', ['from']);
    if (!to) throw new AppError('VALIDATION', 'to is not a date the export accepts', ['to']);
    if (query.to < query.from) throw new AppError('VALIDATION', 'The range ends before it starts', ['to']);
    if (!withinMaxRange(query.from, query.to))
      throw new AppError('VALIDATION', `A range covers at most ${STATISTICS_MAX_YEARS} years`, ['to']);
    if (!STATISTICS_GRANULARITIES.includes(query.granularity))
      throw new AppError('VALIDATION', 'Unknown granularity', ['granularity']);
    return { from, to };
  }

  /**
   * The period of a hearing as a balanced tree of comparisons on its creation time (seven deep
   * for the 120 months of ten years), so each hearing costs a few comparisons whatever the
   * number of periods. Bounds go in as parameters, period indexes as integer literals: the only
   * strings in the SQL are the fixed form and field ids below.
   */
  function periodIndexSql(periods: Period[], lo: number, hi: number): SQL {
    if (lo === hi) return sql.raw(String(lo));
    const mid = (lo + hi + 1) >> 1;
    const below = periodIndexSql(periods, lo, mid - 1);
    const above = periodIndexSql(periods, mid, hi);
    return sql`CASE WHEN created_at < ${periods[mid]!.start} THEN ${below} ELSE ${above} END`;
  }

  const requestedJson = REQUESTED_STATES.map((s) => JSON.stringify(s));
  const grantedJson = GRANTED_STATES.map((s) => JSON.stringify(s));
  const list = (values: readonly string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const answersCondition = sql.raw(statisticsAnswersCondition('a'));
  const factsSql = sql.raw(sqlIdList([FORMS.facts]));
  const violenceSql = sql.raw(sqlIdList([FIELDS.facts.formsOfViolence]));
  const residenceBanSql = sql.raw(sqlIdList([FIELDS.measures.residenceBanState]));

  /**
   * How to reach the answers of the hearings in the range. `seek`: for each hearing, its counted
   * answers by the covering index answers_statistics_idx; the cost follows the range. `scan`: one
   * pass over that index, which holds only the counted answers (at most five per hearing: the forms
   * of violence and four measures' states), keeping those of the range; the cost follows the whole
   * store. A pass in order reads each encrypted page once where seeks read them again and again:
   * measured on the benchmark machine (bench/stores.ts, 100,000 hearings), one year (a fifth of
   * the hearings) costs the same both ways (0.55 s), all hearings 1.8 s by the pass against 3.4 s
   * sought. So the pass is taken from a fifth of the hearings on. The choice is SQLite's (it takes
   * the query's word for it); PostgreSQL's planner makes its own.
   */
  async function answersAccess(tx: StoreDb, periods: Period[]): Promise<'seek' | 'scan'> {
    const [inRange] = await store.queryRows<{ n: number }>(
      tx,
      sql`SELECT count(*) AS n FROM hearings WHERE created_at >= ${periods[0]!.start} AND created_at < ${periods.at(-1)!.end}`,
    );
    // The largest rowid: the number of hearings, give or take deleted ones, without counting them.
    const [all] = await store.queryRows<{ n: number | null }>(tx, sql`SELECT max(rowid) AS n FROM hearings`);
    // The measured crossover, not the number of fields: from a fifth of the hearings on.
    return Number(inRange?.n ?? 0) >= (all?.n ?? 0) / 5 ? 'scan' : 'seek';
  }

  /**
   * One statement, so the hearings of the range are read once, driven by them so the cost follows
   * the range rather than the whole database (see answersAccess for the exception):
   *  - `level`: each hearing with the level of its current assessment (null: none). The flag
   *    marks the current one; should two carry it, the later counts, so a hearing counts once.
   *  - `answer`: per period, field and stored value, how many hearings gave it: forms of
   *    violence as the stored array (parsed below, few distinct ones), and the measures' states
   *    among those that count, compared as stored JSON so nothing else is parsed. `breached`:
   *    of those, the residence bans granted and then breached.
   *  - `repeat`: per period, how many victim–suspect pairs have a complaint in it that follows
   *    another of theirs within REPEAT_WINDOW_MS: each hearing's victim and suspect by the links'
   *    key, the pair's earlier complaint among the victim's hearings of the window
   *    (hearing_persons_person_idx), each checked for the same suspect by its key. Ids only.
   */
  function query(periods: Period[], access: 'seek' | 'scan'): SQL {
    const periodIndex = periodIndexSql(periods, 0, periods.length - 1);
    // Written for both stores: the level as text beside the stored JSON (one column type for the
    // UNION), the flag as each partial index has it (SQLite's 1, PostgreSQL's true). SQLite is told the
    // join order (its CROSS JOIN keeps it) and, to scan, the statistics index; PostgreSQL plans its own.
    const joinInOrder = store.dialect === 'sqlite' ? sql`CROSS JOIN` : sql`JOIN`;
    // Word for word as each store's partial index says it (risk_latest_level_idx), or the planner
    // passes the index by. The measures' states are tested in a CASE, not an OR: PostgreSQL 15
    // makes an OR of IN lists into index conditions, and runs a B-tree scan once per combination of
    // their values over columns the index does not lead with (5.5 s at 100,000 hearings, 2 s without).
    const isLatest = store.dialect === 'sqlite' ? sql`r.latest = 1` : sql`r.latest`;
    const repeatWindow = sql.raw(String(REPEAT_WINDOW_MS));
    return sql`
      WITH h AS MATERIALIZED (
        SELECT id, created_at AS at, ${periodIndex} AS idx FROM hearings
        WHERE created_at >= ${periods[0]!.start} AND created_at < ${periods.at(-1)!.end}
      )
      SELECT 'level' AS kind, idx, NULL AS field, CAST(level AS text) AS value, count(*) AS n, 0 AS breached
      FROM (
        SELECT h.idx AS idx,
          (SELECT r.level FROM risk_assessments r WHERE r.hearing_id = h.id AND ${isLatest} ORDER BY r.sequence DESC LIMIT 1) AS level
        FROM h
      ) AS current_levels
      GROUP BY idx, level
      UNION ALL
      SELECT 'answer', h.idx, a.field_id, a.value_json, count(*),
        sum(CASE WHEN a.field_id = ${residenceBanSql} AND a.value_json IN (${list(grantedJson)})
                  AND EXISTS (SELECT 1 FROM risk_events e WHERE e.hearing_id = h.id AND e.kind = 'breach')
             THEN 1 ELSE 0 END)
      ${
        access === 'seek'
          ? sql`FROM h ${joinInOrder} answers a ON a.hearing_id = h.id AND ${answersCondition}`
          : sql`FROM answers a INDEXED BY answers_statistics_idx CROSS JOIN h ON h.id = a.hearing_id AND ${answersCondition}`
      }
      WHERE (a.form_id = ${factsSql}) = (a.field_id = ${violenceSql})
        AND CASE WHEN a.field_id = ${violenceSql} THEN true ELSE a.value_json IN (${list(requestedJson)}) END
      GROUP BY h.idx, a.field_id, a.value_json
      UNION ALL
      SELECT 'repeat', idx, NULL, NULL, count(*), 0
      FROM (
        SELECT DISTINCT h.idx AS idx, v.person_id AS victim, s.person_id AS suspect
        FROM h
        ${joinInOrder} hearing_persons v ON v.hearing_id = h.id AND v.role = 'victim'
        ${joinInOrder} hearing_persons s ON s.hearing_id = h.id AND s.role = 'suspect'
        WHERE EXISTS (
          SELECT 1 FROM hearing_persons v2
          JOIN hearing_persons s2 ON s2.hearing_id = v2.hearing_id AND s2.role = 'suspect'
          WHERE v2.person_id = v.person_id AND v2.role = 'victim' AND v2.hearing_id <> h.id
            AND v2.hearing_opened_at <= h.at AND v2.hearing_opened_at >= h.at - ${repeatWindow}
            AND s2.person_id = s.person_id
        )
      ) AS repeats
      GROUP BY idx`;
  }

  async function count(tx: StoreDb, periods: Period[]): Promise<StatisticsRow[]> {
    const cells = new Map<string, number>();
    const key = (idx: number, measure: StatisticsMeasure, category: string) => `${idx}|${measure}|${category}`;
    const add = (idx: number, measure: StatisticsMeasure, category: string, n: number) => {
      if (!STATISTICS_CATEGORIES[measure].includes(category)) return;
      cells.set(key(idx, measure, category), (cells.get(key(idx, measure, category)) ?? 0) + n);
    };
    const rows = await store.queryRows<{
      kind: 'level' | 'answer' | 'repeat';
      idx: number | string;
      field: string | null;
      value: string | null;
      n: number | string;
      breached: number | string | null;
    }>(
      tx,
      query(
        periods,
        store.dialect === 'sqlite' ? (options.answersAccess ?? (await answersAccess(tx, periods))) : 'seek',
      ),
    );
    // PostgreSQL answers counts and sums as text (bigint, numeric).
    for (const row of rows) {
      const { kind, field, value } = row;
      const idx = Number(row.idx);
      const n = Number(row.n);
      const breached = Number(row.breached ?? 0);
      if (kind === 'repeat') {
        add(idx, 'repeatVictimisation', 'pairs', n);
      } else if (kind === 'level') {
        add(idx, 'complaints', 'all', n);
        add(idx, 'riskLevel', value === null ? NOT_ASSESSED : (RISK_LEVELS[Number(value) - 1] ?? ''), n);
      } else if (field === FIELDS.facts.formsOfViolence) {
        // Each form once per complaint, and only the definition's options (add() checks).
        for (const form of new Set(formsOf(value))) add(idx, 'formOfViolence', form, n);
      } else {
        const measure = MEASURES.find((m) => measureFieldIds(m).state === field);
        if (!measure || typeof value !== 'string' || !requestedJson.includes(value)) continue;
        add(idx, 'measureRequested', measure, n);
        if (!grantedJson.includes(value)) continue;
        add(idx, 'measureGranted', measure, n);
        if (measure === 'residenceBan') {
          add(idx, 'temporaryBan', 'granted', n);
          add(idx, 'temporaryBan', 'breached', breached);
        }
      }
    }

    return periods.flatMap((period, idx) =>
      STATISTICS_MEASURES.flatMap((measure) =>
        STATISTICS_CATEGORIES[measure].map((category) => ({
          period: period.key,
          measure,
          category,
          count: cells.get(key(idx, measure, category)) ?? 0,
          suppressed: null,
        })),
      ),
    );
  }

  /**
   * The counts of the range, and the export in the audit trail with its parameters (never its
   * figures' subjects: there are none).
   */
  async function exportStatistics(actor: UserView, query: StatisticsQuery): Promise<StatisticsExport> {
    const { from, to } = checkQuery(query);
    const periods = periodsOf(from, to, query.granularity);
    const generatedAt = now();
    // Counted across the zone's units in one read-only unit of work, so every table describes the
    // same moment (migrations/pg/0003: the `statistics` purpose); then put on record.
    const rows = await store.transaction({ ...accessOf(actor), purpose: 'statistics' }, async (tx) =>
      suppress(await count(tx, periods), options.threshold),
    );
    await store.transaction(accessOf(actor), (tx) =>
      store.appendAudit(tx, {
        at: generatedAt,
        userId: actor.id,
        action: 'statistics.exported',
        details: {
          from: query.from,
          to: query.to,
          granularity: query.granularity,
          threshold: options.threshold,
          periods: periods.length,
        },
      }),
    );
    return {
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      rows,
      threshold: options.threshold,
      generatedAt,
    };
  }

  return { exportStatistics };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
