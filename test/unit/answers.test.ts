import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  answerPath,
  fittingAnswers,
  FIELDS,
  FORMS,
  GROUP_FIELDS,
  readAnswers,
  type AnswerOf,
  type FieldId,
  type StoredForms,
} from '../../forms/answers';
import { measureFieldIds } from '../../forms/definitions/measures.v1';
import type { DateOrPeriod } from '../../forms/engine';
import { formRegistry } from '../../forms/registry';
import { accessOf } from '../../src-main/db/store';
import { loadHearingAnswers } from '../../src-main/services/answers';
import { openTestCore, ROOT, seedAccounts, type TestCore } from '../helpers/temp-core';

describe('answers typed from their definitions', () => {
  it('give each field the type of its kind', () => {
    const forms: StoredForms = {};
    const facts = readAnswers(forms, FORMS.facts);
    expectTypeOf(facts.formsOfViolence).toEqualTypeOf<
      ('physical' | 'psychological' | 'sexual' | 'economic' | 'honourRelated' | 'coerciveControl')[] | null | undefined
    >();
    expectTypeOf(facts.injuries).toEqualTypeOf<'yes' | 'no' | 'unknown' | 'refused' | null | undefined>();
    expectTypeOf(facts.period).toEqualTypeOf<DateOrPeriod | null | undefined>();
    expectTypeOf(facts.narrative).toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<typeof facts.witnesses>[number]['values']['name']>().toEqualTypeOf<
      string | null | undefined
    >();
    // A field of one version only is there, optional: people@2's address.
    expectTypeOf(readAnswers(forms, FORMS.people).victimAddress).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(readAnswers(forms, FORMS.referrals).servicesGiven).toEqualTypeOf<string[] | null | undefined>();
    const field: FieldId<'facts'> = FIELDS.facts.formsOfViolence;
    const state: AnswerOf<'measures', 'alarmState'> = 'inForce';
    expect([field, state]).toEqual(['formsOfViolence', 'inForce']);
    expectTypeOf(measureFieldIds('alarm').state).toEqualTypeOf<'alarmState'>();
    // @ts-expect-error a field no version of the form has
    void readAnswers(forms, FORMS.facts).formOfViolence;
    expect(facts).toEqual({});
  });

  it('name every field of every version, and the fields of each group', () => {
    for (const form of formRegistry.all) {
      const ids = (FIELDS as Record<string, Record<string, string>>)[form.id]!;
      for (const field of form.fields) {
        expect(ids[field.id], `${form.id}@${form.version}.${field.id}`).toBe(field.id);
        if (field.kind !== 'group') continue;
        const subs = (GROUP_FIELDS as Record<string, Record<string, Record<string, string>>>)[form.id]![field.id]!;
        for (const sub of field.fields) expect(subs[sub.id]).toBe(sub.id);
      }
    }
    expect(answerPath(FORMS.facts, FIELDS.facts.place)).toBe('facts.place');
  });

  it('keep only the stored values that fit the version they were saved under', () => {
    const facts = formRegistry.get('facts', 1)!;
    expect(
      fittingAnswers(facts, {
        place: 'devant l’immeuble (fictif)',
        formsOfViolence: ['physical', 'not-an-option'],
        injuries: null,
        period: { on: '2026-02-30' },
        noSuchField: 'x',
      }),
    ).toEqual({ place: 'devant l’immeuble (fictif)', injuries: null });
  });
});

describe('loadHearingAnswers: the one way main reads a hearing', () => {
  let t: TestCore | undefined;
  afterEach(() => t?.close());

  it('reads every step with its version, typed, and a damaged value as unanswered', async () => {
    t = await openTestCore();
    await seedAccounts(t);
    const hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId,
      formId: FORMS.facts,
      changes: [
        { fieldId: FIELDS.facts.formsOfViolence, value: ['physical', 'economic'], baseRevision: 0 },
        { fieldId: FIELDS.facts.place, value: 'Rue des Exemples (fictive)', baseRevision: 0 },
      ],
    });
    await t.sql('UPDATE answers SET value_json = ? WHERE hearing_id = ? AND field_id = ?', [
      JSON.stringify(['physical', 'invented']),
      hearingId,
      FIELDS.facts.formsOfViolence,
    ]);

    const { store } = t.core;
    // As the officer whose hearing it is (on PostgreSQL nobody else sees its rows).
    const officer = (await t.ok('officer-window', 'session.current', {})).user!;
    const forms = await store.transaction(accessOf(officer), (tx) => loadHearingAnswers(tx, store.tables, hearingId));
    expect(forms[FORMS.facts]).toEqual({ version: 1, answers: { place: 'Rue des Exemples (fictive)' } });
    expect(readAnswers(forms, FORMS.facts).formsOfViolence).toBeUndefined();
    // Every step is there with the version the hearing was opened under, answered or not.
    expect(Object.fromEntries(Object.entries(forms).map(([id, form]) => [id, form!.version]))).toEqual(
      Object.fromEntries(formRegistry.steps.map((id) => [id, formRegistry.latest(id)!.version])),
    );
  });
});

describe('string field ids', () => {
  /** Words that are field ids and also mean something else in main (a right, a document's label, a column). */
  const OTHER_MEANINGS = new Set([
    'text',
    'name',
    'role',
    // A right (forms/definitions/rights.v1.ts) and what her copy says was done for it.
    'supportPerson',
    'supportPersonPresent',
    // Her copy's label of the approved statement; "digital" as a form of violence on her copy.
    'statement',
    'digital',
  ]);

  it('are not written in the services or the documents: they read answers through FIELDS', () => {
    const ids = new Set(
      formRegistry.all.flatMap((form) => [
        form.id,
        ...form.fields.flatMap((f) => [f.id, ...(f.kind === 'group' ? f.fields.map((s) => s.id) : [])]),
      ]),
    );
    const files = ['src-main/services', 'src-main/documents'].flatMap((dir) =>
      fs
        .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => path.join(dir, f)),
    );
    const found = files.flatMap((file) =>
      fs
        .readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          [...line.matchAll(/(['"`])([A-Za-z0-9]+)\1/g)]
            .map((m) => m[2]!)
            .filter((word) => ids.has(word) && !OTHER_MEANINGS.has(word) && !/^\s*(\/\*|\*|\/\/)/.test(line))
            .map((word) => `${file}:${i + 1} '${word}'`),
        ),
    );
    expect(found).toEqual([]);
  });
});
