import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_HOST_TIMEOUTS, startBrowserHost, type BrowserHost } from '../../src-main/browser-host/server';
import { resolveStaticFile } from '../../src-main/security/static-files';
import { openTestCore, tempDir, type TestCore } from '../helpers/temp-core';

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Readable } = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // The host may answer (and close) before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (options.body instanceof Readable) options.body.pipe(req);
    else req.end(options.body);
  });
}

function* chunks(text: string, size: number): Generator<Buffer> {
  for (let i = 0; i < text.length; i += size) yield Buffer.from(text.slice(i, i + size));
}

describe('the browser host', () => {
  let t: TestCore;
  let host: BrowserHost;
  let origin: string;
  let cookie: string;
  let exchangeCookie: string;
  const rendererDir = tempDir('hd-renderer-');

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'outside-secret.json'), '{"secret":true}');
    t = await openTestCore();
    host = await startBrowserHost({ core: t.core, rendererDir });
    origin = new URL(host.url).origin;
    const exchange = await request(host.url);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    exchangeCookie = String(exchange.headers['set-cookie']?.[0]);
    cookie = exchangeCookie.split(';')[0]!;
  });
  afterAll(async () => {
    await host.close();
    await t.close();
  });

  it('listens on the loopback address only', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('trades the launch token once for an HttpOnly, SameSite=Strict session cookie and refuses everyone else', async () => {
    const token = new URL(host.url).searchParams.get('token')!;
    expect(exchangeCookie).toMatch(/^hd_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    // The cookie is a secret of its own, not the token printed in the terminal.
    expect(cookie).not.toContain(token);
    // A second use of the address, by anyone without the cookie, opens nothing.
    const again = await request(host.url);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    // The browser that traded it may open the address again, and is given nothing new.
    const reopened = await request(host.url, { headers: { cookie } });
    expect(reopened.status).toBe(303);
    expect(reopened.headers.location).toBe('/');
    expect(reopened.headers['set-cookie']).toBeUndefined();
    expect((await request(`${origin}/`)).status).toBe(403);
    expect((await request(`${origin}/?token=guess`)).status).toBe(403);
    expect((await request(`${origin}/`, { headers: { cookie: 'hd_session=guess' } })).status).toBe(403);
    expect((await request(`${origin}/`, { headers: { cookie: `hd_session=${token}` } })).status).toBe(403);
    const page = await request(`${origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin on the API', async () => {
    expect((await request(`${origin}/`, { headers: { cookie, host: 'attacker.example' } })).status).toBe(421);
    const body = JSON.stringify({ channel: 'setup.status', input: {} });
    const json = { cookie, 'content-type': 'application/json' };
    expect(
      (
        await request(`${origin}/api/invoke`, {
          method: 'POST',
          headers: { ...json, origin: 'http://attacker.example' },
          body,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(`${origin}/api/invoke`, {
          method: 'POST',
          headers: { cookie, origin, 'content-type': 'text/plain' },
          body,
        })
      ).status,
    ).toBe(415);
    const ok = await request(`${origin}/api/invoke`, { method: 'POST', headers: { ...json, origin }, body });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { needsSetup: true, passwordMinLength: 12 } });
    const garbage = await request(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { ...json, origin },
      body: '{not json',
    });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a body nested 100,000 levels deep with a typed 400, before sign-in and after, and stays up', async () => {
    const json = { cookie, origin, 'content-type': 'application/json', 'x-hearing-desk-client': 'deep-tab' };
    const post = (body: string, headers: Record<string, string> = json) =>
      request(`${origin}/api/invoke`, { method: 'POST', headers, body });
    const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const bodies = [
      `{"channel":"session.login","input":${deepArray}}`,
      `{"channel":"session.login","input":{"username":"officer.one","password":${deepObject}}}`,
      deepArray,
      // Just over the limit: the input itself 33 levels deep.
      `{"channel":"hearings.saveAnswers","input":${'['.repeat(33)}${']'.repeat(33)}}`,
    ];
    const expectRefused = async (response: Awaited<ReturnType<typeof post>>) => {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(response.body)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(/nested more than 33 levels/) },
      });
    };
    for (const body of bodies) await expectRefused(await post(body));
    // Brackets inside strings are text, not nesting.
    const bracketsInText = await post(
      JSON.stringify({ channel: 'session.login', input: { username: 'x'.repeat(3), password: '['.repeat(200) } }),
    );
    expect(bracketsInText.status).toBe(200);
    expect(JSON.parse(bracketsInText.body)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });

    // Signed in (an administrator, the first account), the same answers.
    const setUp = await post(
      JSON.stringify({
        channel: 'setup.createAdministrator',
        input: { username: 'admin.test', displayName: 'Alex Admin', password: 'admin passphrase 2026' },
      }),
    );
    expect(JSON.parse(setUp.body)).toMatchObject({ ok: true });
    for (const body of bodies) await expectRefused(await post(body));
    const still = await post(JSON.stringify({ channel: 'session.current', input: {} }));
    expect(JSON.parse(still.body)).toMatchObject({ ok: true, value: { user: { username: 'admin.test' } } });
  });

  it('refuses a body over 1 MiB with a typed 413 without reading it whole, and any body without the cookie before reading it', async () => {
    const json = { cookie, origin, 'content-type': 'application/json' };
    const huge = JSON.stringify({
      channel: 'session.login',
      input: { username: 'x', password: 'p'.repeat(2 * 1024 * 1024) },
    });
    const announced = await request(`${origin}/api/invoke`, { method: 'POST', headers: json, body: huge });
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Sent in chunks, with no length announced: refused once the limit is passed.
    const chunked = await request(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { ...json, 'transfer-encoding': 'chunked' },
      body: Readable.from(chunks(huge, 64 * 1024)),
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    for (const headers of [
      { origin, 'content-type': 'application/json' },
      { ...json, cookie: 'hd_session=guess' },
    ]) {
      const refused = await request(`${origin}/api/invoke`, {
        method: 'POST',
        headers,
        body: `{"channel":"session.login","input":${'['.repeat(100_000)}`,
      });
      expect(refused.status).toBe(403);
      expect(refused.headers.connection).toBe('close');
    }
  });

  it('serves files from the renderer folder only', async () => {
    for (const attempt of [
      '/../outside-secret.json',
      '/%2e%2e/outside-secret.json',
      '/..%2foutside-secret.json',
      '/%2e%2e%5coutside-secret.json',
    ]) {
      expect((await request(`${origin}${attempt}`, { headers: { cookie } })).status, attempt).toBe(404);
    }
  });
});

describe('the browser host and slow clients', () => {
  // The real bounds are 10 s (headers, an API body) and 30 s of silence (an upload); here they
  // are shortened so that each slow client below is refused in about a second.
  const SHORT = { headersMs: 600, bodyMs: 600, uploadIdleMs: 600 };
  /** How long a refusal may take here: the bound, Node's check interval, and a margin for a busy machine. */
  const DEADLINE_MS = 3_000;
  let t: TestCore;
  let host: BrowserHost;
  let port: number;
  let cookie: string;
  const rendererDir = tempDir('hd-renderer-');

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    t = await openTestCore();
    host = await startBrowserHost({ core: t.core, rendererDir, timeouts: SHORT });
    port = host.port;
    cookie = String((await request(host.url)).headers['set-cookie']?.[0]).split(';')[0]!;
  });
  afterAll(async () => {
    await host.close();
    await t.close();
  });

  /**
   * A client on a raw socket that sends `start`, then one byte of `drip` every 100 ms, until the
   * host answers or closes; what it got and when. Stops by itself after DEADLINE_MS.
   */
  function slowClient(start: string, drip: string): Promise<{ answer: string; ms: number; closedByHost: boolean }> {
    return new Promise((resolve) => {
      const began = performance.now();
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      let sent = 0;
      const finish = (closedByHost: boolean) => {
        clearInterval(dripping);
        clearTimeout(giveUp);
        socket.destroy();
        resolve({ answer, ms: performance.now() - began, closedByHost });
      };
      const dripping = setInterval(() => {
        if (!socket.destroyed && sent < drip.length) socket.write(drip[sent++]!);
      }, 100);
      const giveUp = setTimeout(() => finish(false), DEADLINE_MS);
      socket.on('connect', () => socket.write(start));
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('error', () => finish(true));
      socket.on('close', () => finish(true));
    });
  }

  it('has bounds of 10 s for headers and an API body, and 30 s of silence for an upload', () => {
    expect(BROWSER_HOST_TIMEOUTS).toEqual({ headersMs: 10_000, bodyMs: 10_000, uploadIdleMs: 30_000 });
  });

  it('closes a connection whose headers never end (slowloris), with or without the cookie', async () => {
    for (const start of [
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`,
      `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${cookie}\r\n`,
    ]) {
      const result = await slowClient(start, 'X-Slow: ' + 'a'.repeat(100));
      expect(result.closedByHost, result.answer).toBe(true);
      expect(result.ms).toBeLessThan(DEADLINE_MS);
      expect(result.answer).toMatch(/^(HTTP\/1\.1 408|$)/);
    }
  });

  it('answers a typed 408 to an API body that trickles in, and closes the connection', async () => {
    const head = [
      'POST /api/invoke HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      `Cookie: ${cookie}`,
      'Content-Type: application/json',
      'Content-Length: 1000',
      '',
      '',
    ].join('\r\n');
    const result = await slowClient(head, '{"channel":"setup.status","input":{}}'.padEnd(1000, ' '));
    expect(result.closedByHost).toBe(true);
    expect(result.ms).toBeLessThan(DEADLINE_MS);
    expect(result.ms).toBeGreaterThanOrEqual(SHORT.bodyMs - 50);
    expect(result.answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(result.answer.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(/\{.*\}/.exec(result.answer)?.[0] ?? 'null')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // The host still serves everyone else.
    const ok = await request(`http://127.0.0.1:${port}/api/invoke`, {
      method: 'POST',
      headers: { cookie, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
      body: '{"channel":"setup.status","input":{}}',
    });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
  });
});

describe('resolveStaticFile', () => {
  const root = tempDir('hd-static-');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(root, 'assets', 'index-Df2oTDgw.js'), '');
  fs.writeFileSync(path.join(root, 'assets', 'notes.txt'), '');
  fs.symlinkSync('/etc/hostname', path.join(root, 'assets', 'link.js'));

  it('maps the page and its assets, caching only hashed build assets', () => {
    expect(resolveStaticFile(root, '/')).toMatchObject({
      file: fs.realpathSync(path.join(root, 'index.html')),
      cacheControl: 'no-store',
    });
    expect(resolveStaticFile(root, '/assets/app.js')).toMatchObject({
      contentType: expect.stringMatching(/^text\/javascript/),
      cacheControl: 'no-store',
    });
    expect(resolveStaticFile(root, '/assets/index-Df2oTDgw.js')?.cacheControl).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('refuses traversal, encoded separators, NUL, unknown types, folders and links leading out', () => {
    for (const attempt of [
      '/../etc/passwd',
      '/assets/../../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/assets%2f..%2f..%2fetc/passwd',
      '/assets\\..\\index.html',
      '/index.html%00.js',
      '/assets/notes.txt',
      '/assets',
      '/assets/link.js',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticFile(root, attempt), attempt).toBeNull();
    }
  });
});
