import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject, type ProvidedContext } from 'vitest';
import './postgres-global-setup';

export interface TestPostgresDatabase {
  name: string;
  /** The server's binaries (pg_dump, pg_restore of the same version). */
  binDir: string;
  /** node-postgres settings for this database as the cluster's superuser. */
  config: pg.ClientConfig;
  /** A client of this database as `user` (a role of the cluster; the superuser when left out). */
  connect(user?: string): Promise<pg.Client>;
  drop(): Promise<void>;
}

/** The run's PostgreSQL, or one a test started for itself (one it may restart). */
export type TestPostgresServer = ProvidedContext['postgres'];

/** A fresh, empty database on the run's PostgreSQL (one per test file: call it in beforeAll). */
export async function createTestPostgresDatabase(
  server: TestPostgresServer = inject('postgres'),
): Promise<TestPostgresDatabase> {
  const base = { host: server.socketDir, port: server.port, user: server.superuser };
  const name = `hd_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ ...base, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const config = { ...base, database: name };
  return {
    name,
    binDir: server.binDir,
    config,
    async connect(user = server.superuser) {
      const client = new pg.Client({ ...config, user });
      await client.connect();
      return client;
    },
    async drop() {
      const client = new pg.Client({ ...base, database: 'postgres' });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * After a test file that made its own login role: the role's grants, the database, then the role
 * itself (roles outlive a database: the cluster is the run's, but leave it as found).
 */
export async function dropDatabaseAndRole(
  database: TestPostgresDatabase | undefined,
  owner: pg.Client | undefined,
  role: string,
): Promise<void> {
  await owner?.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
  await owner?.end();
  await database?.drop();
  const cleanup = await createTestPostgresDatabase();
  const client = await cleanup.connect();
  await client.query(`DROP ROLE IF EXISTS "${role}"`);
  await client.end();
  await cleanup.drop();
}

/** The login role the tests' application pools use: a member of hearing_desk_app, owning nothing. */
export const TEST_APP_LOGIN = 'hd_test_app';

/** A test database as a core uses it: the application's pool, and SQL as the tables' owner. */
export interface OwnerPostgres {
  /** The owner's (superuser's) settings, for the migrations. */
  ownerConfig: pg.ClientConfig;
  /** A handle for one core's life on this database: its own pools, ended together. */
  reopen(): Promise<OpenOwnerPostgres>;
}

export interface OpenOwnerPostgres {
  /** A pool as the application role (the store ends it when the core closes). */
  appPool(): pg.Pool;
  /** SQL as the owner, `?` placeholders, past row-level security; bigint read as numbers. */
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
  end(): Promise<void>;
}

const int8AsNumber = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** The tests' `?` placeholders as PostgreSQL's `$1`, `$2`, … */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A fresh database for a core (call it once per data folder: a core reopened on the folder reopens it). */
export async function ownerPostgres(server?: TestPostgresServer): Promise<OwnerPostgres> {
  const database = await createTestPostgresDatabase(server);
  const ownerConfig = database.config;
  const created: OwnerPostgres = {
    ownerConfig,
    async reopen() {
      const owner = new pg.Pool({ ...ownerConfig, max: 2, types: int8AsNumber });
      // A test that restarts its PostgreSQL drops the idle connections: the next query opens another.
      owner.on('error', () => undefined);
      await ensureAppLogin(owner);
      return {
        appPool: () => new pg.Pool({ ...ownerConfig, user: TEST_APP_LOGIN, max: 4 }),
        async query<T>(text: string, params: readonly unknown[]) {
          // PostgreSQL folds an unquoted alias to lower case; the tests' aliases are camelCase.
          const numbered = numberedPlaceholders(text).replace(/\bAS ([a-z]+[A-Z]\w*)/g, 'AS "$1"');
          return (await owner.query(numbered, [...params])).rows as T[];
        },
        end: () => owner.end(),
      };
    },
  };
  return created;
}

/** The cluster's login role for the tests' pools; made once, after the migrations made hearing_desk_app. */
async function ensureAppLogin(owner: pg.Pool): Promise<void> {
  const found = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEST_APP_LOGIN]);
  if (found.rowCount) return;
  try {
    await owner.query(`CREATE ROLE "${TEST_APP_LOGIN}" LOGIN IN ROLE hearing_desk_app`);
  } catch (error) {
    // Another test file's database made it at the same moment.
    if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42710') throw error;
  }
}
