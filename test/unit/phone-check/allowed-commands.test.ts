import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdbError, createAdbClient } from '../../../src-main/phone-check/adb-client';
import {
  checkAdbRequest,
  EXACT_SHELL_COMMANDS,
  isApkPath,
  isPackageName,
} from '../../../src-main/phone-check/allowed-commands';
import { startFakeAdbServer, type FakeAdbServer } from '../../fakes/adb/server';
import type { FakePhone } from '../../fakes/adb/phone';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NONE = { apkPaths: new Set<string>() };
const LISTED = '/data/app/~~abc123Qx==/com.example.notes-abc123Zw==/base.apk';
const WITH_PATH = { apkPaths: new Set([LISTED]) };

const PHONE: FakePhone = {
  serial: 'FAKE0001',
  model: 'Test Phone',
  manufacturer: 'Invented',
  release: '14',
  sdk: 34,
  securityPatch: '2026-05-01',
  pmFormat: 'modern',
  packages: [{ name: 'com.example.notes', uid: 10200 }],
};

let server: FakeAdbServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('the §D5 allow-list', () => {
  it('allows the exact commands and the templates with a valid argument', () => {
    for (const command of EXACT_SHELL_COMMANDS) expect(checkAdbRequest(`shell:${command}`, NONE).allowed).toBe(true);
    expect(checkAdbRequest('host:version', NONE).allowed).toBe(true);
    expect(checkAdbRequest('host:devices-l', NONE).allowed).toBe(true);
    expect(checkAdbRequest('host:transport:emulator-5554', NONE).allowed).toBe(true);
    expect(checkAdbRequest('host:transport:192.168.1.20:5555', NONE).allowed).toBe(true);
    expect(checkAdbRequest('shell:pm path com.example.notes', NONE).allowed).toBe(true);
    expect(checkAdbRequest('shell:dumpsys package com.example.notes', NONE).allowed).toBe(true);
    expect(checkAdbRequest('shell:pm path android', NONE).allowed).toBe(true);
    expect(checkAdbRequest(`shell:sha256sum ${LISTED}`, WITH_PATH).allowed).toBe(true);
    expect(checkAdbRequest(`RECV:${LISTED}`, WITH_PATH).allowed).toBe(true);
    expect(checkAdbRequest('sync:', NONE).allowed).toBe(true);
  });

  it.each([
    ['shell:getprop; reboot', 'unknown-command'],
    ['shell:getprop && pm uninstall com.example.notes', 'unknown-command'],
    ['shell:pm path com.example.notes;rm -rf /sdcard', 'bad-package-name'],
    ['shell:pm path $(reboot)', 'bad-package-name'],
    ['shell:pm path `reboot`', 'bad-package-name'],
    ['shell:pm path com.example.notes\nreboot', 'not-printable'],
    ['shell:dumpsys package com.example.notes | sh', 'bad-package-name'],
    ['shell:dumpsys package ../etc', 'bad-package-name'],
    ['shell:pm path  com.example.notes', 'bad-package-name'],
    ['shell:pm uninstall com.example.notes', 'unknown-command'],
    ['shell:pm uninstall -k --user 0 com.example.notes', 'unknown-command'],
    ['shell:pm clear com.android.settings', 'unknown-command'],
    ['shell:pm disable-user com.example.notes', 'unknown-command'],
    ['shell:pm install /data/local/tmp/x.apk', 'unknown-command'],
    ['shell:pm grant com.example.notes android.permission.READ_SMS', 'unknown-command'],
    ['shell:settings put global package_verifier_enable 1', 'unknown-command'],
    ['shell:settings put secure enabled_accessibility_services null', 'unknown-command'],
    ['shell:settings get global package_verifier_enable; settings put global x 1', 'unknown-command'],
    ['shell:am start -a android.intent.action.VIEW', 'unknown-command'],
    ['shell:input tap 10 10', 'unknown-command'],
    ['shell:cmd package install-existing com.example.notes', 'unknown-command'],
    ['shell:dpm set-device-owner com.example/.Admin', 'unknown-command'],
    ['shell:reboot', 'unknown-command'],
    ['shell:getprop\u0000', 'not-printable'],
    ['shell:', 'unknown-command'],
    ['shell:sha256sum /data/app/x/base.apk', 'apk-path-not-listed'],
    ['shell:sha256sum /sdcard/Download/x.apk', 'bad-apk-path'],
    ['shell:sha256sum /data/app/../../etc/passwd.apk', 'bad-apk-path'],
    [`shell:sha256sum ${LISTED} /data/system/accounts.db`, 'bad-apk-path'],
    ['RECV:/data/data/com.whatsapp/databases/msgstore.db', 'bad-apk-path'],
    ['RECV:/data/app/other/base.apk', 'apk-path-not-listed'],
    ['SEND:/sdcard/x.apk,33188', 'unknown-service'],
    ['install:', 'unknown-service'],
    ['exec:cmd package install -S 100', 'unknown-service'],
    ['host:transport-any', 'unknown-service'],
    ['host:transport:FAKE0001;x', 'bad-serial'],
    ['host:kill', 'unknown-service'],
    ['host:connect:10.0.0.1:5555', 'unknown-service'],
    ['host:forward:tcp:1234;tcp:1234', 'unknown-service'],
    ['reverse:forward:tcp:1;tcp:1', 'unknown-service'],
    ['tcpip:5555', 'unknown-service'],
    ['root:', 'unknown-service'],
    ['remount:', 'unknown-service'],
    ['reboot:', 'unknown-service'],
    ['backup:-all', 'unknown-service'],
    ['framebuffer:', 'unknown-service'],
    ['shell,v2,raw:getprop', 'unknown-service'],
  ])('refuses %j (%s)', (request, reason) => {
    expect(checkAdbRequest(request, WITH_PATH)).toEqual({ allowed: false, reason });
  });

  it('validates package names and APK paths strictly', () => {
    expect(isPackageName('com.example.notes')).toBe(true);
    expect(isPackageName('com.example_2.A1')).toBe(true);
    for (const bad of ['', '.com', 'com.', 'com..x', '1com.x', 'com.1x', 'com.x-y', 'com.x y', 'a'.repeat(256)])
      expect(isPackageName(bad), bad).toBe(false);
    expect(isApkPath('/system/priv-app/Settings/Settings.apk')).toBe(true);
    expect(isApkPath('/data/app/com.x-1/base.apk')).toBe(true);
    expect(isApkPath(LISTED)).toBe(true);
    for (const bad of [
      '/data/app/x/./base.apk',
      '/data/app/x/../base.apk',
      '/data/app//base.apk',
      '/sdcard/base.apk',
      '/data/app/x/base.apk ',
      '/data/app/x/base.apk;id',
      '/data/app/$HOME/base.apk',
      'data/app/x/base.apk',
    ])
      expect(isApkPath(bad), bad).toBe(false);
  });
});

describe('the adb client', () => {
  it('has one exit: every write goes through writeChecked, which checks the allow-list first', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src-main/phone-check/adb-client.ts'), 'utf8');
    // One socket write in the file, one connection factory, no child process.
    expect(source.match(/\.write\(/g)).toHaveLength(1);
    expect(source.match(/\.(?:end|write|cork)\(\s*[a-z]/gi)).toHaveLength(1);
    expect(source.match(/createConnection\(/g)).toHaveLength(1);
    expect(source).not.toMatch(/child_process|spawn|exec/);
    const writer = source.slice(source.indexOf('function writeChecked'));
    const body = writer.slice(0, writer.indexOf('\n  }\n'));
    expect(body.indexOf('checkAdbRequest(')).toBeGreaterThan(-1);
    expect(body.indexOf('checkAdbRequest(')).toBeLessThan(body.indexOf('.write('));
    // Nothing else in the app opens a socket or starts a process to reach the phone.
    const others = fs
      .readdirSync(path.join(ROOT, 'src-main/phone-check'))
      .filter((f) => f !== 'adb-client.ts')
      .map((f) => fs.readFileSync(path.join(ROOT, 'src-main/phone-check', f), 'utf8'));
    for (const other of others) expect(other).not.toMatch(/node:(?:net|child_process|dgram|http|https|tls)['"]/);
    // Its public surface: four read-only operations, the log and the APK paths.
    const client = createAdbClient({ port: 1 });
    expect(Object.keys(client).sort()).toEqual(['apkPaths', 'devices', 'log', 'pull', 'shell', 'version']);
  });

  it('talks the host protocol, pulls only listed APKs, and sends nothing refused', async () => {
    server = await startFakeAdbServer([PHONE]);
    const client = createAdbClient({ port: server.port });
    expect(await client.version()).toBe(41);
    const devices = await client.devices();
    expect(devices).toEqual([
      {
        serial: 'FAKE0001',
        state: 'device',
        properties: { product: 'test_phone', model: 'Test_Phone', device: 'fake', transport_id: '1' },
      },
    ]);
    expect((await client.shell('FAKE0001', 'getprop')).toString()).toContain('[ro.product.model]: [Test Phone]');

    // Refused before connecting: the server never hears of them.
    const before = server.connections;
    for (const bad of ['pm uninstall com.example.notes', 'settings put global adb_enabled 0', 'getprop; reboot'])
      await expect(client.shell('FAKE0001', bad)).rejects.toMatchObject({ code: 'refused-by-allow-list' });
    await expect(client.shell('FAKE0001;reboot', 'getprop')).rejects.toBeInstanceOf(AdbError);
    await expect(client.pull('FAKE0001', LISTED)).rejects.toMatchObject({ code: 'refused-by-allow-list' });
    expect(server.connections).toBe(before);

    const paths = await client.shell('FAKE0001', 'pm path com.example.notes');
    const apk = paths.toString().trim().slice('package:'.length);
    expect(client.apkPaths.has(apk)).toBe(true);
    expect((await client.pull('FAKE0001', apk)).toString()).toBe('PK-not-a-real-apk com.example.notes');
    expect((await client.shell('FAKE0001', `sha256sum ${apk}`)).toString()).toMatch(/^[0-9a-f]{64} {2}\//);

    await expect(client.shell('NOPE', 'getprop')).rejects.toMatchObject({ code: 'server-fail' });
    expect(server.unexpected).toEqual(['host:transport:NOPE']);
    expect(client.log.map((r) => r.outcome)).toEqual([
      'ok',
      'ok',
      'ok',
      'refused',
      'refused',
      'refused',
      'refused',
      'ok',
      'ok',
      'ok',
      'fail',
    ]);
    expect(client.log[2]!.outputSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ends every exchange in one of its typed outcomes', async () => {
    // A server of misbehaviours, one per request it is sent.
    const sockets = new Set<net.Socket>();
    const odd = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('data', (chunk) => {
        const request = chunk.toString('latin1', 4);
        if (request === 'host:version') return; // silent: the client's timeout
        if (request === 'host:devices-l') return void socket.end('OK'); // closed mid-status
        if (request.startsWith('host:transport:BADSTATUS')) return void socket.end('HELLO');
        if (request.startsWith('host:transport:')) {
          socket.write('OKAY');
          socket.once('data', () => {
            socket.write('OKAY');
            socket.end(Buffer.alloc(4096, 0x61)); // more output than the client accepts
          });
        }
      });
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    try {
      const port = (odd.address() as net.AddressInfo).port;
      const client = createAdbClient({ port, timeoutMs: 300, maxOutputBytes: 1024 });
      await expect(client.version()).rejects.toMatchObject({ code: 'timeout' });
      await expect(client.devices()).rejects.toMatchObject({ code: 'closed' });
      await expect(client.shell('BADSTATUS', 'getprop')).rejects.toMatchObject({ code: 'protocol' });
      await expect(client.shell('FAKE0001', 'getprop')).rejects.toMatchObject({ code: 'too-large' });
      expect(client.log.map((r) => [r.request, r.outcome, r.message])).toEqual([
        ['host:version', 'error', '300 ms'],
        ['host:devices-l', 'error', 'expected 4 bytes, got 2'],
        ['shell:getprop', 'error', 'status "HELL"'],
        ['shell:getprop', 'error', 'more than 1024 bytes'],
      ]);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => odd.close(resolve));
    }
  });

  it('reports an unreachable server as a typed error', async () => {
    const client = createAdbClient({ port: 1, timeoutMs: 2000 });
    await expect(client.version()).rejects.toMatchObject({ code: 'server-unreachable' });
  });
});
