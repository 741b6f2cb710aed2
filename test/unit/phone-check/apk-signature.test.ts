import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApkSignature } from '../../../src-main/phone-check/apk-signature';
import { makeBlockSignedApk, makeCertificate, makeV1Apk, zip, type TestCertificate } from '../../fakes/adb/make-apk';

let dir: string;
let cert: TestCertificate;
let other: TestCertificate;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-apk-'));
  cert = makeCertificate(path.join(dir, 'a'), 'Invented Signer A');
  other = makeCertificate(path.join(dir, 'b'), 'Invented Signer B');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the APK certificate reader', () => {
  it('reads the v1 signature (META-INF/CERT.RSA, PKCS#7 by openssl)', () => {
    const apk = makeV1Apk(path.join(dir, 'v1'), cert, 'com.example.invented');
    const result = readApkSignature(apk);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.info.primary).toMatchObject({ scheme: 'v1', sha1: cert.sha1, sha256: cert.sha256 });
    expect(result.info.all).toHaveLength(1);
    // The bytes are the certificate itself, as Node's X.509 parser sees it.
    const x509 = new X509Certificate(Buffer.from(result.info.primary.derBase64, 'base64'));
    expect(x509.subject).toContain('CN=Invented Signer A');
    expect(x509.fingerprint.replace(/:/g, '')).toBe(cert.sha1);
  });

  it('finds the end of central directory behind a ZIP comment', () => {
    const apk = makeV1Apk(path.join(dir, 'v1c'), other, 'com.example.comment', 'a comment with PK\u0005\u0006 inside');
    const result = readApkSignature(apk);
    expect(result.ok && result.info.primary.sha1).toBe(other.sha1);
  });

  it('reads the v2 and v3 APK Signing Blocks', () => {
    for (const scheme of ['v2', 'v3'] as const) {
      const result = readApkSignature(makeBlockSignedApk(cert, 'com.example.block', scheme));
      expect(result.ok, scheme).toBe(true);
      if (!result.ok) continue;
      expect(result.info.primary).toMatchObject({ scheme, sha1: cert.sha1, sha256: cert.sha256 });
    }
  });

  it('lists every certificate the APK carries: v1 and v2 by different keys, several signers, a rotated key', () => {
    const third = makeCertificate(path.join(dir, 'c'), 'Invented Signer C');
    const sha1s = (apk: Buffer) => {
      const result = readApkSignature(apk);
      if (!result.ok) throw new Error(result.code);
      return result.info.all.map((c) => `${c.scheme}:${c.role}:${c.sha1}`);
    };
    // v2 by one key, v1 by another (the primary stays the newest scheme's signer).
    const mixed = makeBlockSignedApk(cert, 'com.example.mixed', 'v2', {
      v1: { dir: path.join(dir, 'mixed'), cert: other },
    });
    expect(sha1s(mixed)).toEqual([`v2:signer:${cert.sha1}`, `v1:signer:${other.sha1}`]);
    // Two v2 signers.
    const two = makeBlockSignedApk(cert, 'com.example.two', 'v2', { signers: [cert, other] });
    expect(sha1s(two)).toEqual([`v2:signer:${cert.sha1}`, `v2:signer:${other.sha1}`]);
    // v3 after a rotation: the signer's key now, the two earlier ones from the lineage.
    const rotated = makeBlockSignedApk(third, 'com.example.rotated', 'v3', { lineage: [cert, other] });
    expect(sha1s(rotated)).toEqual([`v3:signer:${third.sha1}`, `v3:lineage:${cert.sha1}`, `v3:lineage:${other.sha1}`]);
    const result = readApkSignature(rotated);
    expect(result.ok && result.info.primary.sha1).toBe(third.sha1);
  });

  it('returns a typed error for what is not a signed APK', () => {
    expect(readApkSignature(Buffer.from('not a zip at all'))).toMatchObject({ ok: false, code: 'not-a-zip' });
    expect(readApkSignature(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'not-a-zip' });
    const unsigned = zip([{ name: 'AndroidManifest.xml', data: Buffer.from('x') }]);
    expect(readApkSignature(unsigned)).toEqual({ ok: false, code: 'no-signature' });
    const v2 = makeBlockSignedApk(cert, 'com.example.block');
    // Damage the block's leading size: the two sizes no longer agree.
    const magicAt = v2.indexOf('APK Sig Block 42');
    const size = Number(v2.readBigUInt64LE(magicAt - 8));
    const broken = Buffer.from(v2);
    broken.writeBigUInt64LE(BigInt(size + 1), magicAt + 16 - size - 8);
    expect(readApkSignature(broken)).toMatchObject({ ok: false, code: 'signing-block-malformed' });
    const v1 = makeV1Apk(path.join(dir, 'v1d'), cert, 'com.example.damaged');
    const rsa = v1.indexOf(Buffer.from([0x30, 0x82]), v1.indexOf('META-INF/CERT.RSA') + 17);
    const damaged = Buffer.from(v1);
    damaged[rsa] = 0x31;
    expect(readApkSignature(damaged)).toMatchObject({ ok: false, code: 'pkcs7-malformed' });
    // Truncated anywhere: a result, never a throw.
    for (let cut = 1; cut < v2.length; cut += 97) expect(() => readApkSignature(v2.subarray(0, cut))).not.toThrow();
  });
});
