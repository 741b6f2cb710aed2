import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FIELDS, FORMS } from '../../forms/fields.generated';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';
import { ConfigError } from '../../src-main/config';
import { createZoneCa, issueWorkstationCertificate, revokeCertificate } from '../../src-main/server/certificates';
import { loadServerConfig, readZoneKey } from '../../src-main/server/config';
import { readRevocationList } from '../../src-main/server/revocation-list';
import { createServerLog } from '../../src-main/server/server-log';
import { openZoneServer, ServerStartError } from '../../src-main/server/zone-server';
import { createZoneDispatcher, type ZoneDispatcher } from '../../src-main/zone/zone-dispatcher';
import { createTestPostgresDatabase, ownerPostgres } from '../helpers/postgres';
import { PEOPLE, PG_MIGRATIONS, tempDir } from '../helpers/temp-core';
import { SCREENSHOT_WITH_FILES as ITEM } from '../helpers/evidence-item';
import { startTestZone, type TestZone } from '../helpers/zone';
import { migratePgDatabase } from '../../src-main/db/pg-migrations';
import { ZONE_PATHS } from '../../src-main/zone/protocol';

/**
 * `hearing-desk-server` on a real PostgreSQL, reached over real mutual TLS by workstations holding
 * certificates of the zone's own CA (zone.md, "The server"; issue 15).
 */
let zone: TestZone;
let a: ZoneDispatcher;
let b: ZoneDispatcher;

async function ok<C extends Channel>(
  workstation: ZoneDispatcher,
  client: string,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await workstation.call(client, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A raw TLS handshake with the server: whether it completed, and the error when it did not. */
function handshake(options: tls.ConnectionOptions): Promise<{ connected: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      servername: 'localhost',
      port: zone.running.server.port,
      ...options,
    });
    // TLS 1.3 finishes the client's side before the server has checked its certificate: the
    // server's verdict is the first thing read back.
    socket.once('secureConnect', () => {
      socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    });
    socket.once('data', () => {
      socket.destroy();
      resolve({ connected: true });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ connected: false, error: error.code ?? error.message }),
    );
    socket.once('close', () => resolve({ connected: false, error: 'closed' }));
  });
}

beforeAll(async () => {
  zone = await startTestZone({ crlPollMs: 100 });
  a = await zone.workstation('ws-room-1');
  b = await zone.workstation('ws-supervisor');
});
afterAll(async () => {
  await zone?.stop();
});

describe('hearing-desk-server', () => {
  it('runs the application core for its workstations: a hearing taken on one is on the server for the others', async () => {
    await ok(a, '1', 'setup.createAdministrator', PEOPLE.admin);
    const unitId = (await ok(a, '1', 'units.save', { name: 'Zone unit' })).unit.id;
    const officer = (await ok(a, '1', 'users.create', { ...PEOPLE.officer, unitId })).user;
    // The password change of a first sign-in, as a fixture (accounts.test.ts covers it).
    await zone.owner.query('UPDATE users SET must_change_password = false WHERE id = ?', [officer.id]);
    await ok(a, '1', 'session.logout', {});
    await ok(a, '1', 'session.login', { username: PEOPLE.officer.username, password: PEOPLE.officer.password });
    const { hearing } = await ok(a, '1', 'hearings.create', {});
    await ok(a, '1', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: FORMS.facts,
      changes: [{ fieldId: FIELDS.facts.place, value: 'Rue Inventée 1 (fictive)', baseRevision: 0 }],
    });
    const [stored] = await zone.owner.query<{ value_json: string }>(
      'SELECT value_json FROM answers WHERE hearing_id = ? AND field_id = ?',
      [hearing.id, FIELDS.facts.place],
    );
    expect(JSON.parse(stored!.value_json)).toBe('Rue Inventée 1 (fictive)');

    // Another workstation's window of the same number is another window: not signed in.
    const elsewhere = await b.call('1', 'hearings.listMine', {});
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    // Signed in there, the same officer finds the hearing taken on the first.
    await ok(b, '7', 'session.login', { username: PEOPLE.officer.username, password: PEOPLE.officer.password });
    const mine = await ok(b, '7', 'hearings.listMine', {});
    expect(mine.open.map((h) => h.id)).toContain(hearing.id);
  });

  it('says which server a workstation works on; the core in-process says standalone', async () => {
    expect(await ok(a, '1', 'setup.connection', {})).toEqual({ mode: 'zone', server: new URL(zone.url).host });
    expect(await zone.running.core.dispatcher.call('x', 'setup.connection', {})).toEqual({
      ok: true,
      value: { mode: 'standalone' },
    });
  });

  it('refuses the Android phone check on any workstation of the zone, before anything is recorded', async () => {
    // A bare zone dispatcher, as the browser host's: adb is on the computer the phone is plugged into.
    const scan = await a.call('1', 'phoneCheck.startScan', { checkId: '00000000-0000-4000-8000-000000000000' });
    expect(scan).toMatchObject({ ok: false, error: { code: 'PHONE_CHECK_NOT_IN_ZONE' } });
    const [consents] = await zone.owner.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_events WHERE action LIKE 'phoneCheck.%'",
      [],
    );
    expect(consents!.n).toBe(0);
  });

  it('keeps sessions in the database: a restarted server signs nobody out', async () => {
    const before = await ok(a, '1', 'session.current', {});
    expect(before.user?.username).toBe(PEOPLE.officer.username);
    await zone.restart();
    const after = await ok(a, '1', 'session.current', {});
    expect(after.user?.username).toBe(PEOPLE.officer.username);
    expect((await ok(a, '1', 'hearings.listMine', {})).open).toHaveLength(1);
  });

  it("locks one workstation's windows when that computer locks, and no other's", async () => {
    const changed: string[] = [];
    const stop = a.onSessionChanged((id) => changed.push(id));
    await a.lockAll();
    stop();
    expect(changed).toEqual(['1']);
    expect((await a.call('1', 'hearings.listMine', {})).ok).toBe(false);
    expect(await ok(a, '1', 'session.current', {})).toMatchObject({ locked: true });
    expect((await ok(b, '7', 'hearings.listMine', {})).open).toHaveLength(1);
    await ok(a, '1', 'session.unlock', { password: PEOPLE.officer.password });
  });

  it('streams an evidence file from the workstation into the server’s encrypted store', async () => {
    const { open } = await ok(a, '1', 'hearings.listMine', {});
    const hearingId = open[0]!.id;
    const { item } = await ok(a, '1', 'evidence.save', { hearingId, item: ITEM });
    const content = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    const file = path.join(zone.dir, 'capture.png');
    fs.writeFileSync(file, content);
    const imported = await a.importFile(
      '1',
      { hearingId, itemId: item.id, originalName: 'capture.png', expectedSize: content.length },
      fs.createReadStream(file),
    );
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(imported).toMatchObject({ ok: true, value: { files: [{ size: content.length, sha256 }] } });
    const fileId = (imported as { value: { files: { id: string }[] } }).value.files[0]!.id;
    expect(await ok(a, '1', 'evidence.verifyFile', { hearingId, fileId })).toMatchObject({ ok: true, sha256 });
    // Encrypted at rest on the server: nothing of the clear content lies in its evidence folder.
    const evidenceDir = path.join(zone.dir, 'server-data', 'evidence');
    const stored = fs.readdirSync(evidenceDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(stored.length).toBeGreaterThan(0);
    for (const entry of stored)
      expect(fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(content.subarray(0, 64))).toBe(false);
  });

  it('answers a load balancer on its health port, and nothing else there', async () => {
    const port = zone.running.server.healthPort!;
    const get = (pathName: string, method = 'GET') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: pathName, method }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok', store: true, revocationListCurrent: true });
    expect((await get('/api/invoke', 'POST')).status).toBe(404);
    expect(await a.reachable()).toBe(true);
  });

  it('writes no personal data in its log', () => {
    const log = zone.logLines.join('');
    expect(log).toContain('"event":"request"');
    expect(log).toContain('"workstation":"ws-room-1"');
    for (const secret of [PEOPLE.officer.password, PEOPLE.admin.password, 'Rue Inventée', 'Inès', 'officer.one'])
      expect(log).not.toContain(secret);
  });
});

describe('backups', () => {
  it('restores: a dump of the zone database, restored into an empty one, serves the same hearings with the same trail', async () => {
    const server = inject('postgres');
    const dumpDir = tempDir('hd-zone-backup-');
    const dumpFile = path.join(dumpDir, 'zone.dump');
    const connection = ['--host', server.socketDir, '--port', String(server.port), '--username', server.superuser];
    const database = loadServerConfig(zone.configFile).database.url.split('/').pop()!.split('?')[0]!;
    // As the README's zone section says: pg_dump's custom format, then pg_restore into an empty database.
    execFileSync(path.join(server.binDir, 'pg_dump'), [
      ...connection,
      '--format=custom',
      `--file=${dumpFile}`,
      database,
    ]);
    const restored = await createTestPostgresDatabase();
    execFileSync(path.join(server.binDir, 'pg_restore'), [
      ...connection,
      '--exit-on-error',
      `--dbname=${restored.name}`,
      dumpFile,
    ]);

    const config = loadServerConfig(zone.configFile);
    const url = config.database.url.replace(`/${database}?`, `/${restored.name}?`);
    const second = await openZoneServer(
      { ...config, listen: { host: '127.0.0.1', port: 0 }, health: undefined, database: { ...config.database, url } },
      { log: createServerLog(() => undefined) },
    );
    const workstation = createZoneDispatcher({
      ...(await zone.connectionOf('ws-room-1')),
      serverUrl: `https://localhost:${second.server.port}`,
    });
    try {
      // The same hearings, answers and trail, verified from the seal the instances share.
      const before = await ok(a, '1', 'hearings.listMine', {});
      expect(await ok(workstation, '1', 'hearings.listMine', {})).toEqual(before);
      const verified = await second.core.audit.verify('full', null);
      expect(verified.verification.broken).toBeNull();
      expect(verified.verification.verifiedUpTo).toBe(verified.verification.lastSeq);
      expect(verified.verification.lastSeq).toBeGreaterThan(10);
    } finally {
      workstation.close();
      await second.close();
    }
  });
});

describe('mutual TLS: refused before any API call', () => {
  it('accepts a certificate of the zone CA', async () => {
    const certificate = await zone.certificateOf('ws-room-1');
    const result = await handshake({
      ca: fs.readFileSync(path.join(zone.caDir, 'ca.crt')),
      cert: fs.readFileSync(certificate.certificate),
      key: fs.readFileSync(certificate.key),
    });
    expect(result).toEqual({ connected: true });
  });

  it('refuses no certificate, another CA’s, an expired one and plain HTTP, and a refused call changes nothing', async () => {
    const ca = fs.readFileSync(path.join(zone.caDir, 'ca.crt'));
    const [before] = await zone.owner.query<{ n: number }>('SELECT count(*) AS n FROM audit_events', []);

    expect((await handshake({ ca })).connected).toBe(false);

    const foreignCaDir = path.join(tempDir('hd-foreign-'), 'ca');
    await createZoneCa({ caDir: foreignCaDir, zoneName: 'Another zone' });
    const foreign = await issueWorkstationCertificate({
      caDir: foreignCaDir,
      outDir: path.join(foreignCaDir, '..', 'ws'),
      workstation: 'ws-room-1',
    });
    const foreignConnection = { ...(await zone.connectionOf('ws-room-1')) };
    foreignConnection.certificate = fs.readFileSync(foreign.certificate);
    foreignConnection.key = fs.readFileSync(foreign.key);
    const impostor = createZoneDispatcher(foreignConnection);
    try {
      const refused = await impostor.call('1', 'hearings.listMine', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
      expect((await impostor.call('1', 'setup.status', {})).ok).toBe(false);
    } finally {
      impostor.close();
    }

    const expired = await issueWorkstationCertificate({
      caDir: zone.caDir,
      outDir: path.join(zone.dir, 'expired'),
      workstation: 'ws-expired',
      notBefore: new Date(Date.now() - 40 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });
    expect(
      (await handshake({ ca, cert: fs.readFileSync(expired.certificate), key: fs.readFileSync(expired.key) }))
        .connected,
    ).toBe(false);

    // Plain HTTP on the TLS port: no HTTP answer at all.
    const plain = await new Promise<string>((resolve) => {
      const socket = net.connect(zone.running.server.port, '127.0.0.1', () =>
        socket.write(
          'POST /api/invoke HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
        ),
      );
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', () => undefined);
    });
    expect(plain).not.toMatch(/^HTTP\/1\.1 200/);

    const [after] = await zone.owner.query<{ n: number }>('SELECT count(*) AS n FROM audit_events', []);
    expect(after!.n).toBe(before!.n);
    // Each refusal is logged with its reason, for the zone's IT.
    const log = zone.logLines.join('');
    for (const reason of ['NO_CERTIFICATE', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED'])
      expect(log).toContain(`"event":"tls.refused","reason":"${reason}"`);
  });

  it('keeps a workstation’s connection open through an officer’s pause, and tells the workstation how long', async () => {
    const certificate = await zone.certificateOf('ws-room-1');
    const agent = new https.Agent({
      keepAlive: true,
      ca: fs.readFileSync(path.join(zone.caDir, 'ca.crt')),
      cert: fs.readFileSync(certificate.certificate),
      key: fs.readFileSync(certificate.key),
      minVersion: 'TLSv1.3',
    });
    const health = () =>
      new Promise<{ socket: unknown; keepAlive: unknown }>((resolve, reject) => {
        const req = https.get(new URL(ZONE_PATHS.health, zone.url), { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ socket: req.socket, keepAlive: res.headers['keep-alive'] }));
        });
        req.on('error', reject);
      });
    try {
      const first = await health();
      expect(first.keepAlive).toBe('timeout=60');
      // Longer than Node's default (5 s) and than the headers timeout (10 s): the same connection.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const second = await health();
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('refuses a revoked workstation at once, even on a connection it already holds', async () => {
    const c = await zone.workstation('ws-to-revoke');
    expect((await c.call('1', 'setup.status', {})).ok).toBe(true);
    await revokeCertificate({ caDir: zone.caDir, certificate: (await zone.certificateOf('ws-to-revoke')).certificate });
    // The server reads the list again when its file changes (every 100 ms in this test).
    await expect
      .poll(async () => (await c.call('1', 'setup.status', {})).ok, { timeout: 5_000, interval: 100 })
      .toBe(false);
    expect(await c.call('1', 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
    const log = zone.logLines.join('');
    expect(log).toContain('"event":"tls.revokedDisconnected","workstation":"ws-to-revoke"');
    expect(log).toContain('"reason":"CERT_REVOKED"');
    // The others are still served.
    expect((await a.call('1', 'setup.status', {})).ok).toBe(true);
    expect(readRevocationList(fs.readFileSync(path.join(zone.caDir, 'crl.pem'), 'utf8')).revokedSerials.size).toBe(1);
  });

  it('a workstation whose server is gone gets SERVER_UNREACHABLE, never a silent failure', async () => {
    const connection = await zone.connectionOf('ws-room-1');
    const nowhere = createZoneDispatcher({ ...connection, serverUrl: 'https://localhost:1', timeoutMs: 2_000 });
    try {
      expect(await nowhere.call('1', 'session.current', {})).toMatchObject({
        ok: false,
        error: { code: 'SERVER_UNREACHABLE' },
      });
      expect(await nowhere.reachable()).toBe(false);
    } finally {
      nowhere.close();
    }
    expect(() => createZoneDispatcher({ ...connection, serverUrl: 'http://localhost:8443' })).toThrow(/https/);
  });
});

describe('starting the server', () => {
  it('refuses a database waiting for a migration, and one migrated by a newer version, before opening a port', async () => {
    const config = loadServerConfig(zone.configFile);
    const empty = await createTestPostgresDatabase();
    {
      const url = `postgresql://${String(empty.config.user)}@localhost:${String(empty.config.port)}/${empty.name}?host=${encodeURIComponent(String(empty.config.host))}`;
      await expect(
        openZoneServer({ ...config, listen: { host: '127.0.0.1', port: 0 }, database: { ...config.database, url } }),
      ).rejects.toMatchObject({ code: 'MIGRATION_PENDING' });

      const newer = await ownerPostgres();
      await migratePgDatabase({
        connection: newer.ownerConfig,
        migrationsFolder: PG_MIGRATIONS,
        backup: { kind: 'confirmed', by: 'a test' },
      });
      const client = new pg.Client(newer.ownerConfig);
      await client.connect();
      await client.query(
        `INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-version', 9999999999999)`,
      );
      await client.end();
      const newerUrl = `postgresql://${String(newer.ownerConfig.user)}@localhost:${String(newer.ownerConfig.port)}/${String(newer.ownerConfig.database)}?host=${encodeURIComponent(String(newer.ownerConfig.host))}`;
      const refused = await openZoneServer({
        ...config,
        listen: { host: '127.0.0.1', port: 0 },
        database: { ...config.database, url: newerUrl },
      }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ServerStartError);
      expect(refused).toMatchObject({ code: 'DATABASE_TOO_NEW' });
    }
  });

  it('reads its configuration strictly, and a zone key only the server account can read', () => {
    const dir = tempDir('hd-server-config-');
    const file = path.join(dir, 'server.json');
    fs.writeFileSync(file, JSON.stringify({ tls: {}, dataDir: 'd', keyFile: 'k' }));
    expect(() => loadServerConfig(file, {})).toThrow(ConfigError);
    fs.writeFileSync(
      file,
      JSON.stringify({
        tls: { certificate: 'c', key: 'k', ca: 'a', crl: 'r' },
        dataDir: 'd',
        keyFile: 'k',
        listen: { port: 8443, typo: true },
      }),
    );
    expect(() => loadServerConfig(file, { HEARING_DESK_DATABASE_URL: 'postgresql://x@h/d' })).toThrow(/typo/);
    fs.writeFileSync(
      file,
      JSON.stringify({ tls: { certificate: 'c', key: 'k', ca: 'a', crl: 'r' }, dataDir: 'd', keyFile: 'k' }),
    );
    expect(() => loadServerConfig(file, {})).toThrow(/database\.url/);
    const loaded = loadServerConfig(file, { HEARING_DESK_DATABASE_URL: 'postgresql://x@h/d' });
    expect(loaded.database.url).toBe('postgresql://x@h/d');
    expect(loaded.tls.ca).toBe(path.join(dir, 'a'));

    const keyFile = path.join(dir, 'zone.key');
    fs.writeFileSync(keyFile, 'ab'.repeat(32), { mode: 0o644 });
    expect(() => readZoneKey(keyFile)).toThrow(/chmod 600/);
    fs.chmodSync(keyFile, 0o600);
    expect(readZoneKey(keyFile)).toHaveLength(32);
    fs.writeFileSync(keyFile, 'not a key');
    expect(() => readZoneKey(keyFile)).toThrow(/32-byte/);
  });
});
