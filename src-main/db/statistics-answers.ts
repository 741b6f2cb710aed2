import { FIELDS, FORMS } from '../../forms/answers';
import { MEASURES, measureFieldIds } from '../../forms/definitions/measures.v1';

/**
 * The answers the Art. 9 export counts: the forms of violence and each protection measure's
 * state. One list for the partial index that holds them (schema.ts, migration 0007) and the
 * export's query (services/statistics.ts): the planner uses a partial index only when the query
 * repeats its condition, and a field added here needs a new migration of that index.
 */
export const STATISTICS_FORMS = [FORMS.facts, FORMS.measures] as const;
export const STATISTICS_STATE_FIELDS = MEASURES.map((m) => measureFieldIds(m).state);
export const STATISTICS_FIELDS = [FIELDS.facts.formsOfViolence, ...STATISTICS_STATE_FIELDS] as const;

/**
 * Ids written into the SQL itself (the planner cannot see through parameters to match a partial
 * index). They are the definitions' constants, letters only, checked here all the same.
 */
export function sqlIdList(values: readonly string[]): string {
  for (const v of values) if (!/^[a-zA-Z]+$/.test(v)) throw new Error(`Not a plain id: ${v}`);
  return values.map((v) => `'${v}'`).join(', ');
}

/** The partial index's condition, as migration 0007 wrote it; `table` qualifies it in a join. */
export function statisticsAnswersCondition(table?: string): string {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  return `${column('form_id')} IN (${sqlIdList(STATISTICS_FORMS)}) AND ${column('field_id')} IN (${sqlIdList(STATISTICS_FIELDS)})`;
}
