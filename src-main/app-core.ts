import path from 'node:path';
import { formRegistry, type FormRegistry } from '../forms/registry';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { loadConfig, type AppConfig } from './config';
import { openDatabase, type OpenedDatabase } from './db/database';
import { createDirectoryService } from './services/directory';
import { createHearingService } from './services/hearings';
import { createUserService } from './services/users';

export interface AppCoreOptions {
  /** Holds the database, its backups and config.json. */
  dataDir: string;
  key: Buffer;
  migrationsFolder: string;
  config?: AppConfig;
  now?: () => number;
  registry?: FormRegistry;
  log?: (message: string, error?: unknown) => void;
}

export interface AppCore {
  dispatcher: Dispatcher;
  database: OpenedDatabase;
  config: AppConfig;
  close(): void;
}

export const DATABASE_FILE_NAME = 'hearing-desk.db';

/**
 * Everything the app does, without Electron: the Electron shell and the browser host both build
 * one of these and only add a transport in front of `dispatcher.dispatch`.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const now = options.now ?? Date.now;
  const config = options.config ?? loadConfig(path.join(options.dataDir, 'config.json'));
  const database = openDatabase({
    file: path.join(options.dataDir, DATABASE_FILE_NAME),
    key: options.key,
    migrationsFolder: options.migrationsFolder,
    backupsFolder: path.join(options.dataDir, 'backups'),
    now,
  });
  const registry = options.registry ?? formRegistry;
  const directory = createDirectoryService(database.db, now);
  directory.seedIfEmpty();
  const dispatcher = createDispatcher({
    directory,
    users: createUserService(database.db, config, now),
    hearings: createHearingService(database.db, registry, now),
    config,
    now,
    ...(options.log ? { log: options.log } : {}),
  });
  return { dispatcher, database, config, close: () => database.close() };
}
