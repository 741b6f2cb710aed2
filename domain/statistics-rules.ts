/**
 * Art. 9 of the law of 13 July 2023: what the pseudonymised statistics export may contain, the
 * same lists for main's service, the API's schemas and the screen.
 */
export const STATISTICS_GRANULARITIES = ['month', 'quarter', 'year'] as const;
export type StatisticsGranularity = (typeof STATISTICS_GRANULARITIES)[number];

/** The tables of the export, in the order they are printed. */
export const STATISTICS_MEASURES = [
  'complaints',
  'formOfViolence',
  'riskLevel',
  'measureRequested',
  'measureGranted',
  'temporaryBan',
  'repeatVictimisation',
] as const;
export type StatisticsMeasure = (typeof STATISTICS_MEASURES)[number];

/** Why a count is not printed: below the threshold, or hidden so that a small one cannot be worked out. */
export const SUPPRESSIONS = ['small', 'complementary'] as const;
export type Suppression = (typeof SUPPRESSIONS)[number];
