import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, type FieldDefinition } from '../../forms/definition-schema';
import {
  answerSchema,
  birthDateContradiction,
  isCalendarDate,
  missingBeforeClose,
  type Answers,
} from '../../forms/engine';
import { describeAnswer } from '../../src-renderer/form-engine/describe-answer';
import { toAnswer, toDraft } from '../../src-renderer/form-engine/fields/values';

const form = formDefinitionSchema.parse({
  id: 'kinds',
  version: 1,
  titleKey: 'form.setup.title',
  fields: [
    { id: 'when', kind: 'date', labelKey: 'x' },
    { id: 'at', kind: 'dateTime', labelKey: 'x' },
    { id: 'number', kind: 'nationalNumber', labelKey: 'x', birthDateField: 'when' },
    { id: 'period', kind: 'dateOrPeriod', labelKey: 'x', requiredToClose: true },
    {
      id: 'forms',
      kind: 'multiChoice',
      labelKey: 'x',
      requiredToClose: true,
      options: [
        { value: 'physical', labelKey: 'x' },
        { value: 'economic', labelKey: 'x' },
        { value: 'none', labelKey: 'x', exclusive: true },
      ],
    },
    {
      id: 'children',
      kind: 'group',
      labelKey: 'x',
      itemLabelKey: 'x',
      maxItems: 3,
      fields: [
        { id: 'name', kind: 'shortText', labelKey: 'x', requiredToClose: true },
        {
          id: 'exposed',
          kind: 'singleChoice',
          labelKey: 'x',
          requiredToClose: true,
          options: [
            { value: 'yes', labelKey: 'x' },
            { value: 'no', labelKey: 'x' },
          ],
        },
        {
          id: 'how',
          kind: 'longText',
          labelKey: 'x',
          requiredToClose: true,
          visibleWhen: { field: 'exposed', in: ['yes'] },
        },
      ],
    },
  ],
});
const field = (id: string) => form.fields.find((f) => f.id === id)!;
const valid = (id: string, value: unknown) => answerSchema(field(id)).safeParse(value).success;
const firstError = (id: string, value: unknown) => answerSchema(field(id)).safeParse(value).error?.issues[0]?.message;

describe('field kinds', () => {
  it('accept only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const impossible of [
      '2025-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '26-01-01',
      '2026-1-1',
      '1899-12-31',
      '',
    ]) {
      expect(isCalendarDate(impossible), impossible).toBe(false);
    }
    expect(firstError('when', '2026-02-30')).toBe('answer.impossibleDate');
    expect(valid('at', '2026-11-23T21:45')).toBe(true);
    expect(valid('at', '2026-11-23T24:00')).toBe(false);
    expect(valid('at', '2026-02-30T10:00')).toBe(false);
  });

  /*
   * Invented numbers, their check digits worked out by hand as in test/unit/national-number.test.ts:
   * 78041215782 (national, 12 April 1978), 99250312797 (BIS, month + 20, 3 May 1999),
   * 10080501335 (national, born in 2010: check digits with a 2 in front).
   */
  describe('a national register or BIS number', () => {
    const number = field('number') as Extract<FieldDefinition, { kind: 'nationalNumber' }>;
    const typed = (text: string) => toAnswer(number, text);

    it('is stored as its eleven digits, a national number or a BIS number, born before or from 2000', () => {
      expect(valid('number', '78041215782')).toBe(true);
      expect(valid('number', '99250312797')).toBe(true);
      expect(valid('number', '10080501335')).toBe(true);
      expect(valid('number', null)).toBe(true);
    });

    it('refuses a number the register would not have given, saying why', () => {
      expect(firstError('number', '78041215783')).toBe('answer.nationalNumber.checkDigits');
      expect(firstError('number', '78042115782')).toBe('answer.nationalNumber.checkDigits');
      expect(firstError('number', '83023004536')).toBe('answer.nationalNumber.date');
      expect(firstError('number', '7804121578')).toBe('answer.nationalNumber.format');
      expect(firstError('number', 'abc')).toBe('answer.nationalNumber.format');
      // Main stores only the digits: a number with its separators is what the renderer sends never.
      expect(firstError('number', '78.04.12-157.82')).toBe('answer.nationalNumber.format');
    });

    it('takes the number as typed, with any separators, and answers with its digits', () => {
      for (const text of ['78.04.12-157.82', '78 04 12 157 82', '780412-157-82', ' 78041215782 ', '78.04.12–157.82'])
        expect(typed(text), text).toBe('78041215782');
      expect(typed('99.25.03-127.97')).toBe('99250312797');
      expect(valid('number', typed('78.04.12-157.82'))).toBe(true);
      expect(typed('')).toBeNull();
      expect(typed('   ')).toBeNull();
    });

    it('keeps a refused number as typed, so that it is refused with its reason and nothing typed is lost', () => {
      expect(typed('78.04.12-157.83')).toBe('78.04.12-157.83');
      expect(firstError('number', typed('78.04.12-157.83'))).toBe('answer.nationalNumber.checkDigits');
      expect(firstError('number', typed('78.04.12-15'))).toBe('answer.nationalNumber.format');
      // Shown again as it was typed, not regrouped.
      expect(toDraft(number, '78.04.12-157.83')).toBe('78.04.12-157.83');
      expect(toDraft(number, '78041215783')).toBe('78041215783');
    });

    it('is shown grouped as on the identity card', () => {
      expect(toDraft(number, '78041215782')).toBe('78.04.12-157.82');
      expect(toDraft(number, null)).toBe('');
      const t = ((key: string) => key) as never;
      expect(describeAnswer(number, '99250312797', [], t)).toBe('99.25.03-127.97');
    });

    it('points out a birth date that contradicts the number, without refusing either', () => {
      const warning = (answers: Record<string, unknown>) => birthDateContradiction(number, answers);
      expect(warning({ number: '78041215782', when: '1978-04-12' })).toBeNull();
      expect(warning({ number: '78041215782', when: '1978-12-04' })).toBe('answer.nationalNumber.birthDateDiffers');
      expect(warning({ number: '99250312797', when: '1999-05-03' })).toBeNull();
      expect(warning({ number: '10080501335', when: '1910-08-05' })).toBe('answer.nationalNumber.birthDateDiffers');
      // Nothing to compare: no date, a date half-typed, a number refused or still being typed.
      expect(warning({ number: '78041215782' })).toBeNull();
      expect(warning({ number: '78041215782', when: '12/04' })).toBeNull();
      expect(warning({ number: '78041215783', when: '1990-01-01' })).toBeNull();
      // A number saying the month and day were not known (78.00.00-001.85): only the year can contradict.
      const yearOnly = '78000000185';
      expect(warning({ number: yearOnly, when: '1978-06-30' })).toBeNull();
      expect(warning({ number: yearOnly, when: '1979-06-30' })).toBe('answer.nationalNumber.birthDateDiffers');
      expect(birthDateContradiction(field('when'), { number: '78041215782', when: '1990-01-01' })).toBeNull();
    });

    it('compares only with a date of the same form, outside groups', () => {
      const base = { id: 'n', version: 1, titleKey: 'x' };
      const parse = (fields: unknown[]) => formDefinitionSchema.safeParse({ ...base, fields }).success;
      expect(parse([{ id: 'a', kind: 'nationalNumber', labelKey: 'x', birthDateField: 'nope' }])).toBe(false);
      expect(
        parse([
          { id: 'b', kind: 'shortText', labelKey: 'x' },
          { id: 'a', kind: 'nationalNumber', labelKey: 'x', birthDateField: 'b' },
        ]),
      ).toBe(false);
      expect(
        parse([
          {
            id: 'g',
            kind: 'group',
            labelKey: 'x',
            itemLabelKey: 'x',
            fields: [
              { id: 'b', kind: 'date', labelKey: 'x' },
              { id: 'a', kind: 'nationalNumber', labelKey: 'x', birthDateField: 'b' },
            ],
          },
        ]),
      ).toBe(false);
      expect(parse([{ id: 'a', kind: 'nationalNumber', labelKey: 'x' }])).toBe(true);
    });
  });

  it('take a day, a span in order, or words for a period', () => {
    expect(valid('period', { on: '2026-03-01' })).toBe(true);
    expect(valid('period', { from: '2026-01-01', to: '2026-03-01' })).toBe(true);
    expect(valid('period', { about: "l'été après le mariage" })).toBe(true);
    expect(valid('period', { from: '2026-03-01', to: '2026-01-01' })).toBe(false);
    // Half a period is kept while she thinks, but does not count as answered.
    expect(valid('period', { from: '2026-03-01', to: '' })).toBe(true);
    expect(valid('period', { from: '', to: '' })).toBe(false);
    expect(valid('period', { from: '2026-02-30', to: '' })).toBe(false);
    expect(missingBeforeClose(form, { period: { from: '2026-03-01', to: '' }, forms: ['physical'] })).toEqual([
      'period',
    ]);
    expect(valid('period', { about: '   ' })).toBe(false);
    expect(valid('period', { on: '2026-03-01', about: 'both' })).toBe(false);
  });

  it('take several distinct options for a multiple choice', () => {
    expect(valid('forms', ['physical', 'economic'])).toBe(true);
    expect(valid('forms', ['physical', 'physical'])).toBe(false);
    expect(valid('forms', ['sexual'])).toBe(false);
    // "None" stands alone.
    expect(valid('forms', ['none'])).toBe(true);
    expect(firstError('forms', ['physical', 'none'])).toBe('answer.exclusiveOption');
  });

  it('validate every item of a repeated group, with stable keys and a maximum', () => {
    const child = (key: string, values: object) => ({ key, values });
    expect(valid('children', [child('a', { name: 'Léa', exposed: 'yes', how: 'présente' }), child('b', {})])).toBe(
      true,
    );
    expect(valid('children', [child('a', {}), child('a', {})])).toBe(false);
    expect(valid('children', [child('a', { exposed: 'maybe' })])).toBe(false);
    expect(valid('children', [child('a', { unknownQuestion: 'x' })])).toBe(false);
    expect(
      valid(
        'children',
        [1, 2, 3, 4].map((n) => child(`k${n}`, {})),
      ),
    ).toBe(false);
  });

  it('list what is missing before closing, inside groups too, skipping hidden follow-ups', () => {
    expect(missingBeforeClose(form, {})).toEqual(['period', 'forms']);
    const answers: Partial<Answers> = {
      period: { about: 'hier soir' },
      forms: ['physical'],
      children: [
        { key: 'a', values: { name: 'Léa', exposed: 'yes', how: null } },
        { key: 'b', values: { name: 'Tom', exposed: 'no' } },
      ],
    };
    expect(missingBeforeClose(form, answers)).toEqual(['children[a].how']);
  });

  it('refuse definitions that break the group rules', () => {
    const base = { id: 'g', version: 1, titleKey: 'x' };
    expect(
      formDefinitionSchema.safeParse({
        ...base,
        fields: [
          {
            id: 'g',
            kind: 'group',
            labelKey: 'x',
            itemLabelKey: 'x',
            fields: [
              { id: 'a', kind: 'shortText', labelKey: 'x' },
              { id: 'a', kind: 'date', labelKey: 'x' },
            ],
          },
        ],
      }).success,
    ).toBe(false);
    expect(
      formDefinitionSchema.safeParse({
        ...base,
        fields: [
          {
            id: 'g',
            kind: 'group',
            labelKey: 'x',
            itemLabelKey: 'x',
            minItems: 5,
            maxItems: 2,
            fields: [{ id: 'a', kind: 'shortText', labelKey: 'x' }],
          },
        ],
      }).success,
    ).toBe(false);
    // Groups do not nest.
    expect(
      formDefinitionSchema.safeParse({
        ...base,
        fields: [
          {
            id: 'g',
            kind: 'group',
            labelKey: 'x',
            itemLabelKey: 'x',
            fields: [
              {
                id: 'h',
                kind: 'group',
                labelKey: 'x',
                itemLabelKey: 'x',
                fields: [{ id: 'a', kind: 'shortText', labelKey: 'x' }],
              },
            ],
          },
        ],
      }).success,
    ).toBe(false);
  });
});
