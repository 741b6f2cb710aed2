import type { IndicatorApp, IndicatorBundle, IndicatorSample } from './indicator-bundle';
import type { AccountSummary } from './parsers';
import { FINDING_LEVELS, type FindingCode, type FindingLevel, type PhoneLevel } from '../../domain/phone-check';

/**
 * §D6: what was read from the phone against the indicators and the settings heuristics. Each
 * finding is data (a code, its level, its parameters); the words the officer and the victim read
 * come from the catalogs, by code. Levels: high, medium, low; `info` findings are context
 * (accounts counted, an APK that could not be read) and do not raise the phone's level.
 */

export type FindingParam = string | number | boolean | null | string[] | Record<string, number>;

export interface Finding {
  code: FindingCode;
  level: FindingLevel;
  params: Record<string, FindingParam>;
}

/** Installers that are app stores (Google Play and the OEM stores). */
export const STORE_INSTALLERS: ReadonlySet<string> = new Set([
  'com.android.vending',
  'com.google.android.feedback',
  'com.sec.android.app.samsungapps',
  'com.huawei.appmarket',
  'com.xiaomi.market',
  'com.xiaomi.mipicks',
  'com.heytap.market',
  'com.oppo.market',
  'com.bbk.appstore',
  'com.vivo.appstore',
  'com.amazon.venezia',
  'com.google.android.apps.work.clouddpc',
]);

/** The AOSP test key: many unrelated APKs are signed with it, so a match on it alone says nothing. */
export const AOSP_TEST_CERTIFICATE = '61ED377E85D386A8DFEE6B864BD85B0BFAA5AF81';

/** Rooting and root-management apps (common public knowledge). */
export const ROOT_PACKAGES: ReadonlySet<string> = new Set([
  'com.topjohnwu.magisk',
  'io.github.vvb2060.magisk',
  'eu.chainfire.supersu',
  'com.koushikdutta.superuser',
  'com.noshufou.android.su',
  'com.noshufou.android.su.elite',
  'com.thirdparty.superuser',
  'me.phh.superuser',
  'com.kingroot.kinguser',
  'com.kingo.root',
  'com.zhiqupk.root.global',
  'com.alephzain.framaroot',
  'me.weishu.kernelsu',
]);

const SENSITIVE = {
  sms: ['READ_SMS', 'RECEIVE_SMS', 'SEND_SMS', 'RECEIVE_MMS'],
  location: ['ACCESS_FINE_LOCATION', 'ACCESS_COARSE_LOCATION', 'ACCESS_BACKGROUND_LOCATION'],
  microphone: ['RECORD_AUDIO'],
  camera: ['CAMERA'],
};
const RISKY = {
  sms: SENSITIVE.sms,
  callLog: ['READ_CALL_LOG', 'PROCESS_OUTGOING_CALLS'],
  backgroundLocation: ['ACCESS_BACKGROUND_LOCATION'],
  microphone: ['RECORD_AUDIO'],
  camera: ['CAMERA'],
  overlay: ['SYSTEM_ALERT_WINDOW'],
  deviceAdmin: ['BIND_DEVICE_ADMIN'],
  batteryExempt: ['REQUEST_IGNORE_BATTERY_OPTIMIZATIONS'],
  allPackages: ['QUERY_ALL_PACKAGES'],
};
/** Android's dangerous (runtime) permissions, as counted for the threshold. */
const DANGEROUS = new Set([
  'READ_CALENDAR',
  'WRITE_CALENDAR',
  'CAMERA',
  'READ_CONTACTS',
  'WRITE_CONTACTS',
  'GET_ACCOUNTS',
  'ACCESS_FINE_LOCATION',
  'ACCESS_COARSE_LOCATION',
  'ACCESS_BACKGROUND_LOCATION',
  'RECORD_AUDIO',
  'READ_PHONE_STATE',
  'READ_PHONE_NUMBERS',
  'CALL_PHONE',
  'ANSWER_PHONE_CALLS',
  'READ_CALL_LOG',
  'WRITE_CALL_LOG',
  'ADD_VOICEMAIL',
  'USE_SIP',
  'PROCESS_OUTGOING_CALLS',
  'BODY_SENSORS',
  'SEND_SMS',
  'RECEIVE_SMS',
  'READ_SMS',
  'RECEIVE_WAP_PUSH',
  'RECEIVE_MMS',
  'READ_EXTERNAL_STORAGE',
  'WRITE_EXTERNAL_STORAGE',
  'ACCESS_MEDIA_LOCATION',
  'ACTIVITY_RECOGNITION',
  'READ_MEDIA_IMAGES',
  'READ_MEDIA_VIDEO',
  'READ_MEDIA_AUDIO',
  'POST_NOTIFICATIONS',
  'NEARBY_WIFI_DEVICES',
  'BLUETOOTH_SCAN',
]);
const DANGEROUS_THRESHOLD = 10;
const RISKY_CATEGORY_THRESHOLD = 3;
const PATCH_MAX_AGE_DAYS = 180;
const NAME_WORDS = /(spy|track|keylog|cheat)/i;
const NAME_EXCLUDED = /anti.?spy|spy.?(?:remov|detect|scan|kill)|track.?(?:block|detect)/i;

const VERIFICATION_RULES: { setting: string; off: string; code: FindingCode }[] = [
  { setting: 'package_verifier_enable', off: '0', code: 'play-protect-off' },
  { setting: 'package_verifier_user_consent', off: '-1', code: 'play-protect-off' },
  { setting: 'verifier_verify_adb_installs', off: '0', code: 'verification-off' },
  { setting: 'upload_apk_enable', off: '0', code: 'verification-off' },
  { setting: 'send_security_reports', off: '0', code: 'verification-relaxed' },
  { setting: 'adb_install_need_confirm', off: '0', code: 'verification-relaxed' },
];

export interface ApkFacts {
  path: string;
  sha256: string | null;
  /** Where the hash was computed: pulled to the host, or `sha256sum` on the phone. */
  hashedOn: 'host' | 'phone' | null;
  /** The primary certificate (the newest scheme's first signer). */
  certificateSha1: string | null;
  certificateSha256: string | null;
  scheme: string | null;
  /** Every certificate the APK carries (v1, each v2/v3 signer, a rotation's earlier keys), the primary first. */
  certificates: { sha1: string; sha256: string; scheme: string; role: string }[];
}

export interface InstalledPackage {
  name: string;
  uid: number | null;
  installer: string | null;
  system: boolean;
  disabled: boolean;
  /** null: the launcher query failed, so nothing is said about icons. */
  hasLauncher: boolean | null;
  requested: string[];
  granted: string[];
  versionName: string | null;
  firstInstallTime: string | null;
  apk: ApkFacts | null;
}

export interface PhoneFacts {
  props: Record<string, string>;
  packages: InstalledPackage[];
  accessibilityServices: { component: string; packageName: string }[];
  notificationListeners: { component: string; packageName: string }[];
  owners: { packageName: string; component: string; kind: string }[];
  deviceAdmins: { packageName: string; component: string }[];
  /** `settings get global` values (`null` printed by the phone becomes null). */
  globalSettings: Record<string, string | null>;
  mayInstallApps: string[];
  accounts: AccountSummary | null;
  /** Off-store APKs that could not be read, with the reason. */
  unreadableApks: { packageName: string; reason: string }[];
  failedCommands: { command: string; message: string }[];
}

export interface IndicatorIndex {
  byPackage: Map<string, IndicatorApp[]>;
  byCertificate: Map<string, IndicatorApp[]>;
  /** Certificates a match on which alone is ignored: the AOSP test key (§D6), and only it. */
  sharedCertificates: Set<string>;
  samplesBySha256: Map<string, IndicatorSample>;
}

export function buildIndicatorIndex(bundle: Pick<IndicatorBundle, 'apps' | 'watchware' | 'samples'>): IndicatorIndex {
  const byPackage = new Map<string, IndicatorApp[]>();
  const byCertificate = new Map<string, IndicatorApp[]>();
  const add = (map: Map<string, IndicatorApp[]>, key: string, app: IndicatorApp) => {
    const list = map.get(key);
    if (!list) map.set(key, [app]);
    else if (!list.includes(app)) list.push(app);
  };
  for (const app of [...bundle.apps, ...bundle.watchware]) {
    for (const p of app.packages) add(byPackage, p, app);
    for (const c of app.certificates) add(byCertificate, c, app);
  }
  // A certificate listed for several apps (FindMyKids and WiseMo share one) still names them:
  // only the AOSP test key, which anyone can sign with, says nothing on its own.
  const sharedCertificates = new Set<string>([AOSP_TEST_CERTIFICATE]);
  const samplesBySha256 = new Map<string, IndicatorSample>();
  for (const s of bundle.samples) if (!samplesBySha256.has(s.sha256)) samplesBySha256.set(s.sha256, s);
  return { byPackage, byCertificate, sharedCertificates, samplesBySha256 };
}

/** Not a system app, and not installed by a store: the APKs that are pulled and checked. */
export function isOffStore(p: Pick<InstalledPackage, 'system' | 'installer'>): boolean {
  return !p.system && !(p.installer !== null && STORE_INSTALLERS.has(p.installer));
}

function short(permission: string): string {
  return permission.startsWith('android.permission.') ? permission.slice('android.permission.'.length) : permission;
}

function finding(code: FindingCode, params: Record<string, FindingParam>): Finding {
  return { code, level: FINDING_LEVELS[code], params };
}

/** Stalkerware (ioc.yaml) first; an app listed in both files counts once, as stalkerware. */
function strongest(apps: IndicatorApp[]): IndicatorApp {
  return apps.find((a) => a.file === 'ioc.yaml' && a.type === 'stalkerware') ?? apps[0]!;
}

function indicatorParams(app: IndicatorApp): Record<string, FindingParam> {
  return { indicator: app.name, aliases: app.aliases, source: app.file };
}

const LEVEL_ORDER: Record<FindingLevel, number> = { high: 0, medium: 1, low: 2, info: 3 };

export interface MatchOptions {
  now: Date;
}

export function matchPhone(
  facts: PhoneFacts,
  index: IndicatorIndex,
  options: MatchOptions,
): { findings: Finding[]; level: PhoneLevel } {
  const findings: Finding[] = [];
  const systemPackages = new Set(facts.packages.filter((p) => p.system).map((p) => p.name));
  const isSystem = (name: string) => systemPackages.has(name);

  for (const p of facts.packages) {
    const listed = index.byPackage.get(p.name);
    if (listed) {
      const app = strongest(listed);
      const code = app.type === 'stalkerware' ? 'stalkerware-package' : 'watchware-package';
      findings.push(finding(code, { package: p.name, ...indicatorParams(app) }));
    }
    if (ROOT_PACKAGES.has(p.name)) findings.push(finding('root-app', { package: p.name }));

    const apk = p.apk;
    if (apk && isOffStore(p)) {
      // Every certificate the APK carries, the primary first: the first listed one is reported.
      const sha1s = [...new Set([apk.certificateSha1, ...apk.certificates.map((c) => c.sha1)])].filter(
        (c): c is string => c !== null && !index.sharedCertificates.has(c),
      );
      const hit = sha1s.map((c) => ({ c, apps: index.byCertificate.get(c) })).find((x) => x.apps !== undefined);
      // Already reported by its package name under the same indicator: once is enough.
      if (hit?.apps && !(listed && hit.apps.some((a) => listed.includes(a)))) {
        const app = strongest(hit.apps);
        findings.push(
          finding(app.type === 'stalkerware' ? 'stalkerware-certificate' : 'watchware-certificate', {
            package: p.name,
            certificateSha1: hit.c,
            ...indicatorParams(app),
            ...(hit.apps.length > 1 ? { alsoListedFor: hit.apps.filter((a) => a !== app).map((a) => a.name) } : {}),
          }),
        );
      }
    }
    if (apk?.sha256) {
      const sample = index.samplesBySha256.get(apk.sha256);
      if (sample)
        findings.push(
          finding('stalkerware-sample', {
            package: p.name,
            apkSha256: apk.sha256,
            indicator: sample.app,
            samplePackage: sample.packageName,
            sampleVersion: sample.version,
          }),
        );
    }

    if (p.system) continue;
    if (isOffStore(p)) findings.push(finding('sideloaded', { package: p.name, installer: p.installer }));

    const granted = new Set(p.granted.map(short));
    if (p.hasLauncher === false) {
      const sensitive = Object.entries(SENSITIVE)
        .filter(([, list]) => list.some((x) => granted.has(x)))
        .map(([category]) => category);
      if (sensitive.length > 0)
        findings.push(finding('hidden-app-sensitive', { package: p.name, categories: sensitive }));
      else findings.push(finding('hidden-app', { package: p.name }));
    }
    const categories = Object.entries(RISKY)
      .filter(([, list]) => list.some((x) => granted.has(x)))
      .map(([category]) => category);
    const dangerousCount = [...granted].filter((x) => DANGEROUS.has(x)).length;
    if (categories.length >= RISKY_CATEGORY_THRESHOLD || dangerousCount >= DANGEROUS_THRESHOLD)
      findings.push(finding('risky-permissions', { package: p.name, categories, dangerousCount }));

    const word = NAME_WORDS.exec(p.name);
    if (word && !NAME_EXCLUDED.test(p.name) && !listed)
      findings.push(finding('name-heuristic', { package: p.name, word: word[1]!.toLowerCase() }));
  }

  for (const s of facts.accessibilityServices)
    if (!isSystem(s.packageName))
      findings.push(finding('accessibility-service', { package: s.packageName, component: s.component }));
  for (const s of facts.notificationListeners)
    if (!isSystem(s.packageName))
      findings.push(finding('notification-listener', { package: s.packageName, component: s.component }));
  for (const o of facts.owners)
    if (!isSystem(o.packageName))
      findings.push(finding('device-owner', { package: o.packageName, component: o.component, kind: o.kind }));
  for (const a of facts.deviceAdmins)
    if (!isSystem(a.packageName))
      findings.push(finding('device-admin', { package: a.packageName, component: a.component }));
  for (const name of facts.mayInstallApps)
    if (!isSystem(name)) findings.push(finding('installs-apps', { package: name }));

  for (const rule of VERIFICATION_RULES) {
    const value = facts.globalSettings[rule.setting];
    if (value === rule.off) findings.push(finding(rule.code, { setting: rule.setting, value }));
  }

  const prop = (k: string) => facts.props[k];
  const rootSigns: [string, (v: string) => boolean][] = [
    ['ro.debuggable', (v) => v === '1'],
    ['ro.secure', (v) => v === '0'],
    ['ro.build.tags', (v) => v.split(',').includes('test-keys')],
    ['ro.boot.verifiedbootstate', (v) => v !== '' && v !== 'green'],
    ['ro.boot.flash.locked', (v) => v === '0'],
    ['ro.boot.warranty_bit', (v) => v === '1'],
  ];
  for (const [property, bad] of rootSigns) {
    const value = prop(property);
    if (value !== undefined && bad(value)) findings.push(finding('root-property', { property, value }));
  }

  const patch = prop('ro.build.version.security_patch');
  if (patch && /^\d{4}-\d{2}-\d{2}$/.test(patch)) {
    const ageDays = Math.floor((options.now.getTime() - Date.parse(`${patch}T00:00:00Z`)) / 86_400_000);
    if (ageDays > PATCH_MAX_AGE_DAYS) findings.push(finding('security-patch-old', { patch, ageDays }));
  }

  if (facts.accounts)
    findings.push(
      finding('accounts', {
        total: facts.accounts.total,
        byType: facts.accounts.byType,
        domains: facts.accounts.domains,
      }),
    );
  for (const u of facts.unreadableApks)
    findings.push(finding('apk-unreadable', { package: u.packageName, reason: u.reason }));
  for (const c of facts.failedCommands)
    findings.push(finding('command-failed', { command: c.command, message: c.message }));

  findings.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      a.code.localeCompare(b.code) ||
      String(a.params.package ?? '').localeCompare(String(b.params.package ?? '')),
  );
  const top = findings.find((f) => f.level !== 'info')?.level;
  const level: PhoneLevel = top === 'high' || top === 'medium' || top === 'low' ? top : 'none';
  return { findings, level };
}
