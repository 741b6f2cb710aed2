import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ChannelOutput, StatisticsRowView } from '../../../src-main/api/contract';
import { call, type ApiError } from '../../api/client';
import { ErrorMessage } from '../../app/common';
import { brusselsToday, formatDateTime, formatDay, LOCALES } from '../../i18n';
import type { OfficerUiLanguage } from '../../../domain/languages';

type Granularity = 'month' | 'quarter' | 'year';
type StatisticsExport = ChannelOutput<'statistics.export'>;

const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year'];
/** The same bounds main checks (src-main/api/contract.ts); checked here first to name the problem. */
const MAX_YEARS = 10;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function rangeProblem(from: string, to: string): { field: 'from' | 'to'; key: string } | null {
  if (!ISO_DATE.test(from) || from < '2000-01-01' || from > '2099-12-31')
    return { field: 'from', key: 'statistics.invalidDate' };
  if (!ISO_DATE.test(to) || to < '2000-01-01' || to > '2099-12-31')
    return { field: 'to', key: 'statistics.invalidDate' };
  if (to < from) return { field: 'to', key: 'statistics.rangeReversed' };
  if (to >= `${Number(from.slice(0, 4)) + MAX_YEARS}${from.slice(4)}`)
    return { field: 'to', key: 'statistics.rangeTooLong' };
  return null;
}

/**
 * Art. 9 statistics for the supervisor and the administrator: counts by period, nothing about
 * any person. Small counts arrive from main already hidden; this screen only shows them and saves
 * them as a CSV file.
 */
export function StatisticsScreen() {
  const { t, i18n } = useTranslation();
  const today = brusselsToday();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [granularity, setGranularity] = useState<Granularity>('month');
  const [problem, setProblem] = useState<{ field: 'from' | 'to'; key: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<StatisticsExport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = rangeProblem(from, to);
    setProblem(found);
    setSaved(null);
    if (found) return;
    setBusy(true);
    setError(null);
    const answer = await call('statistics.export', { from, to, granularity });
    setBusy(false);
    if (!answer.ok) {
      setResult(null);
      return setError(answer.error);
    }
    setResult(answer.value);
  }

  const language = i18n.language as OfficerUiLanguage;
  const describedBy = (field: 'from' | 'to') => (problem?.field === field ? 'statistics-range-error' : undefined);

  return (
    <section className="page statistics" aria-labelledby="statistics-title">
      <h1 id="statistics-title">{t('statistics.title')}</h1>
      <p>{t('statistics.intro')}</p>
      <form
        className="statistics-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-labelledby="statistics-form-title"
      >
        <h2 id="statistics-form-title" className="visually-hidden">
          {t('statistics.choose')}
        </h2>
        <div className="statistics-fields">
          <div className="field">
            <label htmlFor="statistics-from">{t('statistics.from')}</label>
            <input
              id="statistics-from"
              type="date"
              value={from}
              min="2000-01-01"
              max="2099-12-31"
              required
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={problem?.field === 'from' ? true : undefined}
              aria-describedby={describedBy('from')}
            />
          </div>
          <div className="field">
            <label htmlFor="statistics-to">{t('statistics.to')}</label>
            <input
              id="statistics-to"
              type="date"
              value={to}
              min="2000-01-01"
              max="2099-12-31"
              required
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={problem?.field === 'to' ? true : undefined}
              aria-describedby={describedBy('to')}
            />
          </div>
          <fieldset className="field">
            <legend>{t('statistics.granularity')}</legend>
            <div className="choices">
              {GRANULARITIES.map((g) => (
                <label key={g} className="choice">
                  <input
                    type="radio"
                    name="statistics-granularity"
                    value={g}
                    checked={granularity === g}
                    onChange={() => setGranularity(g)}
                  />
                  <span>{t(`statistics.by.${g}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {problem ? (
          <p id="statistics-range-error" className="field-error" role="alert">
            {t(problem.key, { years: MAX_YEARS })}
          </p>
        ) : null}
        <p className="field-help">{t('statistics.rangeHelp', { years: MAX_YEARS })}</p>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('statistics.show')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      <div aria-live="polite" aria-busy={busy}>
        {busy ? <p>{t('statistics.counting')}</p> : null}
      </div>
      {result && !busy ? <StatisticsTable result={result} language={language} onSaved={setSaved} /> : null}
      <p role="status" className="success">
        {saved ? t('statistics.saved', { name: saved }) : null}
      </p>
    </section>
  );
}

function periodLabel(period: string, language: OfficerUiLanguage, t: TFunction): string {
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

function StatisticsTable({
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

  function save() {
    const name = `${t('statistics.fileName')}_${result.from}_${result.to}_${result.granularity}.csv`;
    const quote = (value: string) => (/[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    const lines = [
      ['period', 'measure', 'category', 'label', 'count', 'suppressed'].join(';'),
      ...result.rows.map((r) =>
        [
          r.period,
          r.measure,
          r.category,
          categoryLabel(r.measure, r.category, t),
          r.suppressed === 'small' ? `<${threshold}` : r.count === null ? '' : String(r.count),
          r.suppressed ?? '',
        ]
          .map(quote)
          .join(';'),
      ),
    ];
    // Semicolons and a byte-order mark: what a spreadsheet set to Belgian French or Dutch opens as is.
    const url = URL.createObjectURL(new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    onSaved(name);
  }

  return (
    <section className="statistics-result" aria-labelledby="statistics-result-title">
      <div className="page-header">
        <h2 id="statistics-result-title">{t('statistics.resultTitle')}</h2>
        <button type="button" onClick={save}>
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

/** Forms of violence reuse the facts step's labels; the rest have their own. */
function categoryLabel(measure: string, category: string, t: TFunction): string {
  if (measure === 'formOfViolence') return t(`form.facts.formsOfViolence.${category}`);
  if (measure === 'measureRequested' || measure === 'measureGranted') return t(`statistics.measureName.${category}`);
  return t(`statistics.categories.${measure}.${category}`);
}
