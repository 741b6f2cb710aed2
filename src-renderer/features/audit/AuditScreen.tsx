import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerificationView } from '../../../src-main/api/contract';
import { useChannel } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { ErrorMessage } from '../../ui';
import { AuditFindings } from './AuditFindings';
import { BrokenNotice } from './BrokenNotice';

type Scope = AuditVerificationView['scope'];

/**
 * The administrator's check of the audit trail: verified up to which entry and when, or the
 * first broken entry; the damage on record, which stays; a verification from the first entry.
 * Opening the screen verifies the entries since the last checkpoint (quick at any length).
 */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [scope, setScope] = useState<Scope>('sinceCheckpoint');
  const check = useChannel('audit.verify', { scope });
  const verifying = check.loading;
  const verifyFull = () => (scope === 'full' ? void check.reload() : setScope('full'));

  const status = check.data;
  const language = i18n.language;
  const at = (epochMs: number) => formatDateTime(epochMs, language);
  const latest = status?.verification;
  const startBroken = status?.atStart.broken ?? null;
  // The start's finding, unless the verification shown is the start's own or found the same.
  const showStart =
    status && startBroken && !(latest?.broken?.kind === startBroken.kind && latest.broken.seq === startBroken.seq);

  return (
    <section className="page audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <ErrorMessage error={verifying ? null : check.error} />
      <div role="status" className="audit-result">
        {verifying ? (
          <p>{t('audit.verifying')}</p>
        ) : latest ? (
          <>
            {latest.verifiedUpTo > 0 ? (
              <p className={latest.broken ? undefined : 'success'}>
                {t('audit.verifiedUpTo', { seq: latest.verifiedUpTo, at: at(latest.at) })}
              </p>
            ) : null}
            <p>
              {latest.scope === 'full'
                ? t('audit.scope.full', {
                    seconds: (latest.ms / 1000).toLocaleString(language, { maximumFractionDigits: 1 }),
                  })
                : t('audit.scope.sinceCheckpoint', { from: latest.fromSeq })}
            </p>
          </>
        ) : null}
      </div>
      {latest?.broken ? <BrokenNotice broken={latest.broken} /> : null}
      {showStart && status ? <BrokenNotice broken={startBroken} foundAtStart={at(status.atStart.at)} /> : null}
      {status?.lastFull && latest?.scope !== 'full' ? (
        <p>{t('audit.lastFull', { at: at(status.lastFull.at) })}</p>
      ) : null}
      {status && status.keyedFrom > 1 ? <p>{t('audit.keyedFrom', { seq: status.keyedFrom })}</p> : null}
      <p id="audit-full-hint" className="field-help">
        {t('audit.fullHint')}
      </p>
      <button
        type="button"
        className="primary"
        onClick={verifyFull}
        disabled={verifying}
        aria-describedby="audit-full-hint"
      >
        {t('audit.verifyFull')}
      </button>
      {status ? <AuditFindings reported={status.reported} at={at} /> : null}
    </section>
  );
}
