import { useTranslation } from 'react-i18next';
import type { AuditStatusView } from '../../../src-main/api/contract';
import { DataTable } from '../../ui';

/** Every finding on record in the trail, the latest first. */
export function AuditFindings({
  reported,
  at,
}: {
  reported: AuditStatusView['reported'];
  at: (epochMs: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <section className="audit-recorded" aria-labelledby="audit-recorded-title">
      <h2 id="audit-recorded-title">{t('audit.recorded.title')}</h2>
      {reported.length === 0 ? (
        <p className="success">{t('audit.recorded.none')}</p>
      ) : (
        <>
          <p>{t('audit.recorded.intro')}</p>
          <div className="table-scroll" role="region" aria-labelledby="audit-recorded-caption" tabIndex={0}>
            <DataTable
              className="list"
              caption={t('audit.recorded.caption')}
              captionId="audit-recorded-caption"
              captionHidden
              rows={[...reported].reverse()}
              rowKey={(finding) => finding.entrySeq}
              columns={[
                { header: t('audit.recorded.at'), cell: (finding) => at(finding.at) },
                { header: t('audit.recorded.kind'), cell: (finding) => t(`audit.kindShort.${finding.kind}`) },
                {
                  header: t('audit.recorded.entry'),
                  cell: (finding) => finding.brokenAt ?? <span className="muted">{t('audit.recorded.sealFile')}</span>,
                },
                { header: t('audit.recorded.record'), cell: (finding) => finding.entrySeq },
              ]}
            />
          </div>
        </>
      )}
    </section>
  );
}
