import { createHash } from 'node:crypto';
import net from 'node:net';
import { checkAdbRequest, isApkPath, SERIAL, type AllowContext, type RefusalReason } from './allowed-commands';

/**
 * A small client of the adb host protocol (the server Google's `adb` runs on 127.0.0.1:5037):
 * a request is 4 hex digits of length and the text; the answer `OKAY` or `FAIL` + 4-hex length +
 * message. `host:transport:<serial>` turns the connection into one to the phone, on which one
 * `shell:<command>` (output until the phone closes) or `sync:` (RECV: pull a file) follows.
 *
 * Every byte written goes through `writeChecked`, which asks `checkAdbRequest` (the §D5
 * allow-list) first; there is no other `write` in this file. Each request is recorded with its
 * time, its outcome and the SHA-256 of the bytes that came back.
 */

export const DEFAULT_ADB_HOST = '127.0.0.1';
export const DEFAULT_ADB_PORT = 5037;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_PULL_BYTES = 512 * 1024 * 1024;
const SYNC_MAX_PATH = 1024;

export type AdbErrorCode =
  'refused-by-allow-list' | 'server-unreachable' | 'server-fail' | 'protocol' | 'timeout' | 'too-large' | 'closed';

export class AdbError extends Error {
  constructor(
    readonly code: AdbErrorCode,
    readonly details: { request?: string; reason?: RefusalReason | string; message?: string } = {},
  ) {
    super(`adb ${code}${details.reason ? `: ${details.reason}` : ''}${details.message ? `: ${details.message}` : ''}`);
    this.name = 'AdbError';
  }
}

export interface AdbDevice {
  serial: string;
  /** `device` (ready), `unauthorized` (the phone has not accepted this computer), `offline`... */
  state: string;
  /** The `key:value` pairs `devices-l` adds (product, model, device, transport_id). */
  properties: Record<string, string>;
}

export interface AdbCommandRecord {
  /** The request as written, e.g. `shell:getprop`, `RECV:/data/app/.../base.apk`. */
  request: string;
  serial: string | null;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'fail' | 'refused' | 'error';
  /** Bytes the server or phone answered (the payload, without protocol framing). */
  outputBytes: number;
  outputSha256: string | null;
  /** FAIL message, refusal reason or error code. */
  message?: string;
}

export interface AdbClientOptions {
  host?: string;
  port?: number;
  timeoutMs?: number;
  maxOutputBytes?: number;
  maxPullBytes?: number;
  /** The clock the records use (tests pass a fixed one). */
  now?: () => number;
}

export interface AdbClient {
  /** The server's protocol version (`host:version`). */
  version(): Promise<number>;
  devices(): Promise<AdbDevice[]>;
  /** Runs an allowed command; resolves with its raw output. `pm path` output feeds the APK paths. */
  shell(serial: string, command: string): Promise<Buffer>;
  /** Pulls a file by sync RECV: only an APK path `pm path` returned in this session. */
  pull(serial: string, apkPath: string): Promise<Buffer>;
  /** Every request so far, refused ones included, in order. */
  readonly log: readonly AdbCommandRecord[];
  readonly apkPaths: ReadonlySet<string>;
}

/** Buffers a socket's incoming bytes and hands them out by exact count or until the end. */
class SocketReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.size += chunk.length;
      this.notify();
    });
    socket.on('end', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.notify();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private async waitForMore(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return out;
  }

  async read(n: number): Promise<Buffer> {
    while (this.size < n) {
      if (this.ended) throw new AdbError('closed', { message: `expected ${n} bytes, got ${this.size}` });
      await this.waitForMore();
    }
    return this.take(n);
  }

  async readToEnd(max: number): Promise<Buffer> {
    while (!this.ended) {
      if (this.size > max) throw new AdbError('too-large', { message: `more than ${max} bytes` });
      await this.waitForMore();
    }
    if (this.size > max) throw new AdbError('too-large', { message: `more than ${max} bytes` });
    return this.take(this.size);
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

export function createAdbClient(options: AdbClientOptions = {}): AdbClient {
  const host = options.host ?? DEFAULT_ADB_HOST;
  const port = options.port ?? DEFAULT_ADB_PORT;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const maxPull = options.maxPullBytes ?? DEFAULT_MAX_PULL_BYTES;
  const now = options.now ?? Date.now;
  const log: AdbCommandRecord[] = [];
  const apkPaths = new Set<string>();
  const context: AllowContext = { apkPaths };

  /** The only place bytes are written: the allow-list first, then the framing. */
  function writeChecked(socket: net.Socket, request: string): void {
    const verdict = checkAdbRequest(request, context);
    if (!verdict.allowed) throw new AdbError('refused-by-allow-list', { request, reason: verdict.reason });
    let frame: Buffer;
    if (verdict.kind === 'recv' || verdict.kind === 'quit') {
      const payload = Buffer.from(verdict.kind === 'recv' ? verdict.argument! : '', 'utf8');
      if (payload.length > SYNC_MAX_PATH) throw new AdbError('protocol', { request, message: 'path too long' });
      const length = Buffer.alloc(4);
      length.writeUInt32LE(payload.length, 0);
      frame = Buffer.concat([Buffer.from(verdict.kind === 'recv' ? 'RECV' : 'QUIT', 'latin1'), length, payload]);
    } else {
      const payload = Buffer.from(request, 'latin1');
      frame = Buffer.concat([Buffer.from(hex4(payload.length), 'latin1'), payload]);
    }
    socket.write(frame);
  }

  function connect(): Promise<{ socket: net.Socket; reader: SocketReader }> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host, port });
      const reader = new SocketReader(socket);
      socket.setTimeout(timeoutMs, () => socket.destroy(new AdbError('timeout', { message: `${timeoutMs} ms` })));
      const onError = (error: Error) => reject(new AdbError('server-unreachable', { message: error.message }));
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve({ socket, reader });
      });
    });
  }

  async function expectOkay(reader: SocketReader, request: string): Promise<void> {
    const status = (await reader.read(4)).toString('latin1');
    if (status === 'OKAY') return;
    if (status === 'FAIL') {
      const length = parseInt((await reader.read(4)).toString('latin1'), 16);
      const message = Number.isFinite(length) ? (await reader.read(length)).toString('utf8') : '';
      throw new AdbError('server-fail', { request, message });
    }
    throw new AdbError('protocol', { request, message: `status ${JSON.stringify(status)}` });
  }

  async function readHexBlock(reader: SocketReader, request: string): Promise<Buffer> {
    const length = parseInt((await reader.read(4)).toString('latin1'), 16);
    if (!Number.isFinite(length)) throw new AdbError('protocol', { request, message: 'length' });
    return reader.read(length);
  }

  /** Runs one exchange, recording it whatever happens. */
  async function recorded(
    request: string,
    serial: string | null,
    run: (socket: net.Socket, reader: SocketReader) => Promise<Buffer>,
  ): Promise<Buffer> {
    const started = now();
    const record: AdbCommandRecord = {
      request,
      serial,
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
      outcome: 'ok',
      outputBytes: 0,
      outputSha256: null,
    };
    log.push(record);
    let socket: net.Socket | null = null;
    try {
      // Refused before any connection is opened.
      const verdict = checkAdbRequest(request, context);
      if (!verdict.allowed) throw new AdbError('refused-by-allow-list', { request, reason: verdict.reason });
      const opened = await connect();
      socket = opened.socket;
      const output = await run(opened.socket, opened.reader);
      record.outputBytes = output.length;
      record.outputSha256 = createHash('sha256').update(output).digest('hex');
      return output;
    } catch (error) {
      const adbError =
        error instanceof AdbError ? error : new AdbError('protocol', { request, message: (error as Error).message });
      record.outcome =
        adbError.code === 'refused-by-allow-list' ? 'refused' : adbError.code === 'server-fail' ? 'fail' : 'error';
      record.message = adbError.details.reason ?? adbError.details.message ?? adbError.code;
      throw adbError;
    } finally {
      record.durationMs = now() - started;
      socket?.destroy();
    }
  }

  async function transport(socket: net.Socket, reader: SocketReader, serial: string): Promise<void> {
    const request = `host:transport:${serial}`;
    writeChecked(socket, request);
    await expectOkay(reader, request);
  }

  function checkSerial(serial: string): void {
    if (!SERIAL.test(serial)) throw new AdbError('refused-by-allow-list', { request: serial, reason: 'bad-serial' });
  }

  return {
    log,
    apkPaths,

    async version() {
      const request = 'host:version';
      const block = await recorded(request, null, async (socket, reader) => {
        writeChecked(socket, request);
        await expectOkay(reader, request);
        return readHexBlock(reader, request);
      });
      const version = parseInt(block.toString('latin1'), 16);
      if (!Number.isFinite(version)) throw new AdbError('protocol', { request, message: 'version' });
      return version;
    },

    async devices() {
      const request = 'host:devices-l';
      const block = await recorded(request, null, async (socket, reader) => {
        writeChecked(socket, request);
        await expectOkay(reader, request);
        return readHexBlock(reader, request);
      });
      return parseDevices(block.toString('utf8'));
    },

    async shell(serial, command) {
      checkSerial(serial);
      const request = `shell:${command}`;
      const output = await recorded(request, serial, async (socket, reader) => {
        await transport(socket, reader, serial);
        writeChecked(socket, request);
        await expectOkay(reader, request);
        return reader.readToEnd(maxOutput);
      });
      if (command.startsWith('pm path ')) {
        for (const path of parsePmPath(output.toString('utf8'))) apkPaths.add(path);
      }
      return output;
    },

    async pull(serial, apkPath) {
      checkSerial(serial);
      const request = `RECV:${apkPath}`;
      return recorded(request, serial, async (socket, reader) => {
        await transport(socket, reader, serial);
        writeChecked(socket, 'sync:');
        await expectOkay(reader, 'sync:');
        writeChecked(socket, request);
        const parts: Buffer[] = [];
        let total = 0;
        for (;;) {
          const head = await reader.read(8);
          const id = head.toString('latin1', 0, 4);
          const length = head.readUInt32LE(4);
          if (id === 'DATA') {
            if (length > 64 * 1024) throw new AdbError('protocol', { request, message: 'DATA chunk too large' });
            total += length;
            if (total > maxPull) throw new AdbError('too-large', { request, message: `more than ${maxPull} bytes` });
            parts.push(await reader.read(length));
          } else if (id === 'DONE') {
            break;
          } else if (id === 'FAIL') {
            throw new AdbError('server-fail', { request, message: (await reader.read(length)).toString('utf8') });
          } else {
            throw new AdbError('protocol', { request, message: `sync id ${JSON.stringify(id)}` });
          }
        }
        writeChecked(socket, 'QUIT');
        return Buffer.concat(parts, total);
      });
    },
  };
}

/** `host:devices-l` text: `SERIAL  state key:value key:value`. */
export function parseDevices(text: string): AdbDevice[] {
  const devices: AdbDevice[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2 || !parts[0] || !SERIAL.test(parts[0])) continue;
    const properties: Record<string, string> = {};
    for (const part of parts.slice(2)) {
      const colon = part.indexOf(':');
      if (colon > 0) properties[part.slice(0, colon)] = part.slice(colon + 1);
    }
    devices.push({ serial: parts[0], state: parts[1]!, properties });
  }
  return devices;
}

/** `pm path` prints `package:<path>` per APK (base, then splits); only valid APK paths are kept. */
export function parsePmPath(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('package:'))
    .map((line) => line.slice('package:'.length))
    .filter(isApkPath);
}
