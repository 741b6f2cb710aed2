import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

/**
 * The signing certificate of an APK, read (not verified) from its bytes:
 *
 * - the APK Signing Block (v2 `0x7109871a`, v3 `0xf05368c0`, v3.1 `0x1b93ad61`) that sits just
 *   before the ZIP central directory: every signer's certificates, and in v3 / v3.1 the earlier
 *   keys of a rotation (the proof-of-rotation lineage, attribute `0x3ba06f8c`);
 * - every v1 JAR signature `META-INF/*.RSA|DSA|EC` (PKCS#7 SignedData, DER): the certificate
 *   each SignerInfo names by issuer and serial number first, then the others it carries.
 *
 * The primary certificate (the one the phone itself would show) is the newest scheme's first
 * signer's; every certificate found is listed in `all`, once each, because an app may be signed by
 * several keys and stalkerware renamed under a new key still carries its rotated-out one.
 *
 * The ZIP's end of central directory is found and parsed here (no ZIP library). What the matching
 * needs is the certificate's SHA-1 (upper-case hex, as the indicators list them) and SHA-256; a
 * signature's validity is not checked, so a match is an indication for the forensic lab, and
 * the APK's own SHA-256 is kept beside it.
 */

export type SignatureScheme = 'v1' | 'v2' | 'v3' | 'v3.1';

export interface ApkCertificate {
  scheme: SignatureScheme;
  /** `signer`: a signer's own certificate; `lineage`: an earlier key of a v3 rotation; `chain`: carried beside a signer's. */
  role: 'signer' | 'lineage' | 'chain';
  sha1: string;
  sha256: string;
  /** The certificate, DER, base64 (for the report and a later expert check). */
  derBase64: string;
}

export interface ApkSignatureInfo {
  /** The certificate the indicators are compared with: v3.1, v3, v2, then v1. */
  primary: ApkCertificate;
  /** Every certificate the APK carries, once each (by SHA-1), the primary first. */
  all: ApkCertificate[];
}

export type ApkSignatureErrorCode =
  | 'not-a-zip'
  | 'zip64-unsupported'
  | 'signing-block-malformed'
  | 'pkcs7-malformed'
  | 'entry-unreadable'
  | 'no-signature';

export type ApkSignatureResult =
  { ok: true; info: ApkSignatureInfo } | { ok: false; code: ApkSignatureErrorCode; details?: string };

const EOCD_SIGNATURE = 0x06054b50;
const CD_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const SIGNING_BLOCK_MAGIC = 'APK Sig Block 42';
export const BLOCK_ID_V2 = 0x7109871a;
export const BLOCK_ID_V3 = 0xf05368c0;
export const BLOCK_ID_V31 = 0x1b93ad61;
/** The v3 signer's additional attribute that holds the signing-certificate lineage (key rotation). */
export const PROOF_OF_ROTATION_ATTR_ID = 0x3ba06f8c;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

class Malformed extends Error {
  constructor(
    readonly code: ApkSignatureErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

function certificateOf(scheme: SignatureScheme, der: Buffer, role: ApkCertificate['role'] = 'signer'): ApkCertificate {
  return {
    scheme,
    role,
    sha1: createHash('sha1').update(der).digest('hex').toUpperCase(),
    sha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
    derBase64: der.toString('base64'),
  };
}

interface CentralDirectory {
  offset: number;
  size: number;
  entries: number;
}

/** The end of central directory record: searched backwards over the largest possible comment. */
export function findCentralDirectory(apk: Buffer): CentralDirectory {
  if (apk.length < EOCD_MIN) throw new Malformed('not-a-zip', 'too short');
  const lowest = Math.max(0, apk.length - EOCD_MIN - MAX_COMMENT);
  for (let at = apk.length - EOCD_MIN; at >= lowest; at--) {
    if (apk.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    const commentLength = apk.readUInt16LE(at + 20);
    if (at + EOCD_MIN + commentLength !== apk.length) continue;
    const entries = apk.readUInt16LE(at + 10);
    const size = apk.readUInt32LE(at + 12);
    const offset = apk.readUInt32LE(at + 16);
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff)
      throw new Malformed('zip64-unsupported', 'ZIP64');
    if (offset + size > at) throw new Malformed('not-a-zip', 'central directory beyond its end record');
    return { offset, size, entries };
  }
  throw new Malformed('not-a-zip', 'no end of central directory');
}

/** Length-prefixed (uint32 LE) slices, one after another, filling `data`. */
function lengthPrefixed(data: Buffer, what: string): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 4 > data.length) throw new Malformed('signing-block-malformed', `${what}: truncated length`);
    const length = data.readUInt32LE(at);
    at += 4;
    if (at + length > data.length) throw new Malformed('signing-block-malformed', `${what}: truncated value`);
    out.push(data.subarray(at, at + length));
    at += length;
  }
  return out;
}

function firstLengthPrefixed(data: Buffer, what: string): Buffer {
  if (data.length < 4) throw new Malformed('signing-block-malformed', `${what}: truncated`);
  const length = data.readUInt32LE(0);
  if (4 + length > data.length) throw new Malformed('signing-block-malformed', `${what}: truncated`);
  return data.subarray(4, 4 + length);
}

/** The ID-value pairs of the APK Signing Block, or null when the APK has none. */
export function readSigningBlock(apk: Buffer, cd: CentralDirectory): Map<number, Buffer> | null {
  if (cd.offset < 32) return null;
  const magic = apk.toString('latin1', cd.offset - 16, cd.offset);
  if (magic !== SIGNING_BLOCK_MAGIC) return null;
  const sizeInFooter = apk.readBigUInt64LE(cd.offset - 24);
  const start = cd.offset - Number(sizeInFooter) - 8;
  if (sizeInFooter < 24n || start < 0) throw new Malformed('signing-block-malformed', 'size');
  if (apk.readBigUInt64LE(start) !== sizeInFooter) throw new Malformed('signing-block-malformed', 'sizes differ');
  const pairs = new Map<number, Buffer>();
  let at = start + 8;
  const end = cd.offset - 24;
  while (at < end) {
    if (at + 12 > end) throw new Malformed('signing-block-malformed', 'pair truncated');
    const length = apk.readBigUInt64LE(at);
    if (length < 4n || at + 8 + Number(length) > end) throw new Malformed('signing-block-malformed', 'pair length');
    const id = apk.readUInt32LE(at + 8);
    pairs.set(id, apk.subarray(at + 12, at + 8 + Number(length)));
    at += 8 + Number(length);
  }
  return pairs;
}

/**
 * v2 and v3 share the layout up to the certificates: signers → signer → signed data → digests,
 * certificates; v3 then has min and max SDK (two uint32) before the additional attributes, v2
 * has the attributes at once. Every signer's every certificate, then (v3) the lineage's.
 */
function blockCertificates(
  value: Buffer,
  scheme: 'v2' | 'v3' | 'v3.1',
): { der: Buffer; role: 'signer' | 'chain' | 'lineage' }[] {
  const signers = lengthPrefixed(firstLengthPrefixed(value, `${scheme} signers`), `${scheme} signers`);
  if (signers.length === 0) throw new Malformed('signing-block-malformed', `${scheme}: no signer`);
  const out: { der: Buffer; role: 'signer' | 'chain' | 'lineage' }[] = [];
  for (const signer of signers) {
    const signedData = firstLengthPrefixed(signer, `${scheme} signed data`);
    const digests = firstLengthPrefixed(signedData, `${scheme} digests`);
    let at = 4 + digests.length;
    const certificatesField = firstLengthPrefixed(signedData.subarray(at), `${scheme} certificates`);
    const certificates = lengthPrefixed(certificatesField, `${scheme} certificates`);
    if (certificates.length === 0 || certificates[0]!.length === 0)
      throw new Malformed('signing-block-malformed', `${scheme}: no certificate`);
    certificates.forEach((der, i) => out.push({ der, role: i === 0 ? 'signer' : 'chain' }));
    at += 4 + certificatesField.length;
    if (scheme === 'v2') continue;
    at += 8; // min and max SDK
    if (at + 4 > signedData.length) continue;
    const attributes = lengthPrefixed(
      firstLengthPrefixed(signedData.subarray(at), `${scheme} attributes`),
      `${scheme} attributes`,
    );
    for (const attribute of attributes) {
      if (attribute.length < 4 || attribute.readUInt32LE(0) !== PROOF_OF_ROTATION_ATTR_ID) continue;
      for (const der of lineageCertificates(attribute.subarray(4))) out.push({ der, role: 'lineage' });
    }
  }
  return out;
}

/** The signing-certificate lineage: a version (uint32), then nodes of signed data (certificate, algorithm), flags, algorithm, signature. */
function lineageCertificates(lineage: Buffer): Buffer[] {
  if (lineage.length < 4) throw new Malformed('signing-block-malformed', 'lineage: truncated');
  return lengthPrefixed(lineage.subarray(4), 'lineage nodes').map((node) => {
    const certificate = firstLengthPrefixed(firstLengthPrefixed(node, 'lineage signed data'), 'lineage certificate');
    if (certificate.length === 0) throw new Malformed('signing-block-malformed', 'lineage: empty certificate');
    return certificate;
  });
}

// ---- DER, as much as PKCS#7 SignedData needs ----

interface Tlv {
  tag: number;
  /** The whole element, header included. */
  raw: Buffer;
  content: Buffer;
}

function readTlv(data: Buffer, at: number): Tlv {
  if (at + 2 > data.length) throw new Malformed('pkcs7-malformed', 'truncated header');
  const tag = data[at]!;
  if ((tag & 0x1f) === 0x1f) throw new Malformed('pkcs7-malformed', 'high tag number');
  let length = data[at + 1]!;
  let header = 2;
  if (length === 0x80) throw new Malformed('pkcs7-malformed', 'indefinite length');
  if (length > 0x80) {
    const bytes = length & 0x7f;
    if (bytes > 4 || at + 2 + bytes > data.length) throw new Malformed('pkcs7-malformed', 'length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + data[at + 2 + i]!;
    header += bytes;
  }
  if (at + header + length > data.length) throw new Malformed('pkcs7-malformed', 'truncated element');
  return {
    tag,
    raw: data.subarray(at, at + header + length),
    content: data.subarray(at + header, at + header + length),
  };
}

function children(content: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < content.length;) {
    const tlv = readTlv(content, at);
    out.push(tlv);
    at += tlv.raw.length;
  }
  return out;
}

const OID_SIGNED_DATA = Buffer.from('2a864886f70d010702', 'hex');

/** The signer's certificate from a PKCS#7 SignedData (DER). */
export function certificateFromPkcs7(der: Buffer): Buffer {
  return certificatesFromPkcs7(der)[0]!.der;
}

/** Every certificate of a PKCS#7 SignedData (DER): those its SignerInfos name first, in their order, then the rest. */
export function certificatesFromPkcs7(der: Buffer): { der: Buffer; role: 'signer' | 'chain' }[] {
  const contentInfo = readTlv(der, 0);
  if (contentInfo.tag !== 0x30) throw new Malformed('pkcs7-malformed', 'ContentInfo');
  const [oid, explicit] = children(contentInfo.content);
  if (!oid || oid.tag !== 0x06 || !oid.content.equals(OID_SIGNED_DATA))
    throw new Malformed('pkcs7-malformed', 'not SignedData');
  if (!explicit || explicit.tag !== 0xa0) throw new Malformed('pkcs7-malformed', 'content');
  const signedData = readTlv(explicit.content, 0);
  if (signedData.tag !== 0x30) throw new Malformed('pkcs7-malformed', 'SignedData');
  const parts = children(signedData.content);
  const certSet = parts.find((p) => p.tag === 0xa0);
  if (!certSet) throw new Malformed('pkcs7-malformed', 'no certificates');
  const certificates = children(certSet.content).filter((c) => c.tag === 0x30);
  if (certificates.length === 0) throw new Malformed('pkcs7-malformed', 'no certificates');
  // Each SignerInfo's issuerAndSerialNumber names its signer's certificate.
  const named: Tlv[] = [];
  const signerInfos = parts.at(-1);
  if (signerInfos?.tag === 0x31) {
    for (const signerInfo of children(signerInfos.content)) {
      const sid = children(signerInfo.content)[1];
      if (sid?.tag !== 0x30) continue;
      const [issuer, serial] = children(sid.content);
      const match = certificates.find((cert) => {
        const tbs = children(cert.content)[0];
        if (!tbs) return false;
        const fields = children(tbs.content);
        const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
        return (
          !!issuer && !!serial && fields[offset]?.raw.equals(serial.raw) && fields[offset + 2]?.raw.equals(issuer.raw)
        );
      });
      if (match && !named.includes(match)) named.push(match);
    }
  }
  if (named.length === 0) named.push(certificates[0]!);
  return [
    ...named.map((c) => ({ der: c.raw, role: 'signer' as const })),
    ...certificates.filter((c) => !named.includes(c)).map((c) => ({ der: c.raw, role: 'chain' as const })),
  ];
}

// ---- ZIP entries, for v1 ----

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export function listZipEntries(apk: Buffer, cd: CentralDirectory): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = cd.offset;
  const end = cd.offset + cd.size;
  while (at + 46 <= end && apk.readUInt32LE(at) === CD_SIGNATURE) {
    const nameLength = apk.readUInt16LE(at + 28);
    const extraLength = apk.readUInt16LE(at + 30);
    const commentLength = apk.readUInt16LE(at + 32);
    entries.push({
      method: apk.readUInt16LE(at + 10),
      compressedSize: apk.readUInt32LE(at + 20),
      size: apk.readUInt32LE(at + 24),
      localOffset: apk.readUInt32LE(at + 42),
      name: apk.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(apk: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > apk.length || apk.readUInt32LE(at) !== LOCAL_SIGNATURE)
    throw new Malformed('entry-unreadable', `${entry.name}: local header`);
  const start = at + 30 + apk.readUInt16LE(at + 26) + apk.readUInt16LE(at + 28);
  if (entry.size > MAX_ENTRY_BYTES || start + entry.compressedSize > apk.length)
    throw new Malformed('entry-unreadable', `${entry.name}: size`);
  const data = apk.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  throw new Malformed('entry-unreadable', `${entry.name}: method ${entry.method}`);
}

const V1_SIGNATURE_FILE = /^META-INF\/[^/]+\.(RSA|DSA|EC)$/i;

/** Reads the signing certificates of an APK. Never throws: a malformed APK is a result. */
export function readApkSignature(apk: Buffer): ApkSignatureResult {
  try {
    const cd = findCentralDirectory(apk);
    const found: ApkCertificate[] = [];
    const block = readSigningBlock(apk, cd);
    if (block) {
      for (const [id, scheme] of [
        [BLOCK_ID_V31, 'v3.1'],
        [BLOCK_ID_V3, 'v3'],
        [BLOCK_ID_V2, 'v2'],
      ] as const) {
        const value = block.get(id);
        if (value) for (const c of blockCertificates(value, scheme)) found.push(certificateOf(scheme, c.der, c.role));
      }
    }
    const v1Files = listZipEntries(apk, cd).filter((e) => V1_SIGNATURE_FILE.test(e.name));
    for (const entry of v1Files)
      for (const c of certificatesFromPkcs7(readEntry(apk, entry))) found.push(certificateOf('v1', c.der, c.role));
    // A signer's own certificate before the same one met as a chain or lineage entry.
    const all: ApkCertificate[] = [];
    for (const c of [...found.filter((x) => x.role === 'signer'), ...found.filter((x) => x.role !== 'signer')])
      if (!all.some((x) => x.sha1 === c.sha1)) all.push(c);
    const primary = found.find((c) => c.role === 'signer');
    if (!primary) return { ok: false, code: 'no-signature' };
    return { ok: true, info: { primary, all: [primary, ...all.filter((c) => c !== primary)] } };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, code: error.code, details: error.message };
    return { ok: false, code: 'entry-unreadable', details: (error as Error).message };
  }
}
