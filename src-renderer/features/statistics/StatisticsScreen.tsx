import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficerUiLanguage } from '../../../domain/languages';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import type { StatisticsRange } from './statistics-range';
import { StatisticsForm } from './StatisticsForm';
import { StatisticsTable } from './StatisticsTable';

/**
 * Art. 9 statistics for the supervisor and the administrator: counts by period, nothing about
 * any person. Small counts arrive from main already hidden; this screen only shows them and saves
 * them as a CSV file.
 */
export function StatisticsScreen() {
  const { t, i18n } = useTranslation();
  const count = useMutation('statistics.export');
  const [result, setResult] = useState<ChannelOutput<'statistics.export'> | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const busy = count.pending;

  async function show(range: StatisticsRange) {
    setSaved(null);
    const answer = await count.run(range);
    setResult(answer.ok ? answer.value : null);
  }

  const language = i18n.language as OfficerUiLanguage;
  return (
    <section className="page statistics" aria-labelledby="statistics-title">
      <h1 id="statistics-title">{t('statistics.title')}</h1>
      <p>{t('statistics.intro')}</p>
      <StatisticsForm pending={busy} onSubmit={show} onInvalid={() => setSaved(null)} />
      <ErrorMessage error={count.error} />
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
