import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-main/api/channels';
import { contract, type Channel } from '../../src-main/api/contract';
import { openTestCore, PEOPLE, seedAccounts, snapshotTables, type TestCore } from '../helpers/temp-core';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(() => t.close());

async function errorOf(client: string, channel: unknown, input: unknown) {
  const result = await t.core.dispatcher.dispatch(client, channel, input);
  if (result.ok) throw new Error(`${String(channel)} unexpectedly succeeded`);
  return result.error;
}

/** Payloads no channel accepts: wrong shapes, extra keys, hostile values. */
const MALFORMED: unknown[] = [
  'a string',
  42,
  [],
  { unexpected: true },
  { __proto__: { polluted: true }, hearingId: 'not-a-uuid' },
  { hearingId: '../../etc/passwd', username: 7, password: null, changes: 'DROP TABLE answers' },
];

describe('the API contract', () => {
  it('defines exactly the channels the preload allows', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('rejects a malformed payload on every channel with a typed error and writes nothing', async () => {
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    const before = await snapshotTables(t);
    for (const channel of CHANNEL_NAMES) {
      for (const payload of MALFORMED) {
        // Channels without input accept `{}` only; everything else must be refused.
        const error = await errorOf('officer-window', channel, payload);
        expect(error.code, `${channel} with ${JSON.stringify(payload)}`).toBe('VALIDATION');
        expect(error.message.length).toBeGreaterThan(0);
      }
    }
    expect(await snapshotTables(t)).toEqual(before);
    // The officer's session survived all of it.
    expect((await t.ok('officer-window', 'hearings.load', { hearingId: hearing.id })).hearing.id).toBe(hearing.id);
  });

  it('refuses unknown channels', async () => {
    for (const channel of ['hearings.delete', '__proto__', 'constructor', 42, null]) {
      expect((await errorOf('w', channel, {})).code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('checks answers against the form definition, all or nothing', async () => {
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    const before = await snapshotTables(t);
    const save = (changes: { fieldId: string; value: string | null; baseRevision: number }[]) =>
      errorOf('officer-window', 'hearings.saveAnswers', { hearingId: hearing.id, formId: 'setup', changes });
    expect(
      (
        await save([
          { fieldId: 'procedureLanguage', value: 'fr', baseRevision: 0 },
          { fieldId: 'procedureLanguage', value: 'nl', baseRevision: 0 },
        ])
      ).code,
    ).toBe('UNKNOWN_FIELD');
    expect(
      (
        await save([
          { fieldId: 'procedureLanguage', value: 'fr', baseRevision: 0 },
          { fieldId: 'noSuchField', value: 'x', baseRevision: 0 },
        ])
      ).code,
    ).toBe('UNKNOWN_FIELD');
    expect((await save([{ fieldId: 'procedureLanguage', value: 'en', baseRevision: 0 }])).code).toBe('INVALID_ANSWER');
    expect((await save([{ fieldId: 'interpreterReference', value: 'x'.repeat(201), baseRevision: 0 }])).code).toBe(
      'INVALID_ANSWER',
    );
    const otherForm = await errorOf('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'risk',
      changes: [{ fieldId: 'a', value: 'x', baseRevision: 0 }],
    });
    expect(otherForm.code).toBe('UNKNOWN_FIELD');
    expect(await snapshotTables(t)).toEqual(before);
  });

  it('saves answers with revisions, returns them exactly as typed, and rejects a stale revision', async () => {
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    const typed =
      'Elle veut rester chez sa sœur ; « pas de contact » — 0800 30 030.\nDeuxième ligne  avec deux espaces.';
    const first = await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'setup',
      changes: [
        { fieldId: 'victimWishes', value: typed, baseRevision: 0 },
        { fieldId: 'procedureLanguage', value: 'nl', baseRevision: 0 },
      ],
    });
    expect(first.revisions).toEqual([
      { fieldId: 'victimWishes', revision: 1 },
      { fieldId: 'procedureLanguage', revision: 1 },
    ]);
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'setup',
      changes: [{ fieldId: 'procedureLanguage', value: 'de', baseRevision: 1 }],
    });

    const before = await snapshotTables(t);
    // A second window still holding revision 1 must not overwrite revision 2.
    const stale = await errorOf('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'setup',
      changes: [
        { fieldId: 'procedureLanguage', value: 'fr', baseRevision: 1 },
        { fieldId: 'victimWishes', value: 'other', baseRevision: 1 },
      ],
    });
    expect(stale).toMatchObject({ code: 'STALE_REVISION', fields: ['procedureLanguage'] });
    expect(await snapshotTables(t)).toEqual(before);

    const loaded = await t.ok('officer-window', 'hearings.load', { hearingId: hearing.id });
    const byField = Object.fromEntries(loaded.answers.map((a) => [a.fieldId, a]));
    expect(byField.victimWishes).toMatchObject({ value: typed, revision: 1, formId: 'setup', formVersion: 1 });
    expect(byField.procedureLanguage).toMatchObject({ value: 'de', revision: 2 });
  });

  it('locks an account after repeated failed logins, even for the right password, until the delay passes', async () => {
    await t.close();
    t = await openTestCore({ config: { lockout: { maxFailedAttempts: 3, lockMinutes: 15 } } });
    await seedAccounts(t);
    const login = (password: string) =>
      t.core.dispatcher.call('kiosk', 'session.login', { username: PEOPLE.officer.username, password });
    for (let i = 0; i < 2; i++)
      expect(await login('wrong password')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    // One answer, locked or not: a guesser does not learn that she locked the account.
    expect(await login('wrong password')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await login(PEOPLE.officer.password)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    t.clock.now += 14 * 60_000;
    expect(await login(PEOPLE.officer.password)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    t.clock.now += 2 * 60_000;
    expect(await login(PEOPLE.officer.password)).toMatchObject({ ok: true });
    const audit = (
      (await t.sql("SELECT action FROM audit_events WHERE action LIKE 'login.%' OR action = 'account.locked'")) as {
        action: string;
      }[]
    ).map((r) => r.action);
    expect(audit).toEqual([
      'login.succeeded',
      'login.failed',
      'login.failed',
      'login.failed',
      'account.locked',
      'login.refused',
      'login.refused',
      'login.succeeded',
    ]);
    // Unknown accounts get the same answer as wrong passwords.
    expect(
      await t.core.dispatcher.call('kiosk', 'session.login', { username: 'nobody.here', password: 'whatever it is' }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('lets an officer reach only her own hearings', async () => {
    await seedAccounts(t, true);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'setup',
      changes: [{ fieldId: 'victimWishes', value: 'secret wish', baseRevision: 0 }],
    });
    const before = (await snapshotTables(t)).answers;
    expect((await errorOf('other-window', 'hearings.load', { hearingId: hearing.id })).code).toBe('FORBIDDEN');
    expect(
      (
        await errorOf('other-window', 'hearings.saveAnswers', {
          hearingId: hearing.id,
          formId: 'setup',
          changes: [{ fieldId: 'victimWishes', value: 'overwritten', baseRevision: 1 }],
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect(await t.ok('other-window', 'hearings.listMine', {})).toEqual({ open: [], recentlyClosed: [] });
    expect((await snapshotTables(t)).answers).toEqual(before);
    expect((await t.sql("SELECT count(*) AS n FROM audit_events WHERE action = 'hearing.access_denied'"))[0]).toEqual({
      n: 2,
    });
    expect(
      (await errorOf('other-window', 'hearings.load', { hearingId: '00000000-0000-4000-8000-000000000000' })).code,
    ).toBe('NOT_FOUND');
  });

  it('enforces roles and sign-in in main, not only in the UI', async () => {
    await seedAccounts(t);
    expect((await errorOf('admin-window', 'hearings.create', {})).code).toBe('FORBIDDEN');
    expect((await errorOf('admin-window', 'hearings.listMine', {})).code).toBe('FORBIDDEN');
    expect((await errorOf('officer-window', 'users.list', {})).code).toBe('FORBIDDEN');
    expect((await errorOf('officer-window', 'users.create', { ...PEOPLE.otherOfficer })).code).toBe('FORBIDDEN');
    expect((await errorOf('stranger-window', 'hearings.listMine', {})).code).toBe('NOT_SIGNED_IN');
    expect(
      (
        await errorOf('stranger-window', 'setup.createAdministrator', {
          username: 'second.admin',
          displayName: 'X',
          password: 'long enough password',
        })
      ).code,
    ).toBe('ALREADY_SET_UP');
    expect(
      (
        await errorOf('admin-window', 'users.create', {
          ...PEOPLE.otherOfficer,
          username: PEOPLE.officer.username.toUpperCase(),
        })
      ).code,
    ).toBe('USERNAME_TAKEN');
    expect(
      (await errorOf('admin-window', 'users.create', { ...PEOPLE.otherOfficer, password: 'too short' })).code,
    ).toBe('WEAK_PASSWORD');
  });

  it('refuses hearing calls while the screen is locked, until the password is given again', async () => {
    await seedAccounts(t);
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    expect((await t.ok('officer-window', 'session.lock', {})).locked).toBe(true);
    const lockedChannels: Channel[] = ['hearings.load', 'hearings.listMine'];
    for (const channel of lockedChannels) {
      expect(
        (await errorOf('officer-window', channel, channel === 'hearings.load' ? { hearingId: hearing.id } : {})).code,
      ).toBe('SESSION_LOCKED');
    }
    expect((await errorOf('officer-window', 'session.unlock', { password: 'not my password' })).code).toBe(
      'BAD_CREDENTIALS',
    );
    expect((await t.ok('officer-window', 'session.current', {})).locked).toBe(true);
    expect((await t.ok('officer-window', 'session.unlock', { password: PEOPLE.officer.password })).locked).toBe(false);
    expect((await t.ok('officer-window', 'hearings.listMine', {})).open).toHaveLength(1);
  });

  it('locks an idle session in main as a backstop to the screen lock', async () => {
    await seedAccounts(t);
    t.clock.now += 2 * t.core.config.idleLockSeconds * 1000 + 1;
    expect((await errorOf('officer-window', 'hearings.listMine', {})).code).toBe('SESSION_LOCKED');
  });

  it('signs out a window whose account locks while it is locked', async () => {
    await t.close();
    t = await openTestCore({ config: { lockout: { maxFailedAttempts: 3, lockMinutes: 15 } } });
    await seedAccounts(t);
    await t.ok('officer-window', 'session.lock', {});
    for (let i = 0; i < 2; i++) await errorOf('officer-window', 'session.unlock', { password: 'guess' });
    expect((await errorOf('officer-window', 'session.unlock', { password: 'guess' })).code).toBe('BAD_CREDENTIALS');
    expect((await t.ok('officer-window', 'session.current', {})).user).toBeNull();
  });
});
