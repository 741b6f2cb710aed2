import { useTranslation } from 'react-i18next';
import { FORMS } from '../../../forms/answers';
import type { Answers } from '../../../forms/engine';
import { hrefOf } from '../../app/navigation';
import type { Step } from './hearing-steps';
import { stepProgress } from './step-progress';

/** The hearing's steps, each with what is left to complete in it; the current one marked. */
export function StepList({
  hearingId,
  steps,
  current,
  statementApproved,
  riskMissing,
  answersOf,
  titleOf,
}: {
  hearingId: string;
  steps: Step[];
  current: Step;
  statementApproved: boolean;
  /** What the risk step still needs besides its questions: the assessment, or a new one. */
  riskMissing: number;
  answersOf: (formId: string) => Partial<Answers>;
  titleOf: (step: Step) => string;
}) {
  const { t } = useTranslation();
  return (
    <nav className="steps" aria-label={t('hearing.steps')}>
      <ol>
        {steps.map((step) => {
          // The statement is complete only once she has approved it.
          const approvalMissing =
            (step.formId === FORMS.statement && !statementApproved ? 1 : 0) +
            (step.formId === FORMS.risk ? riskMissing : 0);
          const progress = stepProgress(step.form, answersOf(step.formId), approvalMissing);
          return (
            <li key={step.formId}>
              <a
                href={hrefOf({ screen: 'hearing', hearingId, step: step.formId })}
                aria-current={step === current ? 'step' : undefined}
              >
                {titleOf(step)}
              </a>
              <span className={`step-state ${progress.state === 'complete' ? 'done' : progress.state}`}>
                {progress.state === 'missing'
                  ? t('hearing.toComplete', { count: progress.count })
                  : progress.state === 'complete'
                    ? t('hearing.complete')
                    : t('hearing.notStarted')}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
