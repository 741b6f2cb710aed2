import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Answers } from '../../forms/engine';
import { evaluateRisk, type RiskComparison, type RiskResult } from '../../forms/risk/evaluate';
import { RISK_EVENT_KINDS, RISK_LEVELS, type RiskDefinition, type RiskLevel } from '../../forms/risk/risk-definition';
import { OTHER_WORRIES_FIELD_ID, riskInputFromAnswers } from '../../forms/risk/risk-form';
import type { ChannelOutput, RiskAssessmentView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import type { AutosaveQueue } from '../form-engine/autosave';
import { formatDateTime } from '../i18n';

export type RiskHistory = ChannelOutput<'risk.history'>;

/** The assessment the risk step's answers would give now, and whether the stored one still matches them. */
export function riskState(
  definition: RiskDefinition,
  riskAnswers: Partial<Answers>,
  factsAnswers: Partial<Answers>,
  digitalAnswers: Partial<Answers>,
  history: RiskHistory | null,
) {
  const input = riskInputFromAnswers(definition, riskAnswers, factsAnswers, digitalAnswers);
  const latest = history?.assessments.find((a) => a.latest) ?? null;
  const stored = latest
    ? {
        answers: latest.input.answers,
        barriers: latest.input.barriers,
        facts: latest.input.facts,
        ...(latest.input.digital ? { digital: latest.input.digital } : {}),
      }
    : null;
  const upToDate = stored !== null && JSON.stringify(stored) === JSON.stringify(input);
  return {
    input,
    latest,
    upToDate,
    missing: latest === null ? ['assessment'] : upToDate ? [] : ['assessmentOutdated'],
  };
}

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
  const [error, setError] = useState<ApiError | null>(null);
  const [submitted, setSubmitted] = useState<RiskLevel | null>(null);
  const ids = useId();

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
    setError(null);
    // What she said must be stored before main evaluates it.
    await queue.flush();
    if (queue.hasUnsaved()) {
      const status = queue.getStatus();
      return setError(
        status.state === 'error' ? status.error : { code: 'TRANSPORT', message: 'The answers are not saved yet' },
      );
    }
    const result = await call('risk.submit', {
      hearingId,
      definitionVersion: definition.version,
      // What called for this assessment: the first, an event since the last one, or its date.
      trigger: !latest ? 'initial' : (history?.events.find((e) => e.at > latest.createdAt)?.kind ?? 'scheduled'),
      ...(judgement === 'raise' && judgementLevel !== '' ? { raise: { level: judgementLevel, reason } } : {}),
      ...(judgement === 'lower' && judgementLevel !== '' ? { lowering: { level: judgementLevel, reason } } : {}),
    });
    if (!result.ok) return setError(result.error);
    setSubmitted(result.value.level);
    setJudgement('none');
    setJudgementLevel('');
    setReason('');
    onChanged();
  }

  return (
    <section className="risk-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('risk.result.title')}</h3>
      <RiskResultView result={proposed} t={t} />
      <section className="victim-view" aria-labelledby={`${ids}-victim`}>
        <h4 id={`${ids}-victim`}>{t('risk.result.victimView')}</h4>
        <ul>
          {definition.victimViewItems.map((item) => (
            <li key={item}>
              {t(`risk.items.${item}.short`)}:{' '}
              <strong>
                {input.answers[item]?.answer
                  ? t(`answer.${input.answers[item]!.answer}`)
                  : t('risk.result.notAnswered')}
              </strong>
            </li>
          ))}
          <li>
            {t('risk.otherWorries.short')}:{' '}
            {typeof riskAnswers[OTHER_WORRIES_FIELD_ID] === 'string' && riskAnswers[OTHER_WORRIES_FIELD_ID] ? (
              <q>{riskAnswers[OTHER_WORRIES_FIELD_ID] as string}</q>
            ) : (
              t('risk.result.notAnswered')
            )}
          </li>
        </ul>
      </section>

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
                <p className="field-error" role="alert">
                  {t(`risk.judgement.problem.${proposed.judgementProblem}`, { level: t(`risk.level.${live.floor}`) })}
                </p>
              ) : null}
            </>
          ) : null}
          <ErrorMessage error={error} />
          {error?.code === 'RISK_INCOMPLETE' ? (
            <p className="field-help">{t('risk.result.unansweredList', { items: (error.fields ?? []).join(', ') })}</p>
          ) : null}
          {submitted !== null ? (
            <p className="notice" role="status">
              {t('risk.result.submitted', { level: t(`risk.level.${submitted}`) })}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void submit()}>
              {latest ? t('risk.result.submitAgain') : t('risk.result.submit')}
            </button>
            {latest && !upToDate ? <span className="badge">{t('risk.result.changedSinceSubmitted')}</span> : null}
          </div>
        </section>
      ) : null}

      {latest && access === 'review' && latest.reviewStatus === 'pending' ? (
        <SupervisorReview assessment={latest} onChanged={onChanged} />
      ) : null}

      <RiskEvents hearingId={hearingId} history={history} canRecord={access === 'owner'} onChanged={onChanged} />

      <section className="risk-history" aria-labelledby={`${ids}-history`}>
        <h4 id={`${ids}-history`}>{t('risk.history.title')}</h4>
        {history === null || history.assessments.length === 0 ? <p>{t('risk.history.none')}</p> : null}
        <ol>
          {history?.assessments.map((a) => (
            <li key={a.id} className="risk-assessment" data-assessment={a.sequence}>
              <p>
                <strong>{t('risk.history.entry', { sequence: a.sequence, level: t(`risk.level.${a.level}`) })}</strong>{' '}
                · {t('risk.history.by', { name: a.createdByName, time: formatDateTime(a.createdAt, i18n.language) })} ·{' '}
                {t(`risk.review.status.${a.reviewStatus}`)}
                {a.reviewedByName && a.reviewedAt
                  ? ` (${t('risk.history.reviewedBy', { name: a.reviewedByName, time: formatDateTime(a.reviewedAt, i18n.language) })})`
                  : null}
              </p>
              {a.reviewComment ? (
                <p className="review-comment">
                  {t('risk.review.comment')}: {a.reviewComment}
                </p>
              ) : null}
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
                <p>{t('risk.history.nextDue', { time: formatDateTime(a.nextDueAt, i18n.language) })}</p>
              ) : null}
              {a.comparison ? <ComparisonView comparison={a.comparison} t={t} /> : null}
              <details>
                <summary>{t('risk.history.details')}</summary>
                <RiskResultView result={a.result} t={t} />
              </details>
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}

/** Never a bare number: the level, then each rule that set it and the items behind it. */
export function RiskResultView({ result, t }: { result: RiskResult; t: TFunction }) {
  // Risk items with their short name; digital-violence prompts (G1.3) by their id, named below.
  const itemList = (items: string[]) =>
    items.map((i) => (/^G\d\.\d$/.test(i) ? i : `${i} ${t(`risk.items.${i}.short`)}`)).join(', ');
  return (
    <div className={`risk-result level-${result.level}`} data-risk-level={result.level}>
      <p className="risk-level">
        {t('risk.result.level')} <strong>{t(`risk.level.${result.level}`)}</strong>
        {result.level !== result.computedLevel
          ? ` (${t('risk.result.computed', { level: t(`risk.level.${result.computedLevel}`) })})`
          : null}
      </p>
      {result.unanswered.length > 0 ? (
        <p className="notice" role="note">
          {t('risk.result.provisional', { count: result.unanswered.length })}
        </p>
      ) : null}
      {result.uncertainty.insufficient ? (
        <p className="notice warning" role="note">
          {t('risk.result.insufficient', { items: itemList(result.uncertainty.items) })}
        </p>
      ) : null}
      <ul className="risk-reasons" aria-label={t('risk.result.why')}>
        {result.steps.map((step, i) => (
          <li key={i} data-rule={step.rule}>
            {t(`risk.rules.${step.rule}`, {
              from: t(`risk.level.${step.from}`),
              to: t(`risk.level.${step.to}`),
              items: itemList(step.items),
              flags: (step.flags ?? []).join(', '),
              score: result.score,
            })}
          </li>
        ))}
      </ul>
      {result.redFlags.length > 0 ? (
        <div className="red-flags">
          <p>{t('risk.result.redFlags')}</p>
          <ul>
            {result.redFlags.map((flag) => (
              <li key={flag.id} data-red-flag={flag.id}>
                <strong>{flag.id}</strong> {t(`risk.flags.${flag.id}`)} ({itemList(flag.items)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.digitalSignals.length > 0 ? (
        <div className="digital-signals">
          <p>{t('risk.result.digitalSignals')}</p>
          <ul>
            {result.digitalSignals.map((signal) => (
              <li key={signal.id} data-signal={signal.id}>
                <strong>{signal.id}</strong> {t(`risk.signals.${signal.id}`)} ({signal.prompts.join(', ')}) ·{' '}
                {t(`risk.signalEffect.${signal.effect}`)}
              </li>
            ))}
          </ul>
          {result.digitalSignals
            .filter((signal) => signal.flag)
            .map((signal) => (
              <p key={signal.flag} className="notice warning" role="note" data-flag={signal.flag}>
                {t(`digital.signals.${signal.flag}`)}
              </p>
            ))}
        </div>
      ) : null}
      {result.digitalItems.length > 0 ? (
        <p>
          {t('risk.result.fromDigital', {
            items: result.digitalItems
              .map(
                (d) =>
                  `${d.item} ${t(`risk.items.${d.item}.short`)}: ${t(`answer.${d.answer}`)} (${d.prompts.join(', ')})`,
              )
              .join('; '),
          })}
        </p>
      ) : null}
      {result.uncertainty.items.length > 0 && !result.uncertainty.insufficient ? (
        <p>{t('risk.result.uncertainItems', { items: itemList(result.uncertainty.items) })}</p>
      ) : null}
      {result.barriers.length > 0 ? (
        <p>{t('risk.result.barriers', { barriers: result.barriers.map((b) => t(`risk.barriers.${b}`)).join('; ') })}</p>
      ) : null}
      <p>
        {result.reassessWithinHours > 72
          ? t('risk.result.reassessDays', { count: Math.round(result.reassessWithinHours / 24) })
          : t('risk.result.reassess', { count: result.reassessWithinHours })}
      </p>
      <div className="risk-measures">
        <p>{t('risk.result.procedure')}</p>
        <ul>
          {result.procedureKeys.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <p>{t('risk.result.measures')}</p>
        <ul>
          {result.measures.map((m) => (
            <li key={m}>{t(`risk.measures.${m}`)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function ComparisonView({ comparison, t }: { comparison: RiskComparison; t: TFunction }) {
  return (
    <div className="risk-comparison">
      <p>
        {t('risk.history.sincePrevious', {
          from: t(`risk.level.${comparison.levelFrom}`),
          to: t(`risk.level.${comparison.levelTo}`),
        })}
      </p>
      {comparison.newRedFlags.length > 0 ? (
        <p className="new-red-flags">
          <strong>
            {t('risk.history.newRedFlags', {
              flags: comparison.newRedFlags.map((f) => `${f} ${t(`risk.flags.${f}`)}`).join('; '),
            })}
          </strong>
        </p>
      ) : null}
      {comparison.goneRedFlags.length > 0 ? (
        <p>{t('risk.history.goneRedFlags', { flags: comparison.goneRedFlags.join(', ') })}</p>
      ) : null}
      {comparison.changedItems.length > 0 ? (
        <ul>
          {comparison.changedItems.map((c) => (
            <li key={c.item}>
              {t('risk.history.changedItem', {
                item: `${c.item} ${t(`risk.items.${c.item}.short`)}`,
                from: c.from ? t(`answer.${c.from}`) : '—',
                to: c.to ? t(`answer.${c.to}`) : '—',
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('risk.history.noChangedItems')}</p>
      )}
    </div>
  );
}

/** A supervisor of the unit: approve, or return with a comment; and decide any request to lower. */
function SupervisorReview({ assessment, onChanged }: { assessment: RiskAssessmentView; onChanged: () => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [comment, setComment] = useState('');
  const [lowering, setLowering] = useState<'approve' | 'refuse' | ''>('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const loweringPending = assessment.lowering?.status === 'pending';

  async function decide(decision: 'approve' | 'return') {
    setError(null);
    const result = await call('risk.review', {
      assessmentId: assessment.id,
      decision,
      ...(comment.trim() ? { comment } : {}),
      ...(loweringPending && lowering !== '' ? { lowering } : {}),
    });
    if (!result.ok) return setError(result.error);
    setDone(t(`risk.review.status.${result.value.reviewStatus}`));
    onChanged();
  }

  return (
    <section className="supervisor-review" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`}>{t('risk.review.title')}</h4>
      {loweringPending && assessment.lowering ? (
        <fieldset className="field">
          <legend>
            {t('risk.review.loweringQuestion', {
              level: t(`risk.level.${assessment.lowering.level}`),
              reason: assessment.lowering.reason,
            })}
          </legend>
          <div className="choices">
            {(['approve', 'refuse'] as const).map((choice) => (
              <label key={choice} className="choice">
                <input
                  type="radio"
                  name={`${ids}-lowering`}
                  value={choice}
                  checked={lowering === choice}
                  onChange={() => setLowering(choice)}
                />
                <span>{t(`risk.review.lowering.${choice}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={`${ids}-comment`}>{t('risk.review.comment')}</label>
        <textarea
          id={`${ids}-comment`}
          rows={3}
          maxLength={5_000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <ErrorMessage error={error} />
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void decide('approve')}>
          {t('risk.review.approve')}
        </button>
        <button type="button" onClick={() => void decide('return')}>
          {t('risk.review.return')}
        </button>
      </div>
    </section>
  );
}

/** Events that call for a reassessment now: a breach, a release, her request... */
function RiskEvents({
  hearingId,
  history,
  canRecord,
  onChanged,
}: {
  hearingId: string;
  history: RiskHistory | null;
  canRecord: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [kind, setKind] = useState<(typeof RISK_EVENT_KINDS)[number] | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function record() {
    if (kind === '') return;
    setError(null);
    const result = await call('risk.noteEvent', { hearingId, kind, note });
    if (!result.ok) return setError(result.error);
    setKind('');
    setNote('');
    onChanged();
  }

  return (
    <section className="risk-events" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`}>{t('risk.events.title')}</h4>
      {history && history.events.length > 0 ? (
        <ul>
          {history.events.map((e) => (
            <li key={e.id}>
              {t(`risk.events.kind.${e.kind}`)} · {formatDateTime(e.at, i18n.language)} · {e.recordedByName}
              {e.note ? ` · ${e.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {canRecord ? (
        <div className="inline-group">
          <div className="field">
            <label htmlFor={`${ids}-kind`}>{t('risk.events.kindLabel')}</label>
            <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="">{t('answer.choose')}</option>
              {RISK_EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`risk.events.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-note`}>{t('risk.events.note')}</label>
            <input
              id={`${ids}-note`}
              type="text"
              maxLength={5_000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              autoComplete="off"
            />
          </div>
          <button type="button" onClick={() => void record()} disabled={kind === ''}>
            {t('risk.events.record')}
          </button>
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}
