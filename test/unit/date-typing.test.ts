import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../forms/engine';
import type { FieldDefinition } from '../../forms/definition-schema';
import { AutosaveQueue } from '../../src-renderer/form-engine/autosave';
import { dateFormatProblem, toAnswer, toDraft } from '../../src-renderer/form-engine/fields/values';
import {
  isoDateTimeToText,
  isoDayToText,
  localDateTimeText,
  typedCalendarDay,
  typedDateTimeToIso,
  typedDayToIso,
  typedLocalDateTime,
} from '../../src-renderer/ui/dates';
import { statisticsRangeSchema } from '../../src-renderer/features/statistics/statistics-range';

const date = { id: 'birth', kind: 'date', labelKey: 'x' } as FieldDefinition;
const dateTime = { id: 'at', kind: 'dateTime', labelKey: 'x' } as FieldDefinition;
const period = { id: 'when', kind: 'dateOrPeriod', labelKey: 'x' } as FieldDefinition;

describe('dates typed dd/mm/yyyy (issue 17, item 5)', () => {
  it('reads the day first in every usual separator, and an ISO day as it is', () => {
    expect(typedDayToIso('23/11/2026')).toBe('2026-11-23');
    expect(typedDayToIso('3/2/2026')).toBe('2026-02-03');
    expect(typedDayToIso('03.02.2026')).toBe('2026-02-03');
    expect(typedDayToIso('03-02-2026')).toBe('2026-02-03');
    expect(typedDayToIso('03022026')).toBe('2026-02-03');
    expect(typedDayToIso('2026-02-03')).toBe('2026-02-03');
    for (const half of ['', '23', '23/11', '23/11/20', '23/11/202', 'demain', '11/23/26'])
      expect(typedDayToIso(half)).toBeNull();
  });

  it('reads a date and a time, 24-hour', () => {
    expect(typedDateTimeToIso('23/11/2026 14:30')).toBe('2026-11-23T14:30');
    expect(typedDateTimeToIso('23/11/2026 9h05')).toBe('2026-11-23T09:05');
    expect(typedDateTimeToIso('2026-11-23T14:30')).toBe('2026-11-23T14:30');
    expect(typedDateTimeToIso('23/11/2026')).toBeNull();
    expect(typedDateTimeToIso('23/11/2026 25:00')).toBeNull();
  });

  it('gives the forms of their own (statistics, directory, evidence) only days that exist', () => {
    expect(typedCalendarDay('29/02/2028')).toBe('2028-02-29');
    expect(typedCalendarDay('29/02/2026')).toBeNull();
    expect(typedCalendarDay('31/04/2026')).toBeNull();
    expect(typedCalendarDay('23/11')).toBeNull();
    const at = typedLocalDateTime('24/11/2026 10:15')!;
    expect(localDateTimeText(at)).toBe('24/11/2026 10:15');
    expect(new Date(at).getHours()).toBe(10);
    // A Date would roll 31/02 over to 3 March: refused instead.
    expect(typedLocalDateTime('31/02/2026 10:15')).toBeNull();
    expect(typedLocalDateTime('24/11/2026')).toBeNull();
    expect(statisticsRangeSchema.parse({ from: '01/01/2026', to: '5.12.2026', granularity: 'month' })).toEqual({
      from: '2026-01-01',
      to: '2026-12-05',
      granularity: 'month',
    });
    const refused = statisticsRangeSchema.safeParse({ from: '31/02/2026', to: '05/12/2026', granularity: 'month' });
    expect(refused.success ? [] : refused.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['from', 'statistics.invalidDate'],
    ]);
  });

  it('shows stored ISO as dd/mm/yyyy and leaves text being typed as it is', () => {
    expect(isoDayToText('2026-11-23')).toBe('23/11/2026');
    expect(isoDateTimeToText('2026-11-23T14:30')).toBe('23/11/2026 14:30');
    expect(isoDayToText('23/1')).toBe('23/1');
  });

  it('sends ISO, and a date that is not whole or does not exist is refused by the answer schema', () => {
    expect(toAnswer(date, '23/11/2026')).toBe('2026-11-23');
    expect(answerSchema(date).safeParse(toAnswer(date, '23/11/2026')).success).toBe(true);
    expect(toAnswer(date, '   ')).toBeNull();
    for (const typed of ['23/11', '31/02/2026', '11/23/2026']) {
      const value = toAnswer(date, typed);
      expect(answerSchema(date).safeParse(value).success).toBe(false);
    }
    expect(dateFormatProblem(date, toAnswer(date, '23/11'))).toBe('answer.dateFormat');
    // Whole but impossible: the schema's own message (the day does not exist), not the format's.
    expect(dateFormatProblem(date, toAnswer(date, '31/02/2026'))).toBeNull();
    expect(toAnswer(dateTime, '23/11/2026 14:30')).toBe('2026-11-23T14:30');
    expect(dateFormatProblem(dateTime, toAnswer(dateTime, '23/11/2026'))).toBe('answer.dateTimeFormat');
  });

  it('converts the days of a period both ways', () => {
    expect(toAnswer(period, { mode: 'between', from: '01/11/2026', to: '' })).toEqual({ from: '2026-11-01', to: '' });
    expect(toDraft(period, { from: '2026-11-01', to: '2026-11-21' })).toEqual({
      mode: 'between',
      from: '01/11/2026',
      to: '21/11/2026',
    });
    expect(dateFormatProblem(period, toAnswer(period, { mode: 'on', on: '1/11' }))).toBe('answer.dateFormat');
    expect(toDraft(date, '2026-11-23')).toBe('23/11/2026');
  });

  it('never reports "saved" while an answer on screen is invalid, and sends nothing of it', async () => {
    const sent: unknown[] = [];
    const queue = new AutosaveQueue(
      'h',
      'people',
      async (input) => {
        sent.push(input.changes);
        return {
          ok: true,
          value: { savedAt: 1, revisions: input.changes.map((c) => ({ fieldId: c.fieldId, revision: 1 })) },
        };
      },
      0,
    );
    queue.set('birth', '2026-11-23');
    await queue.flush();
    expect(queue.getStatus().state).toBe('saved');
    queue.set('birth', '2026-11-24');
    queue.markInvalid('birth', '24/11/20');
    await queue.flush();
    expect(sent).toHaveLength(1);
    expect(queue.getStatus().state).toBe('invalid');
    expect(queue.hasUnsaved()).toBe(true);
    expect([...queue.invalidValues()]).toEqual([['birth', '24/11/20']]);
    queue.set('birth', '2026-11-24');
    await queue.flush();
    expect(queue.getStatus().state).toBe('saved');
    expect(queue.hasUnsaved()).toBe(false);
  });
});
