/**
 * What the app may ever ask the adb server and the phone (spec digital-violence §D5), in ONE
 * place: `checkAdbRequest` is called by the client for every request it writes, immediately
 * before writing it, and the client has no other way to write (a test reads its source).
 *
 * The phone is only read: no install, push, uninstall, clear, `settings put`, `am`, `input`,
 * reboot, root or remount, no port forwarding, no "always allow". A request is either one of
 * the exact strings below or a template whose one argument passes a strict pattern: a package
 * name, or an APK path that `pm path` returned in this session. Anything else, including any
 * shell metacharacter, a second line or a NUL, is refused before a byte leaves the host.
 */

/** adb server requests that never reach a phone. */
export const HOST_REQUESTS = ['host:version', 'host:devices-l'] as const;

/** The sync service, opened only to RECV (pull) an APK path `pm path` gave. */
export const SYNC_REQUEST = 'sync:';

export const ACCESSIBILITY_SETTINGS = [
  'settings get secure enabled_accessibility_services',
  'settings get secure accessibility_enabled',
] as const;
export const NOTIFICATION_LISTENER_SETTING = 'settings get secure enabled_notification_listeners';
/** Play Protect and package verification (§D5 #9), each read with `settings get global`. */
export const VERIFICATION_SETTINGS = [
  'package_verifier_enable',
  'package_verifier_user_consent',
  'upload_apk_enable',
  'verifier_verify_adb_installs',
  'adb_install_need_confirm',
  'send_security_reports',
] as const;
export type VerificationSetting = (typeof VERIFICATION_SETTINGS)[number];

export const SHELL = {
  getprop: 'getprop',
  date: 'date +%s',
  packagesFull: 'pm list packages -U -u -i',
  /** For Android versions whose `pm` does not know `-U`. */
  packagesFallback: 'pm list packages -u -i',
  packagesSystem: 'pm list packages -s',
  packagesThirdParty: 'pm list packages -3',
  packagesDisabled: 'pm list packages -d',
  accessibilityServices: ACCESSIBILITY_SETTINGS[0],
  accessibilityEnabled: ACCESSIBILITY_SETTINGS[1],
  accessibilityDump: 'dumpsys accessibility',
  notificationListeners: NOTIFICATION_LISTENER_SETTING,
  owners: 'dpm list-owners',
  devicePolicy: 'dumpsys device_policy',
  appops: 'dumpsys appops',
  accounts: 'dumpsys account',
  launcherActivities: 'cmd package query-activities -a android.intent.action.MAIN -c android.intent.category.LAUNCHER',
} as const;

/** Every exact shell command the phone can be asked. */
export const EXACT_SHELL_COMMANDS: readonly string[] = [
  ...Object.values(SHELL),
  ...VERIFICATION_SETTINGS.map((name) => `settings get global ${name}`),
];

/** The templates, each with one argument. */
export const SHELL_TEMPLATES = {
  packagePath: 'pm path ',
  packageDump: 'dumpsys package ',
  apkHash: 'sha256sum ',
} as const;

/**
 * An Android package name: dot-separated segments of letters, digits and underscores, each
 * starting with a letter (`android` alone is one). Nothing a shell would read as syntax.
 */
export const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;
const MAX_PACKAGE_NAME = 255;
/** A device serial as adb lists it (USB serials, `emulator-5554`, `host:port`). */
export const SERIAL = /^[A-Za-z0-9._:-]{1,64}$/;
/**
 * An APK path as `pm path` prints it (`/data/app/~~Xy==/com.x-Ab==/base.apk`,
 * `/system/priv-app/X/X.apk`): absolute, in an app partition, no `.` or `..` segment, no
 * character a shell treats specially. Only paths the phone itself returned are used anyway.
 */
export const APK_PATH =
  /^\/(?:data\/app|system|system_ext|product|vendor|odm|oem|apex)(?:\/[A-Za-z0-9_~=+-][A-Za-z0-9._~=+-]*)+\.apk$/;
const MAX_APK_PATH = 512;

export function isPackageName(value: string): boolean {
  return value.length <= MAX_PACKAGE_NAME && PACKAGE_NAME.test(value);
}

export function isApkPath(value: string): boolean {
  return value.length <= MAX_APK_PATH && APK_PATH.test(value) && !/\/\.\.?(?:\/|$)/.test(value);
}

export interface AllowContext {
  /** APK paths `pm path` returned in this session: the only ones hashed or pulled. */
  apkPaths: ReadonlySet<string>;
}

export type AllowedKind = 'host' | 'transport' | 'shell' | 'sync' | 'recv' | 'quit';

export type RefusalReason =
  | 'not-printable'
  | 'unknown-service'
  | 'bad-serial'
  | 'unknown-command'
  | 'bad-package-name'
  | 'bad-apk-path'
  | 'apk-path-not-listed';

export type Verdict =
  | { allowed: true; kind: AllowedKind; template: string; argument: string | null }
  | { allowed: false; reason: RefusalReason };

const PRINTABLE = /^[\x20-\x7e]+$/;

function shellVerdict(command: string, context: AllowContext): Verdict {
  if (EXACT_SHELL_COMMANDS.includes(command))
    return { allowed: true, kind: 'shell', template: command, argument: null };
  for (const template of [SHELL_TEMPLATES.packagePath, SHELL_TEMPLATES.packageDump]) {
    if (command.startsWith(template)) {
      const argument = command.slice(template.length);
      if (!isPackageName(argument)) return { allowed: false, reason: 'bad-package-name' };
      return { allowed: true, kind: 'shell', template: `${template}<package>`, argument };
    }
  }
  if (command.startsWith(SHELL_TEMPLATES.apkHash)) {
    const argument = command.slice(SHELL_TEMPLATES.apkHash.length);
    if (!isApkPath(argument)) return { allowed: false, reason: 'bad-apk-path' };
    if (!context.apkPaths.has(argument)) return { allowed: false, reason: 'apk-path-not-listed' };
    return { allowed: true, kind: 'shell', template: `${SHELL_TEMPLATES.apkHash}<apk>`, argument };
  }
  return { allowed: false, reason: 'unknown-command' };
}

/**
 * The one check. `request` is what would go on the wire: an adb service (`host:version`,
 * `host:devices-l`, `host:transport:<serial>`, `shell:<command>`, `sync:`), or inside the sync
 * service `RECV:<path>` (pull) and `QUIT`.
 */
export function checkAdbRequest(request: string, context: AllowContext): Verdict {
  if (!PRINTABLE.test(request)) return { allowed: false, reason: 'not-printable' };
  if ((HOST_REQUESTS as readonly string[]).includes(request))
    return { allowed: true, kind: 'host', template: request, argument: null };
  if (request === SYNC_REQUEST) return { allowed: true, kind: 'sync', template: request, argument: null };
  if (request === 'QUIT') return { allowed: true, kind: 'quit', template: request, argument: null };
  if (request.startsWith('host:transport:')) {
    const serial = request.slice('host:transport:'.length);
    if (!SERIAL.test(serial)) return { allowed: false, reason: 'bad-serial' };
    return { allowed: true, kind: 'transport', template: 'host:transport:<serial>', argument: serial };
  }
  if (request.startsWith('shell:')) return shellVerdict(request.slice('shell:'.length), context);
  if (request.startsWith('RECV:')) {
    const path = request.slice('RECV:'.length);
    if (!isApkPath(path)) return { allowed: false, reason: 'bad-apk-path' };
    if (!context.apkPaths.has(path)) return { allowed: false, reason: 'apk-path-not-listed' };
    return { allowed: true, kind: 'recv', template: 'RECV:<apk>', argument: path };
  }
  return { allowed: false, reason: 'unknown-service' };
}
