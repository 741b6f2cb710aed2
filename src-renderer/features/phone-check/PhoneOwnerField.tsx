import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PHONE_OWNERS } from '../../../domain/phone-check';

/** Whose phone is checked (hers, or her child's with her consent as a parent): the consent and the iPhone checklist ask it alike. */
export function PhoneOwnerField({ registration }: { registration: UseFormRegisterReturn<'phoneOf'> }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field">
      <legend>{t('phoneCheck.consent.phoneOf')}</legend>
      {PHONE_OWNERS.map((owner) => (
        <label key={owner} className="choice">
          <input type="radio" value={owner} {...registration} /> {t(`phoneCheck.phoneOf.${owner}`)}
        </label>
      ))}
    </fieldset>
  );
}
