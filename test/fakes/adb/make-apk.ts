import { execFileSync } from 'node:child_process';
import { createHash, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Test APKs made on the spot: a self-signed certificate from the `openssl` CLI, a ZIP written
 * here, signed either the v1 way (META-INF/CERT.RSA: a detached PKCS#7 by `openssl cms`) or with
 * an APK Signing Block (v2 or v3 layout, the certificate in the first signer; its digests are
 * not the real chunked ones, which the certificate reader does not check). Nothing is a real app.
 */

export interface TestCertificate {
  keyPem: string;
  certPem: string;
  der: Buffer;
  /** As `openssl x509 -fingerprint` prints them, upper-case hex without colons. */
  sha1: string;
  sha256: string;
}

function openssl(args: string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function makeCertificate(dir: string, commonName: string): TestCertificate {
  fs.mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '3650',
      '-subj',
      `/CN=${commonName}/O=Invented Test Signer`,
    ],
    dir,
  );
  openssl(['x509', '-in', cert, '-outform', 'DER', '-out', path.join(dir, 'cert.der')], dir);
  const fingerprint = (algorithm: string) =>
    openssl(['x509', '-in', cert, '-noout', '-fingerprint', `-${algorithm}`], dir)
      .trim()
      .split('=')[1]!
      .replace(/:/g, '')
      .toUpperCase();
  return {
    keyPem: fs.readFileSync(key, 'utf8'),
    certPem: fs.readFileSync(cert, 'utf8'),
    der: fs.readFileSync(path.join(dir, 'cert.der')),
    sha1: fingerprint('sha1'),
    sha256: fingerprint('sha256'),
  };
}

export interface ZipInput {
  name: string;
  data: Buffer;
  deflate?: boolean;
}

interface Zipped {
  /** Local headers and data: everything before the central directory. */
  entries: Buffer;
  centralDirectory: Buffer;
  count: number;
}

function zipParts(files: ZipInput[]): Zipped {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const stored = file.deflate ? deflateRawSync(file.data) : file.data;
    const method = file.deflate ? 8 : 0;
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  return { entries: Buffer.concat(locals), centralDirectory: Buffer.concat(centrals), count: files.length };
}

function endRecord(count: number, cdSize: number, cdOffset: number, comment = ''): Buffer {
  const c = Buffer.from(comment);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  eocd.writeUInt16LE(c.length, 20);
  return Buffer.concat([eocd, c]);
}

export function zip(files: ZipInput[], comment = ''): Buffer {
  const z = zipParts(files);
  return Buffer.concat([
    z.entries,
    z.centralDirectory,
    endRecord(z.count, z.centralDirectory.length, z.entries.length, comment),
  ]);
}

const MANIFEST = Buffer.from('<manifest package="invented.test"/>'); // stands in for the binary XML

function appFiles(packageName: string): ZipInput[] {
  return [
    { name: 'AndroidManifest.xml', data: Buffer.concat([MANIFEST, Buffer.from(packageName)]), deflate: true },
    { name: 'classes.dex', data: Buffer.from(`dex\n035\0 invented ${packageName}`.repeat(40)), deflate: true },
    { name: 'resources.arsc', data: Buffer.alloc(512, 7) },
  ];
}

function b64sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

/** The v1 signature files for `files`: MANIFEST.MF, CERT.SF, and CERT.RSA made by `openssl cms -sign`. */
function v1Files(dir: string, cert: TestCertificate, files: ZipInput[], name = 'CERT'): ZipInput[] {
  const manifest = Buffer.from(
    'Manifest-Version: 1.0\r\nCreated-By: hearing-desk tests\r\n\r\n' +
      files.map((f) => `Name: ${f.name}\r\nSHA-256-Digest: ${b64sha256(f.data)}\r\n\r\n`).join(''),
  );
  const signatureFile = Buffer.from(
    `Signature-Version: 1.0\r\nSHA-256-Digest-Manifest: ${b64sha256(manifest)}\r\nCreated-By: hearing-desk tests\r\n\r\n`,
  );
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.SF`), signatureFile);
  fs.writeFileSync(path.join(dir, 'signer.pem'), cert.certPem);
  fs.writeFileSync(path.join(dir, 'signer.key'), cert.keyPem);
  openssl(
    [
      'cms',
      '-sign',
      '-binary',
      '-noattr',
      '-md',
      'sha256',
      '-outform',
      'DER',
      '-in',
      `${name}.SF`,
      '-signer',
      'signer.pem',
      '-inkey',
      'signer.key',
      '-out',
      `${name}.RSA`,
    ],
    dir,
  );
  return [
    { name: 'META-INF/MANIFEST.MF', data: manifest, deflate: true },
    { name: `META-INF/${name}.SF`, data: signatureFile, deflate: true },
    { name: `META-INF/${name}.RSA`, data: fs.readFileSync(path.join(dir, `${name}.RSA`)) },
  ];
}

/** A v1-signed APK: MANIFEST.MF, CERT.SF, and CERT.RSA made by `openssl cms -sign`. */
export function makeV1Apk(dir: string, cert: TestCertificate, packageName: string, comment = ''): Buffer {
  const files = appFiles(packageName);
  return zip([...files, ...v1Files(dir, cert, files)], comment);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n), 0);
  return b;
}
function prefixed(data: Buffer): Buffer {
  return Buffer.concat([u32(data.length), data]);
}
function sequence(items: Buffer[]): Buffer {
  return prefixed(Buffer.concat(items.map(prefixed)));
}

const RSA_PKCS1_SHA256 = 0x0103;

export interface BlockSigning {
  /** The signers of the block, each with its own certificate (default: `cert` alone). */
  signers?: TestCertificate[];
  /** v3: earlier keys of a rotation, oldest first (the proof-of-rotation lineage; the signer is added last). */
  lineage?: TestCertificate[];
  /** Also sign v1 with this certificate (META-INF/CERT.RSA), as apksigner does for old Androids. */
  v1?: { dir: string; cert: TestCertificate };
}

const PROOF_OF_ROTATION_ATTR_ID = 0x3ba06f8c;

/** The v3 lineage attribute: version 1, then a node per certificate (signed data: certificate, algorithm; flags; algorithm; signature). */
function lineageAttribute(certs: TestCertificate[]): Buffer {
  const nodes = certs.map((c, i) => {
    const signedData = Buffer.concat([prefixed(c.der), u32(RSA_PKCS1_SHA256)]);
    const signature = i === 0 ? Buffer.alloc(0) : sign('sha256', signedData, certs[i - 1]!.keyPem);
    return prefixed(Buffer.concat([prefixed(signedData), u32(0), u32(RSA_PKCS1_SHA256), prefixed(signature)]));
  });
  return prefixed(Buffer.concat([u32(PROOF_OF_ROTATION_ATTR_ID), u32(1), ...nodes]));
}

function blockSigner(cert: TestCertificate, entries: Buffer, scheme: 'v2' | 'v3', lineage: TestCertificate[]): Buffer {
  const digest = createHash('sha256').update(entries).digest();
  const digests = sequence([Buffer.concat([u32(RSA_PKCS1_SHA256), prefixed(digest)])]);
  const certificates = sequence([cert.der]);
  const sdk = scheme === 'v3' ? Buffer.concat([u32(24), u32(0x7fffffff)]) : Buffer.alloc(0);
  const attributes =
    scheme === 'v3' && lineage.length > 0 ? prefixed(lineageAttribute([...lineage, cert])) : prefixed(Buffer.alloc(0));
  const signedData = Buffer.concat([digests, certificates, sdk, attributes]);
  const signature = sign('sha256', signedData, cert.keyPem);
  const publicKey = Buffer.from(
    execFileSync('openssl', ['x509', '-noout', '-pubkey'], { input: cert.certPem, encoding: 'utf8' }).replace(
      /-----[^-]+-----|\s/g,
      '',
    ),
    'base64',
  );
  return Buffer.concat([
    prefixed(signedData),
    sdk,
    sequence([Buffer.concat([u32(RSA_PKCS1_SHA256), prefixed(signature)])]),
    prefixed(publicKey),
  ]);
}

/**
 * An APK with an APK Signing Block: v2 layout, or v3 (min/max SDK after the signed data, and the
 * lineage of a key rotation in its attributes); one signer or several; with v1 files or without.
 */
export function makeBlockSignedApk(
  cert: TestCertificate,
  packageName: string,
  scheme: 'v2' | 'v3' = 'v2',
  signing: BlockSigning = {},
): Buffer {
  const files = appFiles(packageName);
  const z = zipParts(signing.v1 ? [...files, ...v1Files(signing.v1.dir, signing.v1.cert, files)] : files);
  const signers = (signing.signers ?? [cert]).map((c) => blockSigner(c, z.entries, scheme, signing.lineage ?? []));
  const value = sequence(signers);
  const id = scheme === 'v3' ? 0xf05368c0 : 0x7109871a;
  const pair = Buffer.concat([u64(4 + value.length), u32(id), value]);
  // A padding pair, as apksigner adds one (an unknown ID the reader must skip).
  const padding = Buffer.concat([u64(4 + 8), u32(0x42726577), Buffer.alloc(8)]);
  const pairs = Buffer.concat([pair, padding]);
  const size = pairs.length + 8 + 16;
  const block = Buffer.concat([u64(size), pairs, u64(size), Buffer.from('APK Sig Block 42', 'latin1')]);
  const cdOffset = z.entries.length + block.length;
  return Buffer.concat([z.entries, block, z.centralDirectory, endRecord(z.count, z.centralDirectory.length, cdOffset)]);
}
