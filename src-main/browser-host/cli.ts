import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore, repositoryAssets, type AppCore } from '../app-core';
import { createChromiumPdfOutput } from './chromium-pdf';
import { ConfigError } from '../config';
import { DatabaseOpenError } from '../db/database';
import { startBrowserHost } from './server';

/**
 * `npm run dev:browser`: the whole app on 127.0.0.1, for exploring and testing without Electron.
 * Its database is encrypted like the app's, but the key sits in a file beside it (there is no
 * operating-system keyring to wrap it here): use invented data only.
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: path.resolve('data', 'browser-host') },
    port: { type: 'string', default: '0' },
  },
});

const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = path.resolve(values['data-dir']);
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

function readOrCreateKey(file: string): Buffer {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

let core: AppCore;
try {
  core = createAppCore({
    dataDir,
    key: readOrCreateKey(path.join(dataDir, 'database-key.dev')),
    migrationsFolder: path.join(root, 'migrations'),
    assets: repositoryAssets(root),
    documentOutput: createChromiumPdfOutput(),
  });
} catch (error) {
  // Database and configuration errors say what is wrong and that nothing was written.
  const known = error instanceof DatabaseOpenError || error instanceof ConfigError;
  console.error(`Hearing Desk browser host cannot start: ${known ? error.message : String(error)}`);
  process.exit(1);
}
if (core.database.recoveredFromUncleanShutdown) console.log('The previous run stopped abruptly; the database passed its integrity check.');

const host = await startBrowserHost({
  core,
  rendererDir: path.join(root, '.vite', 'renderer', 'main_window'),
  port: Number(values.port),
});
console.log(`Hearing Desk browser host (data in ${dataDir}; invented data only)`);
console.log(`Open: ${host.url}`);

function shutdown() {
  void host.close().then(() => {
    core.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
