import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FakePackage, FakePhone } from './phone';

/**
 * The invented phones of the tests and the bench. Package names under `com.example`,
 * `org.example` are made up; the one stalkerware package (`com.systemservice`) and the one
 * watchware package (`com.wondershare.famisafe.kids`) are taken from the indicator files.
 * Account names use the reserved `example.org`/`example.net` domains.
 */

export const SYSTEM_PACKAGES: FakePackage[] = [
  { name: 'android', uid: 1000, system: true, launcher: false },
  { name: 'com.android.systemui', uid: 10010, system: true, launcher: false },
  { name: 'com.android.settings', uid: 1000, system: true, launcher: true },
  { name: 'com.android.vending', uid: 10020, system: true, launcher: true },
  { name: 'com.google.android.gms', uid: 10021, system: true, launcher: false },
  { name: 'com.google.android.inputmethod.latin', uid: 10022, system: true, launcher: false },
  { name: 'com.android.phone', uid: 1001, system: true, launcher: false },
  { name: 'com.android.providers.telephony', uid: 1001, system: true, launcher: false },
];

export const STORE_APPS: FakePackage[] = [
  {
    name: 'com.example.notes',
    uid: 10200,
    installer: 'com.android.vending',
    requested: ['CAMERA'],
    granted: ['CAMERA'],
  },
  {
    name: 'org.example.weather',
    uid: 10201,
    installer: 'com.android.vending',
    requested: ['ACCESS_COARSE_LOCATION'],
    granted: ['ACCESS_COARSE_LOCATION'],
  },
];

/** A security patch `days` before today, as `getprop` prints it. */
export function patchDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const ACCOUNTS = [
  { name: 'invented.person@example.org', type: 'com.google' },
  { name: 'Invented Person', type: 'com.example.messenger' },
];

function phone(serial: string, overrides: Partial<FakePhone>): FakePhone {
  return {
    serial,
    model: 'Pixel Invented',
    manufacturer: 'Google',
    release: '14',
    sdk: 34,
    securityPatch: patchDaysAgo(40),
    pmFormat: 'modern',
    clockOffsetSeconds: 0,
    packages: [...SYSTEM_PACKAGES, ...STORE_APPS],
    accessibilityServices: [],
    notificationListeners: [],
    deviceAdmins: ['com.google.android.gms/.mdm.receivers.MdmDeviceAdminReceiver'],
    accounts: ACCOUNTS,
    mayInstallApps: [],
    ...overrides,
  };
}

export function cleanPhone(): FakePhone {
  return phone('CLEAN001', { clockOffsetSeconds: 93 });
}

/** TheTruthSpy's `com.systemservice`, installed from a file, no icon, reading SMS and location. */
export function stalkerwarePhone(apk: Buffer): FakePhone {
  return phone('STALK001', {
    packages: [
      ...SYSTEM_PACKAGES,
      ...STORE_APPS,
      {
        name: 'com.systemservice',
        uid: 10300,
        installer: null,
        launcher: false,
        requested: ['READ_SMS', 'ACCESS_FINE_LOCATION', 'RECORD_AUDIO'],
        granted: ['READ_SMS', 'ACCESS_FINE_LOCATION'],
        apk,
      },
    ],
  });
}

/** An app from the store with an enabled accessibility service and no launcher icon. */
export function accessibilityPhone(): FakePhone {
  return phone('ACCESS01', {
    packages: [
      ...SYSTEM_PACKAGES,
      ...STORE_APPS,
      { name: 'org.example.helper', uid: 10310, installer: 'com.android.vending', launcher: false },
    ],
    accessibilityServices: ['org.example.helper/org.example.helper.HelperService'],
  });
}

/**
 * Three sideloaded APKs: one signed with a certificate the test bundle lists, one whose SHA-256
 * the test bundle lists as a sample, one signed with a certificate listed for two apps (shared).
 */
export function sideloadPhone(apks: { listedCert: Buffer; sample: Buffer; sharedCert: Buffer }): FakePhone {
  return phone('SIDE0001', {
    packages: [
      ...SYSTEM_PACKAGES,
      ...STORE_APPS,
      {
        name: 'org.example.cleaner',
        uid: 10320,
        installer: 'com.google.android.packageinstaller',
        apk: apks.listedCert,
      },
      { name: 'org.example.flashlight', uid: 10321, installer: null, apk: apks.sample },
      { name: 'org.example.shared', uid: 10322, installer: 'com.android.shell', apk: apks.sharedCert },
    ],
    mayInstallApps: ['org.example.cleaner'],
  });
}

export function playProtectOffPhone(): FakePhone {
  return phone('PPOFF001', {
    globalSettings: { package_verifier_enable: '0', upload_apk_enable: '0', send_security_reports: '0' },
  });
}

/** Android 7: `pm` knows no `-U`, prints two spaces and no uid; an old patch; a watchware app from the store. */
export function android7Phone(): FakePhone {
  return phone('OLD00007', {
    model: 'Galaxy Invented',
    manufacturer: 'samsung',
    release: '7.0',
    sdk: 24,
    securityPatch: '2019-01-05',
    pmFormat: 'legacy',
    packages: [
      ...SYSTEM_PACKAGES,
      ...STORE_APPS,
      { name: 'com.wondershare.famisafe.kids', uid: 10330, installer: 'com.android.vending' },
    ],
  });
}

/** A phone with `count` packages in all (the bench): mostly store apps, a few sideloaded ones. */
export function largePhone(count: number, sideloadedApk: Buffer): FakePhone {
  const packages: FakePackage[] = [...SYSTEM_PACKAGES];
  for (let i = packages.length; i < count; i++) {
    const system = i % 3 === 0;
    const sideloaded = !system && i % 25 === 1;
    packages.push({
      name: `${system ? 'com.example.system' : 'org.example.app'}${i}`,
      uid: 10000 + i,
      system,
      installer: system ? null : sideloaded ? null : 'com.android.vending',
      requested: ['CAMERA', 'RECORD_AUDIO', 'ACCESS_FINE_LOCATION', 'READ_CONTACTS'],
      granted: i % 2 ? ['CAMERA'] : [],
      apk: sideloaded ? sideloadedApk : undefined,
    });
  }
  return phone('BENCH300', { packages });
}

/**
 * A copy of the shipped bundle in `dir` with invented entries added to ioc.yaml and rows to
 * samples.csv, and a manifest with the new hashes: what the tests match against.
 */
export function writeTestBundle(
  sourceDir: string,
  dir: string,
  extra: { ioc?: string; samples?: string[] } = {},
): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(sourceDir)) fs.copyFileSync(path.join(sourceDir, f), path.join(dir, f));
  if (extra.ioc) fs.appendFileSync(path.join(dir, 'ioc.yaml'), `\n${extra.ioc.trim()}\n`);
  if (extra.samples?.length) fs.appendFileSync(path.join(dir, 'samples.csv'), extra.samples.join('\r\n') + '\r\n');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  for (const f of Object.keys(manifest.files)) {
    const bytes = fs.readFileSync(path.join(dir, f));
    manifest.files[f] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
