import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';
import { ClosingGuide } from './ClosingGuide';
import { ConsentStep } from './ConsentStep';
import { FindingsView } from './FindingsView';
import { ScanStep } from './ScanStep';
import { UsbGuide } from './UsbGuide';

const STEPS = ['consent', 'guide', 'scan', 'findings', 'closing'] as const;
type Step = (typeof STEPS)[number] | 'done';

/** Consent, the USB-debugging guide, the scan, the findings, the closing guide: one after the other. */
export function AndroidCheck({ hearingId, onClose }: { hearingId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('consent');
  const [check, setCheck] = useState<PhoneCheckView | null>(null);
  return (
    <div className="phone-check-flow" data-step={step}>
      <ol className="phone-check-steps" aria-label={t('phoneCheck.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'current' : undefined}>
            {i + 1}. {t(`phoneCheck.steps.${s}`)}
          </li>
        ))}
      </ol>
      {step === 'consent' ? (
        <ConsentStep
          hearingId={hearingId}
          onCancel={onClose}
          onDone={(c) => {
            setCheck(c);
            setStep('guide');
          }}
        />
      ) : null}
      {step === 'guide' && check ? (
        <UsbGuide
          checkId={check.id}
          onCancel={onClose}
          onStarted={(c) => {
            setCheck(c);
            setStep('scan');
          }}
        />
      ) : null}
      {step === 'scan' && check ? (
        <ScanStep
          checkId={check.id}
          onBackToGuide={() => setStep('guide')}
          onDone={(c) => {
            setCheck(c);
            setStep('findings');
          }}
        />
      ) : null}
      {step === 'findings' && check ? (
        <FindingsView hearingId={hearingId} check={check} onNext={() => setStep('closing')} />
      ) : null}
      {step === 'closing' && check ? (
        <ClosingGuide
          checkId={check.id}
          onDone={(c) => {
            setCheck(c);
            setStep('done');
          }}
        />
      ) : null}
      {step === 'done' ? (
        <div className="panel" role="status">
          <p>{t('phoneCheck.done', { label: check?.result?.evidenceLabel ?? '' })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={onClose}>
              {t('phoneCheck.backToStep')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
