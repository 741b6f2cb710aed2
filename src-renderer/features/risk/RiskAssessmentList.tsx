import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n';
import { ReviewComment } from './ReviewComment';
import { RiskComparisonView } from './RiskComparisonView';
import { RiskResultView } from './RiskResultView';
import type { RiskHistory } from './risk-state';

/** The assessments made before, newest first, each with its review, its judgement and what changed. */
export function RiskAssessmentList({ history }: { history: RiskHistory | null }) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  return (
    <section className="risk-history" aria-labelledby={`${ids}-history`}>
      <h4 id={`${ids}-history`}>{t('risk.history.title')}</h4>
      {history === null || history.assessments.length === 0 ? <p>{t('risk.history.none')}</p> : null}
      <ol>
        {history?.assessments.map((a) => (
          <li key={a.id} className="risk-assessment" data-assessment={a.sequence}>
            <p>
              <strong>{t('risk.history.entry', { sequence: a.sequence, level: t(`risk.level.${a.level}`) })}</strong> ·{' '}
              {t('risk.history.by', { name: a.createdByName, time: formatDateTime(a.createdAt, i18n.language) })} ·{' '}
              {t(`risk.review.status.${a.reviewStatus}`)}
              {a.reviewedByName && a.reviewedAt
                ? ` (${t('risk.history.reviewedBy', { name: a.reviewedByName, time: formatDateTime(a.reviewedAt, i18n.language) })})`
                : null}
            </p>
            <ReviewComment comment={a.reviewComment} />
            {a.raiseReason ? <p>{t('risk.history.raised', { reason: a.raiseReason })}</p> : null}
            {a.lowering ? (
              <p>
                {t('risk.history.lowering', {
                  level: t(`risk.level.${a.lowering.level}`),
                  reason: a.lowering.reason,
                  status: t(`risk.lowering.${a.lowering.status}`),
                })}
              </p>
            ) : null}
            {a.latest ? (
              <p>
                {history?.pairReassessmentElsewhereSince
                  ? t('risk.history.reassessmentElsewhere', {
                      time: formatDateTime(history.pairReassessmentElsewhereSince, i18n.language),
                    })
                  : t('risk.history.nextDue', { time: formatDateTime(a.nextDueAt, i18n.language) })}
              </p>
            ) : null}
            {a.comparison ? <RiskComparisonView comparison={a.comparison} t={t} /> : null}
            <details>
              <summary>{t('risk.history.details')}</summary>
              <RiskResultView result={a.result} t={t} />
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
