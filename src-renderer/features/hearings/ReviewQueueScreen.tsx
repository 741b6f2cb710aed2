import { useTranslation } from 'react-i18next';
import type { RiskQueueItem } from '../../../src-main/api/contract';
import { hrefOf } from '../../app/navigation';
import { useChannel } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { DataTable, ErrorMessage, type Column } from '../../ui';
import { FollowUpList } from '../follow-ups/FollowUpList';
import { definitionKey } from '../../../forms/translation';
import { groupByPair, type PairedItem } from './queue-pairs';

/**
 * The supervisor's queue for her unit: levels, red flags and the items behind them at a glance,
 * lowering requests, overdue reassessments. No victim's name until a file is opened. The items
 * of the same victim and suspect come together, under a label that says so (no names either).
 */
export function ReviewQueueScreen() {
  const { t, i18n } = useTranslation();
  const queue = useChannel('risk.queue', {});
  const items = queue.data ? groupByPair(queue.data.items) : null;
  const columns: Column<PairedItem<RiskQueueItem>>[] = [
    {
      header: t('risk.queue.reference'),
      rowHeader: true,
      cell: ({ item, pairSize, pairPosition }) => (
        <>
          {pairPosition === 'first' ? (
            <div className="pair-label">{t('risk.queue.samePair', { count: pairSize })}</div>
          ) : null}
          <a
            href={hrefOf({ screen: 'hearing', hearingId: item.hearingId, step: 'risk' })}
            aria-label={t('risk.queue.open', { reference: item.reference })}
          >
            {item.reference}
          </a>
        </>
      ),
    },
    {
      header: t('risk.queue.level'),
      cell: ({ item }) => (
        <>
          <span className={`level-badge level-${item.level}`}>{t(`risk.level.${item.level}`)}</span>
          {item.insufficient ? <span className="badge">{t('risk.queue.insufficient')}</span> : null}
        </>
      ),
    },
    {
      header: t('risk.queue.redFlags'),
      cell: ({ item }) =>
        item.redFlags.map((f) => `${f} ${t(definitionKey(`risk.flags.${f}`))}`).join(t('form.listSeparator')) || '—',
    },
    {
      header: t('risk.queue.drivers'),
      cell: ({ item }) =>
        item.drivers.map((d) => t(definitionKey(`risk.items.${d}.short`))).join(t('form.listSeparator')) || '—',
    },
    {
      header: t('risk.queue.due'),
      cell: ({ item }) => (
        <>
          {formatDateTime(item.nextDueAt, i18n.language)}
          {item.overdue ? <span className="badge overdue">{t('risk.queue.overdue')}</span> : null}
        </>
      ),
    },
    {
      header: t('risk.queue.status'),
      cell: ({ item }) => (
        <>
          {t(`risk.review.status.${item.reviewStatus}`)}
          {item.loweringRequested ? (
            <div>{t('risk.queue.lowering', { level: t(`risk.level.${item.loweringRequested}`) })}</div>
          ) : null}
        </>
      ),
    },
    { header: t('risk.queue.officer'), cell: ({ item }) => item.officerName },
  ];

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
        <DataTable
          rows={items}
          rowKey={({ item }) => item.assessmentId}
          rowProps={({ item, pairPosition }) => ({
            'data-level': String(item.level),
            className: pairPosition === 'alone' ? undefined : `pair-${pairPosition}`,
          })}
          columns={columns}
        />
      )}
      <FollowUpList scope="unit" />
    </section>
  );
}
