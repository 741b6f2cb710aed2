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
  safeStorage: AsyncSafeStorage;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
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
 * Returns the database key, creating and wrapping it on first run. Never overwrites an existing
 * wrapped key with a different one, never creates a key for an existing database, and never
 * logs or throws anything that contains the key.
 */
export async function loadOrCreateDatabaseKey(options: LoadDatabaseKeyOptions): Promise<Buffer> {
  const { dataDir, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => {});

  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new KeyStoreError('KEY_STORAGE_UNAVAILABLE', 'No operating-system key store is available to protect the database key');
  }
  // Asked after availability: the async encryptor initialises lazily on that first call.
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (INSECURE_LINUX_BACKENDS.has(backend)) {
      throw new KeyStoreError('KEY_STORAGE_INSECURE', `The Linux key store backend is "${backend}", which does not protect secrets`);
    }
  }

  const keyFile = path.join(dataDir, WRAPPED_KEY_FILE_NAME);
  const wrapped = await readWrappedKey(keyFile);
  if (wrapped === null) {
    if (fs.existsSync(options.databaseFile)) {
      throw new KeyStoreError('KEY_FILE_MISSING', `The database exists but ${WRAPPED_KEY_FILE_NAME} is missing`);
    }
    return createKey(keyFile, safeStorage);
  }

  let decrypted: { result: string; shouldReEncrypt: boolean };
  try {
    decrypted = await safeStorage.decryptStringAsync(wrapped);
  } catch (error) {
    throw new KeyStoreError('KEY_FILE_UNREADABLE', `The operating system could not unwrap the database key (${errorMessage(error)})`);
  }
  const key = parseKeyHex(decrypted.result);
  if (!key) throw new KeyStoreError('KEY_FILE_UNREADABLE', 'The unwrapped database key has the wrong form');

  if (decrypted.shouldReEncrypt) {
    // The OS rotated its key or offers a stronger one. Failing to rewrap is not fatal: the old
    // wrapping still opens, and the next start tries again.
    try {
      await writeWrappedKey(keyFile, await wrapAndVerify(key, safeStorage));
      log('Re-wrapped the database key as the operating system asked');
    } catch (error) {
      log(`Could not re-wrap the database key; keeping the previous wrapping (${errorMessage(error)})`);
    }
  }
  return key;
}

async function createKey(keyFile: string, safeStorage: AsyncSafeStorage): Promise<Buffer> {
  const key = randomBytes(KEY_BYTES);
  // Checked before anything is written: a key that cannot be unwrapped again would lock the
  // first hearing away for good.
  await writeWrappedKey(keyFile, await wrapAndVerify(key, safeStorage));
  return key;
}

async function wrapAndVerify(key: Buffer, safeStorage: AsyncSafeStorage): Promise<Buffer> {
  const hex = key.toString('hex');
  let wrapped: Buffer;
  let roundTrip: string;
  try {
    wrapped = await safeStorage.encryptStringAsync(hex);
    roundTrip = (await safeStorage.decryptStringAsync(wrapped)).result;
  } catch (error) {
    throw new KeyStoreError('KEY_STORAGE_UNAVAILABLE', `The operating-system key store failed to wrap the key (${errorMessage(error)})`);
  }
  if (roundTrip !== hex) throw new KeyStoreError('KEY_STORAGE_UNAVAILABLE', 'The operating-system key store did not return the key it wrapped');
  return wrapped;
}

async function readWrappedKey(keyFile: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyStoreError('KEY_FILE_UNREADABLE', `Cannot read ${WRAPPED_KEY_FILE_NAME} (${errorMessage(error)})`);
  }
  let parsed: Partial<WrappedKeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<WrappedKeyFile>;
  } catch {
    parsed = {};
  }
  if (parsed.version !== FILE_FORMAT_VERSION || typeof parsed.wrappedKey !== 'string' || parsed.wrappedKey === '') {
    throw new KeyStoreError('KEY_FILE_UNREADABLE', `${WRAPPED_KEY_FILE_NAME} is damaged or from an unknown version`);
  }
  return Buffer.from(parsed.wrappedKey, 'base64');
}

/** Temp file, fsync, rename: a crash leaves the old file or the new one, never half of one. */
async function writeWrappedKey(keyFile: string, wrapped: Buffer): Promise<void> {
  const content: WrappedKeyFile = { version: FILE_FORMAT_VERSION, wrappedKey: wrapped.toString('base64') };
  const directory = path.dirname(keyFile);
  await fs.promises.mkdir(directory, { recursive: true, mode: 0o700 });
  const temp = path.join(directory, `.${WRAPPED_KEY_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
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
async function syncDirectory(directory: string): Promise<void> {
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
