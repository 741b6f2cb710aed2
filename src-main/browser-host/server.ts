import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppCore } from '../app-core';
import { contentSecurityPolicy, securityHeaders } from '../security/csp';
import { resolveStaticFile } from '../security/static-files';

export interface BrowserHostOptions {
  core: AppCore;
  /** The built renderer (vite build output). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'hd_token';
const MAX_BODY_BYTES = 1024 * 1024;
/** Each tab names itself so that, like Electron windows, tabs have separate sessions. */
const CLIENT_HEADER = 'x-hearing-desk-client';

/**
 * Serves the renderer and the API on 127.0.0.1 only. The printed URL carries a token that is
 * new at every launch; the first request trades it for a SameSite=Strict cookie and drops it
 * from the address bar. Other local users, other sites and DNS-rebinding pages get nothing.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const headers = securityHeaders(contentSecurityPolicy());
  let origin = '';

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('browser host: request failed', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });

  function send(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer, extra: Record<string, string> = {}) {
    res.writeHead(status, { ...headers, 'Content-Type': contentType, ...extra });
    res.end(body);
  }

  function hasValidToken(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site that rebinds its name to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== new URL(origin).host) return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
    const url = new URL(req.url ?? '/', origin);

    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!hasValidToken(url.searchParams.get('token') ?? undefined)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
      return send(res, 303, 'text/plain; charset=utf-8', '', {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
    }
    if (!hasValidToken(readCookie(req.headers.cookie, COOKIE))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: open the address printed by npm run dev:browser');
    }

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'POST' });
      if (req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden origin');
      if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'JSON only');
      const body = await readBody(req);
      let envelope: unknown;
      if (body === null) {
        envelope = { ok: false, error: { code: 'VALIDATION', message: 'Request too large' } };
      } else {
        let parsed: { channel?: unknown; input?: unknown } | null;
        try {
          parsed = JSON.parse(body) as { channel?: unknown; input?: unknown };
        } catch {
          parsed = null;
        }
        const clientId = String(req.headers[CLIENT_HEADER] ?? 'browser').slice(0, 64);
        envelope =
          parsed && typeof parsed === 'object'
            ? await options.core.dispatcher.dispatch(`browser:${clientId}`, parsed.channel, parsed.input)
            : { ok: false, error: { code: 'VALIDATION', message: 'The request is not JSON' } };
      }
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope));
    }

    if (url.pathname === '/api/evidence/upload') return upload(req, res, url);

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
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
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'POST' });
    if (req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden origin');
    // Not a type a form or a simple cross-site request can send without asking first.
    if (req.headers['content-type'] !== 'application/octet-stream') return send(res, 415, 'text/plain; charset=utf-8', 'application/octet-stream only');
    const length = req.headers['content-length'];
    if (length === undefined || !/^\d{1,16}$/.test(length)) return send(res, 411, 'text/plain; charset=utf-8', 'Content-Length required', { Connection: 'close' });
    const clientId = String(req.headers[CLIENT_HEADER] ?? 'browser').slice(0, 64);
    const input = { hearingId: url.searchParams.get('hearingId'), itemId: url.searchParams.get('itemId'), originalName: url.searchParams.get('name'), expectedSize: Number(length) };
    const envelope = await options.core.dispatcher.importFile(`browser:${clientId}`, input, req);
    // Refused or failed before the end of the body: answer, then let the rest drain away.
    const complete = req.readableEnded;
    send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope), complete ? {} : { Connection: 'close' });
    if (!complete) req.resume();
  }

  // An upload of several gigabytes may take longer than Node's default five minutes.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
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

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
