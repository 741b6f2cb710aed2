import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { hrefOf } from '../../app/navigation';
import { useChannel } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { DataTable, ErrorMessage, type Column } from '../../ui';
import { ReviewComment } from '../risk/ReviewComment';
import { RoomDisclosure } from '../room/RoomDisclosure';
import { useRoomReveal } from '../room/room-mode';

export type FollowUp = ChannelOutput<'followUps.list'>['items'][number];

/** The step where each follow-up is done. */
const STEP_OF: Record<FollowUp['kind'], string> = {
  assessmentReturned: 'risk',
  reassessmentDue: 'risk',
  translationDue: 'documents',
  measureEnding: 'measures',
};

/**
 * What is to be done next about her hearings (`mine`) or a supervisor's unit (`unit`), one list:
 * an assessment sent back with the supervisor's comment first, then by the day each falls due.
 * Each reference opens the step where it is done. By reference only: no victim's name; in room
 * mode the items stay collapsed (levels and comments about other victims' hearings), the count shown.
 */
export function FollowUpList({ scope }: { scope: 'mine' | 'unit' }) {
  const { t, i18n } = useTranslation();
  const followUps = useChannel('followUps.list', { scope });
  const reveal = useRoomReveal();
  const items = followUps.data?.items ?? null;
  const now = Date.now();
  const level = (item: { level: 1 | 2 | 3 | 4 }) => t(`risk.level.${item.level}`);

  function what(item: FollowUp) {
    switch (item.kind) {
      case 'assessmentReturned':
        return (
          <>
            {item.reviewerName
              ? t('followUps.returnedBy', { reviewer: item.reviewerName, level: level(item) })
              : t('followUps.returned', { level: level(item) })}
            <ReviewComment comment={item.comment} />
          </>
        );
      case 'reassessmentDue':
        return t('followUps.reassessment', { level: level(item) });
      case 'translationDue':
        return t('followUps.translation', { requested: formatDateTime(item.requestedAt, i18n.language) });
      case 'measureEnding':
        return t('followUps.residenceBanEnding');
    }
  }

  const columns: Column<FollowUp>[] = [
    {
      header: t('hearings.reference'),
      rowHeader: true,
      className: 'reference',
      cell: (item) => (
        <a href={hrefOf({ screen: 'hearing', hearingId: item.hearingId, step: STEP_OF[item.kind] })}>
          {item.reference}
        </a>
      ),
    },
    { header: t('followUps.what'), cell: what },
    ...(scope === 'unit' ? [{ header: t('followUps.officer'), cell: (item: FollowUp) => item.officerName }] : []),
    {
      header: t('followUps.due'),
      // A returned assessment is to be redone now: it has no day of its own.
      cellClassName: (item) => (item.kind !== 'assessmentReturned' && item.dueAt < now ? 'overdue' : undefined),
      cell: (item) =>
        item.kind === 'assessmentReturned' ? (
          '—'
        ) : (
          <>
            {formatDateTime(item.dueAt, i18n.language)}
            {item.dueAt < now ? ` · ${t('followUps.overdue')}` : ''}
          </>
        ),
    },
  ];
  return (
    <section className="follow-ups" aria-labelledby={`follow-ups-${scope}`}>
      <h2 id={`follow-ups-${scope}`}>{t('followUps.title')}</h2>
      <ErrorMessage error={followUps.error} />
      {items === null ? null : items.length === 0 ? (
        <p>{t('followUps.none')}</p>
      ) : (
        <RoomDisclosure
          reveal={reveal}
          id={`follow-ups-${scope}-items`}
          label={t('room.showFollowUps', { count: items.length })}
        >
          <DataTable
            className="list"
            rows={items}
            rowKey={(item) => `${item.kind}:${item.hearingId}`}
            rowProps={(item) => ({ 'data-kind': item.kind })}
            columns={columns}
          />
        </RoomDisclosure>
      )}
    </section>
  );
}
