import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../src-main/api/contract';
import { describedBy, FieldError } from '../../ui/FieldError';

export function UnitSelect({
  id,
  units,
  error,
  registration,
}: {
  id: string;
  units: UnitView[];
  error: string | undefined;
  registration: object;
}) {
  const { t } = useTranslation();
  const noUnits = units.length === 0;
  return (
    <div className="field">
      <label htmlFor={id}>{t('users.unit')}</label>
      {noUnits ? (
        <p id={`${id}-hint`} className="field-help">
          {t('users.noUnitsYet')}
        </p>
      ) : null}
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, noUnits, error)}
        {...registration}
      >
        <option value="">{t('users.chooseUnit')}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} problem={error} />
    </div>
  );
}
