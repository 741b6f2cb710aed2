import https from 'node:https';
import type { Readable } from 'node:stream';
import { contract, type Channel, type ChannelInput, type ChannelOutput, type Envelope } from '../api/contract';
import type { Dispatcher } from '../api/dispatcher';
import type { SessionView } from '../api/schemas';
import { openAnswerOutbox } from './answer-outbox';
import { createAnswerRelay } from './answer-relay';
import { ZONE_PATHS } from './protocol';

/**
 * A workstation of a zone (zone.md, "The workstation in zone mode"): the dispatcher the Electron
 * shell and the browser host put behind their transport, which forwards each call to the zone's
 * `hearing-desk-server` over mutual TLS instead of running the core. The renderer and the contract
 * do not change: the same envelopes come back, and a server that cannot be reached is an error
 * envelope (SERVER_UNREACHABLE) like any other.
 */
export interface ZoneConnection {
  /** `https://host:port` of the zone server. */
  serverUrl: string;
  /** The zone CA, the only issuer trusted for the server (the system's CAs are not). */
  ca: Buffer | string;
  /** This workstation's certificate and key, issued by the zone CA. */
  certificate: Buffer | string;
  key: Buffer | string;
  /** How long a call may wait for the server's answer (an upload: for each of its silences). */
  timeoutMs?: number;
}

export type ZoneDispatcher = Pick<
  Dispatcher,
  'dispatch' | 'call' | 'upload' | 'importFile' | 'forgetClient' | 'lockAll' | 'onSessionChanged'
> & {
  /** Whether the server answers its health check (for the screen's connection state). */
  reachable(): Promise<boolean>;
  close(): void;
};

interface ServerAnswer {
  envelope?: Envelope<unknown>;
  sessionsChanged?: string[];
}

/**
 * The Android phone check's first steps: it reads the phone through adb on the computer it is
 * plugged into, which the zone server cannot reach, so a workstation of a zone refuses them
 * before anything is recorded (its iPhone checklist, reports and indicators live on the server).
 */
export const PHONE_CHECK_CHANNELS_REFUSED_IN_ZONE: ReadonlySet<unknown> = new Set([
  'phoneCheck.recordConsent',
  'phoneCheck.startScan',
]);

export interface ZoneDispatcherOptions {
  /**
   * Where unsent answers wait while the server cannot be reached (zone.md: nothing typed is
   * lost): an SQLite file encrypted with this 32-byte key, which the caller zeroes afterwards.
   */
  outbox?: { file: string; key: Buffer };
  /** How often what waits in the outbox is offered to the server again. */
  outboxRetryMs?: number;
}

export function createZoneDispatcher(connection: ZoneConnection, options: ZoneDispatcherOptions = {}): ZoneDispatcher {
  const base = new URL(connection.serverUrl);
  if (base.protocol !== 'https:') throw new Error(`The zone server must be an https:// address, not ${base.protocol}`);
  const timeoutMs = connection.timeoutMs ?? 15_000;
  const agent = new https.Agent({
    keepAlive: true,
    ca: connection.ca,
    cert: connection.certificate,
    key: connection.key,
    minVersion: 'TLSv1.3',
  });
  const listeners = new Set<(clientId: string) => void>();

  function unreachable(message: string): Envelope<never> {
    return { ok: false, error: { code: 'SERVER_UNREACHABLE', message } };
  }

  /** One request to the server; its parsed JSON answer, or why there is none. */
  function request(
    path: string,
    body: { json: unknown } | { stream: Readable; length: number },
  ): Promise<{ status: number; answer: ServerAnswer } | { failed: string }> {
    return new Promise((resolve) => {
      const req = https.request(
        new URL(path, base),
        {
          method: 'POST',
          agent,
          headers:
            'json' in body
              ? { 'Content-Type': 'application/json' }
              : { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ failed: error.message }));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode ?? 0, answer: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
            } catch {
              resolve({ failed: `The server answered ${res.statusCode} without JSON` });
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No answer from the server within ${timeoutMs} ms`)));
      req.on('error', (error) => resolve({ failed: error.message }));
      if ('json' in body) req.end(JSON.stringify(body.json));
      else {
        body.stream.on('error', (error) => req.destroy(error));
        body.stream.pipe(req);
      }
    });
  }

  function tellSessionChanges(answer: ServerAnswer): void {
    for (const clientId of answer.sessionsChanged ?? []) for (const listener of listeners) listener(clientId);
  }

  /** The envelope the server answered, or SERVER_UNREACHABLE: a call is never left without an answer. */
  async function forward(
    path: string,
    body: { json: unknown } | { stream: Readable; length: number },
  ): Promise<Envelope<unknown>> {
    const result = await request(path, body);
    if ('failed' in result) return unreachable(result.failed);
    tellSessionChanges(result.answer);
    if (result.answer.envelope && typeof result.answer.envelope === 'object') return result.answer.envelope;
    return unreachable(`The server refused the call (${result.status})`);
  }

  function invoke(clientId: string, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    return forward(ZONE_PATHS.invoke, { json: { clientId, channel, input } });
  }

  // Answers the server does not confirm wait here (answer-relay.ts); without an outbox (tests of
  // the transport alone) a save the server did not confirm is SERVER_UNREACHABLE like any call.
  const outbox = options.outbox ? openAnswerOutbox(options.outbox) : null;
  const relay =
    outbox &&
    createAnswerRelay({
      outbox,
      send: invoke,
      ...(options.outboxRetryMs === undefined ? {} : { retryMs: options.outboxRetryMs }),
    });

  async function dispatch(clientId: string, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    // The one question the workstation answers itself: which server it works on.
    if (channel === 'setup.connection') return { ok: true, value: { mode: 'zone', server: base.host } };
    if (PHONE_CHECK_CHANNELS_REFUSED_IN_ZONE.has(channel))
      return {
        ok: false,
        error: {
          code: 'PHONE_CHECK_NOT_IN_ZONE',
          message: 'The Android phone check needs adb on the computer the phone is plugged into; not in zone mode yet',
        },
      };
    if (relay && channel === 'hearings.saveAnswers') {
      // Only a well-formed save is kept; the server gives anything else its own refusal.
      const save = contract['hearings.saveAnswers'].input.safeParse(input);
      if (save.success) return relay.save(clientId, save.data);
    }
    if (relay && channel === 'hearings.load') {
      const load = contract['hearings.load'].input.safeParse(input);
      if (load.success) await relay.beforeLoad(load.data.hearingId);
    }
    const result = await invoke(clientId, channel, input);
    if (relay && result.ok && typeof channel === 'string' && channel.startsWith('session.'))
      relay.sessionSeen(clientId, (result.value as SessionView).user?.id ?? null);
    return result;
  }

  async function upload(clientId: string, channel: string, input: unknown, source: Readable) {
    const { expectedSize, ...rest } = (input ?? {}) as { expectedSize?: unknown };
    if (typeof expectedSize !== 'number') {
      source.resume();
      return { ok: false as const, error: { code: 'VALIDATION' as const, message: 'expectedSize is required' } };
    }
    const query = new URLSearchParams({ clientId, channel, input: JSON.stringify(rest) });
    return forward(`${ZONE_PATHS.upload}?${query}`, { stream: source, length: expectedSize });
  }

  return {
    dispatch,
    call<C extends Channel>(clientId: string, channel: C, input: ChannelInput<C>) {
      return dispatch(clientId, channel, input) as Promise<Envelope<ChannelOutput<C>>>;
    },
    upload,
    importFile(clientId, rawInput, source) {
      return upload(clientId, 'evidence.importFiles', rawInput, source) as Promise<
        Envelope<ChannelOutput<'evidence.importFiles'>>
      >;
    },
    async forgetClient(clientId) {
      relay?.forgetClient(clientId);
      const result = await request(ZONE_PATHS.forget, { json: { clientId } });
      if (!('failed' in result)) tellSessionChanges(result.answer);
    },
    async lockAll() {
      const result = await request(ZONE_PATHS.lockAll, { json: {} });
      if (!('failed' in result)) tellSessionChanges(result.answer);
    },
    onSessionChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async reachable() {
      return new Promise<boolean>((resolve) => {
        const req = https.request(
          new URL(ZONE_PATHS.health, base),
          { method: 'GET', agent, timeout: timeoutMs },
          (res) => {
            res.resume();
            resolve(res.statusCode === 200);
          },
        );
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(false));
        req.end();
      });
    },
    close() {
      relay?.close();
      outbox?.close();
      agent.destroy();
    },
  };
}
