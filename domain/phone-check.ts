/**
 * The phone check's vocabulary (digital-violence.md §D), shared by main's scan and service, the
 * API's declarations and the screens: the consent's points, whose phone it is, why a check failed,
 * the findings and their levels, the scan's phases, the iPhone checklist's answers and the files
 * of an indicator bundle. The words for each are the catalogs'.
 */

export const CONSENT_POINTS = ['whatIsRead', 'nothingChanged', 'removalRisk', 'whatGoesInFile'] as const;
export const PHONE_OWNERS = ['victim', 'child'] as const;
export const PHONE_CHECK_FAILURES = [
  'indicators-unavailable',
  'adb-unreachable',
  'device-not-found',
  'several-devices',
  'device-unauthorized',
  'device-offline',
  'device-disconnected',
  'storage-failed',
] as const;
/** Every finding code, in FINDING_LEVELS's order (a test keeps the two equal). */
export const PHONE_FINDING_CODES = [
  'stalkerware-package',
  'stalkerware-certificate',
  'stalkerware-sample',
  'accessibility-service',
  'notification-listener',
  'device-owner',
  'device-admin',
  'play-protect-off',
  'root-property',
  'root-app',
  'watchware-package',
  'watchware-certificate',
  'verification-off',
  'sideloaded',
  'installs-apps',
  'hidden-app-sensitive',
  'risky-permissions',
  'hidden-app',
  'name-heuristic',
  'verification-relaxed',
  'security-patch-old',
  'accounts',
  'apk-unreadable',
  'command-failed',
] as const;
export const IPHONE_ANSWERS = ['nothingFound', 'found', 'notChecked'] as const;
export const SCAN_PHASES = ['device', 'inventory', 'settings', 'packages', 'apks', 'matching', 'done'] as const;
export type ScanPhase = (typeof SCAN_PHASES)[number];
export const PHONE_LEVELS = ['high', 'medium', 'low', 'none'] as const;
/** The files of an indicator bundle, as an administrator imports them. */
export const INDICATOR_BUNDLE_FILES = [
  'manifest.json',
  'ioc.yaml',
  'watchware.yaml',
  'samples.csv',
  'NOTICE.md',
  'LICENSE.txt',
] as const;

export type FindingLevel = 'high' | 'medium' | 'low' | 'info';
export type PhoneLevel = 'high' | 'medium' | 'low' | 'none';

/** Every finding code with its level (§D6). */
export const FINDING_LEVELS = {
  /** An installed package is an ioc.yaml package. */
  'stalkerware-package': 'high',
  /** An off-store APK is signed with an ioc.yaml certificate (not a shared one). */
  'stalkerware-certificate': 'high',
  /** An APK's SHA-256 is a samples.csv sample. */
  'stalkerware-sample': 'high',
  /** A non-system app has an enabled accessibility service. */
  'accessibility-service': 'high',
  /** A non-system app is an enabled notification listener. */
  'notification-listener': 'high',
  /** A non-system app is device or profile owner. */
  'device-owner': 'high',
  /** A non-system app is an active device administrator. */
  'device-admin': 'high',
  /** Play Protect's app verification switched off. */
  'play-protect-off': 'high',
  /** A build property that says rooted, unlocked or tampered. */
  'root-property': 'high',
  /** A rooting or root-management app is installed. */
  'root-app': 'high',
  /** An installed package is a watchware.yaml package. */
  'watchware-package': 'medium',
  /** An off-store APK is signed with a watchware.yaml certificate. */
  'watchware-certificate': 'medium',
  /** Verification of sideloaded or adb-installed apps, or the upload of unknown apps, switched off. */
  'verification-off': 'medium',
  /** A non-system app not installed by a known store. */
  sideloaded: 'medium',
  /** A non-system app allowed to install other apps. */
  'installs-apps': 'medium',
  /** A non-system app without launcher icon that holds SMS, location, microphone or camera. */
  'hidden-app-sensitive': 'medium',
  /** A non-system app with a combination of risky permissions, or many dangerous ones. */
  'risky-permissions': 'medium',
  /** A non-system app without launcher icon. */
  'hidden-app': 'low',
  /** A package name that says spy, track, keylog or cheat. */
  'name-heuristic': 'low',
  /** Security reports or the adb install confirmation switched off. */
  'verification-relaxed': 'low',
  /** The security patch is more than 180 days old. */
  'security-patch-old': 'low',
  /** The accounts on the phone, counted (types and e-mail domains only). */
  accounts: 'info',
  /** An off-store APK could not be pulled or its signature read. */
  'apk-unreadable': 'info',
  /** A command failed or its output was not understood. */
  'command-failed': 'info',
} as const satisfies Record<string, FindingLevel>;

export type FindingCode = keyof typeof FINDING_LEVELS;

/**
 * The iPhone: a guided manual checklist (spec §D9), ids only (the UI words them, in the officer's
 * language, and records each answer). `lookFor` are app names, not prose.
 */
export const IPHONE_CHECKLIST = [
  { id: 'safety-check' },
  { id: 'apple-id-devices' },
  { id: 'find-my' },
  { id: 'profiles-device-management' },
  { id: 'jailbreak-apps', lookFor: ['Cydia', 'Sileo', 'Zebra', 'Filza'] },
  { id: 'family-sharing' },
  { id: 'icloud-backup' },
] as const;
export type IphoneChecklistId = (typeof IPHONE_CHECKLIST)[number]['id'];
