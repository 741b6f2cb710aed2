import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { pdfUrl } from '../documents/printables';
import { FindingItem } from './FindingItem';

const LEVELS = ['high', 'medium', 'low'] as const;
const ADVICE = ['doNotRemove', 'forensicCopy', 'safetyPlan', 'newPhone', 'coalition'] as const;
const LIMITS = ['list', 'legitimate', 'hidden', 'notCovert', 'vendor', 'accounts'] as const;

/** The findings in plain words, grouped by level, what the check cannot show, the safety advice, the report. */
export function FindingsView({
  hearingId,
  check,
  onNext,
}: {
  hearingId: string;
  check: PhoneCheckView;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const print = useMutation('phoneCheck.printReport');
  const [report, setReport] = useState<{ url: string; fileName: string; sha256: string } | null>(null);
  const result = check.result;
  if (!result) return null;
  const shown = result.findings.filter((f) => f.level !== 'info');
  const accounts = result.findings.find((f) => f.code === 'accounts');
  return (
    <div className="panel" aria-labelledby="phone-findings-title" data-level={result.level}>
      <h4 id="phone-findings-title">{t('phoneCheck.findings.title')}</h4>
      <p className={`phone-level level-${result.level}`} data-phone-level={result.level}>
        <strong>{t(`phoneCheck.level.${result.level}`)}</strong> · {t(`phoneCheck.levelExplain.${result.level}`)}
      </p>
      {result.level === 'high' ? (
        <p className="notice warning" role="note" data-risk-fed={result.riskFed}>
          {t(result.riskFed ? 'phoneCheck.findings.riskFed' : 'phoneCheck.findings.riskManual')}
        </p>
      ) : null}
      {shown.length === 0 ? <p>{t('phoneCheck.findings.none')}</p> : null}
      {LEVELS.map((level) => {
        const mine = shown.filter((f) => f.level === level);
        return mine.length === 0 ? null : (
          <section key={level} aria-labelledby={`phone-findings-${level}`}>
            <h5 id={`phone-findings-${level}`}>
              {t(`phoneCheck.level.${level}`)} ({mine.length})
            </h5>
            <ul className="phone-findings">
              {mine.map((f, i) => (
                <FindingItem key={`${f.code}-${i}`} finding={f} />
              ))}
            </ul>
          </section>
        );
      })}
      {accounts ? (
        <p className="field-help">
          {t('phoneCheck.report.accounts', {
            total: Number(accounts.params.total),
            domains: Array.isArray(accounts.params.domains) ? accounts.params.domains.join(', ') || '–' : '–',
          })}
        </p>
      ) : null}
      <section aria-labelledby="phone-advice-title">
        <h5 id="phone-advice-title">{t('phoneCheck.advice.title')}</h5>
        <ul>
          {ADVICE.map((k) => (
            <li key={k}>{t(`phoneCheck.advice.${k}`)}</li>
          ))}
        </ul>
      </section>
      <details>
        <summary>{t('phoneCheck.limits.title')}</summary>
        <ul>
          {LIMITS.map((k) => (
            <li key={k}>{t(`phoneCheck.limits.${k}`)}</li>
          ))}
        </ul>
      </details>
      <dl className="phone-evidence" data-evidence={result.evidenceLabel}>
        <dt>{t('phoneCheck.findings.evidence')}</dt>
        <dd>{result.evidenceLabel}</dd>
        <dt>{t('phoneCheck.findings.reportHash')}</dt>
        <dd className="hash">{result.reportSha256}</dd>
        <dt>{t('phoneCheck.findings.rawHash')}</dt>
        <dd className="hash">{result.rawOutputsSha256}</dd>
        <dt>{t('phoneCheck.findings.device')}</dt>
        <dd>
          {[result.device.manufacturer, result.device.model].filter(Boolean).join(' ')}, Android{' '}
          {result.device.androidRelease ?? '?'}
        </dd>
        <dt>{t('phoneCheck.findings.drift')}</dt>
        <dd>
          {result.driftSeconds === null
            ? t('phoneCheck.report.clockUnknown')
            : t('phoneCheck.report.drift', { seconds: result.driftSeconds })}
        </dd>
        <dt>{t('phoneCheck.findings.scanned')}</dt>
        <dd>
          {t('phoneCheck.findings.scannedCounts', {
            packages: result.packages,
            commands: result.commands,
            seconds: Math.round(result.durationMs / 100) / 10,
          })}
        </dd>
        <dt>{t('phoneCheck.findings.indicators')}</dt>
        <dd className="hash">
          {result.indicators.commit.slice(0, 12)} ({result.indicators.date.slice(0, 10)})
        </dd>
      </dl>
      <ErrorMessage error={print.error} />
      {report ? (
        <p role="status" data-report-sha256={report.sha256}>
          <a href={report.url} download={report.fileName} target="_blank" rel="noreferrer">
            {t('phoneCheck.findings.openReport')}
          </a>{' '}
          <span className="hash">SHA-256 {report.sha256}</span>
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          disabled={print.pending}
          onClick={() =>
            void print.run({ hearingId, itemId: result.evidenceItemId }).then((r) => {
              if (r.ok)
                setReport({
                  url: pdfUrl(r.value.pdfBase64),
                  fileName: r.value.fileName,
                  sha256: r.value.document.sha256,
                });
            })
          }
        >
          {t('phoneCheck.findings.printReport')}
        </button>
        <button type="button" className="primary" onClick={onNext}>
          {t('phoneCheck.findings.toClosing')}
        </button>
      </div>
    </div>
  );
}
