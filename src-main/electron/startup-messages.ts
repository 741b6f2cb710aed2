import { translator } from '../../forms/translation';
import type { DatabaseErrorCode } from '../db/database';
import type { KeyStoreErrorCode } from './key-store';
import type { ZoneKeyErrorCode } from './zone-keys';

/**
 * The texts of the "cannot start" dialog, from the officer catalogs (forms/catalogs/officer).
 * Read through the one translation runtime (forms/translation.ts).
 */
export const STARTUP_LANGUAGES = ['fr', 'nl', 'de', 'en'] as const;
export type StartupLanguage = (typeof STARTUP_LANGUAGES)[number];
const FALLBACK_LANGUAGE: StartupLanguage = 'en';

export type StartupMessageKey =
  | 'keyUnavailable'
  | 'basicTextRefused'
  | 'keyMissing'
  | 'keyUnreadable'
  | 'databaseMissing'
  | 'databaseWrongKey'
  | 'databaseTooNew'
  | 'databaseDamaged'
  | 'migrationFailed'
  | 'migrationsAltered'
  | 'configInvalid'
  | 'unexpected'
  /** A packaged app started with a debugging switch (launch-guard.ts). */
  | 'debuggingRefused'
  /** Zone mode: the workstation's keys (zone-keys.ts), each with the file to act on as `{{detail}}`. */
  | 'zoneKeyMissing'
  | 'zoneKeyUnreadable'
  | 'zoneKeyMismatch'
  | 'zoneKeyNotRemoved';

export type Catalogs = Partial<Record<StartupLanguage, unknown>>;

export interface StartupFailure {
  key: StartupMessageKey;
  /** Shown in place of `{{detail}}` (configInvalid, unexpected). */
  detail?: string;
  /** databaseMissing, databaseDamaged: the copy to restore, in place of `{{backup}}` (null: none found). */
  latestBackup?: string | null;
  /** databaseMissing: what shows an installation existed, in place of `{{traces}}`. */
  traces?: string[];
}

/** `fr-BE` -> fr, `nl` -> nl, `de-DE` -> de; anything else (en-US, ar, '') -> en. */
export function startupLanguage(locale: string): StartupLanguage {
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (STARTUP_LANGUAGES as readonly string[]).includes(primary) ? (primary as StartupLanguage) : FALLBACK_LANGUAGE;
}

/** A text of the shell's own dialogs in `language`, else in English. */
export function shellText(
  catalogs: Catalogs,
  language: StartupLanguage,
  key: string,
  values: Record<string, string> = {},
): string | undefined {
  const lookup = (lng: StartupLanguage) => {
    const catalog = catalogs[lng];
    return catalog && typeof catalog === 'object' ? translator(lng, catalog)(key, values) : undefined;
  };
  return lookup(language) ?? lookup(FALLBACK_LANGUAGE);
}

/** The catalog text at `startup.<key>` in `language`, else in English, else the key itself. */
export function startupText(
  catalogs: Catalogs,
  language: StartupLanguage,
  key: StartupMessageKey | 'title' | 'noBackup',
  values: Record<string, string> = {},
): string {
  return shellText(catalogs, language, `startup.${key}`, values) ?? `startup.${key}`;
}

/**
 * Which message a start-up error deserves. Errors are recognised by name and code rather than
 * by class, so this module does not load the database driver.
 */
export function describeStartupFailure(error: unknown): StartupFailure {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'KeyStoreError' && typeof code === 'string' && Object.hasOwn(KEY_STORE_MESSAGES, code)) {
    return { key: KEY_STORE_MESSAGES[code as KeyStoreErrorCode] };
  }
  if (name === 'DatabaseOpenError' && typeof code === 'string' && Object.hasOwn(DATABASE_MESSAGES, code)) {
    const key = DATABASE_MESSAGES[code as DatabaseErrorCode];
    if (key !== 'databaseMissing' && key !== 'databaseDamaged') return { key };
    const restore = (error as { restore?: { latestBackup?: unknown; traces?: unknown } }).restore;
    const latestBackup = typeof restore?.latestBackup === 'string' ? restore.latestBackup : null;
    const traces = Array.isArray(restore?.traces)
      ? restore.traces.filter((t): t is string => typeof t === 'string')
      : [];
    return key === 'databaseMissing' ? { key, latestBackup, traces } : { key, latestBackup };
  }
  if (name === 'ZoneKeyError' && typeof code === 'string' && Object.hasOwn(ZONE_KEY_MESSAGES, code)) {
    const detail = (error as { detail?: unknown }).detail;
    return { key: ZONE_KEY_MESSAGES[code as ZoneKeyErrorCode], detail: typeof detail === 'string' ? detail : '' };
  }
  if (name === 'ConfigError') return { key: 'configInvalid', detail: shortMessage(error) };
  return { key: 'unexpected', detail: shortMessage(error) };
}

const KEY_STORE_MESSAGES: Record<KeyStoreErrorCode, StartupMessageKey> = {
  KEY_STORAGE_UNAVAILABLE: 'keyUnavailable',
  KEY_STORAGE_INSECURE: 'basicTextRefused',
  KEY_FILE_MISSING: 'keyMissing',
  KEY_FILE_UNREADABLE: 'keyUnreadable',
};

const ZONE_KEY_MESSAGES: Record<ZoneKeyErrorCode, StartupMessageKey> = {
  ZONE_KEY_MISSING: 'zoneKeyMissing',
  ZONE_KEY_UNREADABLE: 'zoneKeyUnreadable',
  ZONE_KEY_MISMATCH: 'zoneKeyMismatch',
  ZONE_KEY_NOT_REMOVED: 'zoneKeyNotRemoved',
};

const DATABASE_MESSAGES: Record<DatabaseErrorCode, StartupMessageKey> = {
  DATABASE_MISSING: 'databaseMissing',
  DATABASE_WRONG_KEY: 'databaseWrongKey',
  DATABASE_TOO_NEW: 'databaseTooNew',
  DATABASE_DAMAGED: 'databaseDamaged',
  DATABASE_MIGRATION_FAILED: 'migrationFailed',
  DATABASE_MIGRATIONS_ALTERED: 'migrationsAltered',
};

/** The dialog's text for a failure, its placeholders filled in. */
export function startupMessage(catalogs: Catalogs, language: StartupLanguage, failure: StartupFailure): string {
  const values: Record<string, string> = {};
  if (failure.detail !== undefined) values.detail = failure.detail;
  if (failure.latestBackup !== undefined)
    values.backup = failure.latestBackup ?? startupText(catalogs, language, 'noBackup');
  if (failure.traces !== undefined) values.traces = failure.traces.join(', ');
  return startupText(catalogs, language, failure.key, values);
}

function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 600 ? `${message.slice(0, 600)}…` : message;
}
