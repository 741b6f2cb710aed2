import { z } from 'zod';
import { STATISTICS_GRANULARITIES, STATISTICS_MEASURES, SUPPRESSIONS } from '../../../domain/statistics-rules';
import { defineChannel, defineDomain, unlocked } from '../channel';
import { timestamp } from '../schemas';

/**
 * Art. 9 statistics: days in Brussels time, both included, at most ten years apart (the service,
 * src-main/services/statistics.ts, checks the same for callers in Node).
 */
const isStatisticsDay = (d: unknown): d is string =>
  typeof d === 'string' && z.iso.date().safeParse(d).success && d >= '2000-01-01' && d <= '2099-12-31';
const statisticsDay = z.string().refine(isStatisticsDay, { error: 'statistics.invalidDate' });
/** The range rules only once both days are valid, so each problem is reported once. */
const bothDays = (q: { from: unknown; to: unknown }) => !isStatisticsDay(q.from) || !isStatisticsDay(q.to);
const statisticsQuery = z
  .object({ from: statisticsDay, to: statisticsDay, granularity: z.enum(STATISTICS_GRANULARITIES) })
  .strict()
  .refine((q) => bothDays(q) || q.from <= q.to, { error: 'statistics.rangeReversed', path: ['to'] })
  .refine((q) => bothDays(q) || q.to < `${Number(q.from.slice(0, 4)) + 10}${q.from.slice(4)}`, {
    error: 'statistics.rangeTooLong',
    path: ['to'],
  });
/** Counts only: a period, a table and a category code from fixed lists, never stored text. */
export const statisticsRow = z
  .object({
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/),
    measure: z.enum(STATISTICS_MEASURES),
    category: z.string().regex(/^[a-z][a-zA-Z]{0,39}$/),
    count: z.number().int().nonnegative().nullable(),
    suppressed: z.enum(SUPPRESSIONS).nullable(),
  })
  .strict()
  .refine((r) => (r.count === null) === (r.suppressed !== null), { error: 'a count is either printed or suppressed' });
export type StatisticsRowView = z.infer<typeof statisticsRow>;

/** Art. 9 statistics. */
export const statisticsChannels = defineDomain('statistics', {
  'statistics.export': defineChannel({
    input: statisticsQuery,
    output: z.object({
      from: z.string(),
      to: z.string(),
      granularity: z.enum(STATISTICS_GRANULARITIES),
      rows: z.array(statisticsRow),
      threshold: z.number().int().positive(),
      generatedAt: timestamp,
    }),
    // Counts only, no personal data: the supervisor and the zone's administrator, not officers.
    access: unlocked(['supervisor', 'administrator']),
    handler: (input, { user, deps }) => deps.statistics.exportStatistics(user, input),
  }),
});
