import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { hrefOf } from '../../app/navigation';
import { useChannel } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { DataTable, ErrorMessage, type Column } from '../../ui';

type FollowUp = ChannelOutput<'documents.followUps'>['translations'][number];

/**
 * Translations of the main elements she asked for (Art. 15 §3) and not yet sent: the officer's
 * own, or her unit's for a supervisor; by reference only, overdue ones marked. Sending one is
 * recording its date in the hearing's "Copy and documents" step.
 */
export function TranslationFollowUps({ scope }: { scope: 'mine' | 'unit' }) {
  const showOfficer = scope === 'unit';
  const { t, i18n } = useTranslation();
  const followUps = useChannel('documents.followUps', { scope });
  const items = followUps.data?.translations ?? null;
  if (!followUps.error && (items === null || items.length === 0)) return null;
  const now = Date.now();
  const columns: Column<FollowUp>[] = [
    {
      header: t('hearings.reference'),
      cell: (item) => (
        <a href={hrefOf({ screen: 'hearing', hearingId: item.hearingId, step: 'documents' })}>{item.reference}</a>
      ),
    },
    ...(showOfficer ? [{ header: t('documents.followUps.officer'), cell: (item: FollowUp) => item.officerName }] : []),
    { header: t('documents.followUps.requested'), cell: (item) => formatDateTime(item.requestedAt, i18n.language) },
    {
      header: t('documents.followUps.due'),
      cellClassName: (item) => (item.dueAt < now ? 'overdue' : undefined),
      cell: (item) => (
        <>
          {formatDateTime(item.dueAt, i18n.language)}
          {item.dueAt < now ? ` · ${t('documents.followUps.overdue')}` : ''}
        </>
      ),
    },
  ];
  return (
    <section className="follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">{t('documents.followUps.title')}</h2>
      <ErrorMessage error={followUps.error} />
      {items && items.length > 0 ? (
        <DataTable className="list" rows={items} rowKey={(item) => item.hearingId} columns={columns} />
      ) : null}
    </section>
  );
}
