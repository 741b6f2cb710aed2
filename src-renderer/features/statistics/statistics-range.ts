import { z } from 'zod';
import { STATISTICS_GRANULARITIES } from '../../../domain/statistics-rules';
import type { OfficerKey } from '../../../forms/translation';
import { typedCalendarDay } from '../../ui/dates';

/** The same bounds main checks (src-main/api/contract.ts); checked here first to name the problem. */
export const MAX_YEARS = 10;

function rangeProblem(from: string | null, to: string | null): { field: 'from' | 'to'; key: OfficerKey } | null {
  if (from === null || from < '2000-01-01' || from > '2099-12-31')
    return { field: 'from', key: 'statistics.invalidDate' };
  if (to === null || to < '2000-01-01' || to > '2099-12-31') return { field: 'to', key: 'statistics.invalidDate' };
  if (to < from) return { field: 'to', key: 'statistics.rangeReversed' };
  if (to >= `${Number(from.slice(0, 4)) + MAX_YEARS}${from.slice(4)}`)
    return { field: 'to', key: 'statistics.rangeTooLong' };
  return null;
}

/**
 * The period asked for, typed dd/mm/yyyy: one problem at a time, on the field it is about (a
 * catalog key); what it gives is the ISO days main takes.
 */
export const statisticsRangeSchema = z
  .object({ from: z.string(), to: z.string(), granularity: z.enum(STATISTICS_GRANULARITIES) })
  .transform((v) => ({ ...v, from: typedCalendarDay(v.from), to: typedCalendarDay(v.to) }))
  .superRefine((v, ctx) => {
    const problem = rangeProblem(v.from, v.to);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.key });
  })
  .transform((v) => ({ ...v, from: v.from!, to: v.to! }));

/** What the form's inputs hold. */
export type StatisticsRangeDraft = z.input<typeof statisticsRangeSchema>;
export type StatisticsRange = z.output<typeof statisticsRangeSchema>;
