import { useTranslation } from 'react-i18next';
import type { OfficerUiLanguage } from '../../../domain/languages';
import type { ChannelOutput, StatisticsRowView } from '../../../src-main/api/contract';
import { formatDateTime, formatDay, LOCALES } from '../../i18n';
import { saveStatisticsCsv } from './statistics-csv';
import { categoryLabel, periodLabel } from './statistics-labels';

type StatisticsExport = ChannelOutput<'statistics.export'>;

/** The counts, a table per measure with a column per period; hidden counts explained. */
export function StatisticsTable({
  result,
  language,
  onSaved,
}: {
  result: StatisticsExport;
  language: OfficerUiLanguage;
  onSaved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const periods = [...new Set(result.rows.map((r) => r.period))];
  const measures = [...new Set(result.rows.map((r) => r.measure))];
  const cell = new Map(result.rows.map((r) => [`${r.period}|${r.measure}|${r.category}`, r]));
  const categoriesOf = (measure: string) => [
    ...new Set(result.rows.filter((r) => r.measure === measure).map((r) => r.category)),
  ];
  const anySuppressed = result.rows.some((r) => r.suppressed !== null);
  const anyComplementary = result.rows.some((r) => r.suppressed === 'complementary');
  const threshold = result.threshold;
  const from = formatDay(result.from, language);
  const to = formatDay(result.to, language);

  const show = (row: StatisticsRowView | undefined) => {
    if (!row) return '';
    if (row.suppressed === 'small') return t('statistics.cellSmall', { threshold });
    if (row.suppressed === 'complementary') return t('statistics.cellHidden');
    return new Intl.NumberFormat(LOCALES[language] ?? 'fr-BE').format(row.count ?? 0);
  };

  return (
    <section className="statistics-result" aria-labelledby="statistics-result-title">
      <div className="page-header">
        <h2 id="statistics-result-title">{t('statistics.resultTitle')}</h2>
        <button type="button" onClick={() => onSaved(saveStatisticsCsv(result, t))}>
          {t('statistics.saveCsv')}
        </button>
      </div>
      <p className="field-help">
        {t('statistics.generated', { at: formatDateTime(result.generatedAt, language), from, to })}
      </p>
      {anySuppressed ? (
        <div className="notice" id="statistics-suppression">
          <p>{t('statistics.smallExplained', { threshold })}</p>
          {anyComplementary ? <p>{t('statistics.hiddenExplained', { threshold })}</p> : null}
        </div>
      ) : null}
      <div className="table-scroll" role="region" aria-labelledby="statistics-caption" tabIndex={0}>
        <table
          className="list statistics-table"
          aria-describedby={anySuppressed ? 'statistics-suppression' : undefined}
        >
          <caption id="statistics-caption">
            {t('statistics.caption', { from, to, granularity: t(`statistics.by.${result.granularity}`) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.categoryHeader')}</th>
              {periods.map((p) => (
                <th key={p} scope="col" className="count">
                  {periodLabel(p, language, t)}
                </th>
              ))}
            </tr>
          </thead>
          {measures.map((measure) => (
            <tbody key={measure}>
              <tr className="statistics-measure">
                <th scope="rowgroup" colSpan={periods.length + 1}>
                  {t(`statistics.measure.${measure}`)}
                </th>
              </tr>
              {categoriesOf(measure).map((category) => (
                <tr key={category}>
                  <th scope="row">{categoryLabel(measure, category, t)}</th>
                  {periods.map((p) => {
                    const row = cell.get(`${p}|${measure}|${category}`);
                    return (
                      <td key={p} className={row?.suppressed ? 'count suppressed' : 'count'}>
                        {show(row)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
