import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/browser-host/server';
import { resolveStaticFile } from '../../src-main/security/static-files';
import { openTestCore, tempDir, type TestCore } from '../helpers/temp-core';

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the browser host', () => {
  let t: TestCore;
  let host: BrowserHost;
  let origin: string;
  let cookie: string;
  const rendererDir = tempDir('hd-renderer-');

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(path.dirname(rendererDir), 'outside-secret.json'), '{"secret":true}');
    t = openTestCore();
    host = await startBrowserHost({ core: t.core, rendererDir });
    origin = new URL(host.url).origin;
    const exchange = await request(host.url);
    expect(exchange.status).toBe(303);
    cookie = String(exchange.headers['set-cookie']?.[0]).split(';')[0]!;
  });
  afterAll(async () => {
    await host.close();
    t.close();
  });

  it('listens on the loopback address only', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('trades the launch token for an HttpOnly, SameSite=Strict cookie and refuses everyone else', async () => {
    const exchange = await request(host.url);
    expect(exchange.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(exchange.headers.location).toBe('/');
    expect((await request(`${origin}/`)).status).toBe(403);
    expect((await request(`${origin}/?token=guess`)).status).toBe(403);
    expect((await request(`${origin}/`, { headers: { cookie: 'hd_token=guess' } })).status).toBe(403);
    const page = await request(`${origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin on the API', async () => {
    expect((await request(`${origin}/`, { headers: { cookie, host: 'attacker.example' } })).status).toBe(421);
    const body = JSON.stringify({ channel: 'setup.status', input: {} });
    const json = { cookie, 'content-type': 'application/json' };
    expect((await request(`${origin}/api/invoke`, { method: 'POST', headers: { ...json, origin: 'http://attacker.example' }, body })).status).toBe(403);
    expect((await request(`${origin}/api/invoke`, { method: 'POST', headers: { cookie, origin, 'content-type': 'text/plain' }, body })).status).toBe(415);
    const ok = await request(`${origin}/api/invoke`, { method: 'POST', headers: { ...json, origin }, body });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { needsSetup: true, passwordMinLength: 12 } });
    const garbage = await request(`${origin}/api/invoke`, { method: 'POST', headers: { ...json, origin }, body: '{not json' });
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('serves files from the renderer folder only', async () => {
    for (const attempt of ['/../outside-secret.json', '/%2e%2e/outside-secret.json', '/..%2foutside-secret.json', '/%2e%2e%5coutside-secret.json']) {
      expect((await request(`${origin}${attempt}`, { headers: { cookie } })).status, attempt).toBe(404);
    }
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
    expect(resolveStaticFile(root, '/')).toMatchObject({ file: fs.realpathSync(path.join(root, 'index.html')), cacheControl: 'no-store' });
    expect(resolveStaticFile(root, '/assets/app.js')).toMatchObject({ contentType: expect.stringMatching(/^text\/javascript/), cacheControl: 'no-store' });
    expect(resolveStaticFile(root, '/assets/index-Df2oTDgw.js')?.cacheControl).toBe('public, max-age=31536000, immutable');
  });

  it('refuses traversal, encoded separators, NUL, unknown types, folders and links leading out', () => {
    for (const attempt of ['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/etc/passwd', '/assets%2f..%2f..%2fetc/passwd', '/assets\\..\\index.html', '/index.html%00.js', '/assets/notes.txt', '/assets', '/assets/link.js', '/%E0%A4%A']) {
      expect(resolveStaticFile(root, attempt), attempt).toBeNull();
    }
  });
});
