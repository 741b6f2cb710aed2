import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRegistry, formRegistry } from '../../forms/registry';
import { apiOf, completeHearing, saveStep } from '../helpers/complete-hearing';
import { openTestCore, seedAccounts, snapshotTables, type TestCore } from '../helpers/temp-core';

let t: TestCore;
let hearingId: string;
beforeEach(async () => {
  t = await openTestCore();
  await seedAccounts(t, true);
  hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
});
afterEach(() => t.close());

const STATEMENT = 'Je soussignée déclare que… (déclaration fictive)\nDeuxième paragraphe.';

const api = () => apiOf(t);
const save = (formId: string, values: Record<string, unknown>) => saveStep(api(), hearingId, formId, values);

async function errorOf(
  channel: 'hearings.approveStatement' | 'hearings.addAddendum' | 'hearings.close' | 'hearings.saveAnswers',
  input: object,
  client = 'officer-window',
) {
  const result = await t.core.dispatcher.dispatch(client, channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

describe('the statement and closing', () => {
  it('approves only a statement that exists, at the revision she heard, and then seals it', async () => {
    expect((await errorOf('hearings.approveStatement', { hearingId, textRevision: 1 })).code).toBe('STATEMENT_EMPTY');
    await save('statement', { text: 'brouillon' });
    await save('statement', { text: STATEMENT });
    // Revision 1 was read back, but revision 2 is stored: not what she approved.
    expect((await errorOf('hearings.approveStatement', { hearingId, textRevision: 1 })).code).toBe('STALE_REVISION');
    const approval = await t.ok('officer-window', 'hearings.approveStatement', { hearingId, textRevision: 2 });
    expect(approval.sha256).toBe(createHash('sha256').update(STATEMENT, 'utf8').digest('hex'));
    expect((await errorOf('hearings.approveStatement', { hearingId, textRevision: 2 })).code).toBe(
      'STATEMENT_APPROVED',
    );

    const before = await snapshotTables(t);
    expect(
      (
        await errorOf('hearings.saveAnswers', {
          hearingId,
          formId: 'statement',
          changes: [{ fieldId: 'text', value: 'changé en silence', baseRevision: 2 }],
        })
      ).code,
    ).toBe('STATEMENT_APPROVED');
    expect(await snapshotTables(t)).toEqual(before);
    const loaded = await t.ok('officer-window', 'hearings.load', { hearingId });
    expect(loaded.statement).toEqual({
      approvedAt: approval.approvedAt,
      approvedByName: 'Inès Fictive',
      sha256: approval.sha256,
    });
  });

  it('takes dated, attributed addenda only after approval, and never changes one', async () => {
    expect((await errorOf('hearings.addAddendum', { hearingId, text: 'ajout' })).code).toBe('STATEMENT_NOT_APPROVED');
    await save('statement', { text: STATEMENT });
    await t.ok('officer-window', 'hearings.approveStatement', { hearingId, textRevision: 1 });
    t.clock.now += 60_000;
    const { addendum } = await t.ok('officer-window', 'hearings.addAddendum', {
      hearingId,
      text: 'Elle précise que la scène a eu lieu dans la cuisine.',
    });
    expect(addendum).toMatchObject({ createdAt: t.clock.now, createdByName: 'Inès Fictive' });
    expect((await errorOf('hearings.addAddendum', { hearingId, text: '   ' })).code).toBe('VALIDATION');
    expect((await errorOf('hearings.addAddendum', { hearingId, text: 'intrus' }, 'other-window')).code).toBe(
      'FORBIDDEN',
    );
    await expect(t.sql("UPDATE addenda SET text = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM addenda')).rejects.toThrow(/append-only/);
    expect((await t.ok('officer-window', 'hearings.load', { hearingId })).addenda).toEqual([addendum]);
  });

  it('refuses to close while anything is missing, naming each item, then closes read-only except addenda', async () => {
    const refused = await errorOf('hearings.close', { hearingId });
    expect(refused.code).toBe('CANNOT_CLOSE');
    expect(refused.fields).toEqual(
      expect.arrayContaining([
        'setup:procedureLanguage',
        'people:victimSurname',
        'facts:narrative',
        'risk:a3',
        'risk:barriers',
        'statement:text',
        'statement:approval',
        'risk:assessment',
      ]),
    );

    // Every question that must be answered before closing, answered (invented values).
    await completeHearing().take(api(), { hearingId, until: 'answered' });
    await save('facts', { witnesses: [{ key: 'w1', values: { name: '' } }] });
    await save('statement', { text: STATEMENT });
    await t.ok('officer-window', 'hearings.approveStatement', { hearingId, textRevision: 1 });
    // A witness added without a name is the one thing left.
    expect((await errorOf('hearings.close', { hearingId })).fields).toEqual(['facts:witnesses[w1].name']);
    await save('facts', { witnesses: [{ key: 'w1', values: { name: 'Voisine (fictive)' } }] });

    const { closedAt } = await t.ok('officer-window', 'hearings.close', { hearingId });
    const loaded = await t.ok('officer-window', 'hearings.load', { hearingId });
    expect(loaded.hearing).toMatchObject({ status: 'closed', closedAt });
    const mine = await t.ok('officer-window', 'hearings.listMine', {});
    expect(mine.open.map((h) => h.id)).not.toContain(hearingId);
    expect(mine.recentlyClosed.map((h) => h.id)).toEqual([hearingId]);
    expect((await t.ok('other-window', 'hearings.listMine', {})).recentlyClosed).toEqual([]);
    expect(
      (
        await errorOf('hearings.saveAnswers', {
          hearingId,
          formId: 'facts',
          changes: [{ fieldId: 'place', value: 'ailleurs', baseRevision: 1 }],
        })
      ).code,
    ).toBe('HEARING_CLOSED');
    expect((await errorOf('hearings.close', { hearingId })).code).toBe('HEARING_CLOSED');
    await t.ok('officer-window', 'hearings.addAddendum', { hearingId, text: 'Ajout après clôture.' });
    const actions = (
      (await t.sql('SELECT action FROM audit_events WHERE hearing_id = ? ORDER BY seq', [hearingId])) as {
        action: string;
      }[]
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['statement.approved', 'hearing.closed', 'statement.addendum_added']),
    );
  });

  it('closes a hearing answered from the definitions, with no test data to edit when a step gains a question', async () => {
    // A new version of the facts step with two new questions required to close, one asked only after a yes.
    const facts = formRegistry.latest('facts')!;
    const registry = buildRegistry(
      [
        ...formRegistry.all,
        {
          ...facts,
          version: facts.version + 1,
          fields: [
            ...facts.fields,
            {
              id: 'invented',
              kind: 'singleChoice',
              labelKey: 'form.facts.injuries.label',
              requiredToClose: true,
              keepHistory: false,
              options: [
                { value: 'yes', labelKey: 'answer.yes' },
                { value: 'no', labelKey: 'answer.no' },
              ],
            },
            {
              id: 'inventedWhen',
              kind: 'dateOrPeriod',
              labelKey: 'form.facts.period.label',
              visibleWhen: { field: 'invented', in: ['yes'] },
              requiredToClose: true,
              keepHistory: false,
            },
          ],
        },
      ],
      formRegistry.steps,
    );
    const other = await openTestCore({ registry });
    try {
      await seedAccounts(other);
      const hearing = completeHearing({ facts: { invented: 'yes' } }, { registry });
      expect(hearing.answers['facts']).toMatchObject({ invented: 'yes', inventedWhen: { on: expect.any(String) } });
      const id = await hearing.take(apiOf(other));
      const loaded = await other.ok('officer-window', 'hearings.load', { hearingId: id });
      expect(loaded.hearing.status).toBe('closed');
      expect(loaded.forms.find((f) => f.formId === 'facts')?.formVersion).toBe(facts.version + 1);
    } finally {
      await other.close();
    }
  });
});
