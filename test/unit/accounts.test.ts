import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src-main/api/channels';
import type { Channel, ChannelInput, ErrorCode } from '../../src-main/api/contract';
import { createUserService } from '../../src-main/services/users';
import {
  createAccount,
  createUnit,
  defaultUnitId,
  openTestCore,
  PEOPLE,
  seedAccounts,
  snapshotRecords,
  snapshotTables,
  type TestCore,
  sqlFalse,
  sqlTrue,
} from '../helpers/temp-core';

let t: TestCore;
let unitA: string;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t);
  unitA = await defaultUnitId(t);
});
afterEach(() => t.close());

/** Invented people only. */
const SUPERVISOR = {
  username: 'sup.fictive',
  displayName: 'Noor Verzonnen',
  password: 'supervisor passphrase 1',
  role: 'supervisor' as const,
};
const SECOND_ADMIN = {
  username: 'admin.two',
  displayName: 'Chris Beheer',
  password: 'second admin passphrase',
  role: 'administrator' as const,
};
const TEMPORARY = 'temporary passphrase 42';
const CHOSEN = 'her own chosen passphrase';

async function errorOf(client: string, channel: Channel, input: unknown) {
  const result = await t.core.dispatcher.dispatch(client, channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

const lastAuditSeq = async () => ((await t.sql('SELECT max(seq) AS seq FROM audit_events'))[0] as { seq: number }).seq;
const auditSince = async (seq: number) =>
  (await t.sql(
    'SELECT action, user_id AS userId, details_json AS details FROM audit_events WHERE seq > ? ORDER BY seq',
    [seq],
  )) as { action: string; userId: string; details: string }[];
const userIdOf = async (username: string) =>
  ((await t.sql('SELECT id FROM users WHERE username = ?', [username]))[0] as { id: string } | undefined)?.id ?? null;

/**
 * Every call is refused with its code, and the database is exactly as before, but for the trace
 * of each refusal by role: who, and which channel, never what was sent.
 */
async function expectRefusals(calls: [client: string, channel: Channel, input: unknown, code: ErrorCode][]) {
  const before = await snapshotRecords(t);
  const since = await lastAuditSeq();
  const clients = new Map<string, string | null>();
  for (const [client] of calls)
    if (!clients.has(client)) clients.set(client, (await t.ok(client, 'session.current', {})).user?.id ?? null);
  for (const [client, channel, input, code] of calls) {
    expect((await errorOf(client, channel, input)).code, `${channel} ${JSON.stringify(input)}`).toBe(code);
  }
  expect(await snapshotRecords(t)).toEqual(before);
  const traces = calls
    .filter(([, , , code]) => code === 'FORBIDDEN')
    .map(([client, channel]) => ({
      action: 'access.refused',
      userId: clients.get(client),
      details: JSON.stringify({ channel }),
    }));
  expect(await auditSince(since)).toEqual(traces);
}

const officerId = async () =>
  (
    (await t.sql('SELECT id FROM users WHERE username = ?', [PEOPLE.officer.username]))[0] as {
      id: string;
    }
  ).id;
const adminId = async () =>
  (
    (await t.sql('SELECT id FROM users WHERE username = ?', [PEOPLE.admin.username]))[0] as {
      id: string;
    }
  ).id;
const audit = async (prefix: string) =>
  (await t.sql(
    'SELECT action, user_id AS userId, details_json AS details FROM audit_events WHERE action LIKE ? ORDER BY seq',
    [`${prefix}%`],
  )) as {
    action: string;
    userId: string;
    details: string;
  }[];
const allAuditText = async () =>
  ((await t.sql('SELECT details_json AS d FROM audit_events')) as { d: string }[]).map((r) => r.d).join('\n');

describe('units', () => {
  it('are created and renamed by the administrator, trimmed, and audited', async () => {
    const { unit } = await t.ok('admin-window', 'units.save', { name: '  Zone Fictive Nord  ' });
    expect(unit.name).toBe('Zone Fictive Nord');
    const renamed = await t.ok('admin-window', 'units.save', { id: unit.id, name: 'Zone Fictive Nord-Est' });
    expect(renamed.unit).toEqual({ ...unit, name: 'Zone Fictive Nord-Est' });
    // Only the case changes: the same unit may do that.
    await t.ok('admin-window', 'units.save', { id: unit.id, name: 'ZONE FICTIVE NORD-EST' });
    const { units } = await t.ok('admin-window', 'units.list', {});
    expect(units.map((u) => u.name)).toEqual(['Unit A', 'ZONE FICTIVE NORD-EST']);
    expect((await audit('unit.')).map((a) => a.action)).toEqual(['unit.created', 'unit.renamed', 'unit.renamed']);
    const admin = await adminId();
    expect((await audit('unit.')).every((a) => a.userId === admin)).toBe(true);
  });

  it('can be read by every signed-in role, changed only by the administrator', async () => {
    await createAccount(t, { ...SUPERVISOR, unitId: unitA });
    await t.ok('sup-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    expect((await t.ok('officer-window', 'units.list', {})).units.map((u) => u.name)).toEqual(['Unit A']);
    expect((await t.ok('sup-window', 'units.list', {})).units).toHaveLength(1);
    await expectRefusals([
      ['stranger-window', 'units.list', {}, 'NOT_SIGNED_IN'],
      ['officer-window', 'units.save', { name: 'Officer unit' }, 'FORBIDDEN'],
      ['sup-window', 'units.save', { id: unitA, name: 'Renamed by a supervisor' }, 'FORBIDDEN'],
    ]);
  });

  it('refuse a duplicate, empty, too long or unknown unit, and write nothing', async () => {
    const other = await createUnit(t, 'Zone Fictive Sud');
    await expectRefusals([
      ['admin-window', 'units.save', { name: 'Unit A' }, 'UNIT_NAME_TAKEN'],
      ['admin-window', 'units.save', { name: '  unit a ' }, 'UNIT_NAME_TAKEN'],
      ['admin-window', 'units.save', { id: other, name: 'UNIT A' }, 'UNIT_NAME_TAKEN'],
      ['admin-window', 'units.save', { name: '   ' }, 'VALIDATION'],
      ['admin-window', 'units.save', { name: 'x'.repeat(81) }, 'VALIDATION'],
      ['admin-window', 'units.save', { id: '00000000-0000-4000-8000-000000000000', name: 'Nowhere' }, 'NOT_FOUND'],
    ]);
    expect((await errorOf('admin-window', 'units.save', { name: 'Unit A' })).fields).toEqual(['name']);
    expect((await t.ok('admin-window', 'units.save', { name: 'x'.repeat(80) })).unit.name).toHaveLength(80);
  });
});

describe('creating accounts', () => {
  it('puts officers and supervisors in a unit and administrators in none, audited without the password', async () => {
    const { user: supervisor } = await t.ok('admin-window', 'users.create', { ...SUPERVISOR, unitId: unitA });
    // The administrator knows the password she gave: the person chooses her own at her first sign-in.
    expect(supervisor).toMatchObject({ role: 'supervisor', unitId: unitA, active: true, mustChangePassword: true });
    const { user: admin } = await t.ok('admin-window', 'users.create', { ...SECOND_ADMIN, unitId: null });
    expect(admin.unitId).toBeNull();
    const created = (await audit('user.created')).map((a) => JSON.parse(a.details) as Record<string, unknown>);
    expect(created.at(-2)).toEqual({ targetUserId: supervisor.id, role: 'supervisor', unitId: unitA });
    expect(created.at(-1)).toEqual({ targetUserId: admin.id, role: 'administrator', unitId: null });
    expect(await allAuditText()).not.toContain(SUPERVISOR.password);
  });

  it('refuses an officer or supervisor without a unit, an administrator with one, and an unknown unit', async () => {
    await expectRefusals([
      ['admin-window', 'users.create', { ...SUPERVISOR }, 'UNIT_REQUIRED'],
      ['admin-window', 'users.create', { ...SUPERVISOR, role: 'officer', unitId: null }, 'UNIT_REQUIRED'],
      ['admin-window', 'users.create', { ...SECOND_ADMIN, unitId: unitA }, 'UNIT_NOT_ALLOWED'],
      ['admin-window', 'users.create', { ...SUPERVISOR, unitId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      ['admin-window', 'users.create', { ...SUPERVISOR, unitId: 'not-a-uuid' }, 'VALIDATION'],
      ['officer-window', 'users.create', { ...SUPERVISOR, unitId: unitA }, 'FORBIDDEN'],
    ]);
    expect((await errorOf('admin-window', 'users.create', { ...SUPERVISOR })).fields).toEqual(['unitId']);
  });
});

describe('changing accounts', () => {
  it('is for administrators only, checked in main', async () => {
    await createAccount(t, { ...SUPERVISOR, unitId: unitA });
    await t.ok('sup-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password });
    const target = await officerId();
    const calls: [Channel, unknown][] = [
      ['users.list', {}],
      ['users.update', { userId: target, displayName: 'X', role: 'officer', unitId: unitA }],
      ['users.setActive', { userId: target, active: false }],
      ['users.resetPassword', { userId: target, password: TEMPORARY }],
    ];
    await expectRefusals([
      ...calls.map(
        ([channel, input]) => ['officer-window', channel, input, 'FORBIDDEN'] as [string, Channel, unknown, ErrorCode],
      ),
      ...calls.map(
        ([channel, input]) => ['sup-window', channel, input, 'FORBIDDEN'] as [string, Channel, unknown, ErrorCode],
      ),
      ...calls.map(
        ([channel, input]) =>
          ['stranger-window', channel, input, 'NOT_SIGNED_IN'] as [string, Channel, unknown, ErrorCode],
      ),
    ]);
  });

  it('updates the display name, role and unit, audited with what changed', async () => {
    const unitB = await createUnit(t, 'Zone Fictive Sud');
    const { user } = await t.ok('admin-window', 'users.update', {
      userId: await officerId(),
      displayName: 'Inès Fictive-Martin',
      role: 'officer',
      unitId: unitB,
    });
    expect(user).toMatchObject({ displayName: 'Inès Fictive-Martin', role: 'officer', unitId: unitB });
    // A change of name or unit leaves her signed in.
    expect((await t.ok('officer-window', 'session.current', {})).user?.unitId).toBe(unitB);
    expect(JSON.parse((await audit('user.updated'))[0]!.details)).toEqual({
      targetUserId: user.id,
      changed: ['displayName', 'unitId'],
      role: 'officer',
      unitId: unitB,
    });

    const promoted = await t.ok('admin-window', 'users.update', {
      userId: user.id,
      displayName: user.displayName,
      role: 'supervisor',
      unitId: unitB,
    });
    expect(promoted.user.role).toBe('supervisor');
    // Her window was built for an officer: it is signed out.
    expect((await errorOf('officer-window', 'hearings.listMine', {})).code).toBe('NOT_SIGNED_IN');

    // Nothing changed: nothing audited.
    const count = (await audit('user.updated')).length;
    await t.ok('admin-window', 'users.update', {
      userId: user.id,
      displayName: user.displayName,
      role: 'supervisor',
      unitId: unitB,
    });
    expect(await audit('user.updated')).toHaveLength(count);
  });

  it('refuses a role without its unit rule, her own role change and unknown accounts, writing nothing', async () => {
    const target = await officerId();
    await expectRefusals([
      [
        'admin-window',
        'users.update',
        { userId: target, displayName: 'X', role: 'officer', unitId: null },
        'UNIT_REQUIRED',
      ],
      [
        'admin-window',
        'users.update',
        { userId: target, displayName: 'X', role: 'administrator', unitId: unitA },
        'UNIT_NOT_ALLOWED',
      ],
      [
        'admin-window',
        'users.update',
        { userId: await adminId(), displayName: 'X', role: 'officer', unitId: unitA },
        'CANNOT_CHANGE_OWN_ACCESS',
      ],
      [
        'admin-window',
        'users.update',
        { userId: '00000000-0000-4000-8000-000000000000', displayName: 'X', role: 'officer', unitId: unitA },
        'NOT_FOUND',
      ],
      [
        'admin-window',
        'users.update',
        { userId: target, displayName: '  ', role: 'officer', unitId: unitA },
        'VALIDATION',
      ],
      ['admin-window', 'users.update', { userId: target, displayName: 'X', role: 'officer' }, 'VALIDATION'],
    ]);
    // Her own display name is hers to correct.
    expect(
      (
        await t.ok('admin-window', 'users.update', {
          userId: await adminId(),
          displayName: 'Alex Admin-Test',
          role: 'administrator',
          unitId: null,
        })
      ).user.displayName,
    ).toBe('Alex Admin-Test');
  });
});

describe('service numbers', () => {
  const serviceNumberOf = async (userId: string) =>
    (
      (await t.sql('SELECT service_number AS s FROM users WHERE id = ?', [userId]))[0] as {
        s: string | null;
      }
    ).s;

  it('are stored trimmed on creation and change, returned in every view, and cleared by an empty value', async () => {
    const { user } = await t.ok('admin-window', 'users.create', {
      ...SUPERVISOR,
      unitId: unitA,
      serviceNumber: '  BE 1234/56.7-A  ',
    });
    expect(user.serviceNumber).toBe('BE 1234/56.7-A');
    expect(await serviceNumberOf(user.id)).toBe('BE 1234/56.7-A');
    // Without one: null, not an empty string.
    const { user: admin } = await t.ok('admin-window', 'users.create', { ...SECOND_ADMIN, unitId: null });
    expect(admin.serviceNumber).toBeNull();

    // Letters of any script and exactly 40 characters are accepted.
    const longest = `Ü${'7'.repeat(39)}`;
    const changed = await t.ok('admin-window', 'users.update', {
      userId: user.id,
      displayName: user.displayName,
      role: 'supervisor',
      unitId: unitA,
      serviceNumber: longest,
    });
    expect(changed.user).toMatchObject({
      displayName: SUPERVISOR.displayName,
      role: 'supervisor',
      unitId: unitA,
      serviceNumber: longest,
    });
    expect(await serviceNumberOf(user.id)).toBe(longest);
    expect((await t.ok('admin-window', 'users.list', {})).users.find((u) => u.id === user.id)?.serviceNumber).toBe(
      longest,
    );
    expect(JSON.parse((await audit('user.updated')).at(-1)!.details)).toEqual({
      targetUserId: user.id,
      changed: ['serviceNumber'],
      role: 'supervisor',
      unitId: unitA,
    });

    // The officer's own session sees hers.
    await t.ok('admin-window', 'users.update', {
      userId: await officerId(),
      displayName: PEOPLE.officer.displayName,
      role: 'officer',
      unitId: unitA,
      serviceNumber: '4711',
    });
    expect((await t.ok('officer-window', 'session.current', {})).user?.serviceNumber).toBe('4711');

    const cleared = await t.ok('admin-window', 'users.update', {
      userId: user.id,
      displayName: user.displayName,
      role: 'supervisor',
      unitId: unitA,
      serviceNumber: '   ',
    });
    expect(cleared.user.serviceNumber).toBeNull();
    expect(await serviceNumberOf(user.id)).toBeNull();
  });

  it('refuse an invalid service number with VALIDATION, on creation and change, writing nothing', async () => {
    const target = await officerId();
    await t.ok('admin-window', 'users.update', {
      userId: target,
      displayName: PEOPLE.officer.displayName,
      role: 'officer',
      unitId: unitA,
      serviceNumber: 'BE-4711',
    });
    const change = (serviceNumber: unknown) => ({
      userId: target,
      displayName: 'Renamed Meanwhile',
      role: 'officer',
      unitId: unitA,
      serviceNumber,
    });
    await expectRefusals([
      ['admin-window', 'users.create', { ...SUPERVISOR, unitId: unitA, serviceNumber: '<b>' }, 'VALIDATION'],
      ['admin-window', 'users.create', { ...SUPERVISOR, unitId: unitA, serviceNumber: '7'.repeat(41) }, 'VALIDATION'],
      ['admin-window', 'users.update', change('<b>'), 'VALIDATION'],
      ['admin-window', 'users.update', change('4711_A'), 'VALIDATION'],
      ['admin-window', 'users.update', change('47\n11'), 'VALIDATION'],
      ['admin-window', 'users.update', change('7'.repeat(41)), 'VALIDATION'],
      ['admin-window', 'users.update', change(4711), 'VALIDATION'],
      ['officer-window', 'users.update', change('4712'), 'FORBIDDEN'],
    ]);
    expect((await errorOf('admin-window', 'users.update', change('<b>'))).fields).toEqual(['serviceNumber']);
    expect(await serviceNumberOf(target)).toBe('BE-4711');
    expect((await t.ok('admin-window', 'users.list', {})).users.map((u) => u.username)).not.toContain(
      SUPERVISOR.username,
    );
  });
});

describe('deactivating accounts', () => {
  it('ends her open sessions at once, refuses her sign-in, and can be undone', async () => {
    const { user } = await t.ok('admin-window', 'users.setActive', { userId: await officerId(), active: false });
    expect(user.active).toBe(false);
    expect((await errorOf('officer-window', 'hearings.listMine', {})).code).toBe('NOT_SIGNED_IN');
    expect((await t.ok('officer-window', 'session.current', {})).user).toBeNull();
    // The answer of a wrong password: it does not tell a guesser that the account exists.
    expect(
      (
        await errorOf('officer-window', 'session.login', {
          username: PEOPLE.officer.username,
          password: PEOPLE.officer.password,
        })
      ).code,
    ).toBe('BAD_CREDENTIALS');
    expect((await t.ok('admin-window', 'users.list', {})).users.find((u) => u.id === user.id)?.active).toBe(false);

    await t.ok('admin-window', 'users.setActive', { userId: user.id, active: true });
    await t.ok('officer-window', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    expect((await t.ok('officer-window', 'hearings.listMine', {})).open).toEqual([]);
    expect((await audit('user.')).map((a) => a.action)).toEqual([
      'user.created',
      'user.deactivated',
      'user.reactivated',
    ]);
  });

  it('also ends a session whose window main did not hear from (the dispatcher re-reads the account each call)', async () => {
    // Deactivated behind the dispatcher's back, as another process or a restore could do.
    await t.sql(`UPDATE users SET active = ${sqlFalse(t)} WHERE id = ?`, [await officerId()]);
    expect((await errorOf('officer-window', 'directory.list', {})).code).toBe('NOT_SIGNED_IN');
    expect((await t.ok('officer-window', 'session.current', {})).user).toBeNull();
  });

  it('refuses her own account and the last active administrator, writing nothing', async () => {
    await expectRefusals([
      ['admin-window', 'users.setActive', { userId: await adminId(), active: false }, 'CANNOT_CHANGE_OWN_ACCESS'],
      [
        'admin-window',
        'users.setActive',
        { userId: '00000000-0000-4000-8000-000000000000', active: false },
        'NOT_FOUND',
      ],
    ]);
    // Through the API an administrator always acts on someone else, so there is another active
    // administrator; the service refuses on its own all the same.
    const service = createUserService({ store: t.core.store, config: t.core.config, now: () => t.clock.now });
    const before = await snapshotTables(t);
    const officer = (await service.getActiveUser(await officerId()))!;
    await expect(service.setActive(officer, await adminId(), false)).rejects.toThrow(
      expect.objectContaining({ code: 'LAST_ADMINISTRATOR' }),
    );
    await expect(
      service.updateUser(officer, await adminId(), {
        displayName: 'X',
        role: 'officer',
        unitId: unitA,
        serviceNumber: null,
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'LAST_ADMINISTRATOR' }));
    expect(await snapshotTables(t)).toEqual(before);

    // With a second administrator, either may deactivate the other, and the survivor is protected.
    const second = await createAccount(t, { ...SECOND_ADMIN });
    await t.ok('admin2-window', 'session.login', { username: SECOND_ADMIN.username, password: SECOND_ADMIN.password });
    await t.ok('admin2-window', 'users.setActive', { userId: await adminId(), active: false });
    expect((await errorOf('admin-window', 'users.list', {})).code).toBe('NOT_SIGNED_IN');
    await expect(service.setActive(officer, second.id, false)).rejects.toThrow(
      expect.objectContaining({ code: 'LAST_ADMINISTRATOR' }),
    );
    await expectRefusals([
      ['admin2-window', 'users.setActive', { userId: second.id, active: false }, 'CANNOT_CHANGE_OWN_ACCESS'],
    ]);
  });
});

describe('password reset and the forced change', () => {
  it('sets a temporary password that lifts a lockout, ends her sessions, and opens nothing but the change', async () => {
    await t.close();
    t = await openTestCore({ config: { lockout: { maxFailedAttempts: 3, lockMinutes: 15 } } });
    await seedAccounts(t);
    for (let i = 0; i < 3; i++)
      await errorOf('kiosk', 'session.login', { username: PEOPLE.officer.username, password: 'wrong guess' });
    expect(
      (
        await errorOf('kiosk', 'session.login', {
          username: PEOPLE.officer.username,
          password: PEOPLE.officer.password,
        })
      ).code,
    ).toBe('BAD_CREDENTIALS');

    const { user } = await t.ok('admin-window', 'users.resetPassword', {
      userId: await officerId(),
      password: TEMPORARY,
    });
    expect(user.mustChangePassword).toBe(true);
    // Her window that was open when the password was reset is signed out.
    expect((await errorOf('officer-window', 'hearings.listMine', {})).code).toBe('NOT_SIGNED_IN');
    expect(
      (
        await errorOf('kiosk', 'session.login', {
          username: PEOPLE.officer.username,
          password: PEOPLE.officer.password,
        })
      ).code,
    ).toBe('BAD_CREDENTIALS');

    const session = await t.ok('kiosk', 'session.login', { username: PEOPLE.officer.username, password: TEMPORARY });
    expect(session.user?.mustChangePassword).toBe(true);
    const before = await snapshotTables(t);
    const blocked: [Channel, unknown][] = [
      ['hearings.listMine', {}],
      ['hearings.create', {}],
      ['directory.list', {}],
      ['units.list', {}],
    ];
    for (const [channel, input] of blocked)
      expect((await errorOf('kiosk', channel, input)).code, channel).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await snapshotTables(t)).toEqual(before);
    // What she may still do: see her session, lock and unlock, sign out (below), change the password.
    expect((await t.ok('kiosk', 'session.current', {})).user?.id).toBe(user.id);
    expect((await t.ok('kiosk', 'session.lock', {})).locked).toBe(true);
    expect(
      (await errorOf('kiosk', 'session.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN })).code,
    ).toBe('SESSION_LOCKED');
    expect((await t.ok('kiosk', 'session.unlock', { password: TEMPORARY })).locked).toBe(false);

    const beforeChange = await snapshotTables(t);
    expect(
      (await errorOf('kiosk', 'session.changePassword', { currentPassword: TEMPORARY, newPassword: 'short' })).code,
    ).toBe('WEAK_PASSWORD');
    expect(
      (await errorOf('kiosk', 'session.changePassword', { currentPassword: TEMPORARY, newPassword: TEMPORARY })).code,
    ).toBe('PASSWORD_UNCHANGED');
    expect(await snapshotTables(t)).toEqual(beforeChange);
    expect(
      (
        await errorOf('kiosk', 'session.changePassword', {
          currentPassword: 'not the temporary one',
          newPassword: CHOSEN,
        })
      ).code,
    ).toBe('BAD_CREDENTIALS');

    const changed = await t.ok('kiosk', 'session.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });
    expect(changed.user?.mustChangePassword).toBe(false);
    expect((await t.ok('kiosk', 'hearings.listMine', {})).open).toEqual([]);
    await t.ok('kiosk', 'session.logout', {});
    expect(
      (await errorOf('kiosk', 'session.login', { username: PEOPLE.officer.username, password: TEMPORARY })).code,
    ).toBe('BAD_CREDENTIALS');
    await t.ok('kiosk', 'session.login', { username: PEOPLE.officer.username, password: CHOSEN });

    expect(await audit('user.password_reset')).toHaveLength(1);
    expect(JSON.parse((await audit('password.changed'))[0]!.details)).toEqual({ forced: true });
    expect(await audit('password_change.failed')).toHaveLength(1);
    const trail = await allAuditText();
    for (const secret of [TEMPORARY, CHOSEN, PEOPLE.officer.password]) expect(trail).not.toContain(secret);
  });

  it('refuses a weak temporary password or an unknown account, writing nothing', async () => {
    await expectRefusals([
      ['admin-window', 'users.resetPassword', { userId: await officerId(), password: 'too short' }, 'WEAK_PASSWORD'],
      [
        'admin-window',
        'users.resetPassword',
        { userId: '00000000-0000-4000-8000-000000000000', password: TEMPORARY },
        'NOT_FOUND',
      ],
      ['admin-window', 'users.resetPassword', { userId: await officerId(), password: '' }, 'VALIDATION'],
    ]);
    // Her session was not touched by the refused reset.
    expect((await t.ok('officer-window', 'hearings.listMine', {})).open).toEqual([]);
  });

  it('lets anyone change her own password from the top bar, and signs out a window that keeps guessing', async () => {
    await t.close();
    t = await openTestCore({ config: { lockout: { maxFailedAttempts: 3, lockMinutes: 15 } } });
    await seedAccounts(t);
    const changed = await t.ok('admin-window', 'session.changePassword', {
      currentPassword: PEOPLE.admin.password,
      newPassword: 'the admin has a new one',
    });
    expect(changed.user?.mustChangePassword).toBe(false);
    expect(JSON.parse((await audit('password.changed'))[0]!.details)).toEqual({ forced: false });

    for (let i = 0; i < 2; i++) {
      expect(
        (await errorOf('officer-window', 'session.changePassword', { currentPassword: 'a guess', newPassword: CHOSEN }))
          .code,
      ).toBe('BAD_CREDENTIALS');
    }
    expect(
      (await errorOf('officer-window', 'session.changePassword', { currentPassword: 'a guess', newPassword: CHOSEN }))
        .code,
    ).toBe('BAD_CREDENTIALS');
    expect((await t.ok('officer-window', 'session.current', {})).user).toBeNull();
  });
});

describe('the roles rule', () => {
  it('keeps administrators away from every hearings channel', async () => {
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    // Valid input for each channel, so the refusal comes from the role and not from validation.
    // Typed over every hearings.* channel: a new one does not compile until it is added here.
    const inputs: { [C in Extract<Channel, `hearings.${string}`>]: ChannelInput<C> } = {
      'hearings.create': {},
      'hearings.listMine': {},
      'hearings.load': { hearingId: hearing.id },
      'hearings.saveAnswers': {
        hearingId: hearing.id,
        formId: 'setup',
        changes: [{ fieldId: 'victimWishes', value: 'an administrator wrote this', baseRevision: 0 }],
      },
      'hearings.approveStatement': { hearingId: hearing.id, textRevision: 1 },
      'hearings.addAddendum': { hearingId: hearing.id, text: 'an administrator wrote this' },
      'hearings.close': { hearingId: hearing.id },
    };
    const hearingChannels = CHANNEL_NAMES.filter((c) => c.startsWith('hearings.'));
    expect(Object.keys(inputs).sort()).toEqual([...hearingChannels].sort());
    await expectRefusals(
      hearingChannels.map((channel) => ['admin-window', channel, inputs[channel as keyof typeof inputs], 'FORBIDDEN']),
    );
    // A second administrator, fresh, is refused the same way.
    await createAccount(t, { ...SECOND_ADMIN });
    await t.ok('admin2-window', 'session.login', { username: SECOND_ADMIN.username, password: SECOND_ADMIN.password });
    await expectRefusals(
      hearingChannels.map((channel) => ['admin2-window', channel, inputs[channel as keyof typeof inputs], 'FORBIDDEN']),
    );
    // Each refusal is on record (expectRefusals checks who and which channel), what was sent is not.
    expect(await audit('access.refused')).toHaveLength(2 * hearingChannels.length);
    expect(await allAuditText()).not.toContain('an administrator wrote this');
  });

  it('still lets an officer turned administrator reach nothing of the hearings she took', async () => {
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    const { user } = await t.ok('admin-window', 'users.update', {
      userId: await officerId(),
      displayName: PEOPLE.officer.displayName,
      role: 'administrator',
      unitId: null,
    });
    expect(user.role).toBe('administrator');
    await t.ok('new-admin-window', 'session.login', {
      username: PEOPLE.officer.username,
      password: PEOPLE.officer.password,
    });
    expect((await errorOf('new-admin-window', 'hearings.load', { hearingId: hearing.id })).code).toBe('FORBIDDEN');
    expect((await errorOf('new-admin-window', 'hearings.listMine', {})).code).toBe('FORBIDDEN');
  });
});

describe('the first sign-in', () => {
  it('makes an account the administrator created choose its own password before anything else, checked in main', async () => {
    // The first administrator chose her own password.
    expect((await t.ok('admin-window', 'session.current', {})).user?.mustChangePassword).toBe(false);
    const { user } = await t.ok('admin-window', 'users.create', { ...SUPERVISOR, unitId: unitA });
    expect(user.mustChangePassword).toBe(true);
    const [stored] = await t.sql<{ m: number | boolean }>('SELECT must_change_password AS m FROM users WHERE id = ?', [
      user.id,
    ]);
    expect(Boolean(stored!.m)).toBe(true);

    const session = await t.ok('sup-window', 'session.login', {
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    });
    expect(session.user?.mustChangePassword).toBe(true);
    const before = await snapshotTables(t);
    for (const [channel, input] of [
      ['risk.queue', {}],
      ['hearings.listMine', {}],
      ['units.list', {}],
      ['statistics.export', { from: '2026-01-01', to: '2026-12-31', granularity: 'month' }],
    ] as [Channel, unknown][]) {
      expect((await errorOf('sup-window', channel, input)).code, channel).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect(await snapshotTables(t)).toEqual(before);

    expect(
      (
        await errorOf('sup-window', 'session.changePassword', {
          currentPassword: SUPERVISOR.password,
          newPassword: SUPERVISOR.password,
        })
      ).code,
    ).toBe('PASSWORD_UNCHANGED');
    const changed = await t.ok('sup-window', 'session.changePassword', {
      currentPassword: SUPERVISOR.password,
      newPassword: CHOSEN,
    });
    expect(changed.user?.mustChangePassword).toBe(false);
    expect((await t.ok('sup-window', 'risk.queue', {})).items).toEqual([]);
    expect((await audit('password.changed')).map((a) => [a.userId, JSON.parse(a.details)])).toEqual([
      [user.id, { forced: true }],
    ]);
    // The password the administrator knew opens nothing any more.
    await t.ok('sup-window', 'session.logout', {});
    expect(
      (await errorOf('sup-window', 'session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password }))
        .code,
    ).toBe('BAD_CREDENTIALS');
  });

  it('is asked for by the user service itself, for every account it creates but the first administrator', async () => {
    const service = createUserService({ store: t.core.store, config: t.core.config, now: () => t.clock.now });
    const admin = (await service.getActiveUser(await adminId()))!;
    const created = await service.createUser(admin, { ...SECOND_ADMIN, unitId: null });
    expect(created.mustChangePassword).toBe(true);
    expect((await service.listUsers(admin)).find((u) => u.id === created.id)?.mustChangePassword).toBe(true);
  });
});

describe('signing in', () => {
  const attempt = async (username: string, password: string) => {
    const started = performance.now();
    const result = await t.core.dispatcher.call('kiosk', 'session.login', { username, password });
    if (result.ok) throw new Error(`${username} signed in`);
    return { error: result.error, ms: performance.now() - started };
  };

  it('answers an unknown, a locked and a deactivated account as a wrong password, in about the same time, and records why', async () => {
    await t.close();
    t = await openTestCore({ config: { lockout: { maxFailedAttempts: 3, lockMinutes: 15 } } });
    await seedAccounts(t, true);
    await t.ok('admin-window', 'users.setActive', {
      userId: (await userIdOf(PEOPLE.otherOfficer.username))!,
      active: false,
    });

    const wrong = [
      await attempt(PEOPLE.officer.username, 'a wrong guess'),
      await attempt(PEOPLE.officer.username, 'another guess'),
    ];
    const unknown = await attempt('nobody.here', PEOPLE.officer.password);
    const deactivated = await attempt(PEOPLE.otherOfficer.username, PEOPLE.otherOfficer.password);
    await attempt(PEOPLE.officer.username, 'the third guess locks');
    const locked = await attempt(PEOPLE.officer.username, PEOPLE.officer.password);

    const answers = [...wrong, unknown, deactivated, locked].map((a) => a.error);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.code).toBe('BAD_CREDENTIALS');
    // Each refusal costs one password hash, as a wrong password does (a refusal without it
    // would answer in a millisecond and tell the account apart).
    const floor = 0.4 * Math.min(...wrong.map((a) => a.ms));
    for (const [name, { ms }] of Object.entries({ unknown, deactivated, locked }))
      expect(ms, name).toBeGreaterThan(floor);

    const refusals = (await audit('login.refused')).map((a) => [a.userId, JSON.parse(a.details)]);
    expect(refusals).toEqual([
      [await userIdOf(PEOPLE.otherOfficer.username), { reason: 'inactive' }],
      [await officerId(), { reason: 'locked' }],
    ]);
  });

  it('never lets a success lift a lock, a deactivation or a new password set while its password was being checked', async () => {
    const service = createUserService({ store: t.core.store, config: t.core.config, now: () => t.clock.now });
    const officer = await officerId();
    const row = async () =>
      (
        await t.sql<{ lockedUntil: number | null; active: number | boolean; hash: string }>(
          'SELECT locked_until AS lockedUntil, active, password_hash AS hash FROM users WHERE id = ?',
          [officer],
        )
      )[0]!;
    const original = await row();
    // The change lands while the right password is being hashed (a third of a second).
    const whileChecking = async (change: () => Promise<unknown>) => {
      const signingIn = service.authenticate(PEOPLE.officer.username, PEOPLE.officer.password, 'login');
      await new Promise((resolve) => setTimeout(resolve, 40));
      await change();
      await expect(signingIn).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    };

    const lockedUntil = t.clock.now + 10 * 60_000;
    await whileChecking(() => t.sql('UPDATE users SET locked_until = ? WHERE id = ?', [lockedUntil, officer]));
    expect((await row()).lockedUntil).toBe(lockedUntil);
    await t.sql('UPDATE users SET locked_until = NULL WHERE id = ?', [officer]);

    await whileChecking(() => t.sql(`UPDATE users SET active = ${sqlFalse(t)} WHERE id = ?`, [officer]));
    expect(Boolean((await row()).active)).toBe(false);
    await t.sql(`UPDATE users SET active = ${sqlTrue(t)} WHERE id = ?`, [officer]);

    await whileChecking(() => t.sql("UPDATE users SET password_hash = 'replaced meanwhile' WHERE id = ?", [officer]));
    await t.sql('UPDATE users SET password_hash = ? WHERE id = ?', [original.hash, officer]);

    expect((await audit('login.refused')).map((a) => JSON.parse(a.details))).toEqual([
      { reason: 'locked' },
      { reason: 'inactive' },
      { reason: 'passwordReplaced' },
    ]);
    // Once nothing stands in the way, the same password works.
    expect((await service.authenticate(PEOPLE.officer.username, PEOPLE.officer.password, 'login')).id).toBe(
      await officerId(),
    );
  });
});
