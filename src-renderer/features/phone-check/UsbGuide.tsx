import { useTranslation } from 'react-i18next';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FormActions } from '../../ui';

export const USB_GUIDE_STEPS = [
  'safetyFirst',
  'visible',
  'about',
  'buildNumber',
  'developerOptions',
  'usbDebugging',
  'connect',
  'allow',
] as const;

/** §D4: enabling USB debugging on her phone, step by step, in the officer's language. */
export function UsbGuide({
  checkId,
  onStarted,
  onCancel,
}: {
  checkId: string;
  onStarted: (check: PhoneCheckView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const start = useMutation('phoneCheck.startScan');
  return (
    <form
      className="panel"
      aria-labelledby="phone-guide-title"
      onSubmit={(e) => {
        e.preventDefault();
        void start.run({ checkId }).then((result) => result.ok && onStarted(result.value.check));
      }}
    >
      <h4 id="phone-guide-title">{t('phoneCheck.guide.title')}</h4>
      <p>{t('phoneCheck.guide.intro')}</p>
      <ol className="phone-guide">
        {USB_GUIDE_STEPS.map((step) => (
          <li key={step}>{t(`phoneCheck.guide.steps.${step}`)}</li>
        ))}
      </ol>
      <p className="notice" role="note">
        {t('phoneCheck.guide.neverAlways')}
      </p>
      <ErrorMessage error={start.error} />
      <FormActions
        submit={t('phoneCheck.guide.start')}
        pending={start.pending}
        onCancel={onCancel}
        cancelLabel={t('phoneCheck.cancel')}
      />
    </form>
  );
}
