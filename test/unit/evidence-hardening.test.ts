import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/browser-host/server';
import { cleanFileName, recordedFileName, shownFileName } from '../../src-main/services/evidence';
import { inventedScreenshot } from '../helpers/evidence-item';
import { defaultUnitId, PEOPLE, seedAccounts, tempDir, type TestCore, openTestCore } from '../helpers/temp-core';

/** Invented evidence. */
const SCREENSHOT = inventedScreenshot({ description: 'Bericht met dreiging (verzonnen)' });
const RLO_NAME = 'evil\u202Etxt.exe';
const MiB = 1024 * 1024;

let t: TestCore;
let host: BrowserHost | null = null;
let chosen: string[] = [];
const rendererDir = tempDir('hd-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');

afterEach(async () => {
  await host?.close();
  host = null;
  await t.close();
});

/** A core with Electron's file dialog replaced by `chosen`, the administrator and the officer signed in, and one item. */
async function start(): Promise<{ hearingId: string; itemId: string }> {
  t = await openTestCore({ dir: tempDir('hd-evidence-'), chooseFiles: async () => chosen });
  await seedAccounts(t);
  const { hearing } = await t.ok('officer-window', 'hearings.create', {});
  const { item } = await t.ok('officer-window', 'evidence.save', { hearingId: hearing.id, item: SCREENSHOT });
  return { hearingId: hearing.id, itemId: item.id };
}

function evidenceFiles(): string[] {
  return fs.readdirSync(path.join(t.dir, 'evidence'));
}

async function fileRows(): Promise<{ original_name: string }[]> {
  return (await t.sql('SELECT original_name FROM evidence_files')) as {
    original_name: string;
  }[];
}

async function userId(username: string): Promise<string> {
  return ((await t.sql('SELECT id FROM users WHERE username = ?', [username]))[0] as { id: string }).id;
}

/**
 * An upload over the real transport (the browser host), as tab-1 of the officer: the first half
 * of the body, then `meanwhile` once the host is writing the file, then the rest.
 */
async function uploadInTwoHalves(
  target: { hearingId: string; itemId: string },
  name: string,
  meanwhile: () => Promise<void>,
) {
  host = await startBrowserHost({ core: t.core, rendererDir });
  const origin = new URL(host.url).origin;
  const cookie = String((await get(host.url)).headers['set-cookie']?.[0]).split(';')[0]!;
  await t.ok('browser:tab-1', 'session.login', {
    username: PEOPLE.officer.username,
    password: PEOPLE.officer.password,
  });
  const bytes = randomBytes(4 * MiB);
  const url = `${origin}/api/evidence/upload?${new URLSearchParams({ ...target, name }).toString()}`;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          cookie,
          origin,
          'content-type': 'application/octet-stream',
          'x-hearing-desk-client': 'tab-1',
          'content-length': String(bytes.length),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(bytes.subarray(0, bytes.length / 2));
    // The host has passed its checks and is writing the file: its temporary file is there.
    void waitFor(() => evidenceFiles().some((f) => f.endsWith('.tmp')))
      .then(meanwhile)
      .then(() => req.end(bytes.subarray(bytes.length / 2)), reject);
  });
  const { status, body } = await answer;
  expect(status).toBe(200);
  return JSON.parse(body) as { ok: boolean; error?: { code: string }; value?: { files: { originalName: string }[] } };
}

describe('an upload whose account changes before it ends', () => {
  const changes: [string, () => Promise<void>][] = [
    [
      'deactivated by the administrator',
      async () =>
        void (await t.ok('admin-window', 'users.setActive', {
          userId: await userId(PEOPLE.officer.username),
          active: false,
        })),
    ],
    [
      'given another role',
      async () =>
        void (await t.ok('admin-window', 'users.update', {
          userId: await userId(PEOPLE.officer.username),
          displayName: PEOPLE.officer.displayName,
          role: 'supervisor',
          unitId: await defaultUnitId(t),
        })),
    ],
    [
      'whose password was reset',
      async () =>
        void (await t.ok('admin-window', 'users.resetPassword', {
          userId: await userId(PEOPLE.officer.username),
          password: 'temporary passphrase 77',
        })),
    ],
  ];

  it.each(changes)('keeps nothing of an officer %s during the upload, and says why', async (_label, change) => {
    const target = await start();
    const result = await uploadInTwoHalves(target, 'capture.png', change);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await fileRows()).toEqual([]);
    // Neither the sealed file nor its temporary copy.
    expect(evidenceFiles()).toEqual([]);
    const failed = (await t.sql(
      "SELECT details_json AS details FROM audit_events WHERE action = 'evidence.import_failed'",
    )) as { details: string }[];
    expect(failed.map((row) => JSON.parse(row.details) as { code: string })).toEqual([
      expect.objectContaining({ code: 'NOT_SIGNED_IN' }),
    ]);
  });

  it('keeps nothing when the hearing passed to another officer during the upload', async () => {
    const target = await start();
    const result = await uploadInTwoHalves(target, 'capture.png', async () => {
      await t.sql('UPDATE hearings SET owner_id = ? WHERE id = ?', [
        await userId(PEOPLE.admin.username),
        target.hearingId,
      ]);
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await fileRows()).toEqual([]);
    expect(evidenceFiles()).toEqual([]);
  });

  it('keeps the file of an officer whose account did not change (the same path, nothing refused)', async () => {
    const target = await start();
    const result = await uploadInTwoHalves(target, 'capture.png', async () => {});
    expect(result).toMatchObject({ ok: true, value: { files: [{ originalName: 'capture.png' }] } });
    expect(evidenceFiles().filter((f) => f.endsWith('.evd'))).toHaveLength(1);
  });

  it('ends an upload that goes silent, leaving no file behind', async () => {
    const target = await start();
    await host?.close();
    host = await startBrowserHost({ core: t.core, rendererDir, timeouts: { uploadIdleMs: 500 } });
    const origin = new URL(host.url).origin;
    const cookie = String((await get(host.url)).headers['set-cookie']?.[0]).split(';')[0]!;
    await t.ok('browser:tab-1', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    const began = performance.now();
    const closed = await new Promise<boolean>((resolve) => {
      const req = http.request(
        `${origin}/api/evidence/upload?${new URLSearchParams({ ...target, name: 'video.mp4' }).toString()}`,
        {
          method: 'POST',
          agent: false,
          headers: {
            cookie,
            origin,
            'content-type': 'application/octet-stream',
            'x-hearing-desk-client': 'tab-1',
            'content-length': String(2 * MiB),
          },
        },
      );
      req.on('response', () => resolve(false));
      req.on('error', () => resolve(true));
      req.on('close', () => resolve(true));
      // Half of it, then nothing more.
      req.write(randomBytes(MiB));
      setTimeout(() => {
        req.destroy();
        resolve(false);
      }, 5_000);
    });
    expect(closed).toBe(true);
    expect(performance.now() - began).toBeLessThan(3_000);
    await waitFor(() => evidenceFiles().length === 0);
    expect(await fileRows()).toEqual([]);
  });
});

describe('file names that read differently from what they are', () => {
  it('show the officer the name without reading controls, and keep the original, escaped, in the record and the manifest (upload)', async () => {
    const target = await start();
    const result = await uploadInTwoHalves(target, RLO_NAME, async () => {});
    expect(result).toMatchObject({ ok: true, value: { files: [{ originalName: 'eviltxt.exe' }] } });
    // The record: the original, the override written out as text.
    expect(await fileRows()).toEqual([{ original_name: 'evil\\u202Etxt.exe' }]);
    const register = await t.ok('officer-window', 'evidence.list', { hearingId: target.hearingId });
    expect(register.items[0]!.files.map((f) => f.originalName)).toEqual(['eviltxt.exe']);
    expect(register.manifest.json).not.toContain('\u202E');
    expect(
      (JSON.parse(register.manifest.json) as { items: { files: { name: string }[] }[] }).items[0]!.files[0]!.name,
    ).toBe('evil\\u202Etxt.exe');
  });

  it('do the same for a file chosen in Electron’s dialog', async () => {
    const target = await start();
    const folder = tempDir('hd-chosen-');
    const file = path.join(folder, `\u2066photo\u2069\u200F\u061C${RLO_NAME}`);
    fs.writeFileSync(file, randomBytes(1024));
    chosen = [file];
    const { files } = await t.ok('officer-window', 'evidence.importFiles', target);
    expect(files.map((f) => f.originalName)).toEqual(['photoeviltxt.exe']);
    expect(await fileRows()).toEqual([{ original_name: '\\u2066photo\\u2069\\u200F\\u061Cevil\\u202Etxt.exe' }]);
  });

  it('remove every direction control and C0/C1 control from what is shown, and write each out in the record', () => {
    const controls = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
      '\u0000',
      '\u0007',
      '\n',
      '\u001B',
      '\u007F',
      '\u0080',
      '\u0085',
      '\u009B',
      '\u009F',
      '\u2028',
      '\u2029',
    ];
    for (const control of controls) {
      const name = `a${control}b.pdf`;
      const code = control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(cleanFileName(name), code).toBe('ab.pdf');
      expect(recordedFileName(name), code).toBe(`a\\u${code}b.pdf`);
      expect(shownFileName(recordedFileName(name)), code).toBe('ab.pdf');
    }
    // What is not a reading control stays: letters of every script, joiners that shape them, spaces inside.
    for (const name of ['rapport final.pdf', 'تقرير.pdf', 'नमस्ते.txt', 'ی\u200Cها.jpg', 'émile—2026.png']) {
      expect(cleanFileName(name)).toBe(name);
      expect(recordedFileName(name)).toBe(name);
    }
    expect(cleanFileName('\u202E\u202E')).toBe('file');
    expect(recordedFileName('../\u202E')).toBe('\\u202E');
    // A name recorded before names were escaped, with the character itself: shown without it.
    expect(shownFileName(RLO_NAME)).toBe('eviltxt.exe');
    // The recorded name stays within the column's length, never cutting an escape in two.
    const long = recordedFileName(`${'x'.repeat(252)}\u202Eexe`);
    expect(long).toBe('x'.repeat(252));
    expect(recordedFileName('\u202E'.repeat(100)).length).toBeLessThanOrEqual(255);
    expect(recordedFileName('\u202E'.repeat(100))).toMatch(/^(\\u202E)+$/);
  });
});

function get(url: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      })
      .on('error', reject);
  });
}

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
