import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../../forms/definition-schema';
import { answerSchema, isCalendarDate, missingBeforeClose, type Answers } from '../../forms/engine';

const form = formDefinitionSchema.parse({
  id: 'kinds',
  version: 1,
  titleKey: 'form.setup.title',
  fields: [
    { id: 'when', kind: 'date', labelKey: 'x' },
    { id: 'at', kind: 'dateTime', labelKey: 'x' },
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
