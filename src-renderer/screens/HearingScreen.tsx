import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '../../forms/definition-schema';
import type { Answers, AnswerValue } from '../../forms/engine';
import { formRegistry } from '../../forms/registry';
import type { ChannelOutput } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { autosaveQueueFor, type AutosaveQueue } from '../form-engine/autosave';
import { StepForm, useSaveStatus } from '../form-engine/StepForm';
import { formatTime } from '../i18n';

type Loaded = ChannelOutput<'hearings.load'>;

interface Step {
  form: FormDefinition;
  queue: AutosaveQueue;
  initialAnswers: Partial<Answers>;
}

function prepareStep(loaded: Loaded, formId: string, formVersion: number): Step | null {
  // The version the hearing was opened under, not the newest: old hearings open as they were taken.
  const form = formRegistry.get(formId, formVersion);
  if (!form) return null;
  const queue = autosaveQueueFor(loaded.hearing.id, formId, (input) => call('hearings.saveAnswers', input));
  const stored = loaded.answers.filter((a) => a.formId === formId);
  queue.setRevisions(stored.map((a) => [a.fieldId, a.revision]));
  const initialAnswers: Partial<Answers> = Object.fromEntries(stored.map((a) => [a.fieldId, a.value as AnswerValue]));
  // What was typed but not yet confirmed (before a lock, or while saving failed) wins.
  for (const [fieldId, value] of queue.unsavedValues()) initialAnswers[fieldId] = value;
  return { form, queue, initialAnswers };
}

export function HearingScreen({ hearingId }: { hearingId: string }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void call('hearings.load', { hearingId }).then((result) => (result.ok ? setLoaded(result.value) : setError(result.error)));
  }, [hearingId]);

  const steps = useMemo(
    () => (loaded ? loaded.forms.map((f) => ({ formId: f.formId, step: prepareStep(loaded, f.formId, f.formVersion) })) : []),
    [loaded],
  );
  const current = steps[0];

  useEffect(() => {
    // Anything left unsaved from before a lock goes out again now.
    for (const { step } of steps) if (step?.queue.hasUnsaved()) void step.queue.flush();
  }, [steps]);

  if (error) return <ErrorMessage error={error} />;
  if (!loaded || !current) return <p>{t('app.loading')}</p>;

  return (
    <div className="hearing">
      <header className="hearing-header">
        <h1>
          {t('hearing.title')} <span className="reference">{loaded.hearing.reference}</span>
        </h1>
        {current.step ? <SaveStatusLine queue={current.step.queue} /> : null}
      </header>
      <div className="hearing-body">
        <nav className="steps" aria-label={t('hearing.steps')}>
          <ol>
            {steps.map(({ formId, step }) => (
              <li key={formId} aria-current={formId === current.formId ? 'step' : undefined}>
                {step ? t(step.form.titleKey) : formId}
              </li>
            ))}
          </ol>
        </nav>
        {current.step ? (
          <StepForm form={current.step.form} initialAnswers={current.step.initialAnswers} queue={current.step.queue} readOnly={loaded.hearing.status !== 'open'} />
        ) : (
          <p className="error-banner" role="alert">
            {t('hearing.formUnavailable')}
          </p>
        )}
      </div>
    </div>
  );
}

/** "Saved" appears only after main confirmed the durable write; failures stay on screen. */
function SaveStatusLine({ queue }: { queue: AutosaveQueue }) {
  const { t, i18n } = useTranslation();
  const status = useSaveStatus(queue);
  switch (status.state) {
    case 'idle':
      return <p className="save-status" role="status" />;
    case 'pending':
    case 'saving':
      return (
        <p className="save-status saving" role="status" data-save-state={status.state}>
          {t('save.saving')}
        </p>
      );
    case 'saved':
      return (
        <p className="save-status saved" role="status" data-save-state="saved">
          {t('save.saved', { time: formatTime(status.savedAt, i18n.language) })}
        </p>
      );
    case 'error':
      return (
        <div className="save-status failed" role="alert" data-save-state="error">
          <p>{t('save.failed', { reason: t(`error.${status.error.code}`) })}</p>
          {status.error.code === 'STALE_REVISION' ? (
            <button type="button" onClick={() => void keepMyAnswers(queue)}>
              {t('save.keepMine')}
            </button>
          ) : (
            <button type="button" onClick={() => void queue.flush()}>
              {t('save.retry')}
            </button>
          )}
        </div>
      );
  }
}

/**
 * Another window saved some of these answers since this one loaded them. The officer chose her
 * own version: take the current revisions and send what is on this screen again.
 */
async function keepMyAnswers(queue: AutosaveQueue): Promise<void> {
  const result = await call('hearings.load', { hearingId: queue.hearingId });
  if (!result.ok) return;
  queue.setRevisions(result.value.answers.filter((a) => a.formId === queue.formId).map((a) => [a.fieldId, a.revision]));
  await queue.flush();
}
