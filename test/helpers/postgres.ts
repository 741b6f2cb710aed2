import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
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

/** A fresh, empty database on the run's PostgreSQL (one per test file: call it in beforeAll). */
export async function createTestPostgresDatabase(): Promise<TestPostgresDatabase> {
  const server = inject('postgres');
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
