/**
 * What the checks at start cost on the large bench database (issue 12): `PRAGMA quick_check`,
 * run at every start, and the full `integrity_check`, run after an unclean stop, each on its own
 * connection as at start; and a whole clean start of the database (openDatabase: the read-only
 * checks, then the connection the app keeps). `npm run bench` measures them on the statistics
 * database; `npm run bench -- --only=startup-checks` seeds that database and measures them alone.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createAppCore, DATABASE_FILE_NAME, repositoryAssets } from '../src-main/app-core';
import { parseConfig } from '../src-main/config';
import { openDatabase } from '../src-main/db/database';
import { seedLargeDatabase, summary, type SeededDatabase, type Summary } from './statistics';

export interface StartupCheckFigures {
  databaseBytes: number;
  quickCheck: Summary;
  integrityCheck: Summary;
  /** openDatabase after a clean stop: quick_check included. */
  cleanStart: Summary;
}

/** On the closed database of `dataDir`, opened with `key`: `runs` of each. */
export function measureStartupChecks(dataDir: string, key: Buffer, root: string, runs = 3): StartupCheckFigures {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const check = (pragma: 'quick_check' | 'integrity_check') => {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      sqlite.pragma(`hexkey='${key.toString('hex')}'`); // the bench's own connection; the app keys with bytes
      sqlite.prepare('SELECT count(*) FROM sqlite_master').get(); // key derivation, not counted
      const start = performance.now();
      const result = sqlite.pragma(pragma, { simple: true });
      const elapsed = performance.now() - start;
      if (result !== 'ok') throw new Error(`${pragma} on the bench database: ${String(result)}`);
      return elapsed;
    } finally {
      sqlite.close();
    }
  };
  const times = (fn: () => number) => summary(Array.from({ length: runs }, fn));
  const quickCheck = times(() => check('quick_check'));
  const integrityCheck = times(() => check('integrity_check'));
  const cleanStart = times(() => {
    const start = performance.now();
    openDatabase({
      file,
      key,
      migrationsFolder: path.join(root, 'migrations', 'sqlite'),
      backupsFolder: path.join(dataDir, 'backups'),
    }).close();
    return performance.now() - start;
  });
  return { databaseBytes: fs.statSync(file).size, quickCheck, integrityCheck, cleanStart };
}

export function startupCheckLines(figures: StartupCheckFigures): string[] {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const line = (name: string, s: Summary) =>
    `${name.padEnd(50)} median ${ms(s.median).padStart(10)}   max ${ms(s.max).padStart(10)}   (n=${s.n})`;
  return [
    line(`quick_check, database of ${(figures.databaseBytes / 1024 / 1024).toFixed(0)} MiB`, figures.quickCheck),
    line('integrity_check (after an unclean stop)', figures.integrityCheck),
    line('database start after a clean stop (quick_check in)', figures.cleanStart),
  ];
}

/** `--only=startup-checks`: the statistics bench's database, seeded, then the checks alone. */
export async function benchStartupChecks(root: string): Promise<{
  database: Omit<SeededDatabase, 'unitIds' | 'officerIds' | 'supervisorId'>;
  figures: StartupCheckFigures;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-startup-'));
  const key = randomBytes(32);
  try {
    const core = await createAppCore({
      dataDir,
      key,
      migrationsFolder: path.join(root, 'migrations', 'sqlite'),
      assets: repositoryAssets(root),
      config: parseConfig({}),
    });
    let seeded: SeededDatabase;
    try {
      seeded = seedLargeDatabase(core);
    } finally {
      await core.close();
    }
    const database = {
      hearings: seeded.hearings,
      answers: seeded.answers,
      assessments: seeded.assessments,
      events: seeded.events,
      breaches: seeded.breaches,
      reassessedInPair: seeded.reassessedInPair,
      seedMs: seeded.seedMs,
    };
    return { database, figures: measureStartupChecks(dataDir, key, root) };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
