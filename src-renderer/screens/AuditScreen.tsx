import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditStatusView, AuditVerificationView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { formatDateTime } from '../i18n';

type Scope = AuditVerificationView['scope'];
type Broken = NonNullable<AuditVerificationView['broken']>;

/**
 * The administrator's check of the audit trail: verified up to which entry and when, or the
 * first broken entry; the damage on record, which stays; a verification from the first entry.
 * Opening the screen verifies the entries since the last checkpoint (quick at any length).
 */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<AuditStatusView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [verifying, setVerifying] = useState(true);
  const mounted = useRef(true);

  const verify = useCallback(async (scope: Scope) => {
    setVerifying(true);
    setError(null);
    const result = await call('audit.verify', { scope });
    if (!mounted.current) return;
    setVerifying(false);
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }, []);

  useEffect(() => {
    mounted.current = true;
    void verify('sinceCheckpoint');
    return () => {
      mounted.current = false;
    };
  }, [verify]);

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
      <ErrorMessage error={error} />
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
        onClick={() => void verify('full')}
        disabled={verifying}
        aria-describedby="audit-full-hint"
      >
        {t('audit.verifyFull')}
      </button>
      {status ? <Recorded reported={status.reported} at={at} /> : null}
    </section>
  );
}

function BrokenNotice({ broken, foundAtStart }: { broken: Broken; foundAtStart?: string }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner audit-broken" role="alert">
      <h2>{t('audit.broken.title')}</h2>
      {foundAtStart ? <p>{t('audit.broken.atStart', { at: foundAtStart })}</p> : null}
      {broken.seq !== null ? <p>{t('audit.broken.firstEntry', { seq: broken.seq })}</p> : null}
      <p>{t(`audit.kind.${broken.kind}`)}</p>
      <p>{t('audit.broken.whatToDo')}</p>
    </div>
  );
}

/** Every finding on record in the trail, the latest first. */
function Recorded({ reported, at }: { reported: AuditStatusView['reported']; at: (epochMs: number) => string }) {
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
            <table className="list">
              <caption id="audit-recorded-caption" className="visually-hidden">
                {t('audit.recorded.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.recorded.at')}</th>
                  <th scope="col">{t('audit.recorded.kind')}</th>
                  <th scope="col">{t('audit.recorded.entry')}</th>
                  <th scope="col">{t('audit.recorded.record')}</th>
                </tr>
              </thead>
              <tbody>
                {[...reported].reverse().map((finding) => (
                  <tr key={finding.entrySeq}>
                    <td>{at(finding.at)}</td>
                    <td>{t(`audit.kindShort.${finding.kind}`)}</td>
                    <td>{finding.brokenAt ?? <span className="muted">{t('audit.recorded.sealFile')}</span>}</td>
                    <td>{finding.entrySeq}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
