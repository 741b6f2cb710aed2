import type { TestProject } from 'vitest/node';
import { startPostgresServer, type PostgresServer } from './postgres-server';

/**
 * One PostgreSQL per test run (vitest's globalSetup of the unit project); each test file makes
 * its own database on it (test/helpers/postgres.ts).
 */
let server: PostgresServer | undefined;

export async function setup(project: TestProject) {
  server = await startPostgresServer();
  project.provide('postgres', {
    socketDir: server.socketDir,
    port: server.port,
    superuser: server.superuser,
    binDir: server.binDir,
  });
}

export async function teardown() {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { socketDir: string; port: number; superuser: string; binDir: string };
  }
}
