import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL for the tests, started by the tests themselves (zone.md, "Testing with a
 * real PostgreSQL"): Debian's binaries, a fresh cluster in a temporary folder, reachable only on a
 * Unix socket in that folder. PostgreSQL refuses to run as root, so as root the cluster belongs to
 * the unprivileged `postgres` account the Debian package creates.
 *
 * fsync is off: a test cluster is thrown away. The bench asks for a durable one (PostgreSQL's
 * defaults: fsync, synchronous_commit and full_page_writes on), as a zone runs it.
 */
export interface PostgresServer {
  /** The folder holding the socket: node-postgres's `host`. */
  socketDir: string;
  port: number;
  /** The cluster's superuser (the bootstrap role initdb creates). */
  superuser: string;
  binDir: string;
  /**
   * Stops the server as a crash would (`pg_ctl stop -m immediate`: no shutdown checkpoint, every
   * connection cut) and starts it again on the same cluster, which recovers from its WAL.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL 15 or later Debian installed, or the folder `HEARING_DESK_PG_BIN` names. */
export function findPostgresBinaries(): string | null {
  const fromEnv = process.env.HEARING_DESK_PG_BIN;
  if (fromEnv) return fs.existsSync(path.join(fromEnv, 'postgres')) ? fromEnv : null;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15 && fs.existsSync(path.join(root, String(v), 'bin', 'postgres')))
    .sort((a, b) => b - a);
  return versions.length > 0 ? path.join(root, String(versions[0]), 'bin') : null;
}

const runsAsRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program (pgbench, createdb...) of the server's version as the cluster's owner; its output. */
export function runAsClusterOwner(server: Pick<PostgresServer, 'binDir'>, program: string, args: string[]): string {
  const [file, fileArgs] = asOwner(server.binDir, program, args);
  return execFileSync(file, fileArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a PostgreSQL program as the account that owns the cluster. */
function asOwner(binDir: string, program: string, args: string[]): [string, string[]] {
  const file = path.join(binDir, program);
  return runsAsRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

export async function startPostgresServer(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const binDir = findPostgresBinaries();
  if (!binDir) {
    throw new Error(
      'PostgreSQL 15 or later is needed for the store tests: apt-get install postgresql (or set HEARING_DESK_PG_BIN)',
    );
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearing-desk-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  fs.mkdirSync(socketDir);
  if (runsAsRoot()) {
    execFileSync('chown', ['-R', 'postgres:postgres', root]);
    fs.chmodSync(root, 0o700);
  }
  const superuser = 'hearing_desk_test_admin';
  const [initFile, initArgs] = asOwner(binDir, 'initdb', [
    '--pgdata',
    dataDir,
    '--username',
    superuser,
    '--auth',
    'trust',
    '--encoding',
    'UTF8',
    '--locale',
    'C.UTF-8',
    '--no-sync',
  ]);
  execFileSync(initFile, initArgs, { stdio: 'pipe' });

  const port = 5432;
  const [serverFile, serverArgs] = asOwner(binDir, 'postgres', [
    '-D',
    dataDir,
    '-k',
    socketDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=',
    ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    '-c',
    'max_connections=200',
  ]);
  const socket = path.join(socketDir, `.s.PGSQL.${port}`);
  const bin = binDir;
  /** Starts the server on the cluster and waits until it accepts connections. */
  async function launch(): Promise<ChildProcess> {
    const server: ChildProcess = spawn(serverFile, serverArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(socket)) {
      if (server.exitCode !== null) throw new Error(`PostgreSQL did not start: ${log}`);
      if (Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`PostgreSQL did not open its socket within 30 s: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // The socket file appears before the server accepts connections: pg_isready says when.
    const [readyFile, readyArgs] = asOwner(bin, 'pg_isready', ['-h', socketDir, '-p', String(port), '-q']);
    while (true) {
      try {
        execFileSync(readyFile, readyArgs, { stdio: 'ignore' });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not become ready: ${log}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    return server;
  }
  /** pg_ctl's stop; a signal would not do as root, where runuser keeps SIGINT from the server. */
  async function halt(server: ChildProcess, mode: 'fast' | 'immediate'): Promise<void> {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    const [stopFile, stopArgs] = asOwner(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w']);
    execFileSync(stopFile, stopArgs, { stdio: 'ignore' });
    await exited;
  }
  let server = await launch();

  return {
    socketDir,
    port,
    superuser,
    binDir,
    async restart() {
      await halt(server, 'immediate');
      server = await launch();
    },
    async stop() {
      // Fast: open transactions rolled back, clients disconnected.
      await halt(server, 'fast');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
