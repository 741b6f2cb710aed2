import { execFile } from 'node:child_process';
import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The zone's own certificate authority, for its IT cell (zone.md, "The server"): the CA that
 * proves each workstation to the zone server (mutual TLS), the server certificates the
 * workstations pin it by, and the revocation list the server reads.
 *
 * It drives the `openssl` binary (OpenSSL 3) rather than an npm library: `openssl ca` keeps a
 * database of everything issued, which is what revocation and the CRL are made from, and zone IT
 * can inspect and repair that database with the tool they already know. Every call passes an
 * argument array to execFile, never a command line to a shell, and runs with the CA folder as its
 * working directory so that the generated configuration names no absolute path (a path with `$`
 * or `\` would be read as an OpenSSL variable or escape).
 *
 * Keys are ECDSA P-256: small, quick to make, and the cheapest TLS 1.3 handshake.
 *
 * The CA folder:
 * - `ca.key` (0600), `ca.crt`, `crl.pem`, `zone.json`
 * - `openssl.cnf`, and the `openssl ca` database: `index.txt`, `index.txt.attr`, `serial`, `crlnumber`
 * - `issued/<SERIAL>.pem`: a copy of every certificate issued, so a revocation never depends on
 *   the copy handed out.
 */

const CA_KEY = 'ca.key';
const CA_CERT = 'ca.crt';
const CRL = 'crl.pem';
const CONFIG = 'openssl.cnf';
const ZONE_FILE = 'zone.json';
const INDEX = 'index.txt';
const ISSUED_DIR = 'issued';
const LOCK = '.lock';
const WORK_PREFIX = '.work-';
/** Any one of these means the folder already holds a CA, which is never overwritten. */
const CA_FILES = [CA_KEY, CA_CERT, INDEX, CONFIG, ZONE_FILE];

const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/**
 * A workstation or server name: it becomes a subject CN, which the server reads back, and a file
 * name in outDir. The first character may not be a dot or a dash, so that no name is `..`, a
 * hidden file or a command-line option.
 */
const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const DNS_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DNS_NAME_PATTERN = new RegExp(`^(?:\\*\\.)?${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'CACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const OPENSSL_TIMEOUT_MS = 60_000;

export type CertificateErrorCode =
  | 'INVALID_INPUT'
  | 'CA_EXISTS'
  | 'CA_MISSING'
  | 'CA_BUSY'
  | 'CA_EXPIRES_FIRST'
  | 'NAME_IN_USE'
  | 'FILE_EXISTS'
  | 'NOT_ISSUED_BY_THIS_CA'
  | 'UNKNOWN_SERIAL'
  | 'ALREADY_REVOKED'
  | 'OPENSSL_FAILED';

/** What zone IT sees when a command is refused: the message says what is wrong and what to do. */
export class CertificateError extends Error {
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

/** Paths of the files written, the serial as uppercase hex (as in `index.txt`). */
export interface IssuedCertificate {
  certificate: string;
  key: string;
  serial: string;
  notAfter: Date;
}

export interface ListedCertificate {
  serial: string;
  subject: string;
  kind: 'server' | 'workstation';
  notAfter: Date;
  revoked: boolean;
}

// ---------------------------------------------------------------------------------------------
// The CA

export async function createZoneCa(options: {
  caDir: string;
  zoneName: string;
  validDays?: number;
}): Promise<{ certificate: string; crl: string }> {
  const zoneName = checkZoneName(options.zoneName);
  const validDays = checkDays(options.validDays ?? 3650, 'validDays');
  const caDir = path.resolve(options.caDir);
  await fs.promises.mkdir(caDir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing folder's mode alone, and a fresh one is subject to the umask.
  await fs.promises.chmod(caDir, 0o700);

  return withCaLock(caDir, async () => {
    const present = CA_FILES.filter((name) => fs.existsSync(path.join(caDir, name)));
    if (present.length > 0) {
      throw new CertificateError(
        'CA_EXISTS',
        `${caDir} already holds a zone CA (${present.join(', ')}); a CA is never overwritten: choose an empty folder`,
      );
    }
    const created: string[] = [];
    try {
      // `wx` also settles a race with another createZoneCa on the same folder.
      await writeNew(path.join(caDir, CA_KEY), await newPrivateKey(), 0o600);
      created.push(CA_KEY);
      const files: [string, string][] = [
        [CONFIG, opensslConfig()],
        [ZONE_FILE, `${JSON.stringify({ zoneName }, null, 2)}\n`],
        [INDEX, ''],
        // The database's own setting; our duplicate check is finer (workstations only, and not revoked).
        [`${INDEX}.attr`, 'unique_subject = no\n'],
        ['serial', `${initialSerial()}\n`],
        ['crlnumber', '01\n'],
      ];
      for (const [name, content] of files) {
        await writeNew(path.join(caDir, name), content, 0o600);
        created.push(name);
      }
      await fs.promises.mkdir(path.join(caDir, ISSUED_DIR), { mode: 0o700 });
      created.push(ISSUED_DIR);
      created.push(CA_CERT);
      await openssl(caDir, [
        'req',
        '-x509',
        '-new',
        '-config',
        CONFIG,
        '-key',
        CA_KEY,
        '-utf8',
        '-subj',
        subjectArgument(zoneName, 'Hearing Desk zone CA'),
        '-days',
        String(validDays),
        '-sha256',
        '-extensions',
        'v3_ca',
        '-out',
        CA_CERT,
      ]);
      await fs.promises.chmod(path.join(caDir, CA_CERT), 0o644);
      created.push(CRL);
      await generateCrl(caDir, { validDays: 30 });
    } catch (error) {
      // A half-made CA would refuse the next attempt as "already holds a CA".
      for (const name of created.reverse()) {
        await fs.promises.rm(path.join(caDir, name), { recursive: true, force: true });
      }
      throw error;
    }
    return { certificate: path.join(caDir, CA_CERT), crl: path.join(caDir, CRL) };
  });
}

// ---------------------------------------------------------------------------------------------
// Issuing

export async function issueServerCertificate(options: {
  caDir: string;
  outDir: string;
  name: string;
  dnsNames: string[];
  ipAddresses?: string[];
  validDays?: number;
}): Promise<IssuedCertificate> {
  const name = checkName(options.name, 'server');
  const dnsNames = options.dnsNames.map((dnsName) => {
    if (dnsName.length > 253 || !DNS_NAME_PATTERN.test(dnsName)) {
      throw new CertificateError('INVALID_INPUT', `"${dnsName}" is not a valid DNS name for the server certificate`);
    }
    return dnsName.toLowerCase();
  });
  const ipAddresses = (options.ipAddresses ?? []).map((address) => {
    if (isIP(address) === 0) {
      throw new CertificateError('INVALID_INPUT', `"${address}" is not an IP address`);
    }
    return address;
  });
  if (dnsNames.length === 0 && ipAddresses.length === 0) {
    throw new CertificateError(
      'INVALID_INPUT',
      'A server certificate needs at least one DNS name or IP address: the one workstations connect to',
    );
  }
  const subjectAltName = [...dnsNames.map((n) => `DNS:${n}`), ...ipAddresses.map((a) => `IP:${a}`)].join(', ');
  const notBefore = new Date();
  return issue({
    caDir: options.caDir,
    outDir: options.outDir,
    name,
    kind: 'server',
    extensions: [...END_ENTITY_EXTENSIONS, 'extendedKeyUsage = serverAuth', `subjectAltName = ${subjectAltName}`],
    notBefore,
    notAfter: new Date(notBefore.getTime() + checkDays(options.validDays ?? 825, 'validDays') * DAY_MS),
    explicitDates: false,
  });
}

export async function issueWorkstationCertificate(options: {
  caDir: string;
  outDir: string;
  workstation: string;
  validDays?: number;
  /** With notAfter, for an exact validity (tests make an expired certificate with it). */
  notBefore?: Date;
  notAfter?: Date;
}): Promise<IssuedCertificate> {
  const name = checkName(options.workstation, 'workstation');
  const explicitDates = options.notBefore !== undefined || options.notAfter !== undefined;
  const notBefore = options.notBefore ?? new Date();
  const notAfter =
    options.notAfter ?? new Date(notBefore.getTime() + checkDays(options.validDays ?? 825, 'validDays') * DAY_MS);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()) || notAfter <= notBefore) {
    throw new CertificateError('INVALID_INPUT', 'notAfter must be a valid date after notBefore');
  }
  return issue({
    caDir: options.caDir,
    outDir: options.outDir,
    name,
    kind: 'workstation',
    // clientAuth only: a workstation's certificate cannot pose as the server.
    extensions: [...END_ENTITY_EXTENSIONS, 'extendedKeyUsage = clientAuth'],
    notBefore,
    notAfter,
    explicitDates,
  });
}

const END_ENTITY_EXTENSIONS = [
  'basicConstraints = critical, CA:false',
  // ECDSA signs the TLS 1.3 handshake; it never encrypts or agrees keys with the certificate's key.
  'keyUsage = critical, digitalSignature',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
];

async function issue(request: {
  caDir: string;
  outDir: string;
  name: string;
  kind: 'server' | 'workstation';
  extensions: string[];
  notBefore: Date;
  notAfter: Date;
  explicitDates: boolean;
}): Promise<IssuedCertificate> {
  const caDir = path.resolve(request.caDir);
  const outDir = path.resolve(request.outDir);
  const ca = await loadCa(caDir);
  if (request.notAfter > ca.certificate.validToDate) {
    throw new CertificateError(
      'CA_EXPIRES_FIRST',
      `The zone CA expires on ${ca.certificate.validToDate.toISOString()}, before the requested end of validity ` +
        `(${request.notAfter.toISOString()}): ask for fewer days, or create a new CA`,
    );
  }

  return withCaLock(caDir, async () => {
    if (request.kind === 'workstation') {
      const inUse = (await readCertificates(caDir)).find(
        (entry) =>
          entry.kind === 'workstation' &&
          !entry.revoked &&
          entry.notAfter > new Date() &&
          entry.commonName.toLowerCase() === request.name.toLowerCase(),
      );
      if (inUse) {
        throw new CertificateError(
          'NAME_IN_USE',
          `Workstation "${request.name}" already has a valid certificate (serial ${inUse.serial}, until ` +
            `${inUse.notAfter.toISOString()}): revoke it first, then issue a new one`,
        );
      }
    }

    await fs.promises.mkdir(outDir, { recursive: true, mode: 0o700 });
    const keyPath = path.join(outDir, `${request.name}.key`);
    const certificatePath = path.join(outDir, `${request.name}.crt`);
    for (const file of [keyPath, certificatePath]) {
      if (fs.existsSync(file)) {
        throw new CertificateError(
          'FILE_EXISTS',
          `${file} already exists; a key or certificate is never overwritten: move it away or choose another outDir`,
        );
      }
    }

    const work = await fs.promises.mkdtemp(path.join(caDir, WORK_PREFIX));
    const written: string[] = [];
    try {
      await writeNew(keyPath, await newPrivateKey(), 0o600);
      written.push(keyPath);
      const csr = path.join(work, 'request.csr');
      const extensionFile = path.join(work, 'extensions.cnf');
      const issued = path.join(work, 'certificate.pem');
      await fs.promises.writeFile(extensionFile, `[end_entity]\n${request.extensions.join('\n')}\n`);
      await openssl(caDir, [
        'req',
        '-new',
        '-config',
        CONFIG,
        '-key',
        keyPath,
        '-utf8',
        '-subj',
        subjectArgument(ca.zoneName, request.name),
        '-out',
        csr,
      ]);
      const validity = request.explicitDates
        ? ['-startdate', opensslTime(request.notBefore), '-enddate', opensslTime(request.notAfter)]
        : ['-days', String(Math.round((request.notAfter.getTime() - request.notBefore.getTime()) / DAY_MS))];
      await openssl(caDir, [
        'ca',
        '-batch',
        '-config',
        CONFIG,
        '-utf8',
        '-notext',
        '-in',
        csr,
        '-extfile',
        extensionFile,
        '-extensions',
        'end_entity',
        ...validity,
        '-out',
        issued,
      ]);
      const pem = await fs.promises.readFile(issued, 'utf8');
      await writeNew(certificatePath, pem, 0o644);
      written.push(certificatePath);
      const certificate = new X509Certificate(pem);
      return {
        certificate: certificatePath,
        key: keyPath,
        serial: indexSerial(certificate.serialNumber),
        notAfter: certificate.validToDate,
      };
    } catch (error) {
      for (const file of written) await fs.promises.rm(file, { force: true });
      throw error;
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Revocation

/**
 * Marks a certificate revoked in the CA's database and writes a new `crl.pem`, which the zone
 * server must then load: until it does, the revoked certificate still opens a connection.
 */
export async function revokeCertificate(options: {
  caDir: string;
  certificate?: string;
  serial?: string;
  reason?: RevocationReason;
  /** Days until the new CRL's nextUpdate (as renewCrl). */
  crlValidDays?: number;
}): Promise<{ crl: string }> {
  const caDir = path.resolve(options.caDir);
  const ca = await loadCa(caDir);
  const reason = options.reason;
  if (reason !== undefined && !REVOCATION_REASONS.includes(reason)) {
    throw new CertificateError(
      'INVALID_INPUT',
      `"${String(reason)}" is not a revocation reason (${REVOCATION_REASONS.join(', ')})`,
    );
  }
  let serial: string | undefined;
  if (options.serial !== undefined) {
    if (!/^[0-9A-Fa-f]{1,40}$/.test(options.serial.replace(/:/g, ''))) {
      throw new CertificateError('INVALID_INPUT', `"${options.serial}" is not a serial number (hexadecimal digits)`);
    }
    serial = indexSerial(options.serial);
  }
  if (options.certificate !== undefined) {
    const certificate = await readCertificateFile(options.certificate);
    if (!certificate.checkIssued(ca.certificate) || !certificate.verify(ca.certificate.publicKey)) {
      throw new CertificateError(
        'NOT_ISSUED_BY_THIS_CA',
        `${options.certificate} was not issued by this zone CA (${caDir}); its issuer is ${oneLine(certificate.issuer)}`,
      );
    }
    const fromFile = indexSerial(certificate.serialNumber);
    if (serial !== undefined && serial !== fromFile) {
      throw new CertificateError(
        'INVALID_INPUT',
        `The serial given (${serial}) is not the certificate's (${fromFile}): give one of the two`,
      );
    }
    serial = fromFile;
  }
  if (serial === undefined) {
    throw new CertificateError('INVALID_INPUT', 'Say which certificate to revoke: its file or its serial number');
  }
  const wanted = serial;
  const crlValidDays = checkDays(options.crlValidDays ?? 30, 'crlValidDays');

  return withCaLock(caDir, async () => {
    const entry = (await readIndex(caDir)).find((row) => sameSerial(row.serial, wanted));
    if (!entry) {
      throw new CertificateError(
        options.certificate !== undefined ? 'NOT_ISSUED_BY_THIS_CA' : 'UNKNOWN_SERIAL',
        `No certificate with serial ${wanted} is in this zone CA's database (${path.join(caDir, INDEX)})`,
      );
    }
    if (entry.status === 'R') {
      throw new CertificateError(
        'ALREADY_REVOKED',
        `The certificate with serial ${entry.serial} (${entry.subject}) is already revoked (since ${entry.revokedAt?.toISOString() ?? 'unknown'})`,
      );
    }
    await openssl(caDir, [
      'ca',
      '-config',
      CONFIG,
      '-revoke',
      path.join(ISSUED_DIR, `${entry.serial}.pem`),
      // With no reason given the CRL entry carries none: RFC 5280 asks not to write `unspecified`.
      ...(reason === undefined ? [] : ['-crl_reason', reason]),
    ]);
    await generateCrl(caDir, { validDays: crlValidDays });
    return { crl: path.join(caDir, CRL) };
  });
}

/**
 * Writes a new `crl.pem`. Every CRL has a nextUpdate, and once it has passed OpenSSL refuses every
 * client certificate of the zone (CRL_HAS_EXPIRED), valid or not: a zone renews well before, e.g.
 * weekly from a timer, and reloads it into the server.
 */
export async function renewCrl(options: {
  caDir: string;
  validDays?: number;
  /** Explicit dates (tests make an expired CRL with them); they override validDays. */
  lastUpdate?: Date;
  nextUpdate?: Date;
}): Promise<{ crl: string; nextUpdate: Date }> {
  const caDir = path.resolve(options.caDir);
  await loadCa(caDir);
  const validDays = checkDays(options.validDays ?? 30, 'validDays');
  if (options.lastUpdate && options.nextUpdate && options.nextUpdate <= options.lastUpdate) {
    throw new CertificateError('INVALID_INPUT', 'nextUpdate must come after lastUpdate');
  }
  return withCaLock(caDir, async () => {
    const nextUpdate = await generateCrl(caDir, {
      validDays,
      lastUpdate: options.lastUpdate,
      nextUpdate: options.nextUpdate,
    });
    return { crl: path.join(caDir, CRL), nextUpdate };
  });
}

async function generateCrl(
  caDir: string,
  options: { validDays: number; lastUpdate?: Date | undefined; nextUpdate?: Date | undefined },
): Promise<Date> {
  const temporary = `${CRL}.tmp`;
  const dates = [
    ...(options.lastUpdate ? ['-crl_lastupdate', opensslTime(options.lastUpdate)] : []),
    ...(options.nextUpdate
      ? ['-crl_nextupdate', opensslTime(options.nextUpdate)]
      : ['-crldays', String(options.validDays)]),
  ];
  await openssl(caDir, ['ca', '-config', CONFIG, '-gencrl', ...dates, '-out', temporary]);
  // A server reloading crl.pem at any moment reads the old list or the new one, never half of one.
  await fs.promises.chmod(path.join(caDir, temporary), 0o644);
  await fs.promises.rename(path.join(caDir, temporary), path.join(caDir, CRL));
  const { stdout } = await openssl(caDir, ['crl', '-in', CRL, '-noout', '-nextupdate']);
  const match = /nextUpdate=(.+)/.exec(stdout);
  const nextUpdate = match?.[1] ? new Date(match[1].trim()) : new Date(Number.NaN);
  if (Number.isNaN(nextUpdate.getTime())) {
    throw new CertificateError('OPENSSL_FAILED', `openssl crl printed no readable nextUpdate: ${stdout.trim()}`);
  }
  return nextUpdate;
}

// ---------------------------------------------------------------------------------------------
// Listing

export async function listCertificates(caDir: string): Promise<ListedCertificate[]> {
  const dir = path.resolve(caDir);
  await loadCa(dir);
  return (await readCertificates(dir)).map(({ serial, subject, kind, notAfter, revoked }) => ({
    serial,
    subject,
    kind,
    notAfter,
    revoked,
  }));
}

/**
 * The workstation a peer certificate names (the server passes `getPeerCertificate().subject.CN`,
 * which Node gives as an array when a subject has several CNs). Throws on anything our CA would
 * not have issued, so a server never takes a malformed name for a workstation.
 */
export function workstationNameOf(peerCertificateSubjectCN: string | string[] | undefined): string {
  if (typeof peerCertificateSubjectCN !== 'string' || !NAME_PATTERN.test(peerCertificateSubjectCN)) {
    throw new CertificateError('INVALID_INPUT', 'The peer certificate does not name one workstation in its subject CN');
  }
  return peerCertificateSubjectCN;
}

interface IndexRow {
  status: 'V' | 'R' | 'E';
  serial: string;
  subject: string;
  revokedAt: Date | null;
}

interface KnownCertificate extends ListedCertificate {
  commonName: string;
}

/** The database's rows with what their copies in `issued/` say (kind, exact subject, notAfter). */
async function readCertificates(caDir: string): Promise<KnownCertificate[]> {
  const rows = await readIndex(caDir);
  const result: KnownCertificate[] = [];
  for (const row of rows) {
    const copy = path.join(caDir, ISSUED_DIR, `${row.serial}.pem`);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(await fs.promises.readFile(copy));
    } catch {
      throw new CertificateError(
        'CA_MISSING',
        `The CA's copy of certificate ${row.serial} (${copy}) is missing or unreadable: restore the CA folder from its backup`,
      );
    }
    const usages = Array.isArray(certificate.keyUsage) ? certificate.keyUsage : [];
    // Only this module issues here, and always with one of the two usages; anything else is not listed.
    const kind = usages.includes(OID_SERVER_AUTH) ? 'server' : usages.includes(OID_CLIENT_AUTH) ? 'workstation' : null;
    if (kind === null) continue;
    const subjectParts = certificate.subject.split('\n');
    result.push({
      serial: row.serial,
      subject: subjectParts.join(', '),
      kind,
      notAfter: certificate.validToDate,
      revoked: row.status === 'R',
      commonName: subjectParts.find((part) => part.startsWith('CN='))?.slice(3) ?? '',
    });
  }
  return result;
}

/** `index.txt`: status, expiry, revocation date[,reason], serial, file name, subject; tab-separated. */
async function readIndex(caDir: string): Promise<IndexRow[]> {
  const text = await fs.promises.readFile(path.join(caDir, INDEX), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [status, , revocation, serial, , subject] = line.split('\t');
      if ((status !== 'V' && status !== 'R' && status !== 'E') || !serial) {
        throw new CertificateError('OPENSSL_FAILED', `Unreadable line in ${path.join(caDir, INDEX)}: ${line}`);
      }
      const revokedAt = revocation ? parseOpensslTime(revocation.split(',')[0] ?? '') : null;
      return { status, serial: serial.toUpperCase(), subject: subject ?? '', revokedAt };
    });
}

// ---------------------------------------------------------------------------------------------
// Shared

async function loadCa(caDir: string): Promise<{ certificate: X509Certificate; zoneName: string }> {
  const missing = [CA_KEY, CA_CERT, INDEX, CONFIG, ZONE_FILE].filter((name) => !fs.existsSync(path.join(caDir, name)));
  if (missing.length > 0) {
    throw new CertificateError(
      'CA_MISSING',
      `No zone CA in ${caDir} (missing: ${missing.join(', ')}): create one with 'hearing-desk-server ca create', or give the right folder`,
    );
  }
  const certificate = new X509Certificate(await fs.promises.readFile(path.join(caDir, CA_CERT)));
  const zone = JSON.parse(await fs.promises.readFile(path.join(caDir, ZONE_FILE), 'utf8')) as { zoneName?: unknown };
  if (typeof zone.zoneName !== 'string') {
    throw new CertificateError('CA_MISSING', `${path.join(caDir, ZONE_FILE)} does not name the zone`);
  }
  return { certificate, zoneName: zone.zoneName };
}

async function readCertificateFile(file: string): Promise<X509Certificate> {
  let pem: Buffer;
  try {
    pem = await fs.promises.readFile(file);
  } catch {
    throw new CertificateError('INVALID_INPUT', `Cannot read the certificate file ${file}`);
  }
  try {
    return new X509Certificate(pem);
  } catch {
    throw new CertificateError('INVALID_INPUT', `${file} is not a PEM certificate`);
  }
}

/**
 * `openssl ca` keeps its database consistent only if one command runs at a time: calls in this
 * process queue, and a lock file keeps out another process (another IT session on the same CA).
 */
const queues = new Map<string, Promise<unknown>>();

async function withCaLock<T>(caDir: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(caDir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withLockFile(caDir, work));
  queues.set(caDir, run);
  try {
    return await run;
  } finally {
    if (queues.get(caDir) === run) queues.delete(caDir);
  }
}

async function withLockFile<T>(caDir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(caDir, LOCK);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fs.promises.writeFile(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw busy(lock);
      const holder = Number.parseInt(await fs.promises.readFile(lock, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) throw busy(lock);
      // Left by a command that crashed: nothing holds it any more.
      await fs.promises.rm(lock, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    await fs.promises.rm(lock, { force: true });
  }
}

function busy(lock: string): CertificateError {
  return new CertificateError(
    'CA_BUSY',
    `Another certificate command is working on this CA (lock file ${lock}); wait for it to finish`,
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const execFileAsync = promisify(execFile);

async function openssl(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync('openssl', args, { cwd, timeout: OPENSSL_TIMEOUT_MS, encoding: 'utf8' });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new CertificateError('OPENSSL_FAILED', 'The openssl command was not found: install OpenSSL 3');
    }
    // stderr names files and settings, never key material: keys go by path only.
    const detail = (failure.stderr ?? failure.message).trim().split('\n').slice(-4).join(' | ');
    throw new CertificateError('OPENSSL_FAILED', `openssl ${args[0]} failed: ${detail}`);
  }
}

async function newPrivateKey(): Promise<string> {
  const generate = promisify(generateKeyPair);
  const { privateKey } = await generate('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return privateKey;
}

/** Never replaces a file: a key or certificate in use must not vanish under a typo. */
async function writeNew(file: string, content: string, mode: number): Promise<void> {
  try {
    await fs.promises.writeFile(file, content, { flag: 'wx', mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CertificateError('FILE_EXISTS', `${file} already exists and is never overwritten`);
    }
    throw error;
  }
  // The umask may have taken bits away from `mode`, never added: this sets exactly what is meant.
  await fs.promises.chmod(file, mode);
}

function checkName(name: string, what: 'server' | 'workstation'): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new CertificateError(
      'INVALID_INPUT',
      `"${String(name)}" is not a valid ${what} name: 1 to 64 letters, digits, dots, hyphens or underscores, ` +
        'starting with a letter, digit or underscore',
    );
  }
  return name;
}

function checkZoneName(zoneName: string): string {
  const trimmed = typeof zoneName === 'string' ? zoneName.trim() : '';
  // Control and bidirectional formatting characters could make one zone's name read as another's.
  if (trimmed.length === 0 || trimmed.length > 64 || /[\p{Cc}\p{Cf}]/u.test(trimmed)) {
    throw new CertificateError(
      'INVALID_INPUT',
      'The zone name must be 1 to 64 characters, without control or formatting characters',
    );
  }
  return trimmed;
}

function checkDays(days: number, what: string): number {
  if (!Number.isInteger(days) || days < 1 || days > 36_500) {
    throw new CertificateError('INVALID_INPUT', `${what} must be a whole number of days from 1 to 36500`);
  }
  return days;
}

/** `-subj` syntax: `/`, `+`, `=` and `\` in a value are escaped, or they would start a new field. */
function subjectArgument(organization: string, commonName: string): string {
  const escape = (value: string) => value.replace(/[\\/+=]/g, (c) => `\\${c}`);
  return `/O=${escape(organization)}/CN=${escape(commonName)}`;
}

/** A random 64-bit first serial: two CAs of one zone (a test CA, a rebuilt one) do not reuse serials. */
function initialSerial(): string {
  const bytes = randomBytes(8);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex').toUpperCase();
}

/** The serial as `index.txt` and `issued/` spell it: uppercase hex, an even number of digits. */
function indexSerial(serial: string): string {
  const digits = serial
    .replace(/:/g, '')
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
  return digits.length % 2 === 0 ? digits : `0${digits}`;
}

function sameSerial(a: string, b: string): boolean {
  return indexSerial(a) === indexSerial(b);
}

/** GeneralizedTime, which `openssl ca` takes for any year (UTCTime stops at 2049). */
function opensslTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function parseOpensslTime(value: string): Date | null {
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const year = match[1]?.length === 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').join(', ');
}

function opensslConfig(): string {
  return `# Written by Hearing Desk (createZoneCa). openssl runs with this folder as its working
# directory, hence the relative paths.
[ca]
default_ca = zone_ca

[zone_ca]
database = ./${INDEX}
new_certs_dir = ./${ISSUED_DIR}
certificate = ./${CA_CERT}
private_key = ./${CA_KEY}
serial = ./serial
crlnumber = ./crlnumber
default_md = sha256
default_days = 825
default_crl_days = 30
policy = policy_zone
unique_subject = no
copy_extensions = none
email_in_dn = no
preserve = no
string_mask = utf8only
crl_extensions = crl_extensions

[policy_zone]
organizationName = match
commonName = supplied

[crl_extensions]
authorityKeyIdentifier = keyid:always

[req]
distinguished_name = req_distinguished_name
string_mask = utf8only
utf8 = yes
prompt = no

[req_distinguished_name]

[v3_ca]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;
}
