import { useTranslation } from 'react-i18next';
import { formRegistry } from '../../../forms/registry';
import { definitionKey } from '../../../forms/translation';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { formatDateTime } from '../../i18n';
import { DataTable } from '../../ui';

export type HearingListEntry = ChannelOutput<'hearings.listMine'>['open'][number];

/**
 * Hearings by reference and PV number (never a name), with their progress by step and their
 * dates: open ones, or recently closed ones. A reference opens the hearing where she stopped.
 */
export function HearingTable({ hearings, closed = false }: { hearings: HearingListEntry[]; closed?: boolean }) {
  const { t, i18n } = useTranslation();
  const titleOf = (formId: string) => {
    const form = formRegistry.latest(formId);
    return form ? t(definitionKey(form.titleKey)) : formId;
  };
  return (
    <DataTable
      className="list hearing-list"
      rows={hearings}
      rowKey={(h) => h.id}
      rowProps={(h) => ({ 'data-hearing': h.id })}
      columns={[
        {
          header: t('hearings.reference'),
          cell: (h) => <a href={`#/hearing/${h.id}`}>{h.reference}</a>,
          rowHeader: true,
        },
        {
          header: t('hearings.pvNumber'),
          cell: (h) => h.pvNumber ?? <span className="no-answer">{t('hearings.noPvNumber')}</span>,
        },
        ...(closed
          ? []
          : [
              {
                header: t('hearings.progress'),
                cell: (h: HearingListEntry) => {
                  const left = h.steps.filter((s) => s.missing > 0);
                  return (
                    <div className="hearing-progress">
                      <progress max={h.steps.length} value={h.steps.length - left.length} aria-hidden="true" />
                      <span>
                        {t('hearings.stepsComplete', { done: h.steps.length - left.length, total: h.steps.length })}
                      </span>
                      {left.length > 0 ? (
                        <span className="steps-left">
                          {t('hearings.toComplete', { steps: left.map((s) => titleOf(s.formId)).join(', ') })}
                        </span>
                      ) : null}
                      {h.lastStep ? (
                        <span className="resume-at">{t('hearings.resumeAt', { step: titleOf(h.lastStep) })}</span>
                      ) : null}
                    </div>
                  );
                },
              },
            ]),
        { header: t('hearings.created'), cell: (h) => formatDateTime(h.createdAt, i18n.language) },
        {
          header: closed ? t('hearings.closed') : t('hearings.lastChange'),
          cell: (h) => formatDateTime(closed ? (h.closedAt ?? h.updatedAt) : h.updatedAt, i18n.language),
        },
      ]}
    />
  );
}
