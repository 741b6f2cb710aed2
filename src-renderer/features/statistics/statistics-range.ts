import { z } from 'zod';
import { STATISTICS_GRANULARITIES } from '../../../domain/statistics-rules';
import type { OfficerKey } from '../../../forms/translation';

/** The same bounds main checks (src-main/api/contract.ts); checked here first to name the problem. */
export const MAX_YEARS = 10;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function rangeProblem(from: string, to: string): { field: 'from' | 'to'; key: OfficerKey } | null {
  if (!ISO_DATE.test(from) || from < '2000-01-01' || from > '2099-12-31')
    return { field: 'from', key: 'statistics.invalidDate' };
  if (!ISO_DATE.test(to) || to < '2000-01-01' || to > '2099-12-31')
    return { field: 'to', key: 'statistics.invalidDate' };
  if (to < from) return { field: 'to', key: 'statistics.rangeReversed' };
  if (to >= `${Number(from.slice(0, 4)) + MAX_YEARS}${from.slice(4)}`)
    return { field: 'to', key: 'statistics.rangeTooLong' };
  return null;
}

/** The period asked for: one problem at a time, on the field it is about (a catalog key). */
export const statisticsRangeSchema = z
  .object({ from: z.string(), to: z.string(), granularity: z.enum(STATISTICS_GRANULARITIES) })
  .superRefine((v, ctx) => {
    const problem = rangeProblem(v.from, v.to);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.key });
  });

export type StatisticsRange = z.infer<typeof statisticsRangeSchema>;
