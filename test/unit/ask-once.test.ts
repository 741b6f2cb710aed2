import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIELDS, FORMS } from '../../forms/answers';
import type { FieldDefinition } from '../../forms/definition-schema';
import { earlierAnswers, missingBeforeClose, withEarlierAnswers } from '../../forms/engine';
import { buildRegistry, formRegistry } from '../../forms/registry';
import { riskRegistry } from '../../forms/risk/registry';
import { itemFieldId, sourceFieldId } from '../../forms/risk/risk-form';
import { riskV5 } from '../../forms/risk/risk.v5';
import { apiOf, saveStep } from '../helpers/complete-hearing';
import { digitalStepAnswers, riskStepAnswers } from '../helpers/risk-answers';
import { openTestCore, seedAccounts, type TestCore } from '../helpers/temp-core';

/**
 * Ask once (issue 17, item 3): what an earlier step recorded is not asked again. Each pair is one
 * fact: the earlier step's answer, and the later question it answers.
 */
const RECORDED_ONCE = [
  { earlier: 'facts.injuries = yes', asked: 'risk.a1', gives: 'yes' },
  { earlier: 'facts.injuries = no', asked: 'risk.a1', gives: 'no' },
  { earlier: 'facts.weapons = yes', asked: 'risk.a4', gives: 'yes' },
  { earlier: 'facts.formsOfViolence ∋ sexual', asked: 'risk.a6', gives: 'yes' },
  { earlier: 'facts.earlierComplaints = yes', asked: 'risk.a9', gives: 'yes' },
  { earlier: 'people.children[].relationshipToSuspect = stepchild', asked: 'risk.c3', gives: 'yes' },
  { earlier: 'setup.interpreterRequested = no', asked: 'rights.explainedThroughInterpreter', gives: 'no' },
  { earlier: 'setup.interpreterPresent = yes', asked: 'rights.explainedThroughInterpreter', gives: 'yes' },
  { earlier: 'people.suspectCohabiting = no', asked: 'measures.residenceBanApplies', gives: 'notCohabiting' },
  { earlier: 'people.victimAddressNonCommunicable = yes', asked: 'measures.addressProtectionPosition', gives: 'wants' },
] as const;
type Fact = (typeof RECORDED_ONCE)[number]['earlier'];

const CHILD = { key: 'c1', values: { firstName: 'Nour', relationshipToSuspect: 'stepchild' } };
const EARLIER_STEP_ANSWERS: Record<Fact, Record<string, Record<string, unknown>>> = {
  'facts.injuries = yes': { facts: { injuries: 'yes' } },
  'facts.injuries = no': { facts: { injuries: 'no' } },
  'facts.weapons = yes': { facts: { weapons: 'yes' } },
  'facts.formsOfViolence ∋ sexual': { facts: { formsOfViolence: ['physical', 'sexual'] } },
  'facts.earlierComplaints = yes': { facts: { earlierComplaints: 'yes' } },
  'people.children[].relationshipToSuspect = stepchild': { people: { children: [CHILD] } },
  'setup.interpreterRequested = no': { setup: { interpreterRequested: 'no' } },
  'setup.interpreterPresent = yes': { setup: { interpreterRequested: 'yes', interpreterPresent: 'yes' } },
  'people.suspectCohabiting = no': { people: { suspectCohabiting: 'no' } },
  'people.victimAddressNonCommunicable = yes': { people: { victimAddressNonCommunicable: 'yes' } },
};

const riskForm = formRegistry.latest(FORMS.risk)!;

type EarlierAnswerRule = NonNullable<FieldDefinition['answeredBy']>[number];

describe('asked once: the latest risk step', () => {
  it('is the version that asks once', () => {
    expect(riskForm.version).toBe(riskV5.version);
    expect(riskRegistry.latest().version).toBe(riskV5.version);
  });

  for (const fact of RECORDED_ONCE)
    it(`does not ask ${fact.asked} again after ${fact.earlier}`, () => {
      const answers = EARLIER_STEP_ANSWERS[fact.earlier];
      const [formId, fieldId] = fact.asked.split('.') as [string, string];
      const form = formRegistry.latest(formId)!;
      const answersOf = (id: string) => answers[id] ?? {};
      expect(earlierAnswers(form, answersOf)[fieldId]).toEqual({
        value: fact.gives,
        fromForm: fact.earlier.split('.')[0],
      });
      // Counted as answered: closing asks neither the question nor (for a risk item) its source.
      const missing = missingBeforeClose(form, withEarlierAnswers(form, answersOf));
      expect(missing).not.toContain(fieldId);
      expect(missing).not.toContain(`${fieldId}Source`);
      expect(missing.length).toBeGreaterThan(0);
    });

  it('asks nothing more of a residence ban that cannot apply, and its reason when the officer gives another', () => {
    const measures = formRegistry.latest(FORMS.measures)!;
    const answers: Record<string, Record<string, unknown>> = { people: { suspectCohabiting: 'no' } };
    const missing = missingBeforeClose(
      measures,
      withEarlierAnswers(measures, (id) => answers[id] ?? {}),
    );
    expect(missing.filter((id) => id.startsWith('residenceBan'))).toEqual([]);
    answers['measures'] = { residenceBanApplies: 'otherReason' };
    expect(
      missingBeforeClose(
        measures,
        withEarlierAnswers(measures, (id) => answers[id] ?? {}),
      ).filter((id) => id.startsWith('residenceBan')),
    ).toEqual(['residenceBanNotApplicableReason']);
    // They live together: the ban is discussed as before.
    const together = withEarlierAnswers(measures, (id) => (id === FORMS.people ? { suspectCohabiting: 'yes' } : {}));
    expect(missingBeforeClose(measures, together).filter((id) => id.startsWith('residenceBan'))).toEqual([
      'residenceBanPosition',
      'residenceBanState',
    ]);
  });

  it('starts the statement from her account, counted only once saved as the statement', () => {
    const statement = formRegistry.latest(FORMS.statement)!;
    const answers: Record<string, Record<string, unknown>> = {
      facts: { narrative: 'Il a crié, puis il est parti (fictif).' },
    };
    expect(earlierAnswers(statement, (id) => answers[id] ?? {})).toEqual({
      text: { value: 'Il a crié, puis il est parti (fictif).', fromForm: FORMS.facts, draft: true },
    });
    expect(
      missingBeforeClose(
        statement,
        withEarlierAnswers(statement, (id) => answers[id] ?? {}),
      ),
    ).toEqual(['text']);
    // A statement already begun is never replaced.
    answers['statement'] = { text: 'Je soussignée déclare (fictif).' };
    expect(earlierAnswers(statement, (id) => answers[id] ?? {})).toEqual({});
  });

  it('lists every item pre-filled, and no other', () => {
    const answers: Record<string, Record<string, unknown>> = {
      facts: { injuries: 'yes', weapons: 'yes', formsOfViolence: ['sexual'], earlierComplaints: 'yes' },
      people: { children: [CHILD] },
    };
    const earlier = earlierAnswers(riskForm, (formId) => answers[formId] ?? {});
    const items = Object.keys(earlier).filter((id) => /^[a-e][0-9]$/.test(id));
    const riskItems = RECORDED_ONCE.filter((f) => f.asked.startsWith('risk.')).map((f) => f.asked.split('.')[1]);
    expect(items.sort()).toEqual([...new Set(riskItems)].sort());
    // Every source is the victim's until the officer names another, without a menu to fill in.
    expect(Object.entries(earlier).filter(([id]) => id.endsWith('Source'))).toHaveLength(
      riskForm.fields.filter((f) => f.id.endsWith('Source')).length,
    );
    expect(earlier[sourceFieldId('A2')]).toEqual({ value: 'victim', fromForm: null });
  });

  it('asks again what an earlier "no" leaves open, and keeps an answer given in the step', () => {
    const answers: Record<string, Record<string, unknown>> = {
      facts: { weapons: 'no', earlierComplaints: 'no', injuries: 'yes' },
      people: { children: [{ key: 'c1', values: { relationshipToSuspect: 'child' } }] },
      risk: { a1: 'no', a1Source: 'officerObservation' },
    };
    const earlier = earlierAnswers(riskForm, (formId) => answers[formId] ?? {});
    expect(earlier).not.toHaveProperty('a4');
    expect(earlier).not.toHaveProperty('a9');
    expect(earlier).not.toHaveProperty('c3');
    // The officer answered A1 here: her answer and her source stand.
    expect(earlier).not.toHaveProperty('a1');
    expect(earlier).not.toHaveProperty('a1Source');
    expect(withEarlierAnswers(riskForm, (formId) => answers[formId] ?? {})).toMatchObject({
      a1: 'no',
      a1Source: 'officerObservation',
    });
  });

  it('refuses a definition whose earlier answer names a later step or an answer it does not offer', () => {
    const base = formRegistry.all.filter((f) => f.id !== FORMS.risk || f.version === riskForm.version);
    const withRule = (rule: EarlierAnswerRule) =>
      base.map((form) =>
        form.id !== FORMS.risk
          ? form
          : { ...form, fields: form.fields.map((f) => (f.id === 'a2' ? { ...f, answeredBy: [rule] } : f)) },
      );
    expect(() =>
      buildRegistry(
        withRule({ form: FORMS.measures, field: 'alarmState', when: ['granted'], answer: 'yes' }),
        formRegistry.steps,
      ),
    ).toThrow(/not an earlier step/);
    expect(() =>
      buildRegistry(
        withRule({ form: FORMS.facts, field: FIELDS.facts.injuries, when: ['maybe'], answer: 'yes' }),
        formRegistry.steps,
      ),
    ).toThrow(/does not offer maybe/);
    expect(() =>
      buildRegistry(
        withRule({ form: FORMS.facts, field: FIELDS.facts.injuries, when: ['yes'], answer: 'often' }),
        formRegistry.steps,
      ),
    ).toThrow(/cannot take often/);
  });
});

describe('asked once: main counts what earlier steps answered', () => {
  let t: TestCore;
  let hearingId: string;
  beforeEach(async () => {
    t = await openTestCore();
    await seedAccounts(t, true);
    hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
  });
  afterEach(() => t.close());

  it('closes the risk step without asking again, and assesses with the earlier answers from the victim', async () => {
    const api = apiOf(t);
    await saveStep(api, hearingId, FORMS.facts, {
      injuries: 'yes',
      injuriesDescription: 'Marques au cou (fictif)',
      weapons: 'yes',
      weaponsDescription: 'Un couteau de cuisine (fictif)',
      formsOfViolence: ['physical', 'sexual'],
      earlierComplaints: 'yes',
    });
    await saveStep(api, hearingId, FORMS.people, { children: [CHILD] });
    await saveStep(api, hearingId, FORMS.digital, digitalStepAnswers());
    // The officer answers the rest of the step and names no source.
    const rest = riskStepAnswers({ A3: 'yes' });
    for (const id of Object.keys(rest)) if (id.endsWith('Source')) delete rest[id];
    for (const item of ['A1', 'A4', 'A6', 'A9', 'C3']) delete rest[itemFieldId(item)];
    await saveStep(api, hearingId, FORMS.risk, { ...rest, a9FollowUp: 'oneOrTwo' });

    const refused = await t.core.dispatcher.dispatch('officer-window', 'hearings.close', { hearingId });
    if (refused.ok) throw new Error('closed with the statement missing');
    const riskGaps = (refused.error.fields ?? []).filter((f) => f.startsWith('risk:'));
    expect(riskGaps).toEqual(['risk:assessment']);

    await t.ok('officer-window', 'risk.submit', { hearingId, definitionVersion: riskV5.version, trigger: 'initial' });
    const history = await t.ok('officer-window', 'risk.history', { hearingId });
    const input = history.assessments[0]!.input;
    for (const item of ['A1', 'A4', 'A6', 'A9', 'C3'])
      expect(input.answers[item]).toMatchObject({ answer: 'yes', source: 'victim' });
    expect(input.answers['A3']).toMatchObject({ answer: 'yes', source: 'victim' });
    // The stored answers hold only what the officer gave in the step: nothing was copied.
    const stored = await t.sql<{ fieldId: string }>(
      "SELECT field_id AS \"fieldId\" FROM answers WHERE form_id = 'risk' AND field_id IN ('a1', 'a1Source', 'a3Source')",
    );
    expect(stored).toEqual([]);
    // Once the assessment is made, the risk step asks only what its level adds: strangulation and a
    // weapon are two red flags, level 4, and the magistrate informed.
    expect(history.assessments[0]!.level).toBe(4);
    const again = await t.core.dispatcher.dispatch('officer-window', 'hearings.close', { hearingId });
    if (again.ok) throw new Error('closed with the statement missing');
    expect((again.error.fields ?? []).filter((f) => f.startsWith('risk:'))).toEqual([
      'risk:magistrateInformedAt',
      'risk:magistrateInformedTo',
    ]);
  });
});
