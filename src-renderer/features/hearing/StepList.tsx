import { useTranslation } from 'react-i18next';
import { FORMS } from '../../../forms/answers';
import { missingBeforeClose, type Answers } from '../../../forms/engine';
import { hrefOf } from '../../app/navigation';
import type { Step } from './hearing-steps';

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
          const missing =
            (step.form ? missingBeforeClose(step.form, answersOf(step.formId)).length : 0) + approvalMissing;
          return (
            <li key={step.formId}>
              <a
                href={hrefOf({ screen: 'hearing', hearingId, step: step.formId })}
                aria-current={step === current ? 'step' : undefined}
              >
                {titleOf(step)}
              </a>
              <span className={missing > 0 ? 'step-state missing' : 'step-state done'}>
                {missing > 0 ? t('hearing.toComplete', { count: missing }) : t('hearing.complete')}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
