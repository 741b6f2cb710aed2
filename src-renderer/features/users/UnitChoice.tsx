import { useTranslation } from 'react-i18next';
import type { UnitView } from '../../../src-main/api/contract';
import { UnitSelect } from './UnitSelect';
import type { Role } from './user-forms';

/** Officers and supervisors choose a unit; administrators are told they have none. */
export function UnitChoice({
  id,
  role,
  units,
  error,
  registration,
}: {
  id: string;
  role: Role;
  units: UnitView[];
  error: string | undefined;
  registration: object;
}) {
  const { t } = useTranslation();
  if (role === 'administrator') return <p className="field-help">{t('users.administratorsHaveNoUnit')}</p>;
  return <UnitSelect id={id} units={units} error={error} registration={registration} />;
}
