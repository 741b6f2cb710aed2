/**
 * The Art. 9 statistics export on a large database (issue #5, item 7): 100,000 hearings and
 * 1,000,000 answers, one current risk assessment per hearing and some breaches. `npm run bench`
 * calls benchStatistics; seedLargeDatabase is separate so other measurements (the supervisor's
 * queue) can run on the same data.
 *
 * Everything seeded is invented: references, names and texts are generated fillers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, repositoryAssets, type AppCore } from '../src-main/app-core';
import { parseConfig } from '../src-main/config';
import { createStatisticsService, type StatisticsQuery } from '../src-main/services/statistics';
import { hashPassword } from '../src-main/services/passwords';
import { createUserService } from '../src-main/services/users';
import { evaluateRisk, type RiskInput } from '../forms/risk/evaluate';
import { riskRegistry } from '../forms/risk/registry';
import { OPTIONS } from '../forms/answers';
import { MEASURES } from '../forms/definitions/measures.v1';
import type { StartupCheckFigures } from './startup-checks';

export interface SeedOptions {
  hearings?: number;
  /** Exactly this many answers per hearing (at least 6: the counted ones, then fillers). */
  answersPerHearing?: number;
  /** Hearings are created evenly over these Brussels days (ISO, inclusive, UTC is close enough here). */
  from?: string;
  to?: string;
  /** How many units (each with one officer) share the hearings. */
  units?: number;
  /** The pseudo-random sequence, so every run seeds the same data. */
  seed?: number;
  /** Epoch ms taken as "now" for due dates and review states. */
  now?: number;
}

export interface SeededDatabase {
  hearings: number;
  answers: number;
  assessments: number;
  events: number;
  breaches: number;
  /** Hearings whose due reassessment a later complaint of the same pair took over (pair_supersessions). */
  reassessedInPair: number;
  unitIds: string[];
  officerIds: string[];
  /** A supervisor of the first unit, inserted directly (no password: sign-in is not needed to call services). */
  supervisorId: string;
  seedMs: number;
}

/** The facts step's forms of violence, in the definition's order. */
const FORMS = OPTIONS.facts.formsOfViolence;
/** How often each form is named in a complaint (several may be). */
const FORM_SHARE: Record<(typeof FORMS)[number], number> = {
  physical: 0.55,
  psychological: 0.75,
  sexual: 0.15,
  economic: 0.2,
  honourRelated: 0.03,
  coerciveControl: 0.35,
};
const STATES = OPTIONS.measures.residenceBanState;
/** Per measure, the weight of each state above. */
const STATE_WEIGHTS: Record<(typeof MEASURES)[number], number[]> = {
  residenceBan: [10, 20, 8, 6, 6, 8, 7, 35],
  contactBan: [10, 15, 10, 8, 5, 12, 5, 35],
  addressProtection: [15, 20, 5, 10, 2, 10, 3, 35],
  alarm: [15, 20, 6, 3, 4, 3, 2, 47],
};
const POSITIONS = OPTIONS.measures.residenceBanPosition;
/** Standard, elevated, high, very high. */
const LEVEL_WEIGHTS = [45, 30, 17, 8];
const OTHER_EVENTS = ['newIncident', 'banEnded', 'release', 'separation', 'alarmActivated', 'victimRequest'] as const;
const DAY = 86_400_000;
/**
 * Five years: 20,000 complaints a year is already more than any one zone records (half the
 * country's yearly intrafamily-violence complaints), so a year's export is heavier than real life.
 */
export const DEFAULT_SPAN = { from: '2022-01-01', to: '2026-12-31' };

/** mulberry32: small, fast and reproducible (a rerun offers the same data or arrivals). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rnd: () => number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rnd() * total;
  for (let i = 0; i < values.length; i++) {
    r -= weights[i]!;
    if (r < 0) return values[i]!;
  }
  return values.at(-1)!;
}

const FILLER = 'Elle déclare que les faits se sont répétés pendant plusieurs mois et qu’elle a peur pour ses enfants. ';

/**
 * Straight into the tables with prepared statements, in one transaction, as run.ts seeds its
 * hearings: seeding only, the services are timed separately.
 */
/**
 * A real stored input and result for each level, evaluated by the tool itself, so that what the
 * queue reads back (red flags, drivers) is what main stores: none, a score of 8, strangulation,
 * strangulation with threats to kill.
 */
const STORED_ASSESSMENTS = [[], ['A2', 'A6', 'A7', 'A8'], ['A3'], ['A3', 'A5']].map((yes) => {
  const definition = riskRegistry.get(1)!;
  const input: RiskInput = {
    answers: Object.fromEntries(
      definition.domains
        .flatMap((d) => d.items)
        .map((item) => [item.id, { answer: yes.includes(item.id) ? 'yes' : 'no', source: 'victim' }]),
    ),
    barriers: [],
    facts: { physicalOrSexualViolence: true },
  };
  return { input: JSON.stringify(input), result: JSON.stringify(evaluateRisk(definition, input)) };
});

export function seedLargeDatabase(core: AppCore, options: SeedOptions = {}): SeededDatabase {
  const hearingCount = options.hearings ?? 100_000;
  const perHearing = options.answersPerHearing ?? 10;
  if (perHearing < 6) throw new Error('At least 6 answers per hearing');
  const from = Date.parse(`${options.from ?? DEFAULT_SPAN.from}T00:00:00Z`);
  const to = Date.parse(`${options.to ?? DEFAULT_SPAN.to}T23:59:59Z`);
  const now = options.now ?? to;
  const unitCount = options.units ?? 10;
  const rnd = random(options.seed ?? 20260713);
  // A stream of its own, so that adding the pairs left every other seeded value as it was.
  const pairRnd = random((options.seed ?? 20260713) + 16);
  const sqlite = core.database!.sqlite;
  const start = performance.now();

  const insertUnit = sqlite.prepare('INSERT INTO units (id, name, created_at) VALUES (?, ?, ?)');
  const insertUser = sqlite.prepare(
    "INSERT INTO users (id, username, display_name, role, password_hash, unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, '!not-a-password-hash', ?, ?, ?)",
  );
  const insertHearing = sqlite.prepare(
    'INSERT INTO hearings (id, reference, owner_id, status, created_at, updated_at, closed_at, closed_by, unit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertForm = sqlite.prepare('INSERT INTO hearing_forms (hearing_id, form_id, form_version) VALUES (?, ?, 1)');
  const insertAnswer = sqlite.prepare(
    'INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by) VALUES (?, ?, 1, ?, ?, 1, ?, ?)',
  );
  const insertAssessment = sqlite.prepare(
    `INSERT INTO risk_assessments (id, hearing_id, unit_id, sequence, definition_version, trigger, answers_json, result_json, computed_level, floor_level, level,
       red_flag_count, review_status, next_due_at, latest, created_by, created_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSupersession = sqlite.prepare(
    'INSERT OR REPLACE INTO pair_supersessions (hearing_id, by_hearing_id, unit_id, at) VALUES (?, ?, ?, ?)',
  );
  const insertEvent = sqlite.prepare(
    'INSERT INTO risk_events (id, hearing_id, kind, note, at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const unitIds: string[] = [];
  const officerIds: string[] = [];
  const supervisorId = randomUUID();
  let answers = 0;
  let assessments = 0;
  let events = 0;
  let breaches = 0;
  let reassessedInPair = 0;
  /** Each unit's latest hearing so far: a repeat complaint is one of the same pair as an earlier one. */
  const lastOfUnit = new Map<string, string>();

  sqlite.transaction(() => {
    for (let u = 0; u < unitCount; u++) {
      const unitId = randomUUID();
      insertUnit.run(unitId, `Bench unit ${u + 1}`, from);
      unitIds.push(unitId);
      const officerId = randomUUID();
      insertUser.run(officerId, `bench.officer${u + 1}`, `Bench Officer ${u + 1}`, 'officer', unitId, from, from);
      officerIds.push(officerId);
    }
    insertUser.run(supervisorId, 'bench.supervisor', 'Bench Supervisor', 'supervisor', unitIds[0], from, from);

    for (let i = 0; i < hearingCount; i++) {
      const id = randomUUID();
      const u = Math.floor(rnd() * unitCount);
      const owner = officerIds[u]!;
      const unitId = unitIds[u]!;
      const createdAt = Math.floor(from + ((to - from) * i) / hearingCount + rnd() * 60_000);
      const closed = createdAt < now - 14 * DAY && rnd() < 0.9;
      const updatedAt = Math.min(now, createdAt + Math.floor(rnd() * 10 * DAY));
      insertHearing.run(
        id,
        `HD-${new Date(createdAt).getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
        owner,
        closed ? 'closed' : 'open',
        createdAt,
        updatedAt,
        closed ? updatedAt : null,
        closed ? owner : null,
        unitId,
      );
      insertForm.run(id, 'facts');
      insertForm.run(id, 'measures');

      const answer = (formId: string, fieldId: string, value: unknown) => {
        insertAnswer.run(id, formId, fieldId, JSON.stringify(value), updatedAt, owner);
        answers++;
      };
      // Counted: forms of violence (a few complaints not yet answered) and the four states.
      let given = 0;
      if (rnd() < 0.95) {
        const forms = FORMS.filter((form) => rnd() < FORM_SHARE[form]);
        answer('facts', 'formsOfViolence', forms.length > 0 ? forms : ['psychological']);
      } else answer('facts', 'place', 'Lieu inventé');
      given++;
      const states = MEASURES.map((m) => weighted(rnd, STATES, STATE_WEIGHTS[m]));
      MEASURES.forEach((m, k) => answer('measures', `${m}State`, states[k]));
      given += MEASURES.length;
      // Fillers up to the count: her positions, then narrative and notes.
      const fillers: [string, string, () => unknown][] = [
        ...MEASURES.map((m): [string, string, () => unknown] => [
          'measures',
          `${m}Position`,
          () => weighted(rnd, POSITIONS, [55, 30, 15]),
        ]),
        ['facts', 'narrative', () => FILLER.repeat(3)],
        ['facts', 'injuries', () => weighted(rnd, ['yes', 'no', 'unknown', 'refused'], [40, 50, 7, 3])],
        ['facts', 'weapons', () => weighted(rnd, ['yes', 'no', 'unknown', 'refused'], [10, 80, 8, 2])],
        ['facts', 'earlierIncidents', () => weighted(rnd, ['yes', 'no', 'unknown', 'refused'], [60, 30, 8, 2])],
        ...MEASURES.map((m): [string, string, () => unknown] => ['measures', `${m}Notes`, () => 'Note inventée.']),
      ];
      for (let f = 0; given < perHearing; f++, given++) {
        const filler = fillers[f % fillers.length]!;
        // Past the list, further fillers go under numbered ids of the same step.
        answer(
          filler[0],
          f < fillers.length ? filler[1] : `${filler[1]}${Math.floor(f / fillers.length)}`,
          filler[2](),
        );
      }

      // One current assessment per hearing; a tenth were reassessed, so an earlier one too.
      const level = weighted(rnd, [1, 2, 3, 4], LEVEL_WEIGHTS);
      const reassessed = rnd() < 0.1;
      const assess = (sequence: number, lvl: number, latest: boolean, at: number) => {
        const review =
          lvl >= 3
            ? weighted(rnd, ['pending', 'approved', 'returned'], latest ? [20, 70, 10] : [0, 90, 10])
            : 'notRequired';
        const dueHours = [0, 60 * 24, 30 * 24, 7 * 24, 72][lvl]!;
        const stored = STORED_ASSESSMENTS[lvl - 1]!;
        insertAssessment.run(
          randomUUID(),
          id,
          unitId,
          sequence,
          reassessed && sequence === 1 ? 'newIncident' : 'initial',
          stored.input,
          stored.result,
          lvl,
          Math.min(lvl, 3),
          lvl,
          lvl >= 3 ? 1 : 0,
          review,
          at + dueHours * 3_600_000,
          latest ? 1 : 0,
          owner,
          at,
        );
        assessments++;
      };
      if (reassessed) {
        assess(1, Math.max(1, level - 1), false, createdAt + 3_600_000);
        assess(2, level, true, createdAt + 5 * DAY);
      } else assess(1, level, true, createdAt + 3_600_000);
      // About one complaint in seven repeats an earlier one of the unit (issue 16): its assessment
      // takes over that hearing's due reassessment.
      const earlier = lastOfUnit.get(unitId);
      if (earlier !== undefined && pairRnd() < 0.15) {
        insertSupersession.run(earlier, id, unitId, createdAt + (reassessed ? 5 * DAY : 3_600_000));
        reassessedInPair++;
      }
      lastOfUnit.set(unitId, id);

      // Breaches of granted residence bans, and other events that call for a reassessment.
      const banGranted = states[0] === 'granted' || states[0] === 'inForce' || states[0] === 'ended';
      if (banGranted && rnd() < 0.2) {
        const n = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < n; k++)
          insertEvent.run(randomUUID(), id, 'breach', 'Événement inventé', createdAt + (k + 1) * DAY, owner);
        events += n;
        breaches++;
      }
      if (rnd() < 0.08) {
        insertEvent.run(
          randomUUID(),
          id,
          weighted(rnd, OTHER_EVENTS, [3, 1, 1, 2, 1, 2]),
          'Événement inventé',
          createdAt + 2 * DAY,
          owner,
        );
        events++;
      }
    }
  })();
  return {
    hearings: hearingCount,
    answers,
    assessments,
    events,
    breaches,
    reassessedInPair,
    unitIds,
    officerIds,
    supervisorId,
    seedMs: Math.round(performance.now() - start),
  };
}

export interface StatisticsBenchResult {
  database: Omit<SeededDatabase, 'unitIds' | 'officerIds' | 'supervisorId'>;
  query: StatisticsQuery;
  rows: number;
  hearingsInRange: number;
  exportOneYearByMonth: Summary;
  exportAllByMonth: Summary & { query: StatisticsQuery };
  queue: Summary & { items: number };
  /** quick_check, integrity_check and a clean start on this database, once closed (bench/startup-checks.ts). */
  startupChecks?: StartupCheckFigures;
}

export interface Summary {
  n: number;
  median: number;
  p99: number;
  max: number;
}

export function summary(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { n: sorted.length, median: at(50), p99: at(99), max: sorted.at(-1)! };
}

/**
 * Seeds a fresh encrypted database in a temporary folder, then times the export of one year by
 * month, and (the worst case) the whole seeded span by month, `runs` times each.
 */
/**
 * The supervisor's review queue on the same data, through the dispatcher as the renderer calls
 * it (session, role, output validation included): her unit holds a tenth of the hearings.
 */
async function timeQueue(core: AppCore, supervisorId: string, runs: number): Promise<Summary & { items: number }> {
  const password = 'bench supervisor passphrase';
  core
    .database!.sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
    .run(await hashPassword(password), supervisorId);
  const login = await core.dispatcher.call('bench-supervisor', 'session.login', {
    username: 'bench.supervisor',
    password,
  });
  if (!login.ok) throw new Error(`bench supervisor login: ${login.error.code}`);
  const queue = async () => {
    const result = await core.dispatcher.call('bench-supervisor', 'risk.queue', {});
    if (!result.ok) throw new Error(`risk.queue: ${result.error.code}`);
    return result.value.items.length;
  };
  const items = await queue();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await queue();
    samples.push(performance.now() - start);
  }
  return { ...summary(samples), items };
}

export async function benchStatistics(
  root: string,
  options: {
    runs?: number;
    seed?: SeedOptions;
    measureClosedDatabase?: (dataDir: string, key: Buffer) => StartupCheckFigures;
  } = {},
): Promise<StatisticsBenchResult> {
  const runs = options.runs ?? 20;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-statistics-'));
  const config = parseConfig({});
  const key = randomBytes(32);
  const core = await createAppCore({
    dataDir,
    key,
    migrationsFolder: path.join(root, 'migrations', 'sqlite'),
    assets: repositoryAssets(root),
    config,
  });
  let open = true;
  try {
    const seeded = seedLargeDatabase(core, options.seed);
    // The service as the app builds it (app-core.ts), on the same connection.
    const statistics = createStatisticsService({
      store: core.store,
      threshold: config.statisticsMinimumCount,
      now: Date.now,
    });
    const users = createUserService({ store: core.store, config, now: Date.now });
    const supervisor = (await users.getActiveUser(seeded.supervisorId))!;
    const time = async (query: StatisticsQuery) => {
      await statistics.exportStatistics(supervisor, query); // warm-up, not counted
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await statistics.exportStatistics(supervisor, query);
        samples.push(performance.now() - start);
      }
      return summary(samples);
    };
    const query: StatisticsQuery = { from: '2026-01-01', to: '2026-12-31', granularity: 'month' };
    // The worst case: every seeded hearing in the range.
    const all: StatisticsQuery = {
      from: options.seed?.from ?? DEFAULT_SPAN.from,
      to: options.seed?.to ?? DEFAULT_SPAN.to,
      granularity: 'month',
    };
    const result = await statistics.exportStatistics(supervisor, query);
    const hearingsInRange = result.rows
      .filter((r) => r.measure === 'complaints')
      .reduce((s, r) => s + (r.count ?? 0), 0);
    const database = {
      hearings: seeded.hearings,
      answers: seeded.answers,
      assessments: seeded.assessments,
      events: seeded.events,
      breaches: seeded.breaches,
      reassessedInPair: seeded.reassessedInPair,
      seedMs: seeded.seedMs,
    };
    const exportOneYearByMonth = await time(query);
    const exportAllByMonth = { ...(await time(all)), query: all };
    const queue = await timeQueue(core, seeded.supervisorId, runs * 10);
    await core.close();
    open = false;
    const startupChecks = options.measureClosedDatabase?.(dataDir, key);
    return {
      database,
      query,
      rows: result.rows.length,
      hearingsInRange,
      exportOneYearByMonth,
      exportAllByMonth,
      queue,
      ...(startupChecks ? { startupChecks } : {}),
    };
  } finally {
    if (open) await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
