import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  KeyStoreError,
  readWrappedKey,
  requireKeyStorage,
  syncDirectory,
  unwrapKey,
  unwrapText,
  wrapAndVerify,
  wrapTextAndVerify,
  writeWrappedKey,
  type AsyncSafeStorage,
} from './key-store';
import { OUTBOX_FILE_NAME } from '../zone/answer-outbox';

/**
 * A zone workstation's secrets (zone.md: "the workstation certificate and its key are kept like
 * the database key today"), wrapped by the operating system through safeStorage in the user-data
 * folder, as key-store.ts keeps the standalone database key:
 *
 * - its TLS private key: zone IT places the PEM file where config.json's `zone.key` says; the
 *   first start reads it once, checks it belongs to the workstation's certificate, wraps it, and
 *   removes the clear file. Later starts unwrap it. A clear file found again (a renewed
 *   certificate with its new key) is taken the same way and replaces the wrapped one.
 * - the outbox key: 32 random bytes made at the first zone start, for the encrypted outbox that
 *   keeps unsent answers while the server cannot be reached.
 */
export const WRAPPED_WORKSTATION_KEY_FILE_NAME = 'workstation-key.wrapped';
export const WRAPPED_OUTBOX_KEY_FILE_NAME = 'outbox-key.wrapped';

export type ZoneKeyErrorCode =
  /** Neither a wrapped key nor the clear file zone IT was to place. */
  | 'ZONE_KEY_MISSING'
  /** A wrapped key (the workstation's or the outbox's) is damaged or cannot be unwrapped, or the outbox lost its key. */
  | 'ZONE_KEY_UNREADABLE'
  /** The private key is not the one of the workstation's certificate (or not a private key at all). */
  | 'ZONE_KEY_MISMATCH'
  /** The key was wrapped, but its clear file could not be removed: the workstation does not run beside it. */
  | 'ZONE_KEY_NOT_REMOVED';

export class ZoneKeyError extends Error {
  constructor(
    readonly code: ZoneKeyErrorCode,
    /** The file to act on, shown to IT in the start-up message. */
    readonly detail: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZoneKeyError';
  }
}

export interface LoadZoneKeysOptions {
  /** The user-data folder, where the wrapped keys and the outbox live. */
  dataDir: string;
  /** The workstation's certificate (PEM): the private key must be its own. */
  certificate: Buffer;
  /** Where zone IT placed the private key's PEM file (config.json `zone.key`, resolved). */
  keyFile: string;
  safeStorage: AsyncSafeStorage;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

export interface ZoneKeys {
  /** The workstation's TLS private key (PEM), for the zone dispatcher's connection. */
  privateKey: Buffer;
  /** The outbox's 32-byte key: the caller zeroes it once the dispatcher has it. */
  outboxKey: Buffer;
  /** Where the outbox lives. */
  outboxFile: string;
}

export async function loadZoneKeys(options: LoadZoneKeysOptions): Promise<ZoneKeys> {
  const { dataDir, safeStorage } = options;
  const log = options.log ?? (() => {});
  await requireKeyStorage(safeStorage, options.platform ?? process.platform);
  await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const privateKey = await workstationKey(options, log);
  const outboxFile = path.join(dataDir, OUTBOX_FILE_NAME);
  const outboxKey = await loadOrCreateOutboxKey(dataDir, outboxFile, safeStorage);
  return { privateKey, outboxKey, outboxFile };
}

async function workstationKey(options: LoadZoneKeysOptions, log: (message: string) => void): Promise<Buffer> {
  const { safeStorage, keyFile } = options;
  const wrappedFile = path.join(options.dataDir, WRAPPED_WORKSTATION_KEY_FILE_NAME);
  const clear = await readClearKey(keyFile);
  if (clear !== null) {
    requireMatch(clear, options.certificate, keyFile);
    // Wrapped and on disk before the clear file goes: a start cut short in between finds the
    // clear file again and does the same once more.
    await writeWrappedKey(wrappedFile, await wrapTextAndVerify(clear, safeStorage));
    try {
      await fs.promises.rm(keyFile);
      await syncDirectory(path.dirname(keyFile));
    } catch (error) {
      throw new ZoneKeyError(
        'ZONE_KEY_NOT_REMOVED',
        keyFile,
        `The workstation key was wrapped, but its clear file could not be removed (${messageOf(error)})`,
      );
    }
    log(`The workstation key was wrapped into ${WRAPPED_WORKSTATION_KEY_FILE_NAME} and its clear file removed`);
    return Buffer.from(clear);
  }
  const wrapped = await unreadableAs(WRAPPED_WORKSTATION_KEY_FILE_NAME, () => readWrappedKey(wrappedFile));
  if (wrapped === null)
    throw new ZoneKeyError('ZONE_KEY_MISSING', keyFile, 'No wrapped workstation key, and no key file to take');
  const unwrapped = await unreadableAs(WRAPPED_WORKSTATION_KEY_FILE_NAME, () => unwrapText(wrapped, safeStorage));
  // A certificate renewed without its new key is caught here, not as a refused handshake.
  requireMatch(unwrapped.result, options.certificate, WRAPPED_WORKSTATION_KEY_FILE_NAME);
  if (unwrapped.shouldReEncrypt) {
    // As for the database key: the old wrapping still opens, so a failure waits for the next start.
    try {
      await writeWrappedKey(wrappedFile, await wrapTextAndVerify(unwrapped.result, safeStorage));
      log('Re-wrapped the workstation key as the operating system asked');
    } catch (error) {
      log(`Could not re-wrap the workstation key; keeping the previous wrapping (${messageOf(error)})`);
    }
  }
  return Buffer.from(unwrapped.result);
}

async function loadOrCreateOutboxKey(
  dataDir: string,
  outboxFile: string,
  safeStorage: AsyncSafeStorage,
): Promise<Buffer> {
  const wrappedFile = path.join(dataDir, WRAPPED_OUTBOX_KEY_FILE_NAME);
  const wrapped = await unreadableAs(WRAPPED_OUTBOX_KEY_FILE_NAME, () => readWrappedKey(wrappedFile));
  if (wrapped !== null)
    return (await unreadableAs(WRAPPED_OUTBOX_KEY_FILE_NAME, () => unwrapKey(wrapped, safeStorage))).key;
  // Unsent answers may wait in it: a new key would never open them.
  if (fs.existsSync(outboxFile))
    throw new ZoneKeyError(
      'ZONE_KEY_UNREADABLE',
      WRAPPED_OUTBOX_KEY_FILE_NAME,
      `${OUTBOX_FILE_NAME} exists but ${WRAPPED_OUTBOX_KEY_FILE_NAME} is missing`,
    );
  const key = randomBytes(32);
  await writeWrappedKey(wrappedFile, await wrapAndVerify(key, safeStorage));
  return key;
}

/** The PEM zone IT placed, or null when there is none (the usual case after the first start). */
async function readClearKey(keyFile: string): Promise<string | null> {
  try {
    return await fs.promises.readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ZoneKeyError('ZONE_KEY_UNREADABLE', keyFile, `Cannot read the key file (${messageOf(error)})`);
  }
}

function requireMatch(pem: string, certificate: Buffer, where: string): void {
  let matches: boolean;
  try {
    matches = new X509Certificate(certificate).checkPrivateKey(createPrivateKey(pem));
  } catch {
    matches = false;
  }
  if (!matches)
    throw new ZoneKeyError(
      'ZONE_KEY_MISMATCH',
      where,
      "The key is not the private key of the workstation's certificate",
    );
}

/** A damaged or foreign wrapped file is the zone's problem to name, not the database key's. */
async function unreadableAs<T>(fileName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KeyStoreError && error.code === 'KEY_FILE_UNREADABLE')
      throw new ZoneKeyError('ZONE_KEY_UNREADABLE', fileName, error.message);
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
