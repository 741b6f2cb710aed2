import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The database key: 32 random bytes, on disk only wrapped by the operating system's key store
 * through Electron's asynchronous safeStorage API. Electron's `safeStorage` object is passed in
 * from main.ts; tests pass a fake with the same shape.
 */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only; 'unknown' before the app is ready. */
  getSelectedStorageBackend(): string;
}

export const WRAPPED_KEY_FILE_NAME = 'database-key.wrapped';
/**
 * A new installation's key until its database exists: a first start cut short before that leaves
 * only this file, which is not a trace of an installation, so the next start begins afresh.
 */
export const PENDING_KEY_FILE_NAME = 'database-key.wrapped.pending';

export type KeyStoreErrorCode =
  /** No OS key store can wrap the key (isAsyncEncryptionAvailable() is false). */
  | 'KEY_STORAGE_UNAVAILABLE'
  /** Linux fell back to basic_text: the "wrapped" key would be readable by anyone. */
  | 'KEY_STORAGE_INSECURE'
  /** The database exists but its wrapped key does not: a new key could never open it. */
  | 'KEY_FILE_MISSING'
  /** The wrapped key exists but cannot be unwrapped (another user, a reset keyring, damage). */
  | 'KEY_FILE_UNREADABLE';

export class KeyStoreError extends Error {
  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export interface LoadDatabaseKeyOptions {
  /** Where the wrapped key lives (the app's data folder). */
  dataDir: string;
  /** The database the key opens; its presence without a wrapped key is refused. */
  databaseFile: string;
  /**
   * Decided from the data folder before the key is touched (inspectDataDir in app-core.ts): only
   * a new installation gets a new key.
   */
  installation: 'new' | 'existing';
  safeStorage: AsyncSafeStorage;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

export interface DatabaseKey {
  /** The caller zeroes it once the database is open. */
  key: Buffer;
  /**
   * Call once the database has opened with the key: a key made by this start (or by a first start
   * cut short after its database was made) becomes the installation's key. Nothing otherwise.
   */
  commit(): Promise<void>;
}

const KEY_BYTES = 32;
const FILE_FORMAT_VERSION = 1;
const INSECURE_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

interface WrappedKeyFile {
  version: typeof FILE_FORMAT_VERSION;
  /** Base64 of what encryptStringAsync returned for the key's hex form. */
  wrappedKey: string;
}

/**
 * Returns the database key, creating and wrapping it for a new installation. Never overwrites an
 * existing wrapped key with a different one, never creates a key for an existing database, and
 * never logs or throws anything that contains the key.
 */
export async function loadOrCreateDatabaseKey(options: LoadDatabaseKeyOptions): Promise<DatabaseKey> {
  const { dataDir, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => {});

  await requireKeyStorage(safeStorage, platform);

  const keyFile = path.join(dataDir, WRAPPED_KEY_FILE_NAME);
  const pendingFile = path.join(dataDir, PENDING_KEY_FILE_NAME);
  const commitPending = () => promotePendingKey(pendingFile, keyFile);
  const wrapped = await readWrappedKey(keyFile);
  if (wrapped === null) {
    if (fs.existsSync(options.databaseFile)) {
      // A first start cut short between making its database and committing its key left the key
      // pending; the database tells whether it is the right one before it is committed.
      const pending = await readWrappedKey(pendingFile);
      if (pending === null)
        throw new KeyStoreError('KEY_FILE_MISSING', `The database exists but ${WRAPPED_KEY_FILE_NAME} is missing`);
      log('Using the key left pending by a first start that was cut short');
      return { key: (await unwrapKey(pending, safeStorage)).key, commit: commitPending };
    }
    if (options.installation !== 'new')
      throw new KeyStoreError('KEY_FILE_MISSING', `The installation's ${WRAPPED_KEY_FILE_NAME} is missing`);
    return { key: await createPendingKey(pendingFile, safeStorage), commit: commitPending };
  }
  if (options.installation === 'new')
    throw new Error(`${WRAPPED_KEY_FILE_NAME} exists in a folder inspected as a new installation`);

  const { key, shouldReEncrypt } = await unwrapKey(wrapped, safeStorage);
  if (shouldReEncrypt) {
    // The OS rotated its key or offers a stronger one. Failing to rewrap is not fatal: the old
    // wrapping still opens, and the next start tries again.
    try {
      await writeWrappedKey(keyFile, await wrapAndVerify(key, safeStorage));
      log('Re-wrapped the database key as the operating system asked');
    } catch (error) {
      log(`Could not re-wrap the database key; keeping the previous wrapping (${errorMessage(error)})`);
    }
  }
  return { key, commit: async () => {} };
}

/**
 * Refuses to go on where no secret can be protected: no OS key store, or Linux's `basic_text`
 * fallback (a "wrapped" secret anyone could read). Every secret this app keeps on disk (the
 * database key, a zone workstation's private key and outbox key) is wrapped only after this.
 */
export async function requireKeyStorage(
  safeStorage: AsyncSafeStorage,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new KeyStoreError(
      'KEY_STORAGE_UNAVAILABLE',
      'No operating-system key store is available to protect the database key',
    );
  }
  // Asked after availability: the async encryptor initialises lazily on that first call.
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (INSECURE_LINUX_BACKENDS.has(backend)) {
      throw new KeyStoreError(
        'KEY_STORAGE_INSECURE',
        `The Linux key store backend is "${backend}", which does not protect secrets`,
      );
    }
  }
}

/**
 * safeStorage takes and returns strings only, so the key's hexadecimal form exists as a string
 * here and in wrapAndVerify: the one place it must. JavaScript cannot zero a string; each is
 * dropped at once, and the key itself is only ever held in Buffers the caller zeroes.
 */
export async function unwrapKey(
  wrapped: Buffer,
  safeStorage: AsyncSafeStorage,
): Promise<{ key: Buffer; shouldReEncrypt: boolean }> {
  const decrypted = await unwrapText(wrapped, safeStorage);
  const key = parseKeyHex(decrypted.result);
  if (!key) throw new KeyStoreError('KEY_FILE_UNREADABLE', 'The unwrapped key has the wrong form');
  return { key, shouldReEncrypt: decrypted.shouldReEncrypt };
}

/** What safeStorage wrapped, as the string it took; KEY_FILE_UNREADABLE when it cannot. */
export async function unwrapText(
  wrapped: Buffer,
  safeStorage: AsyncSafeStorage,
): Promise<{ result: string; shouldReEncrypt: boolean }> {
  try {
    return await safeStorage.decryptStringAsync(wrapped);
  } catch (error) {
    throw new KeyStoreError(
      'KEY_FILE_UNREADABLE',
      `The operating system could not unwrap the key (${errorMessage(error)})`,
    );
  }
}

async function createPendingKey(pendingFile: string, safeStorage: AsyncSafeStorage): Promise<Buffer> {
  const key = randomBytes(KEY_BYTES);
  // Checked before anything is written: a key that cannot be unwrapped again would lock the
  // first hearing away for good.
  await writeWrappedKey(pendingFile, await wrapAndVerify(key, safeStorage));
  return key;
}

/** The pending key becomes the installation's key; an existing one is never replaced. */
async function promotePendingKey(pendingFile: string, keyFile: string): Promise<void> {
  if (fs.existsSync(keyFile))
    throw new Error(`${WRAPPED_KEY_FILE_NAME} already exists; the pending key is not committed`);
  await fs.promises.rename(pendingFile, keyFile);
  await syncDirectory(path.dirname(keyFile));
}

/** A 32-byte key wrapped, and unwrapped once to be sure the OS gives it back. */
export function wrapAndVerify(key: Buffer, safeStorage: AsyncSafeStorage): Promise<Buffer> {
  // A string because encryptStringAsync takes one (see unwrapKey).
  return wrapTextAndVerify(key.toString('hex'), safeStorage, (unwrapped) => {
    const roundTrip = parseKeyHex(unwrapped);
    const same = roundTrip !== null && roundTrip.equals(key);
    roundTrip?.fill(0);
    return same;
  });
}

/**
 * A secret wrapped by the OS, checked by unwrapping it at once: a secret that could not be
 * unwrapped again would be lost for good. `same` compares what came back with the secret.
 */
export async function wrapTextAndVerify(
  text: string,
  safeStorage: AsyncSafeStorage,
  same: (unwrapped: string) => boolean = (unwrapped) => unwrapped === text,
): Promise<Buffer> {
  let wrapped: Buffer;
  let roundTrip: string;
  try {
    wrapped = await safeStorage.encryptStringAsync(text);
    roundTrip = (await safeStorage.decryptStringAsync(wrapped)).result;
  } catch (error) {
    throw new KeyStoreError(
      'KEY_STORAGE_UNAVAILABLE',
      `The operating-system key store failed to wrap the key (${errorMessage(error)})`,
    );
  }
  if (!same(roundTrip))
    throw new KeyStoreError(
      'KEY_STORAGE_UNAVAILABLE',
      'The operating-system key store did not return the key it wrapped',
    );
  return wrapped;
}

/** A wrapped secret's file (null when there is none); KEY_FILE_UNREADABLE when damaged. */
export async function readWrappedKey(keyFile: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyStoreError('KEY_FILE_UNREADABLE', `Cannot read ${path.basename(keyFile)} (${errorMessage(error)})`);
  }
  let parsed: Partial<WrappedKeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<WrappedKeyFile>;
  } catch {
    parsed = {};
  }
  if (parsed.version !== FILE_FORMAT_VERSION || typeof parsed.wrappedKey !== 'string' || parsed.wrappedKey === '') {
    throw new KeyStoreError('KEY_FILE_UNREADABLE', `${path.basename(keyFile)} is damaged or from an unknown version`);
  }
  return Buffer.from(parsed.wrappedKey, 'base64');
}

/** Temp file, fsync, rename: a crash leaves the old file or the new one, never half of one. */
export async function writeWrappedKey(keyFile: string, wrapped: Buffer): Promise<void> {
  const content: WrappedKeyFile = { version: FILE_FORMAT_VERSION, wrappedKey: wrapped.toString('base64') };
  const directory = path.dirname(keyFile);
  await fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
  const temp = path.join(directory, `.${path.basename(keyFile)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.promises.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(content)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.promises.rename(temp, keyFile);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** Makes the rename itself durable. Windows cannot open a directory for fsync; NTFS journals it. */
export async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The key from its hexadecimal form, checked character by character: a regular expression would
 * leave the string it last matched reachable (RegExp.input, `$_`) until the next match anywhere
 * in main, and this string is the key. Into a Buffer of its own (not a slice of Node's shared
 * pool), which the caller zeroes.
 */
export function parseKeyHex(text: string): Buffer | null {
  if (text.length !== KEY_BYTES * 2) return null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const hexDigit = (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66);
    if (!hexDigit) return null;
  }
  const key = Buffer.alloc(KEY_BYTES);
  key.write(text, 'hex');
  return key;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
