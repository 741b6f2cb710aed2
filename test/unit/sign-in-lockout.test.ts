import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src-main/browser-host/server';
import { createAccount, defaultUnitId, openTestCore, PEOPLE, tempDir, type TestCore } from '../helpers/temp-core';

/** Fresh sockets for every request, so the guesses really arrive side by side. */
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function post(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function get(url: string) {
  return new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, { agent }, resolve).on('error', reject));
}

const GUESSES = 30;

describe('the lockout under concurrent guesses, over the browser host transport', () => {
  let t: TestCore;
  let host: BrowserHost;
  let invoke: (
    client: string,
    channel: string,
    input: object,
  ) => Promise<{ ok: boolean; error?: { code: string; message: string } }>;

  beforeAll(async () => {
    const rendererDir = tempDir('hd-renderer-');
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    t = await openTestCore();
    await t.ok('admin-window', 'setup.createAdministrator', PEOPLE.admin);
    await createAccount(t, { ...PEOPLE.officer, unitId: await defaultUnitId(t) });
    host = await startBrowserHost({ core: t.core, rendererDir });
    const origin = new URL(host.url).origin;
    const exchange = await get(host.url);
    exchange.resume();
    const cookie = String(exchange.headers['set-cookie']?.[0]).split(';')[0]!;
    invoke = async (client, channel, input) => {
      const reply = await post(
        `${origin}/api/invoke`,
        { cookie, origin, 'content-type': 'application/json', 'x-hearing-desk-client': client },
        JSON.stringify({ channel, input }),
      );
      expect(reply.status).toBe(200);
      return JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: string } };
    };
  });
  afterAll(async () => {
    await host?.close();
    await t?.close();
    agent.destroy();
  });

  it(
    'refuses the right password once the lock is reached, and the account ends locked',
    { timeout: 120_000 },
    async () => {
      const officerId = (
        (await t.sql('SELECT id FROM users WHERE username = ?', [PEOPLE.officer.username]))[0] as {
          id: string;
        }
      ).id;
      const actions = async () =>
        (
          (await t.sql('SELECT action FROM audit_events WHERE user_id = ? ORDER BY seq', [officerId])) as {
            action: string;
          }[]
        ).map((r) => r.action);
      const login = (client: string, password: string) =>
        invoke(client, 'session.login', { username: PEOPLE.officer.username, password });

      // Thirty windows guess at once...
      const guesses = Array.from({ length: GUESSES }, (_, i) => login(`guesser-${i}`, `wrong guess number ${i}`));
      // ...and the right password arrives while they are being checked (once the first is counted,
      // every guess has reached main: each check takes a third of a second).
      while (!(await actions()).includes('login.failed')) await new Promise((resolve) => setTimeout(resolve, 10));
      const right = login('owner', PEOPLE.officer.password);
      const answers = await Promise.all([...guesses, right]);

      // The right password came after the lock: it does not sign in.
      expect(answers.at(-1)).toMatchObject({ ok: false });
      expect((await invoke('owner', 'session.current', {})) as unknown).toMatchObject({
        ok: true,
        value: { user: null },
      });
      // And one answer for all: nothing tells the guessers they locked it.
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0]).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });

      const max = t.core.config.lockout.maxFailedAttempts;
      const account = (await t.sql('SELECT locked_until AS lockedUntil FROM users WHERE id = ?', [officerId]))[0] as {
        lockedUntil: number | null;
      };
      expect(account.lockedUntil).toBe(t.clock.now + t.core.config.lockout.lockMinutes * 60_000);
      // Exactly the allowed number of checks, then the lock, then refusals only.
      expect(await actions()).toEqual([
        ...Array.from({ length: max }, () => 'login.failed'),
        'account.locked',
        ...Array.from({ length: GUESSES + 1 - max }, () => 'login.refused'),
      ]);
    },
  );
});
