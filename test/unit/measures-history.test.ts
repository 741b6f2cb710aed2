import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiOf, saveStep } from '../helpers/complete-hearing';
import { openTestCore, PEOPLE, seedAccounts, type TestCore } from '../helpers/temp-core';

let t: TestCore;
let hearingId: string;
beforeEach(async () => {
  t = await openTestCore({ config: { residenceBanDays: 14 } });
  await seedAccounts(t);
  hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
});
afterEach(() => t.close());

/** A step's answers saved by the officer, each over its current revision. */
function save(formId: string, values: Record<string, unknown>) {
  return saveStep(apiOf(t), hearingId, formId, values);
}

describe('protection measures: every state with who and when', () => {
  it('keeps each value of a measure’s state and her position, oldest first, with the officer and the time', async () => {
    await save('measures', {
      residenceBanPosition: 'wants',
      residenceBanState: 'proposed',
      residenceBanNotes: 'not kept: free text',
    });
    t.clock.now += 60_000;
    await save('measures', { residenceBanState: 'requested' });
    t.clock.now += 60_000;
    await save('measures', {
      residenceBanState: 'granted',
      residenceBanDecidedBy: 'Substitut (fictif)',
      residenceBanStart: '2026-11-23T14:00',
    });
    const loaded = await t.ok('officer-window', 'hearings.load', { hearingId });
    expect(loaded.forms.find((f) => f.formId === 'measures')?.formVersion).toBe(3);
    const states = loaded.history.filter((h) => h.fieldId === 'residenceBanState');
    expect(states.map((h) => [h.value, h.byName, h.at - states[0]!.at])).toEqual([
      ['proposed', PEOPLE.officer.displayName, 0],
      ['requested', PEOPLE.officer.displayName, 60_000],
      ['granted', PEOPLE.officer.displayName, 120_000],
    ]);
    expect(loaded.history.map((h) => h.fieldId).sort()).toEqual([
      'residenceBanPosition',
      'residenceBanState',
      'residenceBanState',
      'residenceBanState',
    ]);
    // The zone's configured duration comes with the hearing, for the help text.
    expect(loaded.settings).toEqual({ residenceBanDays: 14 });
  });

  it('the history cannot be rewritten or removed, even behind the app’s back', async () => {
    await save('measures', { alarmState: 'discussed' });
    // As the tables' owner, past the services and row-level security: the store itself refuses.
    await expect(t.sql('UPDATE answer_history SET value_json = \'"granted"\'')).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM answer_history')).rejects.toThrow(/append-only/);
  });
});
