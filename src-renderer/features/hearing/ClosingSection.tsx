import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORMS } from '../../../forms/answers';
import { missingBeforeClose, type Answers } from '../../../forms/engine';
import { hrefOf, type Route } from '../../app/navigation';
import { useMutation } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { Dialog, ErrorMessage, FormActions } from '../../ui';
import type { RiskMissing } from '../risk/risk-state';
import { describeMissing } from '../statement/describe-missing';
import type { LoadedHearing, Step } from './hearing-steps';

/** One thing still to do before closing: what to say, and where it is. */
export interface Gap {
  key: string;
  text: string;
  /** Where it is answered; none for her approval, given on this very step. */
  route?: Extract<Route, { screen: 'hearing' }>;
}

/**
 * Everything still to do before closing, in the order of the steps: each question the close
 * check asks for (with those the risk assessment's level requires), each answer on screen that
 * cannot be saved as typed, the risk assessment, and her approval of the statement. Each leads to
 * its field.
 */
export function gapsToClose(
  loaded: LoadedHearing,
  steps: Step[],
  answersOf: (formId: string) => Partial<Answers>,
  riskMissing: { missing: RiskMissing[]; fieldsRequired: string[] },
  t: TFunction,
): Gap[] {
  const hearingId = loaded.hearing.id;
  const gaps: Gap[] = [];
  for (const step of steps) {
    if (!step.form) continue;
    const form = step.form;
    for (const fieldId of step.queue.invalidValues().keys()) {
      gaps.push({
        key: `${step.formId}:invalid:${fieldId}`,
        text: t('close.invalidAnswer', { what: describeMissing(form, fieldId, answersOf(step.formId), t) }),
        route: { screen: 'hearing', hearingId, step: step.formId, field: fieldId },
      });
    }
    const required = step.formId === FORMS.risk ? riskMissing.fieldsRequired : [];
    for (const path of [...missingBeforeClose(form, answersOf(step.formId)), ...required]) {
      gaps.push({
        key: `${step.formId}:${path}`,
        text: describeMissing(form, path, answersOf(step.formId), t),
        route: { screen: 'hearing', hearingId, step: step.formId, field: path.split('[')[0]!.split('.')[0]! },
      });
    }
  }
  for (const what of riskMissing.missing)
    gaps.push({
      key: `risk:${what}`,
      text: t(`close.risk.${what}`),
      route: { screen: 'hearing', hearingId, step: FORMS.risk },
    });
  if (!loaded.statement)
    gaps.push({
      key: 'statement:approval',
      text: t('close.approvalMissing'),
    });
  return gaps;
}

/**
 * Closing, at the end of the statement step: what is still missing (each item a link that puts
 * the cursor in its field); the button always answers. Pressed too early, it says why (how many,
 * and the first) and puts the cursor on the first gap's link; otherwise it asks for a
 * confirmation that says what closing does.
 */
export function ClosingSection({
  loaded,
  steps,
  gaps,
  onClosed,
}: {
  loaded: LoadedHearing;
  steps: Step[];
  gaps: Gap[];
  /** Closed: load the hearing again. */
  onClosed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const closing = useMutation('hearings.close');
  const [confirming, setConfirming] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  // Pressed too early: the gaps as they were then (answering one updates the list, not the count said).
  const [refused, setRefused] = useState<{ count: number; first: string } | null>(null);
  const closed = loaded.hearing.status === 'closed';

  function requestClose() {
    closing.setError(null);
    setUnsaved(false);
    const first = gaps[0];
    if (!first) {
      setRefused(null);
      return setConfirming(true);
    }
    setRefused({ count: gaps.length, first: first.text });
    // The cursor goes to the first thing still to do: one Enter and she is in its field.
    (
      document.querySelector<HTMLElement>('.closing .missing a') ??
      document.querySelector<HTMLElement>('.closing .missing li[tabindex]')
    )?.focus();
  }

  async function close() {
    // What is on screen is what closes: everything typed must be saved first.
    for (const step of steps) await step.queue.flush();
    if (steps.some((step) => step.queue.hasUnsaved())) {
      setConfirming(false);
      return setUnsaved(true);
    }
    const result = await closing.run({ hearingId: loaded.hearing.id });
    setConfirming(false);
    if (result.ok) onClosed();
  }

  return (
    <section className="closing" aria-labelledby="closing-title">
      <h3 id="closing-title">{t('close.title')}</h3>
      {closed ? (
        <p className="approved" role="status">
          {t('close.closedOn', { date: formatDateTime(loaded.hearing.closedAt ?? 0, i18n.language) })}
        </p>
      ) : (
        <>
          {unsaved ? (
            <p className="error-banner" role="alert">
              {t('close.notSaved')}
            </p>
          ) : null}
          {refused && gaps.length > 0 ? (
            <p className="error-banner close-refused" role="alert">
              {t('close.refused', { count: refused.count, first: refused.first })}
            </p>
          ) : null}
          <ErrorMessage error={closing.error} />
          {gaps.length === 0 ? (
            <p>{t('close.nothingMissing')}</p>
          ) : (
            <>
              <p id="closing-missing">{t('close.missingIntro')}</p>
              <ul className="missing">
                {gaps.map((gap) => (
                  <li key={gap.key} tabIndex={gap.route ? undefined : -1}>
                    {gap.route ? <a href={hrefOf(gap.route)}>{gap.text}</a> : gap.text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {confirming ? (
            <Dialog
              id="close-confirm"
              title={t('close.confirmTitle')}
              text={t('close.confirmText')}
              onCancel={() => setConfirming(false)}
            >
              <FormActions>
                <button type="button" className="primary" onClick={() => void close()} disabled={closing.pending}>
                  {t('close.confirm')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('close.keepOpen')}
                </button>
              </FormActions>
            </Dialog>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={requestClose}
              aria-describedby={gaps.length > 0 ? 'closing-missing' : undefined}
            >
              {t('close.submit')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
