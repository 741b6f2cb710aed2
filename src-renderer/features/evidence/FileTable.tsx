import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceFileView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { formatDateTime } from '../../i18n';
import { sizeText } from './evidence-format';

/** An item's files, each with its size, SHA-256 and a check that the stored copy is still the same. */
export function FileTable({ hearingId, files }: { hearingId: string; files: EvidenceFileView[] }) {
  const { t, i18n } = useTranslation();
  const [checks, setChecks] = useState<Record<string, 'checking' | 'ok' | 'missing' | 'altered' | 'failed'>>({});
  // A refused check reads 'failed' on its own file's line.
  const check = useMutation('evidence.verifyFile');
  async function verify(fileId: string) {
    setChecks((c) => ({ ...c, [fileId]: 'checking' }));
    const result = await check.run({ hearingId, fileId });
    setChecks((c) => ({
      ...c,
      [fileId]: result.ok ? (result.value.ok ? 'ok' : (result.value.problem ?? 'altered')) : 'failed',
    }));
  }
  return (
    <ul className="evidence-files">
      {files.map((f) => {
        const result = checks[f.id];
        return (
          <li key={f.id} data-file-name={f.originalName}>
            <p className="file-line">
              <strong className="file-name">{f.originalName}</strong> ·{' '}
              <span className="file-size">{sizeText(f.size, i18n.language, t)}</span> ·{' '}
              <span className="muted">
                {t('evidence.files.importedBy', {
                  time: formatDateTime(f.importedAt, i18n.language),
                  name: f.importedByName,
                })}
              </span>
            </p>
            <p className="file-line">
              <span className="sha256-label">SHA-256</span>{' '}
              <code className="sha256" translate="no" data-sha256={f.sha256}>
                {f.sha256}
              </code>
            </p>
            <p className="file-line">
              <button
                type="button"
                className="small"
                onClick={() => void verify(f.id)}
                disabled={result === 'checking'}
                aria-label={t('evidence.files.verifyFile', { name: f.originalName })}
              >
                {t('evidence.files.verify')}
              </button>{' '}
              <span
                role="status"
                className={result === 'ok' ? 'success' : result && result !== 'checking' ? 'field-error' : undefined}
              >
                {result ? t(`evidence.files.result.${result}`) : ''}
              </span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
