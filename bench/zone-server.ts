import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FIELDS, FORMS } from '../forms/fields.generated';
import type { Channel, ChannelInput, ChannelOutput } from '../src-main/api/contract';
import {
  createZoneCa,
  issueServerCertificate,
  issueWorkstationCertificate,
  type IssuedCertificate,
} from '../src-main/server/certificates';
import { createZoneDispatcher, type ZoneDispatcher } from '../src-main/zone/zone-dispatcher';
import { startPostgresServer, type PostgresServer } from '../test/helpers/postgres-server';
import { random as seededRandom, summary, type Summary } from './statistics';
import { createBenchDatabase, pgbenchLines, runPgbench, type StoresBenchResult } from './stores';

/**
 * The zone server under load (issue 15's report): `hearing-desk-server start` as its own process,
 * as zone IT runs it, on a durable PostgreSQL (fsync, synchronous_commit, full_page_writes on);
 * workstations are zone dispatchers in this process, each with its own certificate of the zone
 * CA, over real TLS 1.3. The server is a child process so that its CPU is its own on a small
 * machine: the simulated workstations' TLS and JSON work would otherwise run on its event loop
 * and be counted as the server's latency.
 *
 * A save is `hearings.saveAnswers` of one field, from the workstation's call to its answer: TLS,
 * the server's session check, the transaction with its audit entry, PostgreSQL's commit.
 */
export interface ZoneBenchResult {
  workstations: number;
  one: Summary;
  /** The same saves as the server's request log timed them: from its handler's start to its answer. */
  oneInServer: Summary;
  /**
   * Every workstation saving about as often as the officer's screen ever does: the autosave sends
   * 400 ms after the last change, one save at a time, so no workstation sends more than once per
   * 400 ms plus its answer; here each officer types up to 400 ms more before each pause. The 50
   * workstations' busiest real load.
   */
  atScreenPace: Summary & { savesPerSecond: number; seconds: number };
  atScreenPaceInServer: Summary;
  /**
   * Each workstation's first save after a pause of an officer who listens or reads (20 s), the 50
   * spread over two seconds: the server keeps an idle connection open for a minute, so this is a
   * save on an open connection, not a new TLS handshake.
   */
  afterPause: Summary;
  /** Every workstation saving again as soon as its answer is back: the server saturated. */
  backToBack: Summary & {
    savesPerSecond: number;
    seconds: number;
    serverCores: number;
    clientCores: number;
    /** PostgreSQL's processes together (its backends, WAL writer, checkpointer...). */
    postgresCores: number;
  };
  backToBackInServer: Summary;
  /** The rates offered, each for a few seconds, in the order tried. */
  steps: RateStep[];
  /** The highest offered rate answered with p99 under the bound; null when even the lowest was not. */
  sustained: RateStep | null;
  pgbench: StoresBenchResult['pgbench'];
  /** Saves in the whole run, and how many had to be sent again (SERVER_UNREACHABLE, then saved). */
  saves: { total: number; resent: number };
  /** The server's resident memory, in bytes: the highest seen with 50 workstations saving, and at rest before. */
  rss: { atLoad: number; atRest: number };
}

export interface RateStep {
  offered: number;
  achieved: number;
  latency: Summary;
  inServer: Summary;
}

const WORKSTATIONS = 50;
const ONE_WORKSTATION_SAVES = 1_000;
const WARMUP_SAVES = 50;
const BACK_TO_BACK_SECONDS = 12;
/** A step lasts long enough for its p99 to rest on several saves, within these bounds. */
const STEP_SAVES = 800;
const STEP_MIN_SECONDS = 8;
const STEP_MAX_SECONDS = 30;
/** Arrivals in a step's first second are left out: the rate change's transient, not the rate. */
const STEP_WARMUP_SECONDS = 1;
const MAX_STEPS = 9;
const SUSTAINED_P99_MS = 20;
const TARGET_P99_MS = 15;
const TARGET_PGBENCH_SHARE = 0.5;
const PASSWORD = 'bench zone passphrase';

interface Workstation {
  dispatcher: ZoneDispatcher;
  saves: number;
  /** Saves sent a second time because the first went out on a connection the server had just closed. */
  resent: number;
  /** One save of one field on her own hearing; resolves when the server has answered. */
  save(): Promise<void>;
}

export async function benchZoneServer(root: string): Promise<ZoneBenchResult> {
  const pgServer = await startPostgresServer({ durable: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-zone-'));
  const workstations: Workstation[] = [];
  let server: ServerProcess | null = null;
  try {
    // First, while nothing else runs: the figure the server's rate is compared with.
    const pgbench = runPgbench(pgServer);
    const { base, database, appLogin } = await createBenchDatabase(root, pgServer);
    const zone = await createZoneFiles(dir);
    const url = `postgresql://${appLogin}@localhost:${base.port}/${database}?host=${encodeURIComponent(base.host)}`;
    // The defaults a zone's server.json leaves (pool size included); no health port, no balancer.
    const configFile = path.join(dir, 'server.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        listen: { host: '127.0.0.1', port: 0 },
        database: { url },
        tls: zone.tls,
        dataDir: 'server-data',
        keyFile: 'zone.key',
      }),
    );
    server = await startServerProcess(root, configFile, path.join(dir, 'server.log'));
    const serverUrl = `https://localhost:${server.port}`;
    const dispatcherOf = (certificate: IssuedCertificate) =>
      createZoneDispatcher({
        serverUrl,
        ca: fs.readFileSync(zone.caCertificate),
        certificate: fs.readFileSync(certificate.certificate),
        key: fs.readFileSync(certificate.key),
        timeoutMs: 30_000,
      });

    const admin = dispatcherOf(await zone.workstation('ws-bench-admin'));
    try {
      await ok(admin, 'setup.createAdministrator', {
        username: 'bench.admin',
        displayName: 'Bench Admin',
        password: PASSWORD,
      });
      const { unit } = await ok(admin, 'units.save', { name: 'Unité de banc (fictive)' });
      for (let i = 0; i < WORKSTATIONS; i++)
        await ok(admin, 'users.create', {
          username: `bench.officer.${i}`,
          displayName: `Agente Fictive ${i}`,
          password: PASSWORD,
          role: 'officer',
          unitId: unit.id,
        });
    } finally {
      admin.close();
    }
    // The first sign-in's password change, as a fixture: accounts are not what is measured.
    const owner = new pg.Client({ ...base, database });
    await owner.connect();
    await owner.query('UPDATE users SET must_change_password = false');
    await owner.end();

    for (let i = 0; i < WORKSTATIONS; i++) {
      const dispatcher = dispatcherOf(await zone.workstation(`ws-bench-${i}`));
      workstations.push(await signedInWorkstation(dispatcher, `bench.officer.${i}`));
    }
    const atRest = readRss(server.pid);

    const one: number[] = [];
    const oneLog = server.logSize();
    for (let i = 0; i < WARMUP_SAVES + ONE_WORKSTATION_SAVES; i++) {
      const start = performance.now();
      await workstations[0]!.save();
      if (i >= WARMUP_SAVES) one.push(performance.now() - start);
    }

    const oneInServer = summary(server.requestTimes(oneLog, await server.settledLogSize()).slice(WARMUP_SAVES));
    const paced = await measureAtScreenPace(workstations, server);
    const afterPause = await measureAfterPause(workstations);
    const { rssAtLoad, logFrom, logTo, ...backToBack } = await measureBackToBack(workstations, server, pgServer);
    const steps: RateStep[] = [];
    // From a third of the saturated rate, up by 30 % while p99 holds or down by half while it
    // does not, then bisecting between the highest rate held and the lowest missed until they
    // are within 10 %: a handful of steps, so that the whole bench stays within minutes.
    let held: RateStep | null = null;
    let missed: RateStep | null = null;
    let rate = roundRate(backToBack.savesPerSecond / 3);
    while (steps.length < MAX_STEPS) {
      const step = await measureOfferedRate(workstations, server, rate, steps.length + 1);
      steps.push(step);
      if (step.latency.p99 < SUSTAINED_P99_MS) {
        if (!held || step.offered > held.offered) held = step;
      } else if (!missed || step.offered < missed.offered) missed = step;
      if (held && missed) {
        if (missed.offered / held.offered < 1.1) break;
        rate = roundRate((held.offered + missed.offered) / 2);
      } else rate = roundRate(held ? rate * 1.3 : rate / 2);
      if (steps.some((s) => s.offered === rate)) break;
    }
    return {
      workstations: WORKSTATIONS,
      one: summary(one),
      oneInServer,
      atScreenPace: paced.latency,
      atScreenPaceInServer: paced.inServer,
      afterPause,
      backToBack,
      backToBackInServer: summary(server.requestTimes(logFrom, logTo)),
      steps,
      sustained: held,
      pgbench,
      saves: {
        total: workstations.reduce((sum, w) => sum + w.saves, 0),
        resent: workstations.reduce((sum, w) => sum + w.resent, 0),
      },
      rss: { atLoad: rssAtLoad, atRest },
    };
  } finally {
    for (const workstation of workstations) workstation.dispatcher.close();
    await server?.stop();
    await pgServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function zoneLines(result: ZoneBenchResult): string[] {
  const row = (name: string, s: Summary) =>
    `${name.padEnd(58)} median ${s.median.toFixed(2).padStart(8)} ms   p99 ${s.p99.toFixed(2).padStart(8)} ms   (n=${s.n})`;
  const met = (yes: boolean) => (yes ? 'met' : 'NOT met');
  const b = result.backToBack;
  const sustained = result.sustained;
  const share = sustained ? sustained.achieved / result.pgbench.tps : 0;
  const saturatedShare = b.savesPerSecond / result.pgbench.tps;
  const perSave = (cores: number) => ((cores * 1_000) / b.savesPerSecond).toFixed(2);
  return [
    `zone server: hearing-desk-server in its own process, ${result.workstations} workstations over TLS 1.3 with client certificates, durable PostgreSQL`,
    row('save round trip, 1 workstation', result.one),
    row('  of which in the server (its request log)', result.oneInServer),
    `${row(`save round trip, ${result.workstations} workstations at the screen's pace`, result.atScreenPace)}   target p99 < ${TARGET_P99_MS} ms: ${met(result.atScreenPace.p99 < TARGET_P99_MS)}`,
    row('  of which in the server (its request log)', result.atScreenPaceInServer),
    `  each saving 400 to 800 ms after its last answer: ${result.atScreenPace.savesPerSecond.toFixed(0)} saves/s over ${result.atScreenPace.seconds} s`,
    row(`first save after a ${PAUSE_MS / 1_000} s pause, ${result.workstations} workstations`, result.afterPause),
    row(`save round trip, ${result.workstations} workstations saving back to back`, b),
    row('  of which in the server (its request log)', result.backToBackInServer),
    `${`  ${result.workstations} back to back: ${b.savesPerSecond.toFixed(0)} saves/s over ${b.seconds} s`.padEnd(58)} CPU: server ${b.serverCores.toFixed(2)} cores, PostgreSQL ${b.postgresCores.toFixed(2)}, workstations ${b.clientCores.toFixed(2)} (of ${os.cpus().length})`,
    `${'  CPU time per save'.padEnd(58)} server ${perSave(b.serverCores)} ms, PostgreSQL ${perSave(b.postgresCores)} ms, workstations ${perSave(b.clientCores)} ms`,
    sustained
      ? `${row(`saves/s sustained with p99 < ${SUSTAINED_P99_MS} ms: ${sustained.achieved.toFixed(0)} (offered ${sustained.offered})`, sustained.latency)}`
      : `saves/s sustained with p99 < ${SUSTAINED_P99_MS} ms: none, down to ${Math.min(...result.steps.map((s) => s.offered))} saves/s`,
    `  rates tried (saves/s offered → p99 ms, in the server): ${result.steps.map((s) => `${s.offered} → ${s.latency.p99.toFixed(1)} (${s.inServer.p99.toFixed(1)})`).join(', ')}`,
    ...pgbenchLines(result.pgbench),
    `${'server saves/s ÷ pgbench tps'.padEnd(58)} ${share.toFixed(3)} sustained, ${saturatedShare.toFixed(3)} back to back   target ≥ ${TARGET_PGBENCH_SHARE} sustained: ${met(share >= TARGET_PGBENCH_SHARE)}`,
    `${'saves sent again after the server dropped the connection'.padEnd(58)} ${result.saves.resent} of ${result.saves.total}`,
    `${`server memory (RSS) at ${result.workstations} workstations`.padEnd(58)} ${mb(result.rss.atLoad)} (signed in, at rest: ${mb(result.rss.atRest)})`,
  ];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const roundRate = (rate: number) => Math.max(10, Math.round(rate / 10) * 10);

/** The zone's CA, the server's certificate and key file, and workstation certificates on demand. */
async function createZoneFiles(dir: string) {
  const caDir = path.join(dir, 'ca');
  const ca = await createZoneCa({ caDir, zoneName: 'Zone Banc Fictive' });
  const serverCert = await issueServerCertificate({
    caDir,
    outDir: path.join(dir, 'server-tls'),
    name: 'zone-server',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  fs.writeFileSync(path.join(dir, 'zone.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
  return {
    caCertificate: ca.certificate,
    tls: {
      certificate: path.relative(dir, serverCert.certificate),
      key: path.relative(dir, serverCert.key),
      ca: path.relative(dir, ca.certificate),
      crl: path.relative(dir, ca.crl),
    },
    workstation: (name: string) =>
      issueWorkstationCertificate({ caDir, outDir: path.join(dir, 'workstations', name), workstation: name }),
  };
}

async function ok<C extends Channel>(
  dispatcher: ZoneDispatcher,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await dispatcher.call('1', channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Her own officer signed in on window 1, her own hearing open: each save chains on her last revision. */
async function signedInWorkstation(dispatcher: ZoneDispatcher, username: string): Promise<Workstation> {
  await ok(dispatcher, 'session.login', { username, password: PASSWORD });
  const { hearing } = await ok(dispatcher, 'hearings.create', {});
  let revision = 0;
  const workstation: Workstation = {
    dispatcher,
    saves: 0,
    resent: 0,
    async save() {
      const value = `Rue Inventée ${++workstation.saves} (fictive)`;
      for (let attempt = 0; ; attempt++) {
        const result = await dispatcher.call('1', 'hearings.saveAnswers', {
          hearingId: hearing.id,
          formId: FORMS.facts,
          changes: [{ fieldId: FIELDS.facts.place, value, baseRevision: revision }],
        });
        if (result.ok) {
          revision = result.value.revisions[0]!.revision;
          return;
        }
        // A connection the server closed as idle at the moment she sent on it: the outbox sends
        // again, and so does she; the wait is part of her save's time.
        if (result.error.code === 'SERVER_UNREACHABLE' && attempt === 0) {
          workstation.resent++;
          continue;
        }
        // The first had reached the server after all: her value is stored, at a newer revision.
        if (result.error.code === 'STALE_REVISION' && attempt > 0) {
          const { answers } = await ok(dispatcher, 'hearings.load', { hearingId: hearing.id });
          const stored = answers.find((a) => a.formId === FORMS.facts && a.fieldId === FIELDS.facts.place)!;
          if (stored.value !== value) throw new Error('A resent save found another value stored');
          revision = stored.revision;
          return;
        }
        throw new Error(`hearings.saveAnswers: ${result.error.code} ${result.error.message}`);
      }
    },
  };
  return workstation;
}

/** The autosave's wait after the last change (src-renderer/form-engine/autosave.ts). */
const SCREEN_DEBOUNCE_MS = 400;
/** Her typing before each pause: up to this long, at random (a word, a sentence). */
const TYPING_MS = 400;
const SCREEN_PACE_SECONDS = 12;

/**
 * Every workstation about as busy as an officer's screen can make it: a save, then she types on
 * and pauses, and the autosave sends 400 ms into the pause. The workstations start spread over
 * one wait, as officers do not all stop typing at once.
 */
async function measureAtScreenPace(workstations: Workstation[], server: ServerProcess) {
  // Not measured: the server's pool opens the connections to PostgreSQL that 50 workstations
  // need, as it does once after it starts. (Their own connections are open since they signed in:
  // the server keeps an idle one for a minute.)
  await Promise.all(workstations.map((workstation) => workstation.save()));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const nextRandom = seededRandom(SCREEN_PACE_SECONDS);
  const t0 = performance.now() + 50;
  const measuredFrom = t0 + 1_000;
  const end = measuredFrom + SCREEN_PACE_SECONDS * 1_000;
  const samples: number[] = [];
  let logFrom = server.logSize();
  const started = setTimeout(() => (logFrom = server.logSize()), measuredFrom - performance.now());
  await Promise.all(
    workstations.map(async (workstation) => {
      let next = t0 + nextRandom() * SCREEN_DEBOUNCE_MS;
      while (next < end) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sent = performance.now();
        await workstation.save();
        const answered = performance.now();
        if (sent >= measuredFrom && answered <= end) samples.push(answered - sent);
        // Never exactly the same wait for all: workstations a pause of the server delayed together
        // would otherwise keep arriving together, every 400 ms, as no officers do.
        next = answered + nextRandom() * TYPING_MS + SCREEN_DEBOUNCE_MS;
      }
    }),
  );
  clearTimeout(started);
  return {
    latency: {
      ...summary(samples),
      savesPerSecond: samples.length / SCREEN_PACE_SECONDS,
      seconds: SCREEN_PACE_SECONDS,
    },
    inServer: summary(server.requestTimes(logFrom, await server.settledLogSize())),
  };
}

/** An officer's pause while the victim speaks: longer than Node's default idle connection (5 s). */
const PAUSE_MS = 20_000;
const PAUSE_SPREAD_MS = 2_000;

/** Every workstation idle for a pause, then each saving once, their saves spread over two seconds. */
async function measureAfterPause(workstations: Workstation[]): Promise<Summary> {
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  const gap = PAUSE_SPREAD_MS / workstations.length;
  return summary(
    await Promise.all(
      workstations.map(async (workstation, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * gap));
        const sent = performance.now();
        await workstation.save();
        return performance.now() - sent;
      }),
    ),
  );
}

/**
 * Every workstation saving again as soon as its answer is back, for a fixed time: the most the
 * server does, and what each save waits then. The server's memory is sampled meanwhile.
 */
async function measureBackToBack(workstations: Workstation[], server: ServerProcess, pgServer: PostgresServer) {
  const { pid } = server;
  const samples: number[] = [];
  let rssAtLoad = 0;
  const sampler = setInterval(() => (rssAtLoad = Math.max(rssAtLoad, readRss(pid))), 250);
  // A second unmeasured, so that every connection is open and every workstation in its loop.
  const warmupEnd = performance.now() + 1_000;
  const end = warmupEnd + BACK_TO_BACK_SECONDS * 1_000;
  let serverCpu = 0;
  let postgresCpu = 0;
  let clientCpu: NodeJS.CpuUsage = process.cpuUsage();
  let measuredFrom = 0;
  let logFrom = 0;
  const started = setTimeout(() => {
    logFrom = server.logSize();
    serverCpu = readCpuMs(pid);
    postgresCpu = readPostgresCpuMs(pgServer);
    clientCpu = process.cpuUsage();
    measuredFrom = performance.now();
  }, warmupEnd - performance.now());
  let saves = 0;
  await Promise.all(
    workstations.map(async (workstation) => {
      while (performance.now() < end) {
        const start = performance.now();
        await workstation.save();
        const done = performance.now();
        if (start >= warmupEnd && done <= end) {
          samples.push(done - start);
          saves++;
        }
      }
    }),
  );
  const logTo = await server.settledLogSize();
  clearTimeout(started);
  clearInterval(sampler);
  const elapsed = performance.now() - measuredFrom;
  const client = process.cpuUsage(clientCpu);
  return {
    ...summary(samples),
    savesPerSecond: saves / BACK_TO_BACK_SECONDS,
    seconds: BACK_TO_BACK_SECONDS,
    serverCores: (readCpuMs(pid) - serverCpu) / elapsed,
    postgresCores: (readPostgresCpuMs(pgServer) - postgresCpu) / elapsed,
    clientCores: (client.user + client.system) / 1_000 / elapsed,
    rssAtLoad,
    logFrom,
    logTo,
  };
}

/**
 * An open load: saves arrive at `rate` per second in all, each workstation's at random (Poisson)
 * as independent officers' do, whatever the server's answers. A save due while the same
 * workstation's previous one is still out waits for it (her saves go in order), and that wait is
 * counted; a timer's own lateness on this busy process is not, so the server is not charged with
 * the simulation's delays.
 */
async function measureOfferedRate(
  workstations: Workstation[],
  server: ServerProcess,
  rate: number,
  seed: number,
): Promise<RateStep> {
  const nextRandom = seededRandom(seed);
  const meanGapMs = (1_000 * workstations.length) / rate;
  const seconds = Math.min(STEP_MAX_SECONDS, Math.max(STEP_MIN_SECONDS, STEP_SAVES / rate));
  const t0 = performance.now() + 50;
  const measuredFrom = t0 + STEP_WARMUP_SECONDS * 1_000;
  const end = t0 + (STEP_WARMUP_SECONDS + seconds) * 1_000;
  const samples: number[] = [];
  let lastAnswer = 0;
  let measuredSaves = 0;
  let logFrom = server.logSize();
  const started = setTimeout(() => (logFrom = server.logSize()), measuredFrom - performance.now());
  await Promise.all(
    workstations.map(async (workstation) => {
      for (
        let due = t0 + -Math.log(1 - nextRandom()) * meanGapMs;
        due < end;
        due += -Math.log(1 - nextRandom()) * meanGapMs
      ) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sent = wait > 0 ? performance.now() : due;
        await workstation.save();
        const answered = performance.now();
        if (due >= measuredFrom) {
          samples.push(answered - sent);
          measuredSaves++;
          lastAnswer = Math.max(lastAnswer, answered);
        }
      }
    }),
  );
  clearTimeout(started);
  // A server that falls behind answers the last saves late: the rate is counted to the last answer.
  const achieved = measuredSaves / ((Math.max(lastAnswer, end) - measuredFrom) / 1_000);
  return {
    offered: rate,
    achieved,
    latency: summary(samples),
    inServer: summary(server.requestTimes(logFrom, await server.settledLogSize())),
  };
}

interface ServerProcess {
  pid: number;
  port: number;
  /** Where its log ends now. */
  logSize(): number;
  /** Where its log ends once the last answer's line is written: the server writes it after the answer. */
  settledLogSize(): Promise<number>;
  /** The `ms` of each API call the log holds between two of its sizes, in order. */
  requestTimes(from: number, to: number): number[];
  stop(): Promise<void>;
}

/**
 * `hearing-desk-server start --config FILE` as its own process. Its log goes to a file, as
 * journald would take it, rather than through a pipe this busy process would have to drain.
 */
async function startServerProcess(root: string, configFile: string, logFile: string): Promise<ServerProcess> {
  const out = fs.openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src-main/server/cli.ts'), 'start', '--config', configFile],
      { cwd: root, stdio: ['ignore', out, out] },
    );
  } finally {
    fs.closeSync(out);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  let port = 0;
  while (!port) {
    const log = fs.readFileSync(logFile, 'utf8');
    const match = /"event":"server.listening".*"port":(\d+)/.exec(log);
    if (match) port = Number(match[1]);
    else if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`hearing-desk-server did not start:\n${log.slice(-4000)}`);
    } else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid!,
    port,
    logSize: () => fs.statSync(logFile).size,
    async settledLogSize() {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return fs.statSync(logFile).size;
    },
    requestTimes(from, to) {
      const buffer = Buffer.alloc(to - from);
      const fd = fs.openSync(logFile, 'r');
      try {
        fs.readSync(fd, buffer, 0, buffer.length, from);
      } finally {
        fs.closeSync(fd);
      }
      return buffer
        .toString('utf8')
        .split('\n')
        .filter((line) => line.includes('"event":"request"') && line.includes('"path":"/api/invoke"'))
        .map((line) => (JSON.parse(line) as { ms: number }).ms);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident memory of a process, in bytes (Linux). */
function readRss(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? NaN) * 1024;
}

/**
 * CPU time a process has used, user and system, in milliseconds (Linux's clock ticks are 1/100 s);
 * with `children`, also that of its children it has waited for.
 */
function readCpuMs(pid: number, { children = false } = {}): number {
  const fields = statFieldsOf(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const own = Number(fields[11]) + Number(fields[12]);
  return (children ? own + Number(fields[13]) + Number(fields[14]) : own) * 10;
}

/** /proc/PID/stat's fields after the command name, which may hold spaces or parentheses. */
function statFieldsOf(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU time of the bench's PostgreSQL: its postmaster (found by the socket folder on its command
 * line), the children it runs and those that have ended.
 */
function readPostgresCpuMs(pgServer: PostgresServer): number {
  const pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  const readable = (pid: string, file: string) => {
    try {
      return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return ''; // ended meanwhile
    }
  };
  const postmaster = pids.find(
    (pid) => readable(pid, 'comm').startsWith('postgres') && readable(pid, 'cmdline').includes(pgServer.socketDir),
  );
  if (!postmaster) return NaN;
  let total = readCpuMs(Number(postmaster), { children: true });
  for (const pid of pids) {
    const stat = readable(pid, 'stat');
    if (!stat) continue;
    const fields = statFieldsOf(stat);
    if (fields[1] === postmaster) total += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return total;
}
