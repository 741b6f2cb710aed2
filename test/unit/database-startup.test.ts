import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppCore, DATABASE_FILE_NAME, inspectDataDir, type AppCore } from '../../src-main/app-core';
import { parseConfig } from '../../src-main/config';
import { DatabaseOpenError, keyCheckFileOf, openDatabase } from '../../src-main/db/database';
import { MIGRATION_MANIFEST } from '../../src-main/db/migration-manifest';
import { manifestOfFolder } from '../../src-main/db/migrations';
import { ASSETS, MIGRATIONS, PEOPLE, ROOT, tempDir } from '../helpers/temp-core';

/**
 * What start-up does before anything is written: a lost database is refused rather than
 * replaced, damage is found at every start and told apart from a wrong key, only the migrations
 * the build was made with run, and every refusal leaves every file as it was.
 */

const KEY_FILE_NAME = 'database-key.dev';
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
  entries: { idx: number; when: number; tag: string }[];
};

let opened: AppCore[] = [];
afterEach(async () => {
  for (const core of opened) await core.close();
  opened = [];
  vi.restoreAllMocks();
});

/** The app as a host starts it: with its key file among the traces of an installation. */
async function start(dataDir: string, key: Buffer, migrationsFolder = MIGRATIONS): Promise<AppCore> {
  const core = await createAppCore({
    dataDir,
    key,
    keyFile: path.join(dataDir, KEY_FILE_NAME),
    migrationsFolder,
    assets: ASSETS,
    config: parseConfig({}),
    log: () => {},
  });
  opened.push(core);
  return core;
}

async function stop(core: AppCore): Promise<void> {
  await core.close();
  opened = opened.filter((c) => c !== core);
}

/** An installation in use: a key file, an administrator, a clean stop. */
async function installation(migrationsFolder = MIGRATIONS): Promise<{ dir: string; key: Buffer; dbFile: string }> {
  const dir = tempDir();
  const key = randomBytes(32);
  const core = await start(dir, key, migrationsFolder);
  // Committed once its database exists, as the hosts do.
  fs.writeFileSync(path.join(dir, KEY_FILE_NAME), key.toString('hex'), { mode: 0o600 });
  const result = await core.dispatcher.call('admin-window', 'setup.createAdministrator', PEOPLE.admin);
  expect(result.ok).toBe(true);
  await stop(core);
  return { dir, key, dbFile: path.join(dir, DATABASE_FILE_NAME) };
}

/** Every file under `dir` (folders too) with the SHA-256 of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    files[relative] = entry.isDirectory() ? 'folder' : createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return files;
}

/** `npm run dev:browser` on `dir`, until it exits (or 20 s, then stopped: a host that started). */
async function runBrowserHost(dir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src-main/browser-host/cli.ts'), '--data-dir', dir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = setTimeout(() => child.kill('SIGTERM'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(started);
  return { code, output };
}

async function refusal(fn: () => unknown, code: string): Promise<DatabaseOpenError> {
  let thrown: unknown;
  try {
    await fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(DatabaseOpenError);
  expect((thrown as DatabaseOpenError).code, (thrown as Error).message).toBe(code);
  return thrown as DatabaseOpenError;
}

/** The copy a migration would have left, as the last one in the backups folder. */
function lastBackupOf(dbFile: string): string {
  const folder = path.join(path.dirname(dbFile), 'backups');
  fs.mkdirSync(folder, { recursive: true });
  const older = path.join(folder, 'hearing-desk-before-migration-2026-01-05T08-00-00-000Z.db');
  const latest = path.join(folder, 'hearing-desk-before-migration-2026-03-02T08-00-00-000Z.db');
  fs.copyFileSync(dbFile, older);
  fs.copyFileSync(dbFile, latest);
  fs.utimesSync(older, new Date('2026-01-05T08:00:00Z'), new Date('2026-01-05T08:00:00Z'));
  return latest;
}

describe('a lost database never becomes a new installation', () => {
  it('creates the database where nothing shows that an installation existed', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), '{}'); // the zone's settings may come first
    expect(inspectDataDir(dir, path.join(dir, KEY_FILE_NAME))).toBe('new');
    const core = await start(dir, randomBytes(32));
    const status = await core.dispatcher.call('x', 'setup.status', {});
    expect(status).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(fs.existsSync(path.join(dir, DATABASE_FILE_NAME))).toBe(true);
  });

  it('refuses an emptied database file, names the latest backup, and writes nothing', async () => {
    const { dir, key, dbFile } = await installation();
    const backup = lastBackupOf(dbFile);
    fs.truncateSync(dbFile, 0);
    const before = snapshot(dir);
    const error = await refusal(() => start(dir, key), 'DATABASE_MISSING');
    expect(error.restore?.latestBackup).toBe(backup);
    expect(error.restore?.traces).toEqual(
      expect.arrayContaining([dbFile, path.join(dir, 'backups'), path.join(dir, KEY_FILE_NAME)]),
    );
    expect(error.message).toContain(backup);
    expect(snapshot(dir)).toEqual(before);

    // Even alone in its folder, an empty file is a database that was lost, not one to fill.
    const lone = tempDir();
    fs.writeFileSync(path.join(lone, DATABASE_FILE_NAME), '');
    await refusal(() => start(lone, randomBytes(32)), 'DATABASE_MISSING');
    expect(snapshot(lone)).toEqual({ [DATABASE_FILE_NAME]: createHash('sha256').update('').digest('hex') });
  });

  const traces: [string, (dir: string) => void][] = [
    ['its key file', (dir) => fs.writeFileSync(path.join(dir, KEY_FILE_NAME), randomBytes(32).toString('hex'))],
    ['its backups folder', (dir) => fs.mkdirSync(path.join(dir, 'backups'))],
    ['its evidence folder', (dir) => fs.mkdirSync(path.join(dir, 'evidence'))],
    ['its journal', (dir) => fs.writeFileSync(path.join(dir, `${DATABASE_FILE_NAME}-wal`), randomBytes(4096))],
    ['its key check', (dir) => fs.writeFileSync(keyCheckFileOf(path.join(dir, DATABASE_FILE_NAME)), '{}')],
  ];
  it.each(traces)('refuses a missing database while %s remains, and creates nothing', async (_name, leave) => {
    const dir = tempDir();
    leave(dir);
    const before = snapshot(dir);
    await refusal(() => inspectDataDir(dir, path.join(dir, KEY_FILE_NAME)), 'DATABASE_MISSING');
    const error = await refusal(() => start(dir, randomBytes(32)), 'DATABASE_MISSING');
    expect(error.restore?.traces).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('names every trace and the latest backup once a whole installation lost its database', async () => {
    const { dir, key, dbFile } = await installation();
    fs.mkdirSync(path.join(dir, 'evidence'), { recursive: true });
    const backup = lastBackupOf(dbFile);
    fs.rmSync(dbFile);
    const before = snapshot(dir);
    const error = await refusal(() => start(dir, key), 'DATABASE_MISSING');
    expect(error.restore).toEqual({
      latestBackup: backup,
      traces: expect.arrayContaining([
        keyCheckFileOf(dbFile),
        path.join(dir, 'backups'),
        path.join(dir, 'evidence'),
        path.join(dir, KEY_FILE_NAME),
      ]),
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('the browser host refuses it before it makes a key, and says why', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'evidence'));
    const before = snapshot(dir);
    const { code, output } = await runBrowserHost(dir);
    expect(code, output).toBe(1);
    expect(output).toMatch(/cannot start: The database .* is missing, but an installation existed here \(.*evidence\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('the browser host refuses a key file other accounts can read, and touches nothing', async () => {
    const { dir } = await installation();
    const keyFile = path.join(dir, KEY_FILE_NAME);
    fs.chmodSync(keyFile, 0o644);
    const before = snapshot(dir);
    const { code, output } = await runBrowserHost(dir);
    expect(code, output).toBe(1);
    expect(output).toContain(`cannot start: ${keyFile} is readable by other accounts: chmod 600 it`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a first start killed while it builds the database leaves nothing that the next start takes for a lost one', async () => {
    // A migration slow enough to be cut short, on top of the real ones.
    const folder = copyOfMigrations();
    const slow =
      'CREATE TABLE slow_fill (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) INSERT INTO slow_fill SELECT i FROM n;';
    addMigration(folder, '0999_slow', slow);
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const script = path.join(dir, 'first-start.tmp.mjs');
    fs.writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.join(ROOT, 'src-main/db/database.ts'))};
       import { manifestOfFolder } from ${JSON.stringify(path.join(ROOT, 'src-main/db/migrations.ts'))};
       const folder = ${JSON.stringify(folder)};
       openDatabase({ file: ${JSON.stringify(file)}, key: Buffer.alloc(32, 7), migrationsFolder: folder, migrationManifest: manifestOfFolder(folder), backupsFolder: ${JSON.stringify(path.join(dir, 'backups'))} });`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await vi.waitFor(() => expect(fs.existsSync(`${file}.creating`)).toBe(true), { timeout: 20_000, interval: 20 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGKILL');
    await exited;
    fs.rmSync(script);

    expect(fs.existsSync(file)).toBe(false);
    expect(inspectDataDir(dir)).toBe('new');
    const core = await start(dir, randomBytes(32));
    expect(await core.dispatcher.call('x', 'setup.status', {})).toMatchObject({
      ok: true,
      value: { needsSetup: true },
    });
    expect(fs.readdirSync(dir).filter((name) => name.includes('.creating'))).toEqual([]);
  }, 60_000);
});

describe('damage is found at every start, and told apart from a wrong key', () => {
  /** An installation with enough pages to damage one in the middle, stopped cleanly. */
  async function filledInstallation() {
    const setup = await installation();
    const core = await start(setup.dir, setup.key);
    core.database!.sqlite.exec(
      'CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT randomblob(200) FROM n;',
    );
    await stop(core);
    expect(fs.existsSync(`${setup.dbFile}-wal`)).toBe(false);
    return setup;
  }

  function damage(file: string, from: number, length: number): void {
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, from, from + length);
    fs.writeFileSync(file, bytes);
  }

  it('reports a damaged page after a clean stop as damage, names the latest backup, and writes nothing', async () => {
    const { dir, key, dbFile } = await filledInstallation();
    const backup = lastBackupOf(dbFile);
    const size = fs.statSync(dbFile).size;
    damage(dbFile, Math.floor(size / 2 / 4096) * 4096 + 100, 100);
    const before = snapshot(dir);
    const error = await refusal(() => start(dir, key), 'DATABASE_DAMAGED');
    expect(error.restore?.latestBackup).toBe(backup);
    expect(error.message).toContain(backup);
    expect(error.message).toMatch(/quick_check/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports damage on the first page as damage, and a wrong key as a wrong key', async () => {
    const { dir, key, dbFile } = await filledInstallation();
    const intact = snapshot(dir);
    await refusal(() => start(dir, randomBytes(32)), 'DATABASE_WRONG_KEY');
    expect(snapshot(dir)).toEqual(intact);

    const backup = lastBackupOf(dbFile);
    damage(dbFile, 1000, 100);
    const before = snapshot(dir);
    const error = await refusal(() => start(dir, key), 'DATABASE_DAMAGED');
    expect(error.message).toMatch(/first page/);
    expect(error.restore).toEqual({ latestBackup: backup });
    // The check value beside the database says which key is wrong, whatever the file's state.
    await refusal(() => start(dir, randomBytes(32)), 'DATABASE_WRONG_KEY');
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives a database made before the key check its check value once its key has opened it', async () => {
    const { dir, key, dbFile } = await installation();
    fs.rmSync(keyCheckFileOf(dbFile));
    await stop(await start(dir, key));
    const check = fs.readFileSync(keyCheckFileOf(dbFile), 'utf8');
    expect(check).not.toContain(key.toString('hex'));
    expect(check).not.toContain(key.toString('base64'));
    await refusal(() => start(dir, randomBytes(32)), 'DATABASE_WRONG_KEY');
    expect(fs.readFileSync(keyCheckFileOf(dbFile), 'utf8')).toBe(check);
  });
});

/** The real migrations in a folder a test may plant files in. */
function copyOfMigrations(): string {
  const folder = tempDir('hd-migrations-');
  fs.cpSync(MIGRATIONS, folder, { recursive: true });
  return folder;
}

/** A migration as drizzle-kit would list it: its file and an entry in the journal. */
function addMigration(folder: string, tag: string, sql: string): void {
  fs.writeFileSync(path.join(folder, `${tag}.sql`), sql);
  const last = journal.entries.at(-1)!;
  const planted = {
    ...journal,
    entries: [...journal.entries, { ...last, idx: last.idx + 1, when: last.when + 60_000, tag }],
  };
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(planted, null, 2));
}

describe('only the migrations the build was made with run', () => {
  it('has the SHA-256 of every migration in migrations/sqlite/ compiled into main', () => {
    expect(manifestOfFolder(MIGRATIONS), 'migrations/sqlite/ changed: run `npm run db:manifest`').toEqual(
      MIGRATION_MANIFEST,
    );
  });

  it('refuses a planted migration that would drop the append-only triggers, before any runs, and leaves the database byte-identical', async () => {
    const folder = copyOfMigrations();
    const { dir, key } = await installation(folder);
    addMigration(
      folder,
      '0010_planted',
      'DROP TRIGGER audit_events_no_update;\n--> statement-breakpoint\nDROP TRIGGER audit_events_no_delete;\n--> statement-breakpoint\nDELETE FROM audit_events;',
    );
    const before = snapshot(dir);
    const error = await refusal(() => start(dir, key, folder), 'DATABASE_MIGRATIONS_ALTERED');
    expect(error.message).toContain('0010_planted.sql');
    expect(snapshot(dir)).toEqual(before);

    fs.rmSync(path.join(folder, '0010_planted.sql'));
    const core = await start(dir, key, folder);
    const triggers = core
      .database!.sqlite.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_events_no_%' ORDER BY name",
      )
      .all();
    expect(triggers).toEqual([{ name: 'audit_events_no_delete' }, { name: 'audit_events_no_update' }]);
    expect(() => core.database!.sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });

  it('refuses a changed or missing migration, even for a new installation, and creates nothing', async () => {
    const changed = copyOfMigrations();
    const last = journal.entries.at(-1)!.tag;
    fs.appendFileSync(
      path.join(changed, `${last}.sql`),
      '\n--> statement-breakpoint\nDROP TRIGGER audit_events_no_update;',
    );
    const dir = tempDir();
    expect(
      (await refusal(() => start(dir, randomBytes(32), changed), 'DATABASE_MIGRATIONS_ALTERED')).message,
    ).toContain(`${last}.sql differs`);
    expect(fs.readdirSync(dir)).toEqual([]);

    const missing = copyOfMigrations();
    fs.rmSync(path.join(missing, `${last}.sql`));
    expect(
      (await refusal(() => start(dir, randomBytes(32), missing), 'DATABASE_MIGRATIONS_ALTERED')).message,
    ).toContain('missing');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('refusing a newer database changes none of its files', () => {
  /**
   * A newer version applied a migration this one does not know, and stopped without closing:
   * its last commits are still in the journal (-wal) and its index (-shm). Copied while the
   * newer version's connection is open, as a crash leaves them.
   */
  async function newerDatabaseWithJournal(keepIndex: boolean) {
    const { dir, key, dbFile } = await installation();
    const crashed = tempDir('hd-crashed-');
    const newer = new Database(dbFile);
    newer.pragma(`hexkey='${key.toString('hex')}'`);
    newer
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', journal.entries.at(-1)!.when + 86_400_000);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(DATABASE_FILE_NAME) && (keepIndex || !name.endsWith('-shm')))
        fs.copyFileSync(path.join(dir, name), path.join(crashed, name));
      else if (!name.startsWith(DATABASE_FILE_NAME))
        fs.cpSync(path.join(dir, name), path.join(crashed, name), { recursive: true });
    }
    newer.close();
    expect(fs.statSync(path.join(crashed, `${DATABASE_FILE_NAME}-wal`)).size).toBeGreaterThan(0);
    return { dir: crashed, key };
  }

  it.each([
    ['its journal and its index', true],
    ['its journal without its index', false],
  ])(
    'refuses a newer database with %s and leaves the database, journal and index byte-identical',
    async (_name, keepIndex) => {
      const { dir, key } = await newerDatabaseWithJournal(keepIndex);
      const before = snapshot(dir);
      expect(Object.keys(before)).toContain(`${DATABASE_FILE_NAME}-wal`);
      expect(Object.keys(before).includes(`${DATABASE_FILE_NAME}-shm`)).toBe(keepIndex);
      await refusal(() => start(dir, key), 'DATABASE_TOO_NEW');
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('refuses a newer database stopped cleanly without creating a journal or an index', async () => {
    const { dir, key, dbFile } = await installation();
    const newer = new Database(dbFile);
    newer.pragma(`hexkey='${key.toString('hex')}'`);
    newer
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', journal.entries.at(-1)!.when + 86_400_000);
    newer.close();
    const before = snapshot(dir);
    await refusal(() => start(dir, key), 'DATABASE_TOO_NEW');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('the database key', () => {
  it('is given to SQLite as bytes, never turned into text', async () => {
    const key = randomBytes(32);
    const dir = tempDir();
    const toString = vi.spyOn(Buffer.prototype, 'toString');
    await stop(await start(dir, key)); // a new installation
    await stop(await start(dir, key)); // an existing one, through the read-only checks
    expect(toString.mock.contexts.filter((buffer) => buffer === key)).toEqual([]);
  });

  it('may be zeroed once the app is open: nothing keeps it', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const copy = Buffer.from(key);
    const core = await start(dir, key);
    key.fill(0);
    expect((await core.dispatcher.call('admin-window', 'setup.createAdministrator', PEOPLE.admin)).ok).toBe(true);
    await stop(core);
    const reopened = await start(dir, copy);
    expect((await reopened.dispatcher.call('x', 'setup.status', {})).ok).toBe(true);
  });
});

describe('the database opens directly as well', () => {
  it('refuses, before writing, a folder whose database is missing but whose backups remain', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'backups'));
    await refusal(
      () =>
        openDatabase({
          file: path.join(dir, DATABASE_FILE_NAME),
          key: randomBytes(32),
          migrationsFolder: MIGRATIONS,
          backupsFolder: path.join(dir, 'backups'),
        }),
      'DATABASE_MISSING',
    );
    expect(fs.readdirSync(dir)).toEqual(['backups']);
  });
});
