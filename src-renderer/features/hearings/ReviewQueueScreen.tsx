import { useTranslation } from 'react-i18next';
import { useChannel } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { FollowUpList } from '../follow-ups/FollowUpList';
import { ReviewQueueTable } from './ReviewQueueTable';

/**
 * The supervisor's queue for her unit: levels, red flags and the items behind them at a glance,
 * lowering requests, overdue reassessments. No victim's name until a file is opened.
 */
export function ReviewQueueScreen() {
  const { t, i18n } = useTranslation();
  const queue = useChannel('risk.queue', {});
  const items = queue.data?.items ?? null;
  return (
    <section className="review-queue" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('risk.queue.title')}</h1>
      <p>{t('risk.queue.intro')}</p>
      {queue.data && queue.data.items.length > 0 ? (
        <p role="status">
          {t('risk.queue.totals', {
            pending: queue.data.pendingTotal,
            due: queue.data.dueTotal,
            shown: queue.data.items.length,
          })}
        </p>
      ) : null}
      <ErrorMessage error={queue.error} />
      {items === null ? null : items.length === 0 ? (
        <p>{t('risk.queue.empty')}</p>
      ) : (
        <ReviewQueueTable items={items} t={t} language={i18n.language} />
      )}
      <FollowUpList scope="unit" />
    </section>
  );
}
