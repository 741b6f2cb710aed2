import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { promptAnswer } from '../../../forms/digital/digital-form';
import type { Answers } from '../../../forms/engine';
import { useRoute } from '../../app/navigation';
import { useChannel } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { AndroidCheck } from './AndroidCheck';
import { IphoneChecklist } from './IphoneChecklist';
import { StoredChecks } from './StoredChecks';
import './phone-check.css';

/** The prompts whose yes points to stalkerware or to someone at her phone (digital-violence.md G1.4, G2). */
export const PHONE_CHECK_PROMPTS = ['G1.4', 'G2.1', 'G2.2', 'G2.4'];

/**
 * The phone check, offered in the digital-violence step (digital-violence.md §D): always there,
 * suggested when her answers to G2 (or G1.4) point to stalkerware. Opens the Android check or the
 * iPhone checklist in place, and lists the checks already in the evidence register.
 */
export function PhoneCheckEntry({
  digitalAnswers,
  onChanged,
}: {
  digitalAnswers: Partial<Answers>;
  /** A check stored may have answered the risk step's device check (R11): the hearing reads it again. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const route = useRoute();
  const hearingId = route.screen === 'hearing' ? route.hearingId : null;
  const overview = useChannel('phoneCheck.overview', hearingId ? { hearingId } : null);
  const stored = useChannel('phoneCheck.stored', hearingId ? { hearingId } : null);
  const [open, setOpen] = useState<'android' | 'iphone' | null>(null);
  if (!hearingId) return null;
  // A supervisor reading the hearing is not its owner: the check is not hers to run.
  if (overview.error?.code === 'FORBIDDEN') return null;
  const suggested = PHONE_CHECK_PROMPTS.filter((p) => promptAnswer(digitalAnswers, p) === 'yes');
  const data = overview.data;
  const close = () => {
    setOpen(null);
    void overview.reload();
    void stored.reload();
    onChanged();
  };

  return (
    <section className="phone-check" aria-labelledby="phone-check-title" data-phone-check>
      <h3 id="phone-check-title">{t('phoneCheck.title')}</h3>
      {suggested.length > 0 ? (
        <p className="notice warning" role="note" data-suggested>
          {t('phoneCheck.suggested', { prompts: suggested.join(', ') })}
        </p>
      ) : null}
      <ErrorMessage error={overview.error} />
      {open === null ? (
        <>
          <p className="field-help">{t('phoneCheck.intro')}</p>
          {data && !data.indicators.available ? (
            <p className="error-banner" role="alert">
              {t('phoneCheck.indicatorsUnavailable', { reason: data.indicators.refusal ?? '?' })}
            </p>
          ) : null}
          {data && !data.hearingOpen ? <p className="notice">{t('phoneCheck.hearingClosed')}</p> : null}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!data?.hearingOpen || !data.indicators.available}
              onClick={() => setOpen('android')}
            >
              {t('phoneCheck.startAndroid')}
            </button>
            <button type="button" disabled={!data?.hearingOpen} onClick={() => setOpen('iphone')}>
              {t('phoneCheck.startIphone')}
            </button>
          </div>
          {data?.indicators.available ? (
            <p className="field-help">
              {t('phoneCheck.indicators', {
                commit: data.indicators.commit?.slice(0, 12) ?? '',
                date: data.indicators.date?.slice(0, 10) ?? '',
                apps: data.indicators.apps,
              })}
            </p>
          ) : null}
        </>
      ) : open === 'android' ? (
        <AndroidCheck hearingId={hearingId} onClose={close} />
      ) : (
        <IphoneChecklist hearingId={hearingId} checklist={data?.iphoneChecklist ?? []} onClose={close} />
      )}
      {open === null && stored.data && stored.data.items.length > 0 ? (
        <StoredChecks hearingId={hearingId} items={stored.data.items} />
      ) : null}
    </section>
  );
}
