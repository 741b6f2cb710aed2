import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, LoadState } from '../../ui';

const POLL_MS = 400;
/** Each phase's share of the bar, in order (the per-package phase is the long one). */
const PHASES = [
  ['device', 0, 3],
  ['inventory', 3, 12],
  ['settings', 12, 20],
  ['packages', 20, 80],
  ['apks', 80, 95],
  ['matching', 95, 99],
  ['done', 100, 100],
] as const;

export function percentOf(progress: PhoneCheckView['progress'], status: PhoneCheckView['status']): number {
  if (status === 'done' || status === 'storing') return 100;
  if (!progress) return 0;
  const [, from, to] = PHASES.find(([phase]) => phase === progress.phase) ?? PHASES[0];
  const share = progress.total > 0 ? progress.done / progress.total : 0;
  return Math.round(from + (to - from) * share);
}

/** The scan running in main, polled: a progress bar, then its result, or why it failed and how to go on. */
export function ScanStep({
  checkId,
  onDone,
  onBackToGuide,
}: {
  checkId: string;
  onDone: (check: PhoneCheckView) => void;
  onBackToGuide: () => void;
}) {
  const { t } = useTranslation();
  const progress = useChannel('phoneCheck.progress', { checkId });
  const retry = useMutation('phoneCheck.startScan');
  const check = progress.data?.check;
  const running = check?.status === 'scanning' || check?.status === 'storing';
  useEffect(() => {
    if (check?.status === 'done') onDone(check);
    if (!running) return;
    const timer = setTimeout(() => void progress.reload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [check, running, onDone, progress]);

  return (
    <div className="panel" aria-labelledby="phone-scan-title">
      <h4 id="phone-scan-title">{t('phoneCheck.scan.title')}</h4>
      <LoadState data={progress.data} error={progress.error} reload={progress.reload}>
        {({ check: c }) =>
          c.status === 'failed' ? (
            <div data-failure={c.failure}>
              <p className="error-banner" role="alert">
                {t(`phoneCheck.failure.${c.failure ?? 'storage-failed'}`)}
              </p>
              <p>{t('phoneCheck.scan.nothingStored')}</p>
              <ErrorMessage error={retry.error} />
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={retry.pending}
                  onClick={() => void retry.run({ checkId }).then(() => progress.reload())}
                >
                  {t('phoneCheck.scan.retry')}
                </button>
                <button type="button" onClick={onBackToGuide}>
                  {t('phoneCheck.scan.backToGuide')}
                </button>
              </div>
            </div>
          ) : (
            <div role="status" aria-live="polite">
              <label htmlFor="phone-scan-progress">
                {t(`phoneCheck.scan.phase.${c.progress?.phase ?? (c.status === 'storing' ? 'done' : 'device')}`)}
                {c.progress && c.progress.total > 1 ? ` (${c.progress.done}/${c.progress.total})` : ''}
              </label>
              <progress id="phone-scan-progress" max={100} value={percentOf(c.progress, c.status)}>
                {percentOf(c.progress, c.status)}%
              </progress>
              <p className="field-help">{t('phoneCheck.scan.keepConnected')}</p>
            </div>
          )
        }
      </LoadState>
    </div>
  );
}
