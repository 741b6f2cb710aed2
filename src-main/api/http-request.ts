import type http from 'node:http';
import type { ApiError } from './contract';
import { jsonTextTooDeep, MAX_PAYLOAD_DEPTH } from './payload-limits';

/**
 * The JSON body of an API request over HTTP, read under bounds, for both HTTP transports (the
 * browser host's loopback endpoint and the zone server): never more than `maxBytes` kept, never
 * longer than `timeoutMs` waited, its nesting counted on the text before JSON.parse builds anything.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A slow client holds a connection and, with a body, a request's memory: each phase has its own
 * bound. An upload of several gigabytes may take minutes, so it is bounded by its silences only.
 */
export interface HttpApiTimeouts {
  /** From the connection to the end of the request headers. */
  headersMs: number;
  /** From the end of the headers to the end of a JSON body (at most MAX_BODY_BYTES). */
  bodyMs: number;
  /** An evidence upload may take long, but not stop: the longest silence while it is under way. */
  uploadIdleMs: number;
}

export const HTTP_API_TIMEOUTS: HttpApiTimeouts = { headersMs: 10_000, bodyMs: 10_000, uploadIdleMs: 30_000 };

export interface JsonBodyLimits {
  timeoutMs: number;
  maxBytes?: number;
  /** The body wraps the channel's input: one level or two above the input's own. */
  maxDepth?: number;
}

/** The parsed body; a refusal with its HTTP status and the error envelope to answer; or a client that went away. */
export type JsonBody = { value: Record<string, unknown> } | { status: number; error: ApiError } | { aborted: true };

export async function readJsonBody(req: http.IncomingMessage, limits: JsonBodyLimits): Promise<JsonBody> {
  const maxBytes = limits.maxBytes ?? MAX_BODY_BYTES;
  const maxDepth = limits.maxDepth ?? MAX_PAYLOAD_DEPTH + 1;
  const tooLarge = {
    status: 413,
    error: { code: 'VALIDATION', message: `The request is larger than ${maxBytes} bytes` },
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return tooLarge as JsonBody;
  const read = await readBody(req, limits.timeoutMs, maxBytes);
  if ('refused' in read) {
    if (read.refused === 'tooLarge') return tooLarge as JsonBody;
    if (read.refused === 'timedOut')
      return {
        status: 408,
        error: { code: 'VALIDATION', message: `The request body did not arrive within ${limits.timeoutMs} ms` },
      };
    return { aborted: true };
  }
  if (jsonTextTooDeep(read.text, maxDepth))
    return {
      status: 400,
      error: { code: 'VALIDATION', message: `The request is nested more than ${maxDepth} levels deep` },
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return { status: 400, error: { code: 'VALIDATION', message: 'The request is not JSON' } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { status: 400, error: { code: 'VALIDATION', message: 'The request is not a JSON object' } };
  return { value: parsed as Record<string, unknown> };
}

type BodyResult = { text: string } | { refused: 'tooLarge' | 'timedOut' | 'aborted' };

/**
 * The body, whole, or why not: larger than `maxBytes` (reading stops there), not complete within
 * `timeoutMs` (a client sending a byte now and then), or cut off by the client. What is left of a
 * refused body is not read: the answer closes the connection.
 */
function readBody(req: http.IncomingMessage, timeoutMs: number, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('refused' in result) {
        req.removeAllListeners('data');
        req.pause();
      }
      resolve(result);
    };
    const timer = setTimeout(() => finish({ refused: 'timedOut' }), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish({ refused: 'tooLarge' });
      else chunks.push(chunk);
    });
    req.on('end', () => finish({ text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ refused: 'aborted' }));
    req.on('close', () => finish({ refused: 'aborted' }));
  });
}

/** How long a refused upload's remaining body is read before the answer goes out regardless. */
const EARLY_ANSWER_DRAIN_MS = 2_000;

/**
 * A file as a request's raw body, handed to `consume` as a stream (never buffered: a 4 GB video
 * must pass), bounded by its silences only: a sender that goes silent for `idleMs` ends it (its
 * connection closes, the import fails as unreadable). Null when the client is gone; otherwise
 * what `consume` answered, and whether the connection may carry the next request.
 */
export async function readUpload<T>(
  req: http.IncomingMessage,
  idleMs: number,
  consume: (body: http.IncomingMessage) => Promise<T>,
): Promise<{ result: T; keepAlive: boolean } | null> {
  req.setTimeout(idleMs, () => req.destroy());
  const result = await consume(req);
  req.setTimeout(0);
  if (req.destroyed && !req.readableEnded) return null;
  // Refused or failed before the end of the body: the rest drains away first, for a moment, so
  // that the answer is not lost in a connection closed under a sender still writing; a body
  // that goes on longer gets the answer and a closed connection.
  if (!req.readableEnded) {
    req.resume();
    await Promise.race([
      new Promise((resolve) => req.once('end', resolve).once('close', resolve)),
      new Promise((resolve) => setTimeout(resolve, EARLY_ANSWER_DRAIN_MS)),
    ]);
  }
  return { result, keepAlive: req.readableEnded };
}
