import { useTranslation } from 'react-i18next';
import type { HearingSummary } from '../../../src-main/api/contract';
import { formatDateTime } from '../../i18n';
import { DataTable } from '../../ui';

/** Hearings by reference (never a name), with their dates: open ones, or recently closed ones. */
export function HearingTable({ hearings, closed = false }: { hearings: HearingSummary[]; closed?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      className="list"
      rows={hearings}
      rowKey={(h) => h.id}
      columns={[
        { header: t('hearings.reference'), cell: (h) => <a href={`#/hearing/${h.id}`}>{h.reference}</a> },
        { header: t('hearings.created'), cell: (h) => formatDateTime(h.createdAt, i18n.language) },
        {
          header: closed ? t('hearings.closed') : t('hearings.lastChange'),
          cell: (h) => formatDateTime(closed ? (h.closedAt ?? h.updatedAt) : h.updatedAt, i18n.language),
        },
      ]}
    />
  );
}
