/**
 * Invented Android phones for the fake adb server: a compact description, and the outputs a real
 * phone of that Android version would print for each §D5 command, written for these tests (no
 * output is copied from a real phone or from another project's fixtures).
 */

export interface FakePackage {
  name: string;
  uid: number;
  /** `null`: installed from a file (no installer recorded). */
  installer?: string | null;
  system?: boolean;
  disabled?: boolean;
  /** Has an activity in the launcher (an icon). Default: third-party yes, system no. */
  launcher?: boolean;
  versionName?: string;
  firstInstallTime?: string;
  /** Requested permissions (short names are prefixed with `android.permission.`). */
  requested?: string[];
  /** Runtime permissions granted. */
  granted?: string[];
  /** The APK's bytes, served when its base path is pulled. */
  apk?: Buffer;
  /** `sha256sum` answers with this (defaults to a made-up hash of the name). */
  apkSha256?: string;
}

export type PmFormat = 'modern' | 'legacy';

export interface FakePhone {
  serial: string;
  state?: 'device' | 'unauthorized' | 'offline';
  model: string;
  manufacturer: string;
  release: string;
  sdk: number;
  securityPatch: string;
  /** `modern`: `pm list packages -U -u -i` works (uid printed); `legacy`: Android 7, no `-U`. */
  pmFormat: PmFormat;
  /** Seconds the phone's clock is ahead of the host. */
  clockOffsetSeconds?: number;
  props?: Record<string, string>;
  packages: FakePackage[];
  accessibilityServices?: string[];
  notificationListeners?: string[];
  deviceOwner?: string;
  deviceAdmins?: string[];
  /** `settings get global <name>`; absent → `null` (the default). */
  globalSettings?: Record<string, string>;
  accounts?: { name: string; type: string }[];
  /** Packages whose REQUEST_INSTALL_PACKAGES app-op is `allow`. */
  mayInstallApps?: string[];
}

const PERMISSION = (p: string) => (p.includes('.') ? p : `android.permission.${p}`);

export function apkPathsOf(phone: FakePhone, pkg: FakePackage): string[] {
  if (pkg.system) return [`/system/priv-app/${pkg.name.split('.').at(-1)}/${pkg.name.split('.').at(-1)}.apk`];
  if (phone.pmFormat === 'legacy') return [`/data/app/${pkg.name}-1/base.apk`];
  const tag = Buffer.from(pkg.name).toString('base64url').slice(0, 10);
  return [`/data/app/~~${tag}Qx==/${pkg.name}-${tag}Zw==/base.apk`];
}

function fakeHash(name: string): string {
  let h = 0x811c9dc5;
  const out: string[] = [];
  for (let round = 0; round < 8; round++) {
    for (const c of name + round) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out.push(h.toString(16).padStart(8, '0'));
  }
  return out.join('');
}

function getprop(phone: FakePhone): string {
  const props: Record<string, string> = {
    'ro.product.model': phone.model,
    'ro.product.manufacturer': phone.manufacturer,
    'ro.build.version.release': phone.release,
    'ro.build.version.sdk': String(phone.sdk),
    'ro.build.version.security_patch': phone.securityPatch,
    'ro.build.tags': 'release-keys',
    'ro.build.type': 'user',
    'ro.debuggable': '0',
    'ro.secure': '1',
    'ro.boot.verifiedbootstate': 'green',
    'ro.boot.flash.locked': '1',
    'persist.sys.timezone': 'Europe/Brussels',
    ...phone.props,
  };
  return Object.entries(props)
    .map(([k, v]) => `[${k}]: [${v}]`)
    .join('\n')
    .concat('\n');
}

function listPackages(phone: FakePhone, filter: (p: FakePackage) => boolean, full: boolean): string {
  return phone.packages
    .filter(filter)
    .map((p) => {
      if (!full) return `package:${p.name}`;
      const installer =
        p.installer === undefined ? (p.system ? 'null' : 'com.android.vending') : (p.installer ?? 'null');
      // Android 14 prints one space and the uid; Android 7 two spaces and no uid.
      return phone.pmFormat === 'modern'
        ? `package:${p.name} installer=${installer} uid:${p.uid}`
        : `package:${p.name}  installer=${installer}`;
    })
    .join('\n')
    .concat('\n');
}

function dumpPackage(phone: FakePhone, p: FakePackage): string {
  const requested = (p.requested ?? []).map(PERMISSION);
  const granted = new Set((p.granted ?? []).map(PERMISSION));
  const installer = p.installer === undefined ? (p.system ? 'null' : 'com.android.vending') : (p.installer ?? 'null');
  const lines = [
    'Activity Resolver Table:',
    '  Non-Data Actions:',
    '',
    'Packages:',
    `  Package [${p.name}] (1a2b3c4):`,
    `    userId=${p.uid}`,
    `    pkg=Package{1a2b3c4 ${p.name}}`,
    `    codePath=${apkPathsOf(phone, p)[0]!.replace(/\/base\.apk$/, '')}`,
    `    versionCode=${(p.versionName ?? '1.0').replace(/\D/g, '') || '1'} minSdk=21 targetSdk=${phone.sdk}`,
    `    versionName=${p.versionName ?? '1.0'}`,
    `    firstInstallTime=${p.firstInstallTime ?? '2026-03-02 09:15:00'}`,
    `    lastUpdateTime=${p.firstInstallTime ?? '2026-03-02 09:15:00'}`,
    `    installerPackageName=${installer}`,
    '    requested permissions:',
    ...requested.map((r) => `      ${r}`),
    '    install permissions:',
    '      android.permission.INTERNET: granted=true',
    `    User 0: ceDataInode=4242 installed=true hidden=false suspended=false stopped=false enabled=${p.disabled ? 3 : 0}`,
    '      runtime permissions:',
    ...requested.map((r) => `        ${r}: granted=${granted.has(r)}, flags=[ USER_SET ]`),
  ];
  return lines.join('\n') + '\n';
}

function launcherActivities(phone: FakePhone): string {
  const launchers = phone.packages.filter((p) => p.launcher ?? !p.system);
  const body = launchers.map((p, i) =>
    [
      `  Activity #${i}:`,
      '    priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false',
      '    ActivityInfo:',
      `      name=${p.name}.MainActivity`,
      `      packageName=${p.name}`,
      '      enabled=true exported=true directBootAware=false',
    ].join('\n'),
  );
  return `${launchers.length} activities found:\n${body.join('\n')}\n`;
}

function devicePolicy(phone: FakePhone): string {
  const admins = phone.deviceAdmins ?? [];
  return [
    'Current Device Policy Manager state:',
    '  Immutable state:',
    '    mHasFeature=true',
    phone.deviceOwner ? `  Device Owner:\n    admin=ComponentInfo{${phone.deviceOwner}}` : '  Device Owner: none',
    '',
    '  Enabled Device Admins (User 0, provisioningState: 0):',
    ...admins.flatMap((a) => [`    ${a}:`, '      uid=10140', '      testOnlyAdmin=false']),
    '',
  ].join('\n');
}

function appops(phone: FakePhone): string {
  const lines = ['Current AppOps Service state:', '  Settings:', '    top_state_settle_time=+5s0ms'];
  for (const name of phone.mayInstallApps ?? []) {
    const p = phone.packages.find((x) => x.name === name);
    lines.push(
      `  Uid ${p?.uid ?? 10999}:`,
      '    state=cch',
      `    Package ${name}:`,
      '      REQUEST_INSTALL_PACKAGES (allow):',
    );
  }
  return lines.join('\n') + '\n';
}

function accounts(phone: FakePhone): string {
  const list = phone.accounts ?? [];
  return [
    'User UserInfo{0:Owner:c13}:',
    `  Accounts: ${list.length}`,
    ...list.map((a) => `    Account {name=${a.name}, type=${a.type}}`),
    '',
    '  Active Sessions: 0',
  ]
    .join('\n')
    .concat('\n');
}

function accessibilityDump(phone: FakePhone): string {
  const enabled = phone.accessibilityServices ?? [];
  return `ACCESSIBILITY MANAGER (dumpsys accessibility)\n\nUser state[\n     attributes:{id=0, touchExplorationEnabled=false}\n     Bound services:{${enabled.join(', ')}}\n     Enabled services:{${enabled.map((e) => `{${e}}`).join(', ')}}\n]\n`;
}

/**
 * The outputs of every command this phone answers (what a real phone would be asked by the
 * scan). `date +%s` is computed when asked. Unknown commands get no entry: the server refuses them.
 */
export function phoneAnswers(phone: FakePhone): Map<string, () => string> {
  const m = new Map<string, () => string>();
  const fixed = (text: string) => () => text;
  const sys = (p: FakePackage) => !!p.system;
  m.set('getprop', fixed(getprop(phone)));
  m.set('date +%s', () => `${Math.floor(Date.now() / 1000 + (phone.clockOffsetSeconds ?? 0))}\n`);
  if (phone.pmFormat === 'modern') m.set('pm list packages -U -u -i', fixed(listPackages(phone, () => true, true)));
  else m.set('pm list packages -U -u -i', fixed('Error: Unknown option: -U\n'));
  m.set('pm list packages -u -i', fixed(listPackages(phone, () => true, true)));
  m.set('pm list packages -s', fixed(listPackages(phone, sys, false)));
  m.set('pm list packages -3', fixed(listPackages(phone, (p) => !sys(p), false)));
  m.set('pm list packages -d', fixed(listPackages(phone, (p) => !!p.disabled, false)));
  const joined = (list: string[] | undefined) => (list && list.length > 0 ? list.join(':') : 'null');
  m.set('settings get secure enabled_accessibility_services', fixed(joined(phone.accessibilityServices) + '\n'));
  m.set('settings get secure accessibility_enabled', fixed(phone.accessibilityServices?.length ? '1\n' : '0\n'));
  m.set('dumpsys accessibility', fixed(accessibilityDump(phone)));
  m.set('settings get secure enabled_notification_listeners', fixed(joined(phone.notificationListeners) + '\n'));
  m.set(
    'dpm list-owners',
    fixed(phone.deviceOwner ? `User 0: admin=ComponentInfo{${phone.deviceOwner}},DeviceOwner\n` : 'no owners\n'),
  );
  m.set('dumpsys device_policy', fixed(devicePolicy(phone)));
  for (const name of [
    'package_verifier_enable',
    'package_verifier_user_consent',
    'upload_apk_enable',
    'verifier_verify_adb_installs',
    'adb_install_need_confirm',
    'send_security_reports',
  ])
    m.set(`settings get global ${name}`, fixed(`${phone.globalSettings?.[name] ?? 'null'}\n`));
  m.set('dumpsys appops', fixed(appops(phone)));
  m.set('dumpsys account', fixed(accounts(phone)));
  m.set(
    'cmd package query-activities -a android.intent.action.MAIN -c android.intent.category.LAUNCHER',
    fixed(launcherActivities(phone)),
  );
  for (const p of phone.packages) {
    const paths = apkPathsOf(phone, p);
    m.set(`pm path ${p.name}`, fixed(paths.map((x) => `package:${x}`).join('\n') + '\n'));
    m.set(`dumpsys package ${p.name}`, fixed(dumpPackage(phone, p)));
    m.set(`sha256sum ${paths[0]}`, fixed(`${p.apkSha256 ?? fakeHash(p.name)}  ${paths[0]}\n`));
  }
  return m;
}

/** The files the phone lets be pulled: each package's base APK when its bytes are given. */
export function phoneFiles(phone: FakePhone): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const p of phone.packages) {
    const base = apkPathsOf(phone, p)[0]!;
    files.set(base, p.apk ?? Buffer.from(`PK-not-a-real-apk ${p.name}`));
  }
  return files;
}
