import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ApiError } from '../api/contract';
import type { Dispatcher } from '../api/dispatcher';
import { HTTP_API_TIMEOUTS, readJsonBody, readUpload, type HttpApiTimeouts } from '../api/http-request';
import { MAX_PAYLOAD_DEPTH } from '../api/payload-limits';
import { normaliseSerial, readRevocationList, type RevocationList } from './revocation-list';
import type { ServerLog } from './server-log';
import { ZONE_PATHS } from '../zone/protocol';

/**
 * `hearing-desk-server`'s transport: the same dispatcher the standalone app runs in-process, behind
 * HTTPS with mutual TLS (zone.md, "The server"). TLS 1.3 only; a workstation without a
 * certificate of the zone CA, with a revoked or an expired one, is refused in the handshake,
 * before any request is read. A workstation's windows are its own: their client ids are prefixed
 * with the certificate's name, so no workstation can reach another's sessions.
 */
export interface ZoneServerOptions {
  dispatcher: Pick<Dispatcher, 'dispatch' | 'upload' | 'forgetClient' | 'lockAllOf' | 'onSessionChanged'>;
  tls: { certificate: string; key: string; ca: string; crl: string };
  listen: { host: string; port: number };
  /** A plain-HTTP port for a load balancer: `GET /health` and nothing else. */
  health?: { host: string; port: number };
  /** Whether the store answers (the health check's question). */
  storeAnswers: () => Promise<boolean>;
  log: ServerLog;
  /** How often the revocation list's file is looked at for a change. */
  crlPollMs?: number;
  timeouts?: Partial<HttpApiTimeouts>;
}

export interface ZoneServer {
  port: number;
  healthPort: number | null;
  /** Reads the revocation list again now (it is also read when its file changes). */
  reloadRevocationList(): void;
  close(): Promise<void>;
}

/** A window's id as a workstation names it (Electron's webContents id, a browser tab's name). */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const WORKSTATION_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/**
 * How long a workstation's connection stays open without a request. An officer pauses longer than
 * Node's 5 s all the time, and the first save after each such pause paid a new TLS handshake with
 * its certificate check (the bench's first save after a 20 s pause: a median of 14.1 ms, 6.3 ms
 * with the connection kept). The answers announce it (`Keep-Alive: timeout=60`) and Node's agent
 * closes its side a second earlier, so a save does not go out on a connection the server is closing.
 */
const IDLE_CONNECTION_MS = 60_000;

export async function startZoneServer(options: ZoneServerOptions): Promise<ZoneServer> {
  const timeouts = { ...HTTP_API_TIMEOUTS, ...options.timeouts };
  const { log, dispatcher } = options;
  let revocation = loadRevocationList();
  const sockets = new Set<TLSSocket>();
  /** Session changes a workstation's windows have not been told of yet (answered with its next call). */
  const sessionChanges = new Map<string, Set<string>>();
  dispatcher.onSessionChanged((scopedId) => {
    const slash = scopedId.indexOf('/');
    if (slash < 0) return;
    const workstation = scopedId.slice(0, slash);
    let pending = sessionChanges.get(workstation);
    if (!pending) sessionChanges.set(workstation, (pending = new Set()));
    pending.add(scopedId.slice(slash + 1));
  });

  function secureContextOptions() {
    return {
      key: fs.readFileSync(options.tls.key),
      cert: fs.readFileSync(options.tls.certificate),
      ca: fs.readFileSync(options.tls.ca),
      crl: fs.readFileSync(options.tls.crl),
    };
  }

  function loadRevocationList(): RevocationList {
    const list = readRevocationList(fs.readFileSync(options.tls.crl, 'utf8'));
    if (list.nextUpdate && list.nextUpdate.getTime() < Date.now()) {
      log.error('crl.expired', { nextUpdate: list.nextUpdate.toISOString() });
    } else if (list.nextUpdate && list.nextUpdate.getTime() - Date.now() < 7 * 24 * 3600_000) {
      log.warn('crl.expiresSoon', { nextUpdate: list.nextUpdate.toISOString() });
    }
    return list;
  }

  const server = https.createServer(
    {
      ...secureContextOptions(),
      minVersion: 'TLSv1.3',
      requestCert: true,
      // Refused in 'secureConnection' below, before any request is read, with the reason logged.
      rejectUnauthorized: false,
      headersTimeout: timeouts.headersMs,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
      keepAliveTimeout: IDLE_CONNECTION_MS,
    },
    (req, res) => {
      const started = performance.now();
      void handle(req, res)
        .catch((error: unknown) => {
          log.failure('request.failed', error, { path: pathOf(req) });
          if (!res.headersSent) send(res, 500, { error: 'Internal error' });
          else res.destroy();
        })
        .finally(() =>
          log.request({
            method: req.method,
            path: pathOf(req),
            status: res.statusCode,
            ms: performance.now() - started,
            workstation: peerOf(req.socket as TLSSocket).workstation,
          }),
        );
    },
  );
  // The chain, the revocation list and the dates are checked in the handshake; the verdict is
  // applied here, before the connection can carry a request, so that the log says why (OpenSSL's
  // own refusal reaches the server only as a reset).
  server.on('secureConnection', (socket: TLSSocket) => {
    if (!socket.authorized) {
      const presented = Object.keys(socket.getPeerCertificate() ?? {}).length > 0;
      log.warn('tls.refused', {
        reason: presented ? String(socket.authorizationError) : 'NO_CERTIFICATE',
        remote: socket.remoteAddress ?? '',
      });
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Handshakes that fail outright (plain HTTP, TLS 1.2, no common cipher) leave a line too.
  server.on('tlsClientError', (error: Error & { code?: string }, socket) =>
    log.warn('tls.refused', { reason: error.code ?? error.message, remote: socket.remoteAddress ?? '' }),
  );

  function reloadRevocationList(): void {
    try {
      server.setSecureContext(secureContextOptions());
      revocation = loadRevocationList();
    } catch (error) {
      // The previous list stays in force: a half-written file must not let anyone in.
      log.failure('crl.unreadable', error);
      return;
    }
    for (const socket of sockets) {
      const { workstation, serial } = peerOf(socket);
      if (serial && revocation.revokedSerials.has(serial)) {
        log.warn('tls.revokedDisconnected', { workstation });
        socket.destroy();
      }
    }
    log.info('crl.loaded', {
      revoked: revocation.revokedSerials.size,
      nextUpdate: revocation.nextUpdate?.toISOString() ?? '',
    });
  }
  const crlPollMs = options.crlPollMs ?? 5_000;
  const onCrlChange = () => reloadRevocationList();
  fs.watchFile(options.tls.crl, { interval: crlPollMs }, onCrlChange);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { workstation, serial } = peerOf(req.socket as TLSSocket);
    // TLS checked the chain; these are the checks it cannot make (a list newer than the handshake).
    if (!workstation || !serial || revocation.revokedSerials.has(serial)) {
      res.shouldKeepAlive = false;
      return send(res, 403, { error: 'This workstation certificate is not accepted' });
    }
    const url = new URL(req.url ?? '/', 'https://zone.invalid');
    if (url.pathname === ZONE_PATHS.health && req.method === 'GET') return health(res);
    if (req.method !== 'POST') return send(res, 405, { error: 'Method not allowed' }, { Allow: 'POST' });
    if (url.pathname === ZONE_PATHS.upload) return upload(req, res, url, workstation);
    if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, { error: 'JSON only' });
    // {clientId, channel, input}: one level above the input's own.
    const body = await readJsonBody(req, { timeoutMs: timeouts.bodyMs, maxDepth: MAX_PAYLOAD_DEPTH + 1 });
    if ('aborted' in body) return void res.destroy();
    if ('error' in body) return sendError(res, body.status, body.error);
    if (url.pathname === ZONE_PATHS.lockAll) {
      await dispatcher.lockAllOf(`${workstation}/`);
      return send(res, 200, { ok: true, sessionsChanged: takeSessionChanges(workstation) });
    }
    const clientId = body.value.clientId;
    if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId))
      return sendError(res, 400, { code: 'VALIDATION', message: 'clientId is missing or malformed' });
    const scoped = `${workstation}/${clientId}`;
    if (url.pathname === ZONE_PATHS.forget) {
      await dispatcher.forgetClient(scoped);
      return send(res, 200, { ok: true, sessionsChanged: takeSessionChanges(workstation) });
    }
    if (url.pathname !== ZONE_PATHS.invoke) return send(res, 404, { error: 'Not found' });
    const envelope = await dispatcher.dispatch(scoped, body.value.channel, body.value.input);
    // The channel's name, never its input: logs carry no personal data.
    if (!envelope.ok)
      log.info('api.refused', {
        workstation,
        channel: String(body.value.channel).slice(0, 80),
        code: envelope.error.code,
      });
    return send(res, 200, { envelope, sessionsChanged: takeSessionChanges(workstation) });
  }

  function takeSessionChanges(workstation: string): string[] {
    const pending = sessionChanges.get(workstation);
    sessionChanges.delete(workstation);
    return pending ? [...pending] : [];
  }

  async function health(res: http.ServerResponse): Promise<void> {
    const answers = await options.storeAnswers().catch(() => false);
    const crlCurrent = !revocation.nextUpdate || revocation.nextUpdate.getTime() > Date.now();
    const status = answers && crlCurrent ? 'ok' : 'unavailable';
    send(res, status === 'ok' ? 200 : 503, { status, store: answers, revocationListCurrent: crlCurrent });
  }

  /**
   * A file streamed as the body into a channel's upload (evidence.importFiles), never buffered;
   * its input in the `input` query parameter, its size in Content-Length.
   */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, workstation: string) {
    if (req.headers['content-type'] !== 'application/octet-stream')
      return send(res, 415, { error: 'application/octet-stream only' }, { Connection: 'close' });
    const clientId = url.searchParams.get('clientId') ?? '';
    const channel = url.searchParams.get('channel') ?? '';
    const length = req.headers['content-length'];
    if (!CLIENT_ID.test(clientId))
      return sendError(res, 400, { code: 'VALIDATION', message: 'clientId is missing or malformed' });
    if (length === undefined || !/^\d{1,16}$/.test(length))
      return send(res, 411, { error: 'Content-Length required' }, { Connection: 'close' });
    let input: unknown;
    try {
      input = { ...JSON.parse(url.searchParams.get('input') ?? '{}'), expectedSize: Number(length) };
    } catch {
      return sendError(res, 400, { code: 'VALIDATION', message: 'The upload input is not JSON' });
    }
    const uploaded = await readUpload(req, timeouts.uploadIdleMs, (body) =>
      dispatcher.upload(`${workstation}/${clientId}`, channel, input, body),
    );
    if (!uploaded) return;
    send(
      res,
      200,
      { envelope: uploaded.result, sessionsChanged: takeSessionChanges(workstation) },
      uploaded.keepAlive ? {} : { Connection: 'close' },
    );
  }

  let healthServer: http.Server | null = null;
  if (options.health) {
    healthServer = http.createServer((req, res) => {
      if (req.method === 'GET' && req.url === ZONE_PATHS.health) return void health(res);
      send(res, 404, { error: 'Not found' });
    });
    await listen(healthServer, options.health);
  }
  await listen(server, options.listen);
  log.info('server.listening', { host: options.listen.host, port: (server.address() as AddressInfo).port });

  return {
    port: (server.address() as AddressInfo).port,
    healthPort: healthServer ? (healthServer.address() as AddressInfo).port : null,
    reloadRevocationList,
    close: async () => {
      fs.unwatchFile(options.tls.crl, onCrlChange);
      server.closeAllConnections();
      healthServer?.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        healthServer ? new Promise<void>((resolve) => healthServer!.close(() => resolve())) : undefined,
      ]);
    },
  };
}

/**
 * Who is at the other end of a connection: the workstation's name as the zone CA wrote it in its
 * certificate (checked by TLS; '' when none or unfit), and the certificate's serial.
 */
interface Peer {
  workstation: string;
  serial: string;
}

const peers = new WeakMap<TLSSocket, Peer>();

/**
 * Read from the certificate once per connection: TLS 1.3 cannot renegotiate, so it is the
 * handshake's for the connection's whole life, and decoding it on every request was close to a
 * tenth of the server's time under load.
 */
function peerOf(socket: TLSSocket): Peer {
  let peer = peers.get(socket);
  if (!peer) {
    const certificate = socket.authorized ? socket.getPeerCertificate() : null;
    const name = certificate?.subject?.CN;
    peer = {
      workstation: typeof name === 'string' && WORKSTATION_NAME.test(name) ? name : '',
      serial: certificate?.serialNumber ? normaliseSerial(certificate.serialNumber) : '',
    };
    peers.set(socket, peer);
  }
  return peer;
}

function pathOf(req: http.IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!.slice(0, 80);
}

function send(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Strict-Transport-Security': 'max-age=31536000',
    ...extra,
  });
  res.end(JSON.stringify(body));
}

function sendError(res: http.ServerResponse, status: number, error: ApiError): void {
  send(res, status, { envelope: { ok: false, error } }, { Connection: 'close' });
}

function listen(server: http.Server, at: { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => resolve());
  });
}
