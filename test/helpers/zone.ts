import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { migratePgDatabase } from '../../src-main/db/pg-migrations';
import {
  createZoneCa,
  issueServerCertificate,
  issueWorkstationCertificate,
  type IssuedCertificate,
} from '../../src-main/server/certificates';
import { loadServerConfig } from '../../src-main/server/config';
import { createServerLog } from '../../src-main/server/server-log';
import { openZoneServer, type RunningZoneServer } from '../../src-main/server/zone-server';
import {
  createZoneDispatcher,
  type ZoneConnection,
  type ZoneDispatcher,
  type ZoneDispatcherOptions,
} from '../../src-main/zone/zone-dispatcher';
import { ownerPostgres, TEST_APP_LOGIN, type OpenOwnerPostgres, type TestPostgresServer } from './postgres';
import { PG_MIGRATIONS, ROOT, tempDir } from './temp-core';

/**
 * A zone for the tests, all real: a PostgreSQL database (the run's server), the zone's CA made by
 * the certificate commands' module, `hearing-desk-server` in this process on a free port with its
 * configuration file, and workstations (zone dispatchers) holding certificates of that CA.
 */
export interface TestZone {
  dir: string;
  caDir: string;
  configFile: string;
  url: string;
  /** The tables' owner (the cluster's superuser here), as `database.migrationUrl` names it in server.json. */
  migrationUrl: string;
  running: RunningZoneServer;
  /** Every line the server logged. */
  logLines: string[];
  owner: OpenOwnerPostgres;
  /** A certificate of the zone CA for a workstation of that name (issued once, then reused). */
  certificateOf(workstation: string): Promise<IssuedCertificate>;
  /** A workstation's connection settings: its certificate, the zone CA, the server's address. */
  connectionOf(workstation: string): Promise<ZoneConnection>;
  workstation(name: string, options?: ZoneDispatcherOptions): Promise<ZoneDispatcher>;
  /** The zone settings file a workstation's browser host reads (`--zone`), beside its certificate. */
  settingsFileOf(workstation: string): Promise<string>;
  /** Stops the server (as SIGTERM would) and starts it again on the same port, database and folder. */
  restart(): Promise<void>;
  /** Stops the server and leaves it stopped (the workstations find nobody at its address)… */
  pause(): Promise<void>;
  /** …until it starts again on the same port, database and folder. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestZone(
  options: { crlPollMs?: number; postgres?: TestPostgresServer } = {},
): Promise<TestZone> {
  const dir = tempDir('hd-zone-');
  const caDir = path.join(dir, 'ca');
  const ca = await createZoneCa({ caDir, zoneName: 'Zone Test' });
  const serverCert = await issueServerCertificate({
    caDir,
    outDir: path.join(dir, 'server-tls'),
    name: 'zone-server',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  const database = await ownerPostgres(options.postgres);
  await migratePgDatabase({
    connection: database.ownerConfig,
    migrationsFolder: PG_MIGRATIONS,
    backup: { kind: 'confirmed', by: 'a new test database' },
  });
  const owner = await database.reopen();
  const pgServer = options.postgres ?? inject('postgres');
  const keyFile = path.join(dir, 'zone.key');
  fs.writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const configFile = path.join(dir, 'server.json');
  const address = (login: string) =>
    `postgresql://${login}@localhost:${pgServer.port}/${String(database.ownerConfig.database)}?host=${encodeURIComponent(pgServer.socketDir)}`;
  const url = address(TEST_APP_LOGIN);
  const migrationUrl = address(pgServer.superuser);
  const writeConfig = (port: number) =>
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        listen: { host: '127.0.0.1', port },
        health: { host: '127.0.0.1', port: 0 },
        database: { url, migrationUrl, poolSize: 4 },
        tls: {
          certificate: path.relative(dir, serverCert.certificate),
          key: path.relative(dir, serverCert.key),
          ca: path.relative(dir, ca.certificate),
          crl: path.relative(dir, ca.crl),
        },
        dataDir: 'server-data',
        keyFile: 'zone.key',
      }),
    );
  writeConfig(0);
  const logLines: string[] = [];
  const log = createServerLog((line) => void logLines.push(line));
  const open = () =>
    openZoneServer(loadServerConfig(configFile), {
      log,
      ...(options.crlPollMs ? { crlPollMs: options.crlPollMs } : {}),
    });
  let running = await open();
  // Restarts keep the port, as a server behind its DNS name does.
  writeConfig(running.server.port);
  const issued = new Map<string, Promise<IssuedCertificate>>();
  const dispatchers: ZoneDispatcher[] = [];

  const zone: TestZone = {
    dir,
    caDir,
    configFile,
    url: `https://localhost:${running.server.port}`,
    migrationUrl,
    get running() {
      return running;
    },
    logLines,
    owner,
    certificateOf(workstation) {
      let found = issued.get(workstation);
      if (!found) {
        found = issueWorkstationCertificate({
          caDir,
          outDir: path.join(dir, 'workstations', workstation),
          workstation,
        });
        issued.set(workstation, found);
      }
      return found;
    },
    async connectionOf(workstation) {
      const certificate = await zone.certificateOf(workstation);
      return {
        serverUrl: zone.url,
        ca: fs.readFileSync(ca.certificate),
        certificate: fs.readFileSync(certificate.certificate),
        key: fs.readFileSync(certificate.key),
        timeoutMs: 10_000,
      };
    },
    async workstation(name, dispatcherOptions) {
      const dispatcher = createZoneDispatcher(await zone.connectionOf(name), dispatcherOptions);
      dispatchers.push(dispatcher);
      return dispatcher;
    },
    async settingsFileOf(workstation) {
      const certificate = await zone.certificateOf(workstation);
      const file = path.join(path.dirname(certificate.certificate), 'zone.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          server: zone.url,
          caCertificate: ca.certificate,
          certificate: certificate.certificate,
          key: certificate.key,
        }),
      );
      return file;
    },
    async restart() {
      await running.close();
      running = await open();
    },
    async pause() {
      await running.close();
    },
    async resume() {
      running = await open();
    },
    async stop() {
      for (const dispatcher of dispatchers) dispatcher.close();
      await running.close();
      await owner.end();
    },
  };
  return zone;
}

/** `hearing-desk-server` in a process of its own, as zone IT starts it: one a test can kill. */
export interface ServerProcess {
  port: number;
  process: ChildProcess;
  /** SIGKILL: no shutdown, no last write, as when the machine or the process dies. */
  kill(): Promise<void>;
}

export async function startServerProcess(configFile: string): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src-main/server/cli.ts'), 'start', '--config', configFile],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"event":"server.listening".*"port":(\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`The server exited:\n${output}`));
      }
    }, 25);
  });
  return {
    port,
    process: child,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
