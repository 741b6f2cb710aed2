import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OfficerKey } from '../../../forms/translation';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FieldError, FormActions } from '../../ui';
import { PHONE_OWNERS } from '../../../domain/phone-check';
import { PhoneOwnerField } from './PhoneOwnerField';

const POINTS = ['whatIsRead', 'nothingChanged', 'removalRisk', 'whatGoesInFile'] as const;
const agreed = z.boolean().refine((v) => v, { error: 'phoneCheck.consent.required' satisfies OfficerKey });
const consentSchema = z.object({
  phoneOf: z.enum(PHONE_OWNERS),
  whatIsRead: agreed,
  nothingChanged: agreed,
  removalRisk: agreed,
  whatGoesInFile: agreed,
});

/** Her consent (§D4.1): each point read to her and agreed, and whose phone it is. */
export function ConsentStep({
  hearingId,
  onDone,
  onCancel,
}: {
  hearingId: string;
  onDone: (check: PhoneCheckView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const record = useMutation('phoneCheck.recordConsent');
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(consentSchema),
    defaultValues: {
      phoneOf: 'victim' as const,
      whatIsRead: false,
      nothingChanged: false,
      removalRisk: false,
      whatGoesInFile: false,
    },
  });
  const submit = handleSubmit(async (values) => {
    const result = await record.run({
      hearingId,
      phoneOf: values.phoneOf,
      consent: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
    });
    if (result.ok) onDone(result.value.check);
  });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="phone-consent-title">
      <h4 id="phone-consent-title">{t('phoneCheck.consent.title')}</h4>
      <p>{t('phoneCheck.consent.intro')}</p>
      <PhoneOwnerField registration={register('phoneOf')} />
      <fieldset className="field consent-points">
        <legend>{t('phoneCheck.consent.readOut')}</legend>
        {POINTS.map((point) => (
          <div key={point} className="consent-point">
            <label className="choice">
              <input
                type="checkbox"
                {...register(point)}
                aria-invalid={formState.errors[point] ? true : undefined}
                aria-describedby={formState.errors[point] ? `consent-${point}-error` : undefined}
              />{' '}
              <strong>{t(`phoneCheck.consent.points.${point}`)}</strong>
            </label>
            <p className="field-help">{t(`phoneCheck.consent.explain.${point}`)}</p>
            <FieldError id={`consent-${point}-error`} problem={formState.errors[point]?.message} />
          </div>
        ))}
      </fieldset>
      <ErrorMessage error={record.error} />
      <FormActions
        submit={t('phoneCheck.consent.submit')}
        pending={record.pending}
        onCancel={onCancel}
        cancelLabel={t('phoneCheck.cancel')}
      />
    </form>
  );
}
