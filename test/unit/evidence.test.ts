import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EVIDENCE_SENSITIVITIES,
  EVIDENCE_TYPES,
  evidenceItemSchema,
  type EvidenceItemInput,
} from '../../domain/evidence-rules';
import { OFFICER_UI_LANGUAGES } from '../../domain/languages';
import { ERROR_CODES } from '../../src-main/api/contract';
import { startBrowserHost } from '../../src-main/browser-host/server';
import {
  createFileChooser,
  dialogTitle,
  evidenceDialogOptions,
  type DialogLike,
} from '../../src-main/electron/file-chooser';
import { officerCatalogs } from '../../src-main/electron/officer-catalogs';
import { cleanFileName, MANIFEST_FORMAT } from '../../src-main/services/evidence';
import { deriveEvidenceKey, EVIDENCE_KEY_INFO } from '../../src-main/services/evidence-store';
import {
  createAccount,
  defaultUnitId,
  seedAccounts,
  snapshotTables,
  tempDir,
  type TestCore,
  openTestCore,
  sqlFalse,
} from '../helpers/temp-core';

const MiB = 1024 * 1024;
const SUPERVISOR = {
  username: 'supervisor.ev',
  displayName: 'Sofie Verzonnen',
  password: 'supervisor passphrase',
  role: 'supervisor' as const,
};
const FAR_OFFICER = {
  username: 'officer.far',
  displayName: 'Luc Imaginaire',
  password: 'far officer passphrase',
  role: 'officer' as const,
};
const NEAR_OFFICER = {
  username: 'officer.near',
  displayName: 'Nina Fictieve',
  password: 'near officer passphrase',
  role: 'officer' as const,
};

/** Invented evidence. */
const SCREENSHOT: EvidenceItemInput = {
  type: 'screenshot',
  description: 'WhatsApp-bericht: dreigt foto’s te publiceren als ze niet terugkomt (verzonnen)',
  platform: 'WhatsApp',
  accountIds: '+32 470 00 00 00 (fictief)',
  url: null,
  eventTime: '2 mars 2026 21:14',
  eventTimeZone: 'CET',
  capturedAt: null,
  captureMethod: 'Capture d’écran Android',
  toolVersion: 'Android 15',
  originalLocation: 'Son téléphone, galerie',
  relatedPrompts: ['G5.2'],
  sensitivity: 'none',
  platformReportNumber: null,
  stopNciiCaseNumber: null,
};

let t: TestCore;
let dir: string;
let work: string;
let hearingId: string;
let chosen: string[] = [];
let mounted: string | null = null;

/** openTestCore, with Electron's file dialog replaced by a list the test sets. */
function openCore(dataDir: string): Promise<TestCore> {
  return openTestCore({ dir: dataDir, chooseFiles: async () => chosen });
}

async function start(options: { mountTmpfs?: string } = {}) {
  dir = tempDir('hd-evidence-');
  // The database first: an evidence folder without one is the trace of a lost database.
  t = await openCore(dir);
  if (options.mountTmpfs) {
    const target = path.join(dir, 'evidence');
    fs.mkdirSync(target, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${options.mountTmpfs}`, 'tmpfs', target]);
    mounted = target;
  }
  await seedAccounts(t);
  hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
}

beforeEach(() => {
  work = tempDir('hd-evidence-files-');
  chosen = [];
});
afterEach(async () => {
  await t?.close();
  if (mounted) spawnSync('umount', [mounted]);
  mounted = null;
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeRandomFile(name: string, bytes: number): string {
  const file = path.join(work, name);
  const fd = fs.openSync(file, 'w');
  for (let written = 0; written < bytes; written += MiB) fs.writeSync(fd, randomBytes(Math.min(MiB, bytes - written)));
  fs.closeSync(fd);
  return file;
}

function sha256sum(file: string): string {
  return execFileSync('sha256sum', [file]).toString().split(/\s+/)[0]!;
}

async function addItem(item: Partial<EvidenceItemInput> = {}, client = 'officer-window', hearing = hearingId) {
  return (await t.ok(client, 'evidence.save', { hearingId: hearing, item: { ...SCREENSHOT, ...item } })).item;
}

async function errorOf(client: string, channel: string, input: unknown) {
  const result = await t.core.dispatcher.dispatch(client, channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

async function upload(
  itemId: string,
  source: Readable,
  expectedSize: number,
  client = 'officer-window',
  name = 'export.zip',
) {
  const envelope = await t.core.dispatcher.importFile(
    client,
    { hearingId, itemId, originalName: name, expectedSize },
    source,
  );
  // A refused import leaves the source to its owner (the browser host drains the request).
  source.on('error', () => {});
  source.destroy();
  return envelope;
}

const storedFiles = () => fs.readdirSync(path.join(dir, 'evidence'));
const fileRows = async () =>
  (await t.sql('SELECT * FROM evidence_files')) as {
    stored_name: string;
    sha256: string;
    size: number;
    iv: string;
    auth_tag: string;
    key_info: string;
    cipher: string;
  }[];
const auditRows = async () =>
  (await t.sql('SELECT action, details_json AS details FROM audit_events ORDER BY seq')) as {
    action: string;
    details: string;
  }[];

async function streamSha256(stream: Readable): Promise<{ sha256: string; bytes: Buffer[] }> {
  const hash = createHash('sha256');
  const bytes: Buffer[] = [];
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes.push(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), bytes };
}

describe('importing evidence files', () => {
  beforeEach(() => start());

  it('hashes a 10 MB file while streaming, as sha256sum does, and stores it encrypted', async () => {
    const item = await addItem({ type: 'export', description: 'Export de la conversation WhatsApp (fictif)' });
    const file = writeRandomFile('whatsapp-export.zip', 10 * MiB);
    const envelope = await upload(
      item.id,
      fs.createReadStream(file),
      10 * MiB,
      'officer-window',
      'whatsapp-export.zip',
    );
    expect(envelope.ok).toBe(true);
    const imported = envelope.ok ? envelope.value.files[0]! : null;
    expect(imported).toMatchObject({
      originalName: 'whatsapp-export.zip',
      size: 10 * MiB,
      sha256: sha256sum(file),
      importedByName: 'Inès Fictive',
    });

    // Encrypted at rest: the stored copy is not the original, and holds none of its bytes in clear.
    const [row] = await fileRows();
    expect(row).toMatchObject({ cipher: 'aes-256-gcm', key_info: EVIDENCE_KEY_INFO, size: 10 * MiB });
    expect(row!.iv).toMatch(/^[0-9a-f]{24}$/);
    expect(row!.auth_tag).toMatch(/^[0-9a-f]{32}$/);
    const stored = fs.readFileSync(path.join(dir, 'evidence', row!.stored_name));
    const original = fs.readFileSync(file);
    expect(stored.length).toBe(original.length);
    expect(stored.equals(original)).toBe(false);
    expect(stored.indexOf(original.subarray(5 * MiB, 5 * MiB + 64))).toBe(-1);
    expect(createHash('sha256').update(stored).digest('hex')).not.toBe(row!.sha256);
    expect(storedFiles()).toEqual([row!.stored_name]);

    // The decrypting reader gives back the very same bytes.
    const back = await streamSha256(
      t.core.evidenceStore.openReader({ storedName: row!.stored_name, iv: row!.iv, authTag: row!.auth_tag }),
    );
    expect(back.sha256).toBe(sha256sum(file));
    expect(Buffer.concat(back.bytes).equals(original)).toBe(true);
    expect((await t.ok('officer-window', 'evidence.verifyFile', { hearingId, fileId: imported!.id })).ok).toBe(true);
    expect((await auditRows()).map((a) => a.action)).toContain('evidence.file_imported');
    expect((await t.core.audit.verify('full', null)).verification.broken).toBeNull();
  });

  it('derives the file key from the database key with HKDF, for evidence only', () => {
    const key = Buffer.alloc(32, 7);
    expect(deriveEvidenceKey(key).equals(key)).toBe(false);
    expect(deriveEvidenceKey(key).equals(deriveEvidenceKey(Buffer.from(key)))).toBe(true);
    expect(deriveEvidenceKey(key).length).toBe(32);
  });

  it('notices a stored copy changed on disk', async () => {
    const item = await addItem();
    const file = writeRandomFile('capture.png', 200_000);
    const envelope = await upload(item.id, fs.createReadStream(file), 200_000);
    const fileId = envelope.ok ? envelope.value.files[0]!.id : '';
    const storedPath = path.join(dir, 'evidence', (await fileRows())[0]!.stored_name);
    const bytes = fs.readFileSync(storedPath);
    bytes[1000] = bytes[1000]! ^ 1;
    fs.writeFileSync(storedPath, bytes);
    expect(await t.ok('officer-window', 'evidence.verifyFile', { hearingId, fileId })).toMatchObject({
      ok: false,
      problem: 'altered',
    });
    fs.rmSync(storedPath);
    expect(await t.ok('officer-window', 'evidence.verifyFile', { hearingId, fileId })).toMatchObject({
      ok: false,
      problem: 'missing',
    });
  });

  it('imports through main’s file dialog (Electron), reading the file without changing it', async () => {
    const item = await addItem();
    const a = writeRandomFile('capture-1.png', 300_000);
    const b = writeRandomFile('capture-2.png', 1);
    fs.chmodSync(a, 0o444);
    const before = fs.statSync(a);
    chosen = [a, b];
    const { files } = await t.ok('officer-window', 'evidence.importFiles', { hearingId, itemId: item.id });
    expect(files.map((f) => [f.originalName, f.size, f.sha256])).toEqual([
      ['capture-1.png', 300_000, sha256sum(a)],
      ['capture-2.png', 1, sha256sum(b)],
    ]);
    const after = fs.statSync(a);
    expect([after.size, after.mtimeMs, after.mode]).toEqual([before.size, before.mtimeMs, before.mode]);
    // Cancelling the dialog imports nothing.
    chosen = [];
    expect((await t.ok('officer-window', 'evidence.importFiles', { hearingId, itemId: item.id })).files).toEqual([]);
  });

  it('refuses an unreadable file (a folder, a pipe, a missing file, a stream that fails), with nothing written', async () => {
    const item = await addItem();
    const before = await snapshotTables(t);
    const fifo = path.join(work, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const target of [work, fifo, path.join(work, 'gone.png')]) {
      chosen = [target];
      expect((await errorOf('officer-window', 'evidence.importFiles', { hearingId, itemId: item.id })).code).toBe(
        'FILE_UNREADABLE',
      );
    }
    const failing = new Readable({
      read() {
        this.push(randomBytes(64 * 1024));
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    const envelope = await upload(item.id, failing, 5 * MiB);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
    expect(storedFiles()).toEqual([]);
    const after = await snapshotTables(t);
    expect(after['evidence_files']).toEqual(before['evidence_files']);
    // The failures are in the audit trail, with their reason and no content.
    expect(
      (await auditRows()).filter((a) => a.action === 'evidence.import_failed').map((a) => JSON.parse(a.details).code),
    ).toEqual(['FILE_UNREADABLE', 'FILE_UNREADABLE', 'FILE_UNREADABLE', 'FILE_UNREADABLE']);
  });

  it('refuses a file that shrinks, grows or disappears while it is read, and a body shorter than announced', async () => {
    const store = t.core.evidenceStore;
    const changes: [string, (file: string) => void][] = [
      ['shrinks', (file) => fs.truncateSync(file, 1000)],
      ['grows', (file) => fs.appendFileSync(file, randomBytes(10))],
      ['disappears', (file) => fs.rmSync(file)],
      ['is rewritten', (file) => fs.utimesSync(file, new Date(2020, 0, 1), new Date(2020, 0, 1))],
    ];
    for (const [what, change] of changes) {
      const file = writeRandomFile(`video-${what}.mp4`, 8 * MiB);
      let changed = false;
      const attempt = store.ingestPath(file, {
        maxBytes: 1e12,
        onProgress: (bytes) => {
          if (!changed && bytes >= 2 * MiB) {
            changed = true;
            change(file);
          }
        },
      });
      await expect(attempt, what).rejects.toMatchObject({ code: 'FILE_CHANGED_DURING_IMPORT' });
      expect(storedFiles(), what).toEqual([]);
    }

    const item = await addItem();
    const short = Readable.from([randomBytes(MiB), randomBytes(MiB)]);
    expect(await upload(item.id, short, 3 * MiB)).toMatchObject({
      ok: false,
      error: { code: 'FILE_CHANGED_DURING_IMPORT' },
    });
    const long = Readable.from([randomBytes(MiB), randomBytes(MiB)]);
    expect(await upload(item.id, long, MiB)).toMatchObject({
      ok: false,
      error: { code: 'FILE_CHANGED_DURING_IMPORT' },
    });
    expect(await fileRows()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it('never stores images of a minor: such an item takes a URL and a description only', async () => {
    const minor = await addItem({
      type: 'url',
      url: 'https://example.invalid/fictif/123',
      description: 'Photo intime d’une mineure publiée sur un forum (fictif)',
      sensitivity: 'minor',
    });
    const before = await snapshotTables(t);
    const file = writeRandomFile('image.jpg', 50_000);
    expect(await upload(minor.id, fs.createReadStream(file), 50_000)).toMatchObject({
      ok: false,
      error: { code: 'MINOR_IMAGES_NOT_STORED' },
    });
    chosen = [file];
    expect((await errorOf('officer-window', 'evidence.importFiles', { hearingId, itemId: minor.id })).code).toBe(
      'MINOR_IMAGES_NOT_STORED',
    );
    expect(await snapshotTables(t)).toEqual(before);
    expect(storedFiles()).toEqual([]);

    // An item that has files cannot become one of a minor, and the database refuses it too.
    const other = await addItem();
    await upload(other.id, fs.createReadStream(file), 50_000);
    const error = await errorOf('officer-window', 'evidence.save', {
      hearingId,
      itemId: other.id,
      revision: other.revision,
      item: { ...SCREENSHOT, sensitivity: 'minor' },
    });
    expect(error.code).toBe('MINOR_IMAGES_NOT_STORED');
    // As the tables' owner, past the services: the store itself refuses.
    await expect(t.sql("UPDATE evidence_items SET sensitivity = 'minor' WHERE id = ?", [other.id])).rejects.toThrow(
      /cannot be marked minor/,
    );
    const [row] = await fileRows();
    await expect(
      t.sql(
        "INSERT INTO evidence_files (id, item_id, hearing_id, original_name, size, sha256, stored_name, cipher, key_info, iv, auth_tag, imported_at, imported_by) SELECT 'x', ?, hearing_id, 'x', 1, ?, 'y', 'c', 'k', 'i', 't', 1, created_by FROM evidence_items WHERE id = ?",
        [minor.id, row!.sha256, minor.id],
      ),
    ).rejects.toThrow(/never stored/);
  });

  it('keeps files and custody events append-only, and items are never removed', async () => {
    const item = await addItem();
    await upload(item.id, fs.createReadStream(writeRandomFile('a.png', 1000)), 1000);
    const { event } = await t.ok('officer-window', 'evidence.recordCustody', {
      hearingId,
      itemId: item.id,
      handedTo: 'RCCU Liège (fictif)',
      handedAt: t.clock.now,
      medium: 'Clé USB scellée',
      note: 'Scellé n° 0001',
    });
    expect(event).toMatchObject({
      handedTo: 'RCCU Liège (fictif)',
      medium: 'Clé USB scellée',
      recordedByName: 'Inès Fictive',
    });
    await expect(t.sql("UPDATE evidence_custody_events SET handed_to = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM evidence_custody_events')).rejects.toThrow(/append-only/);
    await expect(t.sql('UPDATE evidence_files SET sha256 = ?', ['0'.repeat(64)])).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM evidence_files')).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM evidence_items')).rejects.toThrow(/never removed/);
    await expect(t.sql('UPDATE evidence_items SET number = 9')).rejects.toThrow(/keeps its identity/);
    const listed = await t.ok('officer-window', 'evidence.list', { hearingId });
    expect(listed.items[0]!.custody).toHaveLength(1);
  });
});

describe('the register and its manifest', () => {
  beforeEach(() => start());

  it('numbers items per hearing, keeps every C2 field, and audits changes without their content', async () => {
    const first = await addItem();
    const second = await addItem({
      type: 'url',
      url: 'https://www.instagram.com/fictif_handle/',
      description: 'Faux profil à son nom (fictif)',
      relatedPrompts: ['G3.2', 'G6.4'],
      sensitivity: 'thirdParty',
      platformReportNumber: 'IG-4711',
    });
    expect([first.label, second.label]).toEqual(['EV-0001', 'EV-0002']);
    expect(first).toMatchObject({
      platform: 'WhatsApp',
      eventTime: '2 mars 2026 21:14',
      eventTimeZone: 'CET',
      capturedAt: t.clock.now,
      capturedByName: 'Inès Fictive',
      relatedPrompts: ['G5.2'],
      revision: 1,
    });
    const other = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
    expect((await addItem({}, 'officer-window', other)).label).toBe('EV-0001');

    const corrected = await t.ok('officer-window', 'evidence.save', {
      hearingId,
      itemId: first.id,
      revision: 1,
      item: { ...SCREENSHOT, platform: 'Signal' },
    });
    expect(corrected.item).toMatchObject({ platform: 'Signal', revision: 2, label: 'EV-0001' });
    expect(
      (await errorOf('officer-window', 'evidence.save', { hearingId, itemId: first.id, revision: 1, item: SCREENSHOT }))
        .code,
    ).toBe('STALE_REVISION');

    const audit = (await auditRows()).filter((a) => a.action.startsWith('evidence.'));
    expect(audit.map((a) => a.action)).toEqual([
      'evidence.item_created',
      'evidence.item_created',
      'evidence.item_created',
      'evidence.item_updated',
    ]);
    expect(JSON.parse(audit[3]!.details)).toMatchObject({ changed: ['platform'], revision: 2 });
    const trail = JSON.stringify(await auditRows());
    for (const secret of ['WhatsApp', 'fictif_handle', '+32 470', 'Signal', 'galerie'])
      expect(trail).not.toContain(secret);
  });

  it('validates what main stores: addresses, lengths, types, times in the future', async () => {
    for (const [field, value] of [
      ['url', 'ftp://example.invalid/x'],
      ['url', 'javascript:alert(1)'],
      ['url', 'www.example.invalid'],
      ['description', ''],
      ['description', 'x'.repeat(2_001)],
      ['type', 'photo'],
      ['sensitivity', 'secret'],
      ['relatedPrompts', ['G5.2', 'G5.2']],
      ['relatedPrompts', ['Q1']],
    ] as const) {
      expect(
        (await errorOf('officer-window', 'evidence.save', { hearingId, item: { ...SCREENSHOT, [field]: value } })).code,
        `${field}=${String(value)}`,
      ).toBe('VALIDATION');
    }
    expect(evidenceItemSchema.safeParse({ ...SCREENSHOT, url: 'http://192.0.2.1/page' }).success).toBe(true);
    expect(
      (
        await errorOf('officer-window', 'evidence.save', {
          hearingId,
          item: { ...SCREENSHOT, capturedAt: t.clock.now + 3_600_000 },
        })
      ).fields,
    ).toEqual(['capturedAt']);
    expect((await addItem({ platform: '', url: '' })).platform).toBeNull();
    expect(cleanFileName('../../etc/pass\u0000wd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\capture.png')).toBe('capture.png');
    expect(cleanFileName('..')).toBe('file');
  });

  it('computes a deterministic manifest whose hash changes with any item or file, and audits it', async () => {
    const item = await addItem();
    const first = (await t.ok('officer-window', 'evidence.list', { hearingId })).manifest;
    t.clock.now += 60_000;
    const again = (await t.ok('officer-window', 'evidence.list', { hearingId })).manifest;
    expect(again).toEqual(first);
    expect(createHash('sha256').update(first.json).digest('hex')).toBe(first.sha256);
    const document = JSON.parse(first.json) as {
      format: string;
      hearing: string;
      items: { id: string; capturedBy: string; files: unknown[] }[];
    };
    expect(document).toMatchObject({
      format: MANIFEST_FORMAT,
      hearing: expect.stringMatching(/^HD-2026-/),
      items: [{ id: 'EV-0001', capturedBy: 'officer.one', files: [] }],
    });

    const file = writeRandomFile('capture.png', 4096);
    await upload(item.id, fs.createReadStream(file), 4096, 'officer-window', 'capture.png');
    const withFile = (await t.ok('officer-window', 'evidence.list', { hearingId })).manifest;
    expect(withFile.sha256).not.toBe(first.sha256);
    expect(JSON.parse(withFile.json).items[0].files).toEqual([
      {
        name: 'capture.png',
        size: 4096,
        sha256: sha256sum(file),
        importedAt: new Date(t.clock.now).toISOString(),
        importedBy: 'officer.one',
      },
    ]);

    await t.ok('officer-window', 'evidence.save', {
      hearingId,
      itemId: item.id,
      revision: 1,
      item: { ...SCREENSHOT, description: `${SCREENSHOT.description}.` },
    });
    const changed = (await t.ok('officer-window', 'evidence.list', { hearingId })).manifest;
    expect(changed.sha256).not.toBe(withFile.sha256);
    // A hand-over is not part of it: the hash printed in the report stays valid.
    await t.ok('officer-window', 'evidence.recordCustody', {
      hearingId,
      itemId: item.id,
      handedTo: 'Parquet (fictif)',
      handedAt: t.clock.now,
      medium: 'DVD',
      note: '',
    });
    expect((await t.ok('officer-window', 'evidence.list', { hearingId })).manifest.sha256).toBe(changed.sha256);

    const logged = (await auditRows())
      .filter((a) => a.action === 'evidence.manifest_computed')
      .map((a) => JSON.parse(a.details) as { sha256: string });
    expect(logged.map((l) => l.sha256)).toEqual([
      first.sha256,
      first.sha256,
      withFile.sha256,
      changed.sha256,
      changed.sha256,
    ]);
  });
});

describe('who may do what', () => {
  beforeEach(async () => {
    await start();
    const unitId = await defaultUnitId(t);
    const otherUnit = (await t.ok('admin-window', 'units.save', { name: 'Unit B (fictive)' })).unit.id;
    await createAccount(t, { ...SUPERVISOR, unitId });
    await createAccount(t, { ...NEAR_OFFICER, unitId });
    await createAccount(t, { ...FAR_OFFICER, unitId: otherUnit });
    for (const [client, who] of [
      ['supervisor-window', SUPERVISOR],
      ['near-window', NEAR_OFFICER],
      ['far-window', FAR_OFFICER],
    ] as const) {
      await t.ok(client, 'session.login', { username: who.username, password: who.password });
    }
  });

  it('lets the owner write, a supervisor of the unit read, and refuses everyone else', async () => {
    const item = await addItem();
    const file = writeRandomFile('capture.png', 2048);
    await upload(item.id, fs.createReadStream(file), 2048);
    const fileId = (await fileRows())[0]
      ? (await t.ok('officer-window', 'evidence.list', { hearingId })).items[0]!.files[0]!.id
      : '';

    const read = await t.ok('supervisor-window', 'evidence.list', { hearingId });
    expect(read).toMatchObject({ access: 'review', items: [{ label: 'EV-0001' }] });
    expect((await t.ok('supervisor-window', 'evidence.verifyFile', { hearingId, fileId })).ok).toBe(true);

    const before = await snapshotTables(t);
    for (const client of ['supervisor-window', 'near-window', 'far-window']) {
      expect((await errorOf(client, 'evidence.save', { hearingId, item: SCREENSHOT })).code, client).toBe('FORBIDDEN');
      expect(
        (
          await errorOf(client, 'evidence.recordCustody', {
            hearingId,
            itemId: item.id,
            handedTo: 'x',
            handedAt: t.clock.now,
            medium: 'y',
          })
        ).code,
        client,
      ).toBe('FORBIDDEN');
      expect(await upload(item.id, fs.createReadStream(file), 2048, client), client).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    for (const client of ['near-window', 'far-window']) {
      expect((await errorOf(client, 'evidence.list', { hearingId })).code, client).toBe('FORBIDDEN');
      expect((await errorOf(client, 'evidence.verifyFile', { hearingId, fileId })).code, client).toBe('FORBIDDEN');
    }
    // Refusals change nothing but the trail of refusals.
    const after = await snapshotTables(t);
    for (const table of ['evidence_items', 'evidence_files', 'evidence_custody_events'])
      expect(after[table], table).toEqual(before[table]);
    expect(storedFiles()).toHaveLength(1);
    expect((await auditRows()).filter((a) => a.action === 'hearing.access_denied').length).toBeGreaterThanOrEqual(9);

    // Signed out or locked: nothing, not even through the upload.
    await t.ok('officer-window', 'session.lock', {});
    expect(await upload(item.id, fs.createReadStream(file), 2048)).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    expect(await upload(item.id, fs.createReadStream(file), 2048, 'nobody-window')).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(await upload(item.id, fs.createReadStream(file), 2048, 'officer-window', '')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('freezes items and files when the hearing is closed, but hand-overs go on', async () => {
    const item = await addItem();
    await t.sql("UPDATE hearings SET status = 'closed' WHERE id = ?", [hearingId]);
    expect((await errorOf('officer-window', 'evidence.save', { hearingId, item: SCREENSHOT })).code).toBe(
      'HEARING_CLOSED',
    );
    expect(await upload(item.id, Readable.from([Buffer.from('x')]), 1)).toMatchObject({
      ok: false,
      error: { code: 'HEARING_CLOSED' },
    });
    await t.ok('officer-window', 'evidence.recordCustody', {
      hearingId,
      itemId: item.id,
      handedTo: 'FCCU (fictif)',
      handedAt: t.clock.now,
      medium: 'Clé USB',
    });
    expect((await t.ok('officer-window', 'evidence.list', { hearingId })).hearingOpen).toBe(false);
  });
});

describe('a full disk', () => {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) console.log('Full-disk test skipped: mounting a 2 MB tmpfs for the evidence folder needs root');

  it.skipIf(!root)(
    'is refused before reading when the size is known, and cleaned up when it fills during the import',
    async () => {
      await start({ mountTmpfs: '2m' });
      const item = await addItem();
      const file = writeRandomFile('video.mp4', 10 * MiB);
      const before = await snapshotTables(t);
      expect(await upload(item.id, fs.createReadStream(file), 10 * MiB)).toMatchObject({
        ok: false,
        error: { code: 'DISK_FULL' },
      });
      chosen = [file];
      expect((await errorOf('officer-window', 'evidence.importFiles', { hearingId, itemId: item.id })).code).toBe(
        'DISK_FULL',
      );
      // Size unknown beforehand: the disk fills during the write (ENOSPC), and the partial file goes.
      await expect(t.core.evidenceStore.ingest(fs.createReadStream(file), { maxBytes: 1e12 })).rejects.toMatchObject({
        code: 'DISK_FULL',
      });
      expect(storedFiles()).toEqual([]);
      expect(fs.statfsSync(mounted!).bfree).toBe(fs.statfsSync(mounted!).blocks);
      const after = await snapshotTables(t);
      for (const table of ['evidence_items', 'evidence_files']) expect(after[table]).toEqual(before[table]);
    },
  );
});

describe('where files come from', () => {
  it('Electron: main’s own dialog, modal to the asking window, files only, kept out of recent documents', async () => {
    const calls: unknown[][] = [];
    const window = { id: 7 } as never;
    const dialog: DialogLike = {
      showOpenDialog: async (...args) => {
        calls.push(args);
        return { canceled: false, filePaths: ['/home/officer/capture.png'] };
      },
    };
    const choose = createFileChooser({
      dialog,
      windowOf: (clientId) => (clientId === '7' ? window : undefined),
      catalogs: officerCatalogs,
      locale: () => 'nl-BE',
    });
    expect(await choose('7')).toEqual(['/home/officer/capture.png']);
    expect(calls).toEqual([
      [
        window,
        {
          title: 'Kies de bewijsbestanden om in te voeren',
          properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
        },
      ],
    ]);
    expect(await choose('8')).toEqual([]);
    expect(calls).toHaveLength(1);
    const cancelled = createFileChooser({
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: ['/x'] }) },
      windowOf: () => window,
      catalogs: officerCatalogs,
      locale: () => 'fr',
    });
    expect(await cancelled('7')).toEqual([]);
    expect(dialogTitle(officerCatalogs, 'ar')).toBe('Choose the evidence files to import');
    expect(evidenceDialogOptions('x').properties).not.toContain('openDirectory');
  });

  it('the browser host: the upload endpoint streams the body with the checks of /api/invoke', async () => {
    dir = tempDir('hd-evidence-');
    t = await openTestCore({ dir });
    const { core } = t;
    const rendererDir = tempDir('hd-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    const host = await startBrowserHost({ core, rendererDir });
    try {
      const origin = new URL(host.url).origin;
      const cookie = String((await request(host.url)).headers['set-cookie']?.[0]).split(';')[0]!;
      const invoke = async (channel: string, input: object) =>
        JSON.parse(
          (
            await request(`${origin}/api/invoke`, {
              method: 'POST',
              headers: { cookie, origin, 'content-type': 'application/json', 'x-hearing-desk-client': 'tab-1' },
              body: JSON.stringify({ channel, input }),
            })
          ).body,
        ) as {
          ok: boolean;
          value: Record<string, { id: string }>;
        };
      await invoke('setup.createAdministrator', {
        username: 'admin.test',
        displayName: 'Alex Admin',
        password: 'admin passphrase 2026',
      });
      const unitId = (await invoke('units.save', { name: 'Unit A' })).value['unit']!.id;
      await invoke('users.create', {
        username: 'officer.one',
        displayName: 'Inès Fictive',
        password: 'officer one passphrase',
        role: 'officer',
        unitId,
      });
      // Her first sign-in's password change, as a fixture (accounts.test.ts covers it).
      await t.sql(`UPDATE users SET must_change_password = ${sqlFalse(t)} WHERE username = 'officer.one'`);
      await invoke('session.login', { username: 'officer.one', password: 'officer one passphrase' });
      hearingId = (await invoke('hearings.create', {})).value['hearing']!.id;
      const itemId = (await invoke('evidence.save', { hearingId, item: SCREENSHOT })).value['item']!.id;

      const file = writeRandomFile('export.zip', 10 * MiB);
      const target = `${origin}/api/evidence/upload?${new URLSearchParams({ hearingId, itemId, name: 'export.zip' }).toString()}`;
      const headers = {
        cookie,
        origin,
        'content-type': 'application/octet-stream',
        'x-hearing-desk-client': 'tab-1',
        'content-length': String(10 * MiB),
      };
      const sent = await request(target, { method: 'POST', headers, body: fs.createReadStream(file) });
      expect(sent.status).toBe(200);
      expect(JSON.parse(sent.body)).toMatchObject({
        ok: true,
        value: { files: [{ originalName: 'export.zip', size: 10 * MiB, sha256: sha256sum(file) }] },
      });

      // The same refusals as /api/invoke, and a length that must be announced.
      const small = { ...headers, 'content-length': '1' };
      expect(
        (await request(target, { method: 'POST', headers: { ...small, cookie: 'hd_token=guess' }, body: 'x' })).status,
      ).toBe(403);
      expect(
        (await request(target, { method: 'POST', headers: { ...small, origin: 'http://attacker.example' }, body: 'x' }))
          .status,
      ).toBe(403);
      expect(
        (await request(target, { method: 'POST', headers: { ...small, 'content-type': 'text/plain' }, body: 'x' }))
          .status,
      ).toBe(415);
      expect((await request(target, { method: 'GET', headers: { cookie, origin } })).status).toBe(405);
      const chunked = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-length'));
      expect(
        (
          await request(target, {
            method: 'POST',
            headers: { ...chunked, 'transfer-encoding': 'chunked' },
            body: Readable.from([Buffer.from('abc')]),
          })
        ).status,
      ).toBe(411);
      // Another tab has no session; an early refusal still answers while the body is on its way.
      const other = await request(target, {
        method: 'POST',
        headers: { ...headers, 'x-hearing-desk-client': 'tab-2' },
        body: fs.createReadStream(file),
      });
      expect(JSON.parse(other.body)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      // The dialog channel is Electron's: here it says to use the upload.
      expect(await invoke('evidence.importFiles', { hearingId, itemId })).toMatchObject({
        ok: false,
        error: { code: 'FILE_DIALOG_UNAVAILABLE' },
      });
    } finally {
      await host.close();
      fs.rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});

describe('the officer catalogs', () => {
  it('translate every evidence type, sensitivity, verification result and new error code', () => {
    const keys = [
      ...EVIDENCE_TYPES.map((k) => `evidence.type.${k}`),
      ...EVIDENCE_SENSITIVITIES.map((k) => `evidence.sensitivity.${k}`),
      ...['checking', 'ok', 'missing', 'altered', 'failed'].map((k) => `evidence.files.result.${k}`),
      ...['stalkerware', 'sendImages', 'contactSuspect', 'minorImages'].map((k) => `evidence.donts.${k}`),
      ...[
        'FILE_UNREADABLE',
        'FILE_CHANGED_DURING_IMPORT',
        'FILE_TOO_LARGE',
        'DISK_FULL',
        'MINOR_IMAGES_NOT_STORED',
        'FILE_DIALOG_UNAVAILABLE',
      ].map((c) => `error.${c}`),
      'evidence.dialogTitle',
    ];
    for (const code of ['FILE_UNREADABLE', 'DISK_FULL', 'MINOR_IMAGES_NOT_STORED'] as const)
      expect(ERROR_CODES).toContain(code);
    for (const language of OFFICER_UI_LANGUAGES) {
      const catalog = officerCatalogs[language] as Record<string, unknown>;
      for (const key of keys) {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
        expect(typeof value === 'string' && value.trim() !== '', `${language}:${key}`).toBe(true);
      }
    }
  });
});

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Readable } = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // The host may answer (and close) before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (options.body instanceof Readable) options.body.pipe(req);
    else req.end(options.body);
  });
}
