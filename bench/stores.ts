import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, constants as gcKinds, type PerformanceEntry } from 'node:perf_hooks';
import pg from 'pg';
import type Database from 'better-sqlite3';
import { createAppCore, repositoryAssets, type AppCore } from '../src-main/app-core';
import { parseConfig } from '../src-main/config';
import { migratePgDatabase } from '../src-main/db/pg-migrations';
import { hashPassword } from '../src-main/services/passwords';
import { createStatisticsService, type StatisticsQuery } from '../src-main/services/statistics';
import { createUserService } from '../src-main/services/users';
import { startPostgresServer, runAsClusterOwner, type PostgresServer } from '../test/helpers/postgres-server';
import {
  BEFORE_STORE_LAYER,
  beforeStoreLayerQueueAndExport,
  beforeStoreLayerSaves,
  prepareBeforeStoreLayer,
} from './before-store-layer';
import { DEFAULT_SPAN, seedLargeDatabase, summary, type Summary } from './statistics';

/**
 * The one application core on its two stores, same machine, one run (issue 14's report): the save
 * round trip with 10,000 hearings, the supervisor's queue and the Art. 9 export with 100,000
 * hearings and 1,000,000 answers, and as the limit pgbench's single-row update rate on the same
 * PostgreSQL, which runs with its durable defaults (fsync, synchronous_commit, full_page_writes on)
 * as a zone's would; SQLite runs as the standalone app does (WAL, synchronous=FULL, encrypted).
 * Beside SQLite's, the same figures of the standalone app before the store layer, in the same run
 * (bench/before-store-layer.ts): the issue asks for "no worse than today".
 */
export interface StoreFigures {
  save: Summary;
  queue: Summary & { items: number };
  exportAll: Summary;
}

export interface StoresBenchResult {
  sqlite: StoreFigures;
  postgresql: StoreFigures;
  /** `latency`: each update as pgbench timed it, its commit's wait for the disk included. */
  pgbench: { tps: number; msPerUpdate: number; seconds: number; latency: Summary };
  /** SQLite's own floor, as pgbench is PostgreSQL's: one single-row update committed on the save bench's file. */
  sqliteCommit: Summary;
  /** PostgreSQL's queue in its first calls on a newly opened core; its `queue` is the calls after them. */
  postgresqlQueueFirstCalls: Summary;
  /** The collections during each store's timed queue calls: their pauses fall in those calls. */
  queueCollections: Record<StoreKind, Collections>;
  /** The standalone app as it was before the store layer, in the same run (bench/before-store-layer.ts). */
  beforeStoreLayer: StoreFigures | { unavailable: string };
  /** The SQLite saves' rounds, each interleaved with a round of the code before the store layer. */
  saveRounds: number;
  seeded: { hearings: number; answers: number };
}

const APP_LOGIN = 'hd_bench_app';
const SAVE_HEARINGS = 10_000;
const SAVES = 1_000;
const SAVE_ROUNDS = 3;
const QUEUE_CALLS = 200;
const OFFICER = {
  username: 'bench.officer',
  displayName: 'Bench Officer',
  password: 'bench officer passphrase',
  role: 'officer',
};
const SUPERVISOR_PASSWORD = 'bench supervisor passphrase';

export type StoreKind = 'sqlite' | 'postgresql';

export interface Collections {
  young: number;
  youngLongest: number;
  full: number;
  fullLongest: number;
}

export interface OpenedCore {
  core: AppCore;
  /** SQL as the store's owner, past the services ($n placeholders on PostgreSQL, ? on SQLite). */
  owner(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function benchStores(root: string, options: { hearings?: number } = {}): Promise<StoresBenchResult> {
  const server = await startPostgresServer({ durable: true });
  try {
    const pgbench = runPgbench(server);
    const before = prepareBeforeStoreLayer(root);
    // Rounds taken in turn with the code before the store layer, so that a slow minute of the
    // machine falls on both.
    const sqliteSaves: number[] = [];
    const sqliteCommits: number[] = [];
    const beforeSaves: number[] = [];
    for (let round = 0; round < SAVE_ROUNDS; round++) {
      if ('dir' in before) beforeSaves.push(...beforeStoreLayerSaves(before.dir));
      const { save, commit } = await benchSaves(root, server, 'sqlite');
      sqliteSaves.push(...save);
      sqliteCommits.push(...commit!);
    }
    const { save: postgresSaves } = await benchSaves(root, server, 'postgresql');
    // Its own database of 100,000 hearings, seeded by its own statistics bench, before this one's.
    const beforeQueueAndExport = 'dir' in before ? beforeStoreLayerQueueAndExport(before.dir) : null;

    // One large database, written once into SQLite by the statistics bench's seeder and copied
    // row for row into PostgreSQL, so both stores answer over the same records. Both cores read
    // them at the seed's own "now", the last second of its span: what is due, and so the queue's
    // work, must not move with the day the bench runs.
    const seedNow = Date.parse(`${DEFAULT_SPAN.to}T23:59:59Z`);
    const clock = { now: () => seedNow };
    const sqlite = await openCore(root, server, 'sqlite', clock);
    const seeded = seedLargeDatabase(sqlite.core, { hearings: options.hearings ?? 100_000, now: seedNow });
    // The seed is one transaction, so its whole write-ahead log waits for a checkpoint; the app's
    // store checkpoints as it goes (sqlite-store.ts), so the figures start from a checkpointed file.
    sqlite.core.database!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const postgres = await openCore(root, server, 'postgresql', clock);
    await copyRecords(sqlite.core.database!.sqlite, postgres);
    // Both queues before either export: the export of 100,000 hearings leaves a heap of garbage
    // that the next minutes' collections clear, and the queue timed after the SQLite export paid
    // for them (a zone server holds no SQLite core to export from).
    // SQLite's queue as the code before the store layer times its own: its first calls. A zone
    // server's queue runs on connections that have prepared its statements and on which PostgreSQL
    // has planned them (five plans for their values before it may keep a generic one): its figure
    // is the calls after as many first ones, which are reported apart.
    const sqliteQueue = await timeQueueCalls(sqlite, seeded.supervisorId, 0);
    const postgresQueue = await timeQueueCalls(postgres, seeded.supervisorId, QUEUE_CALLS);
    const queues: Record<StoreKind, StoreFigures['queue']> = {
      sqlite: { ...summary(sqliteQueue.timed), items: sqliteQueue.items },
      postgresql: { ...summary(postgresQueue.timed), items: postgresQueue.items },
    };
    const cores = { sqlite, postgresql: postgres };
    const figures = {} as Record<StoreKind, Omit<StoreFigures, 'save'>>;
    for (const kind of ['sqlite', 'postgresql'] as const) {
      figures[kind] = { queue: queues[kind], exportAll: await timeExport(cores[kind], seeded.supervisorId, clock) };
      await cores[kind].close();
    }
    return {
      sqlite: { save: summary(sqliteSaves), ...figures.sqlite },
      postgresql: { save: summary(postgresSaves), ...figures.postgresql },
      pgbench,
      postgresqlQueueFirstCalls: summary(postgresQueue.first),
      queueCollections: { sqlite: sqliteQueue.collections, postgresql: postgresQueue.collections },
      sqliteCommit: summary(sqliteCommits),
      beforeStoreLayer:
        'dir' in before
          ? { save: summary(beforeSaves), ...beforeQueueAndExport! }
          : { unavailable: before.unavailable },
      saveRounds: SAVE_ROUNDS,
      seeded: { hearings: seeded.hearings, answers: seeded.answers },
    };
  } finally {
    await server.stop();
  }
}

export function storesLines(result: StoresBenchResult): string[] {
  const row = (name: string, s: Summary) =>
    `${name.padEnd(58)} median ${s.median.toFixed(2).padStart(8)} ms   p99 ${s.p99.toFixed(2).padStart(8)} ms   max ${s.max.toFixed(2).padStart(8)} ms   (n=${s.n})`;
  const before = result.beforeStoreLayer;
  const { short } = BEFORE_STORE_LAYER;
  const beforeRow = (name: string, pick: (figures: StoreFigures) => Summary) =>
    'unavailable' in before ? [] : [row(`  before the store layer (${short}): ${name}`, pick(before))];
  return [
    `stores: ${result.seeded.hearings} hearings, ${result.seeded.answers} answers for the queue and the export`,
    row(
      `SQLite save round trip in the core (${SAVE_HEARINGS} hearings, ${result.saveRounds} rounds)`,
      result.sqlite.save,
    ),
    ...beforeRow('the same saves, rounds in turn', (f) => f.save),
    row(`PostgreSQL save round trip in the core (${SAVE_HEARINGS} hearings)`, result.postgresql.save),
    row(`SQLite supervisor's queue (${result.sqlite.queue.items} items)`, result.sqlite.queue),
    collectionsLine(result.queueCollections.sqlite),
    ...beforeRow(`its queue (${'unavailable' in before ? 0 : before.queue.items} items, its seed)`, (f) => f.queue),
    row(
      `PostgreSQL supervisor's queue (${result.postgresql.queue.items} items), calls ${QUEUE_CALLS + 1} to ${2 * QUEUE_CALLS}`,
      result.postgresql.queue,
    ),
    collectionsLine(result.queueCollections.postgresql),
    row(`  its first ${QUEUE_CALLS} calls on a newly opened core`, result.postgresqlQueueFirstCalls),
    row('SQLite Art. 9 export, all hearings by month', result.sqlite.exportAll),
    ...beforeRow('its export, all hearings', (f) => f.exportAll),
    row('PostgreSQL Art. 9 export, all hearings by month', result.postgresql.exportAll),
    row('SQLite single-row update committed on the same file (the limit)', result.sqliteCommit),
    ...pgbenchLines(result.pgbench),
    ...('unavailable' in before
      ? [`standalone against the code before the store layer: not measured (${before.unavailable})`]
      : [standaloneVerdict(result.sqlite, before)]),
  ];
}

function collectionsLine(c: Collections): string {
  return `  garbage collections in those calls: ${c.young} young (longest ${c.youngLongest.toFixed(2)} ms), ${c.full} full (longest ${c.fullLongest.toFixed(2)} ms)`;
}

/** Issue 14's "no worse than today", read on this run's own figures of both versions. */
function standaloneVerdict(now: StoreFigures, before: StoreFigures): string {
  const pairs: [string, number, number][] = [
    ['save median', now.save.median, before.save.median],
    ['save p99', now.save.p99, before.save.p99],
    ['queue p99', now.queue.p99, before.queue.p99],
    ['export median', now.exportAll.median, before.exportAll.median],
  ];
  const worse = pairs.filter(([, a, b]) => a > b).map(([name]) => name);
  const figures = pairs.map(([name, a, b]) => `${name} ${a.toFixed(2)} against ${b.toFixed(2)} ms`).join(', ');
  return `standalone against the code before the store layer, this run: ${figures}: ${
    worse.length === 0 ? 'no worse' : `worse in ${worse.join(', ')}`
  }`;
}

/** pgbench's rate and, since no save can commit faster than the disk lets it, its own tail. */
export function pgbenchLines(pgbench: StoresBenchResult['pgbench']): string[] {
  const { latency } = pgbench;
  return [
    `pgbench single-row update, 1 client, ${pgbench.seconds} s (the limit)`.padEnd(58) +
      ` ${pgbench.tps.toFixed(0)} tps = ${pgbench.msPerUpdate.toFixed(2)} ms per update`,
    `${'  each update as pgbench timed it'.padEnd(58)} median ${latency.median.toFixed(2).padStart(8)} ms   p99 ${latency.p99.toFixed(2).padStart(8)} ms   max ${latency.max.toFixed(2).padStart(8)} ms   (n=${latency.n})`,
  ];
}

/** PostgreSQL's own rate for the smallest durable write, on the same server: the floor of a save. */
export function runPgbench(server: PostgresServer): StoresBenchResult['pgbench'] {
  const seconds = 10;
  const connection = ['-h', server.socketDir, '-p', String(server.port), '-U', server.superuser];
  runAsClusterOwner(server, 'createdb', [...connection, 'pgbench']);
  runAsClusterOwner(server, 'pgbench', [...connection, '-i', '-q', '-s', '1', 'pgbench']);
  const script = path.join(server.socketDir, 'single-row-update.sql');
  // Written by the cluster's owner, beside its socket: one line per update, its latency in µs.
  const logPrefix = path.join(server.socketDir, 'pgbench-latency');
  fs.writeFileSync(
    script,
    '\\set aid random(1, 100000)\nUPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;\n',
  );
  fs.chmodSync(script, 0o644);
  const output = runAsClusterOwner(server, 'pgbench', [
    ...connection,
    '-n',
    '-c',
    '1',
    '-j',
    '1',
    '-T',
    String(seconds),
    '--log',
    `--log-prefix=${logPrefix}`,
    '-f',
    script,
    'pgbench',
  ]);
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? NaN);
  // pgbench's per-transaction log: client, transaction, latency (µs), script, epoch s, µs.
  const latencies: number[] = [];
  for (const name of fs.readdirSync(server.socketDir).filter((f) => f.startsWith('pgbench-latency'))) {
    const file = path.join(server.socketDir, name);
    for (const line of fs.readFileSync(file, 'utf8').split('\n'))
      if (line.trim()) latencies.push(Number(line.split(' ')[2]) / 1000);
    fs.rmSync(file);
  }
  return { tps, msPerUpdate: 1000 / tps, seconds, latency: summary(latencies) };
}

/** The core as each host builds it: SQLite in a data folder, or a migrated PostgreSQL through the application role. */
export async function openCore(
  root: string,
  server: PostgresServer,
  kind: StoreKind,
  options: { now?: () => number } = {},
): Promise<OpenedCore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hd-bench-${kind}-`));
  const common = {
    ...options,
    dataDir,
    key: randomBytes(32),
    migrationsFolder: path.join(root, 'migrations', 'sqlite'),
    assets: repositoryAssets(root),
    config: parseConfig({}),
    log: () => {},
  };
  if (kind === 'sqlite') {
    const core = await createAppCore(common);
    const sqlite = core.database!.sqlite;
    return {
      core,
      owner: async (text, params = []) => {
        const statement = sqlite.prepare(text);
        return statement.reader
          ? (statement.all(...params) as Record<string, unknown>[])
          : (statement.run(...params), []);
      },
      close: async () => {
        await core.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { base, database, appLogin } = await createBenchDatabase(root, server);
  const owner = new pg.Pool({ ...base, database, max: 2 });
  const core = await createAppCore({
    ...common,
    postgres: { pool: new pg.Pool({ ...base, user: appLogin, database, max: 8 }) },
  });
  return {
    core,
    owner: async (text, params = []) => (await owner.query(text, params)).rows as Record<string, unknown>[],
    close: async () => {
      await core.close();
      await owner.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new database on the bench's PostgreSQL as a zone's DBA leaves it: migrated by its owner (the
 * cluster's superuser here), and a login role of hearing_desk_app for the application.
 */
export async function createBenchDatabase(
  root: string,
  server: PostgresServer,
): Promise<{ base: { host: string; port: number; user: string }; database: string; appLogin: string }> {
  const database = `hd_bench_${randomUUID().replaceAll('-', '')}`;
  const base = { host: server.socketDir, port: server.port, user: server.superuser };
  const admin = new pg.Client({ ...base, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  await migratePgDatabase({
    connection: { ...base, database },
    migrationsFolder: path.join(root, 'migrations', 'pg'),
    backup: { kind: 'confirmed', by: 'a new bench database' },
  });
  const owner = new pg.Client({ ...base, database });
  await owner.connect();
  await owner.query(
    `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_LOGIN}') THEN CREATE ROLE ${APP_LOGIN} LOGIN IN ROLE hearing_desk_app; END IF; END $$`,
  );
  await owner.end();
  return { base, database, appLogin: APP_LOGIN };
}

export async function call(core: AppCore, client: string, channel: string, input: object): Promise<never> {
  const result = await core.dispatcher.call(client, channel as never, input as never);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as never;
}

/** An administrator, a unit and a signed-in officer, through the API; then 10,000 hearings straight into the tables. */
async function benchSaves(
  root: string,
  server: PostgresServer,
  kind: StoreKind,
): Promise<{ save: number[]; commit: number[] | null }> {
  const opened = await openCore(root, server, kind);
  try {
    const { core } = opened;
    await call(core, 'admin', 'setup.createAdministrator', {
      username: 'bench.admin',
      displayName: 'Bench Admin',
      password: 'bench admin passphrase',
    });
    const { unit } = (await call(core, 'admin', 'units.save', { name: 'Bench unit' })) as { unit: { id: string } };
    const given = `temporary ${OFFICER.password}`;
    const { user } = (await call(core, 'admin', 'users.create', { ...OFFICER, password: given, unitId: unit.id })) as {
      user: { id: string };
    };
    await call(core, 'bench', 'session.login', { username: OFFICER.username, password: given });
    await call(core, 'bench', 'session.changePassword', { currentPassword: given, newPassword: OFFICER.password });

    const at = Date.now();
    const value = JSON.stringify('answer '.repeat(20));
    if (kind === 'sqlite') {
      const sqlite = core.database!.sqlite;
      const insertHearing = sqlite.prepare(
        "INSERT INTO hearings (id, reference, owner_id, status, created_at, updated_at, unit_id) VALUES (?, ?, ?, 'open', ?, ?, ?)",
      );
      const insertAnswer = sqlite.prepare(
        "INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by) VALUES (?, 'setup', 1, ?, ?, 1, ?, ?)",
      );
      sqlite.transaction(() => {
        for (let i = 0; i < SAVE_HEARINGS; i++) {
          const id = randomUUID();
          insertHearing.run(id, `HD-2025-${String(i + 1).padStart(6, '0')}`, user.id, at, at, unit.id);
          for (let f = 0; f < 20; f++) insertAnswer.run(id, `field${f}`, value, at, user.id);
        }
      })();
    } else {
      await opened.owner(
        `INSERT INTO hearings (id, reference, owner_id, status, created_at, updated_at, unit_id)
         SELECT gen_random_uuid()::text, 'HD-2025-' || lpad(n::text, 6, '0'), $1, 'open', $2, $2, $3 FROM generate_series(1, $4) AS n`,
        [user.id, at, unit.id, SAVE_HEARINGS],
      );
      await opened.owner(
        `INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by)
         SELECT h.id, 'setup', 1, 'field' || f, $1, 1, $2, $3 FROM hearings h CROSS JOIN generate_series(0, 19) AS f`,
        [value, at, user.id],
      );
      await opened.owner('ANALYZE');
    }

    const { hearing } = (await call(core, 'bench', 'hearings.create', {})) as { hearing: { id: string } };
    const samples: number[] = [];
    // Back to back, as fast as the core answers: no officer saves this fast (the renderer's
    // autosave waits 400 ms after the last keystroke), so the SQLite store is never idle here and
    // its WAL is checkpointed only by the commit that reaches the bound (sqlite-store.ts: about
    // every 600 saves, in that save's time: the max, past the p99). Pauses between saves would
    // not make the figures kinder on this machine: a commit after a pause waits longer for its
    // fsync (a bare commit 0.2 ms back to back, about 1 ms after 20 ms of pause).
    for (let i = 0; i < SAVES; i++) {
      const start = performance.now();
      await call(core, 'bench', 'hearings.saveAnswers', {
        hearingId: hearing.id,
        formId: 'setup',
        changes: [{ fieldId: 'victimWishes', value: `wish ${i}`, baseRevision: i }],
      });
      samples.push(performance.now() - start);
    }
    return { save: samples.slice(50), commit: kind === 'sqlite' ? commitFloor(core.database!.sqlite) : null };
  } finally {
    await opened.close();
  }
}

/**
 * What one durable commit costs on this disk: a single-row update between BEGIN IMMEDIATE and
 * COMMIT on the save bench's own connection (the same file, key, WAL and synchronous=FULL), in a
 * table of its own. A save is this plus its statements, the audit entry and the session check.
 */
function commitFloor(sqlite: Database.Database): number[] {
  sqlite.exec('CREATE TABLE bench_commit_floor (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
  sqlite.exec('INSERT INTO bench_commit_floor VALUES (1, 0)');
  const update = sqlite.prepare('UPDATE bench_commit_floor SET n = n + 1 WHERE id = 1');
  const samples: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const start = performance.now();
    sqlite.exec('BEGIN IMMEDIATE');
    update.run();
    sqlite.exec('COMMIT');
    samples.push(performance.now() - start);
  }
  return samples.slice(50);
}

/** The tables the queue and the export read, in an order their foreign keys accept. */
const COPIED_TABLES = [
  'units',
  'users',
  'hearings',
  'hearing_forms',
  'answers',
  'risk_assessments',
  'risk_events',
  'pair_supersessions',
];

/** Row for row, in batches; SQLite's 0 and 1 become PostgreSQL's booleans where the column is one. */
async function copyRecords(sqlite: Database.Database, target: OpenedCore): Promise<void> {
  for (const table of COPIED_TABLES) {
    const columns = (await target.owner(
      'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
      [table],
    )) as { name: string; type: string }[];
    const names = columns.map((c) => `"${c.name}"`).join(', ');
    const rows = sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>;
    const batchRows = Math.floor(60_000 / columns.length);
    let batch: unknown[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      let n = 0;
      const values = batch.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ');
      await target.owner(
        `INSERT INTO "${table}" (${names}) VALUES ${values}`,
        batch.flatMap((row) => row.map((v, i) => (columns[i]!.type === 'boolean' && v !== null ? v === 1 : v))),
      );
      batch = [];
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length === batchRows) await flush();
    }
    await flush();
  }
  // As autovacuum leaves a table after a bulk load: statistics and the visibility map; and the
  // load's dirty pages written now, not by the checkpointer while the queue is timed.
  await target.owner('VACUUM ANALYZE');
  await target.owner('CHECKPOINT');
}

/**
 * The supervisor's queue through the dispatcher, signed in as the seed's supervisor: after a first
 * call, `firstCalls` calls and then QUEUE_CALLS, each call's time in order, and the collections
 * during the latter.
 */
async function timeQueueCalls(
  opened: OpenedCore,
  supervisorId: string,
  firstCalls: number,
): Promise<{ first: number[]; timed: number[]; items: number; collections: Collections }> {
  const { core } = opened;
  const placeholder = core.store.dialect === 'sqlite' ? '?' : '$1';
  const second = core.store.dialect === 'sqlite' ? '?' : '$2';
  await opened.owner(`UPDATE users SET password_hash = ${placeholder} WHERE id = ${second}`, [
    await hashPassword(SUPERVISOR_PASSWORD),
    supervisorId,
  ]);
  await call(core, 'bench-supervisor', 'session.login', {
    username: 'bench.supervisor',
    password: SUPERVISOR_PASSWORD,
  });
  const queue = async () =>
    ((await call(core, 'bench-supervisor', 'risk.queue', {})) as { items: unknown[] }).items.length;
  const items = await queue();
  const times = async (n: number) => {
    const each: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await queue();
      each.push(performance.now() - start);
    }
    return each;
  };
  const first = await times(firstCalls);
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const begin = performance.now();
  const timed = await times(QUEUE_CALLS);
  const end = performance.now();
  // Node reports a collection from a task of the event loop, which SQLite's synchronous calls never
  // let run until their loop ends; one reported late may have fallen before these calls.
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  const ofKind = (kind: number) =>
    entries.filter(
      (e) =>
        e.startTime >= begin &&
        e.startTime < end &&
        (e as PerformanceEntry & { detail: { kind: number } }).detail.kind === kind,
    );
  const [young, full] = [ofKind(gcKinds.NODE_PERFORMANCE_GC_MINOR), ofKind(gcKinds.NODE_PERFORMANCE_GC_MAJOR)];
  const longest = (of: PerformanceEntry[]) => Math.max(0, ...of.map((e) => e.duration));
  return {
    first,
    timed,
    items,
    collections: { young: young.length, youngLongest: longest(young), full: full.length, fullLongest: longest(full) },
  };
}

/** The Art. 9 export of every hearing by month, five times after a first one. */
async function timeExport(opened: OpenedCore, supervisorId: string, clock: { now: () => number }): Promise<Summary> {
  const { core } = opened;
  const users = createUserService({ store: core.store, config: core.config, now: clock.now });
  const supervisor = (await users.getActiveUser(supervisorId))!;
  const statistics = createStatisticsService({
    store: core.store,
    threshold: core.config.statisticsMinimumCount,
    now: clock.now,
  });
  const all: StatisticsQuery = { ...DEFAULT_SPAN, granularity: 'month' };
  await statistics.exportStatistics(supervisor, all);
  const exportSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await statistics.exportStatistics(supervisor, all);
    exportSamples.push(performance.now() - start);
  }
  return summary(exportSamples);
}
