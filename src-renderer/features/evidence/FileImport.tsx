import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItemView } from '../../../src-main/api/contract';
import { evidenceFilesByUpload, uploadEvidenceFile, type ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FormActions } from '../../ui';
import { sizeText } from './evidence-format';

/** Files come from main's own dialog (Electron) or the browser's file picker and an upload; never from a typed path. */
export function FileImport({
  hearingId,
  item,
  onImported,
}: {
  hearingId: string;
  item: EvidenceItemView;
  onImported: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  // The upload's refusal (browser host), or main's dialog import's (Electron).
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const importFiles = useMutation('evidence.importFiles');
  const error = uploadError ?? importFiles.error;
  const [done, setDone] = useState<number | null>(null);

  async function importChosen() {
    setUploadError(null);
    importFiles.setError(null);
    setDone(null);
    let imported = 0;
    if (evidenceFilesByUpload) {
      for (const file of chosen) {
        setProgress({ name: file.name, sent: 0, total: file.size });
        const result = await uploadEvidenceFile({ hearingId, itemId: item.id, file }, (sent, total) =>
          setProgress({ name: file.name, sent, total }),
        );
        if (!result.ok) {
          setUploadError(result.error);
          break;
        }
        imported += result.value.files.length;
      }
      setChosen([]);
      if (input.current) input.current.value = '';
    } else {
      setProgress({ name: '', sent: 0, total: 0 });
      const result = await importFiles.run({ hearingId, itemId: item.id });
      if (result.ok) imported = result.value.files.length;
    }
    setProgress(null);
    setDone(imported);
    await onImported();
  }

  return (
    <div className="evidence-import">
      {item.sensitivity === 'intimate' ? <p className="field-help">{t('evidence.intimateHint')}</p> : null}
      {evidenceFilesByUpload ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('evidence.files.choose', { label: item.label })}</label>
          <p id={`${id}-hint`} className="field-help">
            {t('evidence.files.hint')}
          </p>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            multiple
            aria-describedby={`${id}-hint`}
            disabled={progress !== null}
            onChange={(e) => setChosen(Array.from(e.target.files ?? []))}
          />
        </div>
      ) : (
        <p className="field-help">{t('evidence.files.hint')}</p>
      )}
      <FormActions>
        <button
          type="button"
          onClick={() => void importChosen()}
          disabled={progress !== null || (evidenceFilesByUpload && chosen.length === 0)}
        >
          {evidenceFilesByUpload ? t('evidence.files.import') : t('evidence.files.chooseAndImport')}
        </button>
      </FormActions>
      {progress ? (
        <div className="import-progress" role="status">
          {progress.total > 0 ? (
            <>
              <progress
                value={progress.sent}
                max={progress.total}
                aria-label={t('evidence.files.progressLabel', { name: progress.name })}
              />
              <span>
                {t('evidence.files.progress', {
                  name: progress.name,
                  sent: sizeText(progress.sent, i18n.language, t, false),
                  total: sizeText(progress.total, i18n.language, t, false),
                })}
              </span>
            </>
          ) : (
            <span>{t('evidence.files.importing')}</span>
          )}
        </div>
      ) : null}
      <ErrorMessage error={error} />
      {done !== null && done > 0 && !error ? (
        <p className="success" role="status">
          {t('evidence.files.importedCount', { count: done })}
        </p>
      ) : null}
    </div>
  );
}
