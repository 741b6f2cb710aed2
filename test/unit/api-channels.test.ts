import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineChannel, defineDomain, PUBLIC, unlocked } from '../../src-main/api/channel';
import { CHANNEL_NAMES } from '../../src-main/api/channels';
import { API_CHANNELS } from '../../src-main/api/domains';
import { empty } from '../../src-main/api/schemas';
import { CHANNEL_NAMES_FILE, channelNamesSource } from '../../src-main/api/write-channel-names';
import { openTestCore, PEOPLE, ROOT, type TestCore } from '../helpers/temp-core';

/**
 * A channel is declared once, in its domain's module: a domain declared here, with a handler on
 * an existing service method, is routed, checked and validated by the real dispatcher with
 * nothing else written anywhere.
 */
const notesChannels = defineDomain('notes', {
  'notes.whoAmI': defineChannel({
    input: z.object({ shout: z.boolean() }).strict(),
    output: z.object({ name: z.string() }),
    access: unlocked(['administrator']),
    // The user is a UserView here (no cast): the access rule guarantees one.
    handler: async (input, { user, deps }) => {
      const name = (await deps.users.getActiveUser(user.id))!.displayName;
      return { name: input.shout ? name.toUpperCase() : name };
    },
  }),
  'notes.greeting': defineChannel({
    input: empty,
    output: z.object({ text: z.string() }),
    access: PUBLIC,
    // Public: no caller is resolved (null); the window's session says who, if anyone, is signed in.
    handler: async (_input, { user, session }) => {
      const signedIn = user ?? (await session.view()).user;
      return { text: signedIn ? `Hello, ${signedIn.displayName}` : 'Hello, stranger' };
    },
  }),
  'notes.officersOnly': defineChannel({
    input: empty,
    output: z.object({ ok: z.boolean() }),
    access: unlocked(['officer']),
    handler: () => ({ ok: true }),
  }),
  'notes.broken': defineChannel({
    input: empty,
    output: z.object({ ok: z.boolean() }),
    access: PUBLIC,
    // What the type check refuses (OutputsChecked), let through to show the run-time check.
    handler: () => ({ ok: 'yes' }) as unknown as { ok: boolean },
  }),
});

let t: TestCore | undefined;
afterEach(() => t?.close());

describe('channels declared by domain', () => {
  it('routes a channel declared in a test through the real dispatcher, with its access rule and schemas', async () => {
    t = await openTestCore({ channels: { ...API_CHANNELS, ...notesChannels } });
    const { dispatcher } = t.core;
    expect(await dispatcher.dispatch('w', 'notes.greeting', {})).toEqual({
      ok: true,
      value: { text: 'Hello, stranger' },
    });
    expect(await dispatcher.dispatch('w', 'notes.whoAmI', { shout: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await dispatcher.call('w', 'setup.createAdministrator', PEOPLE.admin);
    expect(await dispatcher.dispatch('w', 'notes.whoAmI', { shout: true })).toEqual({
      ok: true,
      value: { name: PEOPLE.admin.displayName.toUpperCase() },
    });
    expect(await dispatcher.dispatch('w', 'notes.greeting', {})).toEqual({
      ok: true,
      value: { text: `Hello, ${PEOPLE.admin.displayName}` },
    });
    expect(await dispatcher.dispatch('w', 'notes.whoAmI', { shout: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: ['shout'] },
    });
    // Refused by role, and on record with the channel's name.
    expect(await dispatcher.dispatch('w', 'notes.officersOnly', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await t.sql("SELECT details_json AS details FROM audit_events WHERE action = 'access.refused'")).toEqual([
      { details: expect.stringContaining('notes.officersOnly') },
    ]);
    // An answer its output schema does not describe never leaves main.
    expect(await dispatcher.dispatch('w', 'notes.broken', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    // Locked: the declared rule applies as to any channel.
    await dispatcher.call('w', 'session.lock', {});
    expect(await dispatcher.dispatch('w', 'notes.whoAmI', { shout: false })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
  });

  it('names each channel after its domain', () => {
    expect(() =>
      defineDomain('notes', {
        'hearings.sneaky': defineChannel({ input: empty, output: empty, access: PUBLIC, handler: () => ({}) }),
      }),
    ).toThrow(/not in the domain notes/);
  });

  it('keeps the preload allow-list written from the declarations', () => {
    // Fails after a channel is added, renamed or removed: run `npx tsx src-main/api/write-channel-names.ts`.
    expect(fs.readFileSync(CHANNEL_NAMES_FILE, 'utf8')).toBe(channelNamesSource());
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(API_CHANNELS).sort());
  });

  it('lists channel names nowhere but in the domain modules and the written allow-list', () => {
    // The plumbing every channel passes through: none of it may need an edit for a new channel.
    const plumbing = [
      'src-main/api/app-error.ts',
      'src-main/api/channel.ts',
      'src-main/api/channels.ts',
      'src-main/api/contract.ts',
      'src-main/api/dispatcher.ts',
      'src-main/api/payload-limits.ts',
      'src-main/api/schemas.ts',
      'src-main/api/write-channel-names.ts',
      'src-main/app-core.ts',
      'src-main/browser-host/server.ts',
      'src-main/electron/bridge.ts',
      'src-main/electron/ipc-handler.ts',
      'src-main/electron/preload.ts',
      'src-renderer/api/client.ts',
    ];
    // The browser host's evidence upload is a named route of its own (dispatcher.importFile).
    const allowed: Record<string, string[]> = {
      'src-main/api/dispatcher.ts': ['evidence.importFiles'],
      'src-renderer/api/client.ts': ['evidence.importFiles'],
    };
    const found = plumbing.flatMap((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      return Object.keys(API_CHANNELS)
        .filter((name) => text.includes(`'${name}'`) && !allowed[file]?.includes(name))
        .map((name) => `${file}: ${name}`);
    });
    expect(found).toEqual([]);
    // Every domain module is loaded through the one index.
    const index = fs.readFileSync(path.join(ROOT, 'src-main/api/domains/index.ts'), 'utf8');
    const modules = fs.readdirSync(path.join(ROOT, 'src-main/api/domains')).filter((f) => f !== 'index.ts');
    for (const file of modules) expect(index, file).toContain(`from './${file.replace(/\.ts$/, '')}'`);
  });
});
