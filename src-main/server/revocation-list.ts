/**
 * What the server needs of the zone CA's revocation list beyond what TLS enforces at the
 * handshake: the serials it revokes (a workstation revoked while connected is cut off at once,
 * not at its next connection) and when it must be renewed (OpenSSL refuses every workstation once
 * it is past). Read from the DER of RFC 5280's CertificateList; the signature is TLS's to check.
 */
export interface RevocationList {
  revokedSerials: Set<string>;
  nextUpdate: Date | null;
}

export function readRevocationList(pem: string): RevocationList {
  const base64 = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(pem)?.[1];
  if (!base64) throw new Error('not a PEM revocation list (no BEGIN X509 CRL block)');
  const der = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  const list = element(der, 0);
  const tbs = element(der, list.start);
  const fields = children(der, tbs);
  let i = 0;
  if (fields[i]?.tag === INTEGER) i++; // version
  i += 3; // signature algorithm, issuer, thisUpdate
  let nextUpdate: Date | null = null;
  if (fields[i] && isTime(fields[i]!.tag)) nextUpdate = readTime(der, fields[i++]!);
  const revokedSerials = new Set<string>();
  const revoked = fields[i];
  if (revoked?.tag === SEQUENCE) {
    for (const entry of children(der, revoked)) {
      const serial = element(der, entry.start);
      revokedSerials.add(normaliseSerial(der.subarray(serial.start, serial.end).toString('hex')));
    }
  }
  return { revokedSerials, nextUpdate };
}

/** Serials compared as Node's getPeerCertificate() and the CRL write them: upper-case hex, no leading zeros. */
export function normaliseSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+(?=.)/, '');
}

const INTEGER = 0x02;
const SEQUENCE = 0x30;
const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;

interface Element {
  tag: number;
  /** The contents, after the tag and length. */
  start: number;
  end: number;
}

function element(der: Buffer, offset: number): Element {
  if (offset + 2 > der.length) throw new Error('truncated revocation list');
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4) throw new Error('unsupported length in revocation list');
    length = 0;
    for (let b = 0; b < bytes; b++) length = length * 256 + der[offset + 2 + b]!;
    header += bytes;
  }
  const start = offset + header;
  if (start + length > der.length) throw new Error('truncated revocation list');
  return { tag, start, end: start + length };
}

function children(der: Buffer, parent: Element): Element[] {
  const found: Element[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = element(der, offset);
    found.push(child);
    offset = child.end;
  }
  return found;
}

function isTime(tag: number): boolean {
  return tag === UTC_TIME || tag === GENERALIZED_TIME;
}

function readTime(der: Buffer, time: Element): Date {
  const text = der.subarray(time.start, time.end).toString('latin1');
  const digits = time.tag === UTC_TIME ? `${Number(text.slice(0, 2)) >= 50 ? '19' : '20'}${text}` : text;
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(digits) ?? [];
  if (!y) throw new Error(`unreadable time in revocation list: ${text}`);
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}
