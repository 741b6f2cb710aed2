import { describe, expect, it } from 'vitest';
import type { IndicatorApp } from '../../../src-main/phone-check/indicator-bundle';
import {
  AOSP_TEST_CERTIFICATE,
  buildIndicatorIndex,
  matchPhone,
  type InstalledPackage,
  type PhoneFacts,
} from '../../../src-main/phone-check/matching';
import { FINDING_LEVELS } from '../../../domain/phone-check';
import {
  parseAccounts,
  parseComponentList,
  parseDeviceAdmins,
  parseInstallAllowed,
  parseLauncherPackages,
  parseOwners,
  parsePackageDump,
  parsePackageList,
} from '../../../src-main/phone-check/parsers';

const CERT_A = 'A'.repeat(40);
const CERT_SHARED = 'B'.repeat(40);

const APPS: IndicatorApp[] = [
  {
    name: 'InventedSpy',
    aliases: [],
    type: 'stalkerware',
    file: 'ioc.yaml',
    packages: ['com.example.spyapp'],
    certificates: [CERT_A, AOSP_TEST_CERTIFICATE],
  },
  {
    name: 'InventedOne',
    aliases: [],
    type: 'stalkerware',
    file: 'ioc.yaml',
    packages: [],
    certificates: [CERT_SHARED],
  },
  {
    name: 'InventedTwo',
    aliases: [],
    type: 'stalkerware',
    file: 'ioc.yaml',
    packages: [],
    certificates: [CERT_SHARED],
  },
];
const index = buildIndicatorIndex({ apps: APPS, watchware: [], samples: [] });

function pkg(name: string, more: Partial<InstalledPackage> = {}): InstalledPackage {
  return {
    name,
    uid: null,
    installer: 'com.android.vending',
    system: false,
    disabled: false,
    hasLauncher: true,
    requested: [],
    granted: [],
    versionName: null,
    firstInstallTime: null,
    apk: null,
    ...more,
  };
}
function apk(certificateSha1: string, others: string[] = []) {
  return {
    path: '/data/app/x/base.apk',
    sha256: null,
    hashedOn: null,
    certificateSha1,
    certificateSha256: null,
    scheme: 'v2',
    certificates: [certificateSha1, ...others].map((sha1, i) => ({
      sha1,
      sha256: '0'.repeat(64),
      scheme: i === 0 ? 'v2' : 'v1',
      role: 'signer',
    })),
  };
}

function facts(more: Partial<PhoneFacts>): PhoneFacts {
  return {
    props: {},
    packages: [pkg('com.android.settings', { system: true, installer: null })],
    accessibilityServices: [],
    notificationListeners: [],
    owners: [],
    deviceAdmins: [],
    globalSettings: {},
    mayInstallApps: [],
    accounts: null,
    unreadableApks: [],
    failedCommands: [],
    ...more,
  };
}

const NOW = { now: new Date('2026-12-04T12:00:00Z') };
const codes = (f: PhoneFacts) =>
  matchPhone(f, index, NOW).findings.map((x) => `${x.code}:${x.params.package ?? x.params.property ?? ''}`);

describe('matching (§D6)', () => {
  it('gives every code one level, and the phone the highest one', () => {
    expect(new Set(Object.values(FINDING_LEVELS))).toEqual(new Set(['high', 'medium', 'low', 'info']));
    expect(matchPhone(facts({}), index, NOW)).toEqual({ findings: [], level: 'none' });
  });

  it('ignores a match on the AOSP test certificate alone, and a certificate of a store app', () => {
    const sideloaded = { installer: null, hasLauncher: true };
    expect(
      codes(
        facts({
          packages: [
            pkg('org.example.a', { ...sideloaded, apk: apk(CERT_A) }),
            pkg('org.example.b', { ...sideloaded, apk: apk(CERT_SHARED) }),
            pkg('org.example.c', { ...sideloaded, apk: apk(AOSP_TEST_CERTIFICATE) }),
            pkg('org.example.d', { apk: apk(CERT_A) }),
          ],
        }),
      ),
    ).toEqual([
      'stalkerware-certificate:org.example.a',
      // Listed for two apps, yet not the AOSP key: still found (§D6 ignores only 61ED…AF81).
      'stalkerware-certificate:org.example.b',
      'sideloaded:org.example.a',
      'sideloaded:org.example.b',
      'sideloaded:org.example.c',
    ]);
    // Found by its package name and its certificate: one finding.
    expect(codes(facts({ packages: [pkg('com.example.spyapp', { installer: null, apk: apk(CERT_A) })] }))).toEqual([
      'stalkerware-package:com.example.spyapp',
      'sideloaded:com.example.spyapp',
    ]);
  });

  it('compares every certificate the APK carries, not only the primary one', () => {
    const unlisted = 'C'.repeat(40);
    const result = matchPhone(
      facts({
        packages: [
          pkg('org.example.rotated', { installer: null, apk: apk(unlisted, [AOSP_TEST_CERTIFICATE, CERT_A]) }),
        ],
      }),
      index,
      NOW,
    );
    expect(result.findings[0]).toMatchObject({
      code: 'stalkerware-certificate',
      params: { package: 'org.example.rotated', certificateSha1: CERT_A, indicator: 'InventedSpy' },
    });
  });

  it('reads the settings signs, root signs and heuristics', () => {
    const result = matchPhone(
      facts({
        props: {
          'ro.debuggable': '1',
          'ro.boot.verifiedbootstate': 'orange',
          'ro.boot.flash.locked': '0',
          'ro.build.tags': 'release-keys',
          'ro.build.version.security_patch': '2026-01-01',
        },
        packages: [
          pkg('com.android.settings', { system: true, installer: null }),
          pkg('com.topjohnwu.magisk', { installer: null }),
          pkg('org.example.calltracker', {
            granted: [
              'android.permission.READ_SMS',
              'android.permission.READ_CALL_LOG',
              'android.permission.SYSTEM_ALERT_WINDOW',
            ],
          }),
          pkg('org.example.antispy'),
          pkg('org.example.admin'),
        ],
        notificationListeners: [{ component: 'org.example.admin/.Listener', packageName: 'org.example.admin' }],
        owners: [{ packageName: 'org.example.admin', component: 'org.example.admin/.Owner', kind: 'device' }],
        deviceAdmins: [
          { packageName: 'org.example.admin', component: 'org.example.admin/.Admin' },
          { packageName: 'com.android.settings', component: 'com.android.settings/.Admin' },
        ],
      }),
      index,
      NOW,
    );
    expect(result.level).toBe('high');
    expect(result.findings.map((x) => `${x.level}:${x.code}:${x.params.package ?? x.params.property ?? ''}`)).toEqual([
      'high:device-admin:org.example.admin',
      'high:device-owner:org.example.admin',
      'high:notification-listener:org.example.admin',
      'high:root-app:com.topjohnwu.magisk',
      'high:root-property:ro.debuggable',
      'high:root-property:ro.boot.verifiedbootstate',
      'high:root-property:ro.boot.flash.locked',
      'medium:risky-permissions:org.example.calltracker',
      'medium:sideloaded:com.topjohnwu.magisk',
      'low:name-heuristic:org.example.calltracker',
      'low:security-patch-old:',
    ]);
  });
});

describe('the output readers', () => {
  it('read both pm list formats, several users, and skip noise', () => {
    expect(
      parsePackageList(
        'package:com.a installer=com.android.vending uid:10123,1010123\npackage:com.b  installer=null\nWARNING: linker noise\npackage:bad;name\n',
      ),
    ).toEqual({
      packages: [
        { name: 'com.a', installer: 'com.android.vending', uid: 10123 },
        { name: 'com.b', installer: null, uid: null },
      ],
      skipped: 2,
      unknownOption: false,
    });
    expect(parsePackageList('Error: Unknown option: -U\n').unknownOption).toBe(true);
  });

  it('read components, owners, admins, app-ops, accounts, launchers and a package dump', () => {
    expect(parseComponentList('null\n')).toEqual([]);
    expect(parseComponentList('com.a/.S:com.b/com.b.T\n').map((c) => c.packageName)).toEqual(['com.a', 'com.b']);
    expect(parseOwners('User 0: admin=ComponentInfo{com.a/com.a.Admin},DeviceOwner\n')).toEqual([
      { packageName: 'com.a', component: 'com.a/com.a.Admin', kind: 'device' },
    ]);
    expect(
      parseDeviceAdmins(
        '  Enabled Device Admins (User 0, provisioningState: 0):\n    com.a/.R:\n      uid=1\n\n  Other:\n    com.z/.Q:\n',
      ),
    ).toEqual([{ packageName: 'com.a', component: 'com.a/.R' }]);
    expect(
      parseInstallAllowed(
        '  Uid 10001:\n    REQUEST_INSTALL_PACKAGES: mode=allow\n  Uid 10002:\n    Package com.c:\n      REQUEST_INSTALL_PACKAGES (allow):\n  Uid 10003:\n    REQUEST_INSTALL_PACKAGES: mode=deny\n',
        new Map([
          [10001, ['com.a', 'com.b']],
          [10003, ['com.d']],
        ]),
      ),
    ).toEqual(['com.a', 'com.b', 'com.c']);
    expect(
      parseAccounts(
        'Accounts: 2\n Account {name=x@Example.NET, type=com.google}\n Account {name=x@Example.NET, type=com.google}\n',
      ),
    ).toEqual({
      total: 1,
      byType: { 'com.google': 1 },
      domains: ['example.net'],
    });
    expect([...parseLauncherPackages('      packageName=com.a\n  com.b/.Main\n')]).toEqual(['com.a', 'com.b']);
    expect(
      parsePackageDump(
        'Packages:\n  Package [com.a] (1):\n    versionName=2.1\n    installerPackageName=null\n    requested permissions:\n      android.permission.READ_SMS\n      android.permission.CAMERA\n    install permissions:\n      android.permission.INTERNET: granted=true\n    User 0: installed=true\n      runtime permissions:\n        android.permission.READ_SMS: granted=true, flags=[ ]\n        android.permission.CAMERA: granted=false, flags=[ ]\n  Package [com.b] (2):\n    versionName=9\n',
        'com.a',
      ),
    ).toEqual({
      versionName: '2.1',
      firstInstallTime: null,
      lastUpdateTime: null,
      installer: null,
      requested: ['android.permission.READ_SMS', 'android.permission.CAMERA'],
      granted: ['android.permission.INTERNET', 'android.permission.READ_SMS'],
    });
  });
});
