// Runs inside a copy of the commit before the store layer (bench/before-store-layer.ts copies it
// there), against that commit's own API: a synchronous core on one encrypted SQLite file. Plain
// JavaScript so that today's type check does not hold it to today's API. Prints one JSON line.
//
//   save:  the stores bench's save procedure (bench/stores.ts, benchSaves) on that core;
//   queue: that commit's own statistics bench (its queue and its export of every hearing).
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, repositoryAssets } from '../src-main/app-core';
import { parseConfig } from '../src-main/config';
import { benchStatistics } from './statistics';

const root = path.resolve(import.meta.dirname, '..');
const SAVE_HEARINGS = 10_000;
const SAVES = 1_000;
const PASSWORD = 'bench officer passphrase';

async function saves() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-before-store-'));
  const core = createAppCore({
    dataDir,
    key: randomBytes(32),
    migrationsFolder: path.join(root, 'migrations', 'sqlite'),
    assets: repositoryAssets(root),
    config: parseConfig({}),
  });
  const call = async (client, channel, input) => {
    const result = await core.dispatcher.call(client, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };
  try {
    await call('admin', 'setup.createAdministrator', {
      username: 'bench.admin',
      displayName: 'Bench Admin',
      password: 'bench admin passphrase',
    });
    const { unit } = await call('admin', 'units.save', { name: 'Bench unit' });
    const given = `temporary ${PASSWORD}`;
    const { user } = await call('admin', 'users.create', {
      username: 'bench.officer',
      displayName: 'Bench Officer',
      role: 'officer',
      password: given,
      unitId: unit.id,
    });
    await call('bench', 'session.login', { username: 'bench.officer', password: given });
    await call('bench', 'session.changePassword', { currentPassword: given, newPassword: PASSWORD });

    // As benchSaves seeds: that schema's hearings have no unit column yet.
    const at = Date.now();
    const value = JSON.stringify('answer '.repeat(20));
    const sqlite = core.database.sqlite;
    const insertHearing = sqlite.prepare(
      "INSERT INTO hearings (id, reference, owner_id, status, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?)",
    );
    const insertAnswer = sqlite.prepare(
      "INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by) VALUES (?, 'setup', 1, ?, ?, 1, ?, ?)",
    );
    sqlite.transaction(() => {
      for (let i = 0; i < SAVE_HEARINGS; i++) {
        const id = randomUUID();
        insertHearing.run(id, `HD-2025-${String(i + 1).padStart(6, '0')}`, user.id, at, at);
        for (let f = 0; f < 20; f++) insertAnswer.run(id, `field${f}`, value, at, user.id);
      }
    })();

    const { hearing } = await call('bench', 'hearings.create', {});
    const samples = [];
    for (let i = 0; i < SAVES; i++) {
      const start = performance.now();
      await call('bench', 'hearings.saveAnswers', {
        hearingId: hearing.id,
        formId: 'setup',
        changes: [{ fieldId: 'victimWishes', value: `wish ${i}`, baseRevision: i }],
      });
      samples.push(performance.now() - start);
    }
    return { save: samples.slice(50) };
  } finally {
    core.close();
    // The audit seal is written after the last save, off its path: let it land before the folder goes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function queueAndExport() {
  const result = await benchStatistics(root, { runs: 20 });
  return { queue: result.queue, exportAll: result.exportAllByMonth };
}

const what = process.argv[2];
const result = what === 'save' ? await saves() : what === 'queue' ? await queueAndExport() : null;
if (!result) throw new Error('usage: before-store-layer.mjs save|queue');
console.log(JSON.stringify(result));
