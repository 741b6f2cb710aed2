import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLargeDatabase } from '../../bench/statistics';
import { DATABASE_FILE_NAME } from '../../src-main/app-core';
import { loadServerConfig } from '../../src-main/server/config';
import {
  describeImport,
  importStandaloneFolder,
  ImportRefusedError,
  REFERENCE_MARKED_ACTION,
  STANDALONE_IMPORTED_ACTION,
  workstationMark,
  type ImportSummary,
} from '../../src-main/server/import-standalone';
import { inventedScreenshot } from '../helpers/evidence-item';
import { startTestZone, type TestZone } from '../helpers/zone';
import { createAccount, openTestCore, PEOPLE, ROOT, seedAccounts, tempDir, type TestCore } from '../helpers/temp-core';

/**
 * A standalone workstation joins the zone (issue 15, item 6): a folder with 1,000 hearings (the
 * statistics bench's seeded generator), evidence files imported through the app and printed
 * documents, imported by `hearing-desk-server import` into a real PostgreSQL zone. Everything is
 * compared with the folder as the app left it; the folder itself is hashed file by file before and
 * after every import and refusal.
 */

const HEARINGS = 1000;
const SCREENSHOT = inventedScreenshot({ platform: 'WhatsApp', relatedPrompts: ['G5.2'] });

let standalone: TestCore;
let folder: string;
let keyFile: string;
let zone: TestZone;
/** The folder's records as the app left them, table by table. */
let folderTables: Record<string, Row[]>;
let folderFilesBefore: Record<string, string>;
/** SHA-256 of each evidence file as the officer chose it, by file name. */
const originals = new Map<string, string>();
let firstImport: ImportSummary;
let importMs: number;

type Row = Record<string, unknown>;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file of a folder and its SHA-256: the folder before and after must be byte-identical. */
function hashFolder(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) hashes[path.relative(dir, file)] = sha256(fs.readFileSync(file));
  }
  return hashes;
}

const TABLES = [
  'units',
  'users',
  'support_services',
  'hearings',
  'hearing_forms',
  'addenda',
  'answers',
  'answer_history',
  'risk_assessments',
  'risk_events',
  'evidence_items',
  'evidence_files',
  'evidence_custody_events',
  'printed_documents',
  'victim_copy_reviews',
  'persons',
  'person_search_keys',
  'hearing_persons',
  'person_link_events',
  'pair_supersessions',
  'audit_events',
];

/** The standalone store's rows as PostgreSQL returns them: flags as booleans, PDFs as hexadecimal. */
function normalised(table: string, row: Row): Row {
  const out: Row = {};
  // In one order: the stores' column orders differ where a migration added a column.
  for (const [column, value] of Object.entries(row).sort(([a], [b]) => a.localeCompare(b))) {
    if (Buffer.isBuffer(value)) out[column] = value.toString('hex');
    else if (BOOLEAN_COLUMNS.has(`${table}.${column}`)) out[column] = value === 1 || value === true;
    else out[column] = value;
  }
  return out;
}
const BOOLEAN_COLUMNS = new Set([
  'users.active',
  'users.must_change_password',
  'support_services.active',
  'risk_assessments.latest',
]);

/** Every row of every table of the zone, and the names in its evidence folder: a second import must change none. */
async function zoneDump(): Promise<Record<string, string[]>> {
  const tables = await zone.owner.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    [],
  );
  const dump: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await zone.owner.query<Row>(`SELECT * FROM "${name}"`, []);
    dump[name] = rows.map((row) => JSON.stringify(normalised(name, row))).sort();
  }
  dump['evidence folder'] = fs.readdirSync(path.join(zone.dir, 'server-data', 'evidence')).sort();
  return dump;
}

function runImport(options: { key?: Buffer; from?: string } = {}) {
  return importStandaloneFolder({
    config: loadServerConfig(zone.configFile),
    from: options.from ?? folder,
    standaloneKey: options.key ?? standalone.key,
  });
}

/** `hearing-desk-server import` as the zone's IT types it. */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'src-main', 'server', 'cli.ts'), 'import', ...args],
      { cwd: ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A copy of the folder, its database changed behind the app (another version, a rewritten entry). */
function copyWithDatabase(change: (sqlite: Database.Database) => void): string {
  const copy = tempDir('hd-import-copy-');
  fs.cpSync(folder, copy, { recursive: true });
  const sqlite = new Database(path.join(copy, DATABASE_FILE_NAME));
  try {
    sqlite.pragma(`hexkey='${standalone.key.toString('hex')}'`);
    change(sqlite);
  } finally {
    sqlite.close();
  }
  return copy;
}

/** The zone's own administrator, made at its first workstation before anything is imported (invented). */
const ZONE_ADMIN = { username: 'zone.admin', displayName: 'Zoé Zone', password: 'zone admin passphrase 2026' };

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  return (error as Error).message;
}

beforeAll(async () => {
  const work = tempDir('hd-import-files-');
  let chosen: string[] = [];
  standalone = await openTestCore({ chooseFiles: async () => chosen });
  folder = standalone.dir;
  await seedAccounts(standalone);
  // Through the app: a hearing, answers, an evidence item and its files, each audited.
  const hearingId = (await standalone.ok('officer-window', 'hearings.create', {})).hearing.id;
  await standalone.ok('officer-window', 'hearings.saveAnswers', {
    hearingId,
    formId: 'facts',
    changes: [{ fieldId: 'place', value: 'Rue Inventée 1, 1000 Bruxelles', baseRevision: 0 }],
  });
  const { item } = await standalone.ok('officer-window', 'evidence.save', { hearingId, item: SCREENSHOT });
  const sizes = [0, 4096, 300_000, 1_500_000];
  chosen = sizes.map((size, n) => {
    const file = path.join(work, `capture-${n}.bin`);
    fs.writeFileSync(file, randomBytes(size));
    originals.set(`capture-${n}.bin`, sha256(fs.readFileSync(file)));
    return file;
  });
  await standalone.ok('officer-window', 'evidence.importFiles', { hearingId, itemId: item.id });
  // Her victim as a person of the store, found by later hearings in the zone too (invented).
  await standalone.ok('officer-window', 'hearings.saveAnswers', {
    hearingId,
    formId: 'people',
    changes: [
      { fieldId: 'victimSurname', value: 'Fictive', baseRevision: 0 },
      { fieldId: 'victimFirstNames', value: 'Inès', baseRevision: 0 },
    ],
  });
  await standalone.ok('officer-window', 'persons.candidates', { hearingId, role: 'victim' });
  // The bulk: the statistics bench's seeded hearings, answers, assessments and events.
  seedLargeDatabase(standalone.core, { hearings: HEARINGS, answersPerHearing: 10, units: 3, seed: 15 });
  // The print archive as the document service keeps it: a PDF, its SHA-256, who and when.
  const [officer] = await standalone.sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [
    PEOPLE.officer.username,
  ]);
  const seeded = await standalone.sql<{ id: string }>('SELECT id FROM hearings ORDER BY id LIMIT 3');
  for (const [n, hearing] of [{ id: hearingId }, ...seeded].entries()) {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20_000 + n), Buffer.from('\n%%EOF\n')]);
    await standalone.sql(
      `INSERT INTO printed_documents (id, hearing_id, kind, variant, language, sequence, sha256, bytes, pages, pdf, printed_at, printed_by)
       VALUES (?, ?, 'victimCopy', 'full', 'fr', 1, ?, ?, 1, ?, ?, ?)`,
      [randomUUID(), hearing.id, sha256(pdf), pdf.length, pdf, standalone.clock.now, officer!.id],
    );
  }
  folderTables = {};
  for (const table of TABLES)
    folderTables[table] = (await standalone.sql<Row>(`SELECT * FROM "${table}"`)).map((row) => normalised(table, row));
  await standalone.close();
  fs.rmSync(work, { recursive: true, force: true });
  folderFilesBefore = hashFolder(folder);
  keyFile = path.join(tempDir('hd-import-key-'), 'database-key.dev');
  fs.writeFileSync(keyFile, standalone.key.toString('hex'), { mode: 0o600 });
  zone = await startTestZone();
}, 120_000);

afterAll(async () => {
  await zone?.stop();
});

describe('hearing-desk-server import', () => {
  it('refuses a wrong key, another version, a rewritten trail, an altered file and a username the zone gives another account, changing nothing', async () => {
    // Into a zone without its own administrator the workstation's, deactivated, would leave nobody.
    const empty = await zoneDump();
    expect(await refusal(runImport())).toMatch(/no administrator of its own yet/);
    expect(await zoneDump()).toEqual(empty);
    const setup = await zone.workstation('ws-zone-setup');
    expect((await setup.call('1', 'setup.createAdministrator', ZONE_ADMIN)).ok).toBe(true);

    const before = await zoneDump();
    expect(await refusal(runImport({ key: randomBytes(32) }))).toMatch(/does not hold this folder’s database key/);

    const older = copyWithDatabase((sqlite) =>
      sqlite.exec(
        'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
      ),
    );
    expect(await refusal(runImport({ from: older }))).toMatch(/older version.*open it once with this version/);
    const newer = copyWithDatabase((sqlite) =>
      sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), 9e12),
    );
    expect(await refusal(runImport({ from: newer }))).toMatch(/newer version/);

    // The zone gave the officer's username to someone else: the import is refused whole.
    const intruder = randomUUID();
    await zone.owner.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'Autre Personne', 'administrator', '!', 1, 1)`,
      [intruder, PEOPLE.officer.username],
    );
    const taken = await refusal(runImport());
    expect(taken).toMatch(/its username is another account's in the zone/);
    expect(taken).not.toContain(PEOPLE.officer.username);
    await zone.owner.query('DELETE FROM users WHERE id = ?', [intruder]);

    // Behind the app: an entry of the trail rewritten, an evidence file changed on disk (the
    // largest, sealed last: the copies sealed before it must not stay in the zone's folder).
    const rewritten = copyWithDatabase((sqlite) => {
      sqlite.exec('DROP TRIGGER audit_events_no_update');
      sqlite.exec(`UPDATE audit_events SET details_json = '{}' WHERE seq = 3`);
    });
    expect(await refusal(runImport({ from: rewritten }))).toMatch(/audit trail is broken at entry 3/);
    const altered = copyWithDatabase(() => {});
    const largest = [...folderTables.evidence_files!].sort((a, b) => Number(b.size) - Number(a.size))[0];
    const sealedFile = path.join(altered, 'evidence', String(largest!.stored_name));
    const bytes = fs.readFileSync(sealedFile);
    bytes[1000] = bytes[1000]! ^ 1;
    fs.writeFileSync(sealedFile, bytes);
    expect(await refusal(runImport({ from: altered }))).toMatch(
      new RegExp(`Evidence file ${String(largest!.id)} could not be sealed in the zone`),
    );

    const wrongKeyFile = path.join(path.dirname(keyFile), 'wrong.key');
    fs.writeFileSync(wrongKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    const cli = await runCli(['--config', zone.configFile, '--from', folder, '--key-file', wrongKeyFile]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/does not hold this folder’s database key; nothing was imported/);

    expect(await zoneDump()).toEqual(before);
    expect(hashFolder(folder)).toEqual(folderFilesBefore);
  });

  it('imports the folder: every row and answer value, the audit chain with its hashes, each file’s SHA-256', async () => {
    const started = performance.now();
    firstImport = await runImport();
    importMs = performance.now() - started;
    console.info(`Imported ${HEARINGS} hearings in ${Math.round(importMs)} ms`);
    expect(firstImport.changed).toBe(true);
    expect(firstImport.tables.hearings).toEqual({ inFolder: HEARINGS + 1, added: HEARINGS + 1 });
    expect(firstImport.tables.persons).toEqual({ inFolder: 1, added: 1 });
    expect(firstImport.tables.hearingPersons).toEqual({ inFolder: 1, added: 1 });
    expect(firstImport.evidenceFilesVerified).toBe(originals.size);
    expect(firstImport.printsVerified).toBe(4);
    expect(firstImport.administratorsDeactivated).toBe(1);

    // Table by table, row by row (answers' values included), as the folder holds them.
    for (const table of TABLES.filter((t) => t !== 'audit_events')) {
      const zoneRows = await zone.owner.query<Row>(`SELECT * FROM "${table}"`, []);
      const ids = new Set(
        folderTables[table]!.map((row) =>
          JSON.stringify(row.id ?? [row.hearing_id, row.form_id, row.field_id, row.revision]),
        ),
      );
      const imported = zoneRows
        .map((row) => normalised(table, row))
        .filter((row) => ids.has(JSON.stringify(row.id ?? [row.hearing_id, row.form_id, row.field_id, row.revision])));
      const expected = folderTables[table]!.map((row) =>
        table === 'evidence_files'
          ? { ...row, stored_name: '', iv: '', auth_tag: '' }
          : (table === 'users' && row.role === 'administrator') || table === 'support_services'
            ? { ...row, active: false }
            : row,
      );
      const actual = imported.map((row) =>
        table === 'evidence_files' ? { ...row, stored_name: '', iv: '', auth_tag: '' } : row,
      );
      const sorted = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();
      expect({ table, rows: sorted(actual) }).toEqual({ table, rows: sorted(expected) });
    }
    expect(folderTables.answers!.length).toBeGreaterThanOrEqual(HEARINGS * 10);

    // The trail, entry for entry with its hashes, apart from the zone's own chain.
    const trail = await zone.owner.query<Row>(
      'SELECT seq, at, user_id, action, hearing_id, details_json, prev_hash, hash FROM imported_audit_events WHERE source_id = ? ORDER BY seq',
      [firstImport.source],
    );
    expect(trail).toEqual(folderTables.audit_events!.sort((a, b) => Number(a.seq) - Number(b.seq)));
    expect(firstImport.source).toBe(trail[0]!.hash);

    // Each evidence file, decrypted from the zone's copy by the server's own store: the officer's bytes.
    const files = await zone.owner.query<Row>(
      'SELECT stored_name AS "storedName", iv, auth_tag AS "authTag", sha256, size, original_name AS "originalName" FROM evidence_files',
      [],
    );
    expect(files).toHaveLength(originals.size);
    for (const file of files) {
      const verified = await zone.running.core.evidenceStore.verify(file as never);
      expect(verified).toMatchObject({ ok: true, sha256: originals.get(String(file.originalName)) });
    }
    const prints = await zone.owner.query<{ sha256: string; pdf: Buffer }>(
      'SELECT sha256, pdf FROM printed_documents',
      [],
    );
    expect(prints).toHaveLength(4);
    for (const print of prints) expect(sha256(print.pdf)).toBe(print.sha256);

    // The zone's own trail records the import, and still verifies whole.
    const recorded = await zone.owner.query<{ details_json: string }>(
      'SELECT details_json FROM audit_events WHERE action = ?',
      [STANDALONE_IMPORTED_ACTION],
    );
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!.details_json)).toMatchObject({
      source: firstImport.source,
      importedTrailHead: firstImport.auditTrail.head,
    });
    const status = await zone.running.core.audit.verify('full', null);
    expect(status.verification.broken).toBeNull();
    expect(hashFolder(folder)).toEqual(folderFilesBefore);
  });

  it('lets the officer sign in at a workstation of the zone and find her hearing and its files', async () => {
    const workstation = await zone.workstation('ws-import');
    const login = await workstation.call('1', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    expect(login.ok).toBe(true);
    const mine = await workstation.call('1', 'hearings.listMine', {});
    expect(mine.ok).toBe(true);
    const hearing = (mine as { value: { open: { id: string }[] } }).value.open[0]!;
    const listed = await workstation.call('1', 'evidence.list', { hearingId: hearing.id });
    const { items } = (listed as { value: { items: { files: { id: string }[] }[] } }).value;
    const fileId = items[0]!.files[0]!.id;
    const verified = await workstation.call('1', 'evidence.verifyFile', { hearingId: hearing.id, fileId });
    expect(verified).toMatchObject({ ok: true, value: { ok: true } });
    // The workstation's administrator is not the zone's.
    const admin = await workstation.call('2', 'session.login', {
      username: PEOPLE.admin.username,
      password: PEOPLE.admin.password,
    });
    expect(admin.ok).toBe(false);
  });

  it('changes nothing the second time, and says so', async () => {
    const before = await zoneDump();
    const cli = await runCli(['--config', zone.configFile, '--from', folder, '--key-file', keyFile]);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(cli.stdout).toMatch(/^Nothing changed/);
    expect(cli.stdout).toMatch(new RegExp(`hearings: ${HEARINGS + 1} in the folder, 0 added`));
    expect(cli.stdout).not.toContain(PEOPLE.officer.username);
    expect(await zoneDump()).toEqual(before);
    expect(hashFolder(folder)).toEqual(folderFilesBefore);
  });

  it('refuses the folder again once the zone has changed one of its rows, changing nothing', async () => {
    const [answer] = await zone.owner.query<Row>(
      "SELECT hearing_id, form_id, field_id FROM answers WHERE field_id = 'narrative' LIMIT 1",
      [],
    );
    await zone.owner.query(
      `UPDATE answers SET value_json = '"Texte changé dans la zone (inventé)"' WHERE hearing_id = ? AND form_id = ? AND field_id = ?`,
      [answer!.hearing_id, answer!.form_id, answer!.field_id],
    );
    const before = await zoneDump();
    const message = await refusal(runImport());
    expect(message).toContain(
      `answers ${String(answer!.hearing_id)} / facts / narrative: the zone holds it with other content`,
    );
    expect(message).not.toContain('changé');
    expect(await zoneDump()).toEqual(before);
    expect(hashFolder(folder)).toEqual(folderFilesBefore);
  });

  it('imports a second workstation whose references the zone gives other hearings under its mark, audited, and nothing the second time', async () => {
    // A second workstation, numbered from HD-<year>-000001 like the first (invented accounts).
    const second = await openTestCore();
    await second.ok('admin-window', 'setup.createAdministrator', {
      username: 'admin.poste2',
      displayName: 'Sam Second',
      password: 'second admin passphrase 2026',
    });
    const { unit } = await second.ok('admin-window', 'units.save', { name: 'Unité fictive du poste 2' });
    await createAccount(second, {
      username: 'officer.poste2',
      displayName: 'Lou Deuxième',
      password: 'second officer passphrase',
      role: 'officer',
      unitId: unit.id,
    });
    await second.ok('officer-window', 'session.login', {
      username: 'officer.poste2',
      password: 'second officer passphrase',
    });
    const created = [
      (await second.ok('officer-window', 'hearings.create', {})).hearing,
      (await second.ok('officer-window', 'hearings.create', {})).hearing,
    ];
    await second.close();
    const secondFiles = hashFolder(second.dir);
    const zoneReferences = new Map(
      (await zone.owner.query<{ id: string; reference: string }>('SELECT id, reference FROM hearings', [])).map((h) => [
        h.reference,
        h.id,
      ]),
    );
    const taken = created.filter((h) => zoneReferences.has(h.reference));
    // The first workstation's hearing made through the app holds HD-<year>-000001 in the zone.
    expect(taken.map((h) => h.reference)).toContain(created[0]!.reference);

    const summary = await importStandaloneFolder({
      config: loadServerConfig(zone.configFile),
      from: second.dir,
      standaloneKey: second.key,
    });
    const mark = workstationMark(summary.source);
    expect(mark).toMatch(/^[A-HJ-NP-Z2-9]{4}$/);
    expect(summary.referencesMarked.sort((a, b) => a.from.localeCompare(b.from))).toEqual(
      taken.map((h) => ({ hearingId: h.id, from: h.reference, to: `${h.reference}-${mark}` })),
    );
    const inZone = new Map(
      (await zone.owner.query<{ id: string; reference: string }>('SELECT id, reference FROM hearings', [])).map((h) => [
        h.id,
        h.reference,
      ]),
    );
    for (const hearing of created)
      expect(inZone.get(hearing.id)).toBe(
        zoneReferences.has(hearing.reference) ? `${hearing.reference}-${mark}` : hearing.reference,
      );
    // The hearings that held the numbers keep them.
    for (const hearing of taken) expect(inZone.get(zoneReferences.get(hearing.reference)!)).toBe(hearing.reference);
    const audited = await zone.owner.query<{ hearing_id: string; details_json: string }>(
      'SELECT hearing_id, details_json FROM audit_events WHERE action = ? ORDER BY seq',
      [REFERENCE_MARKED_ACTION],
    );
    expect(audited.map((a) => [a.hearing_id, JSON.parse(a.details_json)])).toEqual(
      summary.referencesMarked.map((m) => [m.hearingId, { source: summary.source, from: m.from, to: m.to }]),
    );
    expect(describeImport(summary)).toContain(`${taken[0]!.reference} -> ${taken[0]!.reference}-${mark}`);
    expect((await zone.running.core.audit.verify('full', null)).verification.broken).toBeNull();

    const before = await zoneDump();
    const again = await importStandaloneFolder({
      config: loadServerConfig(zone.configFile),
      from: second.dir,
      standaloneKey: second.key,
    });
    expect(again).toMatchObject({ changed: false, referencesMarked: [] });
    expect(await zoneDump()).toEqual(before);
    expect(hashFolder(second.dir)).toEqual(secondFiles);
  });
});
