import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAdbClient } from '../../../src-main/phone-check/adb-client';
import { checkAdbRequest, EXACT_SHELL_COMMANDS } from '../../../src-main/phone-check/allowed-commands';
import { loadIndicatorBundle, type IndicatorBundle } from '../../../src-main/phone-check/indicator-bundle';
import type { Finding } from '../../../src-main/phone-check/matching';
import { scanAndroidPhone, type ScanProgress } from '../../../src-main/phone-check/scan';
import { IPHONE_CHECKLIST } from '../../../domain/phone-check';
import { makeBlockSignedApk, makeCertificate, makeV1Apk, type TestCertificate } from '../../fakes/adb/make-apk';
import type { FakePhone } from '../../fakes/adb/phone';
import {
  accessibilityPhone,
  android7Phone,
  cleanPhone,
  playProtectOffPhone,
  sideloadPhone,
  stalkerwarePhone,
  writeTestBundle,
} from '../../fakes/adb/phones';
import { startFakeAdbServer, type FakeAdbServer } from '../../fakes/adb/server';
import { createHash } from 'node:crypto';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ASSETS = path.join(ROOT, 'assets', 'stalkerware-indicators');

let dir: string;
let bundle: IndicatorBundle;
let listed: TestCertificate;
let shared: TestCertificate;
let unlisted: TestCertificate;
let apks: { listedCert: Buffer; sample: Buffer; sharedCert: Buffer; stalker: Buffer };
let server: FakeAdbServer | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-scan-'));
  listed = makeCertificate(path.join(dir, 'listed'), 'Invented Listed Signer');
  shared = makeCertificate(path.join(dir, 'shared'), 'Invented Shared Signer');
  unlisted = makeCertificate(path.join(dir, 'unlisted'), 'Invented Unlisted Signer');
  apks = {
    listedCert: makeBlockSignedApk(listed, 'org.example.cleaner', 'v2'),
    sample: makeV1Apk(path.join(dir, 'sample'), unlisted, 'org.example.flashlight'),
    sharedCert: makeV1Apk(path.join(dir, 'sharedapk'), shared, 'org.example.shared'),
    stalker: makeV1Apk(path.join(dir, 'stalker'), unlisted, 'com.systemservice'),
  };
  const sampleSha = createHash('sha256').update(apks.sample).digest('hex');
  const bundleDir = writeTestBundle(ASSETS, path.join(dir, 'bundle'), {
    ioc: [
      '- name: InventedSpy',
      '  type: stalkerware',
      '  packages:',
      '  - org.example.notinstalled',
      '  certificates:',
      `  - ${listed.sha1}`,
      '',
      '- name: InventedSharedA',
      '  type: stalkerware',
      '  certificates:',
      `  - ${shared.sha1}`,
      '',
      '- name: InventedSharedB',
      '  type: stalkerware',
      '  certificates:',
      `  - ${shared.sha1}`,
    ].join('\n'),
    samples: [`${sampleSha},org.example.torch,,3,InventedSample`],
  });
  const loaded = loadIndicatorBundle(bundleDir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.refusal));
  bundle = loaded.bundle;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = null;
});

async function scan(phone: FakePhone) {
  await server?.close();
  server = await startFakeAdbServer([phone]);
  const adb = createAdbClient({ port: server.port });
  const progress: ScanProgress[] = [];
  const result = await scanAndroidPhone({ adb, serial: phone.serial, bundle, onProgress: (p) => progress.push(p) });
  if (!result.ok) throw new Error(JSON.stringify(result.refusal));
  // Nothing a phone would not be asked was sent; everything sent passes the allow-list.
  expect(server.unexpected).toEqual([]);
  const apkPaths = new Set(adb.apkPaths);
  for (const request of server.received) expect(checkAdbRequest(request, { apkPaths }).allowed, request).toBe(true);
  // Plain JSON: it survives a round trip unchanged.
  expect(JSON.parse(JSON.stringify(result.report))).toEqual(result.report);
  expect(progress.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
  return { ...result, received: server.received };
}

/** Findings without the info ones, as `code:package` (or `code:setting`, `code:property`). */
function summary(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.level !== 'info')
    .map((f) => `${f.level}:${f.code}:${f.params.package ?? f.params.setting ?? f.params.property ?? ''}`);
}

describe('the Android scan against the fake adb server', () => {
  it('finds nothing on a clean phone, and records the clock drift, commands and hashes', async () => {
    const { report, rawOutputs, received } = await scan(cleanPhone());
    expect(report.level).toBe('none');
    expect(summary(report.findings)).toEqual([]);
    expect(report.findings).toEqual([
      {
        code: 'accounts',
        level: 'info',
        params: { total: 2, byType: { 'com.google': 1, 'com.example.messenger': 1 }, domains: ['example.org'] },
      },
    ]);
    expect(report.clock.driftSeconds).toBeGreaterThan(91);
    expect(report.clock.driftSeconds).toBeLessThan(95);
    expect(report.device).toMatchObject({ model: 'Pixel Invented', androidRelease: '14', sdk: 34 });
    expect(report.device.serialSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(report)).not.toContain('CLEAN001');
    expect(JSON.stringify(report)).not.toContain('invented.person');
    expect(report.inventory).toMatchObject({ pmForm: 'with-uid', total: 10, system: 8, thirdParty: 2, offStore: 0 });
    expect(report.indicators.commit).toBe('a04c5c1958bff93fec3b1b56edbb412b209f2a38');
    expect(Object.keys(report.indicators.files).sort()).toEqual(
      ['LICENSE.txt', 'NOTICE.md', 'ioc.yaml', 'samples.csv', 'watchware.yaml'].sort(),
    );
    // Each command with the SHA-256 of its output, and its raw bytes beside the report.
    expect(report.commands.length).toBe(rawOutputs.length);
    for (const c of report.commands.filter((c) => c.request.startsWith('shell:'))) {
      expect(c.outcome).toBe('ok');
      expect(createHash('sha256').update(rawOutputs[c.index]!).digest('hex')).toBe(c.outputSha256);
    }
    // Every §D5 command was run once (the older `pm` form only where the newer one fails).
    const shells = received.filter((r) => r.startsWith('shell:')).map((r) => r.slice('shell:'.length));
    expect(new Set(shells.filter((c) => EXACT_SHELL_COMMANDS.includes(c)))).toEqual(
      new Set(EXACT_SHELL_COMMANDS.filter((c) => c !== 'pm list packages -u -i')),
    );
    // No APK pulled (none off-store), no hash asked.
    expect(received.some((r) => r.startsWith('RECV:') || r.startsWith('shell:sha256sum'))).toBe(false);
  });

  it('finds a known stalkerware package, sideloaded and hidden, reading SMS and location', async () => {
    const { report, received } = await scan(stalkerwarePhone(apks.stalker));
    expect(report.level).toBe('high');
    expect(summary(report.findings)).toEqual([
      'high:stalkerware-package:com.systemservice',
      'medium:hidden-app-sensitive:com.systemservice',
      'medium:sideloaded:com.systemservice',
    ]);
    expect(report.findings[0]!.params).toMatchObject({ indicator: 'TheTruthSpy', source: 'ioc.yaml' });
    expect(report.findings[1]!.params.categories).toEqual(['sms', 'location']);
    const pkg = report.inventory.packages.find((p) => p.name === 'com.systemservice')!;
    expect(pkg.apk).toMatchObject({ hashedOn: 'host', certificateSha1: unlisted.sha1, scheme: 'v1' });
    expect(pkg.apk!.sha256).toBe(createHash('sha256').update(apks.stalker).digest('hex'));
    expect(received.filter((r) => r.startsWith('RECV:'))).toEqual([`RECV:${pkg.apk!.path}`]);
  });

  it('flags an accessibility service of an app without launcher icon', async () => {
    const { report } = await scan(accessibilityPhone());
    expect(report.level).toBe('high');
    expect(summary(report.findings)).toEqual([
      'high:accessibility-service:org.example.helper',
      'low:hidden-app:org.example.helper',
    ]);
    expect(report.findings[0]!.params.component).toBe('org.example.helper/org.example.helper.HelperService');
  });

  it('matches sideloaded APKs by listed certificate (v2), by sample hash (v1), and by a certificate listed for two apps', async () => {
    const { report } = await scan(sideloadPhone(apks));
    expect(report.level).toBe('high');
    expect(summary(report.findings)).toEqual([
      'high:stalkerware-certificate:org.example.cleaner',
      'high:stalkerware-certificate:org.example.shared',
      'high:stalkerware-sample:org.example.flashlight',
      'medium:installs-apps:org.example.cleaner',
      'medium:sideloaded:org.example.cleaner',
      'medium:sideloaded:org.example.flashlight',
      'medium:sideloaded:org.example.shared',
    ]);
    expect(report.findings[0]!.params).toMatchObject({ indicator: 'InventedSpy', certificateSha1: listed.sha1 });
    expect(report.findings[1]!.params).toMatchObject({
      indicator: 'InventedSharedA',
      alsoListedFor: ['InventedSharedB'],
    });
    expect(report.findings[2]!.params).toMatchObject({
      indicator: 'InventedSample',
      samplePackage: 'org.example.torch',
    });
    const cleaner = report.inventory.packages.find((p) => p.name === 'org.example.cleaner')!;
    expect(cleaner.apk).toMatchObject({ scheme: 'v2', certificateSha256: listed.sha256 });
    expect(cleaner.apk!.certificates).toEqual([
      { sha1: listed.sha1, sha256: listed.sha256, scheme: 'v2', role: 'signer' },
    ]);
    const sharedApp = report.inventory.packages.find((p) => p.name === 'org.example.shared')!;
    expect(sharedApp.apk!.certificateSha1).toBe(shared.sha1);
  });

  it('flags Play Protect and verification switched off', async () => {
    const { report } = await scan(playProtectOffPhone());
    expect(report.level).toBe('high');
    expect(summary(report.findings)).toEqual([
      'high:play-protect-off:package_verifier_enable',
      'medium:verification-off:upload_apk_enable',
      'low:verification-relaxed:send_security_reports',
    ]);
  });

  it('reads the inventory of Android 7, whose pm knows no -U, and finds a watchware app', async () => {
    const { report, received } = await scan(android7Phone());
    expect(received).toContain('shell:pm list packages -U -u -i');
    expect(received).toContain('shell:pm list packages -u -i');
    expect(report.inventory).toMatchObject({ pmForm: 'without-uid', total: 11, system: 8, thirdParty: 3, offStore: 0 });
    expect(report.inventory.packages.every((p) => p.uid === null)).toBe(true);
    expect(report.level).toBe('medium');
    expect(summary(report.findings)).toEqual([
      'medium:watchware-package:com.wondershare.famisafe.kids',
      'low:security-patch-old:',
    ]);
    expect(report.device).toMatchObject({ androidRelease: '7.0', sdk: 24, securityPatch: '2019-01-05' });
    // The same store apps in both formats, with the same installers.
    const modern = (await scan(cleanPhone())).report.inventory.packages.map((p) => [p.name, p.installer, p.system]);
    const old = report.inventory.packages.map((p) => [p.name, p.installer, p.system]);
    expect(old.slice(0, modern.length)).toEqual(modern);
  });

  it('refuses an unauthorized phone and a missing one, asking nothing of them', async () => {
    server = await startFakeAdbServer([{ ...cleanPhone(), state: 'unauthorized' }]);
    const adb = createAdbClient({ port: server.port });
    expect(await scanAndroidPhone({ adb, serial: 'CLEAN001', bundle })).toEqual({
      ok: false,
      refusal: { code: 'device-unauthorized', details: { serial: 'CLEAN001' } },
    });
    expect(await scanAndroidPhone({ adb, serial: 'OTHER', bundle })).toMatchObject({
      ok: false,
      refusal: { code: 'device-not-found' },
    });
    expect(server.received.every((r) => r.startsWith('host:'))).toBe(true);
    const down = createAdbClient({ port: 1 });
    expect(await scanAndroidPhone({ adb: down, serial: 'CLEAN001', bundle })).toMatchObject({
      ok: false,
      refusal: { code: 'adb-unreachable' },
    });
  });

  it('lists the iPhone checklist as ids', () => {
    expect(IPHONE_CHECKLIST.map((s) => s.id)).toEqual([
      'safety-check',
      'apple-id-devices',
      'find-my',
      'profiles-device-management',
      'jailbreak-apps',
      'family-sharing',
      'icloud-backup',
    ]);
  });
});
