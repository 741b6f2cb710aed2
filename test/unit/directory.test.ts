import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupportServiceInput } from '../../domain/support-directory';
import { openTestCore, seedAccounts, snapshotTables, type TestCore } from '../helpers/temp-core';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t);
});
afterEach(() => t.close());

const entry: SupportServiceInput = {
  name: 'Service fictif d’aide aux victimes',
  kind: 'victimSupport',
  region: 'wallonia',
  languages: ['fr', 'ar'],
  hours: 'lun.–ven. 9 h–17 h',
  phone: '04 000 00 00',
  website: 'https://aide.example.be/victimes',
  verifiedOn: '2026-11-20',
  active: true,
};

describe('the support directory', () => {
  it('starts with the services the specification names, every one to verify, helplines as written', async () => {
    const { services } = await t.ok('officer-window', 'directory.list', {});
    expect(services.length).toBe(8);
    expect(services.every((s) => s.verifiedOn === null)).toBe(true);
    expect(services.map((s) => s.phone)).toEqual(
      expect.arrayContaining(['112', '101', '1712', '0800 30 030', '116 000', '0800 12 800']),
    );
    // The three regions' helplines: 1712 in Flanders, 0800 30 030 in Wallonia and in Brussels (victim-copy.md).
    expect(
      services
        .filter((s) => s.kind === 'helpline')
        .map((s) => `${s.region} ${s.phone}`)
        .sort(),
    ).toEqual(['brussels 0800 30 030', 'flanders 1712', 'wallonia 0800 30 030']);
  });

  it('lets the administrator add and correct an entry, audited', async () => {
    const { service } = await t.ok('admin-window', 'directory.save', { service: entry });
    expect(service).toMatchObject({ ...entry, name: entry.name });
    const corrected = await t.ok('admin-window', 'directory.save', {
      id: service.id,
      service: { ...entry, phone: '04 111 11 11' },
    });
    expect(corrected.service.phone).toBe('04 111 11 11');
    const actions = (
      (await t.sql("SELECT action FROM audit_events WHERE action LIKE 'directory.%'")) as {
        action: string;
      }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['directory.seeded', 'directory.created', 'directory.updated']);
  });

  it('refuses invalid phone numbers, addresses and dates with a clear code, and writes nothing', async () => {
    const before = await snapshotTables(t);
    const refused = async (service: object) => {
      const result = await t.core.dispatcher.dispatch('admin-window', 'directory.save', {
        service: { ...entry, ...service },
      });
      if (result.ok) throw new Error(`accepted ${JSON.stringify(service)}`);
      return result.error;
    };
    for (const phone of ['0800 30 O30', '12', '+32 (0)4 00', '0800-30-030', '1'.repeat(25)]) {
      expect(await refused({ phone }), phone).toMatchObject({ code: 'VALIDATION', fields: ['service.phone'] });
    }
    for (const website of [
      'http://aide.example.be',
      'javascript:alert(1)',
      'https://user:pw@aide.example.be',
      'aide.example.be',
      'https://localhost',
    ]) {
      expect(await refused({ website }), website).toMatchObject({ code: 'VALIDATION', fields: ['service.website'] });
    }
    expect(await refused({ phone: '', website: '' })).toMatchObject({ code: 'VALIDATION' });
    expect(await refused({ verifiedOn: '2026-02-30' })).toMatchObject({
      code: 'VALIDATION',
      fields: ['service.verifiedOn'],
    });
    expect(await refused({ verifiedOn: '2027-01-01' })).toMatchObject({
      code: 'VALIDATION',
      fields: ['service.verifiedOn'],
    });
    expect(await refused({ languages: ['xx'] })).toMatchObject({ code: 'VALIDATION' });
    expect(await snapshotTables(t)).toEqual(before);
  });

  it('lets officers read the directory but not change it', async () => {
    const result = await t.core.dispatcher.dispatch('officer-window', 'directory.save', { service: entry });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('services named in a hearing', () => {
  it('must be entries of the directory', async () => {
    const { hearing } = await t.ok('officer-window', 'hearings.create', {});
    const { services } = await t.ok('officer-window', 'directory.list', {});
    const helpline = services.find((s) => s.phone === '0800 30 030')!;
    const save = (value: string[]) =>
      t.core.dispatcher.call('officer-window', 'hearings.saveAnswers', {
        hearingId: hearing.id,
        formId: 'referrals',
        changes: [{ fieldId: 'servicesGiven', value, baseRevision: 0 }],
      });
    expect(await save(['00000000-0000-4000-8000-000000000000'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ANSWER', fields: ['servicesGiven'] },
    });
    expect(await save(['not-an-id'])).toMatchObject({ ok: false, error: { code: 'INVALID_ANSWER' } });
    expect(await save([helpline.id, helpline.id])).toMatchObject({ ok: false, error: { code: 'INVALID_ANSWER' } });
    expect(await save([helpline.id])).toMatchObject({ ok: true });
  });
});
