import type { StatisticsMeasure } from '../../../domain/statistics-rules';
import { definitionKey, type OfficerKey } from '../../../forms/translation';

/**
 * A category's label: forms of violence reuse the facts step's labels, the rest have their own.
 * The categories are main's lists (STATISTICS_CATEGORIES); test/unit/forms.test.ts asks every
 * officer catalog for each one's key.
 */
export function categoryKey(measure: StatisticsMeasure, category: string): OfficerKey {
  if (measure === 'formOfViolence') return definitionKey(`form.facts.formsOfViolence.${category}`);
  if (measure === 'measureRequested' || measure === 'measureGranted')
    return definitionKey(`statistics.measureName.${category}`);
  return definitionKey(`statistics.categories.${measure}.${category}`);
}
