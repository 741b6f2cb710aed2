import { createHash, randomBytes } from 'node:crypto';
import { AdbError, parsePmPath, type AdbClient, type AdbCommandRecord } from './adb-client';
import { SHELL, SHELL_TEMPLATES, VERIFICATION_SETTINGS } from './allowed-commands';
import { readApkSignature } from './apk-signature';
import type { IndicatorBundle } from './indicator-bundle';
import {
  buildIndicatorIndex,
  isOffStore,
  matchPhone,
  type Finding,
  type IndicatorIndex,
  type InstalledPackage,
  type PhoneFacts,
} from './matching';
import type { PhoneLevel, ScanPhase } from '../../domain/phone-check';
import {
  parseAccounts,
  parseComponentList,
  parseDeviceAdmins,
  parseEpochSeconds,
  parseGetprop,
  parseInstallAllowed,
  parseLauncherPackages,
  parseOwners,
  parsePackageDump,
  parsePackageList,
  parseSha256sum,
  type PackageList,
} from './parsers';

/**
 * The Android check end to end (§D5, §D6): the allowed commands through the adb client, the
 * inventory (with the fallback for a `pm` without `-U`), off-store APKs pulled and their SHA-256
 * and certificate read, the matching, and a report of plain JSON: the device, the clock drift,
 * every command with the SHA-256 of what came back and when, the findings, the indicator bundle's
 * commit and file hashes. The raw outputs come beside the report (for the encrypted evidence
 * item), never inside it. Nothing here writes to the phone; the client refuses it anyway.
 */

export const PHONE_SCAN_FORMAT = 1;

/** Build properties copied into the report (identity, patch level, root and tamper signs). */
export const REPORTED_PROPERTIES = [
  'ro.product.model',
  'ro.product.manufacturer',
  'ro.product.brand',
  'ro.build.version.release',
  'ro.build.version.sdk',
  'ro.build.version.security_patch',
  'ro.build.fingerprint',
  'ro.build.tags',
  'ro.build.type',
  'ro.debuggable',
  'ro.secure',
  'ro.boot.verifiedbootstate',
  'ro.boot.flash.locked',
  'ro.boot.warranty_bit',
] as const;

export interface ScanProgress {
  phase: ScanPhase;
  done: number;
  total: number;
}

export interface ScanInput {
  adb: AdbClient;
  serial: string;
  bundle: IndicatorBundle;
  /** Built from the bundle when not given (the app keeps one per loaded bundle). */
  index?: IndicatorIndex;
  onProgress?: (progress: ScanProgress) => void;
  now?: () => Date;
  /** Pull off-store APKs to read their hash and certificate (default true). */
  pullOffStore?: boolean;
  /** Also `sha256sum` every store-installed third-party APK on the phone (default false: slow on a phone). */
  hashStoreApksOnPhone?: boolean;
  /** Per-package commands in flight at once (default 4). */
  concurrency?: number;
}

export interface CommandRun {
  /** Position in the report, and in `rawOutputs`. */
  index: number;
  request: string;
  startedAt: string;
  durationMs: number;
  outcome: AdbCommandRecord['outcome'];
  outputBytes: number;
  outputSha256: string | null;
  message: string | null;
}

export interface PhoneScanReport {
  format: typeof PHONE_SCAN_FORMAT;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  adbServerVersion: number;
  device: {
    /** The serial as a salted SHA-256 (spec §D7); the salt is kept so the phone can be matched later. */
    serialSha256: string;
    serialSalt: string;
    model: string | null;
    manufacturer: string | null;
    androidRelease: string | null;
    sdk: number | null;
    securityPatch: string | null;
    properties: Record<string, string>;
  };
  clock: {
    hostBefore: string;
    hostAfter: string;
    phoneEpochSeconds: number | null;
    /** Phone minus host, seconds (±1 s: `date +%s` has whole seconds). */
    driftSeconds: number | null;
  };
  inventory: {
    /** `with-uid`: `pm list packages -U -u -i` worked; `without-uid`: the older form was used. */
    pmForm: 'with-uid' | 'without-uid';
    total: number;
    system: number;
    thirdParty: number;
    disabled: number;
    offStore: number;
    packages: InstalledPackage[];
  };
  commands: CommandRun[];
  findings: Finding[];
  level: PhoneLevel;
  indicators: {
    commit: string;
    date: string;
    manifestSha256: string;
    files: Record<string, { sha256: string; bytes: number }>;
  };
}

export type ScanRefusalCode = 'adb-unreachable' | 'device-not-found' | 'device-unauthorized' | 'device-offline';

export type ScanResult =
  | { ok: true; report: PhoneScanReport; rawOutputs: (Buffer | null)[] }
  | { ok: false; refusal: { code: ScanRefusalCode; details: Record<string, string> } };

async function mapLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(workers);
}

export async function scanAndroidPhone(input: ScanInput): Promise<ScanResult> {
  const { adb, serial, bundle } = input;
  const now = input.now ?? (() => new Date());
  const progress = input.onProgress ?? (() => undefined);
  const index = input.index ?? buildIndicatorIndex(bundle);
  const started = now();
  const logStart = adb.log.length;
  const raw = new Map<number, Buffer>();
  const failedCommands: PhoneFacts['failedCommands'] = [];

  /** Runs one allowed command; a failure is recorded (and reported as `command-failed`), not thrown. */
  async function run(command: string): Promise<string | null> {
    const at = adb.log.length;
    try {
      const output = await adb.shell(serial, command);
      raw.set(at - logStart, output);
      return output.toString('utf8');
    } catch (error) {
      failedCommands.push({ command, message: error instanceof AdbError ? error.code : String(error) });
      return null;
    }
  }

  // The device: the server answers, the phone is listed and has accepted this computer.
  progress({ phase: 'device', done: 0, total: 1 });
  let adbServerVersion: number;
  try {
    adbServerVersion = await adb.version();
    const devices = await adb.devices();
    const device = devices.find((d) => d.serial === serial);
    if (!device) return { ok: false, refusal: { code: 'device-not-found', details: { serial } } };
    if (device.state === 'unauthorized')
      return { ok: false, refusal: { code: 'device-unauthorized', details: { serial } } };
    if (device.state !== 'device')
      return { ok: false, refusal: { code: 'device-offline', details: { serial, state: device.state } } };
  } catch (error) {
    return {
      ok: false,
      refusal: { code: 'adb-unreachable', details: { error: error instanceof Error ? error.message : String(error) } },
    };
  }

  const props = parseGetprop((await run(SHELL.getprop)) ?? '');
  const hostBefore = now();
  const phoneEpochSeconds = parseEpochSeconds((await run(SHELL.date)) ?? '');
  const hostAfter = now();
  const hostMid = (hostBefore.getTime() + hostAfter.getTime()) / 2000;
  const driftSeconds = phoneEpochSeconds === null ? null : Math.round((phoneEpochSeconds - hostMid) * 10) / 10 + 0; // + 0: never -0

  // The inventory.
  progress({ phase: 'inventory', done: 0, total: 5 });
  let pmForm: 'with-uid' | 'without-uid' = 'with-uid';
  let listed: PackageList = parsePackageList((await run(SHELL.packagesFull)) ?? '');
  if (listed.unknownOption || listed.packages.length === 0) {
    pmForm = 'without-uid';
    listed = parsePackageList((await run(SHELL.packagesFallback)) ?? '');
  }
  const names = async (command: string) =>
    new Set(parsePackageList((await run(command)) ?? '').packages.map((p) => p.name));
  let system = await names(SHELL.packagesSystem);
  const disabled = await names(SHELL.packagesDisabled);
  const thirdPartyNames = await names(SHELL.packagesThirdParty);
  // Where `-s` printed nothing, a system package is one that `-3` does not list.
  if (system.size === 0 && thirdPartyNames.size > 0)
    system = new Set(listed.packages.map((p) => p.name).filter((name) => !thirdPartyNames.has(name)));
  const launcherText = await run(SHELL.launcherActivities);
  const launchers = launcherText === null ? null : parseLauncherPackages(launcherText);
  progress({ phase: 'inventory', done: 5, total: 5 });

  const packages: InstalledPackage[] = listed.packages.map((p) => ({
    name: p.name,
    uid: p.uid,
    installer: p.installer,
    system: system.has(p.name),
    disabled: disabled.has(p.name),
    hasLauncher: launchers === null ? null : launchers.has(p.name),
    requested: [],
    granted: [],
    versionName: null,
    firstInstallTime: null,
    apk: null,
  }));

  // Settings (§D5 #6 to #11).
  progress({ phase: 'settings', done: 0, total: 1 });
  const accessibility = parseComponentList((await run(SHELL.accessibilityServices)) ?? '');
  await run(SHELL.accessibilityEnabled);
  await run(SHELL.accessibilityDump);
  const listeners = parseComponentList((await run(SHELL.notificationListeners)) ?? '');
  const owners = parseOwners((await run(SHELL.owners)) ?? '');
  const admins = parseDeviceAdmins((await run(SHELL.devicePolicy)) ?? '');
  const globalSettings: Record<string, string | null> = {};
  for (const name of VERIFICATION_SETTINGS) {
    const value = (await run(`settings get global ${name}`))?.trim() ?? null;
    globalSettings[name] = value === null || value === 'null' || value === '' ? null : value;
  }
  const byUid = new Map<number, string[]>();
  for (const p of packages) if (p.uid !== null) byUid.set(p.uid, [...(byUid.get(p.uid) ?? []), p.name]);
  const appopsText = await run(SHELL.appops);
  const mayInstallApps = appopsText === null ? [] : parseInstallAllowed(appopsText, byUid);
  const accountsText = await run(SHELL.accounts);
  const accounts = accountsText === null ? null : parseAccounts(accountsText);
  progress({ phase: 'settings', done: 1, total: 1 });

  // Per third-party package: its dump; its APK path when it is hashed or pulled.
  const thirdParty = packages.filter((p) => !p.system);
  let done = 0;
  progress({ phase: 'packages', done, total: thirdParty.length });
  const pullOffStore = input.pullOffStore ?? true;
  const unreadableApks: PhoneFacts['unreadableApks'] = [];
  const concurrency = input.concurrency ?? 4;
  await mapLimited(thirdParty, concurrency, async (p) => {
    const dumpText = await run(`${SHELL_TEMPLATES.packageDump}${p.name}`);
    if (dumpText !== null) {
      const dump = parsePackageDump(dumpText, p.name);
      p.requested = dump.requested;
      p.granted = dump.granted;
      p.versionName = dump.versionName;
      p.firstInstallTime = dump.firstInstallTime;
      if (p.installer === null && dump.installer !== null) p.installer = dump.installer;
    }
    const offStore = isOffStore(p);
    if ((offStore && pullOffStore) || input.hashStoreApksOnPhone) {
      const pathText = await run(`${SHELL_TEMPLATES.packagePath}${p.name}`);
      const apkPath = pathText === null ? undefined : parsePmPath(pathText)[0];
      if (apkPath)
        p.apk = {
          path: apkPath,
          sha256: null,
          hashedOn: null,
          certificateSha1: null,
          certificateSha256: null,
          scheme: null,
          certificates: [],
        };
      if (apkPath && !offStore) {
        const sum = parseSha256sum((await run(`${SHELL_TEMPLATES.apkHash}${apkPath}`)) ?? '');
        if (sum) Object.assign(p.apk!, { sha256: sum, hashedOn: 'phone' });
      }
    }
    progress({ phase: 'packages', done: ++done, total: thirdParty.length });
  });

  // Off-store APKs: pulled (directly, no copy on the phone), hashed, certificate read.
  const toPull = thirdParty.filter((p) => isOffStore(p) && p.apk);
  let pulled = 0;
  progress({ phase: 'apks', done: 0, total: toPull.length });
  await mapLimited(toPull, Math.min(concurrency, 2), async (p) => {
    const apk = p.apk!;
    try {
      const bytes = await adb.pull(serial, apk.path);
      apk.sha256 = createHash('sha256').update(bytes).digest('hex');
      apk.hashedOn = 'host';
      const signature = readApkSignature(bytes);
      if (signature.ok) {
        apk.certificateSha1 = signature.info.primary.sha1;
        apk.certificateSha256 = signature.info.primary.sha256;
        apk.scheme = signature.info.primary.scheme;
        apk.certificates = signature.info.all.map((c) => ({
          sha1: c.sha1,
          sha256: c.sha256,
          scheme: c.scheme,
          role: c.role,
        }));
      } else {
        unreadableApks.push({ packageName: p.name, reason: signature.code });
      }
    } catch (error) {
      unreadableApks.push({ packageName: p.name, reason: error instanceof AdbError ? error.code : 'error' });
    }
    progress({ phase: 'apks', done: ++pulled, total: toPull.length });
  });
  if (pullOffStore)
    for (const p of thirdParty)
      if (isOffStore(p) && !p.apk) unreadableApks.push({ packageName: p.name, reason: 'no-apk-path' });

  // Matching.
  progress({ phase: 'matching', done: 0, total: 1 });
  const facts: PhoneFacts = {
    props,
    packages,
    accessibilityServices: accessibility,
    notificationListeners: listeners,
    owners,
    deviceAdmins: admins,
    globalSettings,
    mayInstallApps,
    accounts,
    unreadableApks,
    failedCommands,
  };
  const { findings, level } = matchPhone(facts, index, { now: started });
  const finished = now();

  const records = adb.log.slice(logStart);
  const commands: CommandRun[] = records.map((r, i) => ({
    index: i,
    request: r.request,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    outcome: r.outcome,
    outputBytes: r.outputBytes,
    outputSha256: r.outputSha256,
    message: r.message ?? null,
  }));
  const rawOutputs = records.map((r, i) => (r.request.startsWith('RECV:') ? null : (raw.get(i) ?? null)));
  const salt = randomBytes(16).toString('hex');
  const property = (k: string) => props[k] ?? null;
  const sdk = Number(property('ro.build.version.sdk'));
  progress({ phase: 'done', done: 1, total: 1 });
  return {
    ok: true,
    rawOutputs,
    report: {
      format: PHONE_SCAN_FORMAT,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      adbServerVersion,
      device: {
        serialSha256: createHash('sha256').update(`${salt}:${serial}`).digest('hex'),
        serialSalt: salt,
        model: property('ro.product.model'),
        manufacturer: property('ro.product.manufacturer'),
        androidRelease: property('ro.build.version.release'),
        sdk: Number.isFinite(sdk) && sdk > 0 ? sdk : null,
        securityPatch: property('ro.build.version.security_patch'),
        properties: Object.fromEntries(REPORTED_PROPERTIES.filter((k) => k in props).map((k) => [k, props[k]!])),
      },
      clock: {
        hostBefore: hostBefore.toISOString(),
        hostAfter: hostAfter.toISOString(),
        phoneEpochSeconds,
        driftSeconds,
      },
      inventory: {
        pmForm,
        total: packages.length,
        system: packages.filter((p) => p.system).length,
        thirdParty: thirdParty.length,
        disabled: packages.filter((p) => p.disabled).length,
        offStore: thirdParty.filter((p) => isOffStore(p)).length,
        packages,
      },
      commands,
      findings,
      level,
      indicators: {
        commit: bundle.commit,
        date: bundle.date,
        manifestSha256: bundle.manifestSha256,
        files: bundle.files,
      },
    },
  };
}
