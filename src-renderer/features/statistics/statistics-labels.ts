import type { TFunction } from 'i18next';
import type { OfficerUiLanguage } from '../../../domain/languages';
import type { StatisticsMeasure } from '../../../domain/statistics-rules';
import { LOCALES } from '../../i18n';
import { categoryKey } from './statistics-keys';

/** A period's heading: a month in the interface's language, a quarter, or a year. */
export function periodLabel(period: string, language: OfficerUiLanguage, t: TFunction): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return t('statistics.quarter', { year: quarter[1], quarter: quarter[2] });
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    return new Intl.DateTimeFormat(LOCALES[language] ?? 'fr-BE', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  }
  return period;
}

/** A category's label, in the interface's language. */
export function categoryLabel(measure: StatisticsMeasure, category: string, t: TFunction): string {
  return t(categoryKey(measure, category));
}
