import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type ApiError } from '../../api/client';
import { ErrorMessage } from '../../ui';
import type { AutosaveQueue } from '../../form-engine/autosave';
import { useSaveStatus } from '../../form-engine/StepForm';
import { formatTime } from '../../i18n';

/**
 * "Saved" appears only after main confirmed the durable write; failures stay on screen. A step
 * left with a failed save keeps its failure in view from the other steps.
 */
export function SaveStatusLine({ queues, current }: { queues: AutosaveQueue[]; current: AutosaveQueue }) {
  const failed = queues.find((q) => q.getStatus().state === 'error');
  return <QueueStatus queue={failed ?? current} />;
}

function QueueStatus({ queue }: { queue: AutosaveQueue }) {
  const { t, i18n } = useTranslation();
  const status = useSaveStatus(queue);
  // Taking the current revisions can fail too (the connection, the session): said, never dropped.
  const [keepError, setKeepError] = useState<ApiError | null>(null);
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
            <button type="button" onClick={() => void keepMyAnswers(queue).then(setKeepError)}>
              {t('save.keepMine')}
            </button>
          ) : (
            <button type="button" onClick={() => void queue.flush()}>
              {t('save.retry')}
            </button>
          )}
          <ErrorMessage error={keepError} />
        </div>
      );
  }
}

/**
 * Another window saved some of these answers since this one loaded them. The officer chose her
 * own version: take the current revisions and send what is on this screen again. Returns why
 * the revisions could not be taken, or null.
 */
async function keepMyAnswers(queue: AutosaveQueue): Promise<ApiError | null> {
  const result = await call('hearings.load', { hearingId: queue.hearingId });
  if (!result.ok) return result.error;
  queue.setRevisions(result.value.answers.filter((a) => a.formId === queue.formId).map((a) => [a.fieldId, a.revision]));
  await queue.flush();
  return null;
}
