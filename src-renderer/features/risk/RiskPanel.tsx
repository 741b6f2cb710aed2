import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answers } from '../../../forms/engine';
import { evaluateRisk } from '../../../forms/risk/evaluate';
import { RISK_LEVELS, type RiskDefinition, type RiskLevel } from '../../../forms/risk/risk-definition';
import { useMutation } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { ErrorMessage, FieldError, FormActions } from '../../ui';
import { unsavedReason, type AutosaveQueue } from '../../form-engine/autosave';
import { RiskAssessmentList } from './RiskAssessmentList';
import { RiskEvents } from './RiskEvents';
import { ReviewComment } from './ReviewComment';
import { RiskResultView } from './RiskResultView';
import { riskState, type RiskHistory } from './risk-state';
import { RiskVictimView } from './RiskVictimView';
import { SupervisorReview } from './SupervisorReview';
import { RoomDisclosure } from '../room/RoomDisclosure';
import { useRoomReveal } from '../room/room-mode';

interface RiskPanelProps {
  hearingId: string;
  definition: RiskDefinition;
  riskAnswers: Partial<Answers>;
  factsAnswers: Partial<Answers>;
  digitalAnswers: Partial<Answers>;
  history: RiskHistory | null;
  /** The owner assesses; a supervisor of the unit reviews. */
  access: 'owner' | 'review';
  queue: AutosaveQueue;
  onChanged: () => void;
}

/**
 * Under the risk questions: the result as the answers stand, always with its reasons; her own
 * view; the officer's judgement; submitting; and the assessments made before, with what changed.
 */
export function RiskPanel({
  hearingId,
  definition,
  riskAnswers,
  factsAnswers,
  digitalAnswers,
  history,
  access,
  queue,
  onChanged,
}: RiskPanelProps) {
  const { t, i18n } = useTranslation();
  const { input, latest, upToDate } = riskState(definition, riskAnswers, factsAnswers, digitalAnswers, history);
  const live = evaluateRisk(definition, input);
  const [judgement, setJudgement] = useState<'none' | 'raise' | 'lower'>('none');
  const [judgementLevel, setJudgementLevel] = useState<RiskLevel | ''>('');
  const [reason, setReason] = useState('');
  const submitAssessment = useMutation('risk.submit');
  const error = submitAssessment.error;
  const [submitted, setSubmitted] = useState<RiskLevel | null>(null);
  const ids = useId();
  // The level, its reasons and the judgement on it are the officer's: in room mode, shown on her click only.
  const reveal = useRoomReveal();

  const proposed =
    judgement === 'none' || judgementLevel === ''
      ? live
      : evaluateRisk(definition, {
          ...input,
          judgement:
            judgement === 'raise'
              ? { raise: { level: judgementLevel, reason } }
              : { lowering: { level: judgementLevel, reason, decision: 'pending' } },
        });
  const levelChoices = RISK_LEVELS.filter((l) =>
    judgement === 'raise' ? l > live.computedLevel : l < live.computedLevel,
  );

  async function submit() {
    submitAssessment.setError(null);
    // What she said must be stored before main evaluates it.
    await queue.flush();
    if (queue.hasUnsaved()) {
      const status = queue.getStatus();
      return submitAssessment.setError(unsavedReason(status, 'The answers are not saved yet'));
    }
    const result = await submitAssessment.run({
      hearingId,
      definitionVersion: definition.version,
      // What called for this assessment: the first, an event since the last one, or its date.
      trigger: !latest ? 'initial' : (history?.events.find((e) => e.at > latest.createdAt)?.kind ?? 'scheduled'),
      ...(judgement === 'raise' && judgementLevel !== '' ? { raise: { level: judgementLevel, reason } } : {}),
      ...(judgement === 'lower' && judgementLevel !== '' ? { lowering: { level: judgementLevel, reason } } : {}),
    });
    if (!result.ok) return;
    setSubmitted(result.value.level);
    setJudgement('none');
    setJudgementLevel('');
    setReason('');
    onChanged();
  }

  return (
    <section className="risk-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('risk.result.title')}</h3>
      <RoomDisclosure reveal={reveal} id={`${ids}-assessment`} label={t('room.showAssessment')} keepMounted>
        {latest?.reviewStatus === 'returned' ? (
          // First in the panel: the comment also sits with the assessment, far below.
          <div className="notice warning returned-assessment">
            <p>
              {t('risk.review.returnedNotice', {
                name: latest.reviewedByName ?? '—',
                time: latest.reviewedAt ? formatDateTime(latest.reviewedAt, i18n.language) : '—',
              })}
            </p>
            <ReviewComment comment={latest.reviewComment} />
          </div>
        ) : null}
        <RiskResultView result={proposed} t={t} />
        <RiskVictimView definition={definition} input={input} riskAnswers={riskAnswers} />

        {access === 'owner' ? (
          <section className="judgement" aria-labelledby={`${ids}-judgement`}>
            <h4 id={`${ids}-judgement`}>{t('risk.judgement.title')}</h4>
            <fieldset className="field">
              <legend>{t('risk.judgement.choice')}</legend>
              <div className="choices">
                {(['none', 'raise', 'lower'] as const).map((choice) => (
                  <label key={choice} className="choice">
                    <input
                      type="radio"
                      name={`${ids}-judgement`}
                      value={choice}
                      checked={judgement === choice}
                      disabled={
                        (choice === 'raise' && live.computedLevel === 4) ||
                        (choice === 'lower' && live.computedLevel === 1)
                      }
                      onChange={() => {
                        setJudgement(choice);
                        setJudgementLevel('');
                      }}
                    />
                    <span>{t(`risk.judgement.${choice}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {judgement !== 'none' ? (
              <>
                {judgement === 'lower' ? (
                  <p className="field-help">{t('risk.judgement.floor', { level: t(`risk.level.${live.floor}`) })}</p>
                ) : null}
                <div className="field">
                  <label htmlFor={`${ids}-level`}>{t('risk.judgement.level')}</label>
                  <select
                    id={`${ids}-level`}
                    value={judgementLevel}
                    onChange={(e) =>
                      setJudgementLevel(e.target.value === '' ? '' : (Number(e.target.value) as RiskLevel))
                    }
                  >
                    <option value="">{t('answer.choose')}</option>
                    {levelChoices.map((l) => (
                      <option key={l} value={l}>
                        {t(`risk.level.${l}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${ids}-reason`}>{t('risk.judgement.reason')}</label>
                  <textarea
                    id={`${ids}-reason`}
                    rows={3}
                    maxLength={5_000}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </div>
                {proposed.judgementProblem ? (
                  <FieldError>
                    {t(`risk.judgement.problem.${proposed.judgementProblem}`, { level: t(`risk.level.${live.floor}`) })}
                  </FieldError>
                ) : null}
              </>
            ) : null}
            <ErrorMessage error={error} />
            {error?.code === 'RISK_INCOMPLETE' ? (
              <p className="field-help">
                {t('risk.result.unansweredList', { items: (error.fields ?? []).join(', ') })}
              </p>
            ) : null}
            {submitted !== null ? (
              <p className="notice" role="status">
                {t('risk.result.submitted', { level: t(`risk.level.${submitted}`) })}
              </p>
            ) : null}
            <FormActions>
              <button type="button" className="primary" onClick={() => void submit()}>
                {latest ? t('risk.result.submitAgain') : t('risk.result.submit')}
              </button>
              {latest && !upToDate ? <span className="badge">{t('risk.result.changedSinceSubmitted')}</span> : null}
            </FormActions>
          </section>
        ) : null}

        {latest && access === 'review' && latest.reviewStatus === 'pending' ? (
          <SupervisorReview assessment={latest} onChanged={onChanged} />
        ) : null}

        <RiskEvents hearingId={hearingId} history={history} canRecord={access === 'owner'} onChanged={onChanged} />

        <RiskAssessmentList history={history} />
      </RoomDisclosure>
    </section>
  );
}
