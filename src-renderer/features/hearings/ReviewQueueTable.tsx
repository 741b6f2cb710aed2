import type { TFunction } from 'i18next';
import type { RiskQueueItem } from '../../../src-main/api/contract';
import { definitionKey } from '../../../forms/translation';
import { hrefOf } from '../../app/navigation';
import { formatDateTime } from '../../i18n';
import { DataTable, type Column } from '../../ui';
import { groupByPair, type PairedItem } from './queue-pairs';

/**
 * The queue's items in its order, except that the items of the same victim and suspect come
 * together, the first under a label that says how many they are (no names: the pair is only a key).
 */
export function ReviewQueueTable({
  items,
  t,
  language,
}: {
  items: readonly RiskQueueItem[];
  t: TFunction;
  language: string;
}) {
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
          {formatDateTime(item.nextDueAt, language)}
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
    <DataTable
      rows={groupByPair(items)}
      rowKey={({ item }) => item.assessmentId}
      rowProps={({ item, pairPosition }) => ({
        'data-level': String(item.level),
        className: pairPosition === 'alone' ? undefined : `pair-${pairPosition}`,
      })}
      columns={columns}
    />
  );
}
