import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { AppError } from '../api/app-error';

/**
 * Where evidence files live: `<dataDir>/evidence/`, each encrypted at rest with AES-256-GCM under
 * a key derived from the database key (HKDF-SHA-256, its own `info`, so the two keys are
 * independent), a random IV per file and the tag kept in the database.
 *
 * One pipeline takes any Node Readable (a file opened read-only in Electron, the request body of
 * the browser host's upload), hashes the original bytes with SHA-256 and encrypts them as they
 * stream, never holding more than a few megabytes, and never re-encodes anything. It writes to a
 * temporary file, fsyncs it, checks the byte count, and renames it into place; on any failure the
 * temporary file goes and the caller gets a typed error, so nothing half-written remains.
 */
export const EVIDENCE_CIPHER = 'aes-256-gcm';
export const EVIDENCE_KEY_INFO = 'hearing-desk evidence v1';
export const EVIDENCE_DIR_NAME = 'evidence';

const IV_BYTES = 12;
const MiB = 1024 * 1024;
/** A file is read in chunks of this size, the next one while the current one is hashed... */
const READ_CHUNK_BYTES = 1 * MiB;
/** ...and its encrypted bytes are written in batches of this size... */
const WRITE_BATCH_BYTES = 1 * MiB;
/** ...with at most this much waiting for the disk: the memory the import holds beyond its reads. */
const MAX_IN_FLIGHT_BYTES = 8 * MiB;
/** Room left for the database and the system when the size is known beforehand. */
const FREE_SPACE_MARGIN_BYTES = 32 * MiB;
const TEMP_PREFIX = '.import-';
const TEMP_SUFFIX = '.tmp';

/** The key files are sealed with, independent of the database key it comes from. */
export function deriveEvidenceKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), EVIDENCE_KEY_INFO, 32));
}

/** What the database keeps about a sealed file. */
export interface SealedFile {
  storedName: string;
  size: number;
  sha256: string;
  cipher: string;
  keyInfo: string;
  iv: string;
  authTag: string;
}

export interface IngestOptions {
  /** Known beforehand (the file's size, a Content-Length): free space is checked and the count must match. */
  expectedSize?: number | undefined;
  maxBytes: number;
  onProgress?: ((bytes: number) => void) | undefined;
  /** Last check before the file is kept (the source still as it was); throw to refuse. */
  beforeKeep?: (() => Promise<void>) | undefined;
  /**
   * Whose chunks' memory is given back as soon as they are hashed and encrypted, instead of
   * waiting for the garbage collector: `owned`, the import's own reads; `sole`, a source nobody
   * else reads (a request body), and then only chunks that span their memory alone.
   */
  releaseChunks?: 'owned' | 'sole' | undefined;
}

export interface VerifyResult {
  /** The stored copy decrypts, authenticates and hashes to the SHA-256 taken at import. */
  ok: boolean;
  problem: null | 'missing' | 'altered';
  sha256: string | null;
  size: number;
}

/**
 * `key`: the evidence key (deriveEvidenceKey), made for the store alone. The store keeps that
 * Buffer rather than a copy, so no second copy of the key is left in memory to be collected
 * unzeroed.
 */
export function createEvidenceStore(options: { dir: string; key: Buffer }) {
  const dir = options.dir;
  if (options.key.length !== 32) throw new Error('The evidence key must be 32 bytes');
  const key = options.key;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  /** An import cut short by a crash leaves a temporary file; nothing refers to it. */
  function sweepTemporaryFiles(): number {
    const leftovers = fs.readdirSync(dir).filter((name) => name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX));
    for (const name of leftovers) fs.rmSync(path.join(dir, name), { force: true });
    return leftovers.length;
  }
  sweepTemporaryFiles();

  async function checkFreeSpace(bytes: number): Promise<void> {
    const stats = await fs.promises.statfs(dir);
    const free = stats.bavail * stats.bsize;
    if (free < bytes + FREE_SPACE_MARGIN_BYTES) {
      throw new AppError(
        'DISK_FULL',
        `Not enough free space for the evidence store: ${bytes} bytes needed, ${free} free`,
      );
    }
  }

  async function ingest(source: Readable | AsyncIterable<Buffer>, opts: IngestOptions): Promise<SealedFile> {
    const expected = opts.expectedSize;
    if (expected !== undefined) {
      if (expected > opts.maxBytes)
        throw new AppError('FILE_TOO_LARGE', `The file is larger than ${opts.maxBytes} bytes`);
      await checkFreeSpace(expected);
    }
    const id = randomUUID();
    const temporary = path.join(dir, `${TEMP_PREFIX}${id}${TEMP_SUFFIX}`);
    const storedName = `${id}.evd`;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(EVIDENCE_CIPHER, key, iv);
    const hash = createHash('sha256');
    const limit = expected ?? opts.maxBytes;
    let handle: fs.promises.FileHandle | null = null;
    // A Readable is not destroyed when the import stops early: the caller still owns it (the
    // browser host answers on the same connection).
    const chunks: AsyncIterator<unknown> = isReadable(source)
      ? source.iterator({ destroyOnReturn: false })
      : source[Symbol.asyncIterator]();
    try {
      handle = await fs.promises.open(temporary, 'wx', 0o600).catch((error: unknown) => {
        throw storeError(error);
      });
      const writer = batchedWriter(handle);
      let bytes = 0;
      for (;;) {
        let step: IteratorResult<unknown>;
        try {
          step = await chunks.next();
        } catch (error) {
          throw new AppError('FILE_UNREADABLE', `The file could not be read: ${describe(error)}`);
        }
        if (step.done) break;
        const chunk = typeof step.value === 'string' ? Buffer.from(step.value) : (step.value as Buffer);
        bytes += chunk.length;
        if (bytes > limit) {
          throw expected !== undefined
            ? new AppError('FILE_CHANGED_DURING_IMPORT', `More than the announced ${expected} bytes arrived`)
            : new AppError('FILE_TOO_LARGE', `The file is larger than ${opts.maxBytes} bytes`);
        }
        hash.update(chunk);
        const sealed = cipher.update(chunk);
        if (opts.releaseChunks) releaseMemory(chunk, opts.releaseChunks === 'owned');
        await writer.push(sealed);
        opts.onProgress?.(bytes);
      }
      if (expected !== undefined && bytes !== expected) {
        throw new AppError(
          'FILE_CHANGED_DURING_IMPORT',
          `${bytes} bytes read where ${expected} were announced: the file changed or was cut off`,
        );
      }
      await writer.push(cipher.final());
      await writer.flush();
      await opts.beforeKeep?.();
      await handle.sync().catch((error: unknown) => {
        throw storeError(error);
      });
      await handle.close();
      handle = null;
      await fs.promises.rename(temporary, path.join(dir, storedName));
      await syncDirectory(dir);
      return {
        storedName,
        size: bytes,
        sha256: hash.digest('hex'),
        cipher: EVIDENCE_CIPHER,
        keyInfo: EVIDENCE_KEY_INFO,
        iv: iv.toString('hex'),
        authTag: cipher.getAuthTag().toString('hex'),
      };
    } catch (error) {
      await handle?.close().catch(() => {});
      await fs.promises.rm(temporary, { force: true }).catch(() => {});
      throw error;
    } finally {
      await chunks.return?.();
    }
  }

  /**
   * Imports a file by its path, which only a main-side dialog gives (never the renderer). Opened
   * read-only; anything but a regular file is refused; a file that changes, shrinks, grows or
   * disappears while it is read is refused too.
   */
  async function ingestPath(
    filePath: string,
    opts: Omit<IngestOptions, 'expectedSize' | 'beforeKeep' | 'releaseChunks'>,
  ): Promise<SealedFile & { originalName: string }> {
    const file = await openChosenFile(filePath);
    try {
      const sealed = await ingest(file.chunks, {
        ...opts,
        expectedSize: file.size,
        releaseChunks: 'owned',
        beforeKeep: file.checkUnchanged,
      });
      return { ...sealed, originalName: file.originalName };
    } finally {
      await file.close();
    }
  }

  /** The original bytes of a stored file, decrypted as they stream (for export and verification). */
  function openReader(file: Pick<SealedFile, 'storedName' | 'iv' | 'authTag'>): Readable {
    return openSealedFile(dir, key, file);
  }

  /** Decrypts the stored copy and hashes it again: the evidence is as it was imported. */
  async function verify(
    file: Pick<SealedFile, 'storedName' | 'iv' | 'authTag' | 'sha256' | 'size'>,
  ): Promise<VerifyResult> {
    if (!fs.existsSync(storedPath(file.storedName))) return { ok: false, problem: 'missing', sha256: null, size: 0 };
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of openReader(file)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch {
      return { ok: false, problem: 'altered', sha256: null, size };
    }
    const sha256 = hash.digest('hex');
    const ok = sha256 === file.sha256 && size === file.size;
    return { ok, problem: ok ? null : 'altered', sha256, size };
  }

  /** Only for a file whose database row could not be written: it was never part of the register. */
  async function discard(storedName: string): Promise<void> {
    await fs.promises.rm(storedPath(storedName), { force: true });
  }

  function storedPath(storedName: string): string {
    return storedPathIn(dir, storedName);
  }

  return { dir, ingest, ingestPath, openReader, verify, discard, storedPath, sweepTemporaryFiles };
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>;

function storedPathIn(dir: string, storedName: string): string {
  if (!/^[0-9a-f-]{36}\.evd$/.test(storedName)) throw new Error('Not a stored evidence file name');
  return path.join(dir, storedName);
}

/**
 * The original bytes of a file sealed in the evidence folder `dir` under `key`, decrypted as they
 * stream; it only reads. The store's reader, and the import of a standalone workstation's folder
 * into a zone, which must leave that folder as it found it (no store is made on it).
 */
export function openSealedFile(
  dir: string,
  key: Buffer,
  file: Pick<SealedFile, 'storedName' | 'iv' | 'authTag'>,
): Readable {
  const decipher = createDecipheriv(EVIDENCE_CIPHER, key, Buffer.from(file.iv, 'hex'));
  decipher.setAuthTag(Buffer.from(file.authTag, 'hex'));
  // GCM authenticates at the end: a reader must be read to its end (verify does) before the
  // bytes it gave can be trusted; a stored file changed on disk makes it fail there.
  return pipeline(
    fs.createReadStream(storedPathIn(dir, file.storedName), { highWaterMark: READ_CHUNK_BYTES }),
    decipher,
    () => {},
  );
}

/** A file the officer chose in main's own dialog, opened read-only for one import. */
export interface ChosenFile {
  /** Its name, without the folders (which say nothing the record needs). */
  originalName: string;
  /** Its size when opened: what the import must read, no more, no less. */
  size: number;
  /** Its bytes in chunks, the next one read while the current one is used. */
  chunks: AsyncIterable<Buffer>;
  /** Throws FILE_CHANGED_DURING_IMPORT unless the path still names the file opened, unchanged. */
  checkUnchanged(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a file by the path only a main-side dialog gives (never the renderer): read-only, a
 * regular file only. The standalone store reads it into its own files (ingestPath); a zone's
 * workstation streams it to the server (src-main/zone/chosen-file-upload.ts). Either way a file
 * that changes, shrinks, grows or disappears while it is read is refused by checkUnchanged.
 */
export async function openChosenFile(filePath: string): Promise<ChosenFile> {
  const before = await fs.promises.stat(filePath).catch((error: unknown) => {
    throw new AppError('FILE_UNREADABLE', `The file could not be opened: ${describe(error)}`);
  });
  if (!before.isFile()) throw new AppError('FILE_UNREADABLE', 'Not a regular file');
  // Non-blocking, so that a file swapped for a pipe after the check above cannot hang the import.
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
  const handle = await fs.promises.open(filePath, flags).catch((error: unknown) => {
    throw new AppError('FILE_UNREADABLE', `The file could not be opened: ${describe(error)}`);
  });
  let opened: fs.Stats;
  try {
    opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev)
      throw new AppError('FILE_CHANGED_DURING_IMPORT', 'The file was replaced while it was opened');
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  return {
    originalName: path.basename(filePath),
    size: opened.size,
    chunks: readAhead(handle, READ_CHUNK_BYTES),
    async checkUnchanged() {
      const now = await handle.stat();
      const byPath = await fs.promises.stat(filePath).catch(() => null);
      const same =
        byPath !== null &&
        byPath.ino === opened.ino &&
        byPath.dev === opened.dev &&
        now.size === opened.size &&
        now.mtimeMs === opened.mtimeMs;
      if (!same)
        throw new AppError(
          'FILE_CHANGED_DURING_IMPORT',
          'The file was changed, moved or removed while it was imported',
        );
    },
    close: () => handle.close().catch(() => {}),
  };
}

/**
 * Writes batches of encrypted bytes in order while the next ones are being read and encrypted,
 * with a bounded amount waiting: the disk, the reads and the hashing overlap.
 */
function batchedWriter(handle: fs.promises.FileHandle) {
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let inFlight = 0;
  let failure: unknown = null;
  let chain: Promise<void> = Promise.resolve();
  let wake: (() => void) | null = null;

  function send(): void {
    if (batchBytes === 0) return;
    const buffers = batch;
    const size = batchBytes;
    batch = [];
    batchBytes = 0;
    inFlight += size;
    chain = chain.then(async () => {
      try {
        if (failure === null) await writeAll(handle, buffers);
        // Written: the encrypted copies are this import's own and are not needed any more.
        for (const buffer of buffers) releaseMemory(buffer);
      } catch (error) {
        failure ??= error;
      } finally {
        inFlight -= size;
        wake?.();
        wake = null;
      }
    });
  }

  function check(): void {
    if (failure !== null) throw storeError(failure);
  }

  return {
    async push(buffer: Buffer): Promise<void> {
      check();
      if (buffer.length > 0) {
        batch.push(buffer);
        batchBytes += buffer.length;
      }
      if (batchBytes >= WRITE_BATCH_BYTES) send();
      while (inFlight >= MAX_IN_FLIGHT_BYTES && failure === null)
        await new Promise<void>((resolve) => (wake = resolve));
      check();
    },
    async flush(): Promise<void> {
      send();
      await chain;
      check();
    },
  };
}

/**
 * Reads a file in order, one chunk ahead of the one being processed, each chunk in memory of its
 * own (released by the import once used).
 */
async function* readAhead(handle: fs.promises.FileHandle, chunkBytes: number): AsyncGenerator<Buffer> {
  let position = 0;
  const readOne = async (): Promise<Buffer | null> => {
    const buffer = Buffer.allocUnsafeSlow(chunkBytes);
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
    position += bytesRead;
    if (bytesRead === 0) {
      releaseMemory(buffer, true);
      return null;
    }
    return bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
  };
  let next = readOne();
  try {
    for (;;) {
      const chunk = await next;
      if (chunk === null) return;
      next = readOne();
      yield chunk;
    }
  } finally {
    // A read still under way when the import stops must not outlive the file handle.
    await next.catch(() => null);
  }
}

/**
 * Gives a buffer's memory back at once (ArrayBuffer.prototype.transfer detaches it). The garbage
 * collector would free it too, but only after tens of megabytes of them had piled up: the import
 * of a 4 GB video would then hold far more memory than the few chunks it actually works on.
 */
function releaseMemory(buffer: Buffer, owned = false): void {
  const memory = buffer.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean };
  if (memory.detached || memory.byteLength === 0) return;
  // A buffer not read by the import itself is released only when it spans its memory alone
  // (never a slice of Node's shared pool for small buffers).
  if (!owned && (buffer.byteOffset !== 0 || buffer.byteLength !== memory.byteLength)) return;
  try {
    memory.transfer?.(0);
  } catch {
    // Not detachable: the collector will free it.
  }
}

function isReadable(source: Readable | AsyncIterable<Buffer>): source is Readable {
  return typeof (source as Readable).iterator === 'function' && typeof (source as Readable).pipe === 'function';
}

async function writeAll(handle: fs.promises.FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    let skip = bytesWritten;
    const next: Buffer[] = [];
    for (const buffer of rest) {
      if (skip >= buffer.length) skip -= buffer.length;
      else {
        next.push(skip > 0 ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
    }
    rest = next;
  }
}

/** A rename is durable only once the directory itself is on disk (not possible on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function storeError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG')
    return new AppError('DISK_FULL', `The evidence store is full: ${describe(error)}`);
  return error;
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
