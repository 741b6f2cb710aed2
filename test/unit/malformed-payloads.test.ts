import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-main/api/channels';
import { contract, ERROR_CODES, type Envelope } from '../../src-main/api/contract';
import { startBrowserHost, type BrowserHost } from '../../src-main/browser-host/server';
import {
  createAccount,
  defaultUnitId,
  openTestCore,
  PEOPLE,
  seedAccounts,
  snapshotTables,
  tempDir,
  type TestCore,
} from '../helpers/temp-core';

/**
 * Every channel of the contract, read from the contract itself (a channel added to it is covered
 * without a word here), given malformed input as each role and as a window without a session,
 * through the dispatcher (what Electron's IPC hands over: any structured-clonable value) and
 * through the browser host's real HTTP transport. Each call gets a typed error, nothing is
 * written, no prototype is polluted and every session survives.
 */
const SUPERVISOR = {
  username: 'supervisor.mp',
  displayName: 'Sofie Verzonnen',
  password: 'supervisor passphrase',
  role: 'supervisor' as const,
};
const CLIENTS = {
  officer: 'officer-window',
  supervisor: 'supervisor-window',
  administrator: 'admin-window',
  nobody: 'stranger-window',
} as const;
const CHANNELS = Object.keys(contract) as (keyof typeof contract)[];

function nested(levels: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

const DEEP_ARRAY = nested(100_000, 'x', (inner) => [inner]);
const DEEP_OBJECT = nested(100_000, 1, (inner) => ({ a: inner }));
/** Just over the 32 levels a channel accepts: refused before the schema, not by its stack. */
const JUST_TOO_DEEP = nested(33, 'x', (inner) => [inner]);
const HUGE = 'x'.repeat(5_000_000);
/** JSON.parse makes `__proto__` an own key, as it arrives from the browser host. */
const PROTO_KEYS = () =>
  JSON.parse(
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}',
  ) as unknown;

/**
 * 10,000 levels: as far past the limit as 100,000 for the checks, and past the 2,000 or so at
 * which a schema's own recursion exhausts the stack, with a tenth of the bytes to send.
 */
const ENOUGH_LEVELS = 10_000;
const DEEP_ENOUGH = {
  array: nested(ENOUGH_LEVELS, 'x', (inner) => [inner]),
  object: nested(ENOUGH_LEVELS, 1, (inner) => ({ a: inner })),
};

type KeyPath = (string | number)[];
interface SchemaNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      element?: SchemaNode;
      innerType?: SchemaNode;
      in?: SchemaNode;
      options?: SchemaNode[];
      valueType?: SchemaNode;
    };
  };
}

/**
 * Every place in a channel's input schema a value goes: its keys, their keys, array elements,
 * record values, through optional, default, pipe and union wrappers (answers, which take any
 * JSON, are reached as `changes.0.value`).
 */
function keyPaths(schema: SchemaNode, prefix: KeyPath = []): KeyPath[] {
  if (prefix.length > 6) return [];
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape!).flatMap(([key, inner]) => [
        [...prefix, key],
        ...keyPaths(inner, [...prefix, key]),
      ]);
    case 'array':
      return [[...prefix, 0], ...keyPaths(def.element!, [...prefix, 0])];
    case 'record':
      return [[...prefix, 'someKey'], ...keyPaths(def.valueType!, [...prefix, 'someKey'])];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return keyPaths(def.innerType!, prefix);
    case 'pipe':
      return keyPaths(def.in!, prefix);
    case 'union':
      return def.options!.flatMap((option) => keyPaths(option, prefix));
    default:
      return [];
  }
}

/** The input with only `value` at `path`, and the structure leading to it. */
function placeAt(path: KeyPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [placeAt(rest, value)] : { [head!]: placeAt(rest, value) };
}

/**
 * Malformed whole inputs, then every place of the channel's input (keyPaths) given a hostile
 * value: nested 100,000 levels deep, or ENOUGH_LEVELS (the HTTP test's, to keep its bodies small).
 */
function malformedInputs(
  channel: keyof typeof contract,
  depth: 'full' | 'enough' = 'full',
): { label: string; input: unknown }[] {
  const deep = depth === 'full' ? { array: DEEP_ARRAY, object: DEEP_OBJECT } : DEEP_ENOUGH;
  const paths = [
    ...new Map(keyPaths(contract[channel].input as unknown as SchemaNode).map((p) => [p.join('.'), p])).values(),
  ];
  const whole = [
    { label: 'a string', input: 'a string' },
    { label: 'a number', input: 42 },
    { label: 'true', input: true },
    { label: 'an array', input: [] },
    { label: 'prototype keys', input: PROTO_KEYS() },
    { label: 'an unknown key', input: { unexpected: true } },
    { label: 'a huge string', input: HUGE },
    { label: 'a huge unknown key', input: { [HUGE.slice(0, 100_000)]: HUGE } },
    { label: '100,000 nested arrays', input: DEEP_ARRAY },
    { label: '100,000 nested objects', input: DEEP_OBJECT },
  ];
  const perPlace = paths.flatMap((path) => {
    const at = path.join('.');
    return [
      { label: `${at}: a number`, input: placeAt(path, 12345) },
      { label: `${at}: an object`, input: placeAt(path, { nested: { deeper: [1, 2, 3] } }) },
      { label: `${at}: a huge string`, input: placeAt(path, HUGE) },
      { label: `${at}: prototype keys`, input: placeAt(path, PROTO_KEYS()) },
      { label: `${at}: deeply nested arrays`, input: placeAt(path, deep.array) },
      { label: `${at}: deeply nested objects`, input: placeAt(path, deep.object) },
      { label: `${at}: 33 nested arrays`, input: placeAt(path, JUST_TOO_DEEP) },
    ];
  });
  return [...whole, ...perPlace];
}

/** JSON text for a body; the deep values written out directly (JSON.stringify would exhaust its own stack). */
function jsonText(value: unknown): string {
  const texts = new Map<unknown, string>([
    [DEEP_ARRAY, `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`],
    [DEEP_OBJECT, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    [DEEP_ENOUGH.array, `${'['.repeat(ENOUGH_LEVELS)}"x"${']'.repeat(ENOUGH_LEVELS)}`],
    [DEEP_ENOUGH.object, `${'{"a":'.repeat(ENOUGH_LEVELS)}1${'}'.repeat(ENOUGH_LEVELS)}`],
    [HUGE, JSON.stringify('x'.repeat(450_000))],
  ]);
  const placeholders = new Map<string, string>();
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    const written = texts.get(inner);
    if (written === undefined) return inner;
    const placeholder = `@@${placeholders.size}@@`;
    placeholders.set(`"${placeholder}"`, written);
    return placeholder;
  });
  return text.replace(/"@@\d+@@"/g, (placeholder) => placeholders.get(placeholder)!);
}

async function contentHash(t: TestCore): Promise<string> {
  return createHash('sha256')
    .update(JSON.stringify(await snapshotTables(t)))
    .digest('hex');
}

function expectTyped(envelope: Envelope<unknown>, what: string): void {
  expect(envelope.ok, what).toBe(false);
  if (envelope.ok) return;
  expect(ERROR_CODES, what).toContain(envelope.error.code);
  // A malformed input is the caller's error, never one main did not expect.
  expect(envelope.error.code, `${what}: ${envelope.error.message}`).not.toBe('INTERNAL');
  expect(envelope.error.message.length, what).toBeGreaterThan(0);
}

let t: TestCore;
let before: string;

beforeAll(async () => {
  t = await openTestCore();
  await seedAccounts(t);
  await createAccount(t, { ...SUPERVISOR, unitId: await defaultUnitId(t) });
  await t.ok(CLIENTS.supervisor, 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
  // Something to change: a hearing with an answer and an evidence item.
  const { hearing } = await t.ok(CLIENTS.officer, 'hearings.create', {});
  await t.ok(CLIENTS.officer, 'hearings.saveAnswers', {
    hearingId: hearing.id,
    formId: 'setup',
    changes: [{ fieldId: 'victimWishes', value: 'Rester chez sa sœur (fictif)', baseRevision: 0 }],
  });
  before = await contentHash(t);
});
afterAll(() => t.close());

describe('malformed input on every channel of the contract', () => {
  it('reads the channels from the contract, which defines exactly those the preload allows', () => {
    expect(CHANNELS.length).toBeGreaterThan(40);
    expect([...CHANNELS].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(CHANNELS)(
    '%s: a typed error for each malformed input, as every role and as nobody, through the dispatcher',
    async (channel) => {
      for (const { label, input } of malformedInputs(channel)) {
        for (const [role, client] of Object.entries(CLIENTS)) {
          expectTyped(await t.core.dispatcher.dispatch(client, channel, input), `${channel} ${label} as ${role}`);
        }
      }
      expect(await contentHash(t)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('leaves the database byte for byte as it was, and every session signed in', async () => {
    expect(await contentHash(t)).toBe(before);
    for (const [role, client] of Object.entries(CLIENTS)) {
      const { user } = await t.ok(client, 'session.current', {});
      expect(user?.role ?? 'nobody', role).toBe(role);
    }
  });
});

describe('malformed input on every channel, through the browser host', () => {
  let host: BrowserHost;
  let origin: string;
  let cookie: string;
  const rendererDir = tempDir('hd-renderer-');

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startBrowserHost({ core: t.core, rendererDir });
    origin = new URL(host.url).origin;
    cookie = await new Promise<string>((resolve, reject) =>
      http
        .get(host.url, { agent: false }, (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']?.[0]).split(';')[0]!);
        })
        .on('error', reject),
    );
    // The browser host's tabs are clients of their own: each role signs in on one.
    await t.ok('browser:officer', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    await t.ok('browser:supervisor', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    await t.ok('browser:administrator', 'session.login', {
      username: PEOPLE.admin.username,
      password: PEOPLE.admin.password,
    });
    before = await contentHash(t);
  });
  afterAll(() => host.close());

  function post(tab: string, body: string): Promise<{ status: number; envelope: Envelope<unknown> }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${origin}/api/invoke`,
        {
          method: 'POST',
          agent: false,
          headers: { cookie, origin, 'content-type': 'application/json', 'x-hearing-desk-client': tab },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, envelope: JSON.parse(text) as Envelope<unknown> }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
      );
      req.end(body);
    });
  }

  it.each(CHANNELS)(
    '%s: a typed error for each malformed input as every role and as nobody, never a 500',
    async (channel) => {
      // As JSON text, the prototype keys stay own keys; the huge strings (450,000 characters, more
      // than any field takes) stay under the 1 MiB cap so that they reach the dispatcher (larger
      // bodies get a typed 413: browser-host.test.ts).
      const bodies = malformedInputs(channel, 'enough').map(({ label, input }) => ({
        label,
        body: jsonText({ channel, input }),
      }));
      expect(bodies.every((b) => b.body.length <= 1024 * 1024)).toBe(true);
      for (const { label, body } of bodies) {
        for (const role of ['officer', 'supervisor', 'administrator', 'nobody']) {
          const { status, envelope } = await post(`${role}`, body);
          expect([200, 400], `${channel} ${label} as ${role}`).toContain(status);
          expectTyped(envelope, `${channel} ${label} as ${role}`);
        }
      }
      expect(await contentHash(t)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
