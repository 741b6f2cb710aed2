import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  createZoneCa,
  issueServerCertificate,
  issueWorkstationCertificate,
  listCertificates,
  renewCrl,
  revokeCertificate,
  workstationNameOf,
  type IssuedCertificate,
} from '../../src-main/server/certificates';

/**
 * The zone's CA against a real Node TLS server set up as the zone server is (zone.md, "The
 * server"): TLS 1.3, client certificates required and verified against the zone CA and its CRL.
 * Real openssl, real handshakes, no mocks. Each refusal is checked on the server's side too, for
 * its reason, so a certificate refused for the wrong reason fails the test.
 */

const ZONE = 'PZ Testzone/Zuid';
const DAY = 24 * 60 * 60 * 1000;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-zone-ca-'));
const caDir = path.join(root, 'ca');
const foreignCaDir = path.join(root, 'foreign-ca');
const outDir = path.join(root, 'out');

let server: IssuedCertificate;
let workstation: IssuedCertificate;
const servers: tls.Server[] = [];

beforeAll(async () => {
  await createZoneCa({ caDir, zoneName: ZONE });
  server = await issueServerCertificate({
    caDir,
    outDir,
    name: 'zone-server',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  workstation = await issueWorkstationCertificate({ caDir, outDir, workstation: 'PC-ROOM1.interview_2' });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(file);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** The zone server's TLS settings, with the CRL as it is on disk now. */
function serverOptions(): tls.TlsOptions {
  return {
    key: read(server.key),
    cert: read(server.certificate),
    ca: read(path.join(caDir, 'ca.crt')),
    crl: read(path.join(caDir, 'crl.pem')),
    minVersion: 'TLSv1.3',
    requestCert: true,
    rejectUnauthorized: true,
  };
}

/** Greets each workstation it lets in by the name in its certificate. */
async function startServer(): Promise<tls.Server> {
  const tlsServer = tls.createServer(serverOptions(), (socket) => {
    socket.end(`hello ${workstationNameOf(socket.getPeerCertificate().subject.CN)}\n`);
  });
  return listen(tlsServer);
}

/**
 * A server that refuses nobody but says why OpenSSL would have: Node's strict server drops a
 * refused client without telling anyone the reason (see `connect`), and a test must know that a
 * certificate was refused for the reason it is about.
 */
async function verdict(client?: { certificate: string; key: string }): Promise<string> {
  const diagnostic = tls.createServer({ ...serverOptions(), rejectUnauthorized: false }, (socket) => {
    socket.end(socket.authorized ? 'AUTHORIZED' : String(socket.authorizationError));
  });
  const outcome = await connect(await listen(diagnostic), client);
  return outcome.greeting ?? `no answer (${outcome.clientError})`;
}

async function listen(tlsServer: tls.Server): Promise<tls.Server> {
  servers.push(tlsServer);
  tlsServer.listen(0, '127.0.0.1');
  await once(tlsServer, 'listening');
  return tlsServer;
}

/**
 * What a workstation sees. In TLS 1.3 the client's certificate is checked after the client has
 * finished its handshake, and Node's server then closes the connection without an alert: a
 * refused client sees its connection end with nothing received (or a reset), not a TLS error.
 * Only a missing certificate gets an alert, from OpenSSL itself.
 */
async function connect(
  zone: tls.Server,
  client?: { certificate: string; key: string },
): Promise<{ greeting: string | null; clientError: string | null }> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: (zone.address() as AddressInfo).port,
      servername: 'localhost',
      // The workstation pins the zone CA for the server.
      ca: read(path.join(caDir, 'ca.crt')),
      minVersion: 'TLSv1.3',
      ...(client ? { cert: read(client.certificate), key: read(client.key) } : {}),
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ greeting: received || null, clientError: error.code ?? error.message });
      socket.destroy();
    });
    socket.on('close', () => resolve({ greeting: received || null, clientError: null }));
  });
}

async function expectCode(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CertificateError);
  expect((error as CertificateError).code).toBe(code);
  expect((error as CertificateError).message).toMatch(message);
}

describe('the zone CA', () => {
  it('keeps its key private and issues CA, server and workstation certificates with the right uses', async () => {
    expect(mode(caDir)).toBe(0o700);
    expect(mode(path.join(caDir, 'ca.key'))).toBe(0o600);
    expect(mode(server.key)).toBe(0o600);
    expect(mode(workstation.key)).toBe(0o600);

    const ca = new X509Certificate(read(path.join(caDir, 'ca.crt')));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe(`O=${ZONE}\nCN=Hearing Desk zone CA`);
    expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(ca.validToDate.getTime() - Date.now()).toBeGreaterThan(3649 * DAY);
    const caExtensions = execFileSync(
      'openssl',
      ['x509', '-in', path.join(caDir, 'ca.crt'), '-noout', '-ext', 'basicConstraints,keyUsage'],
      { encoding: 'utf8' },
    );
    expect(caExtensions).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(caExtensions).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign\s*$/);

    const serverCertificate = new X509Certificate(read(server.certificate));
    expect(serverCertificate.ca).toBe(false);
    expect(serverCertificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(serverCertificate.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(serverCertificate.verify(ca.publicKey)).toBe(true);

    const workstationCertificate = new X509Certificate(read(workstation.certificate));
    expect(workstationCertificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(workstationCertificate.subject).toBe(`O=${ZONE}\nCN=PC-ROOM1.interview_2`);
    expect(workstationCertificate.serialNumber.toUpperCase()).toBe(workstation.serial);
    expect(workstation.serial).toMatch(/^[0-9A-F]+$/);
    expect(workstation.notAfter).toEqual(workstationCertificate.validToDate);
    expect(workstation.notAfter.getTime() - Date.now()).toBeGreaterThan(824 * DAY);
    expect(fs.existsSync(path.join(caDir, 'issued', `${workstation.serial}.pem`))).toBe(true);
  });

  it('refuses to create a CA in a folder that already holds one, and leaves it as it was', async () => {
    const key = read(path.join(caDir, 'ca.key'));
    const certificate = read(path.join(caDir, 'ca.crt'));
    await expectCode(createZoneCa({ caDir, zoneName: 'Another zone' }), 'CA_EXISTS', /already holds a zone CA/);
    expect(read(path.join(caDir, 'ca.key'))).toEqual(key);
    expect(read(path.join(caDir, 'ca.crt'))).toEqual(certificate);
  });

  it('says so when the CA folder is missing', async () => {
    await expectCode(
      issueWorkstationCertificate({ caDir: path.join(root, 'nowhere'), outDir, workstation: 'pc-9' }),
      'CA_MISSING',
      /No zone CA in .*nowhere/,
    );
  });
});

describe('mutual TLS with the zone CA', () => {
  /** Refused by the strict server: the connection ends before the server has said a word. */
  async function expectRefused(client?: { certificate: string; key: string }): Promise<void> {
    const outcome = await connect(await startServer(), client);
    expect(outcome.greeting).toBeNull();
    expect([null, 'ECONNRESET']).toContain(outcome.clientError);
  }

  it('accepts a workstation of the zone and reads its name from the certificate', async () => {
    const outcome = await connect(await startServer(), workstation);
    expect(outcome).toEqual({ greeting: 'hello PC-ROOM1.interview_2\n', clientError: null });
    expect(await verdict(workstation)).toBe('AUTHORIZED');
  });

  it('refuses a client without a certificate', async () => {
    const outcome = await connect(await startServer());
    expect(outcome).toEqual({ greeting: null, clientError: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
  });

  it("refuses a workstation certificate from another CA, even one with the zone CA's very name", async () => {
    await createZoneCa({ caDir: foreignCaDir, zoneName: ZONE });
    const impostor = await issueWorkstationCertificate({
      caDir: foreignCaDir,
      outDir: path.join(root, 'foreign-out'),
      workstation: 'PC-ROOM1.interview_2',
    });
    await expectRefused(impostor);
    // Found by its name, the zone CA's key does not verify the impostor's signature.
    expect(await verdict(impostor)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('refuses a revoked workstation once the server has loaded the new CRL', async () => {
    const stolen = await issueWorkstationCertificate({ caDir, outDir, workstation: 'pc-stolen' });
    const running = await startServer();
    expect((await connect(running, stolen)).greeting).toBe('hello pc-stolen\n');

    await revokeCertificate({ caDir, certificate: stolen.certificate, reason: 'keyCompromise' });
    const listed = await listCertificates(caDir);
    expect(listed.find((entry) => entry.serial === stolen.serial)).toMatchObject({
      subject: `O=${ZONE}, CN=pc-stolen`,
      kind: 'workstation',
      revoked: true,
    });
    expect(listed.find((entry) => entry.serial === workstation.serial)?.revoked).toBe(false);

    // A running server keeps the list it was started with: the revocation counts once it reloads,
    // by a restart or by setSecureContext.
    expect((await connect(running, stolen)).greeting).toBe('hello pc-stolen\n');
    running.setSecureContext(serverOptions());
    expect((await connect(running, stolen)).greeting).toBeNull();

    await expectRefused(stolen);
    expect(await verdict(stolen)).toBe('CERT_REVOKED');
    // The other workstations are not affected.
    expect((await connect(await startServer(), workstation)).greeting).toBe('hello PC-ROOM1.interview_2\n');
  });

  it('refuses an expired workstation certificate', async () => {
    const expired = await issueWorkstationCertificate({
      caDir,
      outDir,
      workstation: 'pc-expired',
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    expect(expired.notAfter.getTime()).toBeLessThan(Date.now());
    await expectRefused(expired);
    expect(await verdict(expired)).toBe('CERT_HAS_EXPIRED');
  });

  it("refuses the server's own certificate used as a client certificate", async () => {
    await expectRefused(server);
    expect(await verdict(server)).toBe('INVALID_PURPOSE');
  });

  it('refuses every workstation once the CRL is past its nextUpdate, until the CRL is renewed', async () => {
    try {
      const stale = await renewCrl({
        caDir,
        lastUpdate: new Date(Date.now() - 31 * DAY),
        nextUpdate: new Date(Date.now() - DAY),
      });
      expect(stale.nextUpdate.getTime()).toBeLessThan(Date.now());
      await expectRefused(workstation);
      expect(await verdict(workstation)).toBe('CRL_HAS_EXPIRED');
    } finally {
      const renewed = await renewCrl({ caDir });
      expect(Math.abs(renewed.nextUpdate.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    }
    expect((await connect(await startServer(), workstation)).greeting).toBe('hello PC-ROOM1.interview_2\n');
  });
});

describe('issuing and revoking, refused', () => {
  it('refuses a second certificate for a workstation until the first is revoked', async () => {
    const first = await issueWorkstationCertificate({ caDir, outDir: path.join(root, 'dup-1'), workstation: 'pc-dup' });
    await expectCode(
      issueWorkstationCertificate({ caDir, outDir: path.join(root, 'dup-2'), workstation: 'PC-DUP' }),
      'NAME_IN_USE',
      /"PC-DUP" already has a valid certificate .*revoke it first/,
    );
    expect(fs.existsSync(path.join(root, 'dup-2', 'PC-DUP.key'))).toBe(false);

    await revokeCertificate({ caDir, serial: first.serial.toLowerCase(), reason: 'superseded' });
    const second = await issueWorkstationCertificate({
      caDir,
      outDir: path.join(root, 'dup-2'),
      workstation: 'pc-dup',
    });
    expect(second.serial).not.toBe(first.serial);
  });

  it('issues again for a workstation whose certificate has expired', async () => {
    await issueWorkstationCertificate({
      caDir,
      outDir: path.join(root, 'lapsed-1'),
      workstation: 'pc-lapsed',
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const renewed = await issueWorkstationCertificate({
      caDir,
      outDir: path.join(root, 'lapsed-2'),
      workstation: 'pc-lapsed',
    });
    expect(renewed.notAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it.each(['', 'pc 1', '../pc', '.hidden', '-rf', 'pc;rm', 'pc/1', 'pcé', 'x'.repeat(65)])(
    'refuses the workstation name %j',
    async (name) => {
      await expectCode(
        issueWorkstationCertificate({ caDir, outDir: path.join(root, 'bad'), workstation: name }),
        'INVALID_INPUT',
        /is not a valid workstation name/,
      );
    },
  );

  it('accepts a 64-character workstation name and refuses bad server names and addresses', async () => {
    await issueWorkstationCertificate({ caDir, outDir: path.join(root, 'long'), workstation: 'w'.repeat(64) });
    await expectCode(
      issueServerCertificate({ caDir, outDir, name: 'srv', dnsNames: ['bad name.example'] }),
      'INVALID_INPUT',
      /not a valid DNS name/,
    );
    await expectCode(
      issueServerCertificate({ caDir, outDir, name: 'srv', dnsNames: ['ok.example'], ipAddresses: ['300.1.1.1'] }),
      'INVALID_INPUT',
      /not an IP address/,
    );
    await expectCode(
      issueServerCertificate({ caDir, outDir, name: 'srv', dnsNames: [] }),
      'INVALID_INPUT',
      /at least one/,
    );
  });

  it('never overwrites a key already in outDir', async () => {
    const dir = path.join(root, 'occupied');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'pc-occupied.key'), 'an older key');
    await expectCode(
      issueWorkstationCertificate({ caDir, outDir: dir, workstation: 'pc-occupied' }),
      'FILE_EXISTS',
      /pc-occupied.key already exists/,
    );
    expect(fs.readFileSync(path.join(dir, 'pc-occupied.key'), 'utf8')).toBe('an older key');
    // Nothing was issued: the name is still free.
    const issued = await issueWorkstationCertificate({
      caDir,
      outDir: path.join(root, 'free'),
      workstation: 'pc-occupied',
    });
    expect(issued.serial).toMatch(/^[0-9A-F]+$/);
  });

  it('refuses to revoke what this CA did not issue, twice the same, or an unknown serial', async () => {
    const foreign = await issueWorkstationCertificate({
      caDir: foreignCaDir,
      outDir: path.join(root, 'foreign-out-2'),
      workstation: 'pc-foreign',
    });
    await expectCode(
      revokeCertificate({ caDir, certificate: foreign.certificate }),
      'NOT_ISSUED_BY_THIS_CA',
      /was not issued by this zone CA/,
    );

    const once = await issueWorkstationCertificate({
      caDir,
      outDir: path.join(root, 'twice'),
      workstation: 'pc-twice',
    });
    await revokeCertificate({ caDir, serial: once.serial });
    await expectCode(revokeCertificate({ caDir, certificate: once.certificate }), 'ALREADY_REVOKED', /already revoked/);
    await expectCode(
      revokeCertificate({ caDir, serial: '0ABCDEF123' }),
      'UNKNOWN_SERIAL',
      /No certificate with serial/,
    );
    await expectCode(revokeCertificate({ caDir }), 'INVALID_INPUT', /its file or its serial/);
  });

  it('reads a workstation name from a peer certificate only when it is one', () => {
    expect(workstationNameOf('pc-1')).toBe('pc-1');
    expect(() => workstationNameOf(['pc-1', 'pc-2'])).toThrow(CertificateError);
    expect(() => workstationNameOf(undefined)).toThrow(CertificateError);
    expect(() => workstationNameOf('pc 1')).toThrow(CertificateError);
  });
});
