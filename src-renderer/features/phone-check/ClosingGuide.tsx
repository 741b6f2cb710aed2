import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OfficerKey } from '../../../forms/translation';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FieldError, FormActions } from '../../ui';

const STEPS = ['developerOptions', 'revoke', 'usbOff', 'unplug', 'safety'] as const;
const done = z.boolean().refine((v) => v, { error: 'phoneCheck.closing.required' satisfies OfficerKey });
const closingSchema = z.object({ usbDebuggingOff: done, authorisationRevoked: done });

/** §D4.4: USB debugging off and this computer's authorisation revoked, confirmed on her phone. */
export function ClosingGuide({ checkId, onDone }: { checkId: string; onDone: (check: PhoneCheckView) => void }) {
  const { t } = useTranslation();
  const confirm = useMutation('phoneCheck.confirmClosing');
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(closingSchema),
    defaultValues: { usbDebuggingOff: false, authorisationRevoked: false },
  });
  const submit = handleSubmit(async () => {
    const result = await confirm.run({ checkId, usbDebuggingOff: true, authorisationRevoked: true });
    if (result.ok) onDone(result.value.check);
  });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="phone-closing-title">
      <h4 id="phone-closing-title">{t('phoneCheck.closing.title')}</h4>
      <ol className="phone-guide">
        {STEPS.map((s) => (
          <li key={s}>{t(`phoneCheck.closing.steps.${s}`)}</li>
        ))}
      </ol>
      {(['authorisationRevoked', 'usbDebuggingOff'] as const).map((field) => (
        <div key={field} className="field">
          <label className="choice">
            <input
              type="checkbox"
              {...register(field)}
              aria-invalid={formState.errors[field] ? true : undefined}
              aria-describedby={formState.errors[field] ? `closing-${field}-error` : undefined}
            />{' '}
            {t(`phoneCheck.closing.${field}`)}
          </label>
          <FieldError id={`closing-${field}-error`} problem={formState.errors[field]?.message} />
        </div>
      ))}
      <ErrorMessage error={confirm.error} />
      <FormActions submit={t('phoneCheck.closing.submit')} pending={confirm.pending} />
    </form>
  );
}
