import { useTranslation } from 'react-i18next';
import { useMutation } from '../../data/use-channel';
import type { AutosaveQueue } from '../../form-engine/autosave';
import { useSaveStatus } from '../../form-engine/StepForm';
import { formatTime } from '../../i18n';
import { ErrorMessage } from '../../ui';

/** One step's save status: saving, saved at, or the failure with its way out (retry, or keep her answers). */
export function QueueStatus({ queue }: { queue: AutosaveQueue }) {
  const { t, i18n } = useTranslation();
  const status = useSaveStatus(queue);
  // Taking the current revisions can fail too (the connection, the session): said, never dropped.
  const current = useMutation('hearings.load');

  /**
   * Another window saved some of these answers since this one loaded them. The officer chose her
   * own version: take the current revisions and send what is on this screen again.
   */
  async function keepMyAnswers() {
    const result = await current.run({ hearingId: queue.hearingId });
    if (!result.ok) return;
    queue.setRevisions(
      result.value.answers.filter((a) => a.formId === queue.formId).map((a) => [a.fieldId, a.revision]),
    );
    await queue.flush();
  }
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
    case 'keptLocally':
      return (
        <p className="save-status kept" role="status" data-save-state="keptLocally">
          {t('save.keptLocally')}
        </p>
      );
    case 'invalid':
      return (
        <p className="save-status failed" role="status" data-save-state="invalid">
          {t('save.invalid')}
        </p>
      );
    case 'error':
      return (
        <div className="save-status failed" role="alert" data-save-state="error">
          <p>{t('save.failed', { reason: t(`error.${status.error.code}`) })}</p>
          {status.error.code === 'STALE_REVISION' ? (
            <button type="button" onClick={() => void keepMyAnswers()}>
              {t('save.keepMine')}
            </button>
          ) : (
            <button type="button" onClick={() => void queue.flush()}>
              {t('save.retry')}
            </button>
          )}
          <ErrorMessage error={current.error} />
        </div>
      );
  }
}
