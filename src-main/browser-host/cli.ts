import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore, inspectDataDir, repositoryAssets, type AppCore } from '../app-core';
import { createChromiumPdfOutput } from './chromium-pdf';
import { ConfigError } from '../config';
import { DatabaseOpenError, type InstallationState } from '../db/database';
import { startBrowserHost } from './server';
import { createZoneDispatcher, type ZoneConnection } from '../zone/zone-dispatcher';
import { loadZoneConnection } from '../zone/zone-settings';
import { readKeyFile } from '../security/key-file';
import { OUTBOX_FILE_NAME } from '../zone/answer-outbox';

/**
 * `npm run dev:browser`: the whole app on 127.0.0.1, for exploring and testing without Electron.
 * Its database is encrypted like the app's, but the key sits in a file beside it (there is no
 * operating-system keyring to wrap it here): use invented data only.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: path.resolve('data', 'browser-host') },
    port: { type: 'string', default: '0' },
    /** A workstation of a zone: forward every call to the zone server these settings name (src-main/zone/). */
    zone: { type: 'string' },
  },
});

const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = path.resolve(values['data-dir']);
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

/**
 * Like the Electron shell's key store: a new installation's key stays pending until its database
 * is made, so a first start cut short leaves no key that the next start would take for the trace
 * of a lost database.
 */
function loadOrCreateKey(file: string, installation: InstallationState): { key: Buffer; commit(): void } {
  const pending = `${file}.pending`;
  const commit = () => fs.renameSync(pending, file);
  if (fs.existsSync(file)) return { key: readKeyFile(file, 'the database key'), commit: () => {} };
  if (installation === 'existing') {
    if (!fs.existsSync(pending)) throw new Error(`The database exists but its key file ${file} is missing`);
    return { key: readKeyFile(pending, 'the database key'), commit };
  }
  const key = randomBytes(32);
  fs.writeFileSync(pending, key.toString('hex'), { mode: 0o600 });
  return { key, commit };
}

if (values.zone) {
  let connection: ZoneConnection;
  try {
    connection = loadZoneConnection(path.resolve(values.zone));
  } catch (error) {
    console.error(`Hearing Desk browser host cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // Answers the server does not confirm wait in an encrypted outbox in the data folder; its key
  // lies beside it in clear, like the standalone database's here (the Electron shell wraps it).
  const outboxKeyFile = path.join(dataDir, 'outbox-key.dev');
  if (!fs.existsSync(outboxKeyFile)) fs.writeFileSync(outboxKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  let outboxKey: Buffer | null = null;
  let dispatcher: ReturnType<typeof createZoneDispatcher>;
  try {
    outboxKey = readKeyFile(outboxKeyFile, 'the outbox key');
    dispatcher = createZoneDispatcher(connection, {
      outbox: { file: path.join(dataDir, OUTBOX_FILE_NAME), key: outboxKey },
    });
  } catch (error) {
    console.error(`Hearing Desk browser host cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    outboxKey?.fill(0);
  }
  const host = await startBrowserHost({
    core: { dispatcher },
    rendererDir: path.join(root, '.vite', 'renderer', 'main_window'),
    port: Number(values.port),
  });
  const reachable = await dispatcher.reachable();
  console.log(
    `Hearing Desk browser host, a workstation of the zone server ${new URL(connection.serverUrl).host}${reachable ? '' : ' (not reachable now)'}`,
  );
  console.log(`Open: ${host.url}`);
  const stop = () => void host.close().then(() => (dispatcher.close(), process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  await startStandalone();
}

async function startStandalone(): Promise<void> {
  let core: AppCore;
  try {
    const keyFile = path.join(dataDir, 'database-key.dev');
    // Decided before any key is made: a lost database must never become a new installation.
    const { key, commit } = loadOrCreateKey(keyFile, inspectDataDir(dataDir, keyFile));
    try {
      core = await createAppCore({
        dataDir,
        key,
        keyFile,
        migrationsFolder: path.join(root, 'migrations', 'sqlite'),
        assets: repositoryAssets(root),
        documentOutput: createChromiumPdfOutput(),
      });
      commit();
    } finally {
      key.fill(0);
    }
  } catch (error) {
    // Database and configuration errors say what is wrong and that nothing was written.
    const known = error instanceof DatabaseOpenError || error instanceof ConfigError;
    console.error(`Hearing Desk browser host cannot start: ${known ? error.message : String(error)}`);
    process.exit(1);
  }
  if (core.database?.recoveredFromUncleanShutdown)
    console.log('The previous run stopped abruptly; the database passed its integrity check.');

  const host = await startBrowserHost({
    core,
    rendererDir: path.join(root, '.vite', 'renderer', 'main_window'),
    port: Number(values.port),
  });
  console.log(`Hearing Desk browser host (data in ${dataDir}; invented data only)`);
  console.log(`Open: ${host.url}`);

  function shutdown() {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
