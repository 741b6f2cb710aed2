import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput, Envelope } from '../../src-main/api/contract';
import { ConfigError, loadConfig, parseConfig } from '../../src-main/config';
import { KeyStoreError } from '../../src-main/electron/key-store';
import { officerCatalogs } from '../../src-main/electron/officer-catalogs';
import { PRINT_PDF_CSP, createPrintPages } from '../../src-main/electron/print-pages';
import { describeStartupFailure, STARTUP_LANGUAGES, startupMessage } from '../../src-main/electron/startup-messages';
import {
  WRAPPED_OUTBOX_KEY_FILE_NAME,
  WRAPPED_WORKSTATION_KEY_FILE_NAME,
  ZoneKeyError,
} from '../../src-main/electron/zone-keys';
import { openZoneBackend, shellMode, type ShellBackend } from '../../src-main/electron/zone-mode';
import { OUTBOX_FILE_NAME } from '../../src-main/zone/answer-outbox';
import type { ZoneWorkstationDeps } from '../../src-main/electron/zone-workstation';
import { createZoneCa, issueWorkstationCertificate } from '../../src-main/server/certificates';
import { serverConfigSchema } from '../../src-main/server/config';
import { uploadChosenFile } from '../../src-main/zone/chosen-file-upload';
import { createZoneDispatcher, type ZoneDispatcher } from '../../src-main/zone/zone-dispatcher';
import { completeHearing } from '../helpers/complete-hearing';
import { SCREENSHOT_WITH_FILES as ITEM } from '../helpers/evidence-item';
import { fakeSafeStorage } from '../helpers/fake-safe-storage';
import { PEOPLE, tempDir } from '../helpers/temp-core';
import { startTestZone, type TestZone } from '../helpers/zone';

/**
 * The Electron app as a workstation of a zone (zone.md, issue 15): config.json's `zone`, the
 * workstation's key wrapped by the operating system (a fake safeStorage: the only stand-in, for
 * Electron itself), and the calls that need this computer (evidence files, printing, the phone
 * check), all against a real zone server on PostgreSQL over mutual TLS, with fake dialogs.
 */
let zone: TestZone;
const opened: ShellBackend[] = [];
const dispatchers: ZoneDispatcher[] = [];

beforeAll(async () => {
  zone = await startTestZone();
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const backend of opened.splice(0)) await backend.close();
});
afterAll(async () => {
  for (const dispatcher of dispatchers) dispatcher.close();
  await zone?.stop();
});

/** A user-data folder as zone IT leaves it: config.json, the zone CA, the certificate and its key file. */
async function placeWorkstation(name: string, dataDir = tempDir('hd-ws-')) {
  const connection = await zone.connectionOf(name);
  fs.writeFileSync(path.join(dataDir, 'zone-ca.crt'), connection.ca);
  fs.writeFileSync(path.join(dataDir, 'workstation.crt'), connection.certificate);
  fs.writeFileSync(path.join(dataDir, 'workstation.key'), connection.key, { mode: 0o600 });
  fs.writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      zone: { server: zone.url, caCertificate: 'zone-ca.crt', certificate: 'workstation.crt', key: 'workstation.key' },
    }),
  );
  return { dataDir, keyFile: path.join(dataDir, 'workstation.key'), keyPem: Buffer.from(connection.key) };
}

interface Local {
  chosen: string[];
  dialogs: number;
  printed: Buffer[];
  saved: { pdf: Buffer; name: string }[];
  deps: Omit<ZoneWorkstationDeps, 'zone' | 'log'>;
}

function fakeLocal(): Local {
  const local: Local = {
    chosen: [],
    dialogs: 0,
    printed: [],
    saved: [],
    deps: {
      chooseFiles: async () => {
        local.dialogs += 1;
        return local.chosen;
      },
      printPdf: async (pdf) => {
        local.printed.push(pdf);
        return true;
      },
      savePdf: async (pdf, name) => {
        local.saved.push({ pdf, name });
        return true;
      },
    },
  };
  return local;
}

/** main.ts's zone start, with the Electron parts faked; what it gave the outbox is kept to check. */
async function openWorkstation(
  dataDir: string,
  safeStorage = fakeSafeStorage(),
  local = fakeLocal(),
): Promise<{ backend: ShellBackend; outboxKeySeen: Buffer; outboxKeyPassed: Buffer; outboxFile: string }> {
  const config = loadConfig(path.join(dataDir, 'config.json'));
  let seen: Buffer | null = null;
  let passed: Buffer | null = null;
  let outboxFile = '';
  const backend = await openZoneBackend({
    dataDir,
    zone: config.zone!,
    safeStorage,
    platform: 'linux',
    log: () => {},
    local: local.deps,
    connect: (connection, options) => {
      seen = Buffer.from(options.outbox!.key);
      passed = options.outbox!.key;
      outboxFile = options.outbox!.file;
      return createZoneDispatcher({ ...connection, timeoutMs: 10_000 }, options);
    },
  });
  opened.push(backend);
  return { backend, outboxKeySeen: seen!, outboxKeyPassed: passed!, outboxFile };
}

async function call<C extends Channel>(
  backend: ShellBackend,
  clientId: string,
  channel: C,
  input: ChannelInput<C>,
): Promise<Envelope<ChannelOutput<C>>> {
  return (await backend.dispatcher.dispatch(clientId, channel, input)) as Envelope<ChannelOutput<C>>;
}

async function ok<C extends Channel>(
  backend: ShellBackend,
  clientId: string,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await call(backend, clientId, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe("config.json's zone", () => {
  const valid = {
    server: 'https://hd.zone.example:8443',
    caCertificate: 'zone-ca.crt',
    certificate: 'ws-room-2.crt',
    key: 'ws-room-2.key',
  };

  it('names the server, the zone CA, the certificate and the key file; without it the app is standalone', () => {
    expect(parseConfig({ zone: valid }).zone).toEqual(valid);
    expect(shellMode(parseConfig({ zone: valid }))).toBe('zone');
    expect(parseConfig({}).zone).toBeUndefined();
    expect(shellMode(parseConfig({}))).toBe('standalone');
  });

  it.each([
    'http://hd.zone.example:8443',
    'hd.zone.example:8443',
    'https://hd.zone.example:8443/api',
    'https://it:secret@hd.zone.example',
    'https://hd.zone.example/?x=1',
    '',
  ])('refuses the server address %j, naming zone.server', (server) => {
    expect(() => parseConfig({ zone: { ...valid, server } })).toThrow(ConfigError);
    expect(() => parseConfig({ zone: { ...valid, server } })).toThrow(/https:\/\/ address[\s\S]*zone\.server/);
  });

  it('refuses a missing or unknown setting, naming it', () => {
    const withoutKey: Partial<typeof valid> = { ...valid };
    delete withoutKey.key;
    expect(() => parseConfig({ zone: withoutKey })).toThrow(/zone\.key/);
    expect(() => parseConfig({ zone: { ...valid, password: 'x' } })).toThrow(/password/);
  });

  it('is a workstation setting: a server.json whose app settings name a zone is refused', () => {
    const server = { tls: { certificate: 'a', key: 'b', ca: 'c', crl: 'd' }, dataDir: 'data', keyFile: 'zone.key' };
    expect(serverConfigSchema.safeParse(server).success).toBe(true);
    expect(serverConfigSchema.safeParse({ ...server, app: { zone: valid } }).success).toBe(false);
  });

  it('refuses at start a file that is missing, or a certificate of another CA, naming the setting and the file', async () => {
    const missing = await placeWorkstation('ws-config-missing');
    fs.rmSync(path.join(missing.dataDir, 'zone-ca.crt'));
    const refusal = await openWorkstation(missing.dataDir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as Error).message).toMatch(/config\.json zone: cannot read caCertificate .*zone-ca\.crt/);
    // The officer's dialog says which setting and which file, in her language.
    const failure = describeStartupFailure(refusal);
    expect(failure.key).toBe('configInvalid');
    expect(startupMessage(officerCatalogs, 'fr', failure)).toContain('zone-ca.crt');
    // Nothing was taken from the key file while the settings were wrong.
    expect(fs.existsSync(missing.keyFile)).toBe(true);
    expect(fs.existsSync(path.join(missing.dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME))).toBe(false);

    const foreign = await placeWorkstation('ws-config-foreign');
    const otherCa = tempDir('hd-other-ca-');
    await createZoneCa({ caDir: otherCa, zoneName: 'Autre zone' });
    const stranger = await issueWorkstationCertificate({
      caDir: otherCa,
      outDir: path.join(otherCa, 'out'),
      workstation: 'ws-config-foreign',
    });
    fs.copyFileSync(stranger.certificate, path.join(foreign.dataDir, 'workstation.crt'));
    await expect(openWorkstation(foreign.dataDir)).rejects.toThrow(
      /certificate .*workstation\.crt was not issued by the zone CA/,
    );
  });
});

describe("the workstation's keys", () => {
  it('takes the clear key once: wrapped by the OS, the file removed, unwrapped at the next start', async () => {
    const { dataDir, keyFile, keyPem } = await placeWorkstation('ws-keys-1');
    const safeStorage = fakeSafeStorage();
    const first = await openWorkstation(dataDir, safeStorage);
    expect(fs.existsSync(keyFile)).toBe(false);
    const wrapped = fs.readFileSync(path.join(dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME));
    expect(wrapped.includes(keyPem.subarray(40, 80))).toBe(false);
    expect(wrapped.toString('utf8')).not.toContain('PRIVATE KEY');
    // The key works: the server answers over mutual TLS with it.
    expect(await ok(first.backend, '1', 'setup.connection', {})).toEqual({
      mode: 'zone',
      server: new URL(zone.url).host,
    });
    expect(await ok(first.backend, '1', 'session.current', {})).toMatchObject({ user: null });
    await first.backend.close();

    // Later starts: no clear file, the wrapped key opens the same connection.
    const second = await openWorkstation(dataDir, safeStorage);
    expect(await ok(second.backend, '1', 'session.current', {})).toMatchObject({ user: null });
    // The outbox: one key for the installation, made at the first start, kept wrapped beside it.
    expect(first.outboxKeySeen).toHaveLength(32);
    expect(first.outboxKeySeen.equals(Buffer.alloc(32))).toBe(false);
    expect(second.outboxKeySeen.equals(first.outboxKeySeen)).toBe(true);
    expect(second.outboxFile).toBe(path.join(dataDir, OUTBOX_FILE_NAME));
    const wrappedOutbox = fs.readFileSync(path.join(dataDir, WRAPPED_OUTBOX_KEY_FILE_NAME), 'utf8');
    expect(wrappedOutbox).not.toContain(first.outboxKeySeen.toString('hex'));
    expect(wrappedOutbox).not.toContain(first.outboxKeySeen.toString('base64'));
    // Zeroed once the dispatcher has it.
    expect(first.outboxKeyPassed.equals(Buffer.alloc(32))).toBe(true);
    expect(second.outboxKeyPassed.equals(Buffer.alloc(32))).toBe(true);
  });

  it('takes a new clear key again (a renewed certificate with its key), replacing the wrapped one', async () => {
    const { dataDir, keyFile } = await placeWorkstation('ws-keys-renew');
    const safeStorage = fakeSafeStorage();
    await (await openWorkstation(dataDir, safeStorage)).backend.close();
    const before = fs.readFileSync(path.join(dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME));
    // The renewed certificate and key, as IT places them (another name: the CA issues one per name).
    await placeWorkstation('ws-keys-renewed', dataDir);
    const renewed = await openWorkstation(dataDir, safeStorage);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME)).equals(before)).toBe(false);
    expect(await ok(renewed.backend, '1', 'session.current', {})).toMatchObject({ user: null });
  });

  it('refuses a key that is not the certificate’s, leaving the file and wrapping nothing', async () => {
    const { dataDir, keyFile } = await placeWorkstation('ws-keys-mismatch');
    const other = await zone.connectionOf('ws-keys-other');
    fs.writeFileSync(keyFile, other.key);
    const refusal = await openWorkstation(dataDir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ZoneKeyError);
    expect(refusal).toMatchObject({ code: 'ZONE_KEY_MISMATCH', detail: keyFile });
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME))).toBe(false);
    expect(describeStartupFailure(refusal)).toEqual({ key: 'zoneKeyMismatch', detail: keyFile });
  });

  it('refuses a damaged wrapped key, and one another keyring wrapped, saying which file', async () => {
    const { dataDir } = await placeWorkstation('ws-keys-damaged');
    await (await openWorkstation(dataDir)).backend.close();
    // Another user's (or a reset) keyring cannot unwrap it.
    await expect(openWorkstation(dataDir, fakeSafeStorage())).rejects.toMatchObject({
      name: 'ZoneKeyError',
      code: 'ZONE_KEY_UNREADABLE',
      detail: WRAPPED_WORKSTATION_KEY_FILE_NAME,
    });
    fs.writeFileSync(path.join(dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME), '{"version":1,"wrapped');
    const refusal = await openWorkstation(dataDir).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'ZONE_KEY_UNREADABLE', detail: WRAPPED_WORKSTATION_KEY_FILE_NAME });
    for (const language of STARTUP_LANGUAGES) {
      const text = startupMessage(officerCatalogs, language, describeStartupFailure(refusal));
      expect(text, language).toContain(WRAPPED_WORKSTATION_KEY_FILE_NAME);
      expect(text, language).not.toMatch(/startup\.|\{\{/);
    }
  });

  it('says where IT was to place the key when there is neither a wrapped key nor the file', async () => {
    const { dataDir, keyFile } = await placeWorkstation('ws-keys-none');
    fs.rmSync(keyFile);
    await expect(openWorkstation(dataDir)).rejects.toMatchObject({ code: 'ZONE_KEY_MISSING', detail: keyFile });
  });

  it('does not run beside a clear key it could not remove; the next start, once it is gone or removable, goes on', async () => {
    const { dataDir, keyFile } = await placeWorkstation('ws-keys-stuck');
    vi.spyOn(fs.promises, 'rm').mockRejectedValueOnce(Object.assign(new Error('EROFS: read-only'), { code: 'EROFS' }));
    const refusal = await openWorkstation(dataDir).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'ZONE_KEY_NOT_REMOVED', detail: keyFile });
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(startupMessage(officerCatalogs, 'nl', describeStartupFailure(refusal))).toContain(keyFile);
    vi.restoreAllMocks();
    const next = await openWorkstation(dataDir);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(await ok(next.backend, '1', 'session.current', {})).toMatchObject({ user: null });
  });

  it('refuses without a secure key store, before the key file is touched', async () => {
    const { dataDir, keyFile } = await placeWorkstation('ws-keys-nostore');
    await expect(openWorkstation(dataDir, fakeSafeStorage({ available: false }))).rejects.toMatchObject({
      code: 'KEY_STORAGE_UNAVAILABLE',
    });
    await expect(openWorkstation(dataDir, fakeSafeStorage({ backend: 'basic_text' }))).rejects.toThrow(KeyStoreError);
    expect(fs.existsSync(keyFile)).toBe(true);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.wrapped'))).toEqual([]);
  });

  it('refuses an outbox whose key is gone: unsent answers may wait in it', async () => {
    const { dataDir } = await placeWorkstation('ws-keys-outbox');
    const safeStorage = fakeSafeStorage();
    await (await openWorkstation(dataDir, safeStorage)).backend.close();
    fs.writeFileSync(path.join(dataDir, OUTBOX_FILE_NAME), 'an outbox');
    fs.rmSync(path.join(dataDir, WRAPPED_OUTBOX_KEY_FILE_NAME));
    await expect(openWorkstation(dataDir, safeStorage)).rejects.toMatchObject({
      code: 'ZONE_KEY_UNREADABLE',
      detail: WRAPPED_OUTBOX_KEY_FILE_NAME,
    });
  });
});

describe('the workstation in zone mode', () => {
  let backend: ShellBackend;
  let local: Local;
  let peer: ZoneDispatcher;
  let hearingId: string;
  const WORKSTATION = 'ws-zone-room';

  beforeAll(async () => {
    const { dataDir } = await placeWorkstation(WORKSTATION);
    local = fakeLocal();
    ({ backend } = await openWorkstation(dataDir, fakeSafeStorage(), local));
    // Kept open for the whole block (the afterEach closes only per-test ones).
    opened.splice(opened.indexOf(backend), 1);
    // The same workstation's certificate, to reach the same windows' sessions from the test.
    peer = await zone.workstation(WORKSTATION);
    dispatchers.push(peer);
    await ok(backend, '1', 'setup.createAdministrator', PEOPLE.admin);
    const unitId = (await ok(backend, '1', 'units.save', { name: 'Unité zone' })).unit.id;
    const officer = (await ok(backend, '1', 'users.create', { ...PEOPLE.officer, unitId })).user;
    await zone.owner.query('UPDATE users SET must_change_password = false WHERE id = ?', [officer.id]);
    await ok(backend, '1', 'session.logout', {});
    await ok(backend, '1', 'session.login', { username: PEOPLE.officer.username, password: PEOPLE.officer.password });
    hearingId = (await ok(backend, '1', 'hearings.create', {})).hearing.id;
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('streams the files chosen in its own dialog to the server, each hashed and sealed there', async () => {
    const { item } = await ok(backend, '1', 'evidence.save', { hearingId, item: ITEM });
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    const small = Buffer.from('a small invented export');
    const dir = tempDir('hd-chosen-');
    local.chosen = [path.join(dir, 'capture.png'), path.join(dir, 'export.txt')];
    fs.writeFileSync(local.chosen[0]!, big);
    fs.writeFileSync(local.chosen[1]!, small);
    const dialogsBefore = local.dialogs;
    const imported = await ok(backend, '1', 'evidence.importFiles', { hearingId, itemId: item.id });
    expect(local.dialogs).toBe(dialogsBefore + 1);
    const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');
    expect(imported.files.map((f) => [f.originalName, f.size, f.sha256])).toEqual([
      ['capture.png', big.length, sha(big)],
      ['export.txt', small.length, sha(small)],
    ]);
    for (const file of imported.files)
      expect(await ok(backend, '1', 'evidence.verifyFile', { hearingId, fileId: file.id })).toMatchObject({ ok: true });
  });

  it('asks the server first: no dialog opens for an item that may not take files, nor for a locked window', async () => {
    const { item } = await ok(backend, '1', 'evidence.save', { hearingId, item: { ...ITEM, sensitivity: 'minor' } });
    const dialogsBefore = local.dialogs;
    expect(await call(backend, '1', 'evidence.importFiles', { hearingId, itemId: item.id })).toMatchObject({
      ok: false,
      error: { code: 'MINOR_IMAGES_NOT_STORED' },
    });
    expect(await call(backend, '2', 'evidence.importFiles', { hearingId, itemId: item.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    expect(await backend.dispatcher.dispatch('1', 'evidence.importFiles', { hearingId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(local.dialogs).toBe(dialogsBefore);
  });

  it('keeps nothing of a file that changes while it streams, even at the same size, and says why', async () => {
    const { item } = await ok(backend, '1', 'evidence.save', { hearingId, item: ITEM });
    const file = path.join(tempDir('hd-changing-'), 'video.mp4');
    fs.writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 0x11));
    // Touched once its first megabyte is on the way: same size, a new modification time.
    const touching: Pick<ZoneDispatcher, 'upload'> = {
      upload(clientId, channel, input, source: Readable) {
        let first = true;
        const watch = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            if (first) {
              first = false;
              const later = new Date(Date.now() + 60_000);
              fs.utimesSync(file, later, later);
            }
            done(null, chunk);
          },
        });
        source.on('error', (error) => watch.destroy(error));
        return peer.upload(clientId, channel, input, source.pipe(watch));
      },
    };
    const result = await uploadChosenFile(touching, '1', { hearingId, itemId: item.id }, file);
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE_CHANGED_DURING_IMPORT' } });
    const listed = await ok(backend, '1', 'evidence.list', { hearingId });
    expect(listed.items.find((i) => i.id === item.id)?.files).toEqual([]);

    // A file gone before it is read is said as such too.
    local.chosen = [path.join(path.dirname(file), 'gone.png')];
    expect(await call(backend, '1', 'evidence.importFiles', { hearingId, itemId: item.id })).toMatchObject({
      ok: false,
      error: { code: 'FILE_UNREADABLE' },
    });
    // The same upload untouched goes through: the refusal above was the change, not the stream.
    expect(await uploadChosenFile(peer, '1', { hearingId, itemId: item.id }, file)).toMatchObject({
      ok: true,
      value: { files: [{ size: 3 * 1024 * 1024 }] },
    });
  });

  it('refuses the Android phone check, which reads through adb on this computer, before anything is recorded', async () => {
    const consent: ChannelInput<'phoneCheck.recordConsent'> = {
      hearingId,
      phoneOf: 'victim',
      consent: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
    };
    expect(await call(backend, '1', 'phoneCheck.recordConsent', consent)).toMatchObject({
      ok: false,
      error: { code: 'PHONE_CHECK_NOT_IN_ZONE' },
    });
    expect(
      await call(backend, '1', 'phoneCheck.startScan', { checkId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({ ok: false, error: { code: 'PHONE_CHECK_NOT_IN_ZONE' } });
    // What lives on the server still answers from there.
    const overview = await ok(backend, '1', 'phoneCheck.overview', { hearingId });
    expect(overview.checks).toEqual([]);
    for (const language of ['fr', 'nl', 'de', 'en'] as const)
      expect((officerCatalogs[language] as { error: Record<string, string> }).error.PHONE_CHECK_NOT_IN_ZONE).toMatch(
        /\S/,
      );
  });

  it('prints and saves the very PDF the server archived', { timeout: 60_000 }, async () => {
    const api = <C extends Channel>(channel: C, input: ChannelInput<C>) => ok(backend, '1', channel, input);
    const closed = await completeHearing().take(api);
    const printed = await ok(backend, '1', 'documents.create', {
      hearingId: closed,
      kind: 'riskReport',
      output: 'printer',
    });
    expect(printed.pdfBase64).toBeNull();
    expect(local.printed).toHaveLength(1);
    const sent = local.printed[0]!;
    expect(sent.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // What went to the printer is what the archive holds, byte for byte.
    expect(createHash('sha256').update(sent).digest('hex')).toBe(printed.document!.sha256);
    const archived = await ok(backend, '1', 'documents.download', { documentId: printed.document!.id });
    expect(Buffer.from(archived.pdfBase64, 'base64').equals(sent)).toBe(true);

    expect(await ok(backend, '1', 'documents.save', { documentId: printed.document!.id })).toEqual({ saved: true });
    expect(local.saved.at(-1)?.pdf.equals(sent)).toBe(true);
    expect(local.saved.at(-1)?.name).toMatch(/riskReport-1\.pdf$/);
    // A PDF for the screen comes back as it does standalone; nothing goes to the printer.
    const pdf = await ok(backend, '1', 'documents.create', { hearingId: closed, kind: 'riskReport', output: 'pdf' });
    expect(pdf.pdfBase64).not.toBeNull();
    expect(local.printed).toHaveLength(1);
  });
});

describe('the print pages', () => {
  it('serve an archived PDF as its exact bytes, once, to the PDF viewer alone', async () => {
    const pages = createPrintPages();
    const pdf = Buffer.from('%PDF-1.7 invented bytes \u00ff');
    const page = pages.addPdf(pdf);
    const response = pages.serve(page.url)!;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-security-policy')).toBe(PRINT_PDF_CSP);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
    page.release();
    expect(pages.serve(page.url)!.status).toBe(404);
  });
});
