import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { describedBy, ErrorMessage, FieldError, FormActions } from '../../ui';

/** A supervisor of the unit: approve, or return with a comment; and decide any request to lower. */
export function SupervisorReview({ assessment, onChanged }: { assessment: RiskAssessmentView; onChanged: () => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [comment, setComment] = useState('');
  const [lowering, setLowering] = useState<'approve' | 'refuse' | ''>('');
  const review = useMutation('risk.review');
  const [done, setDone] = useState<string | null>(null);
  const [commentMissing, setCommentMissing] = useState(false);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  const loweringPending = assessment.lowering?.status === 'pending';

  async function decide(decision: 'approve' | 'return') {
    // The officer acts on a returned assessment from the comment alone: say so before sending.
    if (decision === 'return' && !comment.trim()) {
      setCommentMissing(true);
      commentInput.current?.focus();
      return;
    }
    const result = await review.run({
      assessmentId: assessment.id,
      decision,
      ...(comment.trim() ? { comment } : {}),
      ...(loweringPending && lowering !== '' ? { lowering } : {}),
    });
    if (!result.ok) return;
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
        <p id={`${ids}-comment-hint`} className="field-help">
          {t('risk.review.commentHint')}
        </p>
        <textarea
          id={`${ids}-comment`}
          ref={commentInput}
          rows={3}
          maxLength={5_000}
          value={comment}
          aria-invalid={commentMissing || undefined}
          aria-describedby={describedBy(`${ids}-comment`, true, commentMissing)}
          onChange={(e) => {
            setComment(e.target.value);
            if (e.target.value.trim()) setCommentMissing(false);
          }}
        />
        <FieldError id={`${ids}-comment-error`} problem={commentMissing ? 'risk.review.commentRequired' : null} />
      </div>
      <ErrorMessage error={review.error} />
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <FormActions>
        <button type="button" className="primary" onClick={() => void decide('approve')}>
          {t('risk.review.approve')}
        </button>
        <button type="button" onClick={() => void decide('return')}>
          {t('risk.review.return')}
        </button>
      </FormActions>
    </section>
  );
}
