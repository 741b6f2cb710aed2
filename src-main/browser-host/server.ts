import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiError } from '../api/contract';
import { HTTP_API_TIMEOUTS, readJsonBody, readUpload, type HttpApiTimeouts } from '../api/http-request';
import { MAX_PAYLOAD_DEPTH } from '../api/payload-limits';
import type { Dispatcher } from '../api/dispatcher';
import { contentSecurityPolicy, securityHeaders } from '../security/csp';
import { resolveStaticFile } from '../security/static-files';

export interface BrowserHostOptions {
  /** The app it serves: a core's dispatcher, or a zone workstation's, which forwards to the server (src-main/zone/). */
  core: { dispatcher: Pick<Dispatcher, 'dispatch' | 'importFile'> };
  /** The built renderer (vite build output). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Tests shorten these to keep a slow-client test short; the defaults are BROWSER_HOST_TIMEOUTS. */
  timeouts?: Partial<BrowserHostTimeouts>;
}

export type BrowserHostTimeouts = HttpApiTimeouts;

export const BROWSER_HOST_TIMEOUTS: BrowserHostTimeouts = HTTP_API_TIMEOUTS;

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'hd_session';
/** The body is {channel, input}: one level above the input's own. */
const MAX_BODY_DEPTH = MAX_PAYLOAD_DEPTH + 1;
/** Each tab names itself so that, like Electron windows, tabs have separate sessions. */
const CLIENT_HEADER = 'x-hearing-desk-client';

/**
 * Serves the renderer and the API on 127.0.0.1 only. The printed URL carries a token that is
 * new at every launch and opens the app once: its first use trades it for a SameSite=Strict
 * session cookie (a secret of its own) and drops it from the address bar; any later use is
 * refused, so an address left in a terminal's scrollback or a shell history opens nothing.
 * Other local users, other sites and DNS-rebinding pages get nothing. Nothing of a request's
 * body is read before its cookie, origin and type are checked.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const launchToken = randomBytes(32).toString('base64url');
  let launchTokenUsed = false;
  const sessionSecret = randomBytes(32).toString('base64url');
  const timeouts = { ...BROWSER_HOST_TIMEOUTS, ...options.timeouts };
  const headers = securityHeaders(contentSecurityPolicy());
  let origin = '';

  const server = http.createServer(
    {
      headersTimeout: timeouts.headersMs,
      // Bodies have their own bounds (readJsonBody, upload): an upload of several gigabytes may take
      // longer than any single limit for the whole request.
      requestTimeout: 0,
      // How often Node checks headersTimeout (30 s by default, which would triple the bound).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    (req, res) => {
      void handle(req, res).catch((error: unknown) => {
        console.error('browser host: request failed', error);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
        else res.destroy();
      });
    },
  );

  function send(
    res: http.ServerResponse,
    status: number,
    contentType: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ) {
    res.writeHead(status, { ...headers, 'Content-Type': contentType, ...extra });
    res.end(body);
  }

  /** A refusal before the body is read: the connection closes rather than wait for the rest of it. */
  function refuse(res: http.ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
    send(res, status, 'text/plain; charset=utf-8', message, { Connection: 'close', ...extra });
  }

  /** A refusal of an /api/invoke body, as an error envelope the client can read, with its HTTP status. */
  function refuseBody(res: http.ServerResponse, status: number, error: ApiError) {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error }), { Connection: 'close' });
  }

  function sameSecret(candidate: string | undefined, secret: string): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site that rebinds its name to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== new URL(origin).host)
      return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
    const url = new URL(req.url ?? '/', origin);

    const signedIn = sameSecret(readCookie(req.headers.cookie, COOKIE), sessionSecret);

    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      // The browser that already traded the token (its address opened again): nothing new is given.
      if (signedIn) return send(res, 303, 'text/plain; charset=utf-8', '', { Location: '/' });
      if (launchTokenUsed || !sameSecret(url.searchParams.get('token') ?? undefined, launchToken)) {
        return refuse(
          res,
          403,
          'Forbidden: this address opens the app once; start npm run dev:browser again for a new one',
        );
      }
      launchTokenUsed = true;
      return send(res, 303, 'text/plain; charset=utf-8', '', {
        'Set-Cookie': `${COOKIE}=${sessionSecret}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
    }
    if (!signedIn) return refuse(res, 403, 'Forbidden: open the address printed by npm run dev:browser');

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed', { Allow: 'POST' });
      if (req.headers.origin !== origin) return refuse(res, 403, 'Forbidden origin');
      if (!req.headers['content-type']?.startsWith('application/json')) return refuse(res, 415, 'JSON only');
      const body = await readJsonBody(req, { timeoutMs: timeouts.bodyMs, maxDepth: MAX_BODY_DEPTH });
      if ('aborted' in body) return void res.destroy();
      if ('error' in body) return refuseBody(res, body.status, body.error);
      const { channel, input } = body.value;
      const clientId = String(req.headers[CLIENT_HEADER] ?? 'browser').slice(0, 64);
      const envelope = await options.core.dispatcher.dispatch(`browser:${clientId}`, channel, input);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope));
    }

    if (url.pathname === '/api/evidence/upload') return upload(req, res, url);

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const file = resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    send(res, 200, file.contentType, await fs.promises.readFile(file.file), { 'Cache-Control': file.cacheControl });
  }

  /**
   * An evidence file as the raw request body, streamed into the evidence store as it arrives
   * (never buffered: a 4 GB video must pass), with the checks of /api/invoke and the session
   * and role rules of the dispatcher. Content-Length is required: it is the size the import
   * expects, checked against free space first and against what arrives.
   */
  async function upload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed', { Allow: 'POST' });
    if (req.headers.origin !== origin) return refuse(res, 403, 'Forbidden origin');
    // Not a type a form or a simple cross-site request can send without asking first.
    if (req.headers['content-type'] !== 'application/octet-stream')
      return refuse(res, 415, 'application/octet-stream only');
    const length = req.headers['content-length'];
    if (length === undefined || !/^\d{1,16}$/.test(length)) return refuse(res, 411, 'Content-Length required');
    const clientId = String(req.headers[CLIENT_HEADER] ?? 'browser').slice(0, 64);
    const input = {
      hearingId: url.searchParams.get('hearingId'),
      itemId: url.searchParams.get('itemId'),
      originalName: url.searchParams.get('name'),
      expectedSize: Number(length),
    };
    const uploaded = await readUpload(req, timeouts.uploadIdleMs, (body) =>
      options.core.dispatcher.importFile(`browser:${clientId}`, input, body),
    );
    if (!uploaded) return;
    send(
      res,
      200,
      'application/json; charset=utf-8',
      JSON.stringify(uploaded.result),
      uploaded.keepAlive ? {} : { Connection: 'close' },
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${launchToken}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
