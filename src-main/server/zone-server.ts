import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createAppCore, repositoryAssets, type AppCore, type DocumentAssets } from '../app-core';
import { createChromiumPdfOutput } from '../browser-host/chromium-pdf';
import { PG_MIGRATION_MANIFEST } from '../db/migration-manifest';
import { readAppliedPgMigrations } from '../db/pg-migrations';
import { pendingMigrations, readTrustedMigrations, unknownAppliedMigrations } from '../db/migrations';
import { readZoneKey, type ServerConfig } from './config';
import { startZoneServer, type ZoneServer, type ZoneServerOptions } from './server';
import { createServerLog, type ServerLog } from './server-log';

/** The checkout or installed package the server runs from (its migrations, catalogs, fonts). */
export const SERVER_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const PG_MIGRATIONS_FOLDER = path.join(SERVER_ROOT, 'migrations', 'pg');

export type ServerStartErrorCode = 'DATABASE_TOO_NEW' | 'MIGRATION_PENDING' | 'DATABASE_UNREACHABLE';

/** Why the server did not start; nothing was written and no port was opened. */
export class ServerStartError extends Error {
  constructor(
    readonly code: ServerStartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServerStartError';
  }
}

export interface RunningZoneServer {
  server: ZoneServer;
  core: AppCore;
  close(): Promise<void>;
}

/**
 * `hearing-desk-server start`: the application core on the zone's PostgreSQL (the same services
 * the standalone app runs on SQLite), behind the mutual-TLS transport. Every instance of a zone
 * runs this on the same database, key and data folder, and keeps nothing of its own in memory
 * that another would need (sessions are in the store).
 */
export async function openZoneServer(
  config: ServerConfig,
  options: {
    log?: ServerLog;
    assets?: DocumentAssets;
    timeouts?: ZoneServerOptions['timeouts'];
    crlPollMs?: number;
  } = {},
): Promise<RunningZoneServer> {
  const log = options.log ?? createServerLog();
  const key = readZoneKey(config.keyFile);
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Connections are kept once open (no idle timeout): each new one costs a PostgreSQL backend
  // its start, its catalog caches and the planning of every prepared statement again. The pool's
  // default closes them after 10 s idle. In the zone bench, 50 workstations that started typing
  // while the pool held one connection waited up to 0.8 s for their first saves; with the pool
  // filled first, they did not.
  const pool = new pg.Pool({
    connectionString: config.database.url,
    max: config.database.poolSize,
    idleTimeoutMillis: 0,
  });
  // A connection the database drops while idle (PostgreSQL restarted) must not stop the server:
  // the pool opens another at the next unit of work.
  pool.on('error', (error) => log.failure('database.idleConnectionLost', error));
  // One lost while a unit of work holds it (between two of its queries) has no listener of the
  // pool's: without one of its own its 'error' would end the process. The unit's next query
  // fails, its transaction is rolled back, the workstation's outbox keeps the answers.
  pool.on('connect', (client) => client.on('error', (error) => log.failure('database.connectionLost', error)));
  let core: AppCore;
  try {
    await checkSchema(pool);
    core = await createAppCore({
      dataDir: config.dataDir,
      key,
      // The standalone app's SQLite migrations; PostgreSQL's are `hearing-desk-server migrate`'s.
      migrationsFolder: path.join(SERVER_ROOT, 'migrations', 'sqlite'),
      config: config.app,
      assets: options.assets ?? repositoryAssets(SERVER_ROOT),
      documentOutput: createChromiumPdfOutput(config.chromium),
      postgres: { pool },
      log: log.core,
    });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  } finally {
    key.fill(0);
  }
  let server: ZoneServer;
  try {
    server = await startZoneServer({
      dispatcher: core.dispatcher,
      tls: config.tls,
      listen: config.listen,
      ...(config.health ? { health: config.health } : {}),
      storeAnswers: async () => {
        await pool.query('SELECT 1');
        return true;
      },
      log,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.crlPollMs ? { crlPollMs: options.crlPollMs } : {}),
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    server,
    core,
    close: () =>
      (closing ??= (async () => {
        await server.close();
        await core.close();
      })()),
  };
}

/**
 * Before anything is served (or imported): a database written by a newer version is refused, and
 * one waiting for a migration is left to `hearing-desk-server migrate`, which takes or asks for a
 * backup first.
 */
export async function checkSchema(pool: pg.Pool): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new ServerStartError('DATABASE_UNREACHABLE', `Cannot connect to the database: ${(error as Error).message}`);
  }
  try {
    const known = readTrustedMigrations(PG_MIGRATIONS_FOLDER, PG_MIGRATION_MANIFEST);
    let applied;
    try {
      applied = await readAppliedPgMigrations(client);
    } catch (error) {
      // Before migration 0008 the application's role may not read the migrations' list.
      if ((error as { code?: string }).code !== '42501') throw error;
      applied = null;
    }
    if (applied && unknownAppliedMigrations(applied, known).length > 0) {
      throw new ServerStartError(
        'DATABASE_TOO_NEW',
        'This database was migrated by a newer version of Hearing Desk: install that version or newer on this server',
      );
    }
    const pending = applied ? pendingMigrations(known, applied).length : known.length;
    if (pending > 0) {
      throw new ServerStartError(
        'MIGRATION_PENDING',
        'The database is not up to date with this version: run `hearing-desk-server migrate --config FILE` (it asks for a backup first), then start again',
      );
    }
  } finally {
    client.release();
  }
}
