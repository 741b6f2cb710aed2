import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskQueueItem } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { hrefOf } from '../app/navigation';
import { formatDateTime } from '../i18n';
import { TranslationFollowUps } from './TranslationFollowUps';

/**
 * The supervisor's queue for her unit: levels, red flags and the items behind them at a glance,
 * lowering requests, overdue reassessments. No victim's name until a file is opened.
 */
export function ReviewQueueScreen() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<RiskQueueItem[] | null>(null);
  const [totals, setTotals] = useState({ pending: 0, due: 0 });
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void call('risk.queue', {}).then((result) => {
      if (!result.ok) return setError(result.error);
      setItems(result.value.items);
      setTotals({ pending: result.value.pendingTotal, due: result.value.dueTotal });
    });
  }, []);

  return (
    <section className="review-queue" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('risk.queue.title')}</h1>
      <p>{t('risk.queue.intro')}</p>
      {items && items.length > 0 ? (
        <p role="status">{t('risk.queue.totals', { pending: totals.pending, due: totals.due, shown: items.length })}</p>
      ) : null}
      <ErrorMessage error={error} />
      {items === null ? null : items.length === 0 ? (
        <p>{t('risk.queue.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('risk.queue.reference')}</th>
              <th scope="col">{t('risk.queue.level')}</th>
              <th scope="col">{t('risk.queue.redFlags')}</th>
              <th scope="col">{t('risk.queue.drivers')}</th>
              <th scope="col">{t('risk.queue.due')}</th>
              <th scope="col">{t('risk.queue.status')}</th>
              <th scope="col">{t('risk.queue.officer')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.assessmentId} data-level={item.level}>
                <th scope="row">
                  <a
                    href={hrefOf({ screen: 'hearing', hearingId: item.hearingId, step: 'risk' })}
                    aria-label={t('risk.queue.open', { reference: item.reference })}
                  >
                    {item.reference}
                  </a>
                </th>
                <td>
                  <span className={`level-badge level-${item.level}`}>{t(`risk.level.${item.level}`)}</span>
                  {item.insufficient ? <span className="badge">{t('risk.queue.insufficient')}</span> : null}
                </td>
                <td>{item.redFlags.map((f) => `${f} ${t(`risk.flags.${f}`)}`).join('; ') || '—'}</td>
                <td>{item.drivers.map((d) => t(`risk.items.${d}.short`)).join('; ') || '—'}</td>
                <td>
                  {formatDateTime(item.nextDueAt, i18n.language)}
                  {item.overdue ? <span className="badge overdue">{t('risk.queue.overdue')}</span> : null}
                </td>
                <td>
                  {t(`risk.review.status.${item.reviewStatus}`)}
                  {item.loweringRequested ? (
                    <div>{t('risk.queue.lowering', { level: t(`risk.level.${item.loweringRequested}`) })}</div>
                  ) : null}
                </td>
                <td>{item.officerName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TranslationFollowUps scope="unit" />
    </section>
  );
}
